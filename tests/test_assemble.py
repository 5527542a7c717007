"""The streaming store build (kg build --store, kg.assemble) gives the in-memory build's graph, quad for quad:
on synthetic records (no model), on hand-built merge cases, and on the seeds (the real model)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.assemble import GraphAssembly, StoreAssembly, is_store
from kg.model import ActorRef, Article, Evidence, Extraction, Meeting, Quote
from kg.store import from_graph, load, load_rdflib, open_store, run_query, serialize, serialize_store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import bench_assemble  # noqa: E402

sys.path.pop(0)


def both(extractions: list[Extraction], folder: Path) -> tuple[GraphAssembly, StoreAssembly]:
    mem = GraphAssembly()
    with StoreAssembly(folder, docs_per_load=7) as asm:  # several bulk loads even for a few documents
        for ex in extractions:
            mem.add(ex)
            asm.add(ex)
        mem.finish("test")
        asm.finish("test")
    return mem, asm


def assert_same(mem: GraphAssembly, folder: Path) -> None:
    store = open_store(folder)
    assert set(store) == set(from_graph(mem.graph))  # same quads, in the same named graphs
    assert serialize_store(store) == serialize(mem.graph, fmt="turtle")  # the same Turtle, byte for byte


def test_synthetic_records_give_the_in_memory_graph(tmp_path):
    mem, asm = both(list(bench_assemble.Synthetic(3)(600)), tmp_path / "store")
    assert all(asm.merged[k] > 0 for k in ("retyped", "people", "meetings")), asm.merged  # every step did work
    assert_same(mem, tmp_path / "store")


D = bench_assemble.START


def _doc(i: int, *, quotes=(), meetings=(), parser_types=()) -> Extraction:
    return Extraction(Article(f"d{i}", "本文。次の文。", "t.jsonl", date=D, url="https://ja.wikinews.org/wiki/x"),
                      quotes=tuple(quotes), meetings=tuple(meetings), parser_types=tuple(parser_types))


def _q(who: ActorRef, start: int = 0) -> Quote:
    return Quote(who, "発言", Evidence("本文。", start, start + 3, "quotes.direct.v1"))


def _p(label: str, title: str = "", kind: str = "Person") -> ActorRef:
    return ActorRef(label + title, label, kind)


def _m(label: str, *people: ActorRef, place: str | None = None) -> Meeting:
    return Meeting(label, Evidence("本文。", 0, 3, "meetings.v1"), date=D, participants=people, place=place)


CASES = {
    "full name and bare name with one office": [
        _doc(1, quotes=[_q(_p("クリスティアン・ディアコネスク", "大統領補佐官"))]),
        _doc(2, quotes=[_q(_p("ディアコネスク", "補佐官"))]), _doc(3, quotes=[_q(_p("ディアコネスク", "補佐官"))])],
    "two full names of one family": [
        _doc(1, quotes=[_q(_p("ボリス・ジョンソン", "首相"))]),
        _doc(2, quotes=[_q(_p("ダスティン・ジョンソン", "首相"))]),
        _doc(3, quotes=[_q(_p("ジョンソン", "首相"))])],
    "bare names of three documents": [
        _doc(i, quotes=[_q(_p("田中", t))]) for i, t in enumerate(("外相", "選手", "外相", "外相"))],
    "a name with = as bare and as full": [
        _doc(1, quotes=[_q(_p("アッ=サーダート", "大統領"))]), _doc(2, quotes=[_q(_p("アッ=サーダート", "大統領"))]),
        _doc(3, quotes=[_q(_p("サーダート", "大統領"))])],
    "a meeting reported by three articles": [
        _doc(1, meetings=[_m("米ロ協議", _p("アメリカ", kind="State"), _p("ロシア", kind="State"),
                             place="ジュネーブ")]),
        _doc(2, meetings=[_m("戦略的安定対話", _p("アメリカ", kind="State"), _p("ロシア", kind="State"))]),
        _doc(3, meetings=[_m("会談", _p("ロシア", kind="State"), place="ジュネーブ")])],
    "a name typed two ways and an untyped speaker": [
        _doc(1, quotes=[_q(_p("タス通信", kind="Person"))]), _doc(2, quotes=[_q(_p("タス通信", kind="Organization"))]),
        _doc(3, quotes=[_q(_p("タス通信", kind="Organization")), _q(_p("ロイヤー", kind="Actor"), 3)]),
        _doc(4, parser_types=[_p("ロイヤー")])],
}


@pytest.mark.parametrize("case", CASES)
def test_merge_cases_give_the_in_memory_graph(case, tmp_path):
    mem, _ = both(CASES[case], tmp_path / "store")
    assert_same(mem, tmp_path / "store")


def test_a_failed_build_leaves_the_previous_store(tmp_path):
    folder = tmp_path / "store"
    both(CASES["bare names of three documents"], folder)
    before = set(open_store(folder))
    with pytest.raises(RuntimeError), StoreAssembly(folder) as asm:
        asm.add(CASES["a meeting reported by three articles"][0])
        raise RuntimeError("the build broke")
    assert set(open_store(folder)) == before
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no building folder left behind
    with StoreAssembly(folder) as asm:  # a build of nothing (every record skipped) does not empty it either
        asm.finish("test")
    assert set(open_store(folder)) == before


def test_a_folder_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OSError, match="not an Oxigraph store"):
        StoreAssembly(tmp_path)
    assert not is_store(tmp_path)


def test_seeds_store_build_is_the_turtle_build(tmp_path, nlp):
    """The seeds through the real parser and rules, assembled both ways."""
    from kg.ingest import read_inputs
    from kg.pipeline import process_batch, unique_documents

    articles = [a for a in unique_documents(list(read_inputs([ROOT / "seeds"]))) if isinstance(a, Article)]
    works = process_batch([(a, False) for a in articles])
    assert not [w.error for w in works if w.error]
    mem, asm = both([w.extraction for w in works], tmp_path / "store")
    assert asm.merged["meetings"] + asm.merged["people"] + asm.merged["retyped"] > 0
    assert_same(mem, tmp_path / "store")


runner = CliRunner()


def test_cli_builds_a_store_that_every_reader_opens(tmp_path):
    from kg.cli import app

    store, ttl = tmp_path / "store", tmp_path / "g.ttl"
    data = ROOT / "tests" / "data" / "mini.jsonl"
    result = runner.invoke(app, ["build", str(data), "--store", str(store), "--out", str(ttl), "--quiet",
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    assert is_store(store) and "triples" in result.output
    assert set(load(store)) == set(load(ttl))  # the folder reads as the file does
    assert set(load_rdflib(store)) == set(load_rdflib(ttl))
    rows = run_query(load(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    assert int(rows[0][0]) == len(load_rdflib(ttl))
    for args in (["query", str(store), "who-said", "--format", "csv"], ["validate", str(store)],
                 ["export", str(store), "--out", str(tmp_path / "g.nq"), "--format", "nquads"],
                 ["viz", str(store), "--out", str(tmp_path / "g.html")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    again = runner.invoke(app, ["build", str(data), "--store", str(store), "--quiet", "--no-cache"])  # replaced
    assert again.exit_code == 0 and set(load(store)) == set(load(ttl))


def test_cli_refuses_a_store_in_a_folder_of_other_files(tmp_path):
    from kg.cli import app

    (tmp_path / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["build", str(ROOT / "tests" / "data" / "mini.jsonl"), "--store", str(tmp_path),
                                 "--quiet", "--no-cache"])
    assert result.exit_code != 0 and "not an Oxigraph store" in result.output
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_the_description_is_counted_on_the_store(tmp_path):
    exs = [dataclasses.replace(e, article=dataclasses.replace(e.article, outlet="ウィキニュース"))
           for e in CASES["a meeting reported by three articles"]]
    mem, _ = both(exs, tmp_path / "store")
    assert_same(mem, tmp_path / "store")


class _FailingLoads:
    """A store whose bulk loads fail, as a full disk would."""

    def bulk_load(self, **_):
        raise OSError("no space left on device")


def test_a_load_that_fails_on_the_loader_thread_fails_the_build(tmp_path):
    folder = tmp_path / "store"
    both(CASES["bare names of three documents"], folder)
    before = set(open_store(folder))
    docs = CASES["a meeting reported by three articles"]
    with pytest.raises(OSError, match="no space"), StoreAssembly(folder, docs_per_load=1) as asm:
        asm.store = _FailingLoads()
        for ex in docs:  # the first load fails on the loader thread; the next batch waits for it and raises
            asm.add(ex)
        asm.finish("test")
    assert set(open_store(folder)) == before
    assert [p.name for p in tmp_path.iterdir()] == ["store"]
