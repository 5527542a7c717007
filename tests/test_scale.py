"""The build cache, parallel builds and the Dask engine give the graph a plain build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg import cache as kg_cache
from kg import lexicon
from kg.describe import without_description
from kg.ingest import read_inputs
from kg.pipeline import build_articles, build_files

pytestmark = pytest.mark.model

DATA = Path(__file__).with_name("data")
ROOT = Path(__file__).resolve().parent.parent
MINI = DATA / "mini.jsonl"


@pytest.fixture(scope="module")
def plain(nlp):
    return build_files([MINI]).graph


def _items():
    return list(read_inputs([MINI]))


def test_second_build_parses_nothing(tmp_path, plain):
    with kg_cache.Cache(tmp_path) as c:
        first = build_articles(_items(), cache=c).graph
        assert c.misses["extractions"] == 2 and c.misses["docs"] == 2
    with kg_cache.Cache(tmp_path) as c:
        second = build_articles(_items(), cache=c).graph
        assert c.hits["extractions"] == 2 and c.misses["docs"] == 0
    assert isomorphic(first, plain) and isomorphic(second, plain)


def test_a_gazetteer_change_reextracts_from_cached_parses(tmp_path, monkeypatch, plain):
    resources = tmp_path / "resources"
    shutil.copytree(lexicon.RESOURCES, resources)
    with kg_cache.Cache(tmp_path / "c") as c:
        build_articles(_items(), cache=c)
    with (resources / "actors.tsv").open("a", encoding="utf-8") as f:
        f.write("テスト連合\tOrganization\t\tテスト連\n")
    monkeypatch.setenv("KG_RESOURCES", str(resources))
    parsed = []
    import kg.nlp

    original = kg.nlp.parse

    def counting(articles, **kw):
        articles = list(articles)
        parsed.extend(articles)
        return original(articles, **kw)

    monkeypatch.setattr(kg.nlp, "parse", counting)
    with kg_cache.Cache(tmp_path / "c") as c:
        g = build_articles(_items(), cache=c).graph
        assert c.misses["extractions"] == 2  # every extraction depends on the gazetteer…
        assert c.hits["docs"] == 2  # …no parse does
    assert parsed == []
    # the same facts; only the build's description tells the lexicons apart (kg:lexiconVersion)
    assert isomorphic(without_description(g), without_description(plain))


def test_rules_version_follows_the_lexicon():
    assert kg_cache.rules_version("a") != kg_cache.rules_version("b")
    assert kg_cache.parse_key("テキスト") != kg_cache.parse_key("テキスト。")


def test_two_jobs_build_the_same_graph(plain):
    assert isomorphic(build_files([MINI], jobs=2).graph, plain)


def test_dask_local_cluster_builds_the_same_graph(tmp_path, plain):
    """Without --scheduler: a LocalCluster of two worker processes writes the shards to a temporary folder, and
    the Turtle file is written from them."""
    pytest.importorskip("distributed")
    from kg.store import load_rdflib

    result = build_files([MINI], jobs=2, engine="dask", out=tmp_path / "g.ttl")
    assert result.graph is None and result.documents == 2
    assert isomorphic(load_rdflib(tmp_path / "g.ttl"), plain)


def test_switched_off_components_do_not_change_the_graph(nlp):
    """kg.nlp.DISABLE drops what the rules do not read: the full pipeline gives the same graph."""
    import kg.nlp

    full = kg.nlp.load(kg.nlp.MODEL, ())
    from kg.extract import Extractor
    from kg.graph import build_graph

    extractor = Extractor(lexicon.load())
    arts = [a for a in _items() if not hasattr(a, "reason")]
    with_all = build_graph(extractor(a, docs) for a, docs in kg.nlp.parse(arts, nlp=full))
    lean = build_graph(extractor(a, docs) for a, docs in kg.nlp.parse(arts))
    assert isomorphic(with_all, lean)


def test_a_build_in_progress_does_not_lock_out_another(tmp_path):
    """Two builds sharing one cache: the second waits for a batch of the first, not for the whole build."""

    with kg_cache.Cache(tmp_path, commit_every=3600) as slow:
        slow.put_docs("a", b"1")  # an open write, never ticked: another writer gives up (and sets the cache aside)
        with kg_cache.Cache(tmp_path, timeout=0.2) as other:
            other.put_docs("b", b"2")
            assert "database is locked" in other.broken
    with kg_cache.Cache(tmp_path, commit_every=0) as build:
        build.put_docs("c", b"3")
        build.tick()  # what the pipeline does after each article
        with kg_cache.Cache(tmp_path, timeout=0.2) as other:
            other.put_docs("d", b"4")
            other.flush()
            assert other.get_docs("a") == b"1" and other.get_docs("c") == b"3"
        build.put_docs("e", b"5")


def test_rules_version_follows_the_analysis_layer(monkeypatch):
    """A cached extraction is stale when the frame analysis changes, not only when the rules do."""
    seen = []
    monkeypatch.setattr(kg_cache, "_sources", lambda *paths: seen.extend(paths) or "x")
    kg_cache.rules_version.cache_clear()
    kg_cache.rules_version("a")
    kg_cache.rules_version.cache_clear()
    names = {f"{p.parent.name}/{p.name}" for p in seen}
    assert {"analysis/frames.py", "analysis/grammar.py", "extract/said.py", "extract/met.py"} <= names
