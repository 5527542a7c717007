"""Assembly: each article's extraction → its triples, into one rdflib graph (small corpora, the default) or
streamed into an on-disk Oxigraph store (``kg build --store DIR``) where nothing holds the corpus's triples.

The store build gives the same graph as the in-memory one (tests/test_assemble.py compares them quad by quad):

- each document's triples are made by the same code (``kg.graph.add_extraction``) into a list, laid out as
  ``kg.store.arrange`` lays out a file (the document's facts in its named graph, actors and places in the
  default graph) and bulk-loaded into the store a few thousand documents at a time;
- what the corpus-wide steps read is kept as compact records in SQLite beside the store (actor types and
  their votes, actor labels, the rules used, each document's id and text for the input digest), and the steps
  write their result into the store as quads: ``one_type`` and ``merge_people`` from the records, following
  ``kg.merge`` step by step, ``merge_meetings`` over the store itself, one date at a time;
- the build's description (kg.describe) is counted on the store and written to its own named graph.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.describe import BUILD_GRAPH, CLASSES, add_description, digest_in_order, input_digest, licence_of, licence_table
from kg.graph import (
    ACTOR_CLASSES,
    MEETING_KINDS,
    MEETING_STATUS,
    _key,
    actor_refs,
    add_extraction,
    clean_text,
    new_graph,
    scoped,
    verbatim,
    with_neighbours,
)
from kg.merge import ACTOR_TYPES, _same_office, merge_meetings, merge_people, one_type
from kg.model import ActorRef, Article, Evidence, Extraction, Meeting
from kg.resolve.names import family_name
from kg.vocab import ID, KG, NS

DOCS_PER_LOAD = 2000  # documents whose quads go to the store in one bulk load (each load writes new files)
FLUSH_EVERY = 50_000  # quads the merges write between two flushes of the store's in-memory tables


class TripleList:
    """What kg.graph's ``add_*`` functions need of a graph (``add``), keeping the triples in a list."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: list = []

    def add(self, triple) -> None:
        self.triples.append(triple)


class GraphAssembly:
    """Today's assembly: every document into one rdflib graph, merged at the end."""

    def __init__(self) -> None:
        self.graph: Graph = new_graph()
        self.types: Counter = Counter()
        self.inputs: list[tuple[str, str]] = []
        self.store: ox.Store | None = None

    def add(self, ex: Extraction) -> None:
        self.types.update(add_extraction(self.graph, ex))
        self.inputs.append((ex.article.id, ex.article.text))

    def finish(self, lexicon_version: str) -> None:
        from kg.describe import describe_build

        one_type(self.graph, self.types)  # a name typed two ways in two articles: the type most mentions have
        merge_people(self.graph)  # corpus-wide: needs every article in the graph
        merge_meetings(self.graph)
        if self.inputs:
            describe_build(self.graph, digest=input_digest(self.inputs), lexicon_version=lexicon_version)


# ---- one document's quads, written as N-Quads ---------------------------------------------------------

_DEFAULT = ox.DefaultGraph()
_ID = str(ID)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_ACTOR_CLASSES = {name: str(cls) for name, cls in ACTOR_CLASSES.items()}


def _u(iri: str) -> str:
    return f"<{iri}>"


def _esc(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _ja(text: str) -> str:
    """``kg.graph.ja`` in N-Quads."""
    return f'"{_esc(clean_text(text))}"@ja'


def _plain(text: str) -> str:
    return f'"{_esc(text)}"'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{_XSD}{datatype}>'


def _mint(kind: str, *parts: object) -> str:
    return f"<{_ID}{kind}/{_key(*parts)}>"


def actor_node(actor: ActorRef) -> str:
    """``kg.graph.actor_iri`` as an N-Quads term."""
    return _mint("actor", actor.scope, actor.label) if actor.scope else _mint("actor", actor.label)


class _P:
    """The IRIs kg.graph writes, as N-Quads terms."""

    type, label, alt, same = (_u(str(x)) for x in (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs))
    derived = _u(str(PROV.wasDerivedFrom))
    ident, date, title, publisher, source, license = (
        _u(str(DCTERMS[x])) for x in ("identifier", "date", "title", "publisher", "source", "license"))
    agent = _u(str(DCTERMS.Agent))


def _k(name: str) -> str:
    return f"<{NS}{name}>"


class DocumentQuads:
    """One document's quads as ``kg.graph.add_extraction`` makes its triples (tests/test_assemble.py holds the
    two to the same graph), laid out as ``kg.store.arrange`` lays out a file: the document, its facts, their
    evidence and the edges to them in the document's named graph, actors, places and publishers in the default
    graph. Written as N-Quads lines, without making an rdflib or pyoxigraph term per triple: a corpus of
    millions of documents goes through here. Also gathers what the corpus-wide steps read: each actor's
    classes, labels and surface forms, the rules and the licence."""

    def __init__(self, licences: tuple) -> None:
        self.lines: list[str] = []
        self.types: set[tuple[str, str]] = set()  # (actor IRI, class name)
        self.labels: set[tuple[str, str]] = set()
        self.alts: set[tuple[str, str]] = set()
        self.rules: set[str] = set()
        self.licences_used: set[str] = set()
        self._licences = licences
        self._graph = ""

    def _in_doc(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} {self._graph} .\n")

    def _shared(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def add(self, ex: Extraction) -> Extraction:
        """Add one document; returns its extraction as written (texts as the article has them, names scoped)."""
        ex = scoped(with_neighbours(verbatim(ex)))
        doc_id = ex.article.id
        doc = self.document(ex.article)
        for actor in ex.mentions:
            self._in_doc(doc, _k("mentions"), self.actor(actor))
        for q in ex.quotes:
            claim = _mint("claim", doc_id, q.evidence.start, q.speaker.label, q.text)
            speaker = self.actor(q.speaker)
            self._in_doc(claim, _P.type, _k("Claim"))
            self._in_doc(speaker, _k("said"), claim)
            self._in_doc(claim, _k("text"), _ja(q.text))
            self._in_doc(claim, _k("direct"), _typed("true" if q.direct else "false", "boolean"))
            if q.reported_by:
                self._in_doc(claim, _k("reportedBy"), self.actor(q.reported_by))
            self.evidence(claim, doc, q.evidence, q.confidence)
        for d in ex.demands:
            self.measure(doc, "measure", doc_id, d.evidence, d.demander, "demands", d.measure,
                         ("addressee", d.addressee), d.confidence)
        for r in ex.rejections:
            self.measure(doc, "rejected", doc_id, r.evidence, r.rejecter, "rejects", r.what,
                         ("demandedBy", r.owner), r.confidence)
        alike = Counter((m.evidence.start, m.label) for m in ex.meetings)
        for m in ex.meetings:
            self.meeting(doc, doc_id, m, distinct=alike[m.evidence.start, m.label] > 1)
        return ex

    def document(self, article: Article) -> str:
        doc = _mint("doc", article.id)
        self._graph = doc
        add = self._in_doc
        add(doc, _P.type, _k("Document"))
        add(doc, _P.ident, _plain(clean_text(article.id)))
        add(doc, _k("sourceFile"), _plain(clean_text(article.source)))
        if article.date:
            add(doc, _P.date, _typed(article.date.isoformat(), "date"))
        elif article.year:
            add(doc, _P.date, _typed(str(article.year), "gYear"))
        if article.title:
            add(doc, _P.title, _ja(article.title))
        if article.outlet:
            publisher = _mint("publisher", clean_text(article.outlet))
            add(doc, _P.publisher, publisher)
            self._shared(publisher, _P.type, _P.agent)
            self._shared(publisher, _P.label, _ja(article.outlet))
        if article.url:
            add(doc, _P.source, _plain(clean_text(article.url)))
        # the licence kg.describe.describe_build gives the document, from the same address and publisher name
        licence = licence_of(clean_text(article.url) if article.url else None,
                             clean_text(article.outlet) if article.outlet else None, self._licences)
        if licence:
            add(doc, _P.license, _u(licence))
            self.licences_used.add(licence)
        return doc

    def actor(self, actor: ActorRef) -> str:
        node = actor_node(actor)
        cls = actor.type if actor.type in _ACTOR_CLASSES else "Actor"
        self._shared(node, _P.type, _k(cls))
        self._shared(node, _P.label, _ja(actor.label))
        self.types.add((node[1:-1], cls))
        self.labels.add((node[1:-1], clean_text(actor.label)))
        if actor.text and actor.text != actor.label:
            self._shared(node, _P.alt, _ja(actor.text))
            self.alts.add((node[1:-1], clean_text(actor.text)))
        if actor.wikidata:
            self._shared(node, _P.same, _u(actor.wikidata))
        if actor.country and actor.type == "Organization":
            state = actor_node(ActorRef(actor.country, actor.country, "State"))
            self._shared(state, _P.type, _k("State"))
            self._shared(state, _P.label, _ja(actor.country))
            self.types.add((state[1:-1], "State"))
            self.labels.add((state[1:-1], clean_text(actor.country)))
            self._shared(node, _k("country"), state)
        return node

    def evidence(self, fact: str, doc: str, evidence: Evidence, confidence: float) -> None:
        ev = f"{fact[:-1]}/evidence>"
        add = self._in_doc
        add(fact, _P.derived, doc)
        add(fact, _k("evidence"), ev)
        add(fact, _k("confidence"), _typed(f"{confidence:.2f}", "decimal"))
        add(ev, _P.type, _k("Evidence"))
        add(ev, _k("sentence"), _ja(evidence.sentence))
        add(ev, _k("startOffset"), _typed(str(evidence.start), "integer"))
        add(ev, _k("endOffset"), _typed(str(evidence.end), "integer"))
        add(ev, _k("rule"), _plain(evidence.rule))
        self.rules.add(evidence.rule)
        if evidence.before:
            add(ev, _k("sentenceBefore"), _ja(evidence.before))
        if evidence.after:
            add(ev, _k("sentenceAfter"), _ja(evidence.after))
        add(ev, _P.derived, doc)

    def measure(self, doc: str, kind: str, doc_id: str, evidence: Evidence, actor: ActorRef, relation: str,
                label: str, other: tuple, confidence: float) -> None:
        measure = _mint(kind, doc_id, evidence.start, actor.label, label)
        self._in_doc(measure, _P.type, _k("Measure"))
        self._in_doc(self.actor(actor), _k(relation), measure)
        self._in_doc(measure, _P.label, _ja(label))
        prop, who = other
        if who:
            self._in_doc(measure, _k(prop), self.actor(who))
        self.evidence(measure, doc, evidence, confidence)

    def meeting(self, doc: str, doc_id: str, meeting: Meeting, *, distinct: bool) -> None:
        key: tuple = (doc_id, meeting.evidence.start, meeting.label)
        if distinct:
            participants = tuple(p.label for p in meeting.participants)
            key += (meeting.date, meeting.date_text, meeting.place, meeting.kind, meeting.status, participants)
        node = _mint("meeting", *key)
        add = self._in_doc
        add(node, _P.type, _k("Meeting"))
        add(node, _P.label, _ja(meeting.label))
        if meeting.date:
            add(node, _k("heldOn"), _typed(meeting.date.isoformat(), "date"))
        if meeting.date_text:
            add(node, _k("dateText"), _ja(meeting.date_text))
        for p in meeting.participants:
            add(node, _k("participant"), self.actor(p))
        if meeting.place:
            place = _mint("place", meeting.place)
            self._shared(place, _P.type, _k("Place"))
            self._shared(place, _P.label, _ja(meeting.place))
            add(node, _k("heldIn"), place)
        add(node, _k("meetingKind"), _u(str(MEETING_KINDS[meeting.kind])))
        add(node, _k("status"), _u(str(MEETING_STATUS[meeting.status])))
        self.evidence(node, doc, meeting.evidence, meeting.confidence)


def votes_of(ex: Extraction) -> Counter:
    """``kg.graph._actor_types`` of a scoped extraction, with IRIs and class names as strings: (actor IRI, class)
    → references."""
    return Counter((actor_node(r)[1:-1], r.type if r.type in _ACTOR_CLASSES else "Actor") for r in actor_refs(ex))


def _iri(node: ox.NamedNode | str) -> ox.NamedNode:
    return node if isinstance(node, ox.NamedNode) else ox.NamedNode(node)


T = {name: ox.NamedNode(str(iri)) for name, iri in {
    "type": RDF.type, "label": RDFS.label, "altLabel": SKOS.altLabel, "derived": PROV.wasDerivedFrom,
    "heldOn": KG.heldOn, "participant": KG.participant, "heldIn": KG.heldIn, "said": KG.said,
    "demands": KG.demands, "Meeting": KG.Meeting, "kind": KG.meetingKind, "status": KG.status,
    "confidence": KG.confidence, "license": DCTERMS.license, "Document": KG.Document, "rule": KG.rule,
}.items()}
ACTOR_CLASS_NAMES = {t: str(t).rsplit("#", 1)[-1] for t in ACTOR_TYPES}
CLASS_OF_NAME = {v: k for k, v in ACTOR_CLASS_NAMES.items()}


# ---- the store build ---------------------------------------------------------------------------------


class StoreAssembly:
    """Streams documents into a persistent Oxigraph store at ``folder`` (see the module docstring).

    The store is built in a new folder beside ``folder`` and takes its place only when ``finish`` is done, so
    a build that fails leaves the previous store as it was. Use as a context manager (or call ``close``)."""

    def __init__(self, folder: Path, *, docs_per_load: int = DOCS_PER_LOAD) -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise OSError(f"{self.folder}: cannot build a store there: it is not a folder")
        if self.folder.is_dir() and any(self.folder.iterdir()) and not is_store(self.folder):
            raise OSError(f"{self.folder}: cannot build a store there: a folder that is not an Oxigraph store")
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}.", suffix=".building", dir=self.folder.parent))
        self.store = ox.Store(str(self.work / "store"))
        self.db = sqlite3.connect(str(self.work / "records.sqlite"), isolation_level=None)
        self.db.executescript("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE; PRAGMA cache_size=-20000;
            BEGIN;
            CREATE TABLE docs(id BLOB PRIMARY KEY, text BLOB) WITHOUT ROWID;
            CREATE TABLE types(node TEXT, cls TEXT, PRIMARY KEY(node, cls)) WITHOUT ROWID;
            CREATE TABLE votes(node TEXT, cls TEXT, n INTEGER, PRIMARY KEY(node, cls)) WITHOUT ROWID;
            CREATE TABLE labels(node TEXT, label TEXT, PRIMARY KEY(node, label)) WITHOUT ROWID;
            CREATE TABLE alts(node TEXT, alt TEXT, PRIMARY KEY(node, alt)) WITHOUT ROWID;
            CREATE TABLE rules(rule TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE licences(iri TEXT PRIMARY KEY) WITHOUT ROWID;
        """)
        self.docs_per_load = docs_per_load
        self._licences = licence_table()
        self.batch = DocumentQuads(self._licences)
        self.votes: Counter = Counter()
        self.texts: list[tuple[bytes, bytes]] = []
        self.pending_docs = 0
        self.documents = 0
        self.graph = None
        self.merged: dict[str, int] = {}  # what each corpus-wide step did (see finish)
        self._done = False
        self._unflushed = 0
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store-load")
        self._loading: Future | None = None

    def __enter__(self) -> StoreAssembly:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- streaming --

    def add(self, ex: Extraction) -> None:
        """One document: its quads and compact records, queued for the next bulk load."""
        self.votes.update(votes_of(self.batch.add(ex)))
        self.texts.append((ex.article.id.encode("utf-8", "surrogatepass"),
                           ex.article.text.encode("utf-8", "surrogatepass")))
        self.pending_docs += 1
        self.documents += 1
        if self.pending_docs >= self.docs_per_load:
            self._load()

    def _load(self) -> None:
        """The queued documents into the store (one bulk load, on the loader thread while the next batch is
        made: pyoxigraph lets go of the GIL while it loads) and their records into SQLite."""
        batch, db = self.batch, self.db
        if batch.lines:
            data = "".join(batch.lines).encode("utf-8")
            self._wait_load()  # one load at a time: a batch waiting, no more, so memory stays flat
            # lenient: the lines are ours (minted IRIs, the vocabulary's, the resources'), checked once when made
            self._loading = self._loader.submit(self.store.bulk_load, input=data, format=ox.RdfFormat.N_QUADS,
                                                lenient=True)
        db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?)", self.texts)
        db.executemany("INSERT OR IGNORE INTO types VALUES (?, ?)", sorted(batch.types))
        db.executemany("INSERT INTO votes VALUES (?, ?, ?) ON CONFLICT(node, cls) DO UPDATE SET n = n + excluded.n",
                       [(node, cls, n) for (node, cls), n in sorted(self.votes.items())])
        db.executemany("INSERT OR IGNORE INTO labels VALUES (?, ?)", sorted(batch.labels))
        db.executemany("INSERT OR IGNORE INTO alts VALUES (?, ?)", sorted(batch.alts))
        db.executemany("INSERT OR IGNORE INTO rules VALUES (?)", [(r,) for r in batch.rules])
        db.executemany("INSERT OR IGNORE INTO licences VALUES (?)", [(r,) for r in batch.licences_used])
        self.batch, self.votes, self.texts, self.pending_docs = DocumentQuads(self._licences), Counter(), [], 0

    def _wait_load(self) -> None:
        """Wait for the bulk load under way, if any (raising what it raised)."""
        loading, self._loading = self._loading, None
        if loading is not None:
            loading.result()

    def add_quads(self, lines: list[str], *, types, labels, alts, votes: Counter, rules=(), licences=()) -> None:
        """N-Quads lines made elsewhere by DocumentQuads (kg.shards: the part of each document a corpus-wide merge
        may rewrite) and the records that came with them, queued for the next bulk load. Counts no document, so
        ``finish`` merges them but writes no description."""
        b = self.batch
        b.lines.extend(lines)
        b.types.update(types)
        b.labels.update(labels)
        b.alts.update(alts)
        b.rules.update(rules)
        b.licences_used.update(licences)
        self.votes.update(votes)
        if len(b.lines) >= 200_000:
            self._load()

    # -- corpus-wide steps --

    def finish(self, lexicon_version: str) -> None:
        """The corpus-wide merges and the build's description, then the store takes the place of ``folder``."""
        self._load()
        self._wait_load()
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        self.merged = {"retyped": self.one_type(), "people": self.merge_people(), "meetings": self.merge_meetings()}
        if self.documents:
            self.describe(lexicon_version)
        self.store.flush()
        self._done = self.documents > 0  # as for the Turtle file: never replace a good store with an empty one

    def one_type(self) -> int:
        """kg.merge.one_type on the records: one actor type per node, the one most of its references have."""
        changed, after, order = 0, "", list(ACTOR_TYPES)
        while True:
            rows = self.db.execute(
                "SELECT node, group_concat(cls, ' ') FROM types WHERE node > ? GROUP BY node"
                " HAVING count(*) > 1 OR max(cls) = 'Actor' ORDER BY node LIMIT 2000", (after,)).fetchall()
            if not rows:
                return changed
            after = rows[-1][0]
            removes, adds = [], []
            for node, classes in rows:
                have = sorted((CLASS_OF_NAME[c] for c in classes.split()), key=order.index)
                votes = {CLASS_OF_NAME[c]: n for c, n in self.db.execute("SELECT cls, n FROM votes WHERE node = ?",
                                                                           (node,))}
                if have == [KG.Actor]:
                    voted = [t for t in ACTOR_TYPES[:-1] if votes.get(t, 0)]
                    if voted:
                        keep = max(voted, key=lambda t: (votes[t], -order.index(t)))
                        self._retype(node, [KG.Actor], keep, removes, adds)
                        changed += 1
                    continue
                specific = [t for t in have if t != KG.Actor] or have
                keep = max(specific, key=lambda t: (votes.get(t, 0), -order.index(t)))
                self._retype(node, [t for t in have if t != keep], None, removes, adds)
                changed += 1
            self._write(removes, adds)

    def _retype(self, node: str, drop: list, add, removes: list, adds: list) -> None:
        for t in drop:
            removes.append(ox.Quad(_iri(node), T["type"], _iri(str(t)), _DEFAULT))
            self.db.execute("DELETE FROM types WHERE node = ? AND cls = ?", (node, ACTOR_CLASS_NAMES[t]))
        if add is not None:
            adds.append(ox.Quad(_iri(node), T["type"], _iri(str(add)), _DEFAULT))
            self.db.execute("INSERT OR IGNORE INTO types VALUES (?, ?)", (node, ACTOR_CLASS_NAMES[add]))

    def merge_people(self) -> int:
        """kg.merge.merge_people on the records, step by step in the same order, each join written to the store."""
        db = self.db
        db.create_function("family", 1, family_name, deterministic=True)
        db.executescript("""
            CREATE TEMP TABLE person(node TEXT PRIMARY KEY, label TEXT, fam TEXT, bare INTEGER, gone INTEGER)
                WITHOUT ROWID;
            INSERT INTO person SELECT t.node, min(l.label), NULL, 0, 0 FROM types t JOIN labels l ON l.node = t.node
                WHERE t.cls = 'Person' GROUP BY t.node;
            UPDATE person SET fam = family(label), bare = instr(label, '・') = 0;
            CREATE INDEX temp.person_fam ON person(fam);
            CREATE INDEX temp.person_bare ON person(label) WHERE bare;
            CREATE TEMP TABLE renamed(old TEXT PRIMARY KEY, new TEXT, step INTEGER) WITHOUT ROWID;
        """)
        db.execute("BEGIN")  # executescript committed: one transaction again, not one per write

        alts: dict[str, list[str]] = {}  # a node's surface forms, read once (until it gains some, or the cache fills)
        fulls_of: dict[str, list] = {}  # a family name → the people whose full name ends in it (never changes)

        def offices(node: str, name: str) -> set[str]:
            forms = alts.get(node)
            if forms is None:
                if len(alts) > 50_000:
                    alts.clear()
                forms = alts[node] = [a for (a,) in db.execute("SELECT alt FROM alts WHERE node = ?", (node,))]
            return {a[len(name):] for a in forms if a.startswith(name) and len(a) > len(name)}

        merged, after = 0, ""
        while True:
            batch = db.execute("SELECT node, label FROM person WHERE bare AND node > ? ORDER BY node LIMIT 1000",
                               (after,)).fetchall()
            if not batch:
                break
            after = batch[-1][0]
            for p, name in batch:
                fulls = fulls_of.get(name)
                if fulls is None:
                    if len(fulls_of) > 50_000:
                        fulls_of.clear()
                    fulls = fulls_of[name] = db.execute("SELECT node, label FROM person WHERE fam = ? ORDER BY node",
                                                        (name,)).fetchall()
                same = db.execute("SELECT node FROM person WHERE bare AND label = ? AND node < ? AND NOT gone"
                                  " ORDER BY node", (name, p)).fetchall()
                if not fulls and not same:
                    continue
                mine = offices(p, name)
                targets = [f for f, lf in fulls if _same_office(mine, offices(f, lf) | offices(f, name))]
                if len({lf for _, lf in fulls}) == 1 and targets:
                    target = targets[0]
                else:
                    same = [q for (q,) in same if _same_office(mine, offices(q, name))]
                    if not same:
                        continue
                    target = same[0]
                db.execute("INSERT INTO renamed VALUES (?, ?, ?)", (p, target, merged))
                for table, column in (("labels", "label"), ("alts", "alt")):
                    db.execute(f"INSERT OR IGNORE INTO {table} SELECT ?, {column} FROM {table} WHERE node = ?",  # noqa: S608
                               (target, p))
                    db.execute(f"DELETE FROM {table} WHERE node = ?", (p,))  # noqa: S608
                db.execute("UPDATE person SET gone = 1 WHERE node = ?", (p,))
                alts.pop(p, None)
                alts.pop(target, None)
                labels = sorted(x for (x,) in db.execute("SELECT label FROM labels WHERE node = ?", (target,)))
                for extra in labels[1:]:  # kg.merge._keep_one_label
                    db.execute("DELETE FROM labels WHERE node = ? AND label = ?", (target, extra))
                    db.execute("INSERT OR IGNORE INTO alts VALUES (?, ?)", (target, extra))
                merged += 1
        self._write_people()
        return merged

    def renames(self) -> Iterator[tuple[str, str]]:
        """After ``finish``: (node, the node it ends in) for each node merge_people joined to another."""
        for (old,) in self.db.execute("SELECT old FROM renamed ORDER BY old").fetchall():
            new = old
            while (row := self.db.execute("SELECT new FROM renamed WHERE old = ?", (new,)).fetchone()) is not None:
                new = row[0]
            yield old, new

    def _write_people(self) -> None:
        """The joins of merge_people into the store: every quad of a joined node moves to the node it ends in, and
        each such node gets the labels and surface forms the records say it has (a few thousand nodes at a time)."""
        db = self.db

        def end(node: str) -> str:
            while (row := db.execute("SELECT new FROM renamed WHERE old = ?", (node,)).fetchone()) is not None:
                node = row[0]
            return node

        names = (T["label"], T["altLabel"])
        after = -1
        while rows := db.execute("SELECT step, old FROM renamed WHERE step > ? ORDER BY step LIMIT 2000",
                                 (after,)).fetchall():
            after = rows[-1][0]
            removes, adds = [], []
            for _, old in rows:
                o, n = _iri(old), _iri(end(old))
                for q in self.store.quads_for_pattern(o, None, None, None):
                    removes.append(q)
                    if q.predicate not in names:
                        adds.append(ox.Quad(n, q.predicate, q.object, q.graph_name))
                for q in self.store.quads_for_pattern(None, None, o, None):
                    removes.append(q)
                    adds.append(ox.Quad(q.subject, q.predicate, n, q.graph_name))
            self._write(removes, adds)
        after = ""
        while rows := db.execute("SELECT DISTINCT new FROM renamed WHERE new > ? AND new NOT IN (SELECT old FROM "
                                 "renamed) ORDER BY new LIMIT 2000", (after,)).fetchall():
            after = rows[-1][0]
            removes, adds = [], []
            for (node,) in rows:
                iri = _iri(node)
                for prop in names:
                    removes.extend(self.store.quads_for_pattern(iri, prop, None, None))
                for prop, sql in ((T["label"], "SELECT label FROM labels WHERE node = ?"),
                                  (T["altLabel"], "SELECT alt FROM alts WHERE node = ?")):
                    adds += [ox.Quad(iri, prop, ox.Literal(x, language="ja"), _DEFAULT)
                             for (x,) in db.execute(sql, (node,))]
            self._write(removes, adds)

    def _write(self, removes: list[ox.Quad], adds: list[ox.Quad]) -> None:
        """Remove then add quads, in a few large updates instead of one transaction per quad."""
        for i in range(0, len(removes), 5000):
            body = []
            for q in removes[i : i + 5000]:
                triple = f"{q.subject} {q.predicate} {q.object} ."
                named = not isinstance(q.graph_name, ox.DefaultGraph)
                body.append(f"GRAPH {q.graph_name} {{ {triple} }}" if named else triple)
            self.store.update("DELETE DATA {\n" + "\n".join(body) + "\n}")
        if adds:
            self.store.extend(adds)
        # written quads stay in RocksDB's in-memory tables until flushed: flush now and then, so the merges of a
        # large corpus do not grow the build's memory with what they write
        self._unflushed += len(removes) + len(adds)
        if self._unflushed > FLUSH_EVERY:
            self.store.flush()
            self._unflushed = 0

    def _values(self, node: ox.NamedNode, prop: ox.NamedNode) -> list:
        return [q.object for q in self.store.quads_for_pattern(node, prop, None, None)]

    def merge_meetings(self, *, generic: frozenset[str] | None = None) -> int:
        """kg.merge.merge_meetings over the store, one date at a time (a meeting node has one date)."""
        if generic is None:
            from kg import lexicon

            generic = frozenset(n for n, _ in lexicon.load().meeting_nouns)
        dates = sorted({q.object.value: q.object for q in self.store.quads_for_pattern(None, T["heldOn"], None, None)
                        }.items())
        merged, removes, adds = 0, [], []
        for _, date in dates:
            nodes = sorted({q.subject for q in self.store.quads_for_pattern(None, T["heldOn"], date, None)},
                           key=lambda n: n.value)
            if len(nodes) < 2:
                continue
            facts = {m: self._meeting_facts(m) for m in nodes}
            same = nx.Graph()
            same.add_nodes_from(nodes)
            same.add_edges_from((a, b) for a, b in _candidates(nodes, facts, generic)
                                if _same_meeting(facts[a], facts[b], generic))
            for group in nx.connected_components(same):
                if len(group) < 2:
                    continue
                target, *rest = sorted(group, key=lambda n: n.value)
                home = min((d for m in group for d in facts[m][0]), key=lambda d: d.value)
                self._fold_meetings(target, rest, home, removes, adds)
                merged += len(rest)
            if len(removes) > 20_000:  # dates are independent: what one writes, no other reads
                self._write(removes, adds)
                removes, adds = [], []
        self._write(removes, adds)
        return merged

    def _fold_meetings(self, target: ox.NamedNode, rest: list, home: ox.NamedNode, removes: list, adds: list) -> None:
        """kg.merge.merge_meetings for one group: every statement of ``rest`` moves onto ``target``, which keeps its
        smallest label (the others become skos:altLabel), one kind and status (the smallest) and the highest
        confidence; all of it in the named graph of its first document, as kg.store.arrange puts it."""
        statements = set()
        for m in (target, *rest):
            for q in self.store.quads_for_pattern(m, None, None, None):
                removes.append(q)
                statements.add((q.predicate, q.object))
        for m in rest:
            for q in self.store.quads_for_pattern(None, None, m, None):
                removes.append(q)
                adds.append(ox.Quad(q.subject, q.predicate, target, q.graph_name))
        keep = {}
        for prop in (T["label"], T["kind"], T["status"], T["confidence"]):
            values = sorted((o for p, o in statements if p == prop), key=lambda o: o.value)
            statements -= {(prop, o) for o in values}
            if prop == T["label"]:
                statements |= {(T["altLabel"], o) for o in values[1:]}
            if values:
                keep[prop] = values[-1] if prop == T["confidence"] else values[0]
        statements |= set(keep.items())
        adds += [ox.Quad(target, p, o, home) for p, o in statements]

    def _meeting_facts(self, m: ox.NamedNode) -> tuple[set, set[str], set, str]:
        """(its documents, its participants' labels, its places, its label) as kg.merge._same_meeting reads them."""
        docs = set(self._values(m, T["derived"]))
        people = set()
        for p in self._values(m, T["participant"]):
            labels = self._values(p, T["label"])
            people.add(labels[0].value if labels else "None")
        label = self._values(m, T["label"])
        return docs, people, set(self._values(m, T["heldIn"])), label[0].value if label else "None"

    def describe(self, lexicon_version: str) -> None:
        """The build's description (kg.describe), counted on the store, into its own named graph."""
        triples = len(self.store)
        counts = Counter()
        for cls in CLASSES:
            counts[cls] = sum(1 for _ in self.store.quads_for_pattern(None, T["type"], _iri(str(cls)), None))
        rules = {r for (r,) in self.db.execute("SELECT rule FROM rules")}
        licences = {iri for (iri,) in self.db.execute("SELECT iri FROM licences")}
        sink = TripleList()
        add_description(sink, triples=triples, counts=counts, rules=rules, licences=licences,
                        digest=self._digest(), lexicon_version=lexicon_version)
        build = _iri(str(BUILD_GRAPH))
        from kg.store import _to_ox

        self.store.extend([ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), build) for s, p, o in set(sink.triples)])

    def _digest(self) -> str:
        """kg.describe.input_digest of every document, read back from the records in id order."""
        rows = self.db.execute("SELECT id, text FROM docs ORDER BY id")
        return digest_in_order((i.decode("utf-8", "surrogatepass"), t.decode("utf-8", "surrogatepass"))
                               for i, t in rows)

    # -- the end --

    def close(self) -> None:
        """Close the records and the store; a finished store takes the place of ``folder``, an unfinished one is
        removed."""
        if self.db is None:
            return
        try:
            self._wait_load()  # a failed build still waits for its last load before the store goes
        except Exception:  # noqa: BLE001 - the build has already failed (or finished); the store is removed
            self._done = False
        self._loader.shutdown()
        self.db.close()
        self.db = None
        del self.store
        self.store = None
        try:
            if self._done:
                built = self.work / "store"
                old = None
                if self.folder.exists():
                    old = self.folder.with_name(f".{self.folder.name}.old.{os.getpid()}")
                    os.replace(self.folder, old)
                os.replace(built, self.folder)
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(self.work, ignore_errors=True)


def _candidates(nodes: list, facts: dict, generic: frozenset[str]) -> Iterator[tuple]:
    """The pairs of ``nodes`` (in order) that ``_same_meeting`` can join: those sharing a participant's name or
    the same name of a particular event. The others cannot be one event, so they are never compared (one day of
    a large corpus has thousands of meetings)."""
    rank = {n: i for i, n in enumerate(nodes)}
    by_key: dict = {}
    for n in nodes:
        _, people, _, label = facts[n]
        keys = [("p", x) for x in people] + ([("l", label)] if label not in generic else [])
        for k in keys:
            by_key.setdefault(k, []).append(n)
    pairs = set()
    for group in by_key.values():
        pairs.update((a, b) for i, a in enumerate(group) for b in group[i + 1:])
    return iter(sorted(pairs, key=lambda ab: (rank[ab[0]], rank[ab[1]])))


def _same_meeting(a: tuple, b: tuple, generic: frozenset[str]) -> bool:
    """kg.merge._same_meeting on the facts ``_meeting_facts`` read."""
    docs_a, pa, place_a, la = a
    docs_b, pb, place_b, lb = b
    if docs_a & docs_b:
        return False
    shared = pa & pb
    if len(shared) >= 2 or (shared and (pa <= pb or pb <= pa)):
        return True
    if shared and place_a & place_b:
        return True
    named = la == lb and la not in generic
    return named and (not pa or not pb or pa == pb)


def is_store(folder: Path) -> bool:
    """Whether ``folder`` holds an Oxigraph (RocksDB) store."""
    folder = Path(folder)
    return folder.is_dir() and (folder / "CURRENT").is_file() and any(folder.glob("OPTIONS-*"))


def store_triples(store: ox.Store) -> Iterator[tuple]:
    """Every triple of a store (the union of its graphs) as rdflib terms, each once, as the build wrote them.

    Oxigraph keeps an xsd:decimal as its value and gives it back in canonical form (0.70 → 0.7); a confidence is
    written again with the two decimals kg.graph.add_evidence gives it, so the Turtle of a store is the Turtle of
    the same build made in memory, byte for byte."""
    from kg.store import _from_ox

    confidence, decimal = T["confidence"], ox.NamedNode(str(XSD.decimal))
    seen = set()
    for q in store:
        t = (q.subject, q.predicate, q.object)
        if t in seen:
            continue
        seen.add(t)
        s, p, o = (_from_ox(x) for x in t)
        if q.predicate == confidence and isinstance(q.object, ox.Literal) and q.object.datatype == decimal:
            o = Literal(f"{Decimal(q.object.value):.2f}", datatype=XSD.decimal)
        yield s, p, o


def store_summary(store: ox.Store) -> dict[str, int]:
    """The counts of kg.pipeline.BuildResult.summary, on a store a build made (each triple in one graph)."""
    def count(p) -> int:
        return sum(1 for _ in store.quads_for_pattern(None, p, None, None))

    said, demands, participant = T["said"], T["demands"], T["participant"]
    actors = ({q.subject for q in store.quads_for_pattern(None, said, None, None)}
              | {q.subject for q in store.quads_for_pattern(None, demands, None, None)}
              | {q.object for q in store.quads_for_pattern(None, participant, None, None)})
    return {
        "triples": len(store),
        "said": count(said),
        "demands": count(demands),
        "meetings": len({q.subject for q in store.quads_for_pattern(None, None, T["Meeting"], None)}),
        "heldOn": count(T["heldOn"]),
        "actors": len(actors),
    }
