"""A read-only SPARQL 1.1 Protocol endpoint over one graph file.

``make_server(path)`` → a ``SparqlServer`` (a ``ThreadingHTTPServer``); ``serve_forever()`` runs it and
``close()`` stops it and its workers. Paths: ``/query`` and ``/sparql`` answer the protocol (GET and POST,
form-encoded or ``application/sparql-query`` bodies); ``/`` is a small query page that answers the protocol too.

Queries run in worker processes, each holding its own in-memory pyoxigraph store loaded from the file: a
query still running after ``timeout`` seconds has its worker killed (a fresh one takes its place) and gets a
503, while the server and the other workers go on. A worker may grow by ``memory_mb`` MiB past what the loaded
graph takes (RLIMIT_AS, where the platform has it): a query that needs more stops its worker and gets a 503 too.
When every worker is busy, at most ``queue`` requests wait for one; any more get 503 "busy" with Retry-After at
once, and the listen backlog is long enough that a burst of connections is answered, not dropped. Before pyoxigraph
parses a query, ``kg.guard.check_query`` bounds its size and nesting and refuses SERVICE (federation) unless its
endpoints are in ``allow_service``. SPARQL Update is refused with 403.

Result formats, chosen from the ``Accept`` header (or a ``format``/``output`` parameter naming one):
SPARQL results JSON (the default), XML, CSV and TSV for SELECT and ASK; Turtle (the default), N-Triples,
N-Quads, RDF/XML and JSON-LD for CONSTRUCT and DESCRIBE. The library logs requests through ``logging``
(logger ``kg.server``) and never prints.
"""

from __future__ import annotations

import contextlib
import html
import logging
import multiprocessing as mp
import os
import queue
import string
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.guard import QueryRefused, check_query

log = logging.getLogger("kg.server")

QUERY_PATHS = ("/query", "/sparql")
MAX_BODY = 1 << 20  # a query text larger than 1 MiB is refused (413)
HTML_ROWS = 1000  # the query page shows at most this many rows
LISTEN_BACKLOG = 1024  # connections the kernel holds until they are accepted (capped by net.core.somaxconn)
RETRY_AFTER = 1  # seconds, in a 503 "busy"

# media type → short name, for the Accept header and the format/output parameters
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/n-quads": "nquads",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
}
# short name → the media type a response carries
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "rdf": "rdfxml"}


class ServerError(Exception):
    """The server could not start: unreadable graph, port in use."""


@dataclass(frozen=True)
class Request:
    """What a worker needs to answer one query."""

    query: str
    accept: str = "*/*"
    formats: tuple[str, ...] = ()  # values of the format/output/results parameters
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    html: bool = False  # answer with columns and rows for the query page
    allow_service: tuple[str, ...] = ()  # endpoints a SERVICE clause may call


@dataclass(frozen=True)
class Answer:
    """A worker's reply: an HTTP status, a media type and a body (or, for the page, columns and rows)."""

    status: int
    media_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    total: int = 0
    retry_after: int | None = None  # seconds, for a 503 the client may retry
    retire: bool = False  # the worker that answered must be replaced (it ran out of memory)


# ---- content negotiation ---------------------------------------------------------------------


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    """An Accept header → (q, -position, media type), best first."""
    out = []
    for pos, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            out.append((q, -pos, media))
    return sorted(out, reverse=True)


def negotiate(kind: str, accept: str, formats: tuple[str, ...] = ()) -> str | None:
    """The short format name for a result of ``kind`` (select, ask or graph), or None when nothing fits.

    A ``format``/``output`` parameter that names a format for this kind wins (SPARQLWrapper sends
    ``format=json``); otherwise the Accept header decides; ``*/*`` or no header gives JSON or Turtle.
    """
    types = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    names = set(types.values())
    for f in formats:
        f = f.strip().lower()
        name = types.get(f.split(";")[0].strip()) or FORMAT_ALIASES.get(f, f)
        if name in names:
            return name
    default = "turtle" if kind == "graph" else "json"
    if not accept.strip():
        return default
    for _, _, media in _accepted(accept):
        if media in types:
            return types[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


# ---- the worker process ----------------------------------------------------------------------


def _worker_main(path: str, conn, memory_mb: int = 0) -> None:  # pragma: no cover - runs in a child process
    from kg import store as kg_store

    try:
        db = kg_store.load(Path(path))
    except kg_store.StoreError as e:
        conn.send(("error", str(e)))
        return
    limit_memory(memory_mb)
    conn.send(("ready", len(db)))
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = answer_query(db, req)
        except MemoryError:
            answer = Answer(HTTPStatus.SERVICE_UNAVAILABLE, body=_memory_message(memory_mb).encode(), retire=True)
        except Exception as e:  # a bug must not kill the worker silently
            answer = Answer(HTTPStatus.INTERNAL_SERVER_ERROR, body=f"query failed: {e}".encode())
        conn.send(answer)
        if answer.retire:
            return


def limit_memory(memory_mb: int) -> bool:
    """Let this process's address space grow by at most ``memory_mb`` MiB from now (RLIMIT_AS); 0: no limit.

    Past it, an allocation fails: pyoxigraph aborts the process, Python raises MemoryError. Returns whether a
    limit was set (not on platforms without RLIMIT_AS or /proc/self/statm).
    """
    if memory_mb <= 0:
        return False
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = used + (memory_mb << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        return False
    return True


def _memory_message(memory_mb: int) -> str:
    return (f"query stopped: it needed more than the {memory_mb} MiB of memory a query may use "
            "(the server's --memory); the server is still up")


def answer_query(db, req: Request) -> Answer:
    """Run ``req`` on a pyoxigraph store → an Answer (status, media type, serialized body)."""
    import pyoxigraph as ox

    from kg.store import PREFIXES, WRITE_PREFIXES, has_dataset_clause

    try:  # in the worker: what it costs (rdflib parses the query for an allow-list) falls under the timeout
        check_query(req.query, allow_service=req.allow_service, prefixes=PREFIXES)
    except QueryRefused as e:
        return Answer(e.status, body=str(e).encode())
    # the protocol's default-graph-uri / named-graph-uri replace the query's dataset; without either, its FROM holds
    protocol = bool(req.default_graphs or req.named_graphs)
    graphs: dict = {"use_default_graph_as_union": not req.default_graphs if protocol
                    else not has_dataset_clause(req.query)}
    if req.default_graphs:
        graphs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    if req.named_graphs:
        graphs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        res = db.query(req.query, prefixes=PREFIXES, **graphs)
    except SyntaxError as e:
        return Answer(HTTPStatus.BAD_REQUEST, body=f"bad SPARQL: {e}".encode())
    except (ValueError, OSError, RuntimeError) as e:
        return Answer(HTTPStatus.BAD_REQUEST, body=f"query failed: {e}".encode())
    kind = "ask" if isinstance(res, ox.QueryBoolean) else "graph" if isinstance(res, ox.QueryTriples) else "select"
    if req.html:
        return _page_rows(res, kind)
    fmt = negotiate(kind, req.accept, req.formats)
    if fmt is None:
        names = (GRAPH_TYPES if kind == "graph" else RESULT_TYPES).values()
        offered = ", ".join(sorted({MEDIA_TYPES[n].split(";")[0] for n in names}))
        message = f"cannot answer {kind.upper()} results as {req.accept!r}; offered: {offered}"
        return Answer(HTTPStatus.NOT_ACCEPTABLE, body=message.encode())
    try:
        if kind == "graph":
            rdf_format = {
                "turtle": ox.RdfFormat.TURTLE,
                "ntriples": ox.RdfFormat.N_TRIPLES,
                "nquads": ox.RdfFormat.N_QUADS,
                "rdfxml": ox.RdfFormat.RDF_XML,
                "jsonld": ox.RdfFormat.JSON_LD,
            }[fmt]
            prefixes = WRITE_PREFIXES if fmt in ("turtle", "rdfxml", "jsonld") else None
            body = ox.serialize(list(res), format=rdf_format, prefixes=prefixes)
        else:
            results_format = {
                "json": ox.QueryResultsFormat.JSON,
                "xml": ox.QueryResultsFormat.XML,
                "csv": ox.QueryResultsFormat.CSV,
                "tsv": ox.QueryResultsFormat.TSV,
            }[fmt]
            body = res.serialize(format=results_format)
    except (ValueError, OSError, RuntimeError) as e:
        return Answer(HTTPStatus.INTERNAL_SERVER_ERROR, body=f"query failed: {e}".encode())
    return Answer(HTTPStatus.OK, MEDIA_TYPES[fmt], body)


def _page_rows(res, kind: str) -> Answer:
    import pyoxigraph as ox

    def cell(term) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return str(getattr(term, "value", term))

    if kind == "ask":
        return Answer(HTTPStatus.OK, columns=("ask",), rows=((str(bool(res)).lower(),),), total=1)
    if kind == "graph":
        columns = ("subject", "predicate", "object")
        cells = ((t.subject, t.predicate, t.object) for t in res)
    else:
        columns = tuple(v.value for v in res.variables)
        cells = (tuple(s[i] for i in range(len(columns))) for s in res)
    rows, total = [], 0
    for row in cells:
        total += 1
        if total <= HTML_ROWS:
            rows.append(tuple(cell(t) for t in row))
    return Answer(HTTPStatus.OK, columns=columns, rows=tuple(rows), total=total)


class _Worker:
    """One child process holding the store; talks over a pipe."""

    def __init__(self, ctx, path: Path, *, start_timeout: float, memory_mb: int = 0) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(str(path), child, memory_mb), daemon=True, name="kg-serve-worker"
        )
        self.process.start()
        child.close()
        if not self.conn.poll(start_timeout):
            self.kill()
            raise ServerError(f"{path}: not loaded after {start_timeout:g} s")
        try:
            status, value = self.conn.recv()
        except EOFError:
            self.kill()
            raise ServerError(f"{path}: the worker process died while loading it") from None
        if status != "ready":
            self.kill()
            raise ServerError(value)
        self.triples: int = value

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class _Pool:
    path: Path
    size: int
    start_timeout: float
    memory_mb: int = 0
    max_waiting: int = 16  # requests that may wait for a busy worker
    ctx: object = field(default_factory=lambda: mp.get_context("spawn"))
    idle: queue.Queue = field(default_factory=queue.Queue)
    workers: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False
    triples: int = 0
    waiting: int = 0

    def start(self) -> None:
        try:
            for _ in range(self.size):
                w = self._new_worker()
                self.triples = w.triples
                self.workers.add(w)
                self.idle.put(w)
        except BaseException:
            self.close()
            raise

    def _new_worker(self) -> _Worker:
        return _Worker(self.ctx, self.path, start_timeout=self.start_timeout, memory_mb=self.memory_mb)

    def _take(self, timeout: float) -> _Worker | None:
        """An idle worker: at once, or after waiting in line (at most ``max_waiting`` wait); None when busy."""
        with contextlib.suppress(queue.Empty):
            return self.idle.get_nowait()
        with self.lock:
            if self.waiting >= self.max_waiting:
                return None
            self.waiting += 1
        try:
            return self.idle.get(timeout=timeout)
        except queue.Empty:
            return None
        finally:
            with self.lock:
                self.waiting -= 1

    def run(self, req: Request, *, timeout: float) -> Answer:
        deadline = time.monotonic() + timeout
        worker = self._take(timeout)
        if worker is None:
            message = f"busy: all {self.size} query workers are taken; retry in {RETRY_AFTER} s"
            return Answer(HTTPStatus.SERVICE_UNAVAILABLE, body=message.encode(), retry_after=RETRY_AFTER)
        try:
            worker.conn.send(req)
            if worker.conn.poll(max(deadline - time.monotonic(), 0)):
                answer = worker.conn.recv()
                if answer.retire:
                    self._replace(worker)
                else:
                    self.idle.put(worker)
                return answer
            message = f"query stopped after {timeout:g} s (the server's timeout); the server is still up"
            answer = Answer(HTTPStatus.SERVICE_UNAVAILABLE, body=message.encode())
        except (EOFError, OSError):
            worker.process.join(5)
            code = worker.process.exitcode
            if self.memory_mb and code == -6:  # SIGABRT: pyoxigraph aborts when an allocation fails
                message = _memory_message(self.memory_mb)
            else:
                message = f"query stopped: its worker process ended (exit code {code}); the server is still up"
            answer = Answer(HTTPStatus.SERVICE_UNAVAILABLE, body=message.encode())
        self._replace(worker)
        return answer

    def _replace(self, worker: _Worker) -> None:
        # the handler answers at once; a new worker loads the graph in the background
        worker.kill()
        with self.lock:
            self.workers.discard(worker)

        def spawn() -> None:
            try:
                new = self._new_worker()
            except ServerError as e:
                log.error("could not restart a query worker: %s", e)
                return
            with self.lock:
                if self.closed:
                    new.kill()
                    return
                self.workers.add(new)
            self.idle.put(new)

        threading.Thread(target=spawn, daemon=True, name="kg-serve-respawn").start()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers, self.workers = list(self.workers), set()
        for w in workers:
            w.kill()


# ---- HTTP ------------------------------------------------------------------------------------


class SparqlServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer bound to a pool of query workers; ``close()`` stops both."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self, address: tuple[str, int], pool: _Pool, *, graph: Path, timeout: float, allow_service: tuple[str, ...] = ()
    ) -> None:
        self.pool = pool
        self.graph = graph
        self.query_timeout = timeout
        self.allow_service = allow_service
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def triples(self) -> int:
        return self.pool.triples

    def close(self) -> None:
        """Stop serving (when running in another thread), close the socket, kill the workers."""
        self.pool.close()
        self.server_close()


def make_server(
    graph: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    workers: int = 2,
    memory_mb: int = 1024,
    queue: int = 16,
    allow_service: tuple[str, ...] = (),
) -> SparqlServer:
    """A server for ``graph`` (any file ``kg.store.load`` reads) bound to host:port (0 = a free port).

    Loads the graph in ``workers`` processes before returning; raises ServerError when it cannot be
    loaded or the address cannot be bound. ``memory_mb`` (0: unlimited) is what one query may use on top of
    the loaded graph, ``queue`` how many requests may wait for a busy worker, ``allow_service`` the endpoints
    a SERVICE clause may call (none: federation is refused).
    """
    graph = Path(graph)
    if timeout <= 0:
        raise ServerError("timeout must be positive")
    if workers < 1:
        raise ServerError("workers must be at least 1")
    if memory_mb < 0 or queue < 0:
        raise ServerError("memory and queue cannot be negative")
    pool = _Pool(graph, workers, start_timeout=max(600.0, timeout), memory_mb=memory_mb, max_waiting=queue)
    pool.start()
    try:
        return SparqlServer((host, port), pool, graph=graph, timeout=timeout, allow_service=tuple(allow_service))
    except OSError as e:
        pool.close()
        raise ServerError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql/1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.info("%s %s", self.address_string(), format % args)

    # -- replies

    def _send(
        self, status: int, body: bytes, media_type: str, *, close: bool = False, retry_after: int | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        if retry_after is not None:
            self.send_header("Retry-After", str(retry_after))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        self.send_header("Access-Control-Allow-Origin", "*")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, *, close: bool = False, retry_after: int | None = None) -> None:
        body = (message + "\n").encode("utf-8")
        self._send(status, body, "text/plain; charset=utf-8", close=close, retry_after=retry_after)

    # -- methods

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        path, _, qs = self.path.partition("?")
        self._dispatch(path, urllib.parse.parse_qs(qs, keep_blank_values=True), body_query=None)

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        path, _, qs = self.path.partition("?")
        params = urllib.parse.parse_qs(qs, keep_blank_values=True)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length", close=True)
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes", close=True)
        body = self.rfile.read(length) if length > 0 else b""
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._read_only()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
        if media == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            return self._dispatch(path, params, body_query=None)
        if media == "application/sparql-query":
            return self._dispatch(path, params, body_query=text)
        return self._error(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "POST a query as application/x-www-form-urlencoded (query=…) or application/sparql-query",
        )

    def _refuse_write(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this SPARQL endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _read_only(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "this SPARQL endpoint is read-only: SPARQL Update is refused")

    # -- protocol

    def _dispatch(self, path: str, params: dict[str, list[str]], *, body_query: str | None) -> None:
        if path not in ("/", *QUERY_PATHS):
            return self._error(HTTPStatus.NOT_FOUND, f"no such path {path}; the query endpoint is /query")
        if "update" in params:
            return self._read_only()
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if "name" in params:  # a canned query by name, its parameter bound (name=who-said&actor=…)
            if queries:
                return self._error(HTTPStatus.BAD_REQUEST, "give a query (query=…) or a canned query's name, not both")
            try:
                queries = [canned_query(params["name"], params.get("actor", []))]
            except ValueError as e:
                return self._error(HTTPStatus.BAD_REQUEST, str(e))
        wants_page = path == "/" and _prefers_html(self.headers.get("Accept", ""))
        if not queries and path == "/":
            return self._page("", None)
        if len(queries) != 1 or not queries[0].strip():
            return self._error(HTTPStatus.BAD_REQUEST, "give exactly one non-empty query (query=…)")
        req = Request(
            query=queries[0],
            accept=self.headers.get("Accept", "*/*"),
            formats=tuple(params.get("format", []) + params.get("output", []) + params.get("results", [])),
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
            html=wants_page,
            allow_service=self.server.allow_service,
        )
        answer = self.server.pool.run(req, timeout=self.server.query_timeout)
        if wants_page:
            return self._page(req.query, answer)
        if answer.status != HTTPStatus.OK:
            return self._error(answer.status, answer.body.decode("utf-8", "replace"), retry_after=answer.retry_after)
        self._send(answer.status, answer.body, answer.media_type)

    def _page(self, query: str, answer: Answer | None) -> None:
        body = render_page(query, answer, graph=self.server.graph.name, triples=self.server.triples)
        status = HTTPStatus.OK if answer is None else answer.status
        retry_after = None if answer is None else answer.retry_after
        self._send(status, body.encode("utf-8"), "text/html; charset=utf-8", retry_after=retry_after)


def canned_query(names: list[str], actors: list[str]) -> str:
    """The text of the canned query ``names[0]``, with ?actorName bound to ``actors[0]`` when given (the
    ``VALUES`` block `kg query --actor … --print` shows); ValueError with the reason otherwise."""
    from kg.store import StoreError, bind_values, canned_queries, resolve_query

    if len(names) != 1 or len(actors) > 1:
        raise ValueError("give one name=… and at most one actor=…")
    if names[0] not in canned_queries():
        raise ValueError(f"no canned query {names[0]!r}; there are: {', '.join(canned_queries())}")
    text = resolve_query(names[0])
    try:
        return bind_values(text, {"actorName": actors[0]}) if actors and actors[0] else text
    except StoreError as e:
        raise ValueError(f"{names[0]}: {e}") from None


def _prefers_html(accept: str) -> bool:
    for _, _, media in _accepted(accept):
        return media in ("text/html", "application/xhtml+xml")
    return False


# ---- the query page --------------------------------------------------------------------------

PAGE = Path(__file__).with_name("assets") / "sparql-page.html"  # the query page's template


def render_page(query: str, answer: Answer | None, *, graph: str, triples: int) -> str:
    """The query page with ``query`` in the form and ``answer`` below it; everything echoed is escaped."""
    from kg.store import QUERIES_DIR

    links = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        href = "/?" + urllib.parse.urlencode({"query": path.read_text(encoding="utf-8")})
        links.append(f'<a href="{html.escape(href)}">{html.escape(path.stem)}</a>')
    if answer is None:
        result = ""
    elif answer.status != HTTPStatus.OK:
        result = f'<p class="error">{html.escape(answer.body.decode("utf-8", "replace"))}</p>'
    else:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in answer.columns)
        rows = "\n".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in answer.rows)
        more = f" (first {len(answer.rows)} shown)" if answer.total > len(answer.rows) else ""
        result = f"<p>{answer.total} rows{more}</p><table><tr>{head}</tr>\n{rows}</table>"
    return string.Template(PAGE.read_text(encoding="utf-8")).substitute(
        graph=html.escape(graph), triples=triples, canned=" ".join(links), query=html.escape(query), result=result
    )
