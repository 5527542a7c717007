"""The shard build (kg build --shards, kg.shards), here and on Dask: its shards, loaded together, are the
in-memory build's quads; what a shard's writer returns holds no statement of a document's facts."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.assemble import GraphAssembly
from kg.model import Extraction
from kg.shards import ShardAssembly, ShardRecords, shard_files, write_shard
from kg.store import from_graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
import bench_assemble  # noqa: E402
from test_assemble import CASES  # noqa: E402

del sys.path[:2]


def loaded(folder) -> set:
    """Every shard of ``folder`` loaded into one store, as a store bulk-loads them: its quads."""
    store = ox.Store()
    for f in shard_files(folder):
        store.bulk_load(path=f, format=ox.RdfFormat.N_QUADS)
    return set(store)


def in_memory(extractions: list[Extraction]) -> set:
    mem = GraphAssembly()
    for ex in extractions:
        mem.add(ex)
    mem.finish("test")
    return set(from_graph(mem.graph))


def shard_build(extractions: list[Extraction], folder: Path, *, docs_per_shard: int = 7) -> list[str]:
    with ShardAssembly(folder, docs_per_shard=docs_per_shard) as asm:
        for ex in extractions:
            asm.add(ex)
        return asm.finish("test", texts={e.article.id: e.article.text for e in extractions})


@pytest.mark.parametrize("case", CASES)
def test_merge_cases_give_the_in_memory_graph(case, tmp_path):
    shard_build(CASES[case], tmp_path / "shards")
    assert loaded(tmp_path / "shards") == in_memory(CASES[case])


def test_synthetic_records_give_the_in_memory_graph(tmp_path):
    docs = list(bench_assemble.Synthetic(3)(300))
    files = shard_build(docs, tmp_path / "shards", docs_per_shard=50)
    assert files[:2] == ["docs-00000.nq", "docs-00001.nq"] and files[-2:] == ["merged.nq", "build.nq"]
    assert not list((tmp_path / "shards").glob("*.part"))  # every part rewritten
    assert loaded(tmp_path / "shards") == in_memory(docs)


def test_an_fsspec_url_is_a_folder(tmp_path):
    docs = CASES["a meeting reported by three articles"]
    shard_build(docs, f"file://{tmp_path}/shards")
    assert loaded(f"file://{tmp_path}/shards") == in_memory(docs)


def test_a_writer_returns_records_not_the_documents_facts(tmp_path):
    """By design the client gets no document's statements: the lines a shard's writer returns are the default
    graph (actors, places, publishers) and meeting nodes, and the documents' named graphs are in the file."""
    docs = list(bench_assemble.Synthetic(3)(40))
    records = write_shard(docs, tmp_path, "docs-00000")
    assert isinstance(records, ShardRecords) and records.ids == [d.article.id for d in docs]
    doc_graph_lines = [line for line in records.merge_lines if line.count(" <") > 2 and "/id/doc/" in line]
    assert all("/id/meeting/" in line.split(" ", 1)[0] for line in doc_graph_lines)
    written = (tmp_path / "docs-00000.nq.part").read_text("utf-8")
    assert "/id/claim/" in written and "/id/claim/" not in "".join(records.merge_lines)


# ---- the real parser: a local build and a Dask LocalCluster -------------------------------------------------

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds_graph(nlp):
    from kg.pipeline import build_files

    return build_files([SEEDS], use_cache=True).graph


@pytest.mark.model
def test_local_shards_are_the_in_memory_build(tmp_path, seeds_graph):
    from kg.pipeline import build_files
    from kg.store import serialize

    result = build_files([SEEDS], use_cache=True, shards=tmp_path / "shards", out=tmp_path / "g.ttl")
    assert result.graph is None and result.shards[-2:] == ["merged.nq", "build.nq"]
    assert loaded(tmp_path / "shards") == set(from_graph(seeds_graph))
    assert (tmp_path / "g.ttl").read_bytes() == serialize(seeds_graph, fmt="turtle")
    assert result.summary()["triples"] == len(seeds_graph)


@pytest.mark.model
def test_dask_workers_write_the_shards_and_return_records(tmp_path, seeds_graph, monkeypatch):
    """A LocalCluster in this process (its one worker uses the session's model): the workers' shards, loaded
    together, are the in-memory build; what comes back to the client is records, never a document's facts."""
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from kg import distributed, shards
    from kg.pipeline import build_files

    monkeypatch.setattr(distributed, "BATCH", 8)  # several tasks and shards even for the seeds
    received: list = []
    add_records = shards.ShardAssembly.add_records
    monkeypatch.setattr(shards.ShardAssembly, "add_records",
                        lambda self, records: (received.append(records), add_records(self, records)))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = build_files([SEEDS], engine="dask", scheduler=cluster.scheduler_address,
                             shards=tmp_path / "shards", out=None)
    assert result.graph is None and not result.skipped
    assert len(received) > 1 and all(isinstance(r, ShardRecords) for r in received)
    assert result.documents == sum(len(r.ids) for r in received)
    returned = "".join(line for r in received for line in r.merge_lines)
    assert "/id/claim/" not in returned and "/id/measure/" not in returned  # the facts stayed in the shards
    got = loaded(tmp_path / "shards")
    assert got == set(from_graph(seeds_graph))
    assert len(returned.splitlines()) < len(got) / 2


def test_a_cluster_without_a_shared_folder_is_refused():
    from kg.pipeline import build_files

    with pytest.raises(RuntimeError, match="needs --shards"):
        build_files([SEEDS], engine="dask", scheduler="tcp://127.0.0.1:1")
