"""What the analysis layer costs: the time spent building predicate–argument frames, as a share of a build.

    python bench/bench_analysis.py              # the first 150 Wikinews articles
    python bench/bench_analysis.py --limit 400

Parses the articles once (timed), extracts every relation from them (timed), and times the frame analysis on its
own over the same sentences; prints each as a share of parse + extract, measured in the same run. The issue's
budget: the analysis costs at most 10% of the build's throughput.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "jawikinews.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=150)
    args = ap.parse_args()

    from kg import lexicon, nlp
    from kg.analysis import frames
    from kg.extract import Extractor
    from kg.model import Article

    model = nlp.load()
    lex = lexicon.load()
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[: args.limit]
    articles = [Article(r["id"], r["text"], "bench") for r in map(json.loads, lines)]

    t0 = time.perf_counter()
    parsed = list(nlp.parse(articles, nlp=model))
    t_parse = time.perf_counter() - t0

    extractor = Extractor(lex)
    t0 = time.perf_counter()
    for article, docs in parsed:
        extractor(article, docs)
    t_extract = time.perf_counter() - t0

    # the analysis alone, on the sentences the extractor cut (kg.extract.context.analyse without frames)
    from kg.extract import context
    from kg.resolve.dates import Reference

    paragraphs = []
    for article, docs in parsed:
        extractor.resolver.reset(None)
        for offset, doc in docs:
            paragraphs.append(context.analyse(doc, article, offset, extractor.resolver, [],
                                              Reference(None, None, None)))
    t0 = time.perf_counter()
    n = 0
    for para in paragraphs:
        for sent in para.sentences:
            frames(para.doc, sent)
            n += 1
    t_frames = time.perf_counter() - t0

    total = t_parse + t_extract
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars} characters, {n} sentences")
    print(f"parse {t_parse:.1f} s, extract {t_extract:.1f} s (frames included), frames alone {t_frames:.1f} s")
    print(f"frames: {t_frames / total:.1%} of parse + extract; throughput without them would be "
          f"{total / (total - t_frames):.3f}× (budget: ≤ 1.111×, i.e. overhead ≥ 0.9)")


if __name__ == "__main__":
    main()
