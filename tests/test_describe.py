"""kg.describe: the description of a build (VoID/DCAT/PROV) in the graph, stable, in its own named graph."""

from __future__ import annotations

import copy
import datetime as dt

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, VOID

from kg import store
from kg.describe import BUILD_GRAPH, describe_build, input_digest, licence_of, licence_table
from kg.graph import build_graph, document_iri
from kg.model import ActorRef, Article, Evidence, Extraction, Quote
from kg.vocab import KG

BY = "https://creativecommons.org/licenses/by/2.5/"
BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"
SPEAKER = ActorRef("岸田首相", "岸田文雄", "Person")


def articles() -> list[Article]:
    return [
        Article("wn-1", "岸田首相は「前進だ」と述べた。", "wn.jsonl", dt.date(2023, 5, 1), "見出し", outlet="共同",
                url="https://ja.wikinews.org/wiki/x"),
        Article("wp-1", "岸田首相は「前進だ」と述べた。", "wp.jsonl", None, None, outlet="ウィキペディア"),
        Article("other", "岸田首相は「前進だ」と述べた。", "o.txt", None, None, outlet="どこか"),
    ]


def graph(arts: list[Article]) -> Graph:
    sentence = "岸田首相は「前進だ」と述べた。"
    return build_graph([Extraction(a, quotes=(Quote(SPEAKER, "前進だ", Evidence(sentence, 0, 15, "quotes.direct.v2")),))
                        for a in arts])


def described(arts: list[Article]) -> tuple[Graph, URIRef, int]:
    g = graph(arts)
    before = len(g)
    ds = describe_build(g, digest=input_digest((a.id, a.text) for a in arts), lexicon_version="lex1")
    return g, ds, before


def test_the_build_is_a_dataset_with_counts_rules_and_what_made_it() -> None:
    g, ds, before = described(articles())
    assert (ds, RDF.type, VOID.Dataset) in g
    licences = {str(o) for o in g.objects(ds, DCTERMS.license)}
    assert licences == {BY, BY_SA}
    # void:triples counts the facts and the two documents' licences, not the description's own triples
    assert g.value(ds, VOID.triples).toPython() == before + 2
    parts = {g.value(p, VOID["class"]): g.value(p, VOID.entities).toPython()
             for p in g.objects(ds, VOID.classPartition)}
    assert parts[KG.Document] == 3 and parts[KG.Claim] == 3 and parts[KG.Person] == 1
    assert {str(r) for r in g.objects(ds, KG.usedRule)} == {"quotes.direct.v2"}
    assert str(g.value(ds, KG.lexiconVersion)) == "lex1"
    agent = g.value(g.value(ds, PROV.wasGeneratedBy), PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g and str(g.value(agent, RDFS.label)).startswith("kg ")


def test_documents_carry_the_licence_of_their_source() -> None:
    g, _, _ = described(articles())
    wn, wp, other = (document_iri(a) for a in articles())
    assert g.value(wn, DCTERMS.license) == URIRef(BY)  # by its address
    assert g.value(wp, DCTERMS.license) == URIRef(BY_SA)  # by its publisher
    assert g.value(other, DCTERMS.license) is None  # unknown: nothing claimed
    table = licence_table()
    assert licence_of("https://en.wikinews.org/wiki/y", None, table) == BY
    assert licence_of("https://notwikinews.org/y", None, table) is None  # a host's suffix, not any text


def test_the_same_input_gives_the_same_description_and_another_input_another() -> None:
    g1, ds1, _ = described(articles())
    g2, ds2, _ = described(copy.deepcopy(articles()))
    assert ds1 == ds2 and set(g1) == set(g2)
    changed = articles()
    changed[0] = Article("wn-1", "岸田首相は「後退だ」と述べた。", "wn.jsonl", dt.date(2023, 5, 1), "見出し")
    _, ds3, _ = described(changed)
    assert ds3 != ds1


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_the_description_is_its_own_named_graph(fmt: str) -> None:
    g, ds, _ = described(articles())
    fmt_ox = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    quads = list(ox.parse(store.serialize(g, fmt=fmt), format=fmt_ox))
    graphs = {q.graph_name.value for q in quads if q.subject.value == str(ds)}
    assert graphs == {str(BUILD_GRAPH)}
    wn = document_iri(articles()[0])
    lic = [q for q in quads if q.subject.value == str(wn) and q.predicate.value == str(DCTERMS.license)]
    assert [q.graph_name.value for q in lic] == [str(wn)]  # a document's licence travels with the document


@pytest.mark.model
def test_a_build_describes_itself(tmp_path) -> None:
    from kg.pipeline import build_files

    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "x", "text": "ロシアのプーチン大統領は「戦争は望まない」と述べた。"}\n', encoding="utf-8")
    result = build_files([src], out=tmp_path / "g.ttl")
    [ds] = result.graph.subjects(RDF.type, VOID.Dataset)
    assert result.graph.value(ds, KG.inputDigest) == Literal(
        input_digest([("x", "ロシアのプーチン大統領は「戦争は望まない」と述べた。")]))
    assert "void:Dataset" in (tmp_path / "g.ttl").read_text(encoding="utf-8")
