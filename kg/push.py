"""Load a graph into a remote triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Layout. With ``graph_iri`` every triple goes into that one named graph. Without it the graph is pushed in the
layout of our TriG/N-Quads export: each document's facts into a named graph called by the document's IRI, the
shared triples (actors, places) into the store's default graph (``?default``), or into the named graph
``shared_graph`` for stores whose Graph Store endpoint has no default graph (Virtuoso). One request per graph:
PUT replaces that graph (``replace=True``), POST adds to it; graphs the push does not write are left alone,
unless ``prune``: then the store's other document graphs (named ``…/id/doc/…``, the graphs of documents no longer
in the graph pushed) are deleted, so re-pushing a changed corpus leaves one copy of each triple. Graphs outside
kg's document space are never touched.

Bulk. With ``bulk`` the whole layout goes to the store's dataset endpoint (the Graph Store URL without
``?graph=``: Oxigraph's ``/store``, Fuseki's ``/data``) as one N-Quads request, each graph kept; ``replace``
first drops every graph written with one SPARQL Update request per ``DROP_BATCH`` graphs (at the update
endpoint: ``/store`` → ``/update``, Fuseki ``/data`` → ``/update``, or ``update_endpoint``). A store without a
dataset endpoint (Virtuoso) takes the per-graph requests.

Check. Afterwards the triples of every graph written are counted through the store's SPARQL query endpoint
(given, or derived from the Graph Store URL: ``/store`` → ``/query``, ``/sparql-graph-crud-auth`` → ``/sparql``,
Fuseki's ``/data`` → ``/query``, GraphDB's ``/rdf-graphs/service`` → the repository): after a replace each count
must equal ours, after an add it must be at least ours. Any mismatch or HTTP failure raises PushError with one
readable line.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import requests
from rdflib import Graph
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg import store
from kg.vocab import ID

AUTH_SCHEMES = ("basic", "digest")
BODY_TYPE = "text/turtle; charset=utf-8"
COUNT_BATCH = 200  # graphs per counting query
DROP_BATCH = 2000  # graphs per DROP request of a bulk replace
NQUADS_TYPE = "application/n-quads"
_UPDATE_ENDPOINTS = ((re.compile(r"/store/?$"), "/update"), (re.compile(r"/data/?$"), "/update"))
_BULK_PATH = re.compile(r"/store/?$")  # Oxigraph's dataset endpoint, which loads in bulk with ?no_transaction
DOC_GRAPHS = str(ID) + "doc/"  # the IRIs of document graphs (kg.graph.document_iri)
# Graph Store endpoint path → the query endpoint path beside it
_QUERY_ENDPOINTS = (
    (re.compile(r"/store/?$"), "/query"),
    (re.compile(r"/sparql-graph-crud(-auth)?/?$"), "/sparql"),
    (re.compile(r"/data/?$"), "/query"),
    (re.compile(r"/rdf-graphs/service/?$"), ""),
)


class PushError(Exception):
    """The push failed: the store could not be reached, refused a request, or holds other counts."""


@dataclass(frozen=True)
class PushResult:
    """What was pushed: (graph IRI or None for the default graph, triples) per graph, and the check."""

    url: str
    graphs: tuple[tuple[str | None, int], ...]
    replace: bool
    query_endpoint: str | None = None
    checked: bool = False
    pruned: tuple[str, ...] = ()  # document graphs deleted because their document is gone

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def make_auth(user: str | None, password: str | None, *, scheme: str = "digest") -> AuthBase | None:
    """requests' Basic or Digest auth for ``user``; None without a user."""
    if user is None:
        return None
    if scheme not in AUTH_SCHEMES:
        raise PushError(f"unknown auth scheme {scheme!r} (known: {', '.join(AUTH_SCHEMES)})")
    cls = HTTPDigestAuth if scheme == "digest" else HTTPBasicAuth
    return cls(user, password or "")


def derive_query_endpoint(url: str) -> str | None:
    """The SPARQL query endpoint beside a Graph Store endpoint, when its path is one we know."""
    return _derive(url, _QUERY_ENDPOINTS)


def _derive(url: str, table: tuple[tuple[re.Pattern, str], ...]) -> str | None:
    """``url`` with its path rewritten by the first pattern of ``table`` that matches it (None: none does)."""
    parts = urllib.parse.urlsplit(url)
    for pattern, replacement in table:
        if pattern.search(parts.path):
            return urllib.parse.urlunsplit(parts._replace(path=pattern.sub(replacement, parts.path), query=""))
    return None


def layout(graph: Graph | Path, *, graph_iri: str | None = None, shared_graph: str | None = None
           ) -> dict[str | None, list]:
    """Graph name (None = default graph) → its pyoxigraph triples, in the layout described above. ``graph`` is an
    rdflib Graph or a graph file (read with pyoxigraph alone: what `kg push` does, fast at a million triples)."""
    out: dict[str | None, list] = defaultdict(list)
    for q in laid_out(graph, graph_iri=graph_iri, shared_graph=shared_graph):
        out[None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value].append(
            ox.Triple(q.subject, q.predicate, q.object))
    return dict(out)


def laid_out(graph: Graph | Path, *, graph_iri: str | None = None, shared_graph: str | None = None
             ) -> list[ox.Quad]:
    """The quads of ``layout``, as one list (what a bulk push sends)."""
    if isinstance(graph, Graph):
        quads = list(ox.parse(store.serialize(graph, fmt="nquads"), format=ox.RdfFormat.N_QUADS))
    else:
        quads = store.file_quads(graph)
    if graph_iri is None and shared_graph is None:
        return quads
    one, shared = ox.NamedNode(graph_iri or shared_graph), ox.NamedNode(shared_graph or graph_iri)
    return [ox.Quad(q.subject, q.predicate, q.object, one if graph_iri is not None
                    else shared if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name) for q in quads]


def push(
    graph: Graph | Path,
    url: str,
    *,
    graph_iri: str | None = None,
    shared_graph: str | None = None,
    replace: bool = False,
    auth: AuthBase | None = None,
    query_endpoint: str | None = None,
    check: bool = True,
    prune: bool = False,
    bulk: bool = False,
    update_endpoint: str | None = None,
    timeout: float = 120.0,
) -> PushResult:
    """Push ``graph`` to the Graph Store endpoint ``url``; see the module docstring. Returns what was pushed."""
    for iri in (graph_iri, shared_graph):
        if iri is not None:
            _check_iri(iri)
    if prune and graph_iri is not None:
        raise PushError("--prune removes the graphs of documents that are gone: it needs one graph per document, "
                        "not --graph")
    if (check or prune) and query_endpoint is None:
        query_endpoint = derive_query_endpoint(url)
        if query_endpoint is None:
            raise PushError(f"{url}: cannot tell its SPARQL query endpoint; give --query-endpoint (or --no-check)")
    if bulk and replace and update_endpoint is None:
        update_endpoint = _derive(url, _UPDATE_ENDPOINTS)
        if update_endpoint is None:
            raise PushError(f"{url}: cannot tell its SPARQL update endpoint for a bulk replace; give --update-endpoint")
    if bulk:
        quads = laid_out(graph, graph_iri=graph_iri, shared_graph=shared_graph)
        sizes = Counter(None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value for q in quads)
        graphs: dict[str | None, list] = {}
    else:
        graphs = layout(graph, graph_iri=graph_iri, shared_graph=shared_graph)
        sizes = Counter({name: len(triples) for name, triples in graphs.items()})
    with requests.Session() as session:
        session.auth = auth
        if bulk:
            _send_bulk(session, url, quads, sorted(sizes, key=lambda n: n or ""), replace=replace,
                       update_endpoint=update_endpoint, timeout=timeout)
        for name, triples in sorted(graphs.items(), key=lambda kv: kv[0] or ""):
            body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=store.WRITE_PREFIXES)
            try:
                _send(session, "PUT" if replace else "POST", _graph_url(url, name), body, timeout=timeout)
            except PushError as e:
                if name is None and "cannot connect" not in str(e):
                    raise PushError(f"{e} (a store without a default graph needs --shared-graph IRI)") from None
                raise
        counts = tuple((name, sizes[name]) for name in sorted(sizes, key=lambda n: n or ""))
        pruned = _prune(session, url, query_endpoint, set(sizes), timeout=timeout) if prune else ()
        if check:
            _check_counts(session, query_endpoint, dict(counts), replace=replace, timeout=timeout)
    return PushResult(url, counts, replace, query_endpoint, checked=check, pruned=pruned)


def document_graphs(session: requests.Session, query_endpoint: str, *, timeout: float = 120.0) -> set[str]:
    """The names of the store's graphs that are kg document graphs."""
    sparql = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
              f'FILTER(STRSTARTS(STR(?g), "{DOC_GRAPHS}")) }}')  # a constant of ours: nothing from the data
    return {row["g"]["value"] for row in _select(session, query_endpoint, sparql, timeout=timeout)}


def _prune(session: requests.Session, url: str, query_endpoint: str, kept: set[str | None], *, timeout: float
           ) -> tuple[str, ...]:
    """Delete the document graphs the store holds that are not in ``kept``; their names, sorted."""
    gone = sorted(document_graphs(session, query_endpoint, timeout=timeout) - kept)
    for name in gone:
        _check_iri(name)  # a name read back from the store goes into a URL only once it is a clean IRI
        _send(session, "DELETE", _graph_url(url, name), b"", timeout=timeout)
    return tuple(gone)


def _send_bulk(session: requests.Session, url: str, quads: list[ox.Quad], names: list[str | None], *,
               replace: bool, update_endpoint: str | None, timeout: float) -> None:
    """Every quad in one N-Quads request to the dataset endpoint ``url``; with ``replace`` the graphs ``names``
    are dropped first, a batch of them per SPARQL Update request. Oxigraph is asked to load without a transaction
    (``no_transaction``: its bulk path, 2.5 times faster)."""
    if replace:
        for i in range(0, len(names), DROP_BATCH):
            ops = ";\n".join("DROP SILENT DEFAULT" if n is None else f"DROP SILENT GRAPH <{n}>"
                              for n in names[i : i + DROP_BATCH])  # names are checked IRIs (pyoxigraph, _check_iri)
            _send(session, "POST", update_endpoint, ops.encode("utf-8"), timeout=timeout,
                  content_type="application/sparql-update")
    target = _with_param(url, "no_transaction") if _BULK_PATH.search(urllib.parse.urlsplit(url).path) else url
    _send(session, "POST", target, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), timeout=timeout,
          content_type=NQUADS_TYPE)


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError as e:
        raise PushError(f"not an IRI: {iri!r} ({e})") from None
    if not urllib.parse.urlsplit(iri).scheme:
        raise PushError(f"not an absolute IRI: {iri!r}")


def _graph_url(url: str, name: str | None) -> str:
    return _with_param(url, "default" if name is None else urllib.parse.urlencode({"graph": name}))


def _with_param(url: str, param: str) -> str:
    """``url`` with one more query parameter (``param`` already encoded)."""
    return url + ("&" if urllib.parse.urlsplit(url).query else "?") + param


def _send(session: requests.Session, method: str, url: str, body: bytes, *, timeout: float,
          content_type: str = BODY_TYPE) -> None:
    try:
        r = session.request(method, url, data=body, headers={"Content-Type": content_type}, timeout=timeout)
    except requests.RequestException as e:
        raise PushError(f"{method} {url}: {_reason(e)}") from None
    if not r.ok:
        raise PushError(f"{method} {url}: {_status(r)}")


def _status(r: requests.Response) -> str:
    """``HTTP 401 Unauthorized: <the server's message, as one short line>``."""
    text = r.text or ""
    m = re.search(r"<xmp>(.*?)</xmp>", text, re.S)  # Virtuoso puts its message there
    text = m.group(1) if m else re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", text, flags=re.S | re.I)
    text = " ".join(html.unescape(text).split())
    if len(text) > 200:
        text = text[:199] + "…"
    hint = " (check --user, --password and --auth)" if r.status_code in (401, 403) else ""
    return f"HTTP {r.status_code} {r.reason}{hint}" + (f": {text}" if text else "")


def _reason(e: requests.RequestException) -> str:
    if isinstance(e, requests.ConnectionError):
        return "cannot connect (is the store running?)"
    if isinstance(e, requests.Timeout):
        return "timed out"
    return str(e)


def count_triples(
    session: requests.Session, query_endpoint: str, names: Iterable[str | None], *, timeout: float = 120.0
) -> dict[str | None, int]:
    """Triples per graph (None = the default graph as the endpoint sees it) through SPARQL COUNT queries."""
    names = list(names)
    out: dict[str | None, int] = {}
    if None in names:
        rows = _select(session, query_endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=timeout)
        out[None] = int(rows[0]["n"]["value"]) if rows else 0
    named = [n for n in names if n is not None]
    for i in range(0, len(named), COUNT_BATCH):
        batch = named[i : i + COUNT_BATCH]
        values = " ".join(f"<{n}>" for n in batch)  # IRIs checked by pyoxigraph: no <, >, quotes or spaces
        sparql = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        for row in _select(session, query_endpoint, sparql, timeout=timeout):
            out[row["g"]["value"]] = int(row["n"]["value"])
        for n in batch:
            out.setdefault(n, 0)
    return out


def _select(session: requests.Session, endpoint: str, sparql: str, *, timeout: float) -> list[dict]:
    try:
        r = session.post(
            endpoint,
            data={"query": sparql},
            headers={"Accept": "application/sparql-results+json"},
            timeout=timeout,
        )
    except requests.RequestException as e:
        raise PushError(f"query at {endpoint}: {_reason(e)}") from None
    if not r.ok:
        raise PushError(f"query at {endpoint}: {_status(r)}")
    try:
        return r.json()["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise PushError(f"query at {endpoint}: the answer is not SPARQL results JSON") from None


def _check_counts(
    session: requests.Session, endpoint: str, expected: dict[str | None, int], *, replace: bool, timeout: float
) -> None:
    got = count_triples(session, endpoint, expected, timeout=timeout)
    bad = [
        (name, n, got.get(name, 0))
        for name, n in expected.items()
        if (got.get(name, 0) != n if replace else got.get(name, 0) < n)
    ]
    if bad:
        shown = "; ".join(f"{name or 'the default graph'} holds {have}, pushed {n}" for name, n, have in bad[:3])
        more = f" (and {len(bad) - 3} more graphs)" if len(bad) > 3 else ""
        raise PushError(f"count check failed at {endpoint}: {shown}{more}")
