"""kg.push: the Graph Store Protocol push, and integration with two real stores started on 127.0.0.1.

The integration tests start the Oxigraph server (PyPI ``oxigraph``) and Virtuoso Open Source (Debian
``virtuoso-opensource``, ``virtuoso-t``) on free ports with their data in a temporary folder, push the seeds
graph, run every canned query there and compare the rows with the local ones. Each server is killed at
teardown; a missing binary skips its tests.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph
from typer.testing import CliRunner

from kg import push, store
from kg.cli import app
from kg.describe import BUILD_GRAPH

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "golden" / "mini.ttl"
SHARED = "https://w3id.org/kg-news/id/graph/shared"
QUERY_NAMES = sorted(store.canned_queries())
START_TIMEOUT = 60.0
ACTOR = "プーチン"  # a parameter value with rows in the seeds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flat(text: str) -> str:
    return " ".join(text.split())


# ---- without a server ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:7878/store", "http://127.0.0.1:7878/query"),
        ("http://127.0.0.1:8890/sparql-graph-crud-auth", "http://127.0.0.1:8890/sparql"),
        ("http://127.0.0.1:8890/sparql-graph-crud", "http://127.0.0.1:8890/sparql"),
        ("http://127.0.0.1:3030/news/data", "http://127.0.0.1:3030/news/query"),
        ("http://127.0.0.1:7200/repositories/news/rdf-graphs/service", "http://127.0.0.1:7200/repositories/news"),
        ("http://127.0.0.1:9999/somewhere", None),
    ],
)
def test_derive_query_endpoint(url: str, expected: str | None) -> None:
    assert push.derive_query_endpoint(url) == expected


@pytest.fixture(scope="module")
def mini() -> Graph:
    return store.load_rdflib(MINI)


def test_layout_one_graph_per_document(mini: Graph) -> None:
    graphs = push.layout(mini)
    docs = {str(d) for d in mini.subjects(store.RDF.type, store.KG.Document)}
    assert set(graphs) - {str(BUILD_GRAPH)} == docs | {None}  # (a build's description is a graph of its own)
    assert sum(len(t) for t in graphs.values()) == len(mini)


def test_layout_read_from_the_file_is_the_layout_of_the_graph(mini: Graph, tmp_path: Path) -> None:
    """kg push reads the file with pyoxigraph alone: the same graphs and triples as through rdflib."""
    def as_sets(graphs: dict) -> dict:
        return {name: {str(t) for t in triples} for name, triples in graphs.items()}

    assert as_sets(push.layout(MINI)) == as_sets(push.layout(mini))
    nq = tmp_path / "mini.nq"
    nq.write_bytes(store.serialize(mini, fmt="nquads"))
    assert as_sets(push.layout(nq)) == as_sets(push.layout(mini))


def test_layout_shared_and_single_graph(mini: Graph) -> None:
    assert SHARED in push.layout(mini, shared_graph=SHARED) and None not in push.layout(mini, shared_graph=SHARED)
    single = push.layout(mini, graph_iri="urn:x:all")
    assert list(single) == ["urn:x:all"] and len(single["urn:x:all"]) == len(mini)


def test_auth() -> None:
    assert push.make_auth(None, None) is None
    assert isinstance(push.make_auth("dba", "dba", scheme="digest"), requests.auth.HTTPDigestAuth)
    assert isinstance(push.make_auth("u", "p", scheme="basic"), requests.auth.HTTPBasicAuth)
    with pytest.raises(push.PushError, match="unknown auth scheme"):
        push.make_auth("u", "p", scheme="ntlm")


@pytest.mark.parametrize("iri", ["not an iri", "relative/path", "http://x/<y>"])
def test_bad_graph_iri(mini: Graph, iri: str) -> None:
    with pytest.raises(push.PushError, match="IRI"):
        push.push(mini, "http://127.0.0.1:1/store", graph_iri=iri)


def test_unreachable_store_is_one_clear_line(mini: Graph) -> None:
    with pytest.raises(push.PushError, match="cannot connect"):
        push.push(mini, f"http://127.0.0.1:{free_port()}/store")
    res = CliRunner().invoke(app, ["push", str(MINI), f"http://127.0.0.1:{free_port()}/store"])
    assert res.exit_code == 1 and "cannot connect" in flat(res.output) and "Traceback" not in res.output


def test_unknown_query_endpoint(mini: Graph) -> None:
    with pytest.raises(push.PushError, match="--query-endpoint"):
        push.push(mini, "http://127.0.0.1:1/elsewhere")


# ---- real servers ----------------------------------------------------------------------------


def _wait_until_up(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).ok:
                return
        time.sleep(0.2)
    pytest.fail(f"server not up after {START_TIMEOUT:g} s: {log.read_text(errors='replace')[-2000:]}")


@contextlib.contextmanager
def running(cmd: list[str], *, cwd: Path, probe: str):
    """Start ``cmd``, wait until ``probe`` answers a query, and always kill it afterwards."""
    log = cwd / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_until_up(proc, probe, log)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="module")
def seeds(nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds graph, built in this session (the model is loaded once, shared with other tests)."""
    from kg.pipeline import build_files

    out = tmp_path_factory.mktemp("seeds") / "seeds.ttl"
    build_files([ROOT / "seeds"], out=out)
    return out


@pytest.fixture(scope="module")
def seeds_graph(seeds: Path) -> Graph:
    return store.load_rdflib(seeds)


@pytest.fixture(scope="module")
def local_results(seeds: Path) -> dict[str, store.QueryResult]:
    """Each canned query's rows from `kg query`, and (name, ACTOR) → its rows with `--actor ACTOR`."""
    db = store.load(seeds)
    out = {name: store.run_query(db, store.resolve_query(name)) for name in QUERY_NAMES}
    for name in QUERY_NAMES:
        if "actorName" in store.query_parameters(store.resolve_query(name)):
            out[name, ACTOR] = store.run_query(db, store.resolve_query(name), bindings={"actorName": ACTOR})
    return out


def remote_queries(local_results) -> list[tuple[str, str, store.QueryResult]]:
    """(label, the SPARQL another store is sent — parameters bound as `kg query --print` shows —, local rows)."""
    out = []
    for key, expected in local_results.items():
        name, actor = key if isinstance(key, tuple) else (key, None)
        text = store.resolve_query(name)
        sparql = store.bind_values(text, {"actorName": actor}) if actor else text
        out.append((f"{name} {actor or ''}", sparql, expected))
    return out


@contextlib.contextmanager
def oxigraph_server(folder: Path):
    """An Oxigraph server on a free port with its data in ``folder``; yields its base URL."""
    exe = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    base = f"http://127.0.0.1:{free_port()}"
    cmd = [exe, "serve", "--location", str(folder / "db"), "--bind", base.removeprefix("http://")]
    with running(cmd, cwd=folder, probe=base + "/query"):
        yield base


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}/www
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    exe = shutil.which("virtuoso-t")
    if exe is None:
        pytest.skip("virtuoso-t is not installed (Debian package virtuoso-opensource, see system-packages.txt)")
    folder = tmp_path_factory.mktemp("virtuoso")
    (folder / "www").mkdir()
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    with running([exe, "+foreground", "+configfile", str(ini)], cwd=folder, probe=base + "/sparql"):
        yield base


def remote_rows(endpoint: str, sparql: str, columns: tuple[str, ...], **params: str) -> list[tuple]:
    r = requests.post(
        endpoint,
        data={"query": sparql, **params},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert r.ok, r.text[:500]
    return [tuple(b.get(c, {}).get("value") for c in columns) for b in r.json()["results"]["bindings"]]


def comparable(rows, columns: tuple[str, ...]) -> list[tuple]:
    """Rows as CSV shows them (unbound = empty), in the order the store gave them: the canned queries order by
    values every store compares alike (0/1 for undated, a date's text). Virtuoso keeps an xsd:boolean as 1/0, so
    ``direct`` is read back as true/false."""
    flag = {"1": "true", "0": "false"}
    out = []
    for row in rows:
        cells = tuple("" if v is None else v for v in row)
        out.append(tuple(flag.get(v, v) if c == "direct" else v for c, v in zip(columns, cells, strict=True)))
    return out


@pytest.mark.integration
@pytest.mark.model
def test_oxigraph_push_and_canned_queries(oxigraph: str, seeds: Path, seeds_graph: Graph, local_results) -> None:
    result = push.push(seeds_graph, oxigraph + "/store", replace=True)
    assert result.checked and result.triples == len(seeds_graph)
    assert len(result.graphs) > 100  # one per document, plus the default graph
    # adding the same triples again changes nothing and still checks
    assert push.push(seeds_graph, oxigraph + "/store").checked
    for name, sparql, expected in remote_queries(local_results):
        # the server's default settings: its default graph is the shared triples only, not the union
        got = remote_rows(oxigraph + "/query", sparql, expected.columns)
        assert got, name
        assert comparable(got, expected.columns) == comparable(expected.rows, expected.columns), name


@pytest.mark.integration
@pytest.mark.model
def test_oxigraph_push_into_one_named_graph_with_the_cli(oxigraph: str, seeds: Path, seeds_graph: Graph) -> None:
    res = CliRunner().invoke(app, ["push", str(seeds), oxigraph + "/store", "--graph", "urn:kg:seeds", "--replace"])
    assert res.exit_code == 0, res.output
    assert f"replaced {len(seeds_graph)} triples in 1 graphs" in flat(res.output)
    with requests.Session() as s:
        assert push.count_triples(s, oxigraph + "/query", ["urn:kg:seeds"]) == {"urn:kg:seeds": len(seeds_graph)}


@pytest.mark.integration
def test_bulk_push_is_one_dataset_request_with_the_same_graphs(tmp_path: Path, mini: Graph) -> None:
    """--bulk: the whole layout in one N-Quads request (and, with --replace, the graphs dropped first): the
    store ends with the same graphs and counts as the per-graph push, and the canned queries see the same rows."""
    local = store.load(MINI)
    with oxigraph_server(tmp_path) as base:
        for _ in range(2):  # replacing twice leaves one copy
            result = push.push(mini, base + "/store", replace=True, bulk=True)
            assert result.checked and result.triples == len(mini)
        with requests.Session() as s:
            counts = push.count_triples(s, base + "/query", [n for n, _ in result.graphs])
        assert counts == dict(result.graphs)
        for name in QUERY_NAMES:
            expected = store.run_query(local, store.resolve_query(name))
            got = remote_rows(base + "/query", store.resolve_query(name), expected.columns)
            assert comparable(got, expected.columns) == comparable(expected.rows, expected.columns), name
    with pytest.raises(push.PushError, match="update endpoint"):
        push.push(mini, "http://127.0.0.1:1/elsewhere", replace=True, bulk=True, check=False)


@pytest.mark.integration
def test_prune_deletes_the_graphs_of_documents_that_are_gone(tmp_path: Path, mini: Graph) -> None:
    """Re-pushing a corpus that lost a document leaves exactly its documents' graphs; other graphs stay."""
    graphs = push.layout(mini)
    gone = sorted(g for g in graphs if g is not None and g.startswith(push.DOC_GRAPHS))[0]
    smaller = Graph().parse(data=ox.serialize([t for n, ts in graphs.items() if n != gone for t in ts],
                                              format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    with oxigraph_server(tmp_path) as base:
        push.push(mini, base + "/store", replace=True)
        push.push(mini, base + "/store", graph_iri="urn:x:not-ours")
        res = CliRunner().invoke(app, ["push", str(MINI), base + "/store", "--prune", "--graph", "urn:x:all"])
        assert res.exit_code == 1 and "one graph per document" in flat(res.output)
        result = push.push(smaller, base + "/store", replace=True, prune=True)
        assert result.pruned == (gone,)
        with requests.Session() as s:
            docs = {g for g in graphs if g is not None and g.startswith(push.DOC_GRAPHS)}
            assert push.document_graphs(s, base + "/query") == docs - {gone}
            assert push.count_triples(s, base + "/query", ["urn:x:not-ours"]) == {"urn:x:not-ours": len(mini)}
        assert push.push(smaller, base + "/store", replace=True, prune=True).pruned == ()


@pytest.mark.integration
@pytest.mark.model
def test_virtuoso_push_and_canned_queries(virtuoso: str, seeds: Path, seeds_graph: Graph, local_results) -> None:
    auth = push.make_auth("dba", "dba", scheme="digest")
    result = push.push(seeds_graph, virtuoso + "/sparql-graph-crud-auth", shared_graph=SHARED, replace=True, auth=auth)
    assert result.checked and result.triples == len(seeds_graph)
    for name, sparql, expected in remote_queries(local_results):
        got = remote_rows(virtuoso + "/sparql", sparql, expected.columns)
        assert got, name
        assert comparable(got, expected.columns) == comparable(expected.rows, expected.columns), name


@pytest.mark.integration
def test_virtuoso_errors_are_clear(virtuoso: str, mini: Graph) -> None:
    url = virtuoso + "/sparql-graph-crud-auth"
    with pytest.raises(push.PushError, match="HTTP 401.*--password"):
        push.push(mini, url, shared_graph=SHARED, auth=push.make_auth("dba", "wrong"))
    with pytest.raises(push.PushError, match="default graph.*--shared-graph"):
        push.push(mini, url, auth=push.make_auth("dba", "dba"))
    res = CliRunner().invoke(app, ["push", str(MINI), url, "--shared-graph", SHARED, "--user", "dba"])
    assert res.exit_code == 1 and "HTTP 401" in flat(res.output) and "Traceback" not in res.output
