"""Score a graph built from gold paragraphs (GOLD_FORMAT.md): precision, recall, F1 per relation.

The matching rules are the shared scorer's (../shared/eval/score.py): actors by label or alias after
dropping titles, claims and measures by character-bigram Dice ≥ 0.5, dates exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from kg.model import Article

_TITLE_WORDS = """氏 さん 大統領 前大統領 元大統領 副大統領 首相 前首相 外相 国務長官 国防長官 財務長官 長官 副長官
    国務副長官 国務次官 報道官 大統領報道官 事務総長 外務次官 次官 大統領補佐官 補佐官 大使 議長 代表
    総理 総理大臣 外務大臣 大臣 特使 書記長 国家主席 主席 首脳 政府 高官 当局 外務省 大統領府"""
TITLES = sorted(_TITLE_WORDS.split(), key=len, reverse=True)


def read_gold(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: malformed JSON ({e.msg})") from None
    return out


def gold_articles(records: list[dict], source: str) -> list[Article]:
    arts = []
    for r in records:
        date = dt.date.fromisoformat(r["doc_date"]) if r.get("doc_date") else None
        arts.append(Article(id=r["id"], text=r["text"], source=source, date=date))
    return arts


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"[\s「」『』\"'“”‘’()（）【】\[\]]", "", s)


def actor_keys(s: str) -> set[str]:
    s = norm(s)
    keys = {s}
    for t in TITLES:
        if s.endswith(t) and len(s) > len(t):
            keys.add(s[: -len(t)])
    return {k for k in keys if k}


def actor_match(labels: set[str], names: list[str]) -> bool:
    g = set().union(*(actor_keys(n) for n in names if n)) if names else set()
    s = set().union(*(actor_keys(n) for n in labels)) if labels else set()
    return any(a == b or (len(a) >= 2 and len(b) >= 2 and (a in b or b in a)) for a in s for b in g)


def dice(a: str, b: str) -> float:
    def bigrams(s: str) -> Counter:
        s = norm(s)
        return Counter(s[i : i + 2] for i in range(len(s) - 1)) if len(s) > 1 else Counter([s] if s else [])

    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * sum((x & y).values()) / (sum(x.values()) + sum(y.values()))


def _facts(graph) -> dict:
    """Per document id: said, demands and dated meetings found in the graph."""
    from rdflib import RDFS, Literal
    from rdflib.namespace import DCTERMS, PROV, SKOS

    from kg.vocab import KG

    def labels(n):
        return {str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(n, p) if isinstance(o, Literal)}

    doc_id = {d: str(o) for d, o in graph.subject_objects(DCTERMS.identifier)}
    res: dict = {}

    def bucket(node):
        ids = {doc_id[d] for d in graph.objects(node, PROV.wasDerivedFrom) if d in doc_id}
        return [res.setdefault(i, {"said": [], "demands": [], "meetings": []}) for i in ids]

    for a, c in graph.subject_objects(KG.said):
        for b in bucket(c):
            b["said"].append({"speaker": labels(a), "claim": str(graph.value(c, KG.text) or "")})
    for a, m in graph.subject_objects(KG.demands):
        addr = set().union(*(labels(x) for x in graph.objects(m, KG.addressee))) if graph.value(m, KG.addressee) \
            else set()
        for b in bucket(m):
            b["demands"].append({"demander": labels(a), "measure": [str(x) for x in labels(m)], "addressee": addr})
    for mt, date in graph.subject_objects(KG.heldOn):
        parts = [labels(x) for x in graph.objects(mt, KG.participant)]
        for b in bucket(mt):
            b["meetings"].append({"date": str(date)[:10], "participants": parts})
    return res


def score(gold: list[dict], graph) -> dict:
    found = _facts(graph)
    tot = {k: Counter() for k in ("said", "demands", "held_on", "participant")}
    misses: list[tuple] = []
    for rec in gold:
        f = found.get(rec["id"], {"said": [], "demands": [], "meetings": []})
        _match(rec.get("said", []), f["said"], tot["said"], misses, rec["id"], "said",
               lambda g, s: actor_match(s["speaker"], [g["speaker"], *g.get("speaker_aliases", [])])
               and dice(s["claim"], g["claim"]) >= 0.5, lambda g: (g["speaker"], g["claim"][:40]))
        _match(rec.get("demands", []), f["demands"], tot["demands"], misses, rec["id"], "demands",
               lambda g, s: actor_match(s["demander"], [g["demander"], *g.get("demander_aliases", [])])
               and any(dice(m, g["measure"]) >= 0.5 for m in s["measure"]), lambda g: (g["demander"], g["measure"]))
        used: set[int] = set()
        for gm in rec.get("meetings", []):
            if not gm.get("date"):
                continue
            hit = next((i for i, sm in enumerate(f["meetings"]) if i not in used and sm["date"] == gm["date"]), None)
            parts = gm.get("participants") or []
            if hit is None:
                tot["held_on"]["fn"] += 1
                tot["participant"]["fn"] += len(parts)
                misses.append((rec["id"], "held_on", gm.get("label"), gm["date"]))
                continue
            used.add(hit)
            tot["held_on"]["tp"] += 1
            sp, pu = f["meetings"][hit]["participants"], set()
            for gp in parts:
                j = next((j for j, lab in enumerate(sp) if j not in pu and actor_match(lab, [gp])), None)
                if j is None:
                    tot["participant"]["fn"] += 1
                else:
                    pu.add(j)
                    tot["participant"]["tp"] += 1
            tot["participant"]["fp"] += len(sp) - len(pu)
        tot["held_on"]["fp"] += len(f["meetings"]) - len(used)
    out: dict = {}
    for k, v in tot.items():
        tp, fp, fn = v["tp"], v["fp"], v["fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[k] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}
    out["macro_f1"] = round(sum(out[k]["f1"] for k in ("said", "demands", "held_on")) / 3, 3)
    out["_misses"] = misses
    out["_found"] = found
    return out


def _match(gold_items, sys_items, tot, misses, rid, rel, ok, show) -> None:
    used: set[int] = set()
    for g in gold_items:
        hit = next((i for i, s in enumerate(sys_items) if i not in used and ok(g, s)), None)
        if hit is None:
            tot["fn"] += 1
            misses.append((rid, rel, *show(g)))
        else:
            used.add(hit)
            tot["tp"] += 1
    tot["fp"] += len(sys_items) - len(used)


def evaluate_gold(gold_path: Path, *, out: Path | None = None) -> dict:
    """Build a graph from the gold paragraphs (id, text, doc_date) and score it."""
    from kg import store
    from kg.pipeline import build_articles

    gold = read_gold(gold_path)
    result = build_articles(gold_articles(gold, str(gold_path)))
    if out is not None:
        store.save(result.graph, out)
    return score(gold, result.graph)
