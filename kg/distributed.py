"""The parse-and-extract stage on a Dask cluster, for corpora one machine cannot parse in time.

``kg build --engine dask --scheduler tcp://HOST:8786`` sends batches of articles to the cluster's workers;
each worker loads GiNZA once (kg.nlp.load is cached per process) and returns the extracted records. The
graph is assembled where the command runs, so the result equals a local build's. Without ``--scheduler``
a LocalCluster of ``--jobs`` worker processes is started and stopped around the build.

Workers need kg and ja-ginza installed (the same versions as the client): ``pip install kg`` on each,
then ``dask worker tcp://HOST:8786 --nthreads 1`` (one thread each: GiNZA is not thread-parallel).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

from kg.model import Article

BATCH = 16  # articles per task: large enough to amortise scheduling, small enough to spread the load


def run_on_dask(todo: list[tuple[Article, bool]], work: Callable, *, scheduler: str | None = None,
                workers: int = 2) -> Iterator:
    """Run ``work`` over batches of ``todo`` on Dask and yield its results in input order."""
    from distributed import Client, LocalCluster

    batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                                       processes=True, dashboard_address=None))
            client = stack.enter_context(Client(cluster))
        futures = client.map(work, batches, pure=False)
        for future in futures:  # in order, each as soon as it is done
            yield from future.result()
            future.release()


def write_shards(graph, folder, *, documents_per_shard: int = 1000) -> list:
    """N-Quads shards a triple store bulk-loads: each document's named graph in one shard (documents in IRI
    order, ``documents_per_shard`` a file), the shared triples (actors, places) in ``shared.nq``."""
    from collections import defaultdict
    from pathlib import Path

    import pyoxigraph as ox

    from kg import store

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    by_graph: dict = defaultdict(list)
    for s, p, o, g in store.document_quads(graph):
        by_graph[g].append((s, p, o))
    docs = sorted((g for g in by_graph if g is not None), key=str)
    plan = {"shared.nq": [None]}
    for i in range(0, len(docs), documents_per_shard):
        plan[f"docs-{i // documents_per_shard:05d}.nq"] = docs[i : i + documents_per_shard]
    written = []
    for name, graphs in plan.items():
        quads = []
        for g in graphs:
            target = ox.DefaultGraph() if g is None else ox.NamedNode(str(g))
            quads += [ox.Quad(store._to_ox(s), store._to_ox(p), store._to_ox(o), target)
                      for s, p, o in sorted(by_graph.get(g, ()), key=lambda t: tuple(map(str, t)))]
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        written.append(store.write_atomic(folder / name, data))
    return written
