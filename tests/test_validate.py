"""SHACL: ontology/shapes.ttl describes a good graph; every built graph conforms and a corrupted one is caught."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from typer.testing import CliRunner

from kg import store
from kg.cli import app
from kg.graph import build_graph
from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote
from kg.validate import SHAPES, load_shapes, validate
from kg.vocab import KG, NS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).with_name("data")
runner = CliRunner()

PUTIN = ActorRef("プーチン大統領", "ウラジーミル・プーチン", "Person", "http://www.wikidata.org/entity/Q7747")
US = ActorRef("米国", "アメリカ合衆国", "State")
NATO = ActorRef("NATO", "北大西洋条約機構", "Organization")


def ev(sentence: str, start: int, rule: str) -> Evidence:
    return Evidence(sentence, start, start + len(sentence), rule)


def corpus() -> list[Extraction]:
    a1 = Article("d1", "…", "a.jsonl", dt.date(2022, 1, 13), "露大統領、米国を批判", outlet="共同通信", record=1)
    a2 = Article("d2", "…", "b.txt", None, year=2022)
    return [
        Extraction(
            a1,
            quotes=(Quote(PUTIN, "米国は危険な道を歩んでいる", ev("「米国は…」と述べた。", 0, "quotes.direct.v1")),),
            demands=(Demand(PUTIN, "制裁の解除", ev("制裁の解除を求めた。", 20, "demands.v1"), addressee=US),),
            mentions=(PUTIN, US),
        ),
        Extraction(
            a2,
            meetings=(
                Meeting("会合", ev("12日には会合が、13日には会合が予定されている。", 0, "meetings.v1"),
                        date=dt.date(2022, 1, 12), date_text="12日", participants=(NATO, PUTIN), place="ブリュッセル",
                        kind="Multilateral", status="Planned"),
                Meeting("会合", ev("12日には会合が、13日には会合が予定されている。", 0, "meetings.v1"),
                        date=dt.date(2022, 1, 13), date_text="13日", place="ウィーン", kind="Multilateral",
                        status="Planned"),
            ),
        ),
    ]


@pytest.fixture()
def graph() -> Graph:
    return build_graph(corpus())


def first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def test_shapes_use_only_ontology_terms() -> None:
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl")
    declared = {str(s) for s in ontology.subjects()}
    used = {str(t) for triple in load_shapes() for t in triple if str(t).startswith(NS)}
    assert used and used <= declared, used - declared


def test_hand_built_graph_conforms(graph: Graph) -> None:
    result = validate(graph)
    assert result.conforms, "\n".join(map(str, result.violations))


def test_two_meetings_named_alike_in_one_sentence_stay_two(graph: Graph) -> None:
    """12日には…会合が、13日には…会合が: one node with two dates and places would break the shapes."""
    meetings = list(graph.subjects(RDF.type, KG.Meeting))
    assert len(meetings) == 2
    assert {str(graph.value(m, KG.heldOn)) for m in meetings} == {"2022-01-12", "2022-01-13"}


def _on_first(cls: URIRef, change: Callable[[Graph, URIRef], None]) -> Callable[[Graph], URIRef]:
    """A mutation: ``change`` applied to the first node of class ``cls``, which it returns."""

    def mutate(g: Graph) -> URIRef:
        node = first(g, cls)
        change(g, node)
        return node

    return mutate


def _drop(p: URIRef, cls: URIRef) -> Callable[[Graph], URIRef]:
    return _on_first(cls, lambda g, node: g.remove((node, p, None)))


def _add(p: URIRef, o: object, cls: URIRef) -> Callable[[Graph], URIRef]:
    return _on_first(cls, lambda g, node: g.add((node, p, o)))


def _set(p: URIRef, o: object, cls: URIRef) -> Callable[[Graph], URIRef]:
    return _on_first(cls, lambda g, node: g.set((node, p, o)))


CORRUPTIONS = {
    "claim without text": (_drop(KG.text, KG.Claim), "kg:text"),
    "claim with two texts": (_add(KG.text, Literal("もう一つ"), KG.Claim), "kg:text"),
    "claim without source": (_drop(PROV.wasDerivedFrom, KG.Claim), "prov:wasDerivedFrom"),
    "claim nobody said": (lambda g: _remove_said(g), "^kg:said"),
    "measure without label": (_drop(RDFS.label, KG.Measure), "rdfs:label"),
    "measure without source": (_drop(PROV.wasDerivedFrom, KG.Measure), "prov:wasDerivedFrom"),
    "heldOn as plain text": (_set(KG.heldOn, Literal("2022-01-12"), KG.Meeting), "kg:heldOn"),
    "heldOn not a date": (_set(KG.heldOn, Literal("13日", datatype=XSD.date), KG.Meeting), "kg:heldOn"),
    "unknown meeting status": (_set(KG.status, KG.Person, KG.Meeting), "kg:status"),
    "person without label": (_drop(RDFS.label, KG.Person), "rdfs:label"),
    "state without label": (_drop(RDFS.label, KG.State), "rdfs:label"),
    "document without identifier": (_drop(DCTERMS.identifier, KG.Document), "dcterms:identifier"),
    "document with two dates": (_add(DCTERMS.date, Literal("2021-01-01", datatype=XSD.date), KG.Document),
                                "dcterms:date"),
    "evidence without sentence": (_drop(KG.sentence, KG.Evidence), "kg:sentence"),
    "evidence without rule": (_drop(KG.rule, KG.Evidence), "kg:rule"),
    "rule without version": (_set(KG.rule, Literal("quotes"), KG.Evidence), "kg:rule"),
    "offsets reversed": (_set(KG.startOffset, Literal(10_000), KG.Evidence), "kg:startOffset"),
    "negative offset": (_set(KG.endOffset, Literal(-1), KG.Evidence), "kg:endOffset"),
    "confidence above one": (_set(KG.confidence, Literal("1.5", datatype=XSD.decimal), KG.Claim), "kg:confidence"),
    "confidence as text": (_set(KG.confidence, Literal("high"), KG.Measure), "kg:confidence"),
    "fact without evidence": (_drop(KG.evidence, KG.Meeting), "kg:evidence"),
}


def _remove_said(g: Graph) -> URIRef:
    claim = first(g, KG.Claim)
    g.remove((None, KG.said, claim))
    return claim


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_corruption_is_caught_at_the_offending_node(graph: Graph, name: str) -> None:
    mutate, path = CORRUPTIONS[name]
    node = mutate(graph)
    result = validate(graph)
    assert not result.conforms
    assert any(v.focus == node.n3() and v.path == path for v in result.violations), [str(v) for v in result]


def test_untyped_actor_is_caught(graph: Graph) -> None:
    actor = first(graph, KG.State)
    graph.remove((actor, RDF.type, None))  # still the object of kg:addressee
    result = validate(graph)
    assert not result.conforms and any(v.focus == actor.n3() for v in result.violations)


# ---- any hand-built graph conforms -----------------------------------------------------------

texts = st.text(max_size=12)
actors = st.builds(ActorRef, texts, texts, st.sampled_from(["Person", "State", "Organization", "Actor"]))
confidences = st.integers(0, 100).map(lambda n: n / 100)


def _evidence(rule: str):
    return st.builds(Evidence, texts, st.just(0), st.integers(0, 400), st.just(rule))


@st.composite
def extractions(draw) -> list[Extraction]:
    """Articles with distinct ids and facts at distinct offsets: what the pipeline hands to kg.graph."""
    out = []
    for n in range(draw(st.integers(1, 3))):
        art = Article(f"doc{n}", "", draw(texts), date=draw(st.none() | st.dates()), title=draw(st.none() | texts),
                      year=draw(st.none() | st.integers(1900, 2100)))
        quotes = draw(st.lists(st.builds(Quote, actors, texts, _evidence("quotes.direct.v1"), direct=st.booleans(),
                                         reported_by=st.none() | actors, confidence=confidences), max_size=2))
        demands = draw(st.lists(st.builds(Demand, actors, texts, _evidence("demands.v1"),
                                          addressee=st.none() | actors, confidence=confidences), max_size=2))
        meetings = draw(st.lists(st.builds(
            Meeting, texts, _evidence("meetings.v1"), date=st.none() | st.dates(), date_text=st.none() | texts,
            participants=st.lists(actors, max_size=2).map(tuple), place=st.none() | texts,
            kind=st.sampled_from(["InPerson", "Phone", "Video", "Multilateral"]),
            status=st.sampled_from(["Held", "Planned", "Postponed", "Proposed"]), confidence=confidences), max_size=2))
        facts = [*quotes, *demands, *meetings]
        facts = [_at(f, 1000 * i) for i, f in enumerate(facts)]  # distinct positions, as the extractors give
        out.append(Extraction(art, tuple(f for f in facts if isinstance(f, Quote)),
                              tuple(f for f in facts if isinstance(f, Demand)),
                              tuple(f for f in facts if isinstance(f, Meeting)), tuple(draw(st.lists(actors)))))
    return out


def _at(fact, start: int):
    e = fact.evidence
    return dataclasses.replace(fact, evidence=dataclasses.replace(e, start=start, end=start + e.end))


@given(extractions())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_hand_built_graph_conforms(corpus: list[Extraction]) -> None:
    result = validate(build_graph(corpus))
    assert result.conforms, "\n".join(map(str, result.violations))


# ---- kg validate -----------------------------------------------------------------------------


def test_validate_has_help() -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_cli_conforming_graph(graph: Graph, tmp_path: Path) -> None:
    path = store.save(graph, tmp_path / "g.ttl")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq"])
def test_cli_corrupted_graph_lists_the_node(graph: Graph, tmp_path: Path, suffix: str) -> None:
    claim = first(graph, KG.Claim)
    graph.remove((claim, KG.text, None))
    fmt = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads"}[suffix]
    path = store.save(graph, tmp_path / f"g{suffix}", fmt=fmt)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert str(claim) in result.output and "kg:text" in result.output
    assert re.search(r"does not conform \(1 violation\)", result.output)
    assert "Traceback" not in result.output


def test_cli_ill_typed_literal_is_a_violation_not_a_traceback(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    text = store.serialize(graph, fmt="turtle").decode("utf-8")
    path.write_text(text.replace('"2022-01-12"^^xsd:date', '"12日"^^xsd:date'), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "kg:heldOn" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (None, "missing.ttl", "no such file"),
        ("<a> <b> .", "broken.ttl", "not valid Turtle"),
        ("", "graph.xyz", "unknown graph format"),
    ],
)
def test_cli_unreadable_graph_is_one_line(tmp_path: Path, content: str | None, name: str, expected: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code != 0
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_other_shapes(graph: Graph, tmp_path: Path) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(SHAPES.read_text(encoding="utf-8") + """
kgsh:Strict a sh:NodeShape ; sh:targetClass kg:Document ;
    sh:property [ sh:path dcterms:publisher ; sh:minCount 1 ; sh:message "a Document names its publisher" ] .
""", encoding="utf-8")
    path = store.save(graph, tmp_path / "g.ttl")
    result = runner.invoke(app, ["validate", str(path), "--shapes", str(shapes)])
    assert result.exit_code == 1 and "a Document names its publisher" in result.output


# ---- built graphs ----------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("inputs", [["seeds"], ["tests/data/mini.jsonl"]], ids=["seeds", "mini"])
def test_built_graph_conforms(nlp, tmp_path: Path, inputs: list[str]) -> None:
    out = tmp_path / "graph.ttl"
    built = runner.invoke(app, ["build", *(str(ROOT / i) for i in inputs), "--out", str(out), "-q"])
    assert built.exit_code == 0, built.output
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output


def test_an_organisation_links_to_its_state_and_conforms() -> None:
    agency = ActorRef("気象庁", "気象庁", "Organization", country="日本")
    art = Article("d3", "…", "c.txt", dt.date(2022, 1, 13))
    g = build_graph([Extraction(art, quotes=(Quote(agency, "警戒してほしい", ev("「警戒してほしい」と述べた。", 0,
                                                                              "quotes.direct.v1")),))])
    [(org, state)] = list(g.subject_objects(KG.country))
    assert (org, RDFS.label, Literal("気象庁", lang="ja")) in g and (state, RDF.type, KG.State) in g
    assert (state, RDFS.label, Literal("日本", lang="ja")) in g
    assert validate(g).conforms
    g.add((state, KG.country, org))  # a state belongs to no state
    assert not validate(g).conforms
