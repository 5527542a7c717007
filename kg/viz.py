"""Graph → actor network (networkx) → one self-contained interactive HTML page (pyvis / vis-network).

Nodes are actors (coloured by type, sized by degree centrality); edges are demands (demander →
addressee), meetings (between every pair of participants) and "speaks about" (speaker → an actor named
in the claim). Each edge carries the facts behind it: text, evidence sentence, source, outlet, date.

The page works offline and never runs article text:
- vis-network's JS and CSS (shipped inside pyvis) are inlined; pyvis's own template, which links
  bootstrap and tom-select from CDNs and pastes the heading unescaped, is not used;
- all data sits in one ``<script type="application/json">`` block with ``<``, ``>``, ``&`` written as
  ``\\u003c`` …, so no text can close it; hover tooltips are plain strings, which vis-network 9 shows
  with ``innerText``; the click panel is built with ``textContent``;
- a Content-Security-Policy allows only the page's own two scripts (by hash) and no network access.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.store import write_atomic
from kg.vocab import KG

ACTOR_TYPES = {KG.Person: "Person", KG.State: "State", KG.Organization: "Organization", KG.Actor: "Actor"}
COLOURS = {"Person": "#4e79a7", "State": "#e15759", "Organization": "#59a14f", "Actor": "#9d9d9d"}
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
OPTIONS = {
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
        "stabilization": {"enabled": True, "iterations": 500, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    "nodes": {"shape": "dot", "font": {"size": 14}},
    "edges": {"selectionWidth": 2},
}
MIN_NAME = 2  # shorter aliases (米, 露) would match inside unrelated words
TOOLTIP_FACTS = 5
CUT = 120

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


@dataclass(frozen=True)
class Fact:
    """One fact behind an edge or node, as shown to the reader."""

    relation: str  # said | demands | met
    text: str
    sentence: str = ""
    source: str = ""
    outlet: str = ""
    date: str = ""


# ---- graph → networkx ------------------------------------------------------------------------


def _actor_type(g: Graph, node: URIRef) -> str:
    types = {ACTOR_TYPES[t] for t in g.objects(node, RDF.type) if t in ACTOR_TYPES}
    specific = sorted(types - {"Actor"})
    return specific[0] if specific else "Actor"


def _fact(g: Graph, node: URIRef, relation: str, text: str) -> Fact:
    doc = g.value(node, PROV.wasDerivedFrom)
    ev = g.value(node, KG.evidence)
    date = g.value(node, KG.heldOn) or (doc is not None and g.value(doc, DCTERMS.date)) or ""
    source = ""
    if doc is not None:
        source = str(g.value(doc, DCTERMS.title) or g.value(doc, DCTERMS.identifier) or "")
    return Fact(
        relation=relation,
        text=str(text),
        sentence=str(g.value(ev, KG.sentence) or "") if ev is not None else "",
        source=source,
        outlet=str(g.value(doc, DCTERMS.publisher) or "") if doc is not None else "",
        date=str(date),
    )


def _sort_facts(facts: list[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.date, f.source, f.text, f.sentence))


def _demands(g: Graph, actors: set[URIRef]) -> Iterator[tuple[URIRef, URIRef | None, Fact]]:
    """(demander, addressee or None, fact) for each demand."""
    for measure in g.subjects(RDF.type, KG.Measure):
        fact = _fact(g, measure, "demands", g.value(measure, RDFS.label) or "")
        addressees = [a for a in g.objects(measure, KG.addressee) if a in actors] or [None]
        for demander in g.subjects(KG.demands, measure):
            if demander in actors:
                for addressee in addressees:
                    yield demander, addressee, fact


def _meetings(g: Graph, actors: set[URIRef]) -> Iterator[tuple[URIRef, URIRef, Fact]]:
    """(participant, participant, fact) for every pair at each meeting, the smaller IRI first."""
    for meeting in g.subjects(RDF.type, KG.Meeting):
        fact = _fact(g, meeting, "met", g.value(meeting, RDFS.label) or "")
        people = sorted({p for p in g.objects(meeting, KG.participant) if p in actors}, key=str)
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                yield a, b, fact


def _claims(g: Graph, actors: set[URIRef]) -> Iterator[tuple[URIRef, Fact]]:
    """(speaker, fact) for each claim."""
    for speaker, claim in g.subject_objects(KG.said):
        if speaker in actors:
            yield speaker, _fact(g, claim, "said", g.value(claim, KG.text) or "")


def actor_network(g: Graph) -> nx.MultiDiGraph:
    """An rdflib graph → a MultiDiGraph of actors.

    Node attributes: label, type, aliases, claims and demands (Facts). Edge key = relation (``demands``,
    ``met``, ``speaks about``), attribute ``facts``. Meeting edges run from the smaller to the larger
    IRI. Only actors that speak, demand or take part in an edge are nodes.
    """
    actors = {s for t in ACTOR_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}
    own: dict[URIRef, dict[str, list[Fact]]] = defaultdict(lambda: {"claims": [], "demands": []})
    edges: dict[tuple[URIRef, URIRef, str], list[Fact]] = defaultdict(list)
    for demander, addressee, fact in _demands(g, actors):
        own[demander]["demands"].append(fact)
        if addressee is not None and addressee != demander:
            edges[demander, addressee, "demands"].append(fact)
    for a, b, fact in _meetings(g, actors):
        edges[a, b, "met"].append(fact)
    names = _names(g, actors)
    pattern = _name_pattern(names)
    for speaker, fact in _claims(g, actors):
        own[speaker]["claims"].append(fact)
        for target in {names[m.group(0)] for m in pattern.finditer(fact.text)} if pattern else ():
            if target != speaker:
                edges[speaker, target, "speaks about"].append(fact)

    net = nx.MultiDiGraph()
    for a in sorted(set(own) | {x for u, v, _ in edges for x in (u, v)}, key=str):
        net.add_node(
            a,
            label=str(g.value(a, RDFS.label) or a),
            type=_actor_type(g, a),
            aliases=sorted({str(x) for x in g.objects(a, SKOS.altLabel)}),
            claims=_sort_facts(own[a]["claims"]) if a in own else [],
            demands=_sort_facts(own[a]["demands"]) if a in own else [],
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


# ---- networkx → page data --------------------------------------------------------------------


def _cut(text: str, n: int = CUT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _fact_line(f: Fact) -> str:
    where = " · ".join(x for x in (f.date, f.source, f.outlet and f"({f.outlet})") if x)
    body = f"「{_cut(f.sentence)}」" if f.sentence else _cut(f.text)
    return f"{where}\n  {body}" if where else f"  {body}"


def _more(n: int) -> list[str]:
    return [f"… and {n - TOOLTIP_FACTS} more (click)"] if n > TOOLTIP_FACTS else []


def _node_title(attrs: dict, degree: int) -> str:
    """Plain text: vis-network 9 puts a string title into the tooltip with innerText."""
    lines = [f"{attrs['label']} ({attrs['type']})"]
    if attrs["aliases"]:
        lines.append("aliases: " + ", ".join(attrs["aliases"]))
    lines.append(f"claims: {len(attrs['claims'])} · demands: {len(attrs['demands'])} · links: {degree}")
    lines += [f"「{_cut(f.text, 80)}」" for f in attrs["claims"][:TOOLTIP_FACTS]]
    return "\n".join(lines + _more(len(attrs["claims"])))


def _edge_heading(net: nx.MultiDiGraph, u: URIRef, v: URIRef, rel: str) -> str:
    arrow = "—" if rel == "met" else "→"
    return f"{net.nodes[u]['label']} {arrow} {net.nodes[v]['label']}: {rel}"


def _edge_title(heading: str, facts: list[Fact]) -> str:
    lines = [f"{heading} ({len(facts)})"] + [_fact_line(f) for f in facts[:TOOLTIP_FACTS]]
    return "\n".join(lines + _more(len(facts)))


def _panel(heading: str, sub: str, facts: list[Fact]) -> dict:
    return {"heading": heading, "sub": sub, "facts": [asdict(f) for f in facts]}


def to_pyvis(net: nx.MultiDiGraph) -> Network:
    """The actor network → a pyvis Network (nodes coloured by type, sized by degree centrality,
    edges as wide as their number of facts), each item carrying a ``kg`` record for the click panel."""
    pv = Network(directed=True, cdn_resources="in_line")
    centrality = nx.degree_centrality(nx.Graph(net.to_undirected())) if len(net) > 1 else {}
    for a in sorted(net, key=lambda a: (net.nodes[a]["label"], str(a))):
        attrs = net.nodes[a]
        aliases = ", ".join(attrs["aliases"])
        pv.add_node(
            str(a),
            label=_cut(attrs["label"], 40),
            title=_node_title(attrs, net.degree(a)),
            color=COLOURS[attrs["type"]],
            size=12 + 38 * centrality.get(a, 0.0),
            kg=_panel(
                attrs["label"],
                attrs["type"] + (f" · {aliases}" if aliases else ""),
                attrs["claims"] + attrs["demands"],
            ),
        )
    for u, v, rel, data in sorted(net.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])):
        heading = _edge_heading(net, u, v, rel)
        n = len(data["facts"])
        pv.add_edge(
            str(u),
            str(v),
            title=_edge_title(heading, data["facts"]),
            width=min(1 + 1.5 * (n - 1), 10),
            kg=_panel(heading, f"{n} fact{'s' if n != 1 else ''}", data["facts"]),
            **EDGE_STYLE[rel],
        )
    pv.options = copy.deepcopy(OPTIONS)
    return pv


# ---- page ------------------------------------------------------------------------------------

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("network"), {nodes: nodes, edges: edges}, data.options);
  // lay the network out once, then keep it still
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
  });
  var panel = document.getElementById("details");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function show(item) {
    var info = item && item.kg;
    if (!info) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    panel.appendChild(el("h2", info.heading));
    panel.appendChild(el("p", info.sub, "sub"));
    var list = el("ol");
    info.facts.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("div", f.text, "fact"));
      if (f.sentence) { li.appendChild(el("blockquote", f.sentence)); }
      var meta = [f.date, f.source, f.outlet].filter(function (x) { return x; }).join(" · ");
      if (meta) { li.appendChild(el("div", meta, "meta")); }
      list.appendChild(li);
    });
    panel.appendChild(list);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show(nodes.get(params.nodes[0])); }
    else if (params.edges.length) { show(edges.get(params.edges[0])); }
  });
})();
"""

_STYLE = """
body { margin: 0; font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; display: flex; gap: 24px; align-items: baseline; }
header h1 { font-size: 18px; margin: 0; }
.legend span { margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
main { display: flex; height: calc(100vh - 48px); }
#network { flex: 1; min-width: 0; }
#details { width: 380px; overflow-y: auto; padding: 8px 16px; border-left: 1px solid #ddd; font-size: 14px; }
#details .sub, #details .meta { color: #666; font-size: 12px; }
#details blockquote { margin: 4px 0 4px 8px; padding-left: 8px; border-left: 3px solid #ccc; }
#details li { margin-bottom: 10px; }
div.vis-tooltip { white-space: pre-wrap; max-width: 460px; font-size: 13px; }
"""


def _inline_js(text: str) -> str:
    # the HTML parser turns CR into LF before the script runs; do it here so the CSP hash matches
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "</script" in text.lower() or "<!--" in text:
        raise ValueError("script text would break out of its <script> element")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _json_for_html(value: object) -> str:
    # keep Japanese as it is, but no "<", ">" or "&" survives to close the <script> element
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_page(pv: Network, *, title: str) -> str:
    """A pyvis Network → the full HTML page, with vis-network inlined and no remote resources."""
    vis_js = _inline_js((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"))
    vis_css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</style" in vis_css.lower():
        raise ValueError("stylesheet would break out of its <style> element")
    app_js = _inline_js(_SCRIPT)
    data = _json_for_html({"nodes": pv.nodes, "edges": pv.edges, "options": pv.options})
    csp = (
        f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    legend = "".join(f'<span><i style="background:{c}"></i>{t}</span>' for t, c in COLOURS.items())
    legend += "<span>— demands (red) · met (grey) · speaks about (blue, dashed)</span>"
    safe_title = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{safe_title}</title>
<style>{vis_css}</style>
<style>{_STYLE}</style>
<script>{vis_js}</script>
</head>
<body>
<header><h1>{safe_title}</h1><div class="legend">{legend}</div></header>
<main>
<div id="network"></div>
<aside id="details"><p class="sub">Click an actor or a link to list the facts behind it.</p></aside>
</main>
<script type="application/json" id="kg-data">{data}</script>
<script>{app_js}</script>
</body>
</html>
"""


def write_network(graph: Graph, out: Path, *, title: str = "kg actor network") -> Path:
    """An rdflib graph → an interactive actor-network page at ``out`` (written atomically); returns ``out``."""
    page = render_page(to_pyvis(actor_network(graph)), title=title)
    return write_atomic(Path(out), page.encode("utf-8"))
