"""Corpus-wide merging, once every article is in the graph.

- People: a bare family name (ディアコネスク, one node per document) joins the one full name that ends in it
  (クリスティアン・ディアコネスク), or the same bare name in another document, only with evidence: both written with
  the same office. Never when two full names share it: two people of one family stay apart.
- Meetings: the same meeting reported by several articles (the US–Russia talks of 10 January 2022 in Geneva)
  becomes one Meeting node with every source, merged by date and by shared participants, place or name.

Both rewrite node IRIs in place; the result depends only on the graph, not on the order it was built in.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import PROV, SKOS

from kg.resolve.names import family_name
from kg.vocab import KG


def _rename(g: Graph, old: URIRef, new: URIRef) -> None:
    """Move every triple of ``old`` onto ``new``."""
    for p, o in list(g.predicate_objects(old)):
        g.remove((old, p, o))
        g.add((new, p, o))
    for s, p in list(g.subject_predicates(old)):
        g.remove((s, p, old))
        g.add((s, p, new))


def _keep_one_label(g: Graph, node: URIRef) -> None:
    """A merged node keeps its smallest label as rdfs:label; the others become skos:altLabel."""
    labels = sorted(g.objects(node, RDFS.label), key=str)
    for extra in labels[1:]:
        g.remove((node, RDFS.label, extra))
        g.add((node, SKOS.altLabel, extra))


ACTOR_TYPES = (KG.State, KG.Organization, KG.Person, KG.Actor)  # a tie goes to the first


def one_type(g: Graph, votes: Counter) -> int:
    """A name the articles type two ways (a company typed Person in one, Organization in another) keeps one type:
    the one most of its references have (``votes``: (node, class) → count), a specific one before plain
    kg:Actor. A name no rule typed (a described speaker, plain kg:Actor) takes the type the parser's entity labels
    gave that name across the corpus, when they gave one. Returns how many nodes changed."""
    changed = 0
    for node in sorted({s for t in ACTOR_TYPES for s in g.subjects(RDF.type, t)}):
        have = [t for t in ACTOR_TYPES if (node, RDF.type, t) in g]
        if have == [KG.Actor]:  # no rule typed it: the type the parser gave its name across the corpus, if any
            voted = [t for t in ACTOR_TYPES[:-1] if votes.get((node, t), 0)]
            if voted:
                g.remove((node, RDF.type, KG.Actor))
                g.add((node, RDF.type, max(voted, key=lambda t: (votes[(node, t)], -ACTOR_TYPES.index(t)))))
                changed += 1
            continue
        if len(have) < 2:
            continue
        specific = [t for t in have if t != KG.Actor] or have
        keep = max(specific, key=lambda t: (votes.get((node, t), 0), -ACTOR_TYPES.index(t)))
        for t in have:
            if t != keep:
                g.remove((node, RDF.type, t))
        changed += 1
    return changed


def _offices(g: Graph, node: URIRef, name: str) -> set[str]:
    """The titles the text wrote after ``name`` (its surface forms minus the name): 補佐官, 大統領補佐官."""
    out = set()
    for form in g.objects(node, SKOS.altLabel):
        form = str(form)
        if form.startswith(name) and len(form) > len(name):
            out.add(form[len(name) :])
    return out


def _same_office(a: set[str], b: set[str]) -> bool:
    return any(x.endswith(y) or y.endswith(x) for x in a for y in b)


def merge_people(g: Graph) -> int:
    """Join people across documents only with evidence: a bare family name (one node per document, see
    kg.graph.actor_iri) joins the one full name that ends in it when both were written with the same office
    (ディアコネスク補佐官 … クリスティアン・ディアコネスク大統領補佐官), and bare names of different documents join each
    other on the same evidence. Two people of one family, or a family name with no office in common, stay apart.
    Returns how many nodes were joined."""
    people = sorted(p for p in g.subjects(RDF.type, KG.Person) if g.value(p, RDFS.label))
    label = {p: str(g.value(p, RDFS.label)) for p in people}
    full_by_family: dict[str, list[URIRef]] = defaultdict(list)
    for p in people:
        if (fam := family_name(label[p])) is not None:
            full_by_family[fam].append(p)
    bare = [p for p in people if "・" not in label[p]]  # a bare family name, or a kanji name (never joined here)
    merged = 0
    for p in bare:
        name = label[p]
        offices = _offices(g, p, name)
        fulls = full_by_family.get(name, [])
        targets = [f for f in fulls if _same_office(offices, _offices(g, f, label[f]) | _offices(g, f, name))]
        if len({label[f] for f in fulls}) == 1 and targets:  # one full name, written with the same office
            target = targets[0]
        else:
            same = [q for q in bare if q < p and label[q] == name and (q, RDF.type, KG.Person) in g
                    and _same_office(offices, _offices(g, q, name))]
            if not same:
                continue
            target = same[0]
        _rename(g, p, target)
        _keep_one_label(g, target)
        merged += 1
    return merged


def _participants(g: Graph, m: URIRef) -> set[str]:
    return {str(g.value(p, RDFS.label)) for p in g.objects(m, KG.participant)}


def _same_meeting(g: Graph, a: URIRef, b: URIRef, generic: frozenset[str]) -> bool:
    if set(g.objects(a, PROV.wasDerivedFrom)) & set(g.objects(b, PROV.wasDerivedFrom)):
        return False  # one document's mentions of one event were joined when it was read (met.coalesce)
    pa, pb = _participants(g, a), _participants(g, b)
    shared = pa & pb
    if len(shared) >= 2 or (shared and (pa <= pb or pb <= pa)):
        return True
    place_a, place_b = set(g.objects(a, KG.heldIn)), set(g.objects(b, KG.heldIn))
    if shared and place_a & place_b:
        return True
    la, lb = str(g.value(a, RDFS.label)), str(g.value(b, RDFS.label))
    named = la == lb and la not in generic  # 「NATOロシア理事会」 names one event; 「電話会談」 does not
    return named and (not pa or not pb or pa == pb)


def merge_meetings(g: Graph, *, generic: frozenset[str] | None = None) -> int:
    """Merge dated meetings that are one event; return how many nodes were folded into others.

    ``generic``: labels that name no particular event (the meeting nouns themselves: 会談, 電話会談)."""
    if generic is None:
        from kg import lexicon

        generic = frozenset(n for n, _ in lexicon.load().meeting_nouns)
    by_date: dict[str, list[URIRef]] = defaultdict(list)
    for m, date in g.subject_objects(KG.heldOn):
        by_date[str(date)].append(m)
    merged = 0
    for _date, nodes in sorted(by_date.items()):
        nodes = sorted(set(nodes), key=str)
        same = nx.Graph()
        same.add_nodes_from(nodes)
        same.add_edges_from((a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]
                            if _same_meeting(g, a, b, generic))
        for group in nx.connected_components(same):
            target, *rest = sorted(group, key=str)
            for n in rest:
                _rename(g, n, target)
                merged += 1
            _keep_one_label(g, target)
            for prop in (KG.meetingKind, KG.status, KG.confidence):
                values = sorted(g.objects(target, prop), key=str)
                for extra in values[:-1] if prop == KG.confidence else values[1:]:
                    g.remove((target, prop, extra))
    return merged
