(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var facts = data.facts;
  var $ = function (id) { return document.getElementById(id); };
  // every word the page shows is in data.messages (kg/viz/explorer-messages.json, in the language kg viz
  // --lang chose); t(key, {n: 3}) fills its {n}
  var MESSAGES = data.messages || {};
  function t(key, args) {
    var text = own(MESSAGES, key) ? MESSAGES[key] : key;
    return text.replace(/\{(\w+)\}/g, function (m, k) { return args && own(args, k) ? String(args[k]) : m; });
  }
  function words(prefix, list) {
    var out = {};
    list.forEach(function (k) { out[k] = t(prefix + k); });
    return out;
  }
  var REL = words("rel.", ["said", "demands", "met"]);
  var KIND = words("kind.", ["speaks about", "demands", "met"]);
  var TYPE = words("type.", ["Person", "State", "Organization", "Actor"]);
  var PRECISION = words("precision.", ["day", "month", "year", "none"]);
  var TIP = 5, TABLE_ROWS = 200, OPEN_GROUPS = 8;
  var DIM_OPACITY = 0.22, DIM_EDGE_OPACITY = 0.1, DIM_FONT = "#c4c4c4", FONT = "#343434";

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
  function keys(o) { return Object.keys(o); }
  // names compared as NFKC, lower case, without the blanks around, hiragana as katakana. The same as
  // kg.viz.normalise; tests/test_browser.py runs both on one table of names (test_the_script_and_python_agree)
  var BLANK = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  var BLANKS = new RegExp("^[" + BLANK + "]+|[" + BLANK + "]+$", "g");  // kg.viz.BLANKS
  function norm(s) {
    return String(s || "").normalize("NFKC").toLowerCase().replace(BLANKS, "").replace(/[\u3041-\u3096]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) + 0x60);
    });
  }
  // a date with how precise it is: 2024-03-01, 2024-03（月まで）, 2024（年のみ）, 日付なし
  function dateText(f) {
    if (!f.date) { return t("noDate"); }
    if (f.precision === "day") { return f.date; }
    return t("dateWith", {date: f.date, precision: f.precision === "none" ? t("dateNotUnderstood") : PRECISION[f.precision]});
  }
  function sourceText(f) {
    return f.source ? t("title", {title: f.source}) + (f.outlet ? " " + f.outlet : "") : f.outlet || "";
  }
  function where(f) { return [dateText(f), sourceText(f)].filter(function (x) { return x; }).join(" · "); }
  // only an http(s) address becomes a link: javascript:, data: and the like stay text
  function safeUrl(u) {
    if (!u || !/^https?:\/\//i.test(u)) { return null; }
    try {
      var x = new URL(u);
      return x.protocol === "http:" || x.protocol === "https:" ? x.href : null;
    } catch (e) { return null; }
  }
  // what was said: a verbatim quote in 「」, a paraphrase marked as one (要旨), never dressed as a quote
  function claimText(f, n) {
    var text = n ? cut(f.text, n) : f.text;
    return t(f.direct ? "quote" : "paraphrase", {text: text});
  }
  function factText(f, n) {
    if (f.relation === "said") { return claimText(f, n); }
    var text = n ? cut(f.text, n) : f.text;
    return f.relation === "demands" ? t("demandText", {text: text}) : text;
  }
  function nodeFacts(n) { return n.kg.claims.concat(n.kg.demands, n.kg.meetings); }

  // ---- who took part in each fact, both ways
  var byNode = {}, byEdge = {}, byKey = {};
  var speakers = {}, demanders = {}, participants = {}, mentions = {}, addressees = {};
  function push(map, i, id) {
    var list = map[i] || (map[i] = []);
    if (list.indexOf(id) < 0) { list.push(id); }
  }
  data.nodes.forEach(function (n) {
    byNode[n.id] = n;
    n.search = [n.kg.label].concat(n.kg.aliases).map(norm);
    n.out = []; n.inc = [];
    n.kg.claims.forEach(function (i) { push(speakers, i, n.id); });
    n.kg.demands.forEach(function (i) { push(demanders, i, n.id); });
    n.kg.meetings.forEach(function (i) { push(participants, i, n.id); });
  });
  data.edges.forEach(function (e) {
    byEdge[e.id] = e;
    // a link's own name, the same on every page of the same graph (its id only counts links): from, relation, to
    e.kg.key = e.from + " " + e.kg.relation + " " + e.to;
    byKey[e.kg.key] = e;
    byNode[e.from].out.push(e);
    byNode[e.to].inc.push(e);
    e.kg.facts.forEach(function (i) {
      if (e.kg.relation === "speaks about") { push(mentions, i, e.to); }
      else if (e.kg.relation === "demands") { push(addressees, i, e.to); }
    });
  });
  function actorsOf(i) {  // [who acted, whom it was about or addressed to]
    var r = facts[i].relation;
    if (r === "said") { return [speakers[i] || [], mentions[i] || []]; }
    if (r === "demands") { return [demanders[i] || [], addressees[i] || []]; }
    return [participants[i] || [], []];
  }
  function label(id) { return byNode[id] ? byNode[id].kg.label : ""; }
  function labels(list) { return list.map(label).join(t("nameSep")); }
  function edgeHeading(e) {
    return label(e.from) + (e.kg.relation === "met" ? " — " : " → ") + label(e.to) + ": " + KIND[e.kg.relation];
  }

  // ---- tooltips: plain strings, shown by vis-network with innerText
  data.nodes.forEach(function (n) {
    var k = n.kg, lines = [t("named", {label: k.label, type: TYPE[k.type] || k.type})];
    if (k.aliases.length) { lines.push(t("aliases", {list: k.aliases.join(t("listSep"))})); }
    lines.push(t("tipCounts", {said: k.claims.length, demands: k.demands.length, met: k.meetings.length,
                               inc: n.inc.filter(function (e) { return e.kg.relation !== "met"; }).length}));
    k.claims.slice(0, TIP).forEach(function (i) { lines.push(claimText(facts[i], 80)); });
    if (k.claims.length > TIP) { lines.push(t("tipMore", {n: k.claims.length - TIP})); }
    n.title = lines.join("\n");
  });
  data.edges.forEach(function (e) {
    var lines = [t("tipEdge", {heading: edgeHeading(e), n: e.kg.facts.length})];
    e.kg.facts.slice(0, TIP).forEach(function (i) {
      var f = facts[i];
      lines.push(where(f) + "\n  " + (f.sentence ? t("quote", {text: cut(f.sentence, 120)}) : factText(f, 120)));
    });
    if (e.kg.facts.length > TIP) { lines.push(t("tipMore", {n: e.kg.facts.length - TIP})); }
    e.title = lines.join("\n");
  });

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
    ready: false, relations: {said: true, demands: true, met: true}, since: "", until: "", keepCoarse: false,
    minConfidence: 0, minDegree: 0, colourBy: data.colourBy, selected: null, results: [], table: false,
    sort: {key: null, down: false}, reasons: {}, lastCopied: null, dimmed: {}, folded: {}
  };
  var visibleFact = facts.map(function () { return true; });

  // ---- layout: settle once, then keep still
  function settled() {
    if (state.ready) { return; }
    network.setOptions({physics: {enabled: false}});
    state.ready = true;
    $("progress").textContent = "";
    if (state.selected && state.selected.node) {  // a view opened from an address: its actor in the middle
      network.focus(state.selected.node, {scale: Math.max(network.getScale(), 1.0), animation: false});
    }
    document.body.setAttribute("data-ready", "true");
  }
  network.on("stabilizationProgress", function (p) {
    $("progress").textContent = t("settling", {pct: Math.round(100 * p.iterations / p.total)});
  });
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  if (!data.nodes.length) { settled(); }

  // ---- filters
  // a date filter keeps a fact whose date lies inside the range; a fact dated only by its year or month that
  // overlaps the range without lying inside it ("2022" for February 2022) is "coarse": kept only when asked
  // where a fact's span (see kg.viz.date_span) lies against a range: "in", "coarse" (overlaps it), "out" or
  // "undated"; kg.viz.in_range is true for "in" (and for "coarse" with coarse=True)
  function verdict(span, since, until) {
    if (!since && !until) { return "in"; }
    if (!span) { return "undated"; }
    var lo = since || "0000-00-00", hi = until || "9999-99-99";
    if (span[1] < lo || span[0] > hi) { return "out"; }
    return span[0] >= lo && span[1] <= hi ? "in" : "coarse";
  }
  function dateVerdict(f) { return state.dateError ? "in" : verdict(f.span, state.since, state.until); }
  // kg.viz.edge_width
  function width(n) { return n > 0 ? Math.min(1 + 1.5 * (n - 1), 10) : 1; }
  function count(list) { var n = 0; list.forEach(function (i) { if (visibleFact[i]) { n++; } }); return n; }
  function applyFilters(sliding) {
    var reasons = {relation: 0, confidence: 0, undated: 0, out: 0, coarse: 0, coarseKept: 0};
    state.dateError = !!(state.since && state.until && state.since > state.until);
    visibleFact = facts.map(function (f, i) {
      var ok = true;
      if (!state.relations[f.relation]) { reasons.relation++; ok = false; }
      if (f.confidence !== null && f.confidence < state.minConfidence) { reasons.confidence++; ok = false; }
      otherwise[i] = ok;  // what the histogram counts: the facts the filters other than dates keep
      var d = dateVerdict(f);
      if (d === "undated" || d === "out") { reasons[d]++; ok = false; }
      else if (d === "coarse") {
        if (state.keepCoarse) { reasons.coarseKept++; } else { reasons.coarse++; ok = false; }
      }
      return ok;
    });
    state.reasons = reasons;
    // hiding actors with fewer counterparts than asked (1: the isolated ones) hides their links, and the facts
    // no actor still shown is part of
    var few = {};
    reasons.fewActors = 0; reasons.degree = 0;
    if (state.minDegree > 0) {
      var near = {};
      data.edges.forEach(function (e) {
        if (e.from !== e.to && count(e.kg.facts)) {
          (near[e.from] || (near[e.from] = {}))[e.to] = true;
          (near[e.to] || (near[e.to] = {}))[e.from] = true;
        }
      });
      data.nodes.forEach(function (n) {
        if (keys(near[n.id] || {}).length < state.minDegree && (near[n.id] || count(nodeFacts(n)))) {
          few[n.id] = true; reasons.fewActors++;
        }
      });
      var kept = {};
      data.edges.forEach(function (e) {
        if (!few[e.from] && !few[e.to]) { e.kg.facts.forEach(function (i) { kept[i] = true; }); }
      });
      data.nodes.forEach(function (n) { if (!few[n.id]) { nodeFacts(n).forEach(function (i) { kept[i] = true; }); } });
      visibleFact.forEach(function (v, i) { if (v && !kept[i]) { visibleFact[i] = false; reasons.degree++; } });
    }
    var edgeUpdates = [], nodeUpdates = [], linked = {}, shownEdges = 0, shownNodes = 0, acting = 0;
    data.edges.forEach(function (e) {
      var n = few[e.from] || few[e.to] ? 0 : count(e.kg.facts), hidden = n === 0, w = width(n);
      if (!hidden) { linked[e.from] = linked[e.to] = true; shownEdges++; }
      if (hidden !== !!e.hidden || (!hidden && w !== e.width)) {
        e.hidden = hidden; if (!hidden) { e.width = w; }
        edgeUpdates.push({id: e.id, hidden: hidden, width: e.width});
      }
    });
    data.nodes.forEach(function (n) {
      var own = few[n.id] ? 0 : count(nodeFacts(n)), hidden = !!few[n.id] || (!linked[n.id] && own === 0);
      if (!hidden) { shownNodes++; if (own) { acting++; } }
      if (hidden !== !!n.hidden) { n.hidden = hidden; nodeUpdates.push({id: n.id, hidden: hidden}); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    var shownFacts = visibleFact.filter(function (x) { return x; }).length;
    state.shownFacts = shownFacts;
    // kg build counts the actors who said, demanded or met; the page also draws those only addressed or named
    var passive = shownNodes - acting;
    $("counts").textContent = t("counts", {nodes: shownNodes, edges: shownEdges, facts: shownFacts,
                                           split: passive ? t("countsSplit", {acting: acting, passive: passive}) : ""});
    explainFilters(shownFacts);
    drawHistogram();
    if (state.selected) { show(state.selected, true); }
    if (state.table) { renderTable(); }
    remember(sliding);
  }
  function explainFilters(shownFacts) {
    var r = state.reasons, notes = [];
    $("since").setAttribute("aria-invalid", state.dateError ? "true" : "false");
    $("until").setAttribute("aria-invalid", state.dateError ? "true" : "false");
    if (state.dateError) { notes.push(t("noteInverted")); }
    if (r.coarse) { notes.push(t("noteCoarse", {n: r.coarse})); }
    if (r.fewActors) {
      notes.push(t("noteFew", {min: state.minDegree, n: r.fewActors,
                               extra: r.degree ? t("noteFewFacts", {n: r.degree}) : ""}));
    }
    if (r.coarseKept) { notes.push(t("noteCoarseKept", {n: r.coarseKept})); }
    if (r.undated && (state.since || state.until) && !state.dateError) { notes.push(t("noteUndated", {n: r.undated})); }
    $("filter-note").textContent = notes.join(" ");
    var empty = $("empty");
    if (shownFacts || !facts.length) {
      empty.hidden = !!facts.length;
      empty.textContent = facts.length ? "" : data.emptyReason || t("emptyGraph");
      return;
    }
    var why = [];
    if (r.relation) { why.push(t("whyRelation", {n: r.relation})); }
    if (r.confidence) { why.push(t("whyConfidence", {min: state.minConfidence.toFixed(2), n: r.confidence})); }
    if (r.out) { why.push(t("whyOut", {n: r.out})); }
    if (r.undated) { why.push(t("whyUndated", {n: r.undated})); }
    if (r.coarse) { why.push(t("whyCoarse", {n: r.coarse})); }
    if (r.degree) { why.push(t("whyDegree", {n: r.degree})); }
    empty.textContent = t("empty", {total: facts.length, why: why.join(t("listSep"))});
    empty.hidden = false;
  }
  ["said", "demands", "met"].forEach(function (r) {
    $("rel-" + r).addEventListener("change", function (ev) { state.relations[r] = ev.target.checked; applyFilters(); });
  });
  $("since").addEventListener("change", function (ev) { state.since = ev.target.value; applyFilters(); });
  $("until").addEventListener("change", function (ev) { state.until = ev.target.value; applyFilters(); });
  $("coarse").addEventListener("change", function (ev) { state.keepCoarse = ev.target.checked; applyFilters(); });
  $("min-degree").addEventListener("input", function (ev) {
    var v = parseInt(ev.target.value, 10);
    state.minDegree = v >= 0 && v <= 99 ? v : 0;
    applyFilters(true);
  });
  $("confidence").addEventListener("input", function (ev) {
    state.minConfidence = parseFloat(ev.target.value) || 0;
    $("confidence-value").textContent = state.minConfidence.toFixed(2);
    applyFilters(true);
  });
  // ---- facts per month, and a range brushed on it: the facts dated to a day or a month, counted by the filters
  // other than dates; a drag (or a click on one month) sets the date range to whole months
  var otherwise = facts.map(function () { return true; });
  var MONTHS_MAX = 360;
  function monthOf(f) {
    return f.span && (f.precision === "day" || f.precision === "month") ? f.span[0].slice(0, 7) : null;
  }
  function nextMonth(m) {
    var y = +m.slice(0, 4), n = +m.slice(5, 7) + 1;
    if (n > 12) { y++; n = 1; }
    return String(y).padStart(4, "0") + "-" + String(n).padStart(2, "0");
  }
  function lastDay(m) {
    var y = +m.slice(0, 4), n = +m.slice(5, 7);
    return m + "-" + String(new Date(Date.UTC(y, n, 0)).getUTCDate()).padStart(2, "0");
  }
  var months = (function () {
    var ms = facts.map(monthOf).filter(function (m) { return m; }).sort();
    if (!ms.length) { return []; }
    var out = [ms[0]];
    while (out[out.length - 1] < ms[ms.length - 1] && out.length <= MONTHS_MAX) { out.push(nextMonth(out[out.length - 1])); }
    return out.length > MONTHS_MAX ? [] : out;
  })();
  var histogram = $("histogram"), brush = null;
  function drawHistogram() {
    if (!months.length) { histogram.hidden = true; return; }
    histogram.hidden = false;
    var n = {}, most = 1;
    facts.forEach(function (f, i) {
      var m = monthOf(f);
      if (m && otherwise[i]) { n[m] = (n[m] || 0) + 1; if (n[m] > most) { most = n[m]; } }
    });
    var lo = brush ? months[Math.min(brush[0], brush[1])] : state.dateError ? "" : state.since.slice(0, 7);
    var hi = brush ? months[Math.max(brush[0], brush[1])] : state.dateError ? "" : state.until.slice(0, 7);
    var ranged = brush || ((state.since || state.until) && !state.dateError);
    var bars = $("histogram-bars");
    clear(bars);
    var text = [];
    months.forEach(function (m) {
      var b = el("div", null, "bar"), k = n[m] || 0;
      b.style.height = (k ? Math.max(8, Math.round(100 * k / most)) : 0) + "%";
      if (ranged && (!lo || m >= lo) && (!hi || m <= hi)) { b.className = "bar in"; }
      b.title = t("monthCount", {month: m, n: k});
      b.setAttribute("data-month", m);
      bars.appendChild(b);
      if (k) { text.push(t("monthItem", {month: m, n: k})); }
    });
    bars.setAttribute("aria-label", t("histogramBarsLabel", {list: text.join(t("listSep"))}));
    $("histogram-from").textContent = months[0];
    $("histogram-to").textContent = months[months.length - 1];
    monthCounts = n;
    drawHandles();
  }
  // ---- … and from the keyboard: two sliders, the range's first and last month (arrows: a month, Page Up and
  // Page Down: a year, Home and End: the ends); each step sets the date range to whole months
  var monthCounts = {};
  function monthIndex(date, dflt) {
    if (!date || state.dateError) { return dflt; }
    var m = date.slice(0, 7), i = months.indexOf(m);
    return i >= 0 ? i : m < months[0] ? 0 : months.length - 1;
  }
  function handles() { return [monthIndex(state.since, 0), monthIndex(state.until, months.length - 1)]; }
  function drawHandles() {
    var at = handles();
    [["brush-lo", at[0], "brushFrom"], ["brush-hi", at[1], "brushTo"]].forEach(function (h) {
      var b = $(h[0]), m = months[h[1]];
      b.style.left = (100 * (h[1] + 0.5) / months.length) + "%";
      b.setAttribute("aria-valuemin", "0");
      b.setAttribute("aria-valuemax", String(months.length - 1));
      b.setAttribute("aria-valuenow", String(h[1]));
      b.setAttribute("aria-valuetext", t(h[2], {month: m, n: monthCounts[m] || 0}));
    });
  }
  var STEPS = {ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -12, PageUp: 12};
  ["brush-lo", "brush-hi"].forEach(function (id, which) {
    $(id).addEventListener("keydown", function (ev) {
      if (!months.length || !(own(STEPS, ev.key) || ev.key === "Home" || ev.key === "End")) { return; }
      ev.preventDefault();
      var at = handles(), i = ev.key === "Home" ? 0 : ev.key === "End" ? months.length - 1 : at[which] + STEPS[ev.key];
      i = which ? Math.max(at[0], Math.min(months.length - 1, i)) : Math.max(0, Math.min(at[1], i));
      if (which) { $("until").value = state.until = lastDay(months[i]); }
      else { $("since").value = state.since = months[i] + "-01"; }
      applyFilters(true);
    });
  });
  function barAt(ev) {
    var r = $("histogram-bars").getBoundingClientRect();
    return Math.max(0, Math.min(months.length - 1, Math.floor((ev.clientX - r.left) / r.width * months.length)));
  }
  $("histogram-bars").addEventListener("pointerdown", function (ev) {
    if (!months.length) { return; }
    ev.preventDefault();
    brush = [barAt(ev), barAt(ev)];
    try { this.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic event */ }
    drawHistogram();
  });
  $("histogram-bars").addEventListener("pointermove", function (ev) {
    if (brush) { brush[1] = barAt(ev); drawHistogram(); }
  });
  $("histogram-bars").addEventListener("pointerup", function (ev) {
    if (!brush) { return; }
    brush[1] = barAt(ev);
    var a = months[Math.min(brush[0], brush[1])], b = months[Math.max(brush[0], brush[1])];
    brush = null;
    $("since").value = state.since = a + "-01";
    $("until").value = state.until = lastDay(b);
    applyFilters();
    announce(t("announceRange", {since: state.since, until: state.until}));
  });
  var spans = facts.map(function (f) { return f.span; }).filter(function (s) { return s; });
  if (spans.length) {
    var lo = spans.reduce(function (m, s) { return s[0] < m ? s[0] : m; }, spans[0][0]);
    var hi = spans.reduce(function (m, s) { return s[1] > m ? s[1] : m; }, spans[0][1]);
    ["since", "until"].forEach(function (id) { $(id).min = lo; $(id).max = hi; });
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
      var name = x.label === "other" ? t("other") : state.colourBy === "community" ? x.label : TYPE[x.label] || x.label;
      s.appendChild(document.createTextNode(name + (x.size !== undefined ? " (" + x.size + ")" : "")));
      box.appendChild(s);
    });
    data.legend.edges.forEach(function (x) {
      var s = el("span"), line = el("b", null, "line");
      line.style.borderTopColor = x.colour;
      line.style.borderTopStyle = x.dashes ? "dashed" : "solid";
      s.appendChild(line);
      s.appendChild(document.createTextNode(KIND[x.label] || x.label));
      box.appendChild(s);
    });
  }
  if (data.legend.communities.length) {
    $("colour-by").hidden = false;
    $("colour-by-select").value = state.colourBy;
    $("colour-by-select").addEventListener("change", function (ev) { setColourBy(ev.target.value); remember(); });
  }
  function setColourBy(by) {
    state.colourBy = by;
    data.nodes.forEach(function (n) { n.color = colour(n); });
    nodes.update(data.nodes.map(function (n) { return {id: n.id, color: n.color}; }));
    dim(state.selected);
    legend();
  }
  legend();

  // ---- selection dims what lies outside the selected actor's (or link's) neighbourhood
  // vis-network 9 reads a node's opacity, its label's colour and an edge's colour opacity from these options
  // each time it draws: setting them and redrawing once costs a few milliseconds on 2,000 actors, where a
  // DataSet update of every item costs a second
  function paint(id, dimmed) {
    var b = network.body.nodes[id];
    if (!b) { return; }
    b.options.opacity = dimmed ? DIM_OPACITY : 1;
    var label = b.labelModule;
    if (label && label.fontOptions && label.fontOptions.color !== (dimmed ? DIM_FONT : FONT)) {
      label.fontOptions.color = dimmed ? DIM_FONT : FONT;
      label.labelDirty = true;  // its text is laid out again with the new colour
    }
  }
  function dim(sel) {
    var keepN = null, keepE = null;
    if (sel) {
      keepN = {}; keepE = {};
      var list = sel.node ? byNode[sel.node].out.concat(byNode[sel.node].inc) : [byEdge[sel.edge]];
      if (sel.node) { keepN[sel.node] = true; }
      list.forEach(function (e) {
        if (!e.hidden || sel.edge) { keepE[e.id] = keepN[e.from] = keepN[e.to] = true; }
      });
    }
    // every item, every time: a DataSet update (filters, colours) rebuilds an item's options and undoes its dimming
    state.dimmed = {};
    labelOrder = !keepN ? byCentrality : byCentrality.filter(function (n) { return keepN[n.id]; }).sort(function (a, b) {
      return (b.id === sel.node) - (a.id === sel.node);
    });
    data.nodes.forEach(function (n) {
      var d = !!keepN && !keepN[n.id];
      if (d) { state.dimmed[n.id] = true; }
      paint(n.id, d);
    });
    data.edges.forEach(function (e) {
      var b = network.body.edges[e.id];
      e.dimmed = !!keepE && !keepE[e.id];
      if (b) { b.options.color.opacity = e.dimmed ? DIM_EDGE_OPACITY : 1; }
    });
    network.redraw();
  }

  // ---- labels that stay readable. vis-network draws a label at 14 px times the zoom (too small to read on a
  // fitted graph of a few hundred actors) and its arrowheads over the labels. So vis-network draws none under
  // LABEL_PX (the graph's options), and after each drawing the page writes the labels on top of everything, with
  // a background, at LABEL_PX or more: the selection's first, then the most central actors', each where its box
  // overlaps none already written (at a small zoom only the first LABEL_TRIES are tried: a 2,000-actor graph
  // stays quick)
  var LABEL_PX = 12, LABEL_TRIES = 400, LABEL_CUT = 20;
  var LABEL_FONT = 'system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif';
  var byCentrality = data.nodes.slice().sort(function (a, b) {
    return b.size - a.size || (a.kg.label < b.kg.label ? -1 : a.kg.label > b.kg.label ? 1 : 0);
  });
  var labelOrder = byCentrality;
  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]) { return true; }
    }
    return false;
  }
  network.on("afterDrawing", function (ctx) {
    var view = network.body.view, scale = view.scale, tr = view.translation, pr = network.canvas.pixelRatio || 1;
    var w = container.clientWidth, h = container.clientHeight, natural = 14 * scale, px = Math.max(natural, LABEL_PX);
    var small = natural < LABEL_PX, placed = [], drawn = [], tries = 0;
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.font = px.toFixed(1) + "px " + LABEL_FONT;
    ctx.textBaseline = "top";
    for (var i = 0; i < labelOrder.length && (!small || tries < LABEL_TRIES); i++) {
      var n = labelOrder[i], b = network.body.nodes[n.id];
      if (!b || n.hidden || state.dimmed[n.id]) { continue; }
      var x = b.x * scale + tr.x, y = (b.y + b.options.size) * scale + tr.y + 1;  // under the dot, as vis-network
      if (x < -200 || x > w + 200 || y < -40 || y > h + 10) { continue; }
      tries++;
      var text = small ? cut(n.kg.label, LABEL_CUT) : n.label, tw = ctx.measureText(text).width;
      var box = [x - tw / 2 - 3, y, tw + 6, px + 4];
      if (overlaps(box, placed)) { continue; }
      placed.push(box);
      ctx.fillStyle = "rgba(255,255,255,0.88)";
      ctx.fillRect(box[0], box[1], box[2], box[3]);
      ctx.fillStyle = FONT;
      ctx.fillText(text, x - tw / 2, y + 2);
      drawn.push({id: n.id, text: text, px: px, box: box});
    }
    ctx.restore();
    state.labels = drawn;
  });

  // ---- hover and click name the same link: vis-network selects the link nearest the pointer, but its tooltip
  // shows the last link within 10 units of it (and keeps it while the pointer stays that near). Both tooltip
  // checks see a link under the pointer only when it is the one a click would select.
  (function () {
    var ih = network.interactionHandler, sh = network.selectionHandler, any = network.body.edges[keys(network.body.edges)[0]];
    if (!ih || !sh || !any || !ih._checkShowPopup || !ih._checkHidePopup) { return; }
    var proto = Object.getPrototypeOf(any), overlapping = proto.isOverlappingWith, only = null;
    proto.isOverlappingWith = function (obj) { return only === null ? overlapping.call(this, obj) : this === only; };
    function nearest(check) {
      return function (pointer) {
        only = sh.getNodeAt(pointer) === undefined ? sh.getEdgeAt(pointer) || null : null;
        try { return check.call(this, pointer); } finally { only = null; }
      };
    }
    ih._checkShowPopup = nearest(ih._checkShowPopup);
    ih._checkHidePopup = nearest(ih._checkHidePopup);
  })();

  // ---- the details panel
  var panel = $("details");
  function select(id, focusPanel) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    show({node: id});
    if (focusPanel) { var h = panel.querySelector("h2"); if (h) { h.focus(); } }
  }
  function actorLink(id) {
    var b = el("button", label(id), "link actor-link");
    b.type = "button";
    b.setAttribute("data-actor", id);
    if (byNode[id] && byNode[id].hidden) { b.title = t("hiddenByFilters"); }
    b.addEventListener("click", function (ev) { ev.preventDefault(); ev.stopPropagation(); select(id, true); });
    return b;
  }
  function links(box, ids) {
    ids.forEach(function (id, j) {
      if (j) { box.appendChild(document.createTextNode(t("nameSep"))); }
      box.appendChild(actorLink(id));
    });
  }
  function citation(i) {
    var f = facts[i], a = actorsOf(i), who = labels(a[0]), text;
    if (f.relation === "said") { text = t(f.direct ? "citeQuote" : "citeParaphrase", {who: who, text: f.text}); }
    else if (f.relation === "demands") {
      text = t(a[1].length ? "citeDemandOf" : "citeDemand", {who: who, whom: labels(a[1]), text: f.text});
    } else { text = t("citeMeeting", {who: who, text: f.text}); }
    var src = [sourceText(f), dateText(f), f.document ? t("document", {id: f.document}) : "", safeUrl(f.url) || ""];
    return text + " — " + src.filter(function (x) { return x; }).join(t("listSep"));
  }
  function announce(text) { $("announce").textContent = text; }
  function copy(text, button) {
    state.lastCopied = text;
    var before = button.textContent;
    function done(ok) {
      button.textContent = t(ok ? "copied" : "copyFailed");
      announce(t(ok ? "announceCopied" : "announceCopyFailed"));
      setTimeout(function () { button.textContent = before; }, 2000);
    }
    function fallback() {
      var t = el("textarea");
      t.value = text;
      t.setAttribute("readonly", "");
      t.style.position = "fixed"; t.style.top = "0"; t.style.opacity = "0";
      document.body.appendChild(t);
      t.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(t);
      button.focus();
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else { fallback(); }
  }
  function factItem(i) {
    var f = facts[i], li = el("li"), a = actorsOf(i);
    li.setAttribute("data-fact", String(i));
    var who = el("div", null, "who");
    who.appendChild(el("span", REL[f.relation], "rel"));
    links(who, a[0]);
    if (a[1].length) {
      who.appendChild(document.createTextNode(f.relation === "said" ? t("names") : " → "));
      links(who, a[1]);
    }
    li.appendChild(who);
    li.appendChild(el("div", factText(f), f.relation === "said" && !f.direct ? "fact paraphrase" : "fact"));
    if (f.sentence) {  // the evidence sentence, with the sentences around it (when the page was given them)
      var q = el("blockquote", null, "evidence");
      if (f.before) { q.appendChild(el("span", f.before, "around before")); q.appendChild(document.createTextNode(" ")); }
      q.appendChild(el("span", f.sentence, "sentence"));
      if (f.after) { q.appendChild(document.createTextNode(" ")); q.appendChild(el("span", f.after, "around after")); }
      li.appendChild(q);
    }
    var meta = [dateText(f), sourceText(f), f.document ? t("document", {id: f.document}) : "",
                f.confidence !== null ? t("confidenceValue", {v: f.confidence.toFixed(2)}) : ""];
    li.appendChild(el("div", meta.filter(function (x) { return x; }).join(" · "), "meta"));
    var actions = el("div", null, "actions"), url = safeUrl(f.url);
    if (url) {
      var link = el("a", t("openArticle"));
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      actions.appendChild(link);
    }
    var b = el("button", t("copyCitation"));
    b.type = "button";
    b.addEventListener("click", function () { copy(citation(i), b); });
    actions.appendChild(b);
    li.appendChild(actions);
    return li;
  }
  function factList(list) {
    var ol = el("ol");
    list.forEach(function (i) { ol.appendChild(factItem(i)); });
    return ol;
  }
  // one relation, one way: its facts grouped by counterpart, the biggest group first, each with its count
  function section(title, pairs, none) {
    if (!pairs.length) { return null; }
    var all = {}, shown = {}, groups = {}, order = [];
    pairs.forEach(function (p) {
      all[p[1]] = true;
      if (!visibleFact[p[1]]) { return; }
      shown[p[1]] = true;
      var key = p[0] || "";
      if (!groups[key]) { groups[key] = []; order.push(key); }
      if (groups[key].indexOf(p[1]) < 0) { groups[key].push(p[1]); }
    });
    var n = keys(shown).length, total = keys(all).length;
    var sec = el("section"), head = el("h3"), toggle = el("button", null, "section-toggle"), body = el("div");
    sec.setAttribute("data-section", title);
    // each section folds: a button in its heading (aria-expanded); on a phone they start folded, so the panel
    // is a short list of what there is; a section keeps how it was left while the same actor stays selected
    var folded = own(state.folded, title) ? state.folded[title] : phone.matches;
    toggle.type = "button";
    var chevron = el("span", null, "chevron");
    chevron.setAttribute("aria-hidden", "true");
    toggle.appendChild(chevron);
    toggle.appendChild(document.createTextNode(t("sectionCount", {title: title, n: n}) +
                                               (n < total ? t("sectionHidden", {total: total, hidden: total - n}) : "")));
    body.id = "section-" + (sectionIds++);
    toggle.setAttribute("aria-controls", body.id);
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    body.hidden = folded;
    toggle.addEventListener("click", function () {
      var fold = !body.hidden;
      body.hidden = fold;
      state.folded[title] = fold;
      toggle.setAttribute("aria-expanded", fold ? "false" : "true");
    });
    head.appendChild(toggle);
    sec.appendChild(head);
    sec.appendChild(body);
    order.sort(function (x, y) {
      return (!x) - (!y) || groups[y].length - groups[x].length || (label(x) < label(y) ? -1 : label(x) > label(y) ? 1 : 0);
    });
    var open = n <= OPEN_GROUPS;
    order.forEach(function (key) {
      var d = el("details"), s = el("summary"), list = groups[key];
      if (key) { s.appendChild(actorLink(key)); } else { s.appendChild(el("span", none, "sub")); }
      s.appendChild(document.createTextNode(" (" + list.length + ")"));
      d.appendChild(s);
      if (open) { d.open = true; d.appendChild(factList(list)); }
      else {  // built when first opened: a hub's panel would otherwise hold thousands of items
        d.addEventListener("toggle", function () {
          if (d.open && d.childNodes.length === 1) { d.appendChild(factList(list)); }
        });
      }
      body.appendChild(d);
    });
    return sec;
  }
  function pairsOf(list, others, self) {  // [counterpart or null, fact] for each fact of the actor's own
    var out = [];
    list.forEach(function (i) {
      var cs = (others[i] || []).filter(function (c) { return c !== self; });
      if (!cs.length) { out.push([null, i]); }
      cs.forEach(function (c) { out.push([c, i]); });
    });
    return out;
  }
  function incoming(n, relation) {  // [who, fact] for each fact of another actor about or to this one
    var out = [];
    n.inc.forEach(function (e) {
      if (e.kg.relation === relation) { e.kg.facts.forEach(function (i) { out.push([e.from, i]); }); }
    });
    return out;
  }
  var phone = window.matchMedia("(max-width: 700px)"), sectionIds = 0;
  function show(sel, quiet) {
    var same = state.selected && sel && state.selected.node === sel.node && state.selected.edge === sel.edge;
    if (!same) { state.folded = {}; }
    state.selected = sel;
    clear(panel);
    if (sel.node) {
      var n = byNode[sel.node], k = n.kg;
      var h = el("h2", k.label);
      h.tabIndex = -1;
      panel.appendChild(h);
      var sub = [TYPE[k.type] || k.type].concat(k.aliases.length ? [t("aliases", {list: k.aliases.join(t("listSep"))})] : []);
      if (k.community !== null) { sub.push(t("community", {n: k.community + 1})); }
      panel.appendChild(el("p", sub.join(" · "), "sub"));
      [
        [t("secSaid"), pairsOf(k.claims, mentions, n.id), t("namesNone")],
        [t("secNamedBy"), incoming(n, "speaks about"), ""],
        [t("secDemanded"), pairsOf(k.demands, addressees, n.id), t("noCounterpart")],
        [t("secDemandedOf"), incoming(n, "demands"), ""],
        [t("secMet"), pairsOf(k.meetings, participants, n.id), t("noCounterpart")]
      ].forEach(function (g) {
        var sec = section(g[0], g[1], g[2]);
        if (sec) { panel.appendChild(sec); }
      });
    } else if (sel.edge) {
      var e = byEdge[sel.edge], head = el("h2");
      head.tabIndex = -1;
      head.appendChild(actorLink(e.from));
      head.appendChild(document.createTextNode(e.kg.relation === "met" ? " — " : " → "));
      head.appendChild(actorLink(e.to));
      head.appendChild(document.createTextNode(": " + KIND[e.kg.relation]));
      panel.appendChild(head);
      var shown = e.kg.facts.filter(function (i) { return visibleFact[i]; });
      var hidden = e.kg.facts.length - shown.length;
      panel.appendChild(el("h3", t("edgeFacts", {n: shown.length}) + (hidden ? t("edgeHidden", {n: hidden}) : "")));
      panel.appendChild(factList(shown));
    }
    dim(sel);
    if (!quiet) { remember(); }
  }
  if (data.madeWith) {  // filters of the command line that made this page: it holds only what they let through
    $("made-with").textContent = t("madeWith", {made: data.madeWith});
    $("made-with").hidden = false;
  }
  var HINT = panel.textContent;  // the page's first words in the panel
  function unselect() {  // nothing selected: the panel says what to do
    state.selected = null;
    network.unselectAll();
    clear(panel);
    panel.appendChild(el("p", HINT, "sub"));
    dim(null);
    remember();
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show({node: params.nodes[0]}); }
    else if (params.edges.length) { show({edge: params.edges[0]}); }
    else { unselect(); }  // a click on the empty canvas closes what was shown
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.selected) { unselect(); }
  });

  // ---- fit and reset
  function fit() { network.fit({animation: false}); }
  // the controls as the page opened: a page made with command-line filters starts from them
  function setControls() {
    var made = data.made || {since: "", until: "", relations: ["said", "demands", "met"], coarse: false};
    ["said", "demands", "met"].forEach(function (r) {
      state.relations[r] = made.relations.indexOf(r) >= 0;
      $("rel-" + r).checked = state.relations[r];
    });
    $("since").value = state.since = made.since;
    $("until").value = state.until = made.until;
    $("coarse").checked = state.keepCoarse = !!made.coarse;
  }
  function resetAll() {
    setControls();
    $("confidence").value = "0";
    state.minConfidence = 0;
    $("confidence-value").textContent = "0.00";
    $("min-degree").value = "0";
    state.minDegree = 0;
    $("search").value = "";
    search("");
    unselect();
    applyFilters();
    fit();
  }
  $("fit").addEventListener("click", fit);
  $("reset").addEventListener("click", resetAll);

  // ---- the table of the visible facts: the same data as data, and the way to it without the canvas
  var COLUMNS = ["relation", "actors", "counterparts", "text", "form", "date", "date_precision", "source", "outlet",
                 "document", "url", "confidence", "sentence", "sentence_before", "sentence_after"
  ].map(function (k) { return [k, t("col." + k)]; });
  function record(i) {
    var f = facts[i], a = actorsOf(i);
    return {
      relation: f.relation, actors: labels(a[0]), counterparts: labels(a[1]), text: f.text,
      form: f.relation === "said" ? (f.direct ? "quote" : "paraphrase") : "", date: f.date,
      date_precision: f.precision, source: f.source, outlet: f.outlet, document: f.document || "",
      url: safeUrl(f.url) || "", confidence: f.confidence, sentence: f.sentence,
      sentence_before: f.before || "", sentence_after: f.after || ""
    };
  }
  function tableRows() {
    var rows = [];
    visibleFact.forEach(function (v, i) { if (v) { rows.push(record(i)); } });
    var key = state.sort.key;
    if (key) {
      rows.sort(function (x, y) {
        var a = x[key], b = y[key];
        if (a === null || a === "") { return 1; }
        if (b === null || b === "") { return -1; }
        var c = a < b ? -1 : a > b ? 1 : 0;
        return state.sort.down ? -c : c;
      });
    }
    return rows;
  }
  function shown(row, key) {
    var v = row[key];
    if (key === "relation") { return REL[v]; }
    if (key === "form") { return v === "quote" ? t("formQuote") : v === "paraphrase" ? t("formParaphrase") : ""; }
    if (key === "date_precision") { return PRECISION[v] || ""; }
    if (key === "confidence") { return v === null ? "" : v.toFixed(2); }
    return v;
  }
  function renderTable() {
    var head = $("table-head"), body = $("table-body"), rows = tableRows();
    clear(head); clear(body);
    COLUMNS.forEach(function (c) {
      var th = el("th"), b = el("button", c[1]);
      th.scope = "col";
      b.type = "button";
      if (state.sort.key === c[0]) { th.setAttribute("aria-sort", state.sort.down ? "descending" : "ascending"); }
      b.addEventListener("click", function () {
        state.sort = {key: c[0], down: state.sort.key === c[0] && !state.sort.down};
        renderTable();
      });
      th.appendChild(b);
      head.appendChild(th);
    });
    state.tableShown = 0;
    var more = $("table-more");
    function page() {  // a few hundred rows at a time: laying out thousands of rows takes seconds
      var frag = document.createDocumentFragment();
      rows.slice(state.tableShown, state.tableShown + TABLE_ROWS).forEach(function (row) {
        var tr = el("tr");
        COLUMNS.forEach(function (c) { tr.appendChild(el("td", shown(row, c[0]), c[0] === "text" ? "text" : "")); });
        frag.appendChild(tr);
      });
      body.appendChild(frag);
      state.tableShown = Math.min(rows.length, state.tableShown + TABLE_ROWS);
      $("table-count").textContent = t("tableCount", {n: rows.length, part: state.tableShown < rows.length ?
        t("tablePart", {shown: state.tableShown}) : ""});
      more.hidden = state.tableShown >= rows.length;
    }
    more.onclick = page;
    page();
  }
  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }  // a spreadsheet would run it as a formula
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function csv() {
    var lines = [COLUMNS.map(function (c) { return c[0]; }).join(",")];
    tableRows().forEach(function (row) {
      lines.push(COLUMNS.map(function (c) { return csvCell(row[c[0]]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function download(name, text, type) {
    var blob = text instanceof Blob ? text : new Blob([text], {type: type});
    var a = el("a"), url = URL.createObjectURL(blob);
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    announce(t("downloaded", {name: name}));
  }
  $("download-csv").addEventListener("click", function () {
    download("kg-facts.csv", "\ufeff" + csv(), "text/csv;charset=utf-8");  // the BOM tells Excel it is UTF-8
  });
  // the canvas as drawn (filters, dimming, labels), on white: the canvas itself is transparent
  function png(done) {
    var src = container.querySelector("canvas"), c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    var g = c.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, c.width, c.height);
    g.drawImage(src, 0, 0);
    c.toBlob(done, "image/png");
  }
  $("download-png").addEventListener("click", function () {
    png(function (blob) { if (blob) { download("kg-network.png", blob); } });
  });
  $("download-json").addEventListener("click", function () {
    download("kg-facts.json", JSON.stringify(tableRows(), null, 1), "application/json");
  });
  function showTable(on) {
    state.table = on;
    $("table-view").hidden = !on;
    $("table-toggle").setAttribute("aria-pressed", on ? "true" : "false");
    $("table-toggle").textContent = t(on ? "backToGraph" : "table");
    if (on) { renderTable(); }
    remember();
  }
  $("table-toggle").addEventListener("click", function () { showTable(!state.table); });

  // ---- the view in the URL's hash: Back steps back through views, and a copied address opens the same view.
  // Only what differs from how the page opens is written; what is read is checked against what the page has
  // (known relations, real dates, a number in range, an actor or link of this page) and anything else is dropped.
  var restoring = false, lastSlide = 0;
  function own(map, k) { return Object.prototype.hasOwnProperty.call(map, k); }
  function made() { return data.made || {since: "", until: "", relations: ["said", "demands", "met"], coarse: false}; }
  function viewHash() {
    var m = made(), p = new URLSearchParams();
    var rels = ["said", "demands", "met"].filter(function (r) { return state.relations[r]; });
    var was = ["said", "demands", "met"].filter(function (r) { return m.relations.indexOf(r) >= 0; });
    if (rels.join(",") !== was.join(",")) { p.set("rel", rels.join(",") || "none"); }
    if (state.since !== m.since) { p.set("since", state.since); }
    if (state.until !== m.until) { p.set("until", state.until); }
    if (state.keepCoarse !== !!m.coarse) { p.set("coarse", state.keepCoarse ? "1" : "0"); }
    if (state.minConfidence) { p.set("conf", state.minConfidence.toFixed(2)); }
    if (state.minDegree) { p.set("deg", String(state.minDegree)); }
    if (state.colourBy !== data.colourBy) { p.set("colour", state.colourBy); }
    // an actor by its IRI, a link by its key (from, relation, to): another build of the same graph opens them too
    if (state.selected) {
      p.set("sel", state.selected.node ? "n:" + state.selected.node : "e:" + byEdge[state.selected.edge].kg.key);
    }
    if (state.table) { p.set("view", "table"); }
    return p.toString();
  }
  function remember(sliding) {
    if (restoring || !state.started) { return; }
    var h = viewHash();
    if (location.hash.replace(/^#/, "") === h) { return; }
    var now = Date.now(), replace = sliding && now - lastSlide < 1500;  // one slider drag is one step back
    lastSlide = sliding ? now : 0;
    try {
      history[replace ? "replaceState" : "pushState"](null, "", h ? "#" + h : location.href.split("#")[0]);
    } catch (e) { /* a browser that refuses: the view just is not kept */ }
    state.hash = h;
  }
  function readHash() {
    var h = location.hash.replace(/^#/, ""), p;
    if (state.started && h === state.hash) { return; }
    try { p = new URLSearchParams(h); } catch (e) { p = new URLSearchParams(""); }
    var m = made();
    restoring = true;
    try {
      var rel = p.get("rel"), rels = m.relations;
      if (rel !== null) { rels = rel.split(","); }
      ["said", "demands", "met"].forEach(function (r) {
        state.relations[r] = rels.indexOf(r) >= 0;
        $("rel-" + r).checked = state.relations[r];
      });
      ["since", "until"].forEach(function (k) {
        var v = p.has(k) ? p.get(k) : m[k];
        $(k).value = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "";  // the date box itself refuses a day that is none
        state[k] = $(k).value;
      });
      var coarse = p.get("coarse");
      state.keepCoarse = coarse === "1" ? true : coarse === "0" ? false : !!m.coarse;
      $("coarse").checked = state.keepCoarse;
      var c = parseFloat(p.get("conf"));
      c = c >= 0 && c <= 1 ? Math.round(c * 20) / 20 : 0;
      state.minConfidence = c;
      $("confidence").value = String(c);
      $("confidence-value").textContent = c.toFixed(2);
      var deg = parseInt(p.get("deg"), 10);
      state.minDegree = deg >= 0 && deg <= 99 ? deg : 0;
      if ($("min-degree")) { $("min-degree").value = String(state.minDegree); }
      var colourBy = p.get("colour");
      colourBy = (colourBy === "type" || colourBy === "community") && data.legend.communities.length ? colourBy :
        data.colourBy;
      if (colourBy !== state.colourBy) { $("colour-by-select").value = colourBy; setColourBy(colourBy); }
      var sel = p.get("sel") || "", id = sel.slice(2);
      state.selected = null;
      applyFilters();
      if (sel.slice(0, 2) === "n:" && own(byNode, id)) { select(id, false); }
      else if (sel.slice(0, 2) === "e:" && own(byKey, id)) {
        network.selectEdges([byKey[id].id]);
        show({edge: byKey[id].id});
      }
      else { unselect(); }
      showTable(p.get("view") === "table");
    } finally {
      restoring = false;
    }
    state.hash = h;
    state.started = true;
  }

  // ---- search by label and alias
  var results = $("results");
  function search(q) {
    var key = norm(q);
    clear(results);
    state.results = [];
    state.firstHit = null;
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
      var n = h[2], b = el("button", n.kg.label + (n.hidden ? t("hiddenHit") : ""));
      b.type = "button";
      b.addEventListener("click", function () { select(n.id, true); });
      var li = el("li"); li.appendChild(b); results.appendChild(li);
      state.results.push(n.kg.label);
    });
    if (!hits.length) { results.appendChild(el("li", t("noHits"), "sub")); }
    else if (hits.length > 30) { results.appendChild(el("li", t("moreHits", {n: hits.length - 30}), "sub")); }
    announce(hits.length ? t("hitCount", {n: hits.length}) : t("noHits"));
    state.firstHit = hits.length ? hits[0][2].id : null;
    return state.results;
  }
  $("search").addEventListener("input", function (ev) { search(ev.target.value); });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && state.firstHit) { ev.preventDefault(); select(state.firstHit, false); }
  });

  // ---- a handle for tests and for the curious
  function ids(set) {
    return set.get({filter: function (x) { return !x.hidden; }}).map(function (x) { return x.id; });
  }
  window.kgState = {
    state: state, network: network, nodes: nodes, edges: edges, data: data,
    visibleEdges: function () { return ids(edges); },
    visibleNodes: function () { return ids(nodes); },
    dimmedNodes: function () { return keys(state.dimmed); },
    dimmedEdges: function () { return data.edges.filter(function (e) { return e.dimmed; }).map(function (e) { return e.id; }); },
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
    labels: function () { return state.labels || []; },
    edgeAt: function (p) {  // the link a click at p (page coordinates) selects, or null
      var r = container.getBoundingClientRect(), q = {x: p.x - r.left, y: p.y - r.top};
      return network.getNodeAt(q) === undefined ? network.getEdgeAt(q) || null : null;
    },
    edgesNear: function (p) {  // the links within vis-network's 10 units of p
      var r = container.getBoundingClientRect(), c = network.DOMtoCanvas({x: p.x - r.left, y: p.y - r.top});
      return keys(network.body.edges).filter(function (id) {
        var e = network.body.edges[id];
        return e.connected && network.body.edgeIndices.indexOf(id) >= 0 &&
          e.edgeType.getDistanceToEdge(e.from.x, e.from.y, e.to.x, e.to.y, c.x, c.y) < 10;
      });
    },
    tooltipEdge: function () {
      var ih = network.interactionHandler;
      return ih.popup && ih.popup.hidden === false && ih.popupObj ? ih.popupObj.id : null;
    },
    search: search, show: show, select: select, applyFilters: applyFilters, citation: citation,
    tableRows: tableRows, csv: csv, showTable: showTable,
    copied: {norm: norm, width: width, verdict: verdict}  // the functions copied from kg.viz, for the tests
  };
  setControls();
  readHash();
  window.addEventListener("popstate", readHash);  // Back and Forward
  window.addEventListener("hashchange", readHash);  // an address typed or pasted
})();
