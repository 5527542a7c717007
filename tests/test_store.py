"""kg.store: load, canned queries with bound parameters, result formats, export, atomic save."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, XSD
from rich.cells import cell_len

from kg import store
from kg.graph import build_graph, document_iri
from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote
from kg.vocab import KG

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

QUERY_FILES = sorted(store.QUERIES_DIR.glob("*.rq"))
EXTENSIONS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "ntriples": ".nt", "jsonld": ".jsonld"}
RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt", "jsonld": "json-ld"}

PUTIN = ActorRef("プーチン大統領", "ウラジーミル・プーチン", "Person")
XI = ActorRef("習主席", "習近平", "Person")
US = ActorRef("米国", "アメリカ合衆国", "State")
NATO = ActorRef("NATO", "北大西洋条約機構", "Organization")
TASS = ActorRef("タス通信", "タス通信", "Organization")
ODD = ActorRef('ACME "}社', 'ACME "}社', "Organization")  # quote and brace: must not break a query
LONG = "西側諸国はウクライナへの武器供与を直ちに停止し、ロシアの安全保障上の懸念に真剣に向き合うべきだ" * 2


def ev(sentence: str, start: int = 0, rule: str = "quotes.v1") -> Evidence:
    return Evidence(sentence, start, start + len(sentence), rule)


def extractions() -> list[Extraction]:
    a1 = Article("d1", "…", "seeds/a.txt", dt.date(2024, 3, 1), "露大統領、米国を批判", outlet="共同通信")
    a2 = Article("d2", "…", "seeds/b.txt", dt.date(2024, 3, 2), "中ロ首脳が会談", outlet="NHK")
    a3 = Article("d3", "…", "seeds/c.txt", None, None, year=2024)
    return [
        Extraction(
            a1,
            quotes=(
                Quote(
                    PUTIN, "米国は危険な道を歩んでいる", ev("プーチン大統領は「米国は危険な道を歩んでいる」と述べた。")
                ),
                Quote(PUTIN, LONG, ev(f"プーチン氏は{LONG}と主張した。", 40), direct=False, reported_by=TASS),
                Quote(ODD, "[bold]声明[/bold]を出す", ev('ACME "}社は「[bold]声明[/bold]を出す」とした。', 90)),
            ),
            demands=(
                Demand(
                    PUTIN,
                    "制裁の解除",
                    ev("プーチン大統領は米国に制裁の解除を求めた。", 120, "demands.v1"),
                    addressee=US,
                ),
                Demand(NATO, "停戦", ev("NATOは停戦を求めた。", 150, "demands.v1")),
            ),
            mentions=(PUTIN, US),
        ),
        Extraction(
            a2,
            meetings=(
                Meeting(
                    "首脳会談",
                    ev("習近平国家主席とプーチン大統領は北京で会談した。", 0, "meetings.v1"),
                    date=dt.date(2024, 3, 2),
                    date_text="2日",
                    participants=(XI, PUTIN),
                    place="北京",
                ),
            ),
            mentions=(XI, PUTIN),
        ),
        Extraction(
            a3,
            quotes=(Quote(XI, "対話を重視する", ev("習主席は「対話を重視する」と語った。")),),
            meetings=(
                Meeting(
                    "電話会談",
                    ev("両氏は電話会談を予定している。", 30, "meetings.v1"),
                    kind="Phone",
                    status="Planned",
                    participants=(XI, US),
                ),
                Meeting("会合", ev("関係国の会合が開かれた。", 60, "meetings.v1"), kind="Multilateral"),  # nobody named
            ),
        ),
    ]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(extractions())


@pytest.fixture(scope="module")
def saved(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store.save(graph, tmp_path_factory.mktemp("store") / "graph.ttl")


@pytest.fixture(scope="module")
def db(saved: Path) -> ox.Store:
    return store.load(saved)


def canned(name: str) -> str:
    return store.resolve_query(name)


# ---- canned queries --------------------------------------------------------------------------


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_query_runs_and_returns_rows(db: ox.Store, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "first line is the one-line description"
    result = store.run_query(db, text)
    assert result.columns and len(result.rows) > 0
    for param in store.query_parameters(text):
        assert param not in result.columns, "a parameter is an input, not a column"


@pytest.mark.parametrize("value", ['プーチン', 'a"b', 'back\\slash\\', 'two\nlines\r', '"} } DROP ALL #',
                                   '\\u0022 } #', '\\\\u005C" }', "it's"])
def test_bound_value_is_one_string_literal_whatever_it_holds(value: str) -> None:
    """bind_values writes the value as a literal that reads back as exactly that value (no way out of it)."""
    text = store.bind_values("SELECT ?v ?w WHERE {\n  # bind ?v\n  BIND(1 AS ?w)\n}", {"v": value})
    assert "# bind" not in text
    [row] = list(ox.Store().query(text))
    assert row["v"].value == value and row["w"].value == "1"


def test_canned_queries_bind_their_parameter_where_they_mark_it(db: ox.Store) -> None:
    """The VALUES text (what `kg query --print` shows for another store) gives the rows the engine's own
    substitution gives, for every canned query that takes ?actorName."""
    for name in store.canned_queries():
        text = canned(name)
        if "actorName" not in store.query_parameters(text):
            continue
        unmarked = text.replace("# bind ?actorName", "#")
        found = 0
        for actor in ("プーチン", "習近平", "アメリカ", 'ACME "}', "nobody"):
            marked = store.run_query(db, text, bindings={"actorName": actor})
            substituted = store.run_query(db, unmarked, bindings={"actorName": actor})
            assert marked.rows == substituted.rows, (name, actor)
            found += bool(marked.rows)
        assert 0 < found < 5, name  # some actors have rows, "nobody" has none
    with pytest.raises(store.StoreError, match="marks no place"):
        store.bind_values("SELECT * {}", {"actorName": "x"})


def test_from_names_the_dataset_of_a_query(graph: Graph, tmp_path: Path) -> None:
    """In an N-Quads graph each document is a named graph: FROM <document> sees that document's triples only,
    and a query without FROM sees the union of all graphs."""
    path = tmp_path / "graph.nq"
    path.write_bytes(store.serialize(graph, fmt="nquads"))
    db = store.load(path)
    doc = document_iri(extractions()[0].article)
    mine = sum(1 for *_, g in store.document_quads(graph) if g == doc)
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    assert 0 < mine < len(graph)
    assert store.run_query(db, count.format(f"FROM <{doc}>")).rows == ((str(mine),),)
    assert store.run_query(db, count.format("")).rows == ((str(len(graph)),),)
    named = "SELECT (COUNT(*) AS ?n) FROM NAMED <{}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert store.run_query(db, named.format(doc)).rows == ((str(mine),),)


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_query_is_deterministic(db: ox.Store, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert store.run_query(db, text).rows == store.run_query(db, text).rows


def test_canned_queries_cover_the_required_ones() -> None:
    queries = store.canned_queries()
    assert {"who-said", "demands", "meetings", "actor", "actors"} <= set(queries)
    assert all(queries.values()), "every query has a description"
    assert set(queries) == {p.stem for p in QUERY_FILES}


@pytest.mark.parametrize("name", ["who-said", "demands", "meetings", "actor", "actors"])
def test_canned_queries_take_actor_name(name: str) -> None:
    assert "actorName" in store.query_parameters(canned(name))


def test_resolve_query(tmp_path: Path) -> None:
    assert "kg:said" in store.resolve_query("who-said")
    rq = tmp_path / "mine.rq"
    rq.write_text("# mine\nSELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert store.resolve_query(str(rq)).startswith("# mine")
    literal = "SELECT ?s WHERE { ?s a kg:Actor }"
    assert store.resolve_query(literal) == literal
    with pytest.raises(store.StoreError, match="unknown query"):
        store.resolve_query("who-sed")
    with pytest.raises(store.StoreError, match="missing.rq"):
        store.resolve_query(str(tmp_path / "missing.rq"))


# ---- bound parameters ------------------------------------------------------------------------


def test_actor_name_finds_canonical_label_through_part_of_it(db: ox.Store) -> None:
    result = store.run_query(db, canned("who-said"), bindings={"actorName": "プーチン"})
    assert {r[0] for r in result.rows} == {"ウラジーミル・プーチン"}
    assert len(result.rows) == 2


def test_actor_name_matches_aliases(db: ox.Store) -> None:
    result = store.run_query(db, canned("who-said"), bindings={"actorName": "習主席"})
    assert {r[0] for r in result.rows} == {"習近平"}


def test_without_actor_name_every_actor_is_returned(db: ox.Store) -> None:
    result = store.run_query(db, canned("who-said"))
    assert {r[0] for r in result.rows} == {"ウラジーミル・プーチン", "習近平", 'ACME "}社'}


def test_actor_record_lists_every_kind_of_fact(db: ox.Store) -> None:
    result = store.run_query(db, canned("actor"), bindings={"actorName": "プーチン"})
    rel = result.columns.index("relation")
    assert {r[rel] for r in result.rows} == {"said", "demands", "met", "mentioned"}
    result = store.run_query(db, canned("actor"), bindings={"actorName": "米国"})
    assert {r[rel] for r in result.rows} == {"demanded-of", "met", "mentioned"}


def test_demands_filter_matches_demander_or_addressee(db: ox.Store) -> None:
    result = store.run_query(db, canned("demands"), bindings={"actorName": "アメリカ"})
    assert [(r[0], r[1], r[2]) for r in result.rows] == [("ウラジーミル・プーチン", "制裁の解除", "アメリカ合衆国")]


def test_meetings_group_participants_in_order(db: ox.Store) -> None:
    result = store.run_query(db, canned("meetings"))
    rows = {r[result.columns.index("meeting")]: r for r in result.rows}
    participants = result.columns.index("participants")
    assert rows["首脳会談"][participants] == "ウラジーミル・プーチン / 習近平"
    assert rows["電話会談"][result.columns.index("kind")] == "Phone"
    assert rows["電話会談"][result.columns.index("status")] == "Planned"
    assert result.rows[-1][result.columns.index("date")] is None, "undated meetings come last"
    assert not rows["会合"][participants], "a meeting without named participants is listed too"
    named = store.run_query(db, canned("meetings"), bindings={"actorName": "習"})
    assert {r[named.columns.index("meeting")] for r in named.rows} == {"首脳会談", "電話会談"}


def test_actors_counts(db: ox.Store) -> None:
    result = store.run_query(db, canned("actors"), bindings={"actorName": "プーチン"})
    (row,) = result.rows
    record = dict(zip(result.columns, row, strict=True))
    assert record["type"] == "Person"
    assert record["aliases"] == "プーチン大統領"
    assert (record["claims"], record["demands"], record["meetings"]) == ("2", "1", "1")


REFERENCE = Path(__file__).parent / "reference_queries"
GOLDEN = Path(__file__).parent / "golden" / "mini.ttl"


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_canned_query_returns_the_rows_of_its_plain_formulation(db: ox.Store, path: Path) -> None:
    """The canned queries are shaped for speed (matching actors first); tests/reference_queries holds the
    plain formulation of each, and both must give the same rows in the same order, with and without a name."""
    reference = (REFERENCE / path.name).read_text(encoding="utf-8")
    for graph in (db, store.load(GOLDEN)):
        for name in (None, "プーチン", "米", "習", "NATO", "タス", "ロシア", "大統領", "x", ""):
            bindings = None if name is None else {"actorName": name}
            expected = store.run_query(graph, reference, bindings=bindings)
            got = store.run_query(graph, path.read_text(encoding="utf-8"), bindings=bindings)
            assert got.columns == expected.columns
            assert got.rows == expected.rows, (path.stem, name)


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_canned_queries_need_no_union_default_graph(db: ox.Store, path: Path) -> None:
    """On a store queried with its default settings (Oxigraph, Fuseki: the default graph holds the actors and
    places only, each document's facts are in its named graph) a canned query gives the rows it gives on the
    union of all graphs, in the same order. A query written without GRAPH finds no fact there."""
    text = path.read_text(encoding="utf-8")
    for graph in (db, store.load(GOLDEN)):
        for name in (None, "プーチン", "米", "x"):
            bindings = None if name is None else {"actorName": name}
            union = store.run_query(graph, text, bindings=bindings)
            assert union.rows or name is not None
            assert store.run_query(graph, text, bindings=bindings, union=False).rows == union.rows, (path.stem, name)
    plain = "SELECT ?c WHERE { ?who kg:said ?c }"
    assert store.run_query(db, plain).rows and not store.run_query(db, plain, union=False).rows


@pytest.mark.parametrize("name", ['"', "}", '"}) . } #', "\\", "' || true || '", 'プ"チン', "\n"])
def test_odd_names_are_bound_safely(db: ox.Store, name: str) -> None:
    for query in ("who-said", "actor", "demands", "meetings", "actors"):
        everything = store.run_query(db, canned(query)).rows
        found = store.run_query(db, canned(query), bindings={"actorName": name}).rows
        assert set(found) <= set(everything)
        if query in ("who-said", "actor", "actors"):
            # only ACME "}社 has a quote or a brace in its name
            assert bool(found) == (name in ('"', "}"))


def test_name_with_quote_and_brace_is_found(db: ox.Store) -> None:
    result = store.run_query(db, canned("who-said"), bindings={"actorName": 'ACME "}'})
    assert [r[0] for r in result.rows] == ['ACME "}社']


def test_binding_a_parameter_the_query_does_not_take(db: ox.Store) -> None:
    with pytest.raises(store.StoreError, match="actorName"):
        store.run_query(db, "SELECT ?s WHERE { ?s a kg:Actor }", bindings={"actorName": "x"})
    with pytest.raises(store.StoreError, match="variable name"):
        store.run_query(db, canned("who-said"), bindings={"not a name": "x"})


def test_queries_see_every_named_graph(graph: Graph, db: ox.Store, tmp_path: Path) -> None:
    trig = store.load(store.export(graph, tmp_path / "g.trig", fmt="trig"))
    for path in QUERY_FILES:
        text = path.read_text(encoding="utf-8")
        assert store.run_query(trig, text).rows == store.run_query(db, text).rows


# ---- result formats --------------------------------------------------------------------------


def test_table_aligns_wide_characters(db: ox.Store) -> None:
    result = store.run_query(db, canned("who-said"))
    lines = store.format_result(result, "table").splitlines()
    header = lines[0]
    offset = cell_len(header[: header.index("claim")])
    claim = result.columns.index("claim")
    for row, line in zip(result.rows, lines[2:], strict=False):
        start = row[claim][:5]
        assert cell_len(line[: line.index(start)]) == offset
    assert lines[-1] == f"{len(result.rows)} rows"


def test_table_cuts_long_cells_but_csv_keeps_them(db: ox.Store) -> None:
    result = store.run_query(db, canned("who-said"))
    table = store.format_result(result, "table")
    assert LONG not in table and "…" in table
    assert all(cell_len(line) < 60 * len(result.columns) for line in table.splitlines())
    assert LONG in store.format_result(result, "csv")


def test_table_shows_markup_as_text(db: ox.Store) -> None:
    table = store.format_result(store.run_query(db, canned("who-said")), "table")
    assert "[bold]声明[/bold]を出す" in table


def test_csv(db: ox.Store) -> None:
    result = store.run_query(db, canned("demands"))
    rows = list(csv.reader(io.StringIO(store.format_result(result, "csv"))))
    assert tuple(rows[0]) == result.columns
    assert len(rows) == len(result.rows) + 1
    assert rows[1][result.columns.index("addressee")] in ("", "アメリカ合衆国")


def test_json_is_sparql_results_json(db: ox.Store) -> None:
    result = store.run_query(db, canned("who-said"))
    text = store.format_result(result, "json")
    assert "ウラジーミル・プーチン" in text, "no \\u escapes for Japanese"
    doc = json.loads(text)
    assert doc["head"]["vars"] == list(result.columns)
    bindings = doc["results"]["bindings"]
    assert len(bindings) == len(result.rows)
    dated = next(b for b in bindings if b.get("date", {}).get("value") == "2024-03-01")
    assert dated["date"] == {
        "type": "literal",
        "value": "2024-03-01",
        "datatype": "http://www.w3.org/2001/XMLSchema#date",
    }
    # article text is tagged Japanese
    assert bindings[0]["speaker"] == {"type": "literal", "value": bindings[0]["speaker"]["value"], "xml:lang": "ja"}


def test_construct_as_turtle(db: ox.Store) -> None:
    sparql = "CONSTRUCT { ?a kg:said ?c } WHERE { ?a kg:said ?c }"
    result = store.run_query(db, sparql)
    assert result.kind == "graph" and result.columns == ("subject", "predicate", "object")
    text = store.format_result(result, "turtle")
    back = Graph().parse(data=text, format="turtle")
    assert len(back) == 4 and set(back.predicates()) == {KG.said}
    assert text == store.format_result(store.run_query(db, sparql), "turtle"), "deterministic"
    assert len(json.loads(store.format_result(result, "json"))["results"]["bindings"]) == 4


def test_ask(db: ox.Store) -> None:
    result = store.run_query(db, "ASK { ?a kg:demands ?m }")
    assert result.boolean is True
    assert json.loads(store.format_result(result, "json")) == {"head": {}, "boolean": True}
    assert "true" in store.format_result(result, "table")


@pytest.mark.parametrize("name", [p.stem for p in QUERY_FILES])
def test_pages_are_slices_of_the_whole_result(db: ox.Store, name: str) -> None:
    whole = store.run_query(db, canned(name))
    assert len(whole) >= 2
    pages = [store.run_query(db, canned(name), limit=2, offset=k) for k in range(0, len(whole), 2)]
    assert [row for page in pages for row in page.rows] == list(whole.rows)
    assert all(page.columns == whole.columns for page in pages)
    assert [t for page in pages for t in page.terms] == list(whole.terms)
    assert len(store.run_query(db, canned(name), limit=0)) == 0
    assert store.run_query(db, canned(name), offset=len(whole)).rows == ()
    bound = store.run_query(db, canned(name), bindings={"actorName": "プーチン"}, limit=1)
    assert bound.rows == store.run_query(db, canned(name), bindings={"actorName": "プーチン"}).rows[:1]


PAGE_FORMS = sorted(store.PAGED_DIR.glob("*.rq"))


def synthetic_graph(n_docs: int) -> ox.Store:
    """The benchmark's synthetic graph, small, with many ties: documents share five dates (some have
    none), meetings share dates or have none, and a few actors have most of the facts."""
    import dataclasses
    import random

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        import bench_store
    finally:
        sys.path.pop(0)
    rng = random.Random(7)
    pool = bench_store.actors(40, rng)
    days = [dt.date(2024, 5, d) for d in (3, 3, 9, 1, 20)] + [None]
    out = []
    for i in range(n_docs):
        x = bench_store.extraction(i, pool, rng)
        day = days[i % len(days)]
        (meeting,) = x.meetings
        out.append(dataclasses.replace(
            x, article=dataclasses.replace(x.article, date=day),
            meetings=(dataclasses.replace(meeting, date=days[(i * 7) % len(days)]),),
        ))  # fmt: skip
    return store.from_graph(build_graph(out))


@pytest.fixture(scope="module")
def synthetic() -> ox.Store:
    return synthetic_graph(60)


def test_every_page_form_belongs_to_a_canned_query() -> None:
    assert {p.name for p in PAGE_FORMS} <= {p.name for p in QUERY_FILES}
    assert {p.stem for p in PAGE_FORMS} >= {"who-said", "demands", "meetings", "actor"}
    for path in PAGE_FORMS:
        text = path.read_text(encoding="utf-8")
        assert store._LEAD_LIMIT.search(text), f"{path.name}: no `LIMIT n  # lead`"
        assert store._LEAD_ROWS.search(text), f"{path.name}: no `# lead: … about N rows each`"


@pytest.mark.parametrize("path", PAGE_FORMS, ids=[p.stem for p in PAGE_FORMS])
def test_page_forms_give_the_pages_of_the_whole_listing(db: ox.Store, synthetic: ox.Store, path: Path) -> None:
    """A page of a canned listing is made from its page form (queries/paged/): every page of every size
    must be the same slice of the whole listing, rows and terms, across ties in dates and documents."""
    text = canned(path.stem)
    for graph in (db, store.load(GOLDEN), synthetic):
        whole = store.run_query(graph, text)
        form, hide = path.read_text(encoding="utf-8"), set(store.query_parameters(text))
        for size in (1, 2, 3, 7, 40):
            step = max(size, len(whole) // 20) if graph is synthetic else 1  # about 20 pages of each size
            for offset in range(0, len(whole) + size, step):
                page = store.run_query(graph, text, limit=size, offset=offset)
                assert page.columns == whole.columns
                assert page.rows == whole.rows[offset : offset + size], (path.stem, size, offset)
                assert page.terms == whole.terms[offset : offset + size]
                if offset + size <= len(whole):  # a full page: made by the page form, not the whole listing
                    own = store._run_page(graph, form, limit=size, offset=offset, hide=hide)
                    assert own is not None and own.rows == page.rows, (path.stem, size, offset)


def test_a_page_too_deep_for_the_page_form_runs_the_whole_listing(synthetic: ox.Store, monkeypatch) -> None:
    text = canned("who-said")
    whole = store.run_query(synthetic, text)
    monkeypatch.setattr(store, "MAX_LEAD", 2)
    assert store._run_page(synthetic, store._page_forms()[text], limit=10, offset=50, hide={"actorName"}) is None
    assert store.run_query(synthetic, text, limit=10, offset=50).rows == whole.rows[50:60]


def test_pages_of_a_construct(db: ox.Store) -> None:
    sparql = "CONSTRUCT { ?s rdfs:label ?o } WHERE { ?s rdfs:label ?o }"
    whole = store.run_query(db, sparql)
    page = store.run_query(db, sparql, limit=2, offset=1)
    assert len(page.triples) == 2 and set(page.triples) <= set(whole.triples)


def test_negative_page_is_an_error(db: ox.Store) -> None:
    with pytest.raises(store.StoreError, match="negative"):
        store.run_query(db, canned("actors"), limit=-1)
    with pytest.raises(store.StoreError, match="negative"):
        store.run_query(db, canned("actors"), offset=-3)


@pytest.mark.parametrize("fmt", ["turtle", "xml"])
def test_format_errors(db: ox.Store, fmt: str) -> None:
    with pytest.raises(store.StoreError):
        store.format_result(store.run_query(db, canned("actors")), fmt)


# ---- export ----------------------------------------------------------------------------------


def merged(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("fmt", store.EXPORT_FORMATS)
def test_export_round_trips_in_rdflib_and_pyoxigraph(graph: Graph, tmp_path: Path, fmt: str) -> None:
    out = store.export(graph, tmp_path / f"graph{EXTENSIONS[fmt]}", fmt=fmt)
    ds = Dataset()
    ds.parse(out, format=RDFLIB_FORMATS[fmt])
    assert isomorphic(merged(ds), graph), "rdflib's parser"
    assert isomorphic(store.load_rdflib(out), graph), "pyoxigraph's parser"
    assert len(store.load(out)) == len(graph)


def test_jsonld_keeps_our_prefixes(graph: Graph, tmp_path: Path) -> None:
    doc = json.loads(store.export(graph, tmp_path / "g.jsonld", fmt="jsonld").read_text(encoding="utf-8"))
    assert {"kg", "prov", "dcterms", "skos", "rdfs", "owl", "xsd"} <= set(doc["@context"])
    assert doc["@context"]["kg"] == "https://w3id.org/kg-news/ns#"
    assert any("kg:said" in node for g in doc["@graph"] for node in g.get("@graph", [g]))


def test_jsonld_has_the_named_graphs_of_the_trig_export(graph: Graph, tmp_path: Path) -> None:
    """The JSON-LD export is the same dataset as the N-Quads one: one named graph per document."""
    def quads(path: Path) -> set[str]:
        return {str(q) for q in ox.parse(path=str(path), format=store.READ_FORMATS[path.suffix][0])}

    jsonld = store.export(graph, tmp_path / "g.jsonld", fmt="jsonld")
    nquads = store.export(graph, tmp_path / "g.nq", fmt="nquads")
    assert quads(jsonld) == quads(nquads)
    named = [g["@id"] for g in json.loads(jsonld.read_text(encoding="utf-8"))["@graph"] if "@graph" in g]
    assert set(named) == {str(document_iri(x.article)) for x in extractions()}


def test_the_shipped_jsonld_context_names_every_kg_term() -> None:
    """ontology/context.jsonld: a term per class and property of ours, object properties coerced to IRIs."""
    ontology = Graph().parse(store.JSONLD_CONTEXT.with_name("kg.ttl"))
    context = store.jsonld_context()
    for name in KG.__annotations__:
        assert context.get(name) in (f"kg:{name}", {"@id": f"kg:{name}", "@type": "@id"}), name
        coerced = isinstance(context[name], dict)
        assert coerced == ((KG[name], RDF.type, OWL.ObjectProperty) in ontology), name


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_one_named_graph_per_document(graph: Graph, tmp_path: Path, fmt: str) -> None:
    out = store.export(graph, tmp_path / f"g{EXTENSIONS[fmt]}", fmt=fmt)
    ds = Dataset()
    ds.parse(out, format=RDFLIB_FORMATS[fmt])
    docs = {document_iri(x.article) for x in extractions()}
    named = {g.identifier for g in ds.graphs() if g.identifier != ds.default_graph.identifier and len(g)}
    assert named == docs
    for doc in docs:
        part = ds.graph(doc)
        assert (doc, RDF.type, KG.Document) in part
        for fact in graph.subjects(PROV.wasDerivedFrom, doc):
            assert set(graph.triples((fact, None, None))) <= set(part), "a fact and its evidence stay together"
        for s, _, o in part:
            assert s == doc or (s, PROV.wasDerivedFrom, doc) in graph or (o, PROV.wasDerivedFrom, doc) in graph
    claims = set(graph.subjects(RDF.type, KG.Claim))
    for actor, claim in graph.subject_objects(KG.said):
        assert claim in claims
        home = graph.value(claim, PROV.wasDerivedFrom)
        assert (actor, KG.said, claim) in ds.graph(home)
    default = ds.default_graph
    assert (None, RDF.type, KG.Person) in default and (None, KG.said, None) not in default


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_named_graphs_read_back_the_same_in_rdflib_and_pyoxigraph(graph: Graph, tmp_path: Path, fmt: str) -> None:
    out = store.export(graph, tmp_path / f"g{EXTENSIONS[fmt]}", fmt=fmt)
    ds = Dataset()
    ds.parse(out, format=RDFLIB_FORMATS[fmt])

    def canonical(term):
        # pyoxigraph's Store keeps an xsd:decimal by value: "0.80" reads back as "0.8" (same value, other term)
        if isinstance(term, Literal) and term.datatype == XSD.decimal:
            return Literal(format(term.toPython().normalize(), "f"), datatype=XSD.decimal)
        return term

    by_rdflib: dict[str | None, Graph] = {}
    for g in ds.graphs():
        name = None if g.identifier == ds.default_graph.identifier else str(g.identifier)
        for t in g:
            by_rdflib.setdefault(name, Graph()).add(tuple(canonical(x) for x in t))
    by_oxigraph: dict[str | None, Graph] = {}
    for q in store.load(out):
        name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        triple = tuple(canonical(store._from_ox(x)) for x in (q.subject, q.predicate, q.object))
        by_oxigraph.setdefault(name, Graph()).add(triple)
    assert by_rdflib.keys() == by_oxigraph.keys()
    for name, g in by_rdflib.items():
        assert isomorphic(g, by_oxigraph[name]), name


def test_export_is_deterministic(tmp_path: Path) -> None:
    forward, backward = build_graph(extractions()), build_graph(list(reversed(extractions())))
    for fmt in store.EXPORT_FORMATS:
        a = store.serialize(forward, fmt=fmt)
        b = store.serialize(backward, fmt=fmt)
        assert a == b, fmt


def test_export_is_the_same_across_processes(tmp_path: Path) -> None:
    # set and dict order in rdflib depend on the hash seed; the files must not
    script = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]); import test_store as t; from kg import store; "
        "g = t.build_graph(t.extractions()); "
        "print(*(hashlib.sha256(store.serialize(g, fmt=f)).hexdigest() for f in store.EXPORT_FORMATS))"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, str(Path(__file__).parent)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(run.stdout)
    assert len(digests) == 1


@pytest.mark.parametrize("fmt", ["xml", "TURTLE"])
def test_unknown_export_format(graph: Graph, tmp_path: Path, fmt: str) -> None:
    with pytest.raises(store.StoreError, match="unknown export format"):
        store.export(graph, tmp_path / "g.out", fmt=fmt)
    assert list(tmp_path.iterdir()) == []


# ---- atomic save -----------------------------------------------------------------------------


def test_save_leaves_no_temp_file_and_replaces(graph: Graph, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "graph.ttl"
    store.save(graph, out)
    store.save(graph, out)
    assert [p.name for p in out.parent.iterdir()] == ["graph.ttl"]
    assert isomorphic(Graph().parse(out, format="turtle"), graph)


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads"])
def test_failing_serialiser_leaves_previous_file(graph: Graph, tmp_path: Path, monkeypatch, fmt: str) -> None:
    out = tmp_path / f"graph{EXTENSIONS[fmt]}"
    out.write_bytes(b"previous")

    def broken(*args, **kwargs):
        raise RuntimeError("serialiser failed")

    monkeypatch.setattr(ox, "serialize", broken)
    with pytest.raises(RuntimeError):
        store.save(graph, out, fmt=fmt)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_failing_write_leaves_previous_file(graph: Graph, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "graph.trig"
    out.write_bytes(b"previous")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", broken)
    with pytest.raises(store.StoreError, match="No space left") as raised:
        store.save(graph, out, fmt="trig")
    assert isinstance(raised.value, OSError), "callers catching OSError around a build see it too"
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


def test_save_into_a_file_path_that_is_a_folder(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(store.StoreError, match="cannot write"):
        store.save(graph, tmp_path)


# ---- errors ----------------------------------------------------------------------------------


LOAD_ERRORS = [  # (file name, its content or None for no file, what the error says)
    ("missing.ttl", None, "no such file"),
    ("bad.ttl", '<a> <b> "unterminated .\n', "not valid Turtle"),
    ("graph.xyz", "", "unknown graph format"),
    ("", None, "folder"),  # the folder itself
    ("bad.jsonld", "{not json", "JSON-LD"),
]


@pytest.mark.parametrize("loader", [store.load, store.load_rdflib])
@pytest.mark.parametrize(("name", "content", "message"), LOAD_ERRORS, ids=[c[2] for c in LOAD_ERRORS])
def test_load_errors(tmp_path: Path, loader, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(store.StoreError, match=message):
        loader(path)


@pytest.mark.parametrize("sparql", ["SELEC ?x WHERE {}", "SELECT ?x WHERE { ?x nope:p ?y }", "SELECT ?x WHERE {"])
def test_bad_sparql(db: ox.Store, sparql: str) -> None:
    with pytest.raises(store.StoreError, match="bad SPARQL"):
        store.run_query(db, sparql)


def test_load_rdflib_keeps_literals(saved: Path, graph: Graph) -> None:
    back = store.load_rdflib(saved)
    assert isomorphic(back, graph)
    assert Literal("ウラジーミル・プーチン", lang="ja") in set(back.objects())
    assert next(back.subjects(RDF.type, KG.Document)).startswith(str(URIRef("https://w3id.org/kg-news/id/doc/")))
