"""kg.server: the SPARQL 1.1 Protocol endpoint, driven by a real client (SPARQLWrapper) over HTTP."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, N3, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from typer.testing import CliRunner

from kg import server, store
from kg.cli import app

GRAPH = Path(__file__).parent / "golden" / "mini.ttl"
QUERY_NAMES = sorted(store.canned_queries())
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def endpoint():
    """A server on a free port of 127.0.0.1, serving in a thread; stopped (with its workers) at teardown."""
    srv = server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=TIMEOUT, workers=2)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv.url
    finally:
        srv.shutdown()
        srv.close()
        thread.join(5)


@pytest.fixture(scope="module")
def local():
    return store.load(GRAPH)


def client(url: str, query: str, fmt: str = JSON, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(url + "/query", returnFormat=fmt)
    # SPARQLWrapper guesses the query form from the text and strips only every other comment line, so the
    # header's "addressee" reads as an ADD update; the comment lines go before it looks
    sw.setQuery("\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#")))
    sw.setMethod(POST if method == POSTDIRECTLY else method)
    if method == POSTDIRECTLY:
        sw.setRequestMethod(POSTDIRECTLY)
    return sw


def http(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    """(status, content type, body) of one request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers["Content-Type"], r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read().decode("utf-8")


def json_rows(results: dict) -> list[tuple]:
    cols = results["head"]["vars"]
    return [tuple(b.get(c, {}).get("value") for c in cols) for b in results["results"]["bindings"]]


# ---- every canned query, every method --------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
@pytest.mark.parametrize("name", QUERY_NAMES)
def test_canned_queries_match_local_results(endpoint: str, local, name: str, method: str) -> None:
    sparql = store.resolve_query(name)
    expected = store.run_query(local, sparql)
    results = client(endpoint, sparql, JSON, method).query().convert()
    # the remote result keeps the unbound ?actorName column the local one hides
    keep = [results["head"]["vars"].index(c) for c in expected.columns]
    got = [tuple(row[i] for i in keep) for row in json_rows(results)]
    assert got == [tuple(r) for r in expected.rows]
    assert got, "the fixture graph should give every canned query rows"


def test_xml_results(endpoint: str) -> None:
    doc = client(endpoint, "SELECT ?a WHERE { ?a a kg:Person } ORDER BY ?a", XML).query().convert()
    uris = [n.firstChild.data for n in doc.getElementsByTagName("uri")]
    assert uris and all(u.startswith("https://w3id.org/kg-news/id/actor/") for u in uris)


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_csv_and_tsv_results(endpoint: str, local, fmt: str, delimiter: str) -> None:
    sparql = "SELECT ?label WHERE { ?a a kg:Person ; rdfs:label ?label } ORDER BY ?label"
    body = client(endpoint, sparql, fmt).query().convert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(body), delimiter=delimiter, quoting=csv.QUOTE_NONE if fmt == TSV else 0))
    labels = [r[0] for r in rows[1:]]
    if fmt == TSV:  # TSV cells are RDF terms: "習近平"@ja
        assert all(v.endswith('"@ja') for v in labels)
        labels = [json.loads(v.removesuffix("@ja")) for v in labels]
    assert labels == [r[0] for r in store.run_query(local, sparql).rows]


def test_ask(endpoint: str) -> None:
    assert client(endpoint, "ASK { ?s a kg:Meeting }").query().convert()["boolean"] is True
    assert client(endpoint, "ASK { ?s a kg:Nothing }").query().convert()["boolean"] is False


@pytest.mark.parametrize("fmt", [TURTLE, N3])
def test_construct_as_turtle(endpoint: str, local, fmt: str) -> None:
    sparql = "CONSTRUCT { ?a ?p ?o } WHERE { ?a a kg:Person ; ?p ?o }"
    got = client(endpoint, sparql, fmt).query().convert()
    got = got if isinstance(got, Graph) else Graph().parse(data=got, format="turtle")
    expected = Graph()
    for s, p, o in store.run_query(local, sparql).triples:
        expected.add((s, p, o))
    assert len(got) == len(expected) > 0
    assert isomorphic(got, expected)


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("application/n-triples", "application/n-triples", "nt"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ],
)
def test_construct_content_negotiation(endpoint: str, accept: str, media: str, rdflib_format: str) -> None:
    q = urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?m a kg:Meeting ; rdfs:label ?l }"})
    status, ctype, body = http(f"{endpoint}/sparql?{q}", headers={"Accept": accept})
    assert status == 200 and ctype.startswith(media)
    assert len(Graph().parse(data=body, format=rdflib_format)) > 0


def test_accept_with_quality_values(endpoint: str) -> None:
    q = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s a kg:Meeting }"})
    status, ctype, _ = http(
        f"{endpoint}/query?{q}", headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"}
    )
    assert status == 200 and ctype.startswith("application/sparql-results+xml")


# ---- refusals and errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"update=INSERT+DATA+%7B+%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D", "application/x-www-form-urlencoded"),
        (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    ],
)
def test_update_is_refused(endpoint: str, local, data: bytes, content_type: str) -> None:
    status, _, body = http(f"{endpoint}/query", data=data, headers={"Content-Type": content_type})
    assert status == 403 and "read-only" in body
    assert client(endpoint, "ASK { <urn:a> ?p ?o }").query().convert()["boolean"] is False


def test_update_sent_as_a_query_is_a_bad_request(endpoint: str) -> None:
    status, _, body = http(f"{endpoint}/query?" + urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}))
    assert status == 400 and "bad SPARQL" in body


def test_sparqlwrapper_update_fails(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint + "/query", updateEndpoint=endpoint + "/query")
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception, match="403|read-only|Forbidden"):
        sw.query()


@pytest.mark.parametrize(
    ("path", "headers", "data", "status", "message"),
    [
        ("/query?query=SELEC+%3Fx", {}, None, 400, "bad SPARQL"),
        ("/query", {"Content-Type": "application/x-www-form-urlencoded"}, b"", 400, "one non-empty query"),
        ("/query?format=json", {}, None, 400, "one non-empty query"),
        ("/query?query=ASK%7B%7D&query=ASK%7B%7D", {}, None, 400, "one non-empty query"),
        ("/query?query=ASK%7B%7D", {"Accept": "image/png"}, None, 406, "offered"),
        ("/nowhere", {}, None, 404, "/query"),
        ("/query", {"Content-Type": "text/plain"}, b"ASK {}", 415, "application/sparql-query"),
    ],
)
def test_errors_are_clear(endpoint: str, path: str, headers: dict, data, status: int, message: str) -> None:
    got, ctype, body = http(endpoint + path, data=data, headers=headers)
    assert got == status
    assert message in body and ctype.startswith("text/plain")


def test_long_query_is_stopped_and_server_stays_up(endpoint: str) -> None:
    start = time.monotonic()
    status, _, body = http(f"{endpoint}/query?" + urllib.parse.urlencode({"query": SLOW}))
    assert status == 503 and "stopped" in body
    assert time.monotonic() - start < TIMEOUT + 5
    # the other worker answers at once, and the killed one comes back
    for _ in range(4):
        assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True


def test_default_graph_uri_restricts_the_dataset(endpoint: str) -> None:
    q = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }", "default-graph-uri": "urn:no-such-graph"})
    status, _, body = http(f"{endpoint}/query?{q}", headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is False


def test_a_canned_query_by_name_with_its_parameter(endpoint: str, local) -> None:
    expected = store.run_query(local, store.resolve_query("who-said"), bindings={"actorName": "サキ"})
    q = urllib.parse.urlencode({"name": "who-said", "actor": "サキ"})
    status, _, body = http(f"{endpoint}/query?{q}", headers={"Accept": "application/sparql-results+json"})
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    assert [r["speaker"]["value"] for r in rows] == [r[0] for r in expected.rows] and rows
    bad = (({"name": "nope"}, "no canned query"), ({"name": "who-said", "query": "ASK {}"}, "not both"))
    for params, message in bad:
        status, _, body = http(f"{endpoint}/query?{urllib.parse.urlencode(params)}")
        assert status == 400 and message in body


def test_from_in_the_query_restricts_the_dataset(endpoint: str) -> None:
    """FROM is honoured as SPARQL 1.1 says (a Turtle graph has no named graphs: FROM one finds nothing)."""
    for query, expected in (("ASK FROM <urn:no-such-graph> { ?s ?p ?o }", False), ("ASK { ?s ?p ?o }", True)):
        q = urllib.parse.urlencode({"query": query})
        status, _, body = http(f"{endpoint}/query?{q}", headers={"Accept": "application/sparql-results+json"})
        assert status == 200 and json.loads(body)["boolean"] is expected, query


# ---- the query page --------------------------------------------------------------------------


def test_query_page(endpoint: str) -> None:
    status, ctype, body = http(endpoint + "/", headers={"Accept": "text/html"})
    assert status == 200 and ctype.startswith("text/html")
    assert "<form" in body and "who-said" in body and "/query" in body


def test_query_page_shows_results(endpoint: str) -> None:
    q = urllib.parse.urlencode({"query": "SELECT ?l WHERE { ?a a kg:Person ; rdfs:label ?l }"})
    status, _, body = http(f"{endpoint}/?{q}", headers={"Accept": "text/html,*/*;q=0.8"})
    assert status == 200 and "<th>l</th>" in body and "rows" in body


@pytest.mark.parametrize(
    "query",
    ['SELECT * WHERE { ?s ?p "</textarea><script>alert(1)</script>" }', "SELEC <script>alert(1)</script>"],
)
def test_query_page_escapes_what_it_echoes(endpoint: str, query: str) -> None:
    status, _, body = http(f"{endpoint}/?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/html"})
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert status in (200, 400)


def test_page_cells_are_escaped() -> None:
    answer = server.Answer(200, columns=("<c>",), rows=(("<img src=x onerror=alert(1)>",),), total=1)
    page = server.render_page("", answer, graph="<g>.ttl", triples=1)
    assert "<img" not in page and "&lt;img" in page and "&lt;c&gt;" in page and "&lt;g&gt;.ttl" in page


# ---- negotiation and start-up ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "accept", "formats", "expected"),
    [
        ("select", "", (), "json"),
        ("select", "*/*", (), "json"),
        ("select", "application/sparql-results+xml", (), "xml"),
        ("select", "text/csv;q=0.4, text/tab-separated-values;q=0.9", (), "tsv"),
        ("select", "text/html, application/json;q=0.1", (), "json"),
        ("select", "image/png", (), None),
        ("select", "application/sparql-results+xml", ("json",), "json"),
        ("select", "text/csv", ("turtle",), "csv"),  # a format parameter that does not fit is ignored
        ("ask", "application/sparql-results+json", (), "json"),
        ("graph", "", (), "turtle"),
        ("graph", "application/n-triples", (), "ntriples"),
        ("graph", "application/sparql-results+json", (), None),
        ("graph", "application/sparql-results+json, */*;q=0.1", ("json",), "turtle"),
        ("graph", "*/*", ("text/turtle",), "turtle"),
    ],
)
def test_negotiate(kind: str, accept: str, formats: tuple, expected: str | None) -> None:
    assert server.negotiate(kind, accept, formats) == expected


def test_unreadable_graph_fails_at_start(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(server.ServerError, match="not valid Turtle"):
        server.make_server(bad, port=0, workers=1)


def test_cli_serve_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["serve", str(tmp_path / "missing.ttl")])
    assert res.exit_code == 1 and "no such file" in " ".join(res.output.split()) and "Traceback" not in res.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("nope", encoding="utf-8")
    res = runner.invoke(app, ["serve", str(bad), "--port", "0"])
    assert res.exit_code == 1 and "not valid Turtle" in " ".join(res.output.split())
    assert "Traceback" not in res.output


# ---- the HTTP stack --------------------------------------------------------------------------


def test_service_description_on_a_get_without_a_query(endpoint: str) -> None:
    """SPARQL 1.1 Service Description: the endpoint describes itself when dereferenced without a query."""
    status, ctype, body = http(endpoint + "/query", headers={"Accept": "text/turtle"})
    assert status == 200 and ctype.startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef(endpoint + "/query")
    assert (service, RDF.type, URIRef(sd + "Service")) in g
    assert (service, URIRef(sd + "endpoint"), service) in g
    assert (service, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    assert (service, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in g
    status, ctype, body = http(endpoint + "/sparql", headers={"Accept": "application/ld+json"})
    assert status == 200 and ctype.startswith("application/ld+json") and json.loads(body)


def test_service_description_of_a_host_that_makes_no_iri_is_still_rdf() -> None:
    body = server.describe_service('http://a b"<>/query', fmt="turtle", triples=3)
    g = Graph().parse(data=body.decode(), format="turtle")
    assert len(g) > 5 and "a b" not in body.decode()


def test_a_large_answer_is_streamed_in_chunks_and_arrives_whole(endpoint: str, local) -> None:
    """An answer larger than one chunk goes out as it is computed (chunked transfer), never held whole."""
    query = "SELECT ?s ?p ?o ?x WHERE { ?s ?p ?o . VALUES ?x { 1 2 3 4 5 6 7 8 } }"
    req = urllib.request.Request(f"{endpoint}/query?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=60) as r:
        assert r.status == 200 and r.headers["Transfer-Encoding"] == "chunked"
        body = r.read()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert len(rows) - 1 == len(store.run_query(local, query)) and len(body) > 2 * server.CHUNK


def test_accepted_connections_send_without_delay() -> None:
    """asyncio sets TCP_NODELAY only on sockets made with proto IPPROTO_TCP; without it each keep-alive request
    of a response written in parts waited ~40 ms for the client's delayed ACK."""
    srv = server.SparqlServer(("127.0.0.1", 0), pool=None, graph=GRAPH, timeout=1)
    try:
        assert srv.socket.proto == socket.IPPROTO_TCP
    finally:
        srv.server_close()


def test_a_client_that_leaves_mid_stream_costs_no_worker() -> None:
    """The worker streaming to a client that hangs up is replaced (or taken back); later queries are answered."""
    srv = server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=10, workers=1)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        query = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"  # 25 M rows: far more than a client reads here
        for _ in range(2):
            with socket.create_connection(srv.server_address[:2], timeout=30) as s:
                s.sendall(f"GET /query?{urllib.parse.urlencode({'query': query})} HTTP/1.1\r\nHost: x\r\n"
                          "Accept: text/csv\r\n\r\n".encode())
                assert s.recv(4096).startswith(b"HTTP/1.1 200")
            for _ in range(600):  # the worker stops the query (or is replaced and a new one loads the graph)
                if srv.queries_running() == 0 and srv.workers_serving() == 1:
                    break
                time.sleep(0.1)
            assert client(srv.url, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True
    finally:
        srv.shutdown()
        srv.close()
        thread.join(5)


# ---- the HTTP layer: a plain ASGI app --------------------------------------------------------


def raw(url: str, method: str, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """(status, lower-cased headers, body) of one request with any method."""
    import http.client

    host, port = urllib.parse.urlsplit(url).netloc.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request(method, path, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def test_methods_and_headers(endpoint: str) -> None:
    ask = "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    status, headers, body = raw(endpoint, "OPTIONS", "/query")
    assert status == 204 and body == b"" and "POST" in headers["access-control-allow-methods"]
    assert headers["access-control-allow-origin"] == "*" and "content-length" not in headers
    status, headers, body = raw(endpoint, "GET", ask, {"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True and int(headers["content-length"]) == len(body)
    assert headers["content-type"] == "application/sparql-results+json" and headers["vary"] == "Accept"
    assert headers["access-control-allow-origin"] == "*" and "date" in headers and "server" not in headers
    status, headers, body = raw(endpoint, "HEAD", ask)
    assert status == 200 and body == b"" and headers["content-type"].startswith("application/sparql-results+json")
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, body = raw(endpoint, method, "/query")
        assert status == 405 and b"read-only" in body and headers["content-type"].startswith("text/plain")
    status, _, body = raw(endpoint, "GET", "/query?" + urllib.parse.urlencode({"update": "CLEAR ALL"}))
    assert status == 403 and b"read-only" in body


def test_requests_wait_in_line_for_a_worker() -> None:
    """With one worker, requests past the first wait for it on the event loop (at most ``queue`` of them) and are
    all answered; one past the queue gets 503 busy at once."""
    srv = server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=20, workers=1, queue=3)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # a few tenths of a second each
    try:
        answers: list = []
        threads = [threading.Thread(target=lambda: answers.append(
            http(f"{srv.url}/query?" + urllib.parse.urlencode({"query": query})))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(a[0] for a in answers) == [200] * 4 or sorted(a[0] for a in answers) == [200] * 3 + [503]
        assert srv.queries_running() == 0
    finally:
        srv.shutdown()
        srv.close()
        thread.join(5)


# ---- pre-forked workers, each answering its own queries -----------------------------------------


def test_a_worker_past_its_timeout_retires_and_a_new_process_serves() -> None:
    """A query cannot be stopped once started: its worker answers 503, stops accepting and exits, and the
    supervisor starts another process in its place, which then answers."""
    srv = server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=1, workers=1)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        first = srv.pool.children[0].process.pid
        status, _, body = http(f"{srv.url}/query?" + urllib.parse.urlencode({"query": SLOW}))
        assert status == 503 and "stopped" in body
        for _ in range(600):
            child = srv.pool.children[0]
            if child is not None and child.process.pid != first and srv.workers_serving() == 1:
                break
            time.sleep(0.1)
        assert srv.pool.children[0].process.pid != first
        assert client(srv.url, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True
    finally:
        srv.shutdown()
        srv.close()
        thread.join(5)


def test_a_quick_request_is_answered_on_the_event_loop_the_next_time(local, monkeypatch) -> None:
    """The store is read-only, so a request answered whole in time is answered without the query thread the next
    time, with the same answer; one in line behind a busy query still waits (here: none may, so 503 busy), and a
    streamed answer is never answered that way."""
    monkeypatch.setattr(server, "QUICK", 3600.0)  # whatever the machine's load, the first answer counts as quick
    runner = server._Runner(local, memory_mb=0, max_waiting=0)
    ask = server.Request("ASK { ?s a kg:Meeting }", accept="application/sparql-results+json")
    everything = server.Request("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }", accept="text/csv")

    async def scenario() -> None:
        first, body = await runner.arun(ask, timeout=30)
        assert body is None and first.status == 200 and json.loads(first.body)["boolean"] is True
        streamed, body = await runner.arun(everything, timeout=30)
        assert streamed.status == 200 and body is not None
        size = 0
        async for chunk in body:
            size += len(chunk)
        await body.aclose()
        assert size > server.CHUNK and everything not in runner.quick
        for _ in range(100):  # the query thread hands itself back once the stream has ended
            if not runner.busy:
                break
            await asyncio.sleep(0.05)
        runner.thread.shutdown()  # from here on, only an answer given on the event loop can come
        assert ask in runner.quick
        assert await runner.arun(ask, timeout=30) == (first, None)
        runner.busy = True  # another query holds the thread: the quick one waits in line like any other
        busy, _ = await runner.arun(ask, timeout=30)
        assert busy.status == 503 and busy.retry_after == server.RETRY_AFTER

    asyncio.run(scenario())


def test_only_the_default_prefixes_a_query_names_go_to_the_engine() -> None:
    """pyoxigraph spends a while over every default prefix it is given; a query gets those its text names."""
    assert server._read("ASK { ?s a kg:Meeting ; rdfs:label ?l }", ())[2] == {
        "kg": store.PREFIXES["kg"], "rdfs": store.PREFIXES["rdfs"]}
    assert server._read("ASK { ?s ?p ?o }", ())[2] == {}
    assert server._read("ASK { ?s a k\\u0067:Meeting }", ())[2] == store.PREFIXES  # an escape may spell one
