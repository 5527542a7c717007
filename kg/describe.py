"""A description of each build, in the graph it describes: what made it, from what, and what it holds.

The build is a ``void:Dataset`` (and ``dcat:Dataset``) with:

- ``void:triples`` (the facts' triples, the description's own not counted) and one ``void:classPartition`` per
  class of ours it holds, with ``void:entities``; ``void:vocabulary`` the kg ontology;
- ``prov:wasGeneratedBy`` a build activity ``prov:wasAssociatedWith`` the kg software (a ``prov:SoftwareAgent``
  labelled with its version); ``kg:lexiconVersion`` (the fingerprint of the word lists and gazetteer the rules
  read), ``kg:usedRule`` for each rule name behind a fact, ``kg:inputDigest`` (a hash of every document's id and
  text, in id order);
- ``dcterms:license`` of its sources where known: a document whose address or publisher is in
  ``kg/resources/licences.tsv`` gets that ``dcterms:license``, and the dataset lists each one.

Every IRI is minted from the input digest, the kg version and the lexicon version, and no clock is read: the
same input gives the same description. In TriG and N-Quads the description is its own named graph
(``BUILD_GRAPH``; see ``kg.store.document_quads``).
"""

from __future__ import annotations

import hashlib
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, VOID, XSD

from kg.vocab import ID, KG, NS

BUILD = str(ID) + "build/"  # every node of a description is under it
BUILD_GRAPH = URIRef(BUILD + "graph")  # the named graph of the description in TriG / N-Quads
LICENCES = Path(__file__).with_name("resources") / "licences.tsv"
CLASSES = (KG.Document, KG.Claim, KG.Measure, KG.Meeting, KG.Evidence, KG.Person, KG.State, KG.Organization,
           KG.Actor, KG.Place)


def kg_version() -> str:
    try:
        return version("kg")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def input_digest(documents: Iterable[tuple[str, str]]) -> str:
    """A hash of (document id, text) pairs, in id order: which documents, with which texts."""
    return digest_in_order(sorted(documents))


def digest_in_order(documents: Iterable[tuple[str, str]]) -> str:
    """``input_digest`` of (document id, text) pairs given already in id order (read one at a time)."""
    h = hashlib.sha256()
    for doc_id, text in documents:
        for part in (doc_id, text):
            raw = part.encode("utf-8", "surrogatepass")
            h.update(len(raw).to_bytes(8, "big") + raw)
    return h.hexdigest()


@cache
def licence_table(path: Path = LICENCES) -> tuple[tuple[str, str], ...]:
    """(host or publisher, licence IRI) rows of ``licences.tsv``; ValueError naming the line on a bad one."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 2 or not cols[1].startswith(("http://", "https://")):
            raise ValueError(f"{path}:{n}: expected 'host or publisher<TAB>licence IRI'")
        rows.append((cols[0], cols[1]))
    return tuple(rows)


def licence_of(url: str | None, publisher: str | None, table: tuple[tuple[str, str], ...]) -> str | None:
    """The licence of a source at ``url`` published by ``publisher``, if the table knows it."""
    host = (urllib.parse.urlsplit(url).hostname or "") if url else ""
    for where, licence in table:
        if (host and (host == where or host.endswith("." + where))) or (publisher and publisher == where):
            return licence
    return None


def without_description(g: Graph) -> Graph:
    """A copy of ``g`` without the description of its build (to compare what two builds found)."""
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for t in g:
        if not str(t[0]).startswith(BUILD):
            out.add(t)
    return out


def describe_build(g: Graph, *, digest: str, lexicon_version: str) -> URIRef:
    """Add the description of the build that made ``g`` (see the module docstring); returns the dataset IRI."""
    table = licence_table()
    licences = set()
    for doc in sorted(g.subjects(RDF.type, KG.Document)):
        url, publisher = g.value(doc, DCTERMS.source), g.value(g.value(doc, DCTERMS.publisher), RDFS.label)
        licence = licence_of(str(url) if url else None, str(publisher) if publisher else None, table)
        if licence:
            g.add((doc, DCTERMS.license, URIRef(licence)))
            licences.add(licence)
    counts = Counter(o for _, o in g.subject_objects(RDF.type) if o in CLASSES)
    rules = {str(r) for r in g.objects(None, KG.rule)}
    return add_description(g, triples=len(g), counts=counts, rules=rules, licences=licences, digest=digest,
                           lexicon_version=lexicon_version)


def add_description(g, *, triples: int, counts: Counter, rules: set[str], licences: set[str], digest: str,
                    lexicon_version: str) -> URIRef:
    """The description's triples into ``g`` (anything with ``add``) from what was counted on the graph: its
    triples, the entities of each class, the rules and licences used."""
    software = kg_version()
    key = hashlib.blake2b(f"{digest}\x1f{software}\x1f{lexicon_version}".encode(), digest_size=8).hexdigest()
    ds = URIRef(f"{BUILD}{key}")
    activity, agent = URIRef(f"{ds}/activity"), URIRef(f"{BUILD}software/kg/{urllib.parse.quote(software)}")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("kg knowledge graph of Japanese news", lang="en")))
    g.add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    g.add((ds, VOID.vocabulary, URIRef(NS)))
    for cls in CLASSES:
        if counts[cls]:
            part = URIRef(f"{ds}/class/{str(cls).rsplit('#', 1)[-1]}")
            g.add((ds, VOID.classPartition, part))
            g.add((part, VOID["class"], cls))
            g.add((part, VOID.entities, Literal(counts[cls], datatype=XSD.integer)))
    g.add((ds, KG.inputDigest, Literal(digest)))
    g.add((ds, KG.lexiconVersion, Literal(lexicon_version)))
    for rule in sorted(rules):
        g.add((ds, KG.usedRule, Literal(rule)))
    for licence in sorted(licences):
        g.add((ds, DCTERMS.license, URIRef(licence)))
    g.add((ds, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"kg {software}")))
    return ds
