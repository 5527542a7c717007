"""Open-domain precision: draw facts from Wikinews articles nobody tuned the rules to, and score judged samples.

    python bench/precision_sample.py draw      # build 300 held-back articles, write bench/precision/sample.jsonl
    python bench/precision_sample.py score     # precision per relation and per confidence band from judgments

`draw` takes 300 articles of ../shared/corpus/jawikinews.jsonl, chosen with a fixed seed among those that are not
sources of ../shared/eval/dev-wide.jsonl (the development set), builds them with the real pipeline and samples
up to ``--per`` facts of each relation (said, demands, meetings), also with a fixed seed, so the same code draws
the same sample. Each line of the sample carries the fact, its confidence, its rule and the evidence sentence.

Judgments live in bench/precision/judgments.jsonl, one line per sample line (same ``key``) with ``ok`` (true /
false: strictly right — speaker and claim span; demander, measure and addressee; meeting, participants, date and
place, one node per event) and a short ``why``. `score` joins the two and prints the table the README quotes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "jawikinews.jsonl"
DEV_WIDE = ROOT.parent / "shared" / "eval" / "dev-wide.jsonl"
OUT = ROOT / "bench" / "precision"
BANDS = ((0.0, 0.6), (0.6, 0.75), (0.75, 1.01))


def held_back(n: int, seed: int) -> list[dict]:
    """``n`` corpus records, none a source of the development set, drawn with ``seed``."""
    dev = {json.loads(line)["source"] for line in DEV_WIDE.read_text(encoding="utf-8").splitlines() if line.strip()}
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = [r for r in records if r["id"] not in dev and len(r["text"]) > 200]
    return random.Random(seed).sample(pool, n)


def draw(args: argparse.Namespace) -> None:
    from kg.ingest import read_inputs
    from kg.model import Article
    from kg.pipeline import process_batch

    pool = held_back(args.articles * 3, args.seed)
    chosen = pool[: args.articles]
    facts = _facts(chosen, read_inputs, Article, process_batch)
    if len(facts["demands"]) < args.per:  # demands are rare: read on into the next held-back articles for them
        more = _facts(pool[args.articles :], read_inputs, Article, process_batch)
        facts["demands"] += more["demands"]
        print(f"demands: read {len(pool)} articles for them", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    lines = []
    for rel in ("said", "demands", "meetings"):
        found = facts[rel]
        picked = rng.sample(found, min(args.per, len(found)))
        for i, f in enumerate(picked):
            lines.append({"key": f"{rel}-{i:03d}", "relation": rel, **f})
        print(f"{rel}: {len(found)} facts, {len(picked)} sampled", file=sys.stderr)
    (OUT / "sample.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                      encoding="utf-8")


def _facts(chosen: list[dict], read_inputs, Article, process_batch) -> dict[str, list[dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample-corpus.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], "title": r.get("title")},
                                           ensure_ascii=False) + "\n" for r in chosen), encoding="utf-8")
        articles = [a for a in read_inputs([path]) if isinstance(a, Article)]
        works = process_batch([(a, False) for a in articles])
    facts: dict[str, list[dict]] = defaultdict(list)
    for w in works:
        ex = w.extraction
        if ex is None:
            continue
        doc = ex.article.id
        for q in ex.quotes:
            facts["said"].append({"doc": doc, "speaker": q.speaker.label, "claim": q.text,
                                  "confidence": q.confidence, "rule": q.evidence.rule, "sentence": q.evidence.sentence})
        for d in ex.demands:
            facts["demands"].append({"doc": doc, "demander": d.demander.label, "measure": d.measure,
                                     "addressee": d.addressee.label if d.addressee else None,
                                     "confidence": d.confidence, "rule": d.evidence.rule,
                                     "sentence": d.evidence.sentence})
        for m in ex.meetings:
            facts["meetings"].append({"doc": doc, "label": m.label, "date": m.date.isoformat() if m.date else None,
                                      "date_text": m.date_text, "participants": [p.label for p in m.participants],
                                      "place": m.place, "status": m.status, "confidence": m.confidence,
                                      "rule": m.evidence.rule, "sentence": m.evidence.sentence,
                                      "others_in_doc": sum(1 for o in ex.meetings if o is not m)})
    return facts


def score(args: argparse.Namespace) -> None:
    sample = {json.loads(x)["key"]: json.loads(x) for x in (OUT / "sample.jsonl").read_text("utf-8").splitlines()}
    judged = [json.loads(x) for x in (OUT / "judgments.jsonl").read_text("utf-8").splitlines() if x.strip()]
    per: dict[str, list[bool]] = defaultdict(list)
    band: dict[tuple[str, int], list[bool]] = defaultdict(list)
    for j in judged:
        fact = sample[j["key"]]
        per[fact["relation"]].append(bool(j["ok"]))
        b = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= fact["confidence"] < hi)
        band[(fact["relation"], b)].append(bool(j["ok"]))
    print("| relation | judged | precision | " + " | ".join(f"conf {lo:.2f}–{min(hi, 1):.2f}" for lo, hi in BANDS)
          + " |")
    print("|---|---|---|" + "---|" * len(BANDS))
    for rel in ("said", "demands", "meetings"):
        oks = per[rel]
        cells = []
        for b in range(len(BANDS)):
            x = band[(rel, b)]
            cells.append(f"{sum(x) / len(x):.2f} ({sum(x)}/{len(x)})" if x else "–")
        prec = f"{sum(oks) / len(oks):.2f}" if oks else "–"
        print(f"| {rel} | {len(oks)} | {prec} | " + " | ".join(cells) + " |")


def run(doc: str, draw, score, *, per: bool) -> None:
    """The `draw` / `score` command line both held-back checks share (the same 300 articles, the same seed)."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--articles", type=int, default=300)
    if per:
        d.add_argument("--per", type=int, default=40)
    d.add_argument("--seed", type=int, default=12)
    sub.add_parser("score")
    args = p.parse_args()
    {"draw": draw, "score": score}[args.cmd](args)


def main() -> None:
    run(__doc__, draw, score, per=True)


if __name__ == "__main__":
    main()
