"""Hardening, second pass (issue 16): no federation by default, bounded queries, a server that answers under
load and memory pressure, outputs that never overwrite inputs or special files, data printed verbatim, and a
validator that catches broken graphs.

Servers listen on 127.0.0.1 only; every loop is bounded.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import guard, server
from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "tests" / "golden" / "mini.ttl"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
runner = CliRunner()


def http(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, str]:
    """(status, headers, body) of one request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8")


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
    """Until n workers are idle again (a replaced worker loads the graph in the background)."""
    for _ in range(600):
        if srv.pool.idle.qsize() >= n:
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
    """One worker, no waiting line, a 2 s timeout and 128 MiB per query."""
    srv = server.make_server(GRAPH, host="127.0.0.1", port=0, timeout=2, workers=1, memory_mb=128, queue=0)
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
    ],
    ids=["mixed-case", "after-a-number", "escaped", "variable", "prefixed", "less-than"],
)
def test_every_spelling_of_service_is_refused(query: str) -> None:
    with pytest.raises(guard.QueryRefused, match="SERVICE"):
        guard.check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:1/> { ?a ?b ?c }" }',
        "SELECT * WHERE { ?s ?p '''service''' } # SERVICE <http://127.0.0.1:1/> {}",
        "PREFIX service: <http://e/> SELECT ?service WHERE { ?service service:x <http://e/service#a> }",
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
        assert status == 200 and '"boolean":true' in body.replace(" ", "")
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


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("SELECT * WHERE " + "{" * 65 + "?s ?p ?o" + "}" * 65, 400, "65 deep"),
        ("SELECT * WHERE { FILTER(" + "!" * 100 + "true) }", 400, "deep"),
        ("SELECT * WHERE { ?s ?p ?o }" + " " * guard.MAX_QUERY_BYTES, 413, "bytes"),
    ],
    ids=["braces", "negations", "size"],
)
def test_query_bounds_in_the_server(endpoint: server.SparqlServer, query: str, status: int, words: str) -> None:
    data = urllib.parse.urlencode({"query": query}).encode()
    got, _, body = http(f"{endpoint.url}/query", data=data,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert got == status and words in body


def test_queries_within_the_bounds_run() -> None:
    guard.check_query("SELECT * WHERE " + "{" * 60 + "?s ?p ?o" + "}" * 60)
    guard.check_query('SELECT * WHERE { ?s ?p "' + "{(" * 100 + '" }')  # brackets in a string are data
    for path in (ROOT / "queries").rglob("*.rq"):
        guard.check_query(path.read_text(encoding="utf-8"))


def doubling(times: int) -> str:
    """A query whose one string doubles ``times`` times (1 KB · 2^times)."""
    binds = " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(times))
    return f'SELECT (STRLEN(?x{times}) AS ?n) WHERE {{ VALUES ?x0 {{ "{"a" * 1024}" }} {binds} }}'


def test_query_over_its_memory_gets_503_and_the_server_stays_up(small: server.SparqlServer) -> None:
    status, _, body = get(small.url, doubling(18))  # 256 MiB at the end; 128 MiB allowed
    assert status == 503 and "memory" in body
    wait_for_idle(small, 1)
    status, _, body = get(small.url, doubling(4))
    assert status == 200 and "16384" in body


def test_all_workers_busy_gets_503_with_retry_after(small: server.SparqlServer) -> None:
    wait_for_idle(small, 1)
    slow: list = []
    thread = threading.Thread(target=lambda: slow.append(get(small.url, SLOW)))
    thread.start()
    for _ in range(600):  # until the one worker has taken the slow query
        if small.pool.idle.qsize() == 0:
            break
        time.sleep(0.01)
    status, headers, body = get(small.url, "ASK { ?s ?p ?o }")
    thread.join(60)
    assert status == 503 and "busy" in body and headers.get("Retry-After") == str(server.RETRY_AFTER)
    assert slow[0][0] == 503 and "stopped" in slow[0][2]
    wait_for_idle(small, 1)
    assert get(small.url, "ASK { ?s ?p ?o }")[0] == 200


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
