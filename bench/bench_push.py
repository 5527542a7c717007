"""Benchmark loading a graph into an Oxigraph server: `kg push --bulk` against Oxigraph's own bulk loader.

    .venv/bin/python bench/bench_push.py                     # ~1,000,000 triples
    .venv/bin/python bench/bench_push.py --triples 100000    # a quicker run; --per-graph adds the slow path

The synthetic graph of bench/bench_store.py (triples exactly as the pipeline makes them) is written as Turtle,
and as N-Quads in the push's layout (one named graph per document). Then, each in a fresh process and against
an empty store:

- ``oxigraph load --location DIR --file graph.nq`` — the store's offline bulk loader (the server not running);
- ``kg push graph.ttl http://…/store --bulk --replace`` to a running ``oxigraph serve``, counts checked;
- with ``--per-graph``, ``kg push … --replace`` (one request per graph), the way kg pushed before ``--bulk``.

Wall times are printed with their ratio to the bulk loader, all from one run: the machine is shared, so only
same-run ratios mean something.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    exe = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if exe is None:
        sys.exit("the oxigraph server is not installed (pip install oxigraph)")
    return exe


def _timed(cmd: list[str]) -> float:
    """Seconds that running ``cmd`` took; exits on failure."""
    t = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])} … failed: {done.stderr.decode(errors='replace')[-1000:]}")
    return time.perf_counter() - t


def _push(exe: str, data: Path, graph: Path, extra: list[str]) -> float:
    import requests

    base = f"http://127.0.0.1:{_free_port()}"
    server = subprocess.Popen([exe, "serve", "--location", str(data), "--bind", base.removeprefix("http://")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if requests.get(base + "/query", params={"query": "ASK {}"}, timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        return _timed([sys.executable, "-m", "kg", "push", str(graph), base + "/store", "--replace", *extra])
    finally:
        server.terminate()
        server.wait(30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1M)")
    ap.add_argument("--per-graph", action="store_true", help="also time the per-graph push (slow)")
    args = ap.parse_args(argv)

    from bench_store import synthesize

    from kg import store

    exe = _oxigraph()
    g = synthesize(args.triples)
    n = len(g)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ttl, nq = tmp / "graph.ttl", tmp / "graph.nq"
        store.save(g, ttl)
        nq.write_bytes(store.serialize(g, fmt="nquads"))
        del g
        loader = _timed([exe, "load", "--location", str(tmp / "loaded"), "--file", str(nq)])
        rows.append(("oxigraph load (offline bulk loader)", loader))
        rows.append(("kg push --bulk --replace", _push(exe, tmp / "bulk", ttl, ["--bulk"])))
        if args.per_graph:
            rows.append(("kg push --replace (per graph)", _push(exe, tmp / "per-graph", ttl, [])))
    print(f"{n:,} triples")
    print(f"{'':38s} {'s':>8s} {'× loader':>9s}")
    for name, seconds in rows:
        print(f"{name:38s} {seconds:8.1f} {seconds / loader:8.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
