"""Corpus-wide merging, once every article is in the graph.

- People: a bare family name (ディアコネスク) joins the one full name that ends in it
  (クリスティアン・ディアコネスク) — never when two full names share it: two people of one family stay apart.
- Meetings: the same meeting reported by several articles (the US–Russia talks of 10 January 2022 in Geneva)
  becomes one Meeting node with every source, merged by date and by shared participants, place or name.

Both rewrite node IRIs in place; the result depends only on the graph, not on the order it was built in.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import PROV, SKOS

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


def merge_people(g: Graph) -> int:
    """Join bare family names to the single full name that ends in them; return how many were joined."""
    people = {str(g.value(p, RDFS.label)): p for p in g.subjects(RDF.type, KG.Person) if g.value(p, RDFS.label)}
    by_family: dict[str, set[str]] = defaultdict(set)
    for label in people:
        if "・" in label:
            by_family[label.rsplit("・", 1)[-1]].add(label)
    merged = 0
    for label in sorted(people):
        full = by_family.get(label, set())
        if "・" in label or len(full) != 1:
            continue
        target = people[next(iter(full))]
        _rename(g, people[label], target)
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
