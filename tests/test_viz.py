"""kg.viz: the actor network and its page — offline, and article text never runs."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph

from kg import viz
from kg.graph import actor_iri, build_graph
from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

PUTIN = ActorRef("プーチン大統領", "ウラジーミル・プーチン", "Person")
XI = ActorRef("習主席", "習近平", "Person")
US = ActorRef("米国", "アメリカ合衆国", "State")
UN = ActorRef("国連", "国際連合", "Organization")
EVIL = ActorRef("<script>alert('label')</script>", "<script>alert('label')</script>", "Actor")

EVIL_QUOTE = "<img src=x onerror=alert(1)>を許さない"
EVIL_SENTENCE = f'悪意ある人物は「{EVIL_QUOTE}」と述べた。</script><script>alert(2)</script>"'
SENTENCE = "プーチン大統領は米国に制裁の解除を求めた。"
PAYLOADS = ("<script>alert", "<img src=x onerror", "</script><script>", "alert(2)</script>")


def ev(sentence: str, start: int = 0) -> Evidence:
    return Evidence(sentence, start, start + len(sentence), "test.v1")


def extractions() -> list[Extraction]:
    a1 = Article("d1", "…", "a.txt", dt.date(2024, 3, 1), 'タイトル <b>"太字"</b> & 記号', outlet="共同通信")
    a2 = Article("d2", "…", "b.txt", dt.date(2024, 3, 2), "首脳会談", outlet="NHK")
    return [
        Extraction(
            a1,
            quotes=(
                Quote(
                    PUTIN, "米国は危険な道を歩んでいる", ev("プーチン大統領は「米国は危険な道を歩んでいる」と述べた。")
                ),
                Quote(EVIL, EVIL_QUOTE, ev(EVIL_SENTENCE, 50)),
            ),
            demands=(
                Demand(PUTIN, "制裁の解除", ev(SENTENCE, 100), addressee=US),
                Demand(PUTIN, "軍の撤退", ev("プーチン大統領は米国に軍の撤退も求めた。", 130), addressee=US),
                Demand(UN, "停戦", ev("国連は停戦を求めた。", 160)),
            ),
        ),
        Extraction(
            a2,
            meetings=(
                Meeting(
                    "首脳会談",
                    ev("習近平国家主席、プーチン大統領、国連事務総長が会談した。"),
                    date=dt.date(2024, 3, 2),
                    participants=(XI, PUTIN, UN),
                ),
            ),
        ),
    ]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(extractions())


@pytest.fixture(scope="module")
def page(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("viz") / "net" / "network.html"
    assert viz.write_network(graph, out, title="<script>alert('title')</script> ネットワーク") == out
    assert [p.name for p in out.parent.iterdir()] == ["network.html"], "no temp file left"
    return out.read_text(encoding="utf-8")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


@pytest.fixture(scope="module")
def tags(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


def page_data(tags: Tags) -> dict:
    (text,) = [body for attrs, body in tags.scripts if attrs.get("type") == "application/json"]
    return json.loads(text)


# ---- network ---------------------------------------------------------------------------------


def test_edges_demands_meetings_and_speaks_about(graph: Graph) -> None:
    net = viz.actor_network(graph)
    p, x, us, un = (actor_iri(a) for a in (PUTIN, XI, US, UN))
    assert len(net[p][us]["demands"]["facts"]) == 2
    met = {frozenset((u, v)) for u, v, k in net.edges(keys=True) if k == "met"}
    assert met == {frozenset((p, x)), frozenset((p, un)), frozenset((x, un))}
    assert net.has_edge(p, us, key="speaks about"), "「米国は…」 names the United States"
    assert not any(k == "demands" for _, v, k in net.edges(keys=True) if v == un), "停戦 has no addressee"
    assert [f.text for f in net.nodes[un]["demands"]] == ["停戦"]


def test_edge_facts_carry_evidence_source_and_date(graph: Graph) -> None:
    net = viz.actor_network(graph)
    (fact,) = [f for f in net[actor_iri(PUTIN)][actor_iri(US)]["demands"]["facts"] if f.text == "制裁の解除"]
    assert (fact.text, fact.sentence, fact.outlet, fact.date) == ("制裁の解除", SENTENCE, "共同通信", "2024-03-01")


def test_nodes_coloured_by_type_and_sized_by_centrality(tags: Tags) -> None:
    nodes = {n["label"]: n for n in page_data(tags)["nodes"]}
    assert nodes["ウラジーミル・プーチン"]["color"] == viz.COLOURS["Person"]
    assert nodes["アメリカ合衆国"]["color"] == viz.COLOURS["State"]
    assert nodes["国際連合"]["color"] == viz.COLOURS["Organization"]
    assert nodes["ウラジーミル・プーチン"]["size"] > nodes["アメリカ合衆国"]["size"]


def test_edge_width_grows_with_facts(tags: Tags) -> None:
    widths = {e["kg"]["heading"]: e["width"] for e in page_data(tags)["edges"]}
    two = widths["ウラジーミル・プーチン → アメリカ合衆国: demands"]
    one = widths["ウラジーミル・プーチン → アメリカ合衆国: speaks about"]
    assert two > one


def test_tooltips_are_plain_text(tags: Tags) -> None:
    data = page_data(tags)
    putin = next(n for n in data["nodes"] if n["label"] == "ウラジーミル・プーチン")
    assert "プーチン大統領" in putin["title"] and "米国は危険な道を歩んでいる" in putin["title"]
    demand = next(e for e in data["edges"] if e["kg"]["heading"].endswith("demands") and e["width"] > 1)
    assert SENTENCE in demand["title"] and "共同通信" in demand["title"] and "2024-03-01" in demand["title"]
    # vis-network 9 shows a string title with innerText: entities would show up literally
    text = json.dumps(data, ensure_ascii=False)
    assert "&lt;" not in text and "&amp;" not in text and "&quot;" not in text


def test_empty_graph_still_makes_a_page(tmp_path: Path) -> None:
    out = viz.write_network(Graph(), tmp_path / "empty.html")
    assert '"nodes":[]' in out.read_text(encoding="utf-8")


# ---- offline ---------------------------------------------------------------------------------


def test_no_remote_resources(page: str, tags: Tags) -> None:
    assert not [t for t, _ in tags.tags if t in ("link", "iframe", "img", "object", "embed", "base")]
    for tag, attrs in tags.tags:
        for name, value in attrs.items():
            assert name not in ("src", "href", "srcset", "action"), (tag, name, value)
            assert not (value and re.search(r"https?:", value)), (tag, name, value)
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.I)
    assert "@import" not in page
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page


def test_vis_network_is_inlined(tags: Tags) -> None:
    inline = [body for attrs, body in tags.scripts if not attrs]
    assert len(inline) == 2
    assert "vis-network" in inline[0] and len(inline[0]) > 100_000


def test_physics_stops_after_stabilising(page: str) -> None:
    assert 'network.once("stabilizationIterationsDone"' in page
    assert "physics: {enabled: false}" in page


# ---- untrusted text --------------------------------------------------------------------------


def test_payloads_never_appear_raw(page: str, tags: Tags) -> None:
    for payload in PAYLOADS:
        assert payload not in page, payload
    assert len(tags.scripts) == 3, "vis-network, the data block, the page script"
    assert page.count("</script>") == 3
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; ネットワーク" in page


def test_payloads_survive_as_text_in_the_data(tags: Tags) -> None:
    data = page_data(tags)
    labels = {n["label"] for n in data["nodes"]}
    assert "<script>alert('label')</script>" in labels
    facts = [f for e in data["edges"] + data["nodes"] for f in e["kg"]["facts"]]
    assert any(f["text"] == EVIL_QUOTE and f["sentence"] == EVIL_SENTENCE for f in facts)
    assert any(f["source"] == 'タイトル <b>"太字"</b> & 記号' for f in facts)


def test_data_block_is_escaped_once(page: str) -> None:
    assert "\\u003cscript\\u003ealert('label')\\u003c/script\\u003e" in page
    assert SENTENCE in page, "Japanese is written as it is"
    assert "\\u30d7" not in page.lower()


def test_no_inline_event_handlers(tags: Tags) -> None:
    for tag, attrs in tags.tags:
        assert not [a for a in attrs if a.startswith("on")], tag


def test_content_security_policy_allows_only_the_page_scripts(tags: Tags) -> None:
    (csp,) = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for attrs, body in tags.scripts:
        if attrs.get("type") == "application/json":
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to parse the page script")
def test_page_script_is_valid_javascript(tags: Tags, tmp_path: Path) -> None:
    app = [body for attrs, body in tags.scripts if not attrs][-1]
    script = tmp_path / "app.js"
    script.write_text(app, encoding="utf-8")
    subprocess.run(["node", "--check", str(script)], check=True, capture_output=True)
