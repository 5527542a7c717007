(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var facts = data.facts;
  var $ = function (id) { return document.getElementById(id); };
  var RELATION_WORD = {said: "said", demands: "demands", met: "met"};
  var TIP = 5;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null && text !== "") { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function cut(text, n) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    return text.length <= n ? text : text.slice(0, n - 1) + "…";
  }
  function where(f) {
    var src = f.source ? "『" + f.source + "』" + (f.outlet ? " (" + f.outlet + ")" : "") : f.outlet;
    return [f.date, src].filter(function (x) { return x; }).join(" · ");
  }
  // names compared as NFKC, lower case, hiragana as katakana (as kg.viz.normalise does)
  function norm(s) {
    return String(s || "").normalize("NFKC").toLowerCase().trim().replace(/[\u3041-\u3096]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) + 0x60);
    });
  }
  // what was said: a verbatim quote in 「」, a paraphrase marked as one (要旨), never dressed as a quote
  function claimText(f, n) {
    var text = n ? cut(f.text, n) : f.text;
    return f.direct ? "「" + text + "」" : "要旨: " + text;
  }
  function nodeFacts(n) { return n.kg.claims.concat(n.kg.demands, n.kg.meetings); }

  // ---- tooltips: plain strings, shown by vis-network with innerText
  data.nodes.forEach(function (n) {
    var k = n.kg, lines = [k.label + " (" + k.type + ")"];
    if (k.aliases.length) { lines.push("aliases: " + k.aliases.join(", ")); }
    lines.push("said " + k.claims.length + " · demands " + k.demands.length + " · meetings " + k.meetings.length);
    k.claims.slice(0, TIP).forEach(function (i) { lines.push(claimText(facts[i], 80)); });
    if (k.claims.length > TIP) { lines.push("… and " + (k.claims.length - TIP) + " more (click)"); }
    n.title = lines.join("\n");
  });
  data.edges.forEach(function (e) {
    var lines = [e.kg.heading + " (" + e.kg.facts.length + ")"];
    e.kg.facts.slice(0, TIP).forEach(function (i) {
      var f = facts[i], w = where(f);
      lines.push((w ? w + "\n  " : "  ") + (f.sentence ? "「" + cut(f.sentence, 120) + "」" : cut(f.text, 120)));
    });
    if (e.kg.facts.length > TIP) { lines.push("… and " + (e.kg.facts.length - TIP) + " more (click)"); }
    e.title = lines.join("\n");
  });

  var byNode = {}, byEdge = {};
  data.nodes.forEach(function (n) { byNode[n.id] = n; n.search = [n.kg.label].concat(n.kg.aliases).map(norm); });
  data.edges.forEach(function (e) { byEdge[e.id] = e; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {id: n.id, label: n.label, title: n.title, color: n.color, size: n.size};
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = {};
    Object.keys(e).forEach(function (k) { if (k !== "kg") { item[k] = e[k]; } });
    return item;
  }));
  var container = $("network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);

  var state = {
    ready: false, relations: {said: true, demands: true, met: true}, since: "", until: "", minConfidence: 0,
    colourBy: data.colourBy, selected: null, results: []
  };
  var visibleFact = facts.map(function () { return true; });

  // ---- layout: settle once, then keep still
  function settled() {
    if (state.ready) { return; }
    network.setOptions({physics: {enabled: false}});
    state.ready = true;
    $("progress").textContent = "";
    document.body.setAttribute("data-ready", "true");
  }
  network.on("stabilizationProgress", function (p) {
    $("progress").textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  if (!data.nodes.length) { settled(); }

  // ---- filters
  function factPasses(f) {
    if (!state.relations[f.relation]) { return false; }
    if (f.confidence !== null && f.confidence < state.minConfidence) { return false; }
    if (state.since || state.until) {
      if (!f.span) { return false; }
      if (state.since && f.span[1] < state.since) { return false; }
      if (state.until && f.span[0] > state.until) { return false; }
    }
    return true;
  }
  function width(n) { return n > 0 ? Math.min(1 + 1.5 * (n - 1), 10) : 1; }
  function count(list) { var n = 0; list.forEach(function (i) { if (visibleFact[i]) { n++; } }); return n; }
  function applyFilters() {
    visibleFact = facts.map(factPasses);
    var edgeUpdates = [], nodeUpdates = [], linked = {}, shownEdges = 0, shownNodes = 0;
    data.edges.forEach(function (e) {
      var n = count(e.kg.facts), hidden = n === 0, w = width(n);
      if (!hidden) { linked[e.from] = linked[e.to] = true; shownEdges++; }
      if (hidden !== !!e.hidden || (!hidden && w !== e.width)) {
        e.hidden = hidden; if (!hidden) { e.width = w; }
        edgeUpdates.push({id: e.id, hidden: hidden, width: e.width});
      }
    });
    data.nodes.forEach(function (n) {
      var hidden = !linked[n.id] && count(nodeFacts(n)) === 0;
      if (!hidden) { shownNodes++; }
      if (hidden !== !!n.hidden) { n.hidden = hidden; nodeUpdates.push({id: n.id, hidden: hidden}); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    $("counts").textContent = shownNodes + " actors · " + shownEdges + " links · " +
      visibleFact.filter(function (x) { return x; }).length + " facts";
    if (state.selected) { show(state.selected); }
  }
  ["said", "demands", "met"].forEach(function (r) {
    $("rel-" + r).addEventListener("change", function (ev) { state.relations[r] = ev.target.checked; applyFilters(); });
  });
  $("since").addEventListener("change", function (ev) { state.since = ev.target.value; applyFilters(); });
  $("until").addEventListener("change", function (ev) { state.until = ev.target.value; applyFilters(); });
  $("confidence").addEventListener("input", function (ev) {
    state.minConfidence = parseFloat(ev.target.value) || 0;
    $("confidence-value").textContent = state.minConfidence.toFixed(2);
    applyFilters();
  });
  var spans = facts.map(function (f) { return f.span; }).filter(function (s) { return s; });
  if (spans.length) {
    var lo = spans.reduce(function (m, s) { return s[0] < m ? s[0] : m; }, spans[0][0]);
    var hi = spans.reduce(function (m, s) { return s[1] > m ? s[1] : m; }, spans[0][1]);
    ["since", "until"].forEach(function (id) { $(id).min = lo; $(id).max = hi; });
    $("since").placeholder = lo; $("until").placeholder = hi;
  }

  // ---- colours and legend
  function colour(n) {
    if (state.colourBy === "community" && data.legend.communities.length) {
      var c = n.kg.community, list = data.legend.communities;
      return c !== null && c < list.length && list[c].label !== "other" ? list[c].colour : "#c7c7c7";
    }
    var t = data.legend.types.filter(function (x) { return x.label === n.kg.type; })[0];
    return t ? t.colour : "#9d9d9d";
  }
  function legend() {
    var box = $("legend");
    clear(box);
    var items = state.colourBy === "community" ? data.legend.communities : data.legend.types;
    items.forEach(function (x) {
      var s = el("span"), dot = el("i");
      dot.style.background = x.colour;
      s.appendChild(dot);
      s.appendChild(document.createTextNode(x.label + (x.size !== undefined ? " (" + x.size + ")" : "")));
      box.appendChild(s);
    });
    data.legend.edges.forEach(function (x) {
      var s = el("span"), line = el("b", null, "line");
      line.style.borderTopColor = x.colour;
      line.style.borderTopStyle = x.dashes ? "dashed" : "solid";
      s.appendChild(line);
      s.appendChild(document.createTextNode(x.label));
      box.appendChild(s);
    });
  }
  if (data.legend.communities.length) {
    $("colour-by").hidden = false;
    $("colour-by-select").value = state.colourBy;
    $("colour-by-select").addEventListener("change", function (ev) {
      state.colourBy = ev.target.value;
      nodes.update(data.nodes.map(function (n) { n.color = colour(n); return {id: n.id, color: n.color}; }));
      legend();
    });
  }
  legend();

  // ---- the details panel
  var panel = $("details");
  function factList(title, list) {
    var shown = list.filter(function (i) { return visibleFact[i]; });
    if (!list.length) { return null; }
    var sec = el("section");
    var of = shown.length < list.length ? " of " + list.length : "";
    sec.appendChild(el("h3", title + " (" + shown.length + of + ")"));
    var ol = el("ol");
    shown.forEach(function (i) {
      var f = facts[i], li = el("li");
      li.appendChild(el("div", f.relation === "said" ? claimText(f) : f.text,
                        f.relation === "said" && !f.direct ? "fact paraphrase" : "fact"));
      if (f.sentence) { li.appendChild(el("blockquote", f.sentence)); }
      var meta = where(f);
      if (f.confidence !== null) { meta += (meta ? " · " : "") + "confidence " + f.confidence.toFixed(2); }
      if (meta) { li.appendChild(el("div", meta, "meta")); }
      ol.appendChild(li);
    });
    sec.appendChild(ol);
    if (of) { sec.appendChild(el("p", (list.length - shown.length) + " hidden by the filters", "sub")); }
    return sec;
  }
  function show(sel) {
    state.selected = sel;
    clear(panel);
    if (sel.node) {
      var n = byNode[sel.node], k = n.kg;
      panel.appendChild(el("h2", k.label));
      var sub = [k.type].concat(k.aliases.length ? ["aliases: " + k.aliases.join(", ")] : []);
      if (k.community !== null) { sub.push("community " + (k.community + 1)); }
      panel.appendChild(el("p", sub.join(" · "), "sub"));
      [["Said", k.claims], ["Demands", k.demands], ["Meetings", k.meetings]].forEach(function (g) {
        var sec = factList(g[0], g[1]);
        if (sec) { panel.appendChild(sec); }
      });
    } else if (sel.edge) {
      var e = byEdge[sel.edge];
      panel.appendChild(el("h2", e.kg.heading));
      var sec = factList("Facts", e.kg.facts);
      if (sec) { panel.appendChild(sec); }
    }
  }
  if (data.madeWith) {  // filters of the command line that made this page: it holds only what they let through
    $("made-with").textContent = "page made with: kg viz " + data.madeWith;
  }
  var HINT = panel.textContent;  // the page's first words in the panel
  function reset() {  // nothing selected: the panel says what to do
    state.selected = null;
    network.unselectAll();
    clear(panel);
    panel.appendChild(el("p", HINT, "sub"));
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show({node: params.nodes[0]}); }
    else if (params.edges.length) { show({edge: params.edges[0]}); }
    else { reset(); }  // a click on the empty canvas closes what was shown
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.selected) { reset(); }
  });

  // ---- search by label and alias
  var results = $("results");
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    show({node: id});
  }
  function search(q) {
    var key = norm(q);
    clear(results);
    state.results = [];
    if (!key) { return state.results; }
    var hits = [];
    data.nodes.forEach(function (n) {
      var rank = -1;
      n.search.forEach(function (s, j) {
        var r = s === key ? 0 : s.indexOf(key) === 0 ? 1 : s.indexOf(key) > 0 ? 2 : -1;
        if (r >= 0) { r = r * 2 + (j > 0 ? 1 : 0); if (rank < 0 || r < rank) { rank = r; } }
      });
      if (rank >= 0) { hits.push([rank, n.kg.label, n]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    hits.slice(0, 30).forEach(function (h) {
      var n = h[2], b = el("button", n.kg.label + (n.hidden ? " (hidden by the filters)" : ""));
      b.type = "button";
      b.addEventListener("click", function () { focusNode(n.id); });
      var li = el("li"); li.appendChild(b); results.appendChild(li);
      state.results.push(n.kg.label);
    });
    if (!hits.length) { results.appendChild(el("li", "no actor matches", "sub")); }
    else if (hits.length > 30) { results.appendChild(el("li", "… " + (hits.length - 30) + " more", "sub")); }
    state.firstHit = hits.length ? hits[0][2].id : null;
    return state.results;
  }
  $("search").addEventListener("input", function (ev) { search(ev.target.value); });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && state.firstHit) { ev.preventDefault(); focusNode(state.firstHit); }
  });

  // ---- a handle for tests and for the curious
  function ids(set) {
    return set.get({filter: function (x) { return !x.hidden; }}).map(function (x) { return x.id; });
  }
  window.kgState = {
    state: state, network: network, nodes: nodes, edges: edges, data: data,
    visibleEdges: function () { return ids(edges); },
    visibleNodes: function () { return ids(nodes); },
    edgePoint: function (id) {
      // the point halfway along the drawn edge (curved or straight), in page coordinates
      var e = network.body.edges[id], p;
      if (e && e.edgeType && e.edgeType.getPoint) { p = e.edgeType.getPoint(0.5); }
      else {
        var pos = network.getPositions([byEdge[id].from, byEdge[id].to]);
        var a = pos[byEdge[id].from], b = pos[byEdge[id].to];
        p = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
      }
      var d = network.canvasToDOM(p), r = container.getBoundingClientRect();
      return {x: r.left + d.x, y: r.top + d.y};
    },
    nodePoint: function (id) {
      var d = network.canvasToDOM(network.getPositions([id])[id]), r = container.getBoundingClientRect();
      return {x: r.left + d.x, y: r.top + d.y};
    },
    search: search, show: show, applyFilters: applyFilters
  };
  applyFilters();
})();
