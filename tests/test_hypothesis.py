"""Any text is safe in the graph: property tests over hostile names, quotes and ids (no model needed).

Records are built by hand (kg.model) with text hypothesis draws from all of Unicode — lone surrogates,
control characters, ``<>"{}|\\^``` and emoji included — and go through kg.graph and kg.store. What
``clean_text`` deliberately drops (lone surrogates, C0 controls other than tab and newlines) is the only
difference allowed between the text given and the text read back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from kg import store
from kg.graph import build_graph, clean_text
from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote
from kg.vocab import ID, KG

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

HOSTILE = (  # what breaks hand-made Turtle or SPARQL, and what no serialiser can write
    '<>"{}|\\^`\'\n\r\t\x00\x01\x1f\x7f\x85\u2028\u2029\ufeff\ufffe\uffff\ud800\udfff😀👩‍👩‍👧\U0010ffff「」と述べた。 '
)
MINTED = re.compile(r"https://w3id\.org/kg-news/id/(doc|actor|claim|measure|meeting|place|publisher)/[0-9a-f]{16}(/evidence)?")
FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads"}
CANNED = sorted(store.canned_queries())
WIKIDATA = ("http://www.wikidata.org/entity/Q7747", None)

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# every code point, surrogates and controls too, with the characters that break hand-made RDF drawn often
texts = st.text(st.characters(exclude_categories=()) | st.sampled_from(HOSTILE), max_size=40)
names = st.text(st.characters(exclude_categories=()) | st.sampled_from(HOSTILE), min_size=1, max_size=20)


@st.composite
def actors(draw) -> ActorRef:
    return ActorRef(
        draw(names), draw(names), draw(st.sampled_from(["Person", "State", "Organization", "Actor"])),
        draw(st.sampled_from(WIKIDATA)),
    )


@st.composite
def evidences(draw, rule: str) -> Evidence:
    start = draw(st.integers(0, 10_000))
    return Evidence(draw(texts), start, start + draw(st.integers(0, 500)), rule)


confidences = st.integers(0, 100).map(lambda n: n / 100)


@st.composite
def extractions(draw) -> Extraction:
    article = Article(
        id=draw(names), text=draw(texts), source=draw(names),
        date=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
        title=draw(st.none() | texts), url=draw(st.none() | texts), outlet=draw(st.none() | texts),
        year=draw(st.none() | st.integers(1900, 2100)),
    )
    quotes = draw(st.lists(st.builds(
        Quote, actors(), texts, evidences("quotes.direct.v1"), direct=st.booleans(),
        reported_by=st.none() | actors(), confidence=confidences), max_size=3))
    demands = draw(st.lists(st.builds(
        Demand, actors(), texts, evidences("demands.v1"), addressee=st.none() | actors(),
        confidence=confidences), max_size=2))
    meetings = draw(st.lists(st.builds(
        Meeting, texts, evidences("meetings.v1"), date=st.none() | st.dates(),
        date_text=st.none() | texts, participants=st.lists(actors(), max_size=3).map(tuple),
        place=st.none() | texts, kind=st.sampled_from(["InPerson", "Phone", "Video", "Multilateral"]),
        status=st.sampled_from(["Held", "Planned", "Postponed", "Proposed"]), confidence=confidences), max_size=2))
    mentions = tuple(draw(st.lists(actors(), max_size=2)))
    return Extraction(article, tuple(quotes), tuple(demands), tuple(meetings), mentions)


corpora = st.lists(extractions(), min_size=1, max_size=3)


def _parse_rdflib(data: bytes, fmt: str) -> Graph:
    """Serialised bytes → one rdflib Graph (named graphs merged), parsed by rdflib's own parsers."""
    if fmt == "turtle":
        return Graph().parse(data=data, format="turtle")
    ds = Dataset()
    ds.parse(data=data, format=FORMATS[fmt])
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _parse_oxigraph(data: bytes, fmt: str) -> Graph:
    """Serialised bytes → one rdflib Graph, parsed by pyoxigraph (named graphs merged)."""
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}[fmt]
    merged = Graph()
    for quad in ox.parse(data, format=rdf_format):
        merged.add((store._from_ox(quad.subject), store._from_ox(quad.predicate), store._from_ox(quad.object)))
    return merged


# ---- clean_text ------------------------------------------------------------------------------


@given(texts)
@SETTINGS
def test_clean_text_is_writable_and_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert all(c in "\t\n\r" or ord(c) >= 0x20 for c in cleaned)
    assert clean_text(cleaned) == cleaned
    assert len(cleaned) <= len(text)


# ---- IRIs ------------------------------------------------------------------------------------


@given(corpora)
@SETTINGS
def test_minted_iris_are_valid_and_hold_no_text(corpus: list[Extraction]) -> None:
    g = build_graph(corpus)
    for term in {t for triple in g for t in triple if isinstance(t, URIRef)}:
        iri = str(term)
        ox.NamedNode(iri)  # pyoxigraph checks the IRI grammar
        assert not set(iri) & set('<>"{}|\\^` \n\t')
        if iri.startswith(str(ID)):
            assert MINTED.fullmatch(iri), iri


# ---- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
@given(corpus=corpora)
@SETTINGS
def test_serialised_graph_parses_back_isomorphic_in_rdflib_and_pyoxigraph(fmt: str, corpus: list[Extraction]) -> None:
    g = build_graph(corpus)
    data = store.serialize(g, fmt=fmt)
    assert isomorphic(_parse_oxigraph(data, fmt), g)
    assert isomorphic(_parse_rdflib(data, fmt), g)


@given(corpora)
@SETTINGS
def test_text_reads_back_as_cleaned(corpus: list[Extraction]) -> None:
    back = _parse_oxigraph(store.serialize(build_graph(corpus), fmt="turtle"), "turtle")
    claims = {str(o) for o in back.objects(predicate=KG.text)}
    labels = {str(o) for o in back.objects(predicate=RDFS.label)}
    sentences = {str(o) for o in back.objects(predicate=KG.sentence)}
    for ex in corpus:
        for q in ex.quotes:
            assert clean_text(q.text) in claims
            assert clean_text(q.speaker.label) in labels
            assert clean_text(q.evidence.sentence) in sentences
        for d in ex.demands:
            assert clean_text(d.measure) in labels
        for m in ex.meetings:
            assert clean_text(m.label) in labels
    assert {str(o) for o in back.objects(predicate=KG.sourceFile)} == {clean_text(ex.article.source) for ex in corpus}


# ---- queries ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def canned_text() -> dict[str, str]:
    return {name: store.resolve_query(name) for name in CANNED}


@given(corpus=corpora, name=texts)
@SETTINGS
def test_canned_queries_bind_any_actor_name(canned_text: dict[str, str], corpus: list[Extraction], name: str) -> None:
    g = build_graph(corpus)
    db = store.from_graph(g)
    for sparql in canned_text.values():
        store.run_query(db, sparql, bindings={"actorName": name})  # never a SPARQL syntax error
    speakers = [q.speaker.label for ex in corpus for q in ex.quotes]
    for label in speakers:  # the exact label always finds its speaker
        rows = store.run_query(db, canned_text["who-said"], bindings={"actorName": label}).rows
        assert clean_text(label) in {row[0] for row in rows}


@given(st.text(st.characters(exclude_categories=()) | st.sampled_from(HOSTILE), max_size=60))
@SETTINGS
def test_arbitrary_sparql_text_is_a_store_error_or_a_result(sparql: str) -> None:
    with contextlib.suppress(store.StoreError):
        store.run_query(ox.Store(), sparql)
