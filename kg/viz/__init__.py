"""Graph → actor network (networkx) → one self-contained interactive HTML page (vis-network from pyvis).

Nodes are actors (coloured by type or by community, sized by degree centrality); edges are demands
(demander → addressee), meetings (between every pair of participants) and "speaks about" (speaker → an
actor named in the claim), as wide as the number of facts behind them. Every fact carries its text,
evidence sentence, source title, outlet, date and confidence; the page lists them on a click, searches
labels and aliases, and filters by relation, date range and minimum confidence.

The page works offline and never runs article text:
- vis-network's JS and CSS (shipped inside pyvis) are inlined; pyvis's own template, which links
  bootstrap and tom-select from CDNs and pastes the heading unescaped, is not used;
- all data sits in one ``<script type="application/json">`` block with ``<``, ``>``, ``&`` written as
  ``\\u003c`` …, so no text can close it; Japanese is written as it is (escaped once, never twice);
- the page script writes text only through ``textContent``, and hover tooltips are plain strings,
  which vis-network 9 shows with ``innerText``;
- a Content-Security-Policy allows only the page's own two scripts (by hash) and no network access.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
import string
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx
import pyvis
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.graph import around, locate, neighbours, sentences
from kg.store import write_atomic
from kg.vocab import KG

ACTOR_TYPES = {KG.Person: "Person", KG.State: "State", KG.Organization: "Organization", KG.Actor: "Actor"}
COLOURS = {"Person": "#4e79a7", "State": "#e15759", "Organization": "#59a14f", "Actor": "#9d9d9d"}
# community colours: the first communities by size get their own, the rest share the last one
COMMUNITY_COLOURS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c564b",
)  # fmt: skip
OTHER_COMMUNITY = "#c7c7c7"
RELATIONS = ("said", "demands", "met")  # a fact's relation; "said" facts make "speaks about" edges
EDGE_KINDS = {"said": "speaks about", "demands": "demands", "met": "met"}
RELATION_NAMES = {"said": "said", "demands": "demands", "meetings": "met", "met": "met"}  # CLI word → relation
EDGE_STYLE = {
    "demands": {"color": "#d62728", "arrows": "to", "smooth": {"type": "curvedCW", "roundness": 0.15}},
    "met": {"color": "#8c8c8c", "arrows": {"to": {"enabled": False}}, "smooth": False},
    "speaks about": {
        "color": "#1f77b4",
        "arrows": "to",
        "dashes": True,
        "smooth": {"type": "curvedCCW", "roundness": 0.15},
    },
}
BIG = 300  # nodes; from here on the page trades looks for speed
MIN_NAME = 2  # shorter aliases (米, 露) would match inside unrelated words
CUT = 40  # characters of a node label
LABEL_PX = 12  # the smallest label drawn, in screen pixels (the page's LABEL_PX)

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
ASSETS = Path(__file__).parent  # the page's template, script, style and words: kg/viz/explorer.*
LANGUAGES = ("ja", "en")  # the page's controls: Japanese unless asked


def messages(lang: str = "ja") -> dict[str, str]:
    """Every word the page shows, in ``lang`` (explorer-messages.json; {name} marks what is filled in)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no page language {lang!r} (there are {', '.join(LANGUAGES)})")
    return json.loads((ASSETS / "explorer-messages.json").read_text(encoding="utf-8"))[lang]


@dataclass(frozen=True)
class Fact:
    """One fact behind an edge or node, as shown to the reader."""

    relation: str  # said | demands | met
    text: str
    sentence: str = ""
    source: str = ""  # the document's title (or identifier)
    outlet: str = ""
    date: str = ""  # xsd:date, or a year when only that is known
    confidence: float | None = None
    id: str = ""  # the Claim, Measure or Meeting IRI: one meeting is one fact, however many pairs met
    direct: bool | None = None  # said: a verbatim quote (True) or a paraphrase of what was said (False)
    document: str = ""  # the document's identifier (dcterms:identifier)
    url: str = ""  # the document's address (dcterms:source), only when it is http(s): nothing else becomes a link
    before: str = ""  # the sentence before the evidence sentence in its document, when known (see sentence_context)
    after: str = ""  # … and the one after it


# ---- graph → networkx ------------------------------------------------------------------------


def _actor_type(g: Graph, node: URIRef) -> str:
    types = {ACTOR_TYPES[t] for t in g.objects(node, RDF.type) if t in ACTOR_TYPES}
    specific = sorted(types - {"Actor"})
    return specific[0] if specific else "Actor"


def _publisher(g: Graph, doc: URIRef | None) -> str:
    """The name of the document's publisher (an agent with a label; a plain string in graphs of older builds)."""
    publisher = g.value(doc, DCTERMS.publisher) if doc is not None else None
    if publisher is None:
        return ""
    return str(g.value(publisher, RDFS.label) or publisher) if isinstance(publisher, URIRef) else str(publisher)


def _fact(g: Graph, node: URIRef, relation: str, text: str, context: Context | None = None) -> Fact:
    doc = g.value(node, PROV.wasDerivedFrom)
    ev = g.value(node, KG.evidence)
    before, after = (context or {}).get(ev, ("", "")) if ev is not None else ("", "")
    date = g.value(node, KG.heldOn) or (doc is not None and g.value(doc, DCTERMS.date)) or ""
    source = document = url = ""
    if doc is not None:
        document = str(g.value(doc, DCTERMS.identifier) or "")
        source = str(g.value(doc, DCTERMS.title) or document)
        url = str(g.value(doc, DCTERMS.source) or "").strip()
        if not re.match(r"https?://[^\s]", url, re.I):
            url = ""
    confidence = g.value(node, KG.confidence)
    direct = g.value(node, KG.direct)
    try:
        conf = float(confidence) if confidence is not None else None
    except ValueError:
        conf = None
    return Fact(
        relation=relation,
        text=str(text),
        sentence=str(g.value(ev, KG.sentence) or "") if ev is not None else "",
        source=source,
        outlet=_publisher(g, doc),
        date=str(date),
        confidence=conf,
        id=str(node),
        direct=None if direct is None else bool(direct.toPython()),
        document=document,
        url=url,
        before=before,
        after=after,
    )


Context = dict  # evidence node → (the sentence before, the sentence after)


def _evidence(g: Graph) -> Iterator[tuple[URIRef, str, int, int, str]]:
    """(evidence node, document identifier, start, end, sentence) of every fact with offsets."""
    for fact, ev in g.subject_objects(KG.evidence):
        doc = g.value(fact, PROV.wasDerivedFrom)
        start, end = g.value(ev, KG.startOffset), g.value(ev, KG.endOffset)
        if doc is None or start is None or end is None:
            continue
        try:
            s, e = int(start), int(end)
        except ValueError:
            continue
        yield ev, str(g.value(doc, DCTERMS.identifier) or doc), s, e, str(g.value(ev, KG.sentence) or "")


def sentence_context(g: Graph, texts: dict[str, str] | None = None) -> Context:
    """Evidence node → (the sentence before its sentence, the sentence after), to judge an attribution by.

    With ``texts`` (document identifier → the text the graph was built from) both come from the document:
    the evidence's offsets are checked against its sentence (failing that the sentence is looked for near
    them) and the document is cut into sentences as the extractors cut it (kg.graph.neighbours). Otherwise
    the graph's own: ``kg build`` stores them on each evidence (kg:sentenceBefore, kg:sentenceAfter); a graph
    of an older build gives only the neighbours it holds: another fact's evidence sentence that ends where
    this one starts, or starts where it ends (sentences of a paragraph touch)."""
    texts = texts or {}
    found = list(_evidence(g))
    context: Context = {}
    by_doc: dict[str, list[tuple[URIRef, int, int, str]]] = defaultdict(list)
    for ev, doc, s, e, sentence in found:
        by_doc[doc].append((ev, s, e, sentence))
    for doc, items in by_doc.items():
        text = texts.get(doc)
        if text is not None:
            spans = sentences(text)
            for ev, s, e, sentence in items:
                if locate(text, s, e, sentence) is not None:
                    context[ev] = neighbours(text, spans, s, e, sentence)
        for ev, *_ in items:
            if ev not in context:
                before, after = g.value(ev, KG.sentenceBefore), g.value(ev, KG.sentenceAfter)
                if before is not None or after is not None:
                    context[ev] = (around(str(before or "")), around(str(after or "")))
        ends = {e: sentence for _, _, e, sentence in items}
        starts_at = {s: sentence for _, s, _, sentence in items}
        for ev, s, e, _ in items:
            if ev not in context:
                before, after = ends.get(s, ""), starts_at.get(e, "")
                if before or after:
                    context[ev] = (around(before), around(after))
    return context


def date_span(date: str) -> tuple[str, str] | None:
    """A fact's date → the first and last day it may mean (``2024`` → 2024-01-01 … 2024-12-31)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date, date
    if re.fullmatch(r"\d{4}-\d{2}", date):
        y, m = int(date[:4]), int(date[5:])
        last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        return f"{date}-01", last
    if re.fullmatch(r"\d{4}", date):
        return f"{date}-01-01", f"{date}-12-31"
    return None


def date_precision(date: str) -> str:
    """How precise a fact's date is: ``day``, ``month``, ``year`` or ``none`` (no date, or one not understood)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return "month"
    return "year" if re.fullmatch(r"\d{4}", date) else "none"


def in_range(fact: Fact, *, since: dt.date | None = None, until: dt.date | None = None,
             coarse: bool = False) -> bool:
    """Whether the fact lies between ``since`` and ``until`` (both included): its whole date does (a fact dated
    only ``2022`` is not inside February 2022), or, with ``coarse``, part of it may. Undated facts only when no
    bound is given."""
    if since is None and until is None:
        return True
    span = date_span(fact.date)
    if span is None:
        return False
    lo, hi = (since.isoformat() if since else "0000-00-00"), (until.isoformat() if until else "9999-99-99")
    if span[1] < lo or span[0] > hi:
        return False
    return coarse or (lo <= span[0] and span[1] <= hi)


def _sort_facts(facts: Iterable[Fact]) -> list[Fact]:
    return sorted(set(facts), key=lambda f: (f.date, f.source, f.text, f.sentence, f.id))


def _demands(g: Graph, actors: set[URIRef], context: Context) -> Iterator[tuple[URIRef, URIRef | None, Fact]]:
    """(demander, addressee or None, fact) for each demand."""
    for measure in g.subjects(RDF.type, KG.Measure):
        fact = _fact(g, measure, "demands", g.value(measure, RDFS.label) or "", context)
        addressees = [a for a in g.objects(measure, KG.addressee) if a in actors] or [None]
        for demander in g.subjects(KG.demands, measure):
            if demander in actors:
                for addressee in addressees:
                    yield demander, addressee, fact


def _meetings(g: Graph, actors: set[URIRef], context: Context) -> Iterator[tuple[list[URIRef], Fact]]:
    """(participants sorted by IRI, fact) for each meeting."""
    for meeting in g.subjects(RDF.type, KG.Meeting):
        fact = _fact(g, meeting, "met", g.value(meeting, RDFS.label) or "", context)
        yield sorted({p for p in g.objects(meeting, KG.participant) if p in actors}, key=str), fact


def _claims(g: Graph, actors: set[URIRef], context: Context) -> Iterator[tuple[URIRef, Fact]]:
    """(speaker, fact) for each claim."""
    for speaker, claim in g.subject_objects(KG.said):
        if speaker in actors:
            yield speaker, _fact(g, claim, "said", g.value(claim, KG.text) or "", context)


def actor_network(
    g: Graph,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    relations: Iterable[str] | None = None,
    coarse: bool = False,
    context: Context | None = None,
) -> nx.MultiDiGraph:
    """An rdflib graph → a MultiDiGraph of actors.

    Node attributes: label, type, aliases, and the node's own facts: claims, demands, meetings. Edge
    key = ``demands``, ``met`` or ``speaks about``, attribute ``facts``. Meeting edges run from the
    smaller to the larger IRI. Only facts dated within ``since``/``until`` (see ``in_range``; ``coarse`` keeps
    those dated by a year or month that overlaps the range) and of the given ``relations`` (said, demands,
    met/meetings) count; only actors with a fact are nodes. ``context`` (see ``sentence_context``) gives each
    fact the sentences around its evidence.
    """
    context = context if context is not None else {}
    wanted = {RELATION_NAMES[r] for r in relations} if relations else set(RELATIONS)

    def keep(fact: Fact) -> bool:
        return fact.relation in wanted and in_range(fact, since=since, until=until, coarse=coarse)

    actors = {s for t in ACTOR_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}
    own: dict[URIRef, dict[str, list[Fact]]] = defaultdict(lambda: {"claims": [], "demands": [], "meetings": []})
    edges: dict[tuple[URIRef, URIRef, str], list[Fact]] = defaultdict(list)
    for demander, addressee, fact in _demands(g, actors, context):
        if keep(fact):
            own[demander]["demands"].append(fact)
            if addressee is not None and addressee != demander:
                edges[demander, addressee, "demands"].append(fact)
    for people, fact in _meetings(g, actors, context):
        if keep(fact):
            for i, a in enumerate(people):
                own[a]["meetings"].append(fact)
                for b in people[i + 1 :]:
                    edges[a, b, "met"].append(fact)
    names = _names(g, actors)
    pattern = _name_pattern(names)
    for speaker, fact in _claims(g, actors, context):
        if not keep(fact):
            continue
        own[speaker]["claims"].append(fact)
        for target in {names[m.group(0)] for m in pattern.finditer(fact.text)} if pattern else ():
            if target != speaker:
                edges[speaker, target, "speaks about"].append(fact)

    net = nx.MultiDiGraph()
    for a in sorted(set(own) | {x for u, v, _ in edges for x in (u, v)}, key=str):
        mine = own.get(a, {})
        net.add_node(
            a,
            label=str(g.value(a, RDFS.label) or a),
            type=_actor_type(g, a),
            aliases=sorted({str(x) for x in g.objects(a, SKOS.altLabel)}),
            **{k: _sort_facts(mine.get(k, ())) for k in ("claims", "demands", "meetings")},
        )
    for (u, v, rel), facts in sorted(edges.items(), key=lambda e: (str(e[0][0]), str(e[0][1]), e[0][2])):
        net.add_edge(u, v, key=rel, facts=_sort_facts(facts))
    return net


def _names(g: Graph, actors: set[URIRef]) -> dict[str, URIRef]:
    """Label or alias → actor, for names long enough to search for and owned by one actor only."""
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for a in actors:
        for name in (*g.objects(a, RDFS.label), *g.objects(a, SKOS.altLabel)):
            if len(str(name)) >= MIN_NAME:
                owners[str(name)].add(a)
    return {name: next(iter(who)) for name, who in owners.items() if len(who) == 1}


def _name_pattern(names: dict[str, URIRef]) -> re.Pattern | None:
    if not names:
        return None
    # longest first, so ウラジーミル・プーチン wins over プーチン at the same position
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))))


# ---- selecting part of the network -----------------------------------------------------------


# what str.strip() takes as blank, and U+FEFF, which JavaScript's trim() takes too: the page's norm strips these
BLANKS = ("\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
          + "\u2028\u2029\u202f\u205f\u3000\ufeff")


def normalise(name: str) -> str:
    """The form names are compared in: NFKC, lower case, without the blanks around, hiragana as katakana
    (ぷーちん = プーチン). The page's script has the same function (``norm`` in explorer.js); a browser
    test runs both on one table of names."""
    text = unicodedata.normalize("NFKC", name).lower().strip(BLANKS)
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def find_actors(net: nx.MultiDiGraph, name: str) -> list[URIRef]:
    """Actors whose label or an alias is ``name``; failing that, those whose label or alias contains it."""
    key = normalise(name)
    if not key:
        return []
    forms = {a: [normalise(x) for x in (net.nodes[a]["label"], *net.nodes[a]["aliases"])] for a in net}
    exact = [a for a, fs in forms.items() if key in fs]
    return exact or [a for a, fs in forms.items() if any(key in f for f in fs)]


def neighbourhood(net: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """The actors named ``name`` (see ``find_actors``), their neighbours and every edge among them.

    Raises LookupError when no actor has that name."""
    centre = find_actors(net, name)
    if not centre:
        raise LookupError(f"no actor named {name!r} in the network")
    keep = set(centre)
    for a in centre:
        keep |= set(net.predecessors(a)) | set(net.successors(a))
    return net.subgraph(keep).copy()


def communities(net: nx.MultiDiGraph) -> dict[URIRef, int]:
    """Actor → community number (0 = the largest), by Louvain modularity on the undirected network
    weighted by facts; seeded, so the same graph gives the same communities."""
    simple = nx.Graph()
    simple.add_nodes_from(net)
    for u, v, data in net.edges(data=True):
        if u != v:
            w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=w + len(data["facts"]))
    found = nx.community.louvain_communities(simple, weight="weight", seed=7) if len(simple) else []
    ordered = sorted(found, key=lambda c: (-len(c), min(net.nodes[a]["label"] for a in c)))
    return {a: i for i, c in enumerate(ordered) for a in c}


# ---- networkx → page data --------------------------------------------------------------------


def _cut(text: str, n: int = CUT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _edge_heading(net: nx.MultiDiGraph, u: URIRef, v: URIRef, rel: str) -> str:
    arrow = "—" if rel == "met" else "→"
    return f"{net.nodes[u]['label']} {arrow} {net.nodes[v]['label']}: {rel}"


def edge_width(n: int) -> float:
    """Edge width for ``n`` facts (the page uses the same rule when filters change the count)."""
    return min(1 + 1.5 * (n - 1), 10) if n > 0 else 1


def page_data(net: nx.MultiDiGraph, *, colour_by_community: bool = False) -> dict:
    """The actor network → the page's data: ``facts`` (each once), vis-network ``nodes`` and
    ``edges`` whose ``kg`` record points into ``facts``, the legend, and vis options.

    Node size grows with degree centrality; edge width with the number of facts."""
    facts: dict[Fact, int] = {}

    def refs(items: Iterable[Fact]) -> list[int]:
        return [facts.setdefault(f, len(facts)) for f in items]

    centrality = nx.degree_centrality(nx.Graph(net.to_undirected())) if len(net) > 1 else {}
    groups = communities(net) if colour_by_community else {}
    nodes = []
    for a in sorted(net, key=lambda a: (net.nodes[a]["label"], str(a))):
        attrs = net.nodes[a]
        group = groups.get(a)
        nodes.append(
            {
                "id": str(a),
                "label": _cut(attrs["label"]),
                "color": _community_colour(group) if colour_by_community else COLOURS[attrs["type"]],
                "size": round(12 + 38 * centrality.get(a, 0.0), 2),
                "kg": {
                    "label": attrs["label"],
                    "type": attrs["type"],
                    "aliases": attrs["aliases"],
                    "community": group,
                    "claims": refs(attrs["claims"]),
                    "demands": refs(attrs["demands"]),
                    "meetings": refs(attrs["meetings"]),
                },
            }
        )
    big = len(net) >= BIG
    edges = []
    for u, v, rel, data in sorted(net.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])):
        style = dict(EDGE_STYLE[rel])
        if big:
            style["smooth"] = False  # curves cost more to draw than they show on a crowded canvas
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": str(u),
                "to": str(v),
                "width": edge_width(len(data["facts"])),
                **style,
                "kg": {"heading": _edge_heading(net, u, v, rel), "relation": rel, "facts": refs(data["facts"])},
            }
        )
    table = []
    for f in facts:
        row = asdict(f)
        row["span"] = date_span(f.date)
        row["precision"] = date_precision(f.date) if row["span"] else "none"
        del row["id"]
        table.append(row)
    return {
        "facts": table,
        "nodes": nodes,
        "edges": edges,
        "legend": _legend(net, groups),
        "colourBy": "community" if colour_by_community else "type",
        "options": _options(len(net)),
    }


def _community_colour(group: int | None) -> str:
    return COMMUNITY_COLOURS[group] if group is not None and group < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY


def _legend(net: nx.MultiDiGraph, groups: dict[URIRef, int]) -> dict:
    members: dict[int, list[URIRef]] = defaultdict(list)
    for a, i in groups.items():
        members[i].append(a)
    shown = []
    for i in sorted(members)[: len(COMMUNITY_COLOURS)]:
        hub = max(members[i], key=lambda a: (net.degree(a), net.nodes[a]["label"]))
        label = _cut(net.nodes[hub]["label"], 16)
        shown.append({"colour": _community_colour(i), "label": label, "size": len(members[i])})
    rest = sum(len(m) for i, m in members.items() if i >= len(COMMUNITY_COLOURS))
    if rest:
        shown.append({"colour": OTHER_COMMUNITY, "label": "other", "size": rest})
    return {
        "types": [{"colour": c, "label": t} for t, c in COLOURS.items()],
        "edges": [{"colour": s["color"], "label": k, "dashes": bool(s.get("dashes"))} for k, s in EDGE_STYLE.items()],
        "communities": shown,
    }


def _options(n: int) -> dict:
    big = n >= BIG
    return {
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.2},
            # a big graph settles in fewer, coarser steps; the page then freezes it (see explorer.js)
            "stabilization": {"enabled": True, "iterations": 150 if big else 500, "updateInterval": 25, "fit": True},
            "minVelocity": 1.5 if big else 0.75,
        },
        "layout": {"randomSeed": 7, "improvedLayout": not big},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        # vis-network draws no label under LABEL_PX: the page draws the readable ones itself (explorer.js)
        "nodes": {"shape": "dot", "font": {"size": 14}, "scaling": {"label": {"drawThreshold": LABEL_PX}}},
        "edges": {"selectionWidth": 2},
    }


# ---- page ------------------------------------------------------------------------------------

def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _inline_js(js: str) -> str:
    if re.search(r"</script|<!--", js, re.I):
        raise ValueError("script would break out of its <script> element")
    return js


def _json_for_html(value: object) -> str:
    # keep Japanese as it is, but no "<", ">" or "&" survives to close the <script> element
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_page(data: dict, *, title: str, lang: str = "ja") -> str:
    """Page data (see ``page_data``) → the full HTML page, with vis-network inlined and no remote resources; its
    controls in ``lang`` (ja or en)."""
    words = messages(lang)
    data = {**data, "messages": words}
    vis_js = _inline_js((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"))
    vis_css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    app_js = _inline_js((ASSETS / "explorer.js").read_text(encoding="utf-8"))
    app_css = (ASSETS / "explorer.css").read_text(encoding="utf-8")
    if "</style" in (vis_css + app_css).lower():
        raise ValueError("stylesheet would break out of its <style> element")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    page = string.Template((ASSETS / "explorer.html").read_text(encoding="utf-8"))
    controls = {"t_" + k.replace(".", "_"): html.escape(v) for k, v in words.items()}
    return page.substitute(csp=csp, title=html.escape(title), vis_css=vis_css, app_css=app_css, vis_js=vis_js,
                           data=_json_for_html(data), app_js=app_js, lang=lang, **controls)


def _filters(since: dt.date | None, until: dt.date | None, relations: Iterable[str] | None,
             coarse: bool = False) -> str:
    parts = [f"--since {since}"] if since else []
    parts += [f"--until {until}"] if until else []
    parts += ["--coarse-dates"] if coarse and (since or until) else []
    parts += [f"-r {r}" for r in relations or ()]
    return " ".join(parts)


def _all_facts(net: nx.MultiDiGraph) -> list[Fact]:
    return list({f.id or id(f): f for _, data in net.nodes(data=True)
                 for k in ("claims", "demands", "meetings") for f in data[k]}.values())


def _span_page(net: nx.MultiDiGraph, words: dict[str, str]) -> str:
    """``_span`` for the page, in its language: グラフの事実は 12 件（日付 2021-12-01 … 2022-02-03、日付なし 3 件）."""
    facts = _all_facts(net)
    dated = sorted(f.date for f in facts if f.date)
    undated = len(facts) - len(dated)
    parts = [words["spanDated"].format(first=dated[0], last=dated[-1])] if dated else []
    parts += [words["spanUndated"].format(n=undated)] if undated else []
    return words["spanFacts"].format(n=len(facts), parts=words["listSep"].join(parts))


def _span(net: nx.MultiDiGraph) -> str:
    """What dates and relations a network's facts have, for a message: 2021-12-01 … 2022-02-03, 12 undated."""
    facts = _all_facts(net)
    dated = sorted(f.date for f in facts if f.date)
    undated = sum(1 for f in facts if not f.date)
    kinds = ", ".join(f"{n} {r}" for r, n in sorted(Counter(f.relation for f in facts).items()))
    span = f"dated {dated[0]} … {dated[-1]}" if dated else "none dated"
    return f"{kinds}; {span}" + (f", {undated} undated" if undated and dated else "")


def write_network(graph: Graph, out: Path, **options) -> Path:
    """An rdflib graph → an interactive actor-network page at ``out`` (written atomically); returns ``out``.
    ``options`` are those of ``build_page``: ``since``/``until``/``relations`` keep only those facts (see
    ``actor_network``); ``actor`` keeps that actor and its neighbours (LookupError when there is none);
    ``colour_by_community`` colours nodes by community (the page can switch back to types); ``coarse`` keeps facts
    dated by a year or month that overlaps the range (see ``in_range``); ``texts`` (document identifier → text) gives
    each fact the sentences around its evidence (see ``sentence_context``); ``lang`` the language of the page's
    controls (ja, en)."""
    return write_atomic(Path(out), network_page(graph, **options).encode("utf-8"))


def network_page(graph: Graph, **options) -> str:
    """The page ``write_network`` writes, as text (the options of ``build_page``)."""
    return build_page(graph, **options)[0]


def build_page(
    graph: Graph,
    *,
    title: str = "kg actor network",
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    relations: Iterable[str] | None = None,
    colour_by_community: bool = False,
    coarse: bool = False,
    texts: dict[str, str] | None = None,
    lang: str = "ja",
) -> tuple[str, str | None]:
    """(the page, a warning when it shows no fact, saying why). An empty page would look like a graph without
    facts: the page says why too. LookupError for a range that ends before it starts and an actor nobody is."""
    if since and until and since > until:
        raise LookupError(f"--since {since} is after --until {until}: no day is in that range")
    words = messages(lang)
    context = sentence_context(graph, texts)
    net = actor_network(graph, since=since, until=until, relations=relations, coarse=coarse, context=context)
    empty = empty_page = None
    if not len(net):
        everything = actor_network(graph) if since or until or relations else net
        if not len(everything):
            empty = "the graph holds no fact (no claim, demand or meeting with an actor)"
            empty_page = words["pageNoFacts"]
        else:
            made = _filters(since, until, relations, coarse)
            empty_page = words["pageFiltered"].format(made=made, span=_span_page(everything, words))
            hint = ""
            if (since or until) and not coarse and len(actor_network(graph, since=since, until=until,
                                                                   relations=relations, coarse=True)):
                hint = "; --coarse-dates keeps the facts dated only by a year or month that overlaps the range"
            empty = (f"no fact is left by the filters ({_filters(since, until, relations)}); "
                     f"the graph's facts: {_span(everything)}{hint}")
    if actor is not None and empty is None:
        try:
            net = neighbourhood(net, actor)
        except LookupError:
            if since or until or relations:
                unfiltered = actor_network(graph)
                if find_actors(unfiltered, actor):
                    raise LookupError(f"{actor!r} has no fact left by the filters "
                                      f"({_filters(since, until, relations)})") from None
            raise
    data = page_data(net, colour_by_community=colour_by_community)
    made = " ".join(x for x in (f"--actor {actor}" if actor else "", _filters(since, until, relations, coarse)) if x)
    data["madeWith"] = made  # the command line's filters, which the page's own controls cannot undo
    data["emptyReason"] = empty_page or ""  # shown on the page in place of the graph
    # … and the page's controls start where the command line left them
    data["made"] = {
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
        "relations": sorted({RELATION_NAMES[r] for r in relations}) if relations else list(RELATIONS),
        "coarse": coarse,
    }
    return render_page(data, title=title, lang=lang), empty


def document_ids(g: Graph) -> set[str]:
    """The identifiers of the documents the graph's facts come from."""
    return {str(g.value(doc, DCTERMS.identifier) or doc) for doc in set(g.objects(None, PROV.wasDerivedFrom))}


def read_texts(paths: Iterable[Path]) -> dict[str, str]:
    """Document identifier → text, of the files or folders a graph was built from (read as ``kg build`` reads
    them, so evidence offsets point into these texts)."""
    from kg.ingest import read_inputs
    from kg.model import Article

    texts: dict[str, str] = {}
    for item in read_inputs(paths):
        if isinstance(item, Article):
            texts.setdefault(item.id, item.text)
    return texts
