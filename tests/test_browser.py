"""kg.viz pages in a real browser: Debian's headless Chromium driven by playwright (no browser download).

One browser for the module; every page gets a fresh context that records each request and aborts any
outside ``file://``, so a test can neither reach the network nor miss that the page tried to.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import random
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kg import viz
from kg.graph import build_graph
from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (system-packages.txt)"),
]
sync_api = pytest.importorskip("playwright.sync_api")

PUTIN = ActorRef("プーチン大統領", "ウラジーミル・プーチン", "Person")
XI = ActorRef("習主席", "習近平", "Person")
US = ActorRef("米国", "アメリカ合衆国", "State")
UN = ActorRef("国連", "国際連合", "Organization")
SENTENCE = "プーチン大統領は米国に制裁の解除を求めた。"

# each payload, if it ever ran, would set window.__xss or open a dialog
XSS_NAME = '<img src=x onerror="window.__xss=1">"><svg onload=alert(1)>'
XSS_QUOTE = "</script><script>window.__xss=2</script>を許さない"
XSS_SENTENCE = f"悪意ある人物は「{XSS_QUOTE}」と述べ、'\"><img src=x onerror=window.__xss=3>とも言った。"
XSS_TITLE = "<script>window.__xss=4</script>タイトル"
XSS_OUTLET = "<b onmouseover=window.__xss=5>通信</b>"
XSS_URL = "javascript:window.__xss=6"  # an address that is not http(s) never becomes a link
URL = "https://example.org/news/1?a=1&b=\"<x>"
EVIL = ActorRef(XSS_NAME, XSS_NAME, "Person")


def ev(sentence: str, start: int = 0) -> Evidence:
    return Evidence(sentence, start, start + len(sentence), "test.v1")


def small_graph() -> Graph:
    a1 = Article("d1", "…", "a.txt", dt.date(2024, 3, 1), "制裁をめぐる記事", outlet="共同通信", url=URL)
    a2 = Article("d2", "…", "b.txt", dt.date(2024, 3, 2), "首脳会談", outlet="NHK")
    a3 = Article("d3", "…", "c.txt", dt.date(2024, 3, 3), XSS_TITLE, outlet=XSS_OUTLET, url=XSS_URL)
    a4 = Article("d4", "…", "d.txt", None, "年だけの記事", outlet="時事", year=2024)  # dated "2024" only
    return build_graph(
        [
            Extraction(
                a1,
                quotes=(
                    Quote(
                        PUTIN,
                        "米国は危険な道を歩んでいる",
                        ev("プーチン大統領は「米国は危険な道を歩んでいる」と述べた。"),
                    ),
                    Quote(UN, "停戦が必要だ", ev("国連は停戦が必要だとの考えを示した。", 200), direct=False),
                ),
                demands=(
                    Demand(PUTIN, "制裁の解除", ev(SENTENCE, 100), addressee=US, confidence=0.9),
                    Demand(UN, "停戦", ev("国連は停戦を求めた。", 160), confidence=0.5),
                ),
            ),
            Extraction(
                a2,
                meetings=(
                    Meeting(
                        "首脳会談",
                        ev("習近平国家主席とプーチン大統領が会談した。"),
                        date=a2.date,
                        participants=(XI, PUTIN),
                    ),
                ),
            ),
            Extraction(
                a3,
                quotes=(Quote(EVIL, XSS_QUOTE, ev(XSS_SENTENCE, 10)),),
                demands=(Demand(EVIL, XSS_QUOTE, ev(XSS_SENTENCE, 10), addressee=UN),),
                meetings=(Meeting("会談", ev(XSS_SENTENCE, 10), date=a3.date, participants=(EVIL, XI)),),
            ),
            Extraction(
                a4,
                demands=(Demand(US, "対話の再開", ev("米国はプーチン大統領に対話の再開を求めた。"), addressee=PUTIN,
                                confidence=0.6),),
            ),
        ]
    )


def synthetic_graph(n: int = 2000, documents: int = 1000, seed: int = 1) -> Graph:
    """About ``n`` actors and 5 facts (2 claims naming another actor, 2 demands, 1 meeting) a document."""
    rnd = random.Random(seed)
    types = ("Person", "State", "Organization")
    actors = [ActorRef(f"人物{i}", f"人物{i}号", types[i % 3]) for i in range(n)]
    out = []
    for d in range(documents):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=d % 365)
        quotes, demands = [], []
        for k in range(2):
            a, b = rnd.choice(actors), rnd.choice(actors)
            s = f"{a.label}は「{b.label}は間違っている」と述べた。"
            quotes.append(Quote(a, f"{b.label}は間違っている", ev(s, 50 * k), confidence=rnd.choice((0.5, 0.7, 0.85))))
            demands.append(
                Demand(a, f"措置{d}-{k}", ev(f"{a.label}は{b.label}に措置を求めた。", 200 + 50 * k), addressee=b)
            )
        meeting = Meeting("会談", ev("両者が会談した。", 400), date=day, participants=tuple(rnd.sample(actors, 2)))
        art = Article(f"doc{d}", "…", "s.txt", day, f"記事{d}", outlet="通信")
        out.append(Extraction(art, quotes=tuple(quotes), demands=tuple(demands), meetings=(meeting,)))
    return build_graph(out)


# ---- browser plumbing ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page with everything it asked for, the dialogs it opened and the errors it logged."""

    def __init__(self, browser, path: Path, *, timeout: float = 60_000) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri())
        # the page marks <body data-ready> once the layout has settled and physics is off
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout)

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg: object = None):
        return self.page.evaluate(expression, arg)

    def details(self) -> str:
        return self.page.inner_text("#details")


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return viz.write_network(small_graph(), tmp_path_factory.mktemp("browser") / "small.html", title="小さな網")


@pytest.fixture()
def opened(browser, small_page: Path):
    o = Opened(browser, small_page)
    yield o
    o.context.close()


HINT = "主体かつながりをクリックすると"  # the panel's words when nothing is selected


def edge_id(o: Opened, heading: str) -> str:
    return o.js("h => window.kgState.data.edges.find(e => e.kg.heading === h).id", heading)


# ---- offline, drawn --------------------------------------------------------------------------


def test_loads_offline_and_draws(opened: Opened) -> None:
    assert opened.requests and all(u.startswith("file://") for u in opened.requests), opened.requests
    assert not opened.blocked and not opened.errors, (opened.blocked, opened.errors)
    png = opened.js("() => document.querySelector('#network canvas').toDataURL('image/png')")
    from PIL import Image

    img = Image.open(io.BytesIO(base64.b64decode(png.split(",", 1)[1]))).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20, "the canvas is blank"
    assert opened.js("() => window.kgState.network.physics.physicsEnabled") is False, "physics frozen after layout"


def test_layout_stays_still(opened: Opened) -> None:
    before = opened.js("() => window.kgState.network.getPositions()")
    opened.page.wait_for_timeout(300)
    assert opened.js("() => window.kgState.network.getPositions()") == before


# ---- search, filters, clicks -----------------------------------------------------------------


def test_search_finds_the_full_name_by_part_of_it(opened: Opened) -> None:
    opened.page.fill("#search", "プーチン")
    assert opened.page.inner_text("#results").splitlines()[0] == "ウラジーミル・プーチン"
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#details h2") == "ウラジーミル・プーチン"
    putin = opened.js("() => window.kgState.data.nodes.find(n => n.kg.label === 'ウラジーミル・プーチン').id")
    assert opened.js("() => window.kgState.network.getSelectedNodes()") == [putin]
    assert "米国は危険な道を歩んでいる" in opened.details() and "制裁の解除" in opened.details()


def test_a_paraphrase_is_never_shown_as_a_quote(opened: Opened) -> None:
    """kg:direct false: what was said in other words is marked 要旨, not wrapped in 「」 as if verbatim."""
    opened.page.fill("#search", "国際連合")
    opened.page.press("#search", "Enter")
    text = opened.details()
    assert "要旨: 停戦が必要だ" in text and "「停戦が必要だ」" not in text
    opened.page.fill("#search", "プーチン")
    opened.page.press("#search", "Enter")
    assert "「米国は危険な道を歩んでいる」" in opened.details()


def test_escape_and_a_click_on_the_empty_canvas_close_the_panel(opened: Opened) -> None:
    opened.page.fill("#search", "プーチン")
    opened.page.press("#search", "Enter")
    assert "米国は危険な道を歩んでいる" in opened.details()
    opened.page.keyboard.press("Escape")
    assert HINT in opened.details()
    assert opened.js("() => window.kgState.network.getSelectedNodes()") == []
    opened.page.fill("#search", "プーチン")
    opened.page.press("#search", "Enter")
    box = opened.page.locator("#network").bounding_box()
    opened.page.mouse.click(box["x"] + 3, box["y"] + 3)  # a corner: no actor, no link
    assert HINT in opened.details()


def test_search_by_alias_and_hiragana(opened: Opened) -> None:
    assert opened.js("q => window.kgState.search(q)", "国連") == ["国際連合"]
    assert opened.js("q => window.kgState.search(q)", "ぷーちん") == ["ウラジーミル・プーチン"]


def test_relation_filter_hides_edges(opened: Opened) -> None:
    demands = {edge_id(opened, "ウラジーミル・プーチン → アメリカ合衆国: demands")}
    everything = set(opened.js("() => window.kgState.visibleEdges()"))
    assert demands <= everything
    opened.page.uncheck("#rel-demands")
    shown = set(opened.js("() => window.kgState.visibleEdges()"))
    assert shown and not shown & demands and shown < everything
    assert opened.js("id => window.kgState.edges.get(id).hidden", next(iter(demands))) is True
    opened.page.check("#rel-demands")
    assert set(opened.js("() => window.kgState.visibleEdges()")) == everything


def test_date_and_confidence_filters(opened: Opened) -> None:
    everything = set(opened.js("() => window.kgState.visibleNodes()"))
    opened.page.fill("#since", "2024-03-02")
    opened.page.fill("#until", "2024-03-02")
    opened.page.dispatch_event("#until", "change")
    labels = opened.js(
        "ids => ids.map(id => window.kgState.data.nodes.find(n => n.id === id).kg.label)",
        opened.js("() => window.kgState.visibleNodes()"),
    )
    assert sorted(labels) == ["ウラジーミル・プーチン", "習近平"], "only the meeting of 2 March"
    opened.page.fill("#since", "")
    opened.page.fill("#until", "")
    opened.page.dispatch_event("#until", "change")
    assert set(opened.js("() => window.kgState.visibleNodes()")) == everything
    opened.page.fill("#confidence", "0.85")
    shown = opened.js("() => window.kgState.visibleEdges()")
    assert shown == [edge_id(opened, "ウラジーミル・プーチン → アメリカ合衆国: demands")], "only the 0.9 demand"
    assert "国際連合" not in opened.js("() => window.kgState.visibleNodes()"), "停戦 has confidence 0.5"


def test_clicking_an_edge_shows_its_evidence(opened: Opened) -> None:
    eid = edge_id(opened, "ウラジーミル・プーチン → アメリカ合衆国: demands")
    point = opened.js("id => window.kgState.edgePoint(id)", eid)
    box = opened.page.locator("#network").bounding_box()
    at = {"x": point["x"] - box["x"], "y": point["y"] - box["y"]}
    assert opened.js("p => window.kgState.network.getEdgeAt(p)", at) == eid, "the midpoint is on the edge"
    opened.page.mouse.click(point["x"], point["y"])
    text = opened.details()
    assert "ウラジーミル・プーチン → アメリカ合衆国: 要求" in text
    assert SENTENCE in text and "制裁をめぐる記事" in text and "共同通信" in text and "2024-03-01" in text
    assert "信頼度 0.90" in text
    tooltip = opened.js("id => window.kgState.edges.get(id).title", eid)
    assert SENTENCE in tooltip and "共同通信" in tooltip, "the hover tooltip names the evidence too"


def test_colour_by_community_and_back(browser, tmp_path: Path) -> None:
    path = viz.write_network(small_graph(), tmp_path / "communities.html", colour_by_community=True)
    o = Opened(browser, path)
    try:
        putin = o.js("() => window.kgState.data.nodes.find(n => n.kg.label === 'ウラジーミル・プーチン').id")
        legend = o.page.inner_text("#legend")
        assert "人物" not in legend and "(" in legend, "communities, with their sizes"
        o.page.select_option("#colour-by-select", "type")
        assert o.js("id => window.kgState.nodes.get(id).color", putin) == viz.COLOURS["Person"]
        assert "人物" in o.page.inner_text("#legend")
        assert not o.errors
    finally:
        o.context.close()


# ---- untrusted text --------------------------------------------------------------------------


def test_xss_payloads_are_shown_as_text_and_never_run(opened: Opened) -> None:
    page = opened.page
    evil = opened.js("n => window.kgState.data.nodes.find(x => x.kg.label === n).id", XSS_NAME)
    # the node's panel (its name, claim, demand, meeting, source, outlet) and every edge's panel
    opened.js("id => window.kgState.show({node: id})", evil)
    text = opened.details()
    for payload in (XSS_NAME, XSS_QUOTE, XSS_SENTENCE, XSS_TITLE, XSS_OUTLET):
        assert payload in text, payload
    assert opened.js("() => document.querySelectorAll('#details a').length") == 0, "a javascript: address is no link"
    for eid in opened.js("() => window.kgState.data.edges.map(e => e.id)"):
        opened.js("id => window.kgState.show({edge: id})", eid)
    # the table and its downloads hold the payloads as text
    page.click("#table-toggle")
    table = page.inner_text("#fact-table")
    for payload in (XSS_NAME, XSS_QUOTE, XSS_TITLE, XSS_OUTLET):
        assert payload in table, payload
    assert XSS_URL not in table, "the table lists http(s) addresses only"
    assert XSS_QUOTE.replace('"', '""') in opened.js("() => window.kgState.csv()")
    page.click("#table-toggle")
    # the search results list the name
    page.fill("#search", "<img")
    assert page.inner_text("#results") == XSS_NAME
    # the hover tooltip shows it as text
    point = opened.js("id => window.kgState.nodePoint(id)", evil)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tip = page.locator("div.vis-tooltip")
    assert XSS_NAME in tip.inner_text()
    tags = opened.js("() => [...document.querySelector('div.vis-tooltip').children].map(c => c.tagName)")
    assert set(tags) <= {"BR"}, "innerText makes line breaks, nothing else"
    page.wait_for_timeout(100)
    assert opened.js("() => window.__xss") is None
    assert opened.js("() => document.querySelectorAll('img, svg, [onerror], [onload], [onmouseover]').length") == 0
    assert opened.js("() => document.scripts.length") == 3, "vis-network, the data, the page script"
    assert not opened.dialogs and not opened.blocked and not opened.errors, (opened.dialogs, opened.errors)
    # escaped exactly once: no entities, no \\u escapes in what the reader sees
    assert "&lt;" not in text and "&amp;" not in text and "\\u" not in text


# ---- a big graph -----------------------------------------------------------------------------


def test_a_2000_actor_graph_stays_usable(browser, tmp_path: Path) -> None:
    g = synthetic_graph()
    t0 = time.perf_counter()
    path = viz.write_network(g, tmp_path / "big.html", colour_by_community=True)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    o = Opened(browser, path, timeout=45_000)
    settled = time.perf_counter() - t0
    try:
        n = len(o.js("() => window.kgState.visibleNodes()"))
        assert n > 1800
        t0 = time.perf_counter()
        o.page.uncheck("#rel-said")
        o.page.fill("#confidence", "0.75")
        hits = o.js("q => window.kgState.search(q)", "人物42号")
        filtered = time.perf_counter() - t0
        assert hits[0] == "人物42号" and len(o.js("() => window.kgState.visibleEdges()")) < 4000
        # selecting an actor (its panel, and dimming the 2,000 others) and opening the table of every fact
        t0 = time.perf_counter()
        o.page.press("#search", "Enter")
        o.page.keyboard.press("Escape")
        o.page.click("#reset")
        o.page.click("#table-toggle")
        acted = time.perf_counter() - t0
        assert o.page.locator("#table-body tr").count() == 200
        assert "うち 200 件を表に表示" in o.page.inner_text("#table-count")
        o.page.click("#table-more")
        assert o.page.locator("#table-body tr").count() == 400
        assert len(o.js("() => window.kgState.csv()").splitlines()) > 1000
        assert not o.errors and not o.blocked
        # timings are reported, never asserted (a shared machine makes any bound flaky); speed is a benchmark's job
        print(
            f"\n2000-actor graph: page written in {built:.2f}s, settled in {settled:.2f}s, "
            f"filters + search in {filtered:.2f}s, select + unselect + table in {acted:.2f}s"
        )
    finally:
        o.context.close()


# ---- the actor panel: both directions, grouped, every name a link ------------------------------


def panel_of(o: Opened, name: str) -> None:
    o.page.fill("#search", name)
    o.page.press("#search", "Enter")


def sections(o: Opened) -> dict[str, list[str]]:
    """The panel's sections → their groups' summaries (a counterpart and its count)."""
    return o.js("""() => Object.fromEntries([...document.querySelectorAll('#details section')].map(s =>
        [s.dataset.section, [...s.querySelectorAll('summary')].map(x => x.innerText.trim())]))""")


def test_the_panel_lists_what_others_did_to_an_actor(opened: Opened) -> None:
    panel_of(opened, "アメリカ合衆国")
    got = sections(opened)
    # プーチン demanded of it and named it in a claim; it demanded of プーチン (a fact dated only by its year)
    assert got["要求された"] == ["ウラジーミル・プーチン (1)"]
    assert got["言及された"] == ["ウラジーミル・プーチン (1)"]
    assert got["要求した"] == ["ウラジーミル・プーチン (1)"]
    text = opened.details()
    assert "要求された 1 件" in text and "制裁の解除" in text and "「米国は危険な道を歩んでいる」" in text
    panel_of(opened, "プーチン")
    got = sections(opened)
    assert got["要求した"] == ["アメリカ合衆国 (1)"]
    assert got["要求された"] == ["アメリカ合衆国 (1)"] and got["会談"] == ["習近平 (1)"]
    assert got["発言した"] == ["アメリカ合衆国 (1)"], "a claim is grouped by the actor it names"
    # a meeting names its participants, each a link
    meeting = opened.page.locator("#details section[data-section=会談] li")
    assert sorted(meeting.locator("button.actor-link").all_inner_texts()) == ["ウラジーミル・プーチン", "習近平"]


def test_every_name_in_the_panel_is_a_focusable_link_that_selects_the_actor(opened: Opened) -> None:
    panel_of(opened, "プーチン")
    names = opened.js("""() => [...document.querySelectorAll('#details [data-actor]')].map(b =>
        [b.tagName, b.type, b.tabIndex, b.innerText])""")
    assert names and all(tag == "BUTTON" and kind == "button" and tab == 0 for tag, kind, tab, _ in names)
    # the keyboard way: Tab to the link, Enter selects that actor and moves the focus to its panel
    link = opened.page.locator("#details section[data-section=要求した] summary button.actor-link").first
    link.focus()
    opened.page.keyboard.press("Enter")
    assert opened.page.inner_text("#details h2") == "アメリカ合衆国"
    us = opened.js("() => window.kgState.data.nodes.find(n => n.kg.label === 'アメリカ合衆国').id")
    assert opened.js("() => window.kgState.network.getSelectedNodes()") == [us]
    assert opened.js("() => document.activeElement.tagName") == "H2"
    # a link's panel names both ends as links too
    eid = edge_id(opened, "ウラジーミル・プーチン → アメリカ合衆国: demands")
    opened.js("id => window.kgState.show({edge: id})", eid)
    assert opened.page.locator("#details h2 button.actor-link").all_inner_texts() == [
        "ウラジーミル・プーチン", "アメリカ合衆国"]


def test_the_panel_is_reachable_with_the_tab_key(opened: Opened) -> None:
    """From the search box, Tab walks through the hits and into the panel: its names, the article link, the
    copy button, without a mouse."""
    panel_of(opened, "プーチン")
    opened.page.focus("#search")
    seen = []
    for _ in range(12):
        opened.page.keyboard.press("Tab")
        seen.append(opened.js("() => [document.activeElement.tagName, document.activeElement.innerText || '']"))
    texts = [t for _, t in seen]
    assert "ウラジーミル・プーチン" in texts[0], "the search hit first"
    assert "アメリカ合衆国" in texts and "記事を開く" in texts and "引用をコピー" in texts, seen
    for _ in range(12):
        opened.page.keyboard.press("Shift+Tab")
        if opened.js("() => document.activeElement.innerText") == "アメリカ合衆国":
            break
    opened.page.keyboard.press("Enter")
    assert opened.page.inner_text("#details h2") == "アメリカ合衆国"


def test_a_selection_dims_what_lies_outside_its_neighbourhood(opened: Opened) -> None:
    label = "n => window.kgState.data.nodes.find(x => x.kg.label === n).id"
    us, putin = opened.js(label, "アメリカ合衆国"), opened.js(label, "ウラジーミル・プーチン")
    xi = opened.js(label, "習近平")
    pixel = """id => { const k = window.kgState, r = window.devicePixelRatio;
        const p = k.network.canvasToDOM(k.network.getPositions([id])[id]);
        return [...document.querySelector('#network canvas').getContext('2d')
            .getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data]; }"""
    assert opened.js(pixel, xi) == [0x4E, 0x79, 0xA7, 255], "drawn in its colour"
    panel_of(opened, "アメリカ合衆国")
    dimmed = set(opened.js("() => window.kgState.dimmedNodes()"))
    everyone = set(opened.js("() => window.kgState.data.nodes.map(n => n.id)"))
    assert dimmed == everyone - {us, putin}
    drawn = "id => [window.kgState.network.body.nodes[id].options.opacity,"\
        " window.kgState.network.body.nodes[id].labelModule.fontOptions.color]"
    assert opened.js(drawn, opened.js(label, "習近平")) == [0.22, "#c4c4c4"], "what vis-network draws it with"
    assert opened.js(drawn, putin)[0] == 1
    assert opened.js(pixel, xi)[3] < 100, "drawn faded (the canvas is transparent: the page shows through)"
    lit = set(opened.js("() => window.kgState.data.edges.map(e => e.id)")) - set(
        opened.js("() => window.kgState.dimmedEdges()"))
    assert {opened.js("id => window.kgState.data.edges.find(e => e.id === id).kg.heading", e) for e in lit} == {
        "ウラジーミル・プーチン → アメリカ合衆国: demands", "ウラジーミル・プーチン → アメリカ合衆国: speaks about",
        "アメリカ合衆国 → ウラジーミル・プーチン: demands"}
    opened.page.keyboard.press("Escape")
    assert opened.js("() => window.kgState.dimmedNodes()") == []
    assert opened.js("() => window.kgState.dimmedEdges()") == []
    assert opened.js("id => window.kgState.nodes.get(id).color", us) == viz.COLOURS["State"]
    assert opened.js(drawn, opened.js(label, "習近平")) == [1, "#343434"]


# ---- each fact: its text, date and precision, source, address, document, confidence, citation --


def test_a_fact_says_where_it_comes_from_and_can_be_cited(opened: Opened) -> None:
    panel_of(opened, "プーチン")
    demand = opened.page.locator("#details li", has_text="制裁の解除")
    text = demand.inner_text()
    for part in ("2024-03-01", "『制裁をめぐる記事』 共同通信", "文書 d1", "信頼度 0.90", SENTENCE):
        assert part in text, part
    link = demand.locator("a")
    assert link.inner_text() == "記事を開く" and link.get_attribute("href") == "https://example.org/news/1?a=1&b=%22%3Cx%3E"
    assert link.get_attribute("rel") == "noopener noreferrer"
    demand.locator("button", has_text="引用をコピー").click()
    copied = opened.js("() => window.kgState.state.lastCopied")
    assert copied.startswith("ウラジーミル・プーチンがアメリカ合衆国に要求: 制裁の解除 — ")
    assert "『制裁をめぐる記事』 共同通信" in copied and "文書 d1" in copied and "https://example.org/news/1" in copied
    opened.page.wait_for_function("() => document.getElementById('announce').textContent.includes('引用')")
    # a fact dated only by its year says so; a paraphrase is cited as one
    asked = opened.page.locator("#details li", has_text="対話の再開")
    assert "2024（年のみ）" in asked.inner_text() and not asked.locator("a").count(), "no address, no link"
    panel_of(opened, "国際連合")
    said = opened.page.locator("#details li", has_text="停戦が必要だ")
    said.locator("button", has_text="引用をコピー").click()
    assert opened.js("() => window.kgState.state.lastCopied").startswith("国際連合（要旨）停戦が必要だ — ")


# ---- dates and their precision, empty results ------------------------------------------------


def visible_texts(o: Opened) -> set[str]:
    return set(o.js("() => window.kgState.tableRows().map(r => r.text)"))


def set_dates(o: Opened, since: str, until: str) -> None:
    o.page.fill("#since", since)
    o.page.fill("#until", until)
    o.page.dispatch_event("#until", "change")


def test_a_range_keeps_a_year_only_date_only_when_asked(opened: Opened) -> None:
    set_dates(opened, "2024-03-01", "2024-03-31")
    assert "対話の再開" not in visible_texts(opened), "dated only 2024: not known to be in March"
    note = opened.page.inner_text("#filter-note")
    assert "年・月だけで期間に収まるか分からない 1 件" in note
    opened.page.check("#coarse")
    assert "対話の再開" in visible_texts(opened)
    assert "期間と重なる 1 件を含めています" in opened.page.inner_text("#filter-note")
    opened.page.uncheck("#coarse")
    set_dates(opened, "2024-01-01", "2024-12-31")
    assert "対話の再開" in visible_texts(opened), "the whole year holds it"


def test_an_inverted_range_is_refused(opened: Opened) -> None:
    everything = visible_texts(opened)
    set_dates(opened, "2024-03-05", "2024-03-01")
    assert visible_texts(opened) == everything
    assert "開始日が終了日より後" in opened.page.inner_text("#filter-note")
    assert opened.page.get_attribute("#since", "aria-invalid") == "true"


def test_an_empty_canvas_says_why(opened: Opened) -> None:
    assert opened.page.locator("#empty").is_hidden()
    opened.page.fill("#confidence", "0.95")
    empty = opened.page.locator("#empty")
    assert empty.is_visible()
    assert "条件に合う事実はありません" in empty.inner_text() and "信頼度 0.95 未満" in empty.inner_text()
    assert opened.js("() => window.kgState.visibleNodes()") == []
    opened.page.fill("#confidence", "0")
    set_dates(opened, "2030-01-01", "2030-12-31")
    assert "期間外が" in empty.inner_text()
    opened.page.click("#reset")
    assert empty.is_hidden() and opened.page.input_value("#since") == ""


def test_fit_and_reset(opened: Opened) -> None:
    everything = set(opened.js("() => window.kgState.visibleNodes()"))
    opened.page.uncheck("#rel-said")
    opened.page.fill("#confidence", "0.8")
    panel_of(opened, "プーチン")
    opened.js("() => window.kgState.network.moveTo({scale: 4})")
    opened.page.click("#fit")
    assert opened.js("() => window.kgState.network.getScale()") < 4
    opened.page.click("#reset")
    assert set(opened.js("() => window.kgState.visibleNodes()")) == everything
    assert opened.page.is_checked("#rel-said") and opened.page.input_value("#confidence") == "0"
    assert HINT in opened.details() and opened.page.input_value("#search") == ""


# ---- the table and its downloads -------------------------------------------------------------


def test_the_table_lists_the_visible_facts_and_downloads_them(opened: Opened, tmp_path: Path) -> None:
    import csv
    import json

    page = opened.page
    page.uncheck("#rel-said")
    page.click("#table-toggle")
    assert page.get_attribute("#table-toggle", "aria-pressed") == "true"
    n = opened.js("() => window.kgState.state.shownFacts")
    rows = page.locator("#table-body tr")
    assert rows.count() == n == 6, "4 demands and 2 meetings: all but the claims"
    assert not page.locator("#table-body td", has_text="要旨").count()
    with page.expect_download() as info:
        page.click("#download-csv")
    path = tmp_path / "facts.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert len(table) == n and {r["relation"] for r in table} == {"demands", "met"}
    (row,) = [r for r in table if r["text"] == "制裁の解除"]
    assert row["actors"] == "ウラジーミル・プーチン" and row["counterparts"] == "アメリカ合衆国"
    assert row["url"] == "https://example.org/news/1?a=1&b=%22%3Cx%3E" and row["document"] == "d1"
    assert row["date_precision"] == "day" and row["confidence"] == "0.9"
    with page.expect_download() as info:
        page.click("#download-json")
    info.value.save_as(tmp_path / "facts.json")
    data = json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert [r["text"] for r in data] == [r["text"] for r in table]
    # sorting by a column
    page.click("#fact-table th button:text-is('日付')")
    dates = [r["date"] for r in opened.js("() => window.kgState.tableRows()")]
    assert dates == sorted(dates)
    assert not opened.blocked


def test_a_csv_cell_never_starts_a_formula(opened: Opened) -> None:
    assert opened.js("() => window.kgState.csv().split('\\r\\n')[0]").startswith("relation,actors,")
    opened.js("() => { const f = window.kgState.data.facts.find(f => f.text === '停戦'); f.text = '=1+2'; }")
    assert "\"'=1+2\"" in opened.js("() => window.kgState.csv()")


# ---- a page made with command-line filters ---------------------------------------------------


def test_a_page_made_with_filters_opens_with_them(browser, tmp_path: Path) -> None:
    path = viz.write_network(small_graph(), tmp_path / "made.html", since=dt.date(2024, 3, 1),
                             until=dt.date(2024, 3, 2), relations=["demands"])
    o = Opened(browser, path)
    try:
        assert "kg viz --since 2024-03-01 --until 2024-03-02 -r demands" in o.page.inner_text("#made-with")
        assert o.page.input_value("#since") == "2024-03-01" and o.page.input_value("#until") == "2024-03-02"
        assert not o.page.is_checked("#rel-said") and o.page.is_checked("#rel-demands")
        assert not o.page.is_checked("#rel-met") and not o.errors
    finally:
        o.context.close()


# ---- a phone, and accessibility --------------------------------------------------------------


PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def phone(browser, small_page: Path):
    """The small page on a 390×844 screen."""
    o = Opened(browser, small_page)
    o.page.set_viewport_size(PHONE)
    o.page.wait_for_timeout(200)
    yield o
    o.context.close()


def test_on_a_phone_the_graph_is_drawn_and_the_search_box_stays_reachable(phone: Opened) -> None:
    o = phone
    canvas = o.page.locator("#network canvas").bounding_box()
    assert canvas["width"] >= 300 and canvas["height"] >= 300, canvas
    assert o.page.locator("#search").bounding_box()["y"] < PHONE["height"], "the search box shows without scrolling"
    panel_of(o, "プーチン")
    o.js("() => window.scrollTo(0, document.body.scrollHeight)")
    o.page.wait_for_timeout(100)
    assert o.js("() => window.scrollY") > 0, "the panel is below the graph"
    box = o.page.locator("#search").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], "the search box stays on screen"
    assert o.js("() => document.documentElement.scrollWidth") <= PHONE["width"], "nothing runs off the side"


def test_on_a_phone_the_panel_sections_fold_and_open_from_the_keyboard(phone: Opened) -> None:
    o = phone
    panel_of(o, "プーチン")
    toggles = o.page.locator("#details section h3 button.section-toggle")
    assert toggles.count() >= 4
    assert set(toggles.evaluate_all("bs => bs.map(b => b.getAttribute('aria-expanded'))")) == {"false"}
    assert not o.page.locator("#details section li").first.is_visible(), "folded: no fact shows"
    assert any("要求した 1 件" in t for t in toggles.all_inner_texts()), "a folded section says how many"
    # Tab from the search box reaches a section's button; Enter opens it, and it says so
    o.page.focus("#search")
    for _ in range(6):
        o.page.keyboard.press("Tab")
        if o.js("() => document.activeElement.classList.contains('section-toggle')"):
            break
    first = o.js("() => document.activeElement.closest('section').dataset.section")
    o.page.keyboard.press("Enter")
    section = o.page.locator(f"#details section[data-section={first}]")
    assert section.locator("h3 button").get_attribute("aria-expanded") == "true"
    assert section.locator("li").first.is_visible()
    o.page.keyboard.press("Space")
    assert section.locator("h3 button").get_attribute("aria-expanded") == "false"
    # opened sections stay open when a filter redraws the panel; the search box stays on screen
    toggles.evaluate_all("bs => bs.forEach(b => b.click())")
    o.page.check("#coarse")
    assert set(toggles.evaluate_all("bs => bs.map(b => b.getAttribute('aria-expanded'))")) == {"true"}
    o.js("() => window.scrollTo(0, document.body.scrollHeight)")
    o.page.wait_for_timeout(100)
    box = o.page.locator("#search").bounding_box()
    assert o.js("() => window.scrollY") > 0 and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert not o.errors


def test_on_a_desktop_the_panel_sections_start_open_and_fold(opened: Opened) -> None:
    panel_of(opened, "プーチン")
    toggle = opened.page.locator("#details section[data-section=要求した] h3 button")
    assert toggle.get_attribute("aria-expanded") == "true" and "制裁の解除" in opened.details()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert opened.page.get_attribute(f"#{toggle.get_attribute('aria-controls')}", "hidden") is not None


def test_every_control_has_a_japanese_accessible_name(opened: Opened) -> None:
    panel_of(opened, "プーチン")
    unnamed = opened.js("""() => [...document.querySelectorAll('input, select, button, a, summary, [role=slider]')]
        .filter(e => {
        const label = e.getAttribute('aria-label') || (e.labels && [...e.labels].map(l => l.innerText).join(''))
            || e.innerText;
        return !(label || '').trim();
    }).map(e => e.outerHTML.slice(0, 80))""")
    assert not unnamed
    assert opened.js("() => document.documentElement.lang") == "ja"
    for name in ("#search", "#since", "#until", "#confidence"):
        label = opened.js("s => { const e = document.querySelector(s); return e.getAttribute('aria-label') ||"
                          " [...e.labels].map(l => l.innerText).join(''); }", name)
        assert any("\u3040" <= c <= "\u9fff" for c in label), (name, label)
    header = opened.page.inner_text("header")
    for english in ("show:", "said", "meetings", "confidence", "colour by", "Fit", "Reset"):
        assert english not in header, english
    assert opened.page.get_attribute("#counts", "aria-live") == "polite"
    opened.page.fill("#search", "プーチン")
    assert "検索結果 1 件" in opened.page.inner_text("#announce")


JAPANESE = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
CONTROL_TEXTS = """() => {
    const out = [], names = e => e.closest('.actor-link, #results') !== null;
    const own = e => [...e.childNodes].filter(n => n.nodeType === 3 || (n.nodeType === 1 && !names(n)))
        .map(n => n.textContent).join('');
    for (const e of document.querySelectorAll('button, label, summary, option, th, h3, a, #legend span, [role=group],'
            + ' #counts, #filter-note,'
            + ' #announce, #empty, #table-count, #made-with, #progress, #results li.sub')) {
        if (!names(e)) out.push(['text', e.id || e.tagName, own(e)]);
    }
    for (const e of document.querySelectorAll('[aria-label], [placeholder], [title], [aria-valuetext]')) {
        for (const a of ['aria-label', 'placeholder', 'aria-valuetext'])
            if (e.hasAttribute(a)) out.push([a, e.id || e.tagName, e.getAttribute(a)]);
        if (e.hasAttribute('title') && !e.classList.contains('actor-link')) out.push(['title', e.id, e.title]);
    }
    return out; }"""


def test_english_controls_by_a_flag(browser, tmp_path: Path) -> None:
    """kg viz --lang en: every control, its accessible name and every live-region message are English; the
    article text stays as it is."""
    import re

    o = Opened(browser, viz.write_network(small_graph(), tmp_path / "en.html", title="Small network", lang="en"))
    try:
        assert o.js("() => document.documentElement.lang") == "en"
        seen: list[list[str]] = []

        def look() -> None:
            seen.extend(o.js(CONTROL_TEXTS))

        look()
        assert o.details().strip() == "Click an actor or a link to list its facts."
        o.page.fill("#search", "プーチン")
        assert o.page.inner_text("#announce") == "1 found"
        o.page.press("#search", "Enter")
        look()
        assert "Demanded 1" in o.details() and "Asked by 1" in o.details()
        o.page.locator("#details button", has_text="Copy citation").first.click()
        o.page.wait_for_function("() => document.querySelector('#announce').textContent.includes('itation')")
        look()
        o.page.fill("#search", "誰もいない")
        look()
        set_dates(o, "2024-03-02", "2024-03-01")
        look()
        set_dates(o, "2024-03-01", "2024-03-31")
        assert "dated only by a year or month" in o.page.inner_text("#filter-note")
        look()
        o.page.fill("#confidence", "1")
        look()
        assert "No fact matches" in o.page.inner_text("#empty")
        o.page.click("#reset")
        o.page.click("#table-toggle")
        look()
        assert o.page.inner_text("#table-toggle") == "Back to the graph"
        e = edge_id(o, "ウラジーミル・プーチン → アメリカ合衆国: demands")
        o.js("id => window.kgState.show({edge: id})", e)
        look()
        with o.page.expect_download():
            o.page.click("#download-csv")
        assert o.page.inner_text("#announce") == "kg-facts.csv downloaded"
        look()
        japanese = [x for x in seen if re.search(JAPANESE, x[2])]
        assert not japanese, japanese[:10]
        assert len(seen) > 100
        # every control still has an accessible name
        unnamed = o.js("""() => [...document.querySelectorAll('input, select, button, a, summary, [role=slider]')]
            .filter(e => !((e.getAttribute('aria-label') || (e.labels && [...e.labels].map(l => l.innerText)
            .join('')) || e.innerText || '').trim())).map(e => e.outerHTML.slice(0, 80))""")
        assert not unnamed
        # the citation keeps the article's words
        assert "ウラジーミル・プーチン" in o.js("() => window.kgState.state.lastCopied")
        assert not o.errors
    finally:
        o.context.close()


def test_the_actor_count_names_those_only_addressed_or_named(browser, tmp_path: Path) -> None:
    """kg build counts the actors who said, demanded or met; the page also draws those only addressed or named
    in a claim, and says how many of each."""
    art = Article("d1", "…", "a.txt", dt.date(2024, 3, 1), "記事", outlet="共同通信")
    g = build_graph([Extraction(art, demands=(Demand(PUTIN, "制裁の解除", ev(SENTENCE), addressee=US),))])
    o = Opened(browser, viz.write_network(g, tmp_path / "count.html"))
    try:
        counts = o.page.inner_text("#counts")
        assert counts.startswith("主体 2（発言・要求・会談した 1、要求の相手や発言中の言及だけ 1）"), counts
    finally:
        o.context.close()


# ---- the sentences around the evidence, an empty page made by kg viz -----------------------------


def test_a_fact_shows_the_sentences_around_its_evidence(browser, tmp_path: Path) -> None:
    text = "会談は3時間続いた。" + SENTENCE + "米国は<b>応じない</b>考えだ。"
    art = Article("d1", text, "a.txt", dt.date(2024, 3, 1), "記事", outlet="共同通信")
    start = text.index(SENTENCE)
    g = build_graph([Extraction(art, demands=(Demand(PUTIN, "制裁の解除", ev(SENTENCE, start), addressee=US),))])
    o = Opened(browser, viz.write_network(g, tmp_path / "around.html", texts={"d1": text}))
    try:
        panel_of(o, "プーチン")
        quote = o.page.locator("#details blockquote.evidence")
        assert quote.locator(".around.before").inner_text() == "会談は3時間続いた。"
        assert quote.locator(".sentence").inner_text() == SENTENCE
        assert quote.locator(".around.after").inner_text() == "米国は<b>応じない</b>考えだ。", "as text"
        (row,) = o.js("() => window.kgState.tableRows()")
        assert row["sentence_before"] == "会談は3時間続いた。" and row["sentence_after"].startswith("米国は")
        assert "sentence_before" in o.js("() => window.kgState.csv().split('\\r\\n')[0]")
        assert not o.errors
    finally:
        o.context.close()
    # without --text: kg build stored them on the evidence
    o = Opened(browser, viz.write_network(g, tmp_path / "stored.html"))
    try:
        panel_of(o, "プーチン")
        quote = o.page.locator("#details blockquote.evidence")
        assert quote.locator(".around.before").inner_text() == "会談は3時間続いた。"
        assert quote.locator(".around.after").inner_text() == "米国は<b>応じない</b>考えだ。"
    finally:
        o.context.close()


def test_a_page_kg_viz_made_empty_says_why(browser, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    page, warning = viz.build_page(small_graph(), since=dt.date(2030, 1, 1))
    assert warning and "no fact is left by the filters" in warning
    path.write_text(page, encoding="utf-8")
    o = Opened(browser, path)
    try:
        empty = o.page.locator("#empty")
        assert empty.is_visible() and "kg viz の条件（--since 2030-01-01）に合う事実はありません" in empty.inner_text()
    finally:
        o.context.close()


# ---- the view in the address ----------------------------------------------------------------------


def hash_of(o: Opened) -> str:
    return o.js("() => decodeURIComponent(location.hash)")


def test_the_view_is_kept_in_the_address_and_back_steps_through_it(browser, small_page: Path) -> None:
    o = Opened(browser, small_page)
    try:
        putin = o.js("() => window.kgState.data.nodes.find(n => n.kg.label === 'ウラジーミル・プーチン').id")
        assert hash_of(o) == "", "the page as it opens has nothing to keep"
        o.page.uncheck("#rel-said")
        o.page.fill("#confidence", "0.5")
        panel_of(o, "プーチン")
        o.page.click("#table-toggle")
        h = hash_of(o)
        assert "rel=demands,met" in h and "conf=0.50" in h and f"sel=n:{putin}" in h and "view=table" in h, h
        url = o.page.url
        # the address opens the same view in another tab
        other = Opened(browser, small_page)
        try:
            other.page.goto(url)
            other.page.wait_for_selector("body[data-ready=true]", state="attached")
            assert not other.page.is_checked("#rel-said") and other.page.input_value("#confidence") == "0.5"
            assert other.page.inner_text("#details h2") == "ウラジーミル・プーチン"
            assert other.js("() => window.kgState.network.getSelectedNodes()") == [putin]
            assert other.page.is_visible("#table-view")
            assert other.js("() => window.kgState.state.shownFacts") == o.js("() => window.kgState.state.shownFacts")
            assert not other.errors
        finally:
            other.context.close()
        # Back: the table closes, then the selection goes, then the slider and the relation come back
        o.page.click("#table-toggle")
        panel_of(o, "習近平")
        o.page.go_back()
        assert o.page.inner_text("#details h2") == "ウラジーミル・プーチン"
        o.page.go_back()
        assert o.page.is_visible("#table-view")
        o.page.go_back()
        o.page.go_back()
        assert HINT in o.details() and o.page.input_value("#confidence") == "0.5", "one drag of the slider, one step"
        o.page.go_back()
        assert o.page.input_value("#confidence") == "0" and not o.page.is_checked("#rel-said")
        o.page.go_back()
        assert o.page.is_checked("#rel-said") and hash_of(o) == ""
        o.page.go_forward()
        assert not o.page.is_checked("#rel-said")
        assert not o.errors
    finally:
        o.context.close()


def test_a_hostile_address_is_read_as_data_and_never_run(browser, small_page: Path) -> None:
    o = Opened(browser, small_page)
    try:
        everything = o.js("() => window.kgState.state.shownFacts")
        bad = ("sel=n:__proto__&since=<img src=x onerror=window.__xss=1>&until=2024-13-45&rel=<script>,said"
               "&conf=1e9&deg=-3&colour=javascript:alert(1)&view=<b>")
        o.page.goto(small_page.as_uri() + "#" + bad)
        o.page.wait_for_timeout(100)
        assert o.page.input_value("#since") == "" and o.page.input_value("#until") == ""
        assert o.page.is_checked("#rel-said") and not o.page.is_checked("#rel-demands"), "only a relation it knows"
        assert o.page.input_value("#confidence") == "0" and HINT in o.details()
        assert o.page.is_hidden("#table-view")
        o.page.goto(small_page.as_uri() + "#sel=e:constructor")
        o.page.goto(small_page.as_uri() + "#sel=n:" + XSS_NAME)
        o.page.wait_for_timeout(100)
        assert HINT in o.details() and o.js("() => window.kgState.state.shownFacts") == everything
        assert o.js("() => window.__xss") is None and not o.dialogs and not o.errors, o.errors
        assert o.js("() => document.querySelectorAll('img, svg, [onerror]').length") == 0
    finally:
        o.context.close()


# ---- readable labels, arrowheads, hover and click ---------------------------------------------------


def canvas_pixels(o: Opened, box: list[float]) -> list[tuple[int, int, int, int]]:
    """The canvas's pixels inside ``box`` (x, y, w, h in CSS pixels of the graph's box)."""
    flat = o.js("""b => { const r = window.devicePixelRatio, c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(Math.round(b[0] * r), Math.round(b[1] * r),
            Math.max(1, Math.round(b[2] * r)), Math.max(1, Math.round(b[3] * r))).data;
        return Array.from(d); }""", box)
    return [tuple(flat[i : i + 4]) for i in range(0, len(flat), 4)]


def test_the_most_central_labels_are_readable_at_the_fitted_scale(browser, tmp_path: Path) -> None:
    path = viz.write_network(synthetic_graph(220, 150), tmp_path / "mid.html")
    o = Opened(browser, path)
    try:
        o.page.click("#fit")
        scale = o.js("() => window.kgState.network.getScale()")
        assert 14 * scale < 12, f"vis-network's own labels would be {14 * scale:.1f} px"
        labels = o.js("() => window.kgState.labels()")
        assert len(labels) >= 10 and all(x["px"] >= 12 for x in labels)
        sizes = o.js("() => Object.fromEntries(window.kgState.data.nodes.map(n => [n.id, n.size]))")
        top = max(sizes.values())
        assert any(sizes[x["id"]] == top for x in labels), "the most central actor is labelled"
        boxes = [x["box"] for x in labels]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3])
        pixels = canvas_pixels(o, labels[0]["box"])
        light = sum(1 for r, g, b, a in pixels if a > 200 and min(r, g, b) > 200)
        dark = sum(1 for r, g, b, a in pixels if a > 200 and max(r, g, b) < 120)
        assert light > len(pixels) / 3 and dark > 5, "dark text on a light background"
        # a selection labels its neighbourhood first; a dimmed actor gets no label drawn over the others
        putin = labels[-1]["id"]
        o.js("id => window.kgState.select(id, false)", putin)
        o.page.click("#fit")
        drawn = [x["id"] for x in o.js("() => window.kgState.labels()")]
        dimmed = set(o.js("() => window.kgState.dimmedNodes()"))
        assert drawn[0] == putin and not set(drawn) & dimmed
        assert not o.errors
    finally:
        o.context.close()


def test_arrowheads_never_cover_a_label(browser, tmp_path: Path) -> None:
    """Actors all round a hub demand of it: its label sits among the arrowheads, and is drawn over them."""
    art = Article("d1", "…", "a.txt", dt.date(2024, 3, 1), "記事")
    hub = ActorRef("中心国", "中心国", "State")
    demands = tuple(Demand(ActorRef(f"国{i}", f"周辺国{i}", "State"), f"措置{i}", ev(f"国{i}は求めた。", 20 * i),
                           addressee=hub) for i in range(16))
    o = Opened(browser, viz.write_network(build_graph([Extraction(art, demands=demands)]), tmp_path / "hub.html"))
    try:
        o.page.click("#fit")
        hub_id = o.js("() => window.kgState.data.nodes.find(n => n.kg.label === '中心国').id")
        (label,) = [x for x in o.js("() => window.kgState.labels()") if x["id"] == hub_id]
        red = [p for p in canvas_pixels(o, label["box"]) if p[3] > 200 and p[0] > 150 and p[1] < 110 and p[2] < 110]
        assert not red, f"{len(red)} pixels of a demand's red arrow inside the hub's label"
    finally:
        o.context.close()


def test_hover_and_click_pick_the_same_link(browser, tmp_path: Path) -> None:
    """Where links crowd (several within vis-network's 10 units of the pointer), the tooltip names the link a
    click selects: the nearest."""
    path = viz.write_network(synthetic_graph(40, 60, seed=3), tmp_path / "dense.html")
    o = Opened(browser, path)
    try:
        o.page.click("#fit")
        box = o.page.locator("#network").bounding_box()
        crowded = o.js("""() => { const k = window.kgState, out = [];
            for (const e of k.data.edges) {
                if (e.hidden) continue;
                for (const t of [0.3, 0.5, 0.7]) for (const d of [-4, 4]) {
                    const a = k.nodePoint(e.from), b = k.nodePoint(e.to);
                    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
                    const p = {x: Math.round(a.x + (b.x - a.x) * t - (b.y - a.y) / len * d),
                               y: Math.round(a.y + (b.y - a.y) * t + (b.x - a.x) / len * d)};  // the mouse's pixels
                    if (k.edgeAt(p) && k.edgesNear(p).length >= 2) out.push(p);
                }
            }
            return out; }""")
        inside = [p for p in crowded if box["x"] + 5 < p["x"] < box["x"] + box["width"] - 5
                  and box["y"] + 5 < p["y"] < box["y"] + box["height"] - 5]
        assert len(inside) >= 5, "the dense graph has crowded points"
        for p in inside[:8]:
            o.page.mouse.move(box["x"] + 2, box["y"] + 2)
            o.page.wait_for_timeout(50)
            o.page.mouse.move(p["x"], p["y"])
            want = o.js("p => window.kgState.edgeAt(p)", p)
            o.page.wait_for_function("() => window.kgState.tooltipEdge() !== null", timeout=3_000)
            assert o.js("() => window.kgState.tooltipEdge()") == want
            o.page.mouse.click(p["x"], p["y"])
            assert o.js("() => window.kgState.network.getSelectedEdges()") == [want]
        assert not o.errors
    finally:
        o.context.close()


# ---- PNG, hiding actors with few counterparts ------------------------------------------------------


def test_the_canvas_downloads_as_a_png(opened: Opened, tmp_path: Path) -> None:
    from PIL import Image

    with opened.page.expect_download() as info:
        opened.page.click("#download-png")
    path = tmp_path / "net.png"
    info.value.save_as(path)
    assert info.value.suggested_filename == "kg-network.png"
    img = Image.open(path).convert("RGB")
    width = opened.js("() => document.querySelector('#network canvas').width")
    assert img.width == width and img.getpixel((1, 1)) == (255, 255, 255), "the canvas on white"
    assert len(img.getcolors(maxcolors=1 << 20)) > 20, "the graph is in it"
    assert not opened.blocked


def test_actors_with_few_counterparts_can_be_hidden(opened: Opened) -> None:
    label = "n => window.kgState.data.nodes.find(x => x.kg.label === n).id"
    un, us = opened.js(label, "国際連合"), opened.js(label, "アメリカ合衆国")
    everything = set(opened.js("() => window.kgState.visibleNodes()"))
    shown = opened.js("() => window.kgState.state.shownFacts")
    # 1 hides the isolated: with claims only, 国際連合 (停戦が必要だ names nobody) has no link
    opened.page.uncheck("#rel-demands")
    opened.page.uncheck("#rel-met")
    assert un in opened.js("() => window.kgState.visibleNodes()")
    opened.page.fill("#min-degree", "1")
    assert un not in opened.js("() => window.kgState.visibleNodes()")
    assert us in opened.js("() => window.kgState.visibleNodes()"), "named by プーチン"
    assert "停戦が必要だ" not in visible_texts(opened), "a fact of a hidden actor alone leaves the table"
    # 2: those with one counterpart go too (アメリカ合衆国: only プーチン; 国際連合: only the payload actor)
    opened.page.check("#rel-demands")
    opened.page.check("#rel-met")
    opened.page.fill("#min-degree", "2")
    visible = set(opened.js("() => window.kgState.visibleNodes()"))
    assert un not in visible and us not in visible and len(visible) == 3
    assert "停戦" not in visible_texts(opened) and "首脳会談" in visible_texts(opened)
    assert "つながる相手が 2 未満の主体 2 を隠しています" in opened.page.inner_text("#filter-note")
    assert "deg=2" in hash_of(opened)
    opened.page.click("#reset")
    assert set(opened.js("() => window.kgState.visibleNodes()")) == everything
    assert opened.js("() => window.kgState.state.shownFacts") == shown


def test_a_histogram_of_facts_per_month_sets_the_range_by_a_drag(browser, tmp_path: Path) -> None:
    path = viz.write_network(synthetic_graph(40, 100), tmp_path / "months.html")  # 100 days from 1 January 2022
    o = Opened(browser, path)
    try:
        bars = o.page.locator("#histogram-bars .bar")
        assert [b.get_attribute("data-month") for b in bars.all()] == ["2022-01", "2022-02", "2022-03", "2022-04"]
        counts = [int(b.get_attribute("title").split(": ")[1].split()[0]) for b in bars.all()]
        assert sum(counts) == o.js("() => window.kgState.data.facts.length"), "every fact is dated to a day"
        feb, mar = bars.nth(1).bounding_box(), bars.nth(2).bounding_box()
        o.page.mouse.move(feb["x"] + feb["width"] / 2, feb["y"] + feb["height"] - 2)
        o.page.mouse.down()
        o.page.mouse.move(mar["x"] + mar["width"] / 2, mar["y"] + mar["height"] - 2, steps=3)
        o.page.mouse.up()
        assert o.page.input_value("#since") == "2022-02-01" and o.page.input_value("#until") == "2022-03-31"
        dates = {r["date"][:7] for r in o.js("() => window.kgState.tableRows()")}
        assert dates == {"2022-02", "2022-03"}
        assert [b.get_attribute("class") for b in bars.all()] == ["bar", "bar in", "bar in", "bar"]
        assert "since=2022-02-01" in hash_of(o)
        # the bars count what the other filters keep
        o.page.uncheck("#rel-said")
        after = [int(b.get_attribute("title").split(": ")[1].split()[0]) for b in bars.all()]
        assert sum(after) < sum(counts)
        assert "2022-01 " in o.page.get_attribute("#histogram-bars", "aria-label")
        assert not o.errors
    finally:
        o.context.close()


# ---- the functions the script copies from kg.viz ---------------------------------------------------

NAMES = [
    "プーチン", "ぷーちん", "ﾌﾟｰﾁﾝ", "ﾌﾟｰﾁﾝ大統領", "ＮＡＴＯ", "Nato", "ｎａｔｏ", "  習近平\u3000", "\ufeff国連\ufeff",
    "\u2028米国\u2029", "\x1c露\x1f", "\x85中国\xa0", "\u1680英国\u205f", "ゔぁいおりん", "ゕゖ", "ゝゞ", "ヽヾ",
    "か\u3099", "ｶﾞ", "㍻", "㈱トヨタ", "①", "Ⅻ", "ΟΔΟΣ", "İstanbul", "Straße", "ﬁ", "ＡＢＣ　ｄｅｆ", "", " ",
    "\u200b見えない空白\u200b", "ｰ", "〜", "～", "ＥＵ（欧州連合）", "\U0001f600", "𠮷野家",
]  # fmt: skip


def test_the_script_and_python_agree(opened: Opened) -> None:
    """The page folds names, sizes links and reads dates as kg.viz does: the same answers on one table."""
    got = opened.js("names => names.map(window.kgState.copied.norm)", NAMES)
    assert got == [viz.normalise(n) for n in NAMES]
    counts = list(range(0, 12))
    assert opened.js("ns => ns.map(window.kgState.copied.width)", counts) == [viz.edge_width(n) for n in counts]
    dates = ["2024-03-01", "2024-03", "2024", "", "2024-02-29", "2023-12-31", "sometime"]
    ranges = [(None, None), (dt.date(2024, 3, 1), None), (None, dt.date(2024, 3, 31)),
              (dt.date(2024, 2, 1), dt.date(2024, 2, 29)), (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
              (dt.date(2024, 3, 2), dt.date(2024, 3, 31))]  # fmt: skip
    cases = [[viz.date_span(d), s.isoformat() if s else "", u.isoformat() if u else ""]
             for d in dates for s, u in ranges]
    verdicts = opened.js("cs => cs.map(c => window.kgState.copied.verdict(c[0], c[1], c[2]))", cases)
    for (date, (s, u)), v in zip([(d, r) for d in dates for r in ranges], verdicts, strict=True):
        fact = viz.Fact("said", "…", date=date)
        assert (v == "in") is viz.in_range(fact, since=s, until=u), (date, s, u, v)
        assert (v in ("in", "coarse")) is viz.in_range(fact, since=s, until=u, coarse=True), (date, s, u, v)


def test_the_histogram_range_moves_from_the_keyboard(browser, tmp_path: Path) -> None:
    path = viz.write_network(synthetic_graph(40, 100), tmp_path / "months.html")  # 2022-01 … 2022-04
    o = Opened(browser, path)
    try:
        lo, hi = o.page.locator("#brush-lo"), o.page.locator("#brush-hi")
        assert lo.get_attribute("role") == "slider" and lo.get_attribute("aria-label")
        assert lo.get_attribute("aria-valuetext").startswith("2022-01 から")
        assert hi.get_attribute("aria-valuetext").startswith("2022-04 まで")
        o.page.focus("#min-degree")
        for _ in range(5):  # Tab goes on from the filters to the first handle
            o.page.keyboard.press("Tab")
            if o.js("() => document.activeElement.id") == "brush-lo":
                break
        assert o.js("() => document.activeElement.id") == "brush-lo", "reachable by Tab"
        o.page.keyboard.press("ArrowRight")
        assert o.page.input_value("#since") == "2022-02-01" and o.page.input_value("#until") == ""
        assert lo.get_attribute("aria-valuenow") == "1"
        feb = sum(1 for r in o.js("() => window.kgState.tableRows()") if r["date"][:7] == "2022-02")
        assert lo.get_attribute("aria-valuetext") == f"2022-02 から（この月 {feb} 件）"
        o.page.keyboard.press("Tab")
        assert o.js("() => document.activeElement.id") == "brush-hi"
        o.page.keyboard.press("ArrowLeft")
        assert o.page.input_value("#until") == "2022-03-31"
        o.page.keyboard.press("Home")  # never before the range's first month
        assert o.page.input_value("#until") == "2022-02-28" and hi.get_attribute("aria-valuenow") == "1"
        assert {r["date"][:7] for r in o.js("() => window.kgState.tableRows()")} == {"2022-02"}
        bars = o.page.locator("#histogram-bars .bar")
        assert [b.get_attribute("class") for b in bars.all()] == ["bar", "bar in", "bar", "bar"]
        o.page.keyboard.press("End")
        assert o.page.input_value("#until") == "2022-04-30"
        assert "since=2022-02-01" in hash_of(o) and not o.errors
    finally:
        o.context.close()


def test_a_shared_address_selects_the_same_link_on_another_build(browser, tmp_path: Path) -> None:
    """The address names a link by its actors and relation, not by the page's own numbering: a page built with
    one more actor (whose IRI sorts first, so every link's number moves) opens the same link."""
    first = viz.write_network(small_graph(), tmp_path / "a.html")
    more = small_graph()
    art = Article("d9", "…", "z.txt", dt.date(2024, 3, 4), "追加の記事")
    kk = ActorRef("きき国", "きき国", "State")  # its IRI (…/actor/293b…) sorts before the others
    more += build_graph([Extraction(art, demands=(Demand(kk, "説明", ev("きき国は説明を求めた。"), addressee=UN),))])
    second = viz.write_network(more, tmp_path / "b.html")
    o = Opened(browser, first)
    try:
        heading = "ウラジーミル・プーチン → アメリカ合衆国: demands"
        e = edge_id(o, heading)
        o.js("id => { window.kgState.network.selectEdges([id]); window.kgState.show({edge: id}); }", e)
        h = hash_of(o)
        assert "sel=e:" in h and "demands" in h and "http" in h, h
        other = Opened(browser, second)
        try:
            assert edge_id(other, heading) != e, "the other build numbers its links differently"
            other.page.goto(second.as_uri() + "#" + o.page.url.split("#", 1)[1])
            other.page.wait_for_timeout(100)
            assert other.js("() => window.kgState.network.getSelectedEdges()") == [edge_id(other, heading)]
            assert other.page.inner_text("#details h2") == "ウラジーミル・プーチン → アメリカ合衆国: 要求"
            assert not other.errors
        finally:
            other.context.close()
    finally:
        o.context.close()
