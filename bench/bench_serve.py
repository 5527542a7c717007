"""Benchmark `kg serve` against `oxigraph serve-read-only` on the same data, side by side.

    .venv/bin/python bench/bench_serve.py                    # 100,000 triples, 1 and 50 clients, 5 s each
    .venv/bin/python bench/bench_serve.py --triples 1000000 --seconds 10

The synthetic graph of bench/bench_store.py (triples exactly as the pipeline makes them) is written as TriG, in
the layout `kg push` writes (one named graph per document). Oxigraph loads it with its bulk loader and serves it
read-only with its default settings; `kg serve` serves the same file (two query workers, its defaults but for
``--queue``, raised to the number of clients). Both run
as their own processes on 127.0.0.1. Then, for each query and each number of concurrent clients, every client
(a thread with one keep-alive connection, as a driver or connection pool has) sends the query again and again
for ``--seconds``: throughput (answers a second) and the p50/p99 latency of an answer. The queries:

- ``ask``: ``ASK { ?s ?p ?o }``, nearly no work: what the HTTP layer costs;
- ``who-said --actor``: the canned query with its parameter bound by the VALUES block `kg query --print` shows;
- ``first byte``: a SELECT of every triple as CSV, the time to its first byte and to its end (one client):
  a server that streams answers at once, one that buffers answers after the whole result.

Ratios are kg/oxigraph from the same run: the machine is shared, so only same-run ratios mean something.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_push import _free_port, _oxigraph  # noqa: E402 - bench/ is put on the path first

ASK = "ASK { ?s ?p ?o }"
EVERYTHING = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def _wait_until_up(port: int, proc: subprocess.Popen, what: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{what} ended before it served (exit code {proc.returncode})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/query?" + urllib.parse.urlencode({"query": ASK}),
                         headers={"Accept": "application/sparql-results+json"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"{what} did not answer within {timeout:g} s")


def _get(conn: http.client.HTTPConnection, query: str, accept: str) -> bytes:
    conn.request("GET", "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise RuntimeError(f"HTTP {r.status}: {body[:200]!r}")
    return body


def load(port: int, query: str, clients: int, seconds: float) -> dict:
    """``clients`` threads, each on one keep-alive connection, asking ``query`` for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    start = threading.Barrier(clients + 1)
    stop = [0.0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            _get(conn, query, "application/sparql-results+json")  # connect and warm up
            start.wait()
            while time.perf_counter() < stop[0]:
                t = time.perf_counter()
                _get(conn, query, "application/sparql-results+json")
                latencies[i].append(time.perf_counter() - t)
        except Exception as e:  # noqa: BLE001 - counted and reported
            errors.append(str(e))
            start.abort()
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    stop[0] = time.perf_counter() + seconds + 0.5
    with contextlib.suppress(threading.BrokenBarrierError):
        start.wait()
    t0 = time.perf_counter()
    stop[0] = t0 + seconds
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    flat = sorted(x for lat in latencies for x in lat)
    if not flat:
        return {"qps": 0.0, "p50": float("nan"), "p99": float("nan"), "errors": len(errors) or 1}
    return {
        "qps": len(flat) / elapsed,
        "p50": statistics.median(flat) * 1000,
        "p99": flat[min(len(flat) - 1, int(len(flat) * 0.99))] * 1000,
        "errors": len(errors),
    }


def first_byte(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t = time.perf_counter()
    conn.request("GET", "/query?" + urllib.parse.urlencode({"query": EVERYTHING}), headers={"Accept": "text/csv"})
    r = conn.getresponse()
    r.read(1)
    first = time.perf_counter() - t
    n = 1
    while chunk := r.read(1 << 16):
        n += len(chunk)
    total = time.perf_counter() - t
    conn.close()
    return {"first": first * 1000, "total": total * 1000, "bytes": n}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=100_000, help="size of the synthetic graph (default 100k)")
    ap.add_argument("--seconds", type=float, default=5.0, help="how long each load runs")
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 50], help="concurrent clients (default 1 50)")
    args = ap.parse_args(argv)

    import bench_store

    from kg import store

    queries = {"ask": ASK, "who-said --actor": store.bind_values(store.resolve_query("who-said"),
                                                                  {"actorName": bench_store.ACTOR})}
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph.trig"
        store.export(bench_store.synthesize(args.triples), graph, fmt="trig")
        subprocess.run([_oxigraph(), "load", "--location", f"{tmp}/ox", "--file", str(graph)], check=True,
                       capture_output=True)
        ports = {"oxigraph": _free_port(), "kg": _free_port()}
        procs = {
            "oxigraph": subprocess.Popen([_oxigraph(), "serve-read-only", "--location", f"{tmp}/ox",
                                          "--bind", f"127.0.0.1:{ports['oxigraph']}"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            # --queue: as many requests may wait for a worker as there are clients (past its queue, kg serve
            # answers 503 busy at once; Oxigraph has no such bound)
            "kg": subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", str(ports["kg"]),
                                    "--queue", str(max(args.clients)), "--quiet"],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        }
        try:
            for name, proc in procs.items():
                _wait_until_up(ports[name], proc, name)
            rows = []
            for label, query in queries.items():
                for n in args.clients:
                    got = {name: load(ports[name], query, n, args.seconds) for name in ("oxigraph", "kg")}
                    rows.append((f"{label}, {n} client{'s' if n > 1 else ''}", got))
            streams = {name: first_byte(ports[name]) for name in ("oxigraph", "kg")}
        finally:
            for proc in procs.values():
                proc.terminate()
            for proc in procs.values():
                proc.wait(30)
    print(f"graph: {args.triples:,} triples (synthetic, TriG); {args.seconds:g} s per load; "
          "ratio: how many times slower kg serve is\n")
    print(f"{'':28s} {'oxigraph':>18s} {'kg serve':>18s} {'ratio':>7s}")
    for label, got in rows:
        ox_, kg_ = got["oxigraph"], got["kg"]
        slower = ox_["qps"] / max(kg_["qps"], 1e-9)
        print(f"{label + ' (q/s)':28s} {ox_['qps']:18,.0f} {kg_['qps']:18,.0f} {slower:6.2f}×")
        for p in ("p50", "p99"):
            print(f"{'  ' + p + ' (ms)':28s} {ox_[p]:18.2f} {kg_[p]:18.2f} {kg_[p] / ox_[p]:6.2f}×")
        if ox_["errors"] or kg_["errors"]:
            print(f"{'  errors':28s} {ox_['errors']:18d} {kg_['errors']:18d}")
    ox_, kg_ = streams["oxigraph"], streams["kg"]
    print(f"{'all as CSV, first byte (ms)':28s} {ox_['first']:18.1f} {kg_['first']:18.1f} "
          f"{kg_['first'] / ox_['first']:6.2f}×")
    print(f"{'  last byte (ms)':28s} {ox_['total']:18.1f} {kg_['total']:18.1f} {kg_['total'] / ox_['total']:6.2f}×")
    print(f"{'  bytes':28s} {ox_['bytes']:18,d} {kg_['bytes']:18,d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
