"""Hardening, second pass (issue 16): no federation by default, bounded queries, a server that answers under
load and memory pressure, outputs that never overwrite inputs or special files, data printed verbatim, and a
validator that catches broken graphs.

Servers listen on 127.0.0.1 only; every loop is bounded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import PROV
from typer.testing import CliRunner

from kg import guard, server, store
from kg.cli import app
from kg.graph import build_graph
from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote
from kg.nlp import clean as parser_text
from kg.validate import validate
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "tests" / "golden" / "mini.ttl"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
runner = CliRunner()


def http(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, str]:
    """(status, headers by lower-case name, body) of one request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read().decode("utf-8")


def get(url: str, query: str, **headers) -> tuple[int, dict, str]:
    return http(f"{url}/query?" + urllib.parse.urlencode({"query": query}), headers=headers)


def serving(srv: server.SparqlServer):
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.close()
        thread.join(5)


def wait_for_idle(srv: server.SparqlServer, n: int) -> None:
    """Until n workers serve and none runs a query (a replaced worker loads the graph first)."""
    for _ in range(600):
        if srv.workers_serving() >= n and srv.queries_running() == 0:
            return
        time.sleep(0.1)
    raise AssertionError("the query workers did not come back")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint():
    """The default server: federation off, two workers."""
    yield from serving(server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=10, workers=2))


@pytest.fixture(scope="module")
def small():
    """One worker, no waiting line, a 5 s timeout and 128 MiB per query."""
    srv = server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=5, workers=1, memory_mb=128, queue=0)
    yield from serving(srv)


# ---- 1. federation is off by default ----------------------------------------------------------


def test_service_in_a_get_is_refused_and_nothing_is_called(endpoint: server.SparqlServer) -> None:
    own = f"{endpoint.url}/query"  # an endpoint that would answer: the server itself
    status, _, body = get(endpoint.url, f"SELECT * WHERE {{ SERVICE <{own}> {{ ?s ?p ?o }} }} LIMIT 1")
    assert status == 400 and "SERVICE" in body
    status, _, body = get(endpoint.url, f"SELECT * WHERE {{ service<http://127.0.0.1:{closed_port()}/>{{?s ?p ?o}} }}")
    assert status == 400 and "SERVICE" in body and "onnection" not in body  # no port scan through the error text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o . SeRvIcE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 1.SERVICE <http://127.0.0.1:1/sparql> { ?a ?b ?c } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/sparql> { ?a ?b ?c } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?a ?b ?c } VALUES ?endpoint { <http://127.0.0.1:1/> } }",
        "PREFIX e: <http://127.0.0.1:1/> SELECT * WHERE { SERVICE e:sparql { ?a ?b ?c } }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<'x>') SERVICE <http://127.0.0.1:1/> {?s ?p ?o} FILTER('' = '') }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<?p#>) \"\"\"\n SERVICE <http://127.0.0.1:1/> {?s ?p ?o}\n#\"\"\" }",
        "PREFIX : <http://127.0.0.1:1/> SELECT * WHERE { ?s ?p ?o . SERVICE:x { ?s ?p ?o } }",
        "PREFIX s: <http://127.0.0.1:1/> SELECT * WHERE { ?s ?p ?o . SERVICEs:x { ?s ?p ?o } }",
    ],
    ids=["mixed-case", "after-a-number", "escaped", "variable", "prefixed", "less-than", "less-than-comment",
         "glued-empty-prefix", "glued-prefix"],
)
def test_every_spelling_of_service_is_refused(query: str) -> None:
    with pytest.raises(guard.QueryRefused, match="SERVICE"):
        guard.check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:1/> { ?a ?b ?c }" }',
        "SELECT * WHERE { ?s ?p '''service''' } # SERVICE <http://127.0.0.1:1/> {}",
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
        "SELECT ?service WHERE { ?service a sd:Service ; sd:endpoint ?e FILTER(?e != <http://e/service>) }",
    ],
    ids=["string", "long-string-and-comment", "names"],
)
def test_service_as_data_or_name_is_not_refused(endpoint: server.SparqlServer, query: str) -> None:
    guard.check_query(query)
    status, _, body = get(endpoint.url, query)
    assert status == 200, body


def test_kg_query_refuses_service_unless_allowed(endpoint: server.SparqlServer, tmp_path: Path) -> None:
    remote = f"{endpoint.url}/query"
    sparql = f"SELECT ?l WHERE {{ SERVICE <{remote}> {{ ?a a <https://w3id.org/kg-news/ns#Person> ; " \
             "<http://www.w3.org/2000/01/rdf-schema#label> ?l } } ORDER BY ?l"
    shared = tmp_path / "shared.rq"
    shared.write_text(sparql, encoding="utf-8")
    for query in (sparql, str(shared)):
        result = runner.invoke(app, ["query", str(GRAPH), query, "--format", "csv"])
        assert result.exit_code == 1 and "Traceback" not in result.output
        [line] = result.output.strip().splitlines()
        assert line.startswith("error:") and "SERVICE" in line
    other = runner.invoke(app, ["query", str(GRAPH), sparql, "--allow-service", "http://127.0.0.1:1/"])
    assert other.exit_code == 1 and "not an allowed endpoint" in other.output
    allowed = runner.invoke(app, ["query", str(GRAPH), str(shared), "--format", "csv", "--allow-service", remote])
    assert allowed.exit_code == 0, allowed.output
    labels = allowed.output.strip().splitlines()
    assert labels[0] == "l" and len(labels) > 1


def test_server_allow_list(endpoint: server.SparqlServer) -> None:
    remote = f"{endpoint.url}/query"
    srv = server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=10, workers=1, allow_service=(remote,))
    for s in serving(srv):
        status, _, body = get(s.url, f"ASK {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}")
        assert status == 200 and '"boolean":true' in body.replace(" ", ""), body
        status, _, body = get(s.url, f"ASK {{ SERVICE <http://127.0.0.1:{closed_port()}/> {{ ?s ?p ?o }} }}")
        assert status == 400 and "not an allowed endpoint" in body


# ---- 4. bounded queries -----------------------------------------------------------------------

DEEP = "SELECT * WHERE " + "{" * 20_000 + "}" * 20_000


def test_deeply_nested_query_is_refused_by_kg_query_without_a_crash() -> None:
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(GRAPH), DEEP], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error:") and "20000 deep" in line and "64" in line


CHAINS = {  # each crashed pyoxigraph (a segfault) before the guard counted operators
    "sum": "SELECT * WHERE { ?s ?p ?o FILTER(?o = " + " + ".join(["1"] * 8_000) + ") }",
    "minus": "SELECT * WHERE { ?s ?p ?o " + " ".join(["MINUS { ?s <p:x> 1 }"] * 3_000) + " }",
    "path": "SELECT * WHERE { ?s " + "/".join(["<p:x>"] * 9_000) + " ?o }",
    "sum read as an IRI": "SELECT * WHERE { ?s ?p ?o FILTER(1 < " + "+".join(["1"] * 8_000) + "> 1) }",
}


@pytest.mark.parametrize("name", CHAINS)
def test_long_operator_chain_is_refused_by_kg_query_without_a_crash(name: str, tmp_path: Path) -> None:
    query = tmp_path / "chain.rq"
    query.write_text(CHAINS[name], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(GRAPH), str(query)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert "operators" in done.stderr and "at most 1,000" in done.stderr


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o = " + " + ".join(["1"] * 1_500) + ") }", 400, "operators"),
        ("SELECT * WHERE " + "{" * 65 + "?s ?p ?o" + "}" * 65, 400, "65 deep"),
        ("SELECT * WHERE { FILTER(" + "!" * 100 + "true) }", 400, "deep"),
        ("SELECT * WHERE { ?s ?p ?o }" + " " * guard.MAX_QUERY_BYTES, 413, "bytes"),
    ],
    ids=["operators", "braces", "negations", "size"],
)
def test_query_bounds_in_the_server(endpoint: server.SparqlServer, query: str, status: int, words: str) -> None:
    data = urllib.parse.urlencode({"query": query}).encode()
    got, _, body = http(f"{endpoint.url}/query", data=data,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert got == status and words in body


def test_queries_within_the_bounds_run() -> None:
    guard.check_query("SELECT * WHERE " + "{" * 60 + "?s ?p ?o" + "}" * 60)
    guard.check_query('SELECT * WHERE { ?s ?p "' + "{(" * 100 + '" }')  # brackets in a string are data
    guard.check_query('SELECT * WHERE { ?s ?p "' + "+" * 5_000 + '" }')  # so are operators
    iris = " ".join(["<http://example.org/a/b/c/d?x=1&y=2>"] * 1_000)  # an IRI's slashes are no chain
    guard.check_query(f"SELECT * WHERE {{ VALUES ?s {{ {iris} }} ?s ?p ?o }}")
    for path in (ROOT / "queries").rglob("*.rq"):
        guard.check_query(path.read_text(encoding="utf-8"))


def doubling(times: int) -> str:
    """A query whose one string doubles ``times`` times (1 KB · 2^times)."""
    binds = " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(times))
    return f'SELECT (STRLEN(?x{times}) AS ?n) WHERE {{ VALUES ?x0 {{ "{"a" * 1024}" }} {binds} }}'


def test_query_over_its_memory_stops_and_the_server_stays_up(small: server.SparqlServer) -> None:
    """A query past the memory bound stops: pyoxigraph aborts the worker it runs in (its connection closes without
    an answer; where Python runs out, the answer is 503), and a new worker takes its place."""
    try:
        status, _, body = get(small.url, doubling(18))  # 256 MiB at the end; 128 MiB allowed
    except OSError as e:  # the worker ended under the request: connection closed or reset
        status, body = None, str(e)
    assert status is None or (status == 503 and "memory" in body), (status, body)
    wait_for_idle(small, 1)
    status, _, body = get(small.url, doubling(4))
    assert status == 200 and "16384" in body


def test_all_workers_busy_gets_503_with_retry_after(small: server.SparqlServer) -> None:
    wait_for_idle(small, 1)
    slow: list = []
    thread = threading.Thread(target=lambda: slow.append(get(small.url, SLOW)))
    thread.start()
    for _ in range(6000):  # until the one worker has taken the slow query
        if small.queries_running() == 1:
            break
        time.sleep(0.01)
    status, headers, body = get(small.url, "ASK { ?s ?p ?o }")
    thread.join(60)
    assert status == 503 and "busy" in body and headers.get("retry-after") == str(server.RETRY_AFTER)
    assert slow[0][0] == 503 and "stopped" in slow[0][2]
    wait_for_idle(small, 1)
    assert get(small.url, "ASK { ?s ?p ?o }")[0] == 200


def test_every_client_of_a_burst_gets_an_answer(endpoint: server.SparqlServer) -> None:
    answers: list = []

    def ask() -> None:
        try:
            answers.append(get(endpoint.url, "ASK { ?s ?p ?o }"))
        except OSError as e:  # no answer: refused, reset or timed out
            answers.append((None, {}, str(e)))

    threads = [threading.Thread(target=ask) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert len(answers) == 200
    assert all(a[0] == 200 or (a[0] == 503 and a[1].get("retry-after")) for a in answers), {a[0] for a in answers}
    assert any(a[0] == 200 for a in answers)


def test_a_burst_of_connections_waits_in_the_backlog() -> None:
    """The server accepts nothing here: every connection must still be taken into the listen backlog."""
    srv = server.SparqlServer(("127.0.0.1", 0), pool=None, graph=GRAPH, timeout=1)
    sockets = []
    try:
        for _ in range(200):
            sockets.append(socket.create_connection(srv.server_address[:2], timeout=5))
    finally:
        for s in sockets:
            s.close()
        srv.server_close()
    assert len(sockets) == 200


# ---- 9. data is printed and stored verbatim ---------------------------------------------------

SPEAKER = ActorRef("プーチン大統領", "ウラジーミル・プーチン", "Person")
US = ActorRef("米国", "アメリカ合衆国", "State")


def one_quote_graph(quote: str, *, title: str = "見出し", path: Path) -> Path:
    article = Article("d1", f"「{quote}」と述べた。", "x.jsonl", dt.date(2022, 1, 20), title=title)
    said = Quote(SPEAKER, quote, Evidence(article.text, 0, len(article.text), "quotes.direct.v1"))
    return store.save(build_graph([Extraction(article, quotes=(said,))]), path)


def test_query_output_is_verbatim(tmp_path: Path) -> None:
    text = "会談:fire:予定 [b]x[/b] :thumbs_up:"
    graph = one_quote_graph(text, path=tmp_path / "g.ttl")
    sparql = "SELECT ?t WHERE { ?c kg:text ?t }"
    for fmt in ("csv", "json", "table"):
        result = runner.invoke(app, ["query", str(graph), sparql, "--format", fmt])
        assert result.exit_code == 0 and text in result.output, (fmt, result.output)


def test_validate_prints_prefixed_names_verbatim(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix kg: <https://w3id.org/kg-news/ns#> .\n<urn:x:label:> a kg:Person .\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(graph)])
    assert result.exit_code == 1
    assert "rdfs:label" in result.output and "<urn:x:label:>" in result.output and "🏷" not in result.output


def test_invisible_characters_stay_in_claims_and_evidence() -> None:
    """The parser sees them as spaces (kg.nlp.clean); the graph keeps the article's text."""
    quote = "会談\u200d予定\u2060だ\u00ad"
    article = Article("d1", f"米大統領は「{quote}」と述べた。", "x.jsonl", dt.date(2022, 1, 20))
    seen = parser_text(article.text)
    assert seen != article.text and " " in seen
    said = Quote(SPEAKER, parser_text(quote), Evidence(seen, 0, len(seen), "quotes.direct.v1"))
    g = build_graph([Extraction(article, quotes=(said,))])
    assert {str(o) for o in g.objects(None, KG.text)} == {quote}
    assert {str(o) for o in g.objects(None, KG.sentence)} == {article.text}


@pytest.mark.model
def test_invisible_characters_survive_a_build(nlp, tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "a", "text": "ロシアのプーチン大統領は「会談\\u200d予定だ」と述べた。"}\n', encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert runner.invoke(app, ["build", str(src), "--out", str(out), "-q"]).exit_code == 0
    assert {str(o) for o in store.load_rdflib(out).objects(None, KG.text)} == {"会談\u200d予定だ"}


def test_characters_xml_cannot_carry_are_dropped_so_every_format_is_well_formed(tmp_path: Path) -> None:
    graph = one_quote_graph("会談\uffff予定\ufffe", title="見出し\uffff", path=tmp_path / "g.ttl")
    db = store.load(graph)
    select = server.answer_query(db, server.Request("SELECT ?t ?x WHERE { ?d dcterms:title ?t . ?c kg:text ?x }",
                                                    accept="application/sparql-results+xml"))
    construct = server.answer_query(db, server.Request("CONSTRUCT WHERE { ?s ?p ?o }", accept="application/rdf+xml"))
    assert select.status == construct.status == 200
    root = ElementTree.fromstring(select.body)  # well-formed
    assert {e.text for e in root.iter() if e.tag.endswith("literal")} == {"見出し", "会談予定"}
    ElementTree.fromstring(construct.body)
    assert "\uffff" not in graph.read_text(encoding="utf-8")


# ---- 12. kg validate catches broken graphs ----------------------------------------------------


def facts_graph():
    article = Article("d1", "…", "a.jsonl", dt.date(2022, 1, 13), "見出し")
    sentence = Evidence("「…」と述べた。", 0, 8, "quotes.direct.v1")
    return build_graph([Extraction(
        article,
        quotes=(Quote(SPEAKER, "米国は危険な道を歩んでいる", sentence),),
        demands=(Demand(SPEAKER, "制裁の解除", dataclasses.replace(sentence, rule="demands.v1"), addressee=US),),
        meetings=(Meeting("会談", dataclasses.replace(sentence, rule="meetings.v1"), date=dt.date(2022, 1, 12),
                          participants=(SPEAKER, US)),),
    )])


def test_facts_stripped_of_type_provenance_and_evidence_do_not_conform(tmp_path: Path) -> None:
    g = facts_graph()
    facts = {s for cls in (KG.Claim, KG.Measure, KG.Meeting) for s in g.subjects(RDF.type, cls)}
    assert len(facts) == 3 and validate(g).conforms
    for fact in facts:
        for ev in list(g.objects(fact, KG.evidence)):
            g.remove((ev, None, None))
        for p in (RDF.type, PROV.wasDerivedFrom, KG.evidence, KG.confidence):
            g.remove((fact, p, None))
    path = store.save(g, tmp_path / "stripped.ttl")
    listed = runner.invoke(app, ["query", str(path), "who-said", "--format", "csv"])
    # a claim with no document is in no document's graph, so the canned listing (GRAPH ?g) cannot show it …
    assert listed.exit_code == 0 and "米国は危険な道を歩んでいる" not in listed.output
    result = validate(g)  # … and validation must name it
    assert not result.conforms
    assert {f"<{f}>" for f in facts} <= {v.focus for v in result.violations}
    messages = " ".join(v.message for v in result.violations)
    assert "is a kg:Claim" in messages and "is a kg:Measure" in messages and "is a kg:Meeting" in messages
    assert "source document" in messages and "kg:evidence" in messages


@pytest.mark.parametrize(
    ("literal", "message"),
    [('"abc"^^xsd:integer', "not a valid xsd:integer"), ('"5"', "kg:startOffset, an xsd:integer")],
    ids=["ill-typed", "string"],
)
def test_bad_offset_literal_is_one_violation_line(tmp_path: Path, literal: str, message: str) -> None:
    text = store.serialize(facts_graph(), fmt="turtle").decode("utf-8")
    assert "kg:startOffset 0 ." in text
    path = tmp_path / "g.ttl"
    path.write_text(text.replace("kg:startOffset 0 .", f"kg:startOffset {literal} .", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("error:") and "(1 violation)" in lines[-1]
    [line] = lines[:-1]
    assert line.startswith("Violation: <") and "kg:startOffset" in line and message in line


# ---- 3. outputs never overwrite inputs or special files ---------------------------------------


def refused(result, path: object) -> None:
    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("error:") and str(path) in " ".join(result.output.split()) and "cannot write" in line


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"id": "a", "text": "本文。"}\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("how", ["same", "other-spelling", "in-folder", "report"])
def test_build_refuses_to_overwrite_an_input(inputs: Path, how: str) -> None:
    src = inputs / "a.jsonl"
    before = src.read_bytes()
    args = {
        "same": [str(src), "--out", str(src)],
        "other-spelling": [str(src), "--out", str(inputs / ".." / "data" / "a.jsonl")],
        "in-folder": [str(inputs), "--out", str(src)],
        "report": [str(inputs), "--out", str(inputs.parent / "g.ttl"), "--report", str(src)],
    }[how]
    refused(runner.invoke(app, ["build", *args, "-q"]), "a.jsonl")
    assert src.read_bytes() == before


def special(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"special-{kind}"
    if kind == "device":  # a private twin of /dev/null, so a regression replaces nothing outside tmp_path
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except (PermissionError, AttributeError):
            pytest.skip("cannot make a device node here")
    elif kind == "symlink":
        target = tmp_path / "target.ttl"
        target.write_text("keep me", encoding="utf-8")
        path.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "folder"])
@pytest.mark.parametrize("command", ["build --out", "build --report", "export", "viz"])
def test_special_files_are_never_replaced(inputs: Path, tmp_path: Path, kind: str, command: str) -> None:
    graph = one_quote_graph("発言", path=tmp_path / "g.ttl")
    out = special(kind, tmp_path)
    args = {
        "build --out": ["build", str(inputs), "--out", str(out), "-q"],
        "build --report": ["build", str(inputs), "--out", str(tmp_path / "new.ttl"), "--report", str(out), "-q"],
        "export": ["export", str(graph), "--out", str(out)],
        "viz": ["viz", str(graph), "--out", str(out)],
    }[command]
    refused(runner.invoke(app, args), out)
    if kind == "symlink":
        assert out.is_symlink() and (tmp_path / "target.ttl").read_text(encoding="utf-8") == "keep me"
    elif kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(out).st_mode)
    elif kind == "folder":
        assert out.is_dir()
    assert not (tmp_path / "new.ttl").exists()


@pytest.mark.parametrize("command", ["export", "viz"])
def test_a_graph_is_not_written_over_itself(tmp_path: Path, command: str) -> None:
    graph = one_quote_graph("発言", path=tmp_path / "g.ttl")
    before = graph.read_bytes()
    refused(runner.invoke(app, [command, str(graph), "--out", str(graph)]), graph)
    assert graph.read_bytes() == before


def test_new_paths_and_stdout_are_fine(tmp_path: Path) -> None:
    graph = one_quote_graph("発言", path=tmp_path / "g.ttl")
    result = runner.invoke(app, ["export", str(graph), "--format", "nquads", "--out", "-"])
    assert result.exit_code == 0 and "発言" in result.output and "→" not in result.output
    result = runner.invoke(app, ["viz", str(graph), "--out", "-"])
    assert result.exit_code == 0 and result.output.startswith("<!DOCTYPE html>")
    new = tmp_path / "new" / "g.trig"
    assert runner.invoke(app, ["export", str(graph), "--out", str(new)]).exit_code == 0 and new.is_file()
    again = runner.invoke(app, ["export", str(graph), "--out", str(new)])  # a regular file: replaced
    assert again.exit_code == 0


def test_check_output_and_write_atomic(inputs: Path, tmp_path: Path) -> None:
    from kg.cli import _read_by_build

    store.check_output(inputs / "graph.ttl", inputs=[inputs], reads=_read_by_build)  # new
    (inputs / "graph.ttl").write_text("", encoding="utf-8")
    store.check_output(inputs / "graph.ttl", inputs=[inputs], reads=_read_by_build)  # not read by a build
    with pytest.raises(store.StoreWriteError, match="one of the inputs"):
        store.check_output(inputs / "a.jsonl", inputs=[inputs], reads=_read_by_build)
    link = special("symlink", tmp_path)
    with pytest.raises(store.StoreWriteError, match="symbolic link"):
        store.write_atomic(link, b"x")
    assert link.is_symlink()


@pytest.mark.model
def test_build_to_stdout(nlp, inputs: Path, tmp_path: Path) -> None:
    record = '{"id": "a", "text": "プーチン大統領は「容認できない」と述べた。"}\n'
    (inputs / "a.jsonl").write_text(record, encoding="utf-8")
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["build", str(inputs), "--out", "-", "--report", str(report), "-q"])
    assert result.exit_code == 0, result.output
    turtle = result.stdout
    assert "容認できない" in turtle and "documents built" not in turtle and report.is_file()
    assert len(Graph().parse(data=turtle, format="turtle")) > 0
    both = runner.invoke(app, ["build", str(inputs), "--out", "-", "--report", "-", "-q"])
    assert both.exit_code != 0 and "only one output" in both.output


@pytest.mark.parametrize(("text", "depth"), [
    ("", 0), ("a != b", 0), ("!!!x", 3), ("! ! !", 3), ("!!=", 1), ("(( ))", 2), ("(!(!x))", 3),
    ("!a!", 1), ("{\u3000!\u3000!}", 3), (")))(", 1),
])
def test_rough_depth(text: str, depth: int) -> None:
    assert guard._rough_depth(text) == depth
