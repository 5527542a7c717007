"""Actors you can trust: the actors a build of held-back Wikinews articles gives, drawn for reading by hand.

    python bench/actor_sample.py draw      # build 300 held-back articles, draw bench/actors/top50, sample100
    python bench/actor_sample.py score     # verdicts → sensible top actors, wrong types, outlets among speakers

`draw` builds the same 300 articles as bench/precision_sample.py (not sources of the development set, fixed seed)
through the real pipeline (corpus-wide type and people merges included), ranks the actors by the facts they take
part in (speaker, demander, addressee, participant) and writes the 50 with the most, then 100 drawn with a fixed seed
among all actors that carry a fact. Each line has the actor's label, type, Wikidata link, surface forms, fact count
and up to three evidence sentences.

Verdicts live beside them (bench/actors/top50-judged.jsonl, sample100-judged.jsonl): the same lines with ``ok``
(a sensible actor: a real person, state or organisation, one node, a clean label) and ``type_ok`` (its type is right)
and a short ``why``. `score` prints the figures the README quotes; outlets among speakers are counted by the lexicon's
media suffixes, without judgment.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from precision_sample import held_back, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "actors"


def _graph(records: list[dict]):
    from kg.ingest import read_inputs
    from kg.pipeline import build_articles

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "actor-sample.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], "title": r.get("title")},
                                           ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return build_articles(read_inputs([path])).graph


def _actors(g) -> list[dict]:
    from rdflib import OWL, RDF, RDFS
    from rdflib.namespace import SKOS

    from kg.vocab import KG

    roles: dict = defaultdict(lambda: defaultdict(int))
    sentences: dict = defaultdict(list)

    def note(actor, role, fact) -> None:
        roles[actor][role] += 1
        ev = g.value(fact, KG.evidence)
        s = g.value(ev, KG.sentence) if ev is not None else None
        if s is not None and len(sentences[actor]) < 3 and str(s) not in sentences[actor]:
            sentences[actor].append(str(s))

    for a, claim in g.subject_objects(KG.said):
        note(a, "speaker", claim)
    for a, m in g.subject_objects(KG.demands):
        note(a, "demander", m)
    for m, a in g.subject_objects(KG.addressee):
        note(a, "addressee", m)
    for m, a in g.subject_objects(KG.participant):
        note(a, "participant", m)
    types = {KG.Person: "Person", KG.State: "State", KG.Organization: "Organization", KG.Actor: "Actor"}
    out = []
    for a, r in roles.items():
        out.append({
            "actor": str(a),
            "label": str(g.value(a, RDFS.label)),
            "type": sorted(types[t] for t in g.objects(a, RDF.type) if t in types),
            "wikidata": [str(x) for x in g.objects(a, OWL.sameAs)],
            "surfaces": sorted(str(x) for x in g.objects(a, SKOS.altLabel)),
            "facts": sum(r.values()),
            "roles": dict(sorted(r.items())),
            "evidence": sentences[a],
        })
    return sorted(out, key=lambda x: (-x["facts"], x["label"]))


def draw(args: argparse.Namespace) -> None:
    actors = _actors(_graph(held_back(args.articles * 3, args.seed)[: args.articles]))
    OUT.mkdir(parents=True, exist_ok=True)
    top = actors[:50]
    sample = random.Random(args.seed).sample(actors, min(100, len(actors)))
    for name, rows in (("top50", top), ("sample100", sample)):
        (OUT / f"{name}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows),
                                           encoding="utf-8")
    print(f"{len(actors)} actors carry a fact; wrote top50.jsonl and sample100.jsonl", file=sys.stderr)


def score(args: argparse.Namespace) -> None:
    from kg import lexicon

    lex = lexicon.load()

    def judged(name: str) -> list[dict]:
        path = OUT / f"{name}-judged.jsonl"
        return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()] if path.exists() else []

    top, sample = judged("top50"), judged("sample100")
    drawn = [json.loads(x) for x in (OUT / "top50.jsonl").read_text("utf-8").splitlines() if x.strip()]
    outlets = [x["label"] for x in drawn if x["roles"].get("speaker") and lex.is_media(x["label"])]
    if top:
        print(f"top 50 actors sensible: {sum(bool(x['ok']) for x in top)}/{len(top)}")
    if sample:
        wrong = sum(not x["type_ok"] for x in sample)
        print(f"wrong types in the sample: {wrong}/{len(sample)} ({wrong / len(sample):.0%})")
    print(f"outlets among the top 50's speakers: {len(outlets)} {outlets}")


def main() -> None:
    run(__doc__, draw, score, per=False)


if __name__ == "__main__":
    main()
