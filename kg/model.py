"""Plain records that flow between the stages: ingest → nlp → extract → resolve → graph.

Nothing here imports spaCy or rdflib, so every stage can build and test these by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace


@dataclass(frozen=True)
class Article:
    """One document to build: a file, a JSONL record, or one paragraph of a digest.

    ``date`` is the publication date when known. ``year`` and ``month`` are weaker hints
    (a digest's source line gives a year, its section heading a month) used to resolve
    relative dates when ``date`` is missing.
    """

    id: str
    text: str
    source: str  # the file the text came from
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    year: int | None = None
    month: int | None = None
    record: int | None = None  # line number in a JSONL file, paragraph number in a digest


@dataclass(frozen=True)
class Skipped:
    """An input record that did not become a document, and why."""

    source: str
    reason: str
    record: int | None = None


@dataclass(frozen=True)
class Note:
    """Something ingest changed in a record that still became a document (bytes replaced, a list of
    sources dropped): a warning in the build report, with the file and record it is about."""

    source: str
    reason: str
    record: int | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the sentence, its offsets in the article text, the rule."""

    sentence: str
    start: int
    end: int
    rule: str  # versioned rule name, e.g. "quotes.v1"
    before: str = ""  # the sentence before it in the article, when there is one (set by kg.graph.with_neighbours)
    after: str = ""  # … and the sentence after it


@dataclass(frozen=True)
class ActorRef:
    """A mention of an actor, resolved to a canonical name when the gazetteer knows it."""

    text: str  # the surface form in the article
    label: str  # canonical name (プーチン大統領 → ウラジーミル・プーチン)
    type: str = "Actor"  # Person | State | Organization | Actor
    wikidata: str | None = None
    country: str | None = None  # the state an organisation belongs to (日本の気象庁, ロシア国防省 → its label)
    scope: str | None = None  # a document id when the name alone does not tell who it is (a bare family name)


@dataclass(frozen=True)
class Quote:
    """actor –said→ claim."""

    speaker: ActorRef
    text: str
    evidence: Evidence
    direct: bool = True
    reported_by: ActorRef | None = None
    confidence: float = 0.8


@dataclass(frozen=True)
class Demand:
    """actor –demands→ measure (of an addressee, when the text names one)."""

    demander: ActorRef
    measure: str
    evidence: Evidence
    addressee: ActorRef | None = None
    confidence: float = 0.7


@dataclass(frozen=True)
class Rejection:
    """actor –rejects→ what (a demand, a proposal), with whose it was when the text says."""

    rejecter: ActorRef
    what: str
    evidence: Evidence
    owner: ActorRef | None = None
    confidence: float = 0.6


@dataclass(frozen=True)
class Meeting:
    """A meeting, talk, call or council session, with its date when one resolves."""

    label: str
    evidence: Evidence
    date: dt.date | None = None
    date_text: str | None = None
    participants: tuple[ActorRef, ...] = ()
    place: str | None = None
    kind: str = "InPerson"  # InPerson | Phone | Video | Multilateral
    status: str = "Held"  # Held | Planned | Postponed | Proposed
    confidence: float = 0.7


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    demands: tuple[Demand, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    mentions: tuple[ActorRef, ...] = field(default=())
    rejections: tuple[Rejection, ...] = ()
    parser_types: tuple[ActorRef, ...] = ()  # names the entity layer typed (once per name and type): type votes only


def actors_in(fact) -> Iterator[ActorRef]:
    """Every actor a fact (Quote, Demand, Rejection, Meeting) names, in field order."""
    for f in fields(fact):
        value = getattr(fact, f.name)
        if isinstance(value, ActorRef):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, ActorRef))


def with_actors(fact, fn: Callable[[ActorRef], ActorRef]):
    """``fact`` with ``fn`` applied to every actor it names; its other fields as they are."""
    changes = {}
    for f in fields(fact):
        value = getattr(fact, f.name)
        if isinstance(value, ActorRef):
            new = fn(value)
        elif isinstance(value, tuple) and value and all(isinstance(v, ActorRef) for v in value):
            new = tuple(fn(v) for v in value)
        else:
            continue
        if new != value:
            changes[f.name] = new
    return replace(fact, **changes) if changes else fact
