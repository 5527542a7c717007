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
from kg.vocab import KG

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


def test_facts_carry_confidence_and_are_stored_once(tags: Tags) -> None:
    data = page_data(tags)
    meetings = [f for f in data["facts"] if f["relation"] == "met"]
    assert len(meetings) == 1, "one meeting of three actors is one fact behind three edges"
    met_edges = [e for e in data["edges"] if e["kg"]["relation"] == "met"]
    assert len(met_edges) == 3 and {tuple(e["kg"]["facts"]) for e in met_edges} == {(data["facts"].index(meetings[0]),)}
    (demand,) = [f for f in data["facts"] if f["text"] == "制裁の解除"]
    assert demand["confidence"] == 0.7 and demand["span"] == ["2024-03-01", "2024-03-01"]
    assert demand["source"] == 'タイトル <b>"太字"</b> & 記号' and demand["outlet"] == "共同通信"


def test_node_lists_its_claims_demands_and_meetings(tags: Tags) -> None:
    data = page_data(tags)
    putin = next(n for n in data["nodes"] if n["label"] == "ウラジーミル・プーチン")["kg"]
    texts = {k: [data["facts"][i]["text"] for i in putin[k]] for k in ("claims", "demands", "meetings")}
    assert texts == {
        "claims": ["米国は危険な道を歩んでいる"],
        "demands": ["制裁の解除", "軍の撤退"],
        "meetings": ["首脳会談"],
    }
    assert putin["aliases"] == ["プーチン大統領"] and putin["type"] == "Person"


def test_data_is_plain_text_not_html(tags: Tags) -> None:
    # the page writes text with textContent and vis-network shows string titles with innerText:
    # entities would show up literally
    text = json.dumps(page_data(tags), ensure_ascii=False)
    assert "&lt;" not in text and "&amp;" not in text and "&quot;" not in text and "&#" not in text


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
    facts = data["facts"]
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


# ---- selecting: dates, relations, an actor, communities --------------------------------------


@pytest.mark.parametrize(
    ("date", "span"),
    [
        ("2024-03-01", ("2024-03-01", "2024-03-01")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024-12", ("2024-12-01", "2024-12-31")),
        ("2024", ("2024-01-01", "2024-12-31")),
        ("", None),
        ("三月", None),
    ],
)
def test_date_span(date: str, span: tuple[str, str] | None) -> None:
    assert viz.date_span(date) == span


@pytest.mark.parametrize(
    ("date", "since", "until", "inside"),
    [
        ("2024-03-01", None, None, True),
        ("", None, None, True),
        ("", dt.date(2024, 1, 1), None, False),
        ("2024-03-01", dt.date(2024, 3, 1), dt.date(2024, 3, 1), True),
        ("2024-03-01", dt.date(2024, 3, 2), None, False),
        ("2024-03-01", None, dt.date(2024, 2, 29), False),
        # a date less precise than the range is not known to lie in it
        ("2024", dt.date(2024, 6, 1), dt.date(2024, 6, 30), False),
        ("2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30), True),
        ("2024-06", dt.date(2024, 6, 10), None, False),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), True),
    ],
)
def test_in_range(date: str, since: dt.date | None, until: dt.date | None, inside: bool) -> None:
    assert viz.in_range(viz.Fact("said", "…", date=date), since=since, until=until) is inside


@pytest.mark.parametrize(
    ("date", "since", "until", "overlaps"),
    [
        ("2024", dt.date(2024, 6, 1), dt.date(2024, 6, 30), True),
        ("2024-06", dt.date(2024, 6, 10), None, True),
        ("2023", dt.date(2024, 6, 1), None, False),
        ("", dt.date(2024, 6, 1), None, False),
    ],
)
def test_in_range_coarse_keeps_an_overlapping_year_or_month(date: str, since: dt.date | None,
                                                           until: dt.date | None, overlaps: bool) -> None:
    assert viz.in_range(viz.Fact("said", "…", date=date), since=since, until=until, coarse=True) is overlaps


@pytest.mark.parametrize(
    ("date", "precision"),
    [("2024-03-01", "day"), ("2024-03", "month"), ("2024", "year"), ("", "none"), ("三月", "none")],
)
def test_date_precision(date: str, precision: str) -> None:
    assert viz.date_precision(date) == precision


def test_a_fact_names_its_document_and_only_an_http_address() -> None:
    def fact(url: str) -> viz.Fact:
        art = Article("doc-7", "…", "a.txt", dt.date(2024, 3, 1), "題", url=url)
        g = build_graph([Extraction(art, demands=(Demand(PUTIN, "制裁の解除", ev(SENTENCE), addressee=US),))])
        (f,) = viz.actor_network(g).nodes[actor_iri(PUTIN)]["demands"]
        return f

    assert fact("https://example.org/a?b=1").url == "https://example.org/a?b=1"
    assert fact("HTTP://example.org/").url == "HTTP://example.org/"
    for bad in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//example.org/", "ftp://x/"):
        assert fact(bad).url == "", bad
    assert fact("").document == "doc-7"


def test_page_data_carries_the_date_precision(tags: Tags) -> None:
    facts = page_data(tags)["facts"]
    assert {f["precision"] for f in facts} == {"day"} and all(f["document"] in ("d1", "d2") for f in facts)


def test_date_range_keeps_facts_of_those_days(graph: Graph) -> None:
    net = viz.actor_network(graph, since=dt.date(2024, 3, 2), until=dt.date(2024, 3, 2))
    assert {k for _, _, k in net.edges(keys=True)} == {"met"}
    assert actor_iri(US) not in net, "the United States only takes part on 1 March"
    assert viz.actor_network(graph, until=dt.date(2024, 2, 1)).number_of_nodes() == 0


@pytest.mark.parametrize(
    ("relations", "kinds"),
    [
        (["said"], {"speaks about"}),
        (["demands"], {"demands"}),
        (["meetings"], {"met"}),
        (["demands", "meetings"], {"demands", "met"}),
        (None, {"demands", "met", "speaks about"}),
    ],
)
def test_relations_keep_their_edges(graph: Graph, relations: list[str] | None, kinds: set[str]) -> None:
    net = viz.actor_network(graph, relations=relations)
    assert {k for _, _, k in net.edges(keys=True)} == kinds


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("ウラジーミル・プーチン", [PUTIN]),
        ("プーチン大統領", [PUTIN]),  # an alias
        ("プーチン", [PUTIN]),  # part of a name
        ("ぷーちん", [PUTIN]),  # hiragana
        ("ﾌﾟｰﾁﾝ", [PUTIN]),  # half-width katakana
        ("国際連合", [UN]),
        ("存在しない", []),
        ("", []),
    ],
)
def test_find_actors(graph: Graph, name: str, found: list[ActorRef]) -> None:
    assert viz.find_actors(viz.actor_network(graph), name) == [actor_iri(a) for a in found]


def test_neighbourhood_is_an_actor_and_its_neighbours(graph: Graph) -> None:
    net = viz.actor_network(graph)
    near = viz.neighbourhood(net, "米国")  # an alias of アメリカ合衆国
    assert set(near) == {actor_iri(US), actor_iri(PUTIN)}
    assert {k for _, _, k in near.edges(keys=True)} == {"demands", "speaks about"}
    with pytest.raises(LookupError):
        viz.neighbourhood(net, "存在しない")


def test_communities_cover_every_actor_and_are_stable(graph: Graph) -> None:
    net = viz.actor_network(graph)
    groups = viz.communities(net)
    assert set(groups) == set(net) and groups == viz.communities(net)
    assert sorted(set(groups.values())) == list(range(len(set(groups.values()))))
    data = viz.page_data(net, colour_by_community=True)
    assert data["colourBy"] == "community" and data["legend"]["communities"]
    putin = next(n for n in data["nodes"] if n["label"] == "ウラジーミル・プーチン")
    assert putin["color"] == viz.COMMUNITY_COLOURS[groups[actor_iri(PUTIN)]]


def test_cli_viz_options(graph: Graph, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg import store
    from kg.cli import app

    ttl = store.save(graph, tmp_path / "g.ttl")
    out = tmp_path / "n.html"
    args = ["viz", str(ttl), "--out", str(out), "--actor", "プーチン", "-r", "demands", "--relation", "meetings"]
    result = CliRunner().invoke(app, [*args, "--since", "2024-03-01", "--until", "2024-03-31", "--communities"])
    assert result.exit_code == 0, result.output
    parser = Tags()
    parser.feed(out.read_text(encoding="utf-8"))
    data = page_data(parser)
    assert {e["kg"]["relation"] for e in data["edges"]} == {"demands", "met"}
    assert {n["label"] for n in data["nodes"]} == {"ウラジーミル・プーチン", "アメリカ合衆国", "習近平", "国際連合"}
    assert data["colourBy"] == "community"
    # the page says which command-line filters made it (its own controls cannot bring those facts back)
    assert data["madeWith"] == "--actor プーチン --since 2024-03-01 --until 2024-03-31 -r demands -r meetings"
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--actor", "存在しない"])
    assert result.exit_code == 1 and "no actor named" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--relation", "likes"])
    assert result.exit_code == 2


def test_cli_viz_says_when_the_filters_leave_nothing(graph: Graph, tmp_path: Path) -> None:
    """An empty page would look like a graph without facts: the command warns on stderr, saying what the filters
    left out and what the graph holds, and the page says so too; with --strict it exits 1 and writes nothing. An
    inverted range is an error either way."""
    from typer.testing import CliRunner

    from kg import store
    from kg.cli import app

    ttl = store.save(graph, tmp_path / "g.ttl")
    out = tmp_path / "n.html"
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--since", "2030-01-01"])
    assert result.exit_code == 0 and out.exists()
    text = " ".join(result.stderr.split())
    assert "warning: the page shows no fact: no fact is left by the filters (--since 2030-01-01)" in text
    assert "dated 2024" in text
    parser = Tags()
    parser.feed(out.read_text(encoding="utf-8"))
    data = page_data(parser)
    assert data["nodes"] == [] and "kg viz の条件（--since 2030-01-01）に合う事実はありません" in data["emptyReason"]
    assert "グラフの事実は 6 件（日付 2024-03-01 … 2024-03-02）" in data["emptyReason"]
    out.unlink()
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--since", "2030-01-01", "--strict"])
    assert result.exit_code == 1 and not out.exists()
    assert "no page written (--strict)" in " ".join(result.stderr.split())
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--strict"])
    assert result.exit_code == 0 and out.exists() and "warning" not in result.stderr, "a page with facts"
    empty = store.save(Graph(), tmp_path / "empty.ttl")
    result = CliRunner().invoke(app, ["viz", str(empty), "--out", str(tmp_path / "e.html"), "--strict"])
    assert result.exit_code == 1 and "the graph holds no fact" in result.stderr
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--since", "2024-03-05",
                                      "--until", "2024-03-01"])
    assert result.exit_code == 1 and "is after --until" in result.output
    # an actor whose facts the filters removed is named as such, not as unknown
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--actor", "国連", "-r", "said"])
    assert result.exit_code == 1 and "'国連' has no fact left by the filters (-r said)" in result.stderr


def test_cli_viz_keeps_a_coarse_date_only_when_asked(tmp_path: Path) -> None:
    """A fact dated only 2024 is not known to lie in June 2024: --since/--until leave it out and say how to keep
    it; --coarse-dates keeps it, and the page says so and opens with its date boxes filled."""
    from typer.testing import CliRunner

    from kg import store
    from kg.cli import app

    art = Article("y1", "…", "a.txt", None, "年だけ", year=2024)
    g = build_graph([Extraction(art, demands=(Demand(PUTIN, "制裁の解除", ev(SENTENCE), addressee=US),))])
    ttl = store.save(g, tmp_path / "g.ttl")
    out = tmp_path / "n.html"
    june = ["viz", str(ttl), "--out", str(out), "--since", "2024-06-01", "--until", "2024-06-30"]
    result = CliRunner().invoke(app, [*june, "--strict"])
    assert result.exit_code == 1 and not out.exists()
    assert "--coarse-dates keeps" in " ".join(result.output.split())
    result = CliRunner().invoke(app, [*june, "--coarse-dates", "-r", "demands"])
    assert result.exit_code == 0, result.output
    parser = Tags()
    parser.feed(out.read_text(encoding="utf-8"))
    data = page_data(parser)
    assert [f["text"] for f in data["facts"]] == ["制裁の解除"] and data["facts"][0]["precision"] == "year"
    assert data["madeWith"] == "--since 2024-06-01 --until 2024-06-30 --coarse-dates -r demands"
    assert data["made"] == {"since": "2024-06-01", "until": "2024-06-30", "relations": ["demands"], "coarse": True}


# ---- the sentences around the evidence ----------------------------------------------------------

AROUND_TEXT = ("会談は3時間続いた。プーチン大統領は米国に制裁の解除を求めた。これに対し米国は「応じない。」と述べた。\n"
               "次の段落だ。")


def around_graph() -> Graph:
    s1, s2 = "プーチン大統領は米国に制裁の解除を求めた。", "これに対し米国は「応じない。」と述べた。"
    a, b = AROUND_TEXT.index(s1), AROUND_TEXT.index(s2)
    art = Article("d1", AROUND_TEXT, "a.txt", dt.date(2024, 3, 1), "記事")
    return build_graph([Extraction(art, demands=(Demand(PUTIN, "制裁の解除", Evidence(s1, a, a + len(s1), "t"),
                                                        addressee=US),),
                                   quotes=(Quote(US, "応じない。", Evidence(s2, b, b + len(s2), "t")),))])


def around(g: Graph, texts: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    net = viz.actor_network(g, context=viz.sentence_context(g, texts))
    return {f.text: (f.before, f.after) for _, d in net.nodes(data=True) for k in ("claims", "demands")
            for f in d[k]}


def test_the_build_stores_both_neighbours_on_each_evidence() -> None:
    """kg build keeps the sentences before and after each evidence sentence (kg:sentenceBefore, kg:sentenceAfter),
    cut as the extractors cut (a 。 inside 「」 ends no sentence; a line is a paragraph), across paragraphs: the
    page shows them with no --text."""
    g = around_graph()
    assert around(g) == {
        "制裁の解除": ("会談は3時間続いた。", "これに対し米国は「応じない。」と述べた。"),
        "応じない。": ("プーチン大統領は米国に制裁の解除を求めた。", "次の段落だ。"),
    }
    assert len(list(g.triples((None, KG.sentenceBefore, None)))) == 2
    assert all(o.language == "ja" for o in g.objects(None, KG.sentenceAfter))
    # the first sentence of a document has none before it; nothing is stored for what is not there
    art = Article("d2", "米国は応じない考えだ。", "b.txt", dt.date(2024, 3, 1), "記事")
    quote = Quote(US, "応じない", Evidence("米国は応じない考えだ。", 0, 11, "t"))
    lone = build_graph([Extraction(art, quotes=(quote,))])
    assert not list(lone.triples((None, KG.sentenceBefore, None)))
    assert not list(lone.triples((None, KG.sentenceAfter, None)))


def test_a_graph_of_an_older_build_gives_the_neighbours_it_holds() -> None:
    """Without stored neighbours, two facts' sentences that touch are each other's neighbours."""
    g = around_graph()
    g.remove((None, KG.sentenceBefore, None))
    g.remove((None, KG.sentenceAfter, None))
    assert around(g) == {
        "制裁の解除": ("", "これに対し米国は「応じない。」と述べた。"),
        "応じない。": ("プーチン大統領は米国に制裁の解除を求めた。", ""),
    }


def test_the_document_text_gives_both_neighbours() -> None:
    g = around_graph()
    g.remove((None, KG.sentenceBefore, None))
    g.remove((None, KG.sentenceAfter, None))
    assert around(g, {"d1": AROUND_TEXT}) == {
        "制裁の解除": ("会談は3時間続いた。", "これに対し米国は「応じない。」と述べた。"),
        "応じない。": ("プーチン大統領は米国に制裁の解除を求めた。", "次の段落だ。"),
    }
    # offsets that no longer hold the sentence (a text edited since): the sentence is looked for in it
    moved = "前置き。" + AROUND_TEXT
    assert around(g, {"d1": moved})["制裁の解除"] == ("会談は3時間続いた。", "これに対し米国は「応じない。」と述べた。")
    # another text altogether: the graph's own neighbours stay
    unrelated = around(g, {"d1": "関係のない文。"})
    assert unrelated["制裁の解除"] == ("", "これに対し米国は「応じない。」と述べた。")
    # the text given wins over what the graph stores
    edited = AROUND_TEXT.replace("会談は3時間続いた。", "会談は4時間続いた。")
    assert around(around_graph(), {"d1": edited})["制裁の解除"][0] == "会談は4時間続いた。"


def test_cli_viz_reads_the_sentences_around_from_the_built_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg import store
    from kg.cli import app

    ttl = store.save(around_graph(), tmp_path / "g.ttl")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": AROUND_TEXT, "date": "2024-03-01"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    out = tmp_path / "n.html"
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--text", str(src)])
    assert result.exit_code == 0, result.output
    parser = Tags()
    parser.feed(out.read_text(encoding="utf-8"))
    facts = {f["text"]: f for f in page_data(parser)["facts"]}
    assert facts["制裁の解除"]["before"] == "会談は3時間続いた。" and facts["応じない。"]["after"] == "次の段落だ。"
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "x9", "text": "別の記事。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--text", str(other)])
    assert result.exit_code == 1 and "none of the graph's 1 documents is in the --text files" in result.stderr


# ---- the page's language ------------------------------------------------------------------------


def test_every_word_of_the_page_is_in_both_languages() -> None:
    """The page's words (kg/viz/explorer-messages.json) have the same keys and fill in the same names in Japanese
    and English, and the template, script and kg.viz ask for no word that is not there."""
    ja, en = viz.messages("ja"), viz.messages("en")
    assert ja.keys() == en.keys()
    for k in ja:
        assert sorted(re.findall(r"\{(\w+)\}", ja[k])) == sorted(re.findall(r"\{(\w+)\}", en[k])), k
    assets = Path(viz.__file__).parent
    template = (assets / "explorer.html").read_text(encoding="utf-8")
    names = {k.replace(".", "_"): k for k in ja}  # the template's ${t_rel_said} is rel.said
    asked = {names.get(k, k) for k in re.findall(r"\$\{t_(\w+)\}", template)}
    script = (assets / "explorer.js").read_text(encoding="utf-8")
    asked |= set(re.findall(r'\bt\("([\w. ]+)"[,)]', script))
    asked |= {p + k for p, ks in (("rel.", ("said", "demands", "met")), ("kind.", ("speaks about", "demands", "met")),
                                  ("type.", ("Person", "State", "Organization", "Actor")),
                                  ("precision.", ("day", "month", "year", "none")),
                                  ("col.", re.findall(r'"(\w+)"', script[script.index("var COLUMNS"):][:400])))
              for k in ks}
    assert len(asked) > 100 and not asked - ja.keys(), asked - ja.keys()
    with pytest.raises(ValueError, match="no page language"):
        viz.messages("fr")


def test_cli_viz_lang_en_writes_english_controls(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg import store
    from kg.cli import app

    ttl = store.save(around_graph(), tmp_path / "g.ttl")
    out = tmp_path / "en.html"
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and ">Fit</button>" in page and "全体表示" not in page
    parser = Tags()
    parser.feed(page)
    assert page_data(parser)["messages"]["fit"] == "Fit"
    assert '<html lang="ja">' in viz.network_page(around_graph())
    result = CliRunner().invoke(app, ["viz", str(ttl), "--out", str(out), "--lang", "fr"])
    assert result.exit_code != 0
    empty, warning = viz.build_page(around_graph(), since=dt.date(2030, 1, 1), lang="en")
    assert warning and "No fact matches the kg viz filters this page was made with (--since 2030-01-01)" in empty


# ---- the notebook ----------------------------------------------------------------------------

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "explore.ipynb"


@pytest.mark.model
@pytest.mark.notebook
def test_explore_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """notebooks/explore.ipynb runs top to bottom in the venv's python3 kernel, writing to a temporary folder."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(tmp_path))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2, "centrality and timeline plots"
    assert any("<iframe" in o.get("data", {}).get("text/html", "") for o in outputs), "the network is embedded"
    assert "ウラジーミル・プーチン" in (tmp_path / "network.html").read_text(encoding="utf-8")
