"""The parse-and-extract stage on a Dask cluster, for corpora one machine cannot parse in time.

``kg build --engine dask --scheduler tcp://HOST:8786 --shards DIR`` sends batches of articles to the cluster's
workers; each worker loads GiNZA once (kg.nlp.load is cached per process), writes its batch's documents as an
N-Quads shard into ``DIR`` (a folder every worker and the client reach: a shared path or an fsspec URL such as
``s3://bucket/kg``) and returns only the compact records the corpus-wide merges read (kg.shards). The merges run
where the command runs, on those records; the workers then rewrite their shards with the merges' joins. The
client never holds the corpus's triples. Without ``--scheduler`` a LocalCluster of ``--jobs`` worker processes is
started and stopped around the build (and, without ``--shards``, the shards go to a temporary folder).

Workers need kg and ja-ginza installed (the same versions as the client): ``pip install kg`` on each,
then ``dask worker tcp://HOST:8786 --nthreads 1`` (one thread each: GiNZA is not thread-parallel).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kg.model import Article

BATCH = 64  # articles per task and shard: enough to amortise scheduling and fill a file, few enough to spread


@contextmanager
def session(*, scheduler: str | None = None, workers: int = 2) -> Iterator:
    """A Dask client of the cluster at ``scheduler``, or of a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def build_shards(todo: list[tuple[Article, bool]], work: Callable, shards, *, finish: Callable,
                 scheduler: str | None = None, workers: int = 2, on_records: Callable | None = None) -> None:
    """Every article of ``todo`` through ``work`` (kg.pipeline.process_batch) on the cluster, one shard a batch
    written by the worker into ``shards.folder`` (a kg.shards.ShardAssembly, which takes each batch's records in
    input order; ``on_records`` sees them too); then ``finish(mapper)``, where ``mapper(func, names, **kw)`` runs
    ``func`` on the cluster for each shard name (``kw`` sent to every worker once)."""
    from kg.shards import shard_task

    with session(scheduler=scheduler, workers=workers) as client:
        batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
        names = [f"docs-w{i:05d}" for i in range(len(batches))]
        futures = client.map(shard_task, batches, names, folder=shards.folder, work=work, pure=False)
        for future in futures:  # in order, each as soon as it is done; the result is records only
            records = future.result()
            future.release()
            shards.add_records(records)
            if on_records is not None:
                on_records(records)

        def mapper(func: Callable, items: list, **kw) -> list:
            shared = {k: client.scatter([v], broadcast=True)[0] for k, v in kw.items()}  # [v]: one object each
            return client.gather(client.map(func, items, pure=False, **shared))

        finish(mapper)
