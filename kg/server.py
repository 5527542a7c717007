"""A read-only SPARQL 1.1 Protocol endpoint over one graph file.

``make_server(path)`` → a ``SparqlServer``; ``serve_forever()`` runs it and ``close()`` stops it and its workers.
Paths: ``/query`` and ``/sparql`` answer the protocol (GET and POST, form-encoded or ``application/sparql-query``
bodies; a GET without a query gets the service description); ``/`` is a small query page that answers the protocol
too. Answers are streamed as the engine computes them.

The server is pre-forked worker processes (``kg.prefork``) sharing one listening socket, each a plain ASGI app on
uvicorn holding its own in-memory pyoxigraph store loaded from the file and answering its queries itself — no hop
to another process. A worker runs one query at a time in a thread (pyoxigraph releases the GIL, so its event loop
goes on meanwhile); at most ``queue`` more wait for it, any more get 503 "busy" with Retry-After at once. A query
still running after ``timeout`` seconds gets a 503 from its worker, which then retires (a query cannot be stopped
once started): it accepts nothing more and exits, and the supervisor starts another, while the other workers go
on. A worker may grow by ``memory_mb`` MiB past what the loaded graph takes (RLIMIT_AS, where the platform has it):
a query that needs more gets a 503 when Python runs out, and when pyoxigraph does, it aborts its worker (the
connections of that worker close without an answer) and the supervisor starts another. The listen backlog is
long enough that a burst of connections is answered, not dropped. Before pyoxigraph parses a query,
``kg.guard.check_query`` bounds its size and nesting and refuses SERVICE (federation) unless its endpoints are in
``allow_service``. SPARQL Update is refused with 403.

Result formats, chosen from the ``Accept`` header (or a ``format``/``output`` parameter naming one):
SPARQL results JSON (the default), XML, CSV and TSV for SELECT and ASK; Turtle (the default), N-Triples,
N-Quads, RDF/XML and JSON-LD for CONSTRUCT and DESCRIBE. The library logs requests through ``logging``
(logger ``kg.server``) and never prints.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import html
import logging
import os
import socket
import string
import threading
import time
import urllib.parse
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import IO, NamedTuple

from kg import prefork
from kg.guard import MAX_QUERY_BYTES, QueryRefused, check_query

log = logging.getLogger("kg.server")

QUERY_PATHS = ("/query", "/sparql")
MAX_BODY = 1 << 20  # a query text larger than 1 MiB is refused (413)
HTML_ROWS = 1000  # the query page shows at most this many rows
LISTEN_BACKLOG = 1024  # connections the kernel holds until they are accepted (capped by net.core.somaxconn)
RETRY_AFTER = 1  # seconds, in a 503 "busy"
KEEP_ALIVE = 30  # seconds an idle keep-alive connection stays open
CHUNK = 1 << 16  # bytes of a streamed answer sent at a time
QUICK = 0.001  # seconds: a request answered whole within this is answered on the event loop the next time
QUICK_REMEMBERED = 128  # requests a worker remembers as quick
REMEMBERED_TEXT = 8 * 1024  # characters: a longer query or query string is never remembered (memory)

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


class Request(NamedTuple):
    """What a worker's query thread needs to answer one query."""

    query: str
    accept: str = "*/*"
    formats: tuple[str, ...] = ()  # values of the format/output/results parameters
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    html: bool = False  # answer with columns and rows for the query page
    allow_service: tuple[str, ...] = ()  # endpoints a SERVICE clause may call


class Answer(NamedTuple):
    """A query's answer: an HTTP status, a media type and a body (or, for the page, columns and rows)."""

    status: int
    media_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    total: int = 0
    retry_after: int | None = None  # seconds, for a 503 the client may retry
    retire: bool = False  # the worker that answered must be replaced (it ran out of memory)
    streamed: bool = False  # the body follows in chunks (the head of a streamed answer)


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


@functools.lru_cache(maxsize=256)
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


# ---- answering a query --------------------------------------------------------------------


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
    answer, write = prepare_answer(db, req)
    if write is None:
        return answer
    try:
        body = write(None)
    except (ValueError, OSError, RuntimeError) as e:
        return Answer(HTTPStatus.INTERNAL_SERVER_ERROR, body=f"query failed: {e}".encode())
    return answer._replace(body=body, streamed=False)


@functools.lru_cache(maxsize=128)
def _read(query: str, allow_service: tuple[str, ...]) -> tuple[tuple[str, int] | None, bool, dict[str, str]]:
    """(why ``kg.guard.check_query`` refuses ``query``, or None; whether it has a dataset clause of its own; the
    default prefixes it may use). Remembered for the last few hundred texts: all three depend on the text alone, on
    a small query the guard costs about as much as the query, and a client sends the same few queries again and
    again."""
    from kg.store import PREFIXES, has_dataset_clause

    try:
        check_query(query, allow_service=allow_service, prefixes=PREFIXES)
    except QueryRefused as e:
        return (str(e), e.status), False, {}  # not the exception: raised again and again, its traceback grows
    # pyoxigraph takes a while over every default prefix it is given (a third of what ASK { ?s ?p ?o } costs): give
    # it those whose "name:" is in the text (all of them where an escape could spell one)
    used = PREFIXES if "\\u" in query or "\\U" in query else {p: ns for p, ns in PREFIXES.items() if p + ":" in query}
    return None, has_dataset_clause(query), used


def prepare_answer(db, req: Request) -> tuple[Answer, Callable[[IO[bytes] | None], bytes | None] | None]:
    """Run ``req`` on a pyoxigraph store → (the answer's head, a function that serializes its body into a file, or
    returns it as bytes given None), or (a whole answer, None): an error, or the rows of the query page. The
    engine computes solutions as the body is written, so a large result is streamed, never held."""
    import pyoxigraph as ox

    # in the worker: what the guard costs (rdflib parses the query for an allow-list) falls under the timeout
    # a text longer than the guard allows is refused, and never remembered (a body may be up to 1 MiB)
    read = _read.__wrapped__ if len(req.query) > MAX_QUERY_BYTES else _read
    refused, has_dataset, prefixes = read(req.query, req.allow_service)
    if refused is not None:
        return Answer(refused[1], body=refused[0].encode()), None
    # the protocol's default-graph-uri / named-graph-uri replace the query's dataset; without either, its FROM holds
    protocol = bool(req.default_graphs or req.named_graphs)
    graphs: dict = {"use_default_graph_as_union": not req.default_graphs if protocol else not has_dataset}
    if req.default_graphs:
        graphs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    if req.named_graphs:
        graphs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        res = db.query(req.query, prefixes=prefixes, **graphs)
    except SyntaxError as e:
        return Answer(HTTPStatus.BAD_REQUEST, body=f"bad SPARQL: {e}".encode()), None
    except (ValueError, OSError, RuntimeError) as e:
        return Answer(HTTPStatus.BAD_REQUEST, body=f"query failed: {e}".encode()), None
    kind = "ask" if isinstance(res, ox.QueryBoolean) else "graph" if isinstance(res, ox.QueryTriples) else "select"
    if req.html:
        return _page_rows(res, kind), None
    fmt = negotiate(kind, req.accept, req.formats)
    if fmt is None:
        message = f"cannot answer {kind.upper()} results as {req.accept!r}; offered: {_offered(kind)}"
        return Answer(HTTPStatus.NOT_ACCEPTABLE, body=message.encode()), None
    if kind == "graph":
        rdf_format, rdf_prefixes = _rdf_format(fmt)

        def write(out: IO[bytes] | None) -> bytes | None:
            return ox.serialize(res, out, format=rdf_format, prefixes=rdf_prefixes)
    else:
        results_format = {
            "json": ox.QueryResultsFormat.JSON,
            "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
        }[fmt]

        def write(out: IO[bytes] | None) -> bytes | None:
            return res.serialize(out, format=results_format)
    return Answer(HTTPStatus.OK, MEDIA_TYPES[fmt], streamed=True), write


def _offered(kind: str) -> str:
    """The media types a result of ``kind`` (select, ask or graph) can be had in, for a 406's message."""
    names = (GRAPH_TYPES if kind == "graph" else RESULT_TYPES).values()
    return ", ".join(sorted({MEDIA_TYPES[n].split(";")[0] for n in names}))


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



# ---- a worker: HTTP and queries in one process -----------------------------------------------


class _Cancelled(Exception):
    """The answer being streamed is not wanted any more (the client left, or it was a HEAD)."""


class _Job:
    """One query on the query thread, and what goes between that thread and the event loop: items
    ("answer", Answer) — a whole answer, the last item — or ("head", Answer), then ("chunk", bytes)…, then
    ("end", None) or ("cut", None) when it failed half-way. At most two chunks wait to be sent: the thread waits
    for room before it makes a third (``room``), so an answer is sent as it is made, never held whole."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.items: asyncio.Queue = asyncio.Queue()
        self.room = threading.Semaphore(1)
        self.cancelled = False

    def put(self, kind: str, value) -> None:
        """From the query thread."""
        self.loop.call_soon_threadsafe(self.items.put_nowait, (kind, value))

    def cancel(self) -> None:
        """From the event loop: the thread stops at its next chunk."""
        self.cancelled = True
        self.room.release()


class _Sink:
    """The file the query thread serializes a result into: chunks of CHUNK bytes go to the event loop as they fill,
    the answer's head just before the first one, so that a query that fails before producing anything still gets
    its own status. (Not an io.RawIOBase: that one flushes when it is garbage-collected.)"""

    def __init__(self, head: Answer, job: _Job) -> None:
        self.head, self.job, self.buf, self.sent = head, job, bytearray(), False

    def write(self, b) -> int:
        self.buf += b
        if len(self.buf) >= CHUNK:
            self.send()
        return len(b)

    def flush(self) -> None:
        """Nothing: the serializer's own flushes would send every answer in pieces."""

    def send(self) -> None:
        if not self.sent:
            self.job.put("head", self.head)
            self.sent = True
        if self.buf:
            self.job.put("chunk", bytes(self.buf))
            self.buf.clear()
            self.job.room.acquire()
            if self.job.cancelled:
                raise _Cancelled


class _Body:
    """The chunks of a streamed answer, read on the event loop; ``aclose()`` stops the query thread at its next
    chunk (a client that left, a HEAD). A stream that stalls for ``timeout`` s is cut off and retires the worker
    (its query thread cannot be stopped)."""

    def __init__(self, runner: _Runner, job: _Job, timeout: float) -> None:
        self.runner, self.job, self.timeout = runner, job, timeout

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._read()

    async def _read(self) -> AsyncIterator[bytes]:
        try:
            while True:
                try:
                    async with asyncio.timeout(self.timeout):
                        kind, value = await self.job.items.get()
                except TimeoutError:
                    log.warning("an answer stopped arriving for %g s and was cut off", self.timeout)
                    self.runner.retire()
                    return
                if kind != "chunk":  # "end", or "cut": the answer failed half-way (logged by the thread)
                    return
                yield value
                self.job.room.release()
        finally:
            self.job.cancel()

    async def aclose(self) -> None:
        self.job.cancel()


class _Runner:
    """A worker's queries: run one at a time in a thread of their own (pyoxigraph releases the GIL, so the event
    loop goes on serving HTTP meanwhile); at most ``max_waiting`` more wait in line, past that 503 busy. A query
    that outlives its timeout cannot be stopped, so its worker answers 503, retires (accepts nothing more, answers
    whoever waits 503 busy, exits once its open connections are done) and the supervisor starts another."""

    def __init__(self, db, *, memory_mb: int, max_waiting: int, worker: prefork.Worker | None = None) -> None:
        import concurrent.futures

        self.db, self.memory_mb, self.max_waiting, self.worker = db, memory_mb, max_waiting, worker
        self.thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-query")
        self.busy = self.retiring = False
        self.waiters: collections.deque[asyncio.Future] = collections.deque()
        self.quick: dict[Request, None] = {}  # requests answered whole within QUICK, oldest first
        self.on_retire: Callable[[], None] = lambda: None

    def warm_up(self) -> None:
        """Start the query thread and run a query in it (its stack and allocator arena are taken before a memory
        limit counts)."""
        self.thread.submit(self.db.query, "ASK {}").result()

    async def arun(self, req: Request, *, timeout: float) -> tuple[Answer, _Body | None]:
        """Answer ``req``: (the answer, None), or (its head, its body's chunks) when it is streamed. The first
        chunk (or the whole answer) must come within ``timeout`` s of the request."""
        if req in self.quick and not self.busy and not self.retiring:
            # the store is read-only, so a request costs what it cost last time: one answered whole within QUICK
            # is answered here, on the event loop, without the two thread switches of the query thread (on a
            # trivial query they cost more than the query); still one query at a time
            self._count(True)
            try:
                return self._answer(req, None)[1], None
            finally:
                self._give()
        deadline = time.monotonic() + timeout
        if not await self._take(timeout):
            return self._busy(), None
        job = _Job(asyncio.get_running_loop())
        self.thread.submit(self._work, req, job)
        try:
            async with asyncio.timeout(max(deadline - time.monotonic(), 0)):
                kind, answer = await job.items.get()
        except TimeoutError:
            self.retire()
            message = f"query stopped after {timeout:g} s (the server's timeout); the server is still up"
            return Answer(HTTPStatus.SERVICE_UNAVAILABLE, body=message.encode()), None
        if kind == "head":
            return answer, _Body(self, job, timeout)
        if answer.retire:
            self.retire()
        return answer, None

    def _work(self, req: Request, job: _Job) -> None:
        """On the query thread: answer ``req`` into ``job``, then hand the thread to the next request."""
        kind, value = "answer", Answer(HTTPStatus.INTERNAL_SERVER_ERROR, body=b"query failed")
        start = time.perf_counter()
        try:
            kind, value = self._answer(req, job)
        finally:
            quick = kind == "answer" and not value.retire and time.perf_counter() - start < QUICK
            job.loop.call_soon_threadsafe(self._done, job, kind, value, req if quick else None)

    def _done(self, job: _Job, kind: str, value, quick: Request | None) -> None:
        job.items.put_nowait((kind, value))
        if quick is not None and len(quick.query) <= REMEMBERED_TEXT:
            self.quick[quick] = None
            if len(self.quick) > QUICK_REMEMBERED:
                del self.quick[next(iter(self.quick))]
        self._give()

    def _answer(self, req: Request, job: _Job | None) -> tuple[str, Answer | None]:
        """Answer ``req`` → ("answer", a whole answer), or, streamed into ``job``, ("end" or "cut", None); with no
        job (a quick request, answered on the event loop) the answer is whole, however long."""
        sink = None
        try:
            answer, write = prepare_answer(self.db, req)
            if write is None:
                return "answer", answer
            if job is None:
                return "answer", answer._replace(body=write(None), streamed=False)
            sink = _Sink(answer, job)
            write(sink)
        except _Cancelled:
            return "end", None
        except MemoryError:
            if isinstance(sink, _Sink) and sink.sent:
                job.loop.call_soon_threadsafe(self.retire)
                return "cut", None
            return "answer", Answer(HTTPStatus.SERVICE_UNAVAILABLE, body=_memory_message(self.memory_mb).encode(),
                                    retire=True)
        except Exception as e:  # a bug, or an error found while the result is computed
            if isinstance(sink, _Sink) and sink.sent:
                log.error("a streamed answer failed after its first chunk: %s", e)
                return "cut", None
            return "answer", Answer(HTTPStatus.INTERNAL_SERVER_ERROR, body=f"query failed: {e}".encode())
        if not sink.sent:  # the whole answer fit in one chunk: sent whole, with its length
            return "answer", sink.head._replace(body=bytes(sink.buf), streamed=False)
        with contextlib.suppress(_Cancelled):
            sink.send()
        return "end", None

    async def _take(self, timeout: float) -> bool:
        """The query thread for this request: at once, or after waiting in line (at most ``max_waiting`` wait, at
        most ``timeout`` s each); False when busy or retiring."""
        if self.retiring:
            return False
        if not self.busy:
            self._count(True)
            return True
        if len(self.waiters) >= self.max_waiting:
            return False
        waiter = asyncio.get_running_loop().create_future()
        self.waiters.append(waiter)
        try:
            async with asyncio.timeout(timeout):
                return await waiter
        except TimeoutError:  # the thread handed over at the very moment the time ran out is taken all the same
            return waiter.done() and not waiter.cancelled() and waiter.result()
        except BaseException:  # cancelled: a thread already handed to this request goes to the next one
            if waiter.done() and not waiter.cancelled() and waiter.result():
                self._give()
            raise
        finally:
            with contextlib.suppress(ValueError):
                self.waiters.remove(waiter)

    def _give(self) -> None:
        """The query thread is free: to the request waiting longest, or idle."""
        while self.waiters and not self.retiring:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(True)
                return
        self._count(False)

    def _count(self, busy: bool) -> None:
        if busy != self.busy and self.worker is not None:
            self.worker.add_running(1 if busy else -1)
        self.busy = busy

    def _busy(self) -> Answer:
        message = f"busy: the query workers are taken; retry in {RETRY_AFTER} s"
        return Answer(HTTPStatus.SERVICE_UNAVAILABLE, body=message.encode(), retry_after=RETRY_AFTER)

    def retire(self) -> None:
        """Stop taking queries (the query thread is stuck or spoilt): whoever waits gets 503 busy, and the worker
        leaves once its connections are done."""
        if self.retiring:
            return
        self.retiring = True
        if self.worker is not None:
            self.worker.retiring()
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(False)
        self.on_retire()


@dataclass
class _Service:
    """What the HTTP app of one worker reads: the graph's name and size, the timeout, the allowed SERVICE
    endpoints and the worker's query runner."""

    graph: Path
    triples: int
    query_timeout: float
    allow_service: tuple[str, ...]
    pool: _Runner


class _Settings(NamedTuple):
    """What a worker process is started with."""

    graph: str
    timeout: float
    memory_mb: int
    max_waiting: int
    allow_service: tuple[str, ...]
    log_level: int


def _serve_worker(worker: prefork.Worker, sock: socket.socket, settings: _Settings) -> None:
    """A worker process: load the graph, then serve HTTP on the shared socket until retired or stopped."""
    import uvicorn

    from kg import store as kg_store

    if settings.log_level <= logging.INFO:
        logging.basicConfig(level=settings.log_level, format="%(message)s")
    try:
        db = kg_store.load(Path(settings.graph))
    except kg_store.StoreError as e:
        worker.failed(str(e))
        return
    runner = _Runner(db, memory_mb=settings.memory_mb, max_waiting=settings.max_waiting, worker=worker)
    service = _Service(Path(settings.graph), len(db), settings.timeout, settings.allow_service, runner)
    config = uvicorn.Config(
        app(service), log_config=None, access_log=False, lifespan="off", backlog=LISTEN_BACKLOG,
        timeout_keep_alive=KEEP_ALIVE, server_header=False, date_header=True, timeout_graceful_shutdown=5,
    )
    config.load()  # imports the HTTP and event loop modules before the memory limit counts
    http = uvicorn.Server(config)

    def leave() -> None:
        for listening in http.servers:  # accept nothing more at once: new connections go to the other workers
            listening.close()
        http.should_exit = True
        # a hard stop, should connections not close: the stuck query thread must not outlive it for long
        timer = threading.Timer(30, os._exit, (0,))
        timer.daemon = True
        timer.start()

    runner.on_retire = leave
    runner.warm_up()
    limit_memory(settings.memory_mb)
    worker.ready(len(db))
    worker.wait_until_serving()
    http.run(sockets=[sock])
    os._exit(0)  # not a normal exit: it would wait for a query thread that may never end


# ---- HTTP ------------------------------------------------------------------------------------


class SparqlServer:
    """The listening socket (bound and listening from construction on: a burst of connections waits in its
    backlog) and the worker processes that serve it, each a plain ASGI app on uvicorn answering its queries
    itself. ``serve_forever()`` lets the workers serve and replaces any that ends, until ``shutdown()`` (from
    another thread) or a signal (in the main thread); ``close()`` also stops the workers."""

    def __init__(
        self, address: tuple[str, int], pool: prefork.Workers | None, *, graph: Path, timeout: float,
        allow_service: tuple[str, ...] = (),
    ) -> None:
        self.pool = pool
        self.graph = graph
        self.query_timeout = timeout
        self.allow_service = allow_service
        self.socket = _listen(address)
        self.server_address = self.socket.getsockname()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def triples(self) -> int:
        return (self.pool.info or 0) if self.pool else 0

    def workers_serving(self) -> int:
        """How many worker processes are serving (a replaced one loads the graph first)."""
        return self.pool.ready_count() if self.pool else 0

    def queries_running(self) -> int:
        return self.pool.running_count() if self.pool else 0

    def serve_forever(self) -> None:
        if self.pool is not None:
            self.pool.run()

    def shutdown(self) -> None:
        """Make ``serve_forever`` (running in another thread) return."""
        if self.pool is not None:
            self.pool.stop()

    def server_close(self) -> None:
        self.socket.close()

    def close(self) -> None:
        """Stop the workers and close the socket."""
        if self.pool is not None:
            self.pool.close()
        self.server_close()


def _listen(address: tuple[str, int]) -> socket.socket:
    host, port = address
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    # proto IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say so, and without it a response written
    # in parts (head, chunks) stalls ~40 ms on each keep-alive request (Nagle against the client's delayed ACK)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(LISTEN_BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


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
    loaded or the address cannot be bound. ``memory_mb`` (0: unlimited) is how far a worker may grow past the
    loaded graph, ``queue`` how many requests may wait for a worker's busy query thread, ``allow_service`` the
    endpoints a SERVICE clause may call (none: federation is refused).
    """
    graph = Path(graph)
    if timeout <= 0:
        raise ServerError("timeout must be positive")
    if workers < 1:
        raise ServerError("workers must be at least 1")
    if memory_mb < 0 or queue < 0:
        raise ServerError("memory and queue cannot be negative")
    try:
        srv = SparqlServer((host, port), None, graph=graph, timeout=timeout, allow_service=tuple(allow_service))
    except OSError as e:
        raise ServerError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    settings = _Settings(str(graph), timeout, memory_mb, queue, tuple(allow_service), log.getEffectiveLevel())
    srv.pool = prefork.Workers(_serve_worker, (settings,), srv.socket, size=workers,
                               start_timeout=max(600.0, timeout))
    try:
        srv.pool.start()
    except prefork.WorkerError as e:
        srv.close()
        raise ServerError(str(e)) from None
    except BaseException:
        srv.close()
        raise
    return srv


_COMMON = [(b"vary", b"Accept"), (b"access-control-allow-origin", b"*")]
_OPTIONS = [(b"access-control-allow-origin", b"*"), (b"access-control-allow-methods", b"GET, POST, OPTIONS"),
            (b"access-control-allow-headers", b"Content-Type, Accept")]


class _Response(NamedTuple):
    """A whole response: status, media type, body, extra headers."""

    status: int
    media_type: str | None = "text/plain; charset=utf-8"
    body: bytes = b""
    headers: tuple[tuple[bytes, bytes], ...] = ()

    async def send(self, send) -> None:
        headers = [*_COMMON, *self.headers]
        if self.media_type is not None:
            headers.append((b"content-type", self.media_type.encode("latin-1")))
        if self.status != HTTPStatus.NO_CONTENT:
            headers.append((b"content-length", b"%d" % len(self.body)))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})


def _error(status: int, message: str, *, retry_after: int | None = None) -> _Response:
    headers = () if retry_after is None else ((b"retry-after", str(retry_after).encode()),)
    return _Response(status, body=(message + "\n").encode("utf-8"), headers=headers)


def _read_only() -> _Response:
    return _error(HTTPStatus.FORBIDDEN, "this SPARQL endpoint is read-only: SPARQL Update is refused")


async def _send_streamed(answer: Answer, chunks: _Body, receive, send) -> None:
    """Send a streamed answer chunk by chunk (chunked transfer) as the worker makes them. A client that leaves
    stops its query at the next chunk."""

    async def until_gone() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    gone = asyncio.ensure_future(until_gone())
    try:
        await send({"type": "http.response.start", "status": answer.status,
                    "headers": [*_COMMON, (b"content-type", answer.media_type.encode("latin-1"))]})
        async for chunk in chunks:
            if gone.done():
                return
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        if not gone.done():
            await send({"type": "http.response.body", "body": b""})
    finally:
        gone.cancel()
        await chunks.aclose()


def _query_params(query_string: bytes) -> tuple[tuple[str, str], ...]:
    """The parameters of a URL's query string, in order (a short one remembered: clients send the same few again
    and again, and parsing one costs a good part of what a trivial query does)."""
    if len(query_string) <= REMEMBERED_TEXT:
        return _remembered_params(query_string)
    return _remembered_params.__wrapped__(query_string)


@functools.lru_cache(maxsize=256)
def _remembered_params(query_string: bytes) -> tuple[tuple[str, str], ...]:
    return tuple(urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))


class _Http(NamedTuple):
    """What the handler reads of one HTTP request (from the ASGI scope)."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names, the first value of each
    scope: dict

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name, default)


def app(srv: _Service):
    """The ASGI application of one worker: the protocol at /query and /sparql, the query page at /. A plain ASGI
    callable (no framework): on a small answer what a request costs in Python is most of what it costs."""

    async def application(scope, receive, send) -> None:
        if scope["type"] != "http":  # lifespan is off; websockets are not served
            return
        headers: dict[str, str] = {}
        for k, v in scope["headers"]:
            headers.setdefault(k.decode("latin-1"), v.decode("latin-1"))
        request = _Http(scope["method"], scope["path"], headers, scope)
        response = await endpoint(request, receive, send)
        if response is not None:
            await response.send(send)

    async def endpoint(request: _Http, receive, send) -> _Response | None:
        path, method = request.path, request.method
        if method == "OPTIONS":
            return _Response(HTTPStatus.NO_CONTENT, None, headers=tuple(_OPTIONS[1:]))
        if path not in ("/", *QUERY_PATHS):
            return _error(HTTPStatus.NOT_FOUND, f"no such path {path}; the query endpoint is /query")
        if method not in ("GET", "HEAD", "POST"):
            return _error(HTTPStatus.METHOD_NOT_ALLOWED, "this SPARQL endpoint is read-only")
        params: dict[str, list[str]] = {}
        if query_string := request.scope["query_string"]:
            for k, v in _query_params(query_string):
                params.setdefault(k, []).append(v)
        body_query = None
        if method == "POST":
            try:
                length = int(request.header("content-length") or 0)
            except ValueError:
                return _error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            if length > MAX_BODY:
                return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            body = bytearray()
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                body += message.get("body", b"")
                if len(body) > MAX_BODY:
                    return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
                if not message.get("more_body", False):
                    break
            media = request.header("content-type").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                return _read_only()
            try:
                text = bytes(body).decode("utf-8")
            except UnicodeDecodeError:
                return _error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
            if media == "application/x-www-form-urlencoded":
                for k, v in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif media == "application/sparql-query":
                body_query = text
            else:
                return _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                              "POST a query as application/x-www-form-urlencoded (query=…) or application/sparql-query")
        return await dispatch(request, params, body_query, receive, send)

    async def dispatch(request: _Http, params: dict[str, list[str]], body_query: str | None, receive, send):
        path = request.path
        if "update" in params:
            return _read_only()
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if "name" in params:  # a canned query by name, its parameter bound (name=who-said&actor=…)
            if queries:
                return _error(HTTPStatus.BAD_REQUEST, "give a query (query=…) or a canned query's name, not both")
            try:
                queries = [canned_query(params["name"], params.get("actor", []))]
            except ValueError as e:
                return _error(HTTPStatus.BAD_REQUEST, str(e))
        accept = request.header("accept", "*/*")
        wants_page = path == "/" and _prefers_html(accept)
        formats = tuple(params.get("format", []) + params.get("output", []) + params.get("results", []))
        if not queries and path == "/":
            return page("", None)
        if not queries and request.method in ("GET", "HEAD") and not params:
            return service_description(request, accept, formats)
        if len(queries) != 1 or not queries[0].strip():
            return _error(HTTPStatus.BAD_REQUEST, "give exactly one non-empty query (query=…)")
        req = Request(
            query=queries[0], accept=accept, formats=formats,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
            html=wants_page, allow_service=srv.allow_service,
        )
        answer, chunks = await srv.pool.arun(req, timeout=srv.query_timeout)
        if log.isEnabledFor(logging.INFO):
            client = request.scope.get("client")
            log.info("%s %s %s %d", client[0] if client else "-", request.method, path, answer.status)
        if wants_page:
            if chunks is not None:
                await chunks.aclose()
            return page(req.query, answer)
        if chunks is not None:
            if request.method == "HEAD":
                await chunks.aclose()
                return _Response(answer.status, answer.media_type)
            await _send_streamed(answer, chunks, receive, send)
            return None
        if answer.status != HTTPStatus.OK:
            return _error(answer.status, answer.body.decode("utf-8", "replace"), retry_after=answer.retry_after)
        return _Response(answer.status, answer.media_type, answer.body)

    def page(query: str, answer: Answer | None) -> _Response:
        body = render_page(query, answer, graph=srv.graph.name, triples=srv.triples).encode("utf-8")
        status = HTTPStatus.OK if answer is None else answer.status
        headers = ()
        if answer is not None and answer.retry_after is not None:
            headers = ((b"retry-after", str(answer.retry_after).encode()),)
        return _Response(status, "text/html; charset=utf-8", body, headers)

    def service_description(request: _Http, accept: str, formats: tuple[str, ...]) -> _Response:
        fmt = negotiate("graph", accept, formats)
        if fmt is None:
            return _error(HTTPStatus.NOT_ACCEPTABLE, f"the service description is RDF; offered: {_offered('graph')}")
        body = describe_service(_endpoint_url(request.scope, request.headers), fmt=fmt, triples=srv.triples)
        return _Response(HTTPStatus.OK, MEDIA_TYPES[fmt], body)

    return application


def _endpoint_url(scope: dict, headers: dict[str, str]) -> str:
    """The URL the client asked for, without its query: from the Host header, else the server's address."""
    host = headers.get("host")
    if not host:
        server = scope.get("server")
        host = f"{server[0]}:{server[1]}" if server else "localhost"
    return f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}{scope['path']}"


SERVICE_DESCRIPTION = Path(__file__).with_name("assets") / "service-description.ttl"


def describe_service(endpoint: str, *, fmt: str = "turtle", triples: int = 0) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint`` (its URL as the client asked for it,
    checked as an IRI: a Host header that makes no IRI gives a description of ``<>``, relative)."""
    import pyoxigraph as ox

    template = string.Template(SERVICE_DESCRIPTION.read_text(encoding="utf-8")).substitute(triples=int(triples))
    try:
        ox.NamedNode(endpoint)
        base = endpoint if endpoint.startswith(("http://", "https://")) else None
    except ValueError:
        base = None
    description = list(ox.parse(template, format=ox.RdfFormat.TURTLE, base_iri=base or "http://localhost/query"))
    rdf_format, prefixes = _rdf_format(fmt, sd="http://www.w3.org/ns/sparql-service-description#")
    return ox.serialize(description, format=rdf_format, prefixes=prefixes)


def _rdf_format(fmt: str, **extra_prefixes: str):
    """A short RDF format name → (pyoxigraph's RdfFormat, the prefixes to write with it, or None)."""
    import pyoxigraph as ox

    from kg.store import WRITE_PREFIXES

    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                  "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    return rdf_format, ({**WRITE_PREFIXES, **extra_prefixes} if fmt in ("turtle", "rdfxml", "jsonld") else None)


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
