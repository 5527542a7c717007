"""Build throughput against the parser's own, parallel speed-up, incremental rebuilds and memory.

    python bench/bench_build.py                       # the seeds and the first 400 Wikinews articles
    python bench/bench_build.py --limit 0             # the whole Wikinews corpus (about 3 M characters)
    python bench/bench_build.py --limit 150 --json    # one JSON line per corpus
    python bench/bench_build.py --parse all           # every sentence parsed (kg build --parse all)

Every figure is a ratio of two timings taken in the same run, since these machines are shared and noisy:
- overhead: end-to-end `build_files` characters/s over bare `nlp.pipe` characters/s on the same pieces with
  the same components, both counting every character of the articles (target ≥ 1.6 with `--parse cues`, the
  default, where only the sentences kg.cues keeps are parsed; ≥ 0.9 with `--parse all`);
- jobs: `--jobs 2` throughput over one process, same graph (target ≥ 1.7);
- incremental: rebuilding after adding 10 new articles, cache warm, over the full cold build (target ≤ 5%),
  and the graph equals a full rebuild's;
- memory: peak RSS of a build of N and of 4×N articles (each in its own process).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "jawikinews.jsonl"


def subset(path: Path, out: Path, *, start: int, count: int, copies: int = 1) -> int:
    """Write records [start, start+count) of a JSONL corpus (``copies`` times, with fresh ids); return chars."""
    lines = path.read_text(encoding="utf-8").splitlines()
    chosen = lines[start : start + count] if count else lines[start:]
    chars = 0
    with out.open("w", encoding="utf-8") as f:
        for c in range(copies):
            for line in chosen:
                rec = json.loads(line)
                rec["id"] = f"{rec['id']}-{c}" if copies > 1 else rec["id"]
                chars += len(rec["text"])
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return chars


def bare_pipe(inputs: list[Path]) -> tuple[float, int]:
    """Seconds and characters for nlp.pipe alone over exactly the pieces the build parses."""
    from kg import ingest, nlp

    texts = [p for a in ingest.read_inputs(inputs) if hasattr(a, "text") for _, p in nlp.pieces(nlp.clean(a.text))]
    model = nlp.load()
    list(model.pipe(texts[:8]))  # warm up
    t = time.perf_counter()
    for _ in model.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t, sum(map(len, texts))


def build(inputs: list[Path], **kw) -> tuple[float, object]:
    from kg.pipeline import build_files

    t = time.perf_counter()
    result = build_files(inputs, **kw)
    return time.perf_counter() - t, result


def peak_rss_mb(inputs: list[Path], parse: str = "all") -> float:
    """Peak RSS of a whole `kg build` in a child process (no cache)."""
    code = ("import sys, resource; from pathlib import Path; from kg.pipeline import build_files; "
            "build_files([Path(p) for p in sys.argv[2:]], parse=sys.argv[1]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, parse, *map(str, inputs)], check=True, capture_output=True,
                         text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=400, help="articles of the corpus to use (0: all)")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-incremental", action="store_true")
    ap.add_argument("--parse", choices=("all", "cues"), default="cues", help="what the builds parse (kg build --parse)")
    ap.add_argument("--json", action="store_true", help="one JSON line per corpus instead of tables")
    args = ap.parse_args()
    say = (lambda *a, **k: None) if args.json else print

    from rdflib.compare import isomorphic

    from kg import nlp

    nlp.load()  # model load is not part of any figure
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base, extra = tmp / "base.jsonl", tmp / "new.jsonl"
        limit = args.limit or 10**9
        chars = subset(args.corpus, base, start=0, count=args.limit)
        subset(args.corpus, extra, start=limit, count=10)
        for name, inputs in (("seeds", [ROOT / "seeds"]), (f"wikinews[{args.limit or 'all'}]", [base])):
            pipe_s, pipe_chars = bare_pipe(inputs)
            build_s, one = build(inputs, parse=args.parse)
            jobs_s, two = build(inputs, jobs=2, parse=args.parse)
            rows.append((name, pipe_chars, pipe_chars / pipe_s, pipe_chars / build_s, pipe_chars / jobs_s,
                         isomorphic(one.graph, two.graph)))
        say(f"{'corpus':18s} {'chars':>9s} {'pipe c/s':>9s} {'build c/s':>9s} {'overhead':>8s} "
            f"{'jobs2 c/s':>9s} {'jobs2 ×':>7s} same   (--parse {args.parse})")
        for name, n, pipe, b, j, same in rows:
            say(f"{name:18s} {n:9d} {pipe:9.0f} {b:9.0f} {b / pipe:8.2f} {j:9.0f} {j / b:7.2f} {same}")
        extra_fields: dict = {}

        if not args.skip_incremental:
            cache = tmp / "cache"
            full_s, _ = build([base], use_cache=True, cache_dir=cache, parse=args.parse)
            inc_s, inc = build([base, extra], use_cache=True, cache_dir=cache, parse=args.parse)
            _, fresh = build([base, extra], parse=args.parse)
            same_inc = isomorphic(inc.graph, fresh.graph)
            extra_fields.update(incremental=round(inc_s / full_s, 4), incremental_same=same_inc)
            say(f"\nincremental: full cold build {full_s:.1f} s, +10 articles warm {inc_s:.1f} s "
                f"= {inc_s / full_s:.1%} of the full build; equals a full rebuild: {same_inc}")
            say(f"  ({chars} characters in the full build)")

        if not args.skip_memory:
            four = tmp / "four.jsonl"
            subset(args.corpus, four, start=0, count=args.limit, copies=4)
            one_mb, four_mb = peak_rss_mb([base], args.parse), peak_rss_mb([four], args.parse)
            extra_fields.update(peak_rss_mb=round(one_mb), peak_rss_4x_mb=round(four_mb))
            say(f"\npeak RSS: 1× {one_mb:.0f} MB, 4× {four_mb:.0f} MB (ratio {four_mb / one_mb:.2f})")
    if args.json:
        for name, n, pipe, b, j, same in rows:
            line = {"corpus": name, "parse": args.parse, "chars": n, "pipe_cps": round(pipe), "build_cps": round(b),
                    "overhead": round(b / pipe, 3), "jobs2": round(j / b, 3), "jobs2_same": same}
            if name != "seeds":
                line.update(extra_fields)
            print(json.dumps(line, ensure_ascii=False))
        return
    print(f"\nthis process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
