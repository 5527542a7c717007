"""Extraction records → RDF: IRI minting, provenance, evidence.

IRIs are minted from hashes of stable keys (document id, canonical label, offsets), never from
article text pasted into an IRI, so any text is safe and the same input gives the same graph.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.merge import one_type
from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote, Rejection, actors_in, with_actors
from kg.nlp import clean as parser_text
from kg.vocab import ID, KG

ACTOR_CLASSES = {"Person": KG.Person, "State": KG.State, "Organization": KG.Organization}
MEETING_KINDS = {"InPerson": KG.InPerson, "Phone": KG.Phone, "Video": KG.Video, "Multilateral": KG.Multilateral}
MEETING_STATUS = {"Held": KG.Held, "Planned": KG.Planned, "Postponed": KG.Postponed, "Proposed": KG.Proposed}


# what XML 1.0 cannot carry, beyond the controls: SPARQL-XML and RDF/XML answers holding them are not XML
_NOT_XML = frozenset("\ufffe\uffff")
_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # one pass in C: millions of texts go through


def clean_text(value: str) -> str:
    """Drop what not every RDF serialiser can write: lone surrogates (→ ``?``), C0 control characters other than
    tab and newlines, and U+FFFE/U+FFFF (not characters in XML 1.0). Everything else is kept as it is."""
    value = value.encode("utf-8", "replace").decode("utf-8")
    return _DROPPED.sub("", value)


def ja(text: str) -> Literal:
    """Text from an article (a name, a title, a claim, a sentence) as a literal tagged Japanese."""
    return Literal(clean_text(text), lang="ja")


def _key(*parts: object) -> str:
    raw = "\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=8).hexdigest()


def mint(kind: str, *parts: object) -> URIRef:
    """A stable IRI under the project's id space: ``…/id/<kind>/<hash of parts>``."""
    return ID[f"{kind}/{_key(*parts)}"]


def new_graph() -> Graph:
    g = Graph()
    g.bind("kg", KG._NS)
    g.bind("kgid", ID)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    return g


def document_iri(article: Article) -> URIRef:
    return mint("doc", article.id)


def actor_iri(actor: ActorRef) -> URIRef:
    """One node per name; a bare family name gets one per document (two articles' 田中 are not one person until
    kg.merge finds evidence they are)."""
    return mint("actor", actor.scope, actor.label) if actor.scope else mint("actor", actor.label)


def bare_name(actor: ActorRef) -> bool:
    """A person named by a family name alone, which the gazetteer does not know: ジョンソン, 田中."""
    if actor.type != "Person" or actor.wikidata:
        return False
    label = actor.label
    return bool(re.fullmatch(r"[ァ-ヶー]{2,}", label) or re.fullmatch(r"[一-龥々]{1,2}", label))


def scoped(ex: Extraction) -> Extraction:
    """``ex`` with every bare family name scoped to its document."""
    doc = ex.article.id

    def fix(a: ActorRef) -> ActorRef:
        return dataclasses.replace(a, scope=doc) if bare_name(a) else a

    return dataclasses.replace(
        ex, mentions=tuple(fix(a) for a in ex.mentions),
        **{name: tuple(with_actors(f, fix) for f in getattr(ex, name))
           for name in ("quotes", "demands", "rejections", "meetings")},
    )


def add_document(g: Graph, article: Article) -> URIRef:
    doc = document_iri(article)
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, DCTERMS.identifier, Literal(clean_text(article.id))))
    g.add((doc, KG.sourceFile, Literal(clean_text(article.source))))
    if article.date:
        g.add((doc, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)))
    elif article.year:
        g.add((doc, DCTERMS.date, Literal(str(article.year), datatype=XSD.gYear)))
    if article.title:
        g.add((doc, DCTERMS.title, ja(article.title)))
    if article.outlet:  # an agent with a name, shared by every document it published
        publisher = mint("publisher", clean_text(article.outlet))
        g.add((doc, DCTERMS.publisher, publisher))
        g.add((publisher, RDF.type, DCTERMS.Agent))
        g.add((publisher, RDFS.label, ja(article.outlet)))
    if article.url:
        g.add((doc, DCTERMS.source, Literal(clean_text(article.url))))
    return doc


def add_actor(g: Graph, actor: ActorRef) -> URIRef:
    node = actor_iri(actor)
    g.add((node, RDF.type, ACTOR_CLASSES.get(actor.type, KG.Actor)))
    g.add((node, RDFS.label, ja(actor.label)))
    if actor.text and actor.text != actor.label:
        g.add((node, SKOS.altLabel, ja(actor.text)))
    if actor.wikidata:
        g.add((node, OWL.sameAs, URIRef(actor.wikidata)))
    if actor.country and actor.type == "Organization":
        state = actor_iri(ActorRef(actor.country, actor.country, "State"))
        g.add((state, RDF.type, KG.State))
        g.add((state, RDFS.label, ja(actor.country)))
        g.add((node, KG.country, state))
    return node


def add_evidence(g: Graph, fact: URIRef, doc: URIRef, evidence: Evidence, confidence: float) -> None:
    ev = URIRef(f"{fact}/evidence")
    g.add((fact, PROV.wasDerivedFrom, doc))
    g.add((fact, KG.evidence, ev))
    g.add((fact, KG.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal)))
    g.add((ev, RDF.type, KG.Evidence))
    g.add((ev, KG.sentence, ja(evidence.sentence)))
    g.add((ev, KG.startOffset, Literal(evidence.start)))
    g.add((ev, KG.endOffset, Literal(evidence.end)))
    g.add((ev, KG.rule, Literal(evidence.rule)))
    if evidence.before:
        g.add((ev, KG.sentenceBefore, ja(evidence.before)))
    if evidence.after:
        g.add((ev, KG.sentenceAfter, ja(evidence.after)))
    g.add((ev, PROV.wasDerivedFrom, doc))


def add_quote(g: Graph, doc: URIRef, doc_id: str, quote: Quote) -> URIRef:
    claim = mint("claim", doc_id, quote.evidence.start, quote.speaker.label, quote.text)
    speaker = add_actor(g, quote.speaker)
    g.add((claim, RDF.type, KG.Claim))
    g.add((speaker, KG.said, claim))
    g.add((claim, KG.text, ja(quote.text)))
    g.add((claim, KG.direct, Literal(quote.direct)))
    if quote.reported_by:
        g.add((claim, KG.reportedBy, add_actor(g, quote.reported_by)))
    add_evidence(g, claim, doc, quote.evidence, quote.confidence)
    return claim


def _add_measure(g: Graph, doc: URIRef, kind: str, doc_id: str, evidence: Evidence, actor: ActorRef,
                 relation: URIRef, label: str, other: tuple[URIRef, ActorRef | None], confidence: float) -> URIRef:
    """A Measure that ``actor`` demands or rejects, with its label, the other actor involved and evidence."""
    measure = mint(kind, doc_id, evidence.start, actor.label, label)
    g.add((measure, RDF.type, KG.Measure))
    g.add((add_actor(g, actor), relation, measure))
    g.add((measure, RDFS.label, ja(label)))
    prop, who = other
    if who:
        g.add((measure, prop, add_actor(g, who)))
    add_evidence(g, measure, doc, evidence, confidence)
    return measure


def add_demand(g: Graph, doc: URIRef, doc_id: str, demand: Demand) -> URIRef:
    """actor –demands→ Measure –addressee→ actor."""
    return _add_measure(g, doc, "measure", doc_id, demand.evidence, demand.demander, KG.demands, demand.measure,
                        (KG.addressee, demand.addressee), demand.confidence)


def add_rejection(g: Graph, doc: URIRef, doc_id: str, rejection: Rejection) -> URIRef:
    """actor –rejects→ a Measure labelled with what was refused (ロシアの要求), –demandedBy→ its owner."""
    return _add_measure(g, doc, "rejected", doc_id, rejection.evidence, rejection.rejecter, KG.rejects,
                        rejection.what, (KG.demandedBy, rejection.owner), rejection.confidence)


def add_meeting(g: Graph, doc: URIRef, doc_id: str, meeting: Meeting, *, distinct: bool = False) -> URIRef:
    """``distinct``: another meeting of the article has the same sentence and label, so the key takes the rest."""
    key: tuple = (doc_id, meeting.evidence.start, meeting.label)
    if distinct:  # 12日には…の会合が、13日には…の会合が: two meetings, not one with two dates
        participants = tuple(p.label for p in meeting.participants)
        key += (meeting.date, meeting.date_text, meeting.place, meeting.kind, meeting.status, participants)
    node = mint("meeting", *key)
    g.add((node, RDF.type, KG.Meeting))
    g.add((node, RDFS.label, ja(meeting.label)))
    if meeting.date:
        g.add((node, KG.heldOn, Literal(meeting.date.isoformat(), datatype=XSD.date)))
    if meeting.date_text:
        g.add((node, KG.dateText, ja(meeting.date_text)))
    for p in meeting.participants:
        g.add((node, KG.participant, add_actor(g, p)))
    if meeting.place:
        place = mint("place", meeting.place)
        g.add((place, RDF.type, KG.Place))
        g.add((place, RDFS.label, ja(meeting.place)))
        g.add((node, KG.heldIn, place))
    g.add((node, KG.meetingKind, MEETING_KINDS[meeting.kind]))
    g.add((node, KG.status, MEETING_STATUS[meeting.status]))
    add_evidence(g, node, doc, meeting.evidence, meeting.confidence)
    return node


def verbatim(ex: Extraction) -> Extraction:
    """``ex`` with its sentences, quotes, measures and meeting labels as the article has them.

    The parser reads the text with every non-printable character (U+200D, U+FFFF …) turned into a space
    (``kg.nlp.clean``, which keeps offsets), so what the rules cut from it has spaces where the article has
    those characters. Evidence offsets point into the article: each sentence is taken back from there when it
    is the article's text as the parser saw it, and each text inside it from the same place in the sentence.
    """
    text = ex.article.text

    def sentence(ev: Evidence) -> tuple[Evidence, str, str]:
        original = text[ev.start : ev.end]
        if original != ev.sentence and len(original) == len(ev.sentence) and parser_text(original) == ev.sentence:
            return dataclasses.replace(ev, sentence=original), ev.sentence, original
        return ev, ev.sentence, ev.sentence

    def inside(value: str | None, seen: str, original: str) -> str | None:
        if not value or seen == original or (at := seen.find(value)) < 0:
            return value
        return original[at : at + len(value)]

    def fix(fact, *fields: str):
        ev, seen, original = sentence(fact.evidence)
        changes = {name: inside(getattr(fact, name), seen, original) for name in fields}
        return dataclasses.replace(fact, evidence=ev, **changes)

    return dataclasses.replace(
        ex,
        quotes=tuple(fix(q, "text") for q in ex.quotes),
        demands=tuple(fix(d, "measure") for d in ex.demands),
        rejections=tuple(fix(r, "what") for r in ex.rejections),
        meetings=tuple(fix(m, "label", "date_text") for m in ex.meetings),
    )


AROUND = 300  # characters of a neighbouring sentence kept at most


def sentences(text: str) -> list[tuple[int, int]]:
    """A document's sentences as the extractors cut them (each line a paragraph, cut at 。！？ outside
    brackets), with their offsets, blank ones dropped."""
    from kg.extract.context import split_sentences  # only here: it brings in the extractors' modules

    spans = []
    for para in re.finditer(r"[^\n]+", text):
        for s, e in split_sentences(para.group(0)):
            if para.group(0)[s:e].strip():
                spans.append((para.start() + s, para.start() + e))
    return spans


def locate(text: str, start: int, end: int, sentence: str) -> int | None:
    """Where the evidence sentence sits in ``text``: at its offsets when they hold it, else the occurrence
    nearest to them; None when the text does not have it (not the text the graph was built from)."""
    core = sentence.strip()
    if not core:
        return None
    if core in text[max(0, start - 2) : end + 2]:
        return start + max(0, text[start:end].find(core))
    hits = [m.start() for m in re.finditer(re.escape(core), text)]
    return min(hits, key=lambda h: abs(h - start)) if hits else None


def around(text: str) -> str:
    """A neighbouring sentence as kept: blanks made one space, cut at AROUND characters."""
    text = " ".join(text.split())
    return text if len(text) <= AROUND else text[: AROUND - 1] + "…"


def neighbours(text: str, spans: list[tuple[int, int]], start: int, end: int, sentence: str) -> tuple[str, str]:
    """(the sentence before the evidence sentence, the sentence after it) in ``text`` cut into ``spans`` (see
    ``sentences``); empty where there is none or the text does not hold the sentence."""
    at = locate(text, start, end, sentence)
    if at is None or not spans:
        return "", ""
    i = max(0, bisect.bisect_right([s for s, _ in spans], at) - 1)
    before = around(text[slice(*spans[i - 1])]) if i > 0 else ""
    after = around(text[slice(*spans[i + 1])]) if i + 1 < len(spans) else ""
    return before, after


def with_neighbours(ex: Extraction) -> Extraction:
    """``ex`` with each fact's evidence given the sentences before and after it in the article (kg:sentenceBefore,
    kg:sentenceAfter), so a reader can judge an attribution from the graph alone."""
    text = ex.article.text
    if not text or not (ex.quotes or ex.demands or ex.rejections or ex.meetings):
        return ex
    spans = sentences(text)

    def fix(fact):
        ev = fact.evidence
        before, after = neighbours(text, spans, ev.start, ev.end, ev.sentence)
        return dataclasses.replace(fact, evidence=dataclasses.replace(ev, before=before, after=after))

    return dataclasses.replace(
        ex,
        quotes=tuple(map(fix, ex.quotes)),
        demands=tuple(map(fix, ex.demands)),
        rejections=tuple(map(fix, ex.rejections)),
        meetings=tuple(map(fix, ex.meetings)),
    )


def add_extraction(g: Graph, ex: Extraction) -> Counter:
    """Add one article's document node and every fact extracted from it (texts as the article has them, each
    evidence with its neighbouring sentences); returns how many of its actor references assert each (actor IRI,
    class), the votes kg.merge.one_type counts."""
    ex = scoped(with_neighbours(verbatim(ex)))
    doc = add_document(g, ex.article)
    for actor in ex.mentions:
        g.add((doc, KG.mentions, add_actor(g, actor)))
    for q in ex.quotes:
        add_quote(g, doc, ex.article.id, q)
    for d in ex.demands:
        add_demand(g, doc, ex.article.id, d)
    for r in ex.rejections:
        add_rejection(g, doc, ex.article.id, r)
    alike = Counter((m.evidence.start, m.label) for m in ex.meetings)
    for m in ex.meetings:
        add_meeting(g, doc, ex.article.id, m, distinct=alike[m.evidence.start, m.label] > 1)
    return _actor_types(ex)


def actor_refs(ex: Extraction) -> list[ActorRef]:
    """Every actor reference of ``ex`` (scoped): its mentions, the parser's types and every actor of its facts."""
    refs = list(ex.mentions) + list(ex.parser_types)
    for facts in (ex.quotes, ex.demands, ex.rejections, ex.meetings):
        refs += [a for f in facts for a in actors_in(f)]
    return refs


def _actor_types(ex: Extraction) -> Counter:
    """(actor IRI, class) → count over every actor reference of ``ex`` (scoped)."""
    return Counter((actor_iri(r), ACTOR_CLASSES.get(r.type, KG.Actor)) for r in actor_refs(ex))


def build_graph(extractions: Iterable[Extraction]) -> Graph:
    g = new_graph()
    types: Counter = Counter()
    for ex in extractions:
        types.update(add_extraction(g, ex))
    one_type(g, types)
    return g
