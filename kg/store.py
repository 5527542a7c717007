"""Load, query, format, save and export graphs.

Queries run on pyoxigraph (an in-memory Rust SPARQL engine); rdflib holds the graph the pipeline builds
and the one `viz` reads. Both are filled by pyoxigraph's parsers, so they always agree on the triples.

Named-graph layout of TriG and N-Quads: one graph per source document, named by the document IRI
(``…/id/doc/<hash>``). It holds the document's own triples, every fact derived from it (a Claim, Measure
or Meeting and its evidence node, i.e. any subject whose ``prov:wasDerivedFrom`` is that document) and
the ``said``/``demands`` edges pointing at those facts. Shared triples — actors, places — go to the
default graph. Merging every graph gives back the graph that was exported.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD
from rdflib.term import Node
from rich.cells import cell_len

from kg.describe import BUILD, BUILD_GRAPH
from kg.graph import clean_text, new_graph
from kg.guard import QueryRefused, check_query, code_of
from kg.vocab import ID, KG, NS

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
PAGED_DIR = QUERIES_DIR / "paged"  # page forms of canned listings (see run_query)

PREFIXES = {
    "kg": NS,
    "kgid": str(ID),
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": str(PROV),
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
}

# with kgid: every IRI would become an escaped name (kgid:actor\/…); full IRIs read better
WRITE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "kgid"}
JSONLD_CONTEXT = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"

# file extension → (pyoxigraph format, name for messages)
READ_FORMATS = {
    ".ttl": (ox.RdfFormat.TURTLE, "Turtle"),
    ".turtle": (ox.RdfFormat.TURTLE, "Turtle"),
    ".trig": (ox.RdfFormat.TRIG, "TriG"),
    ".nq": (ox.RdfFormat.N_QUADS, "N-Quads"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "N-Triples"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "JSON-LD"),
    ".json": (ox.RdfFormat.JSON_LD, "JSON-LD"),
}
EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")
RESULT_FORMATS = ("table", "csv", "json", "turtle")
TABLE_CELL_WIDTH = 60

# `# param ?name: what it does` in a query's header declares a parameter (see queries/*.rq).
_PARAM = re.compile(r"^#\s*param\s+\?(\w+)", re.MULTILINE)
# a dataset clause, in the code of a query (kg.guard.code_of): FROM <iri>, FROM NAMED ex:g
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:|:)", re.IGNORECASE)
_XSD_STRING = str(XSD.string)
# In a page form, `LIMIT n  # lead` says how many leading items (documents, dates, actors) to take, and a
# header line `# lead: … about N rows each` gives the first guess of rows per item.
_LEAD_LIMIT = re.compile(r"\bLIMIT\s+\d+(?=[ \t]*#[ \t]*lead\b)")
_LEAD_ROWS = re.compile(r"^#\s*lead:.*?\babout\s+(\d+)\s+rows?\s+each", re.MULTILINE)
MAX_LEAD = 4096  # past this many leading items a page costs what the whole listing does: run that instead


class StoreError(Exception):
    """A problem the user can fix: wrong path, unparsable file, bad SPARQL, unknown format."""


class StoreWriteError(StoreError, OSError):
    """A file could not be written; also an OSError, for callers that catch those around a build."""


# ---- loading ---------------------------------------------------------------------------------


def _read_format(path: Path) -> tuple[ox.RdfFormat, str]:
    if not path.exists():
        raise StoreError(f"{path}: no such file")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a graph file")
    try:
        return READ_FORMATS[path.suffix.lower()]
    except KeyError:
        known = " ".join(sorted(READ_FORMATS))
        raise StoreError(f"{path}: unknown graph format {path.suffix!r} (known: {known})") from None


def load(path: Path) -> ox.Store:
    """A graph file (.ttl .trig .nq .nt .jsonld) → an in-memory pyoxigraph Store, in the layout a triple store
    gets from ``kg push`` or the TriG/N-Quads export; a store folder (``kg build --store``) → that on-disk store,
    opened read-only (already in that layout).

    The layout: each document's facts in its own named graph, actors and
    places in the default graph (``file_quads``). The canned queries match that layout, so they give here the
    rows they give on a store queried with its default settings; queries without GRAPH see the union.

    A TriG, N-Quads or JSON-LD file is loaded as it is (pyoxigraph's loader, no Python per quad) and arranged only
    if it holds no named graph; a Turtle or N-Triples file is arranged as it is read."""
    path = Path(path)
    if path.is_dir():
        return open_store(path)
    fmt, name = _read_format(path)
    store = ox.Store()
    if not fmt.supports_datasets:
        store.bulk_extend(file_quads(path))
        return store
    with _reading(path, name):
        store.load(path=str(path), format=fmt)
    if next(store.named_graphs(), None) is None and len(store):
        quads = arrange(store)
        store.clear()
        store.bulk_extend(quads)
    return store


def open_store(folder: Path) -> ox.Store:
    """The on-disk store a build wrote to ``folder`` (``kg build --store``), read-only."""
    from kg.assemble import is_store

    folder = Path(folder)
    if not is_store(folder):
        raise StoreError(f"{folder}: is a folder, not a graph file or an Oxigraph store (kg build --store)")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as e:
        raise StoreError(f"{folder}: cannot open the store: {e}") from None


def from_graph(graph: Graph) -> ox.Store:
    """An rdflib graph → an in-memory pyoxigraph Store in the layout of ``load``."""
    store = ox.Store()
    store.bulk_extend(_sorted_quads(graph))
    return store


def load_rdflib(path: Path) -> Graph:
    """A graph file → one rdflib Graph (the triples of every named graph merged), with our prefixes."""
    path = Path(path)
    g = new_graph()
    if path.is_dir():
        from kg.assemble import store_triples

        for t in store_triples(open_store(path)):
            g.add(t)
        return g
    fmt, name = _read_format(path)
    with _reading(path, name):
        for quad in ox.parse(path=str(path), format=fmt):
            g.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    return g


@contextlib.contextmanager
def _reading(path: Path, name: str) -> Iterator[None]:
    """Parser and file errors while reading ``path`` → one StoreError that names the file."""
    try:
        yield
    except (SyntaxError, ValueError) as e:
        raise StoreError(f"{path}: not valid {name}: {e}") from None
    except OSError as e:
        raise StoreError(f"{path}: cannot read: {e}") from None


def _from_ox(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"unsupported RDF term: {term!r}")


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"unsupported RDF term: {term!r}")


# ---- queries ---------------------------------------------------------------------------------


def canned_queries() -> dict[str, str]:
    """Name → one-line description (the first comment line) of each ``queries/*.rq``."""
    out = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[:1]
        out[path.stem] = first[0].lstrip("#").strip() if first and first[0].startswith("#") else ""
    return out


def resolve_query(q: str) -> str:
    """A canned query name, a path to a ``.rq`` file, or SPARQL text → SPARQL text."""
    canned = QUERIES_DIR / f"{q}.rq"
    if re.fullmatch(r"[\w.-]+", q) and canned.is_file():
        return canned.read_text(encoding="utf-8")
    path = Path(q)
    if q.endswith(".rq") or ("\n" not in q and len(q) < 4096 and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise StoreError(f"{q}: cannot read query file: {e}") from None
    if re.fullmatch(r"[\w.-]+", q):
        names = ", ".join(canned_queries()) or "none"
        raise StoreError(f"unknown query {q!r}; canned queries: {names}")
    return q


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query names its own dataset (FROM / FROM NAMED). Such a query is run on that dataset, as
    SPARQL 1.1 says; every other query sees the union of all graphs (pyoxigraph's union flag would override
    the FROM). Strings, comments and variables are skipped as the query guard's scan skips them."""
    return bool(_FROM.search(code_of(sparql)))


def bind_values(sparql: str, bindings: dict[str, str]) -> str:
    """``sparql`` with each ``# bind ?name`` line replaced by ``VALUES ?name { "value" }``: the query text any
    SPARQL 1.1 store accepts with the parameter bound (a canned query marks that line in every group that
    filters on the parameter, since a FILTER sees only its own group's bindings).

    The value is cleaned as the graph's text was (``clean_text``) and written as an escaped string literal:
    ``"`` and ``\\`` are escaped and line breaks written as ``\\n``/``\\r``, so no value can end the literal, even
    for an engine that expands ``\\uXXXX`` before parsing (a backslash of the value is always doubled)."""
    for name, value in bindings.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise StoreError(f"not a SPARQL variable name: {name!r}")
        literal = sparql_string(clean_text(value))
        sparql, found = _bind_mark(name).subn(lambda m, n=name, v=literal: f"{m.group(1)}VALUES ?{n} {{ {v} }}", sparql)
        if not found:
            raise StoreError(f"this query marks no place for ?{name} (a '# bind ?{name}' line)")
    return sparql


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def marks_bindings(sparql: str, names: Iterable[str]) -> bool:
    """Whether ``sparql`` marks a ``# bind ?name`` line for every name."""
    return all(_bind_mark(n).search(sparql) for n in names)


def _bind_mark(name: str) -> re.Pattern:
    """The line ``# bind ?name`` (its indentation as group 1) where a query takes that parameter."""
    return re.compile(rf"^([ \t]*)#[ \t]*bind[ \t]+\?{re.escape(name)}\b[^\n]*$", re.MULTILINE)


def query_parameters(sparql: str) -> tuple[str, ...]:
    """The parameters a query declares in its header (``# param ?actorName: …``)."""
    return tuple(dict.fromkeys(_PARAM.findall(sparql)))


@dataclass(frozen=True)
class QueryResult:
    """What a query returned.

    ``columns`` and ``rows`` hold plain values (IRI, literal lexical form, ``_:id`` for blank nodes,
    None when unbound); ``terms`` gives the same cells as SPARQL-JSON term objects (type, datatype,
    language), made from ``cells`` only when asked for (CSV and a table never need most of them). A
    CONSTRUCT/DESCRIBE result has columns subject/predicate/object and its ``triples`` as rdflib
    terms; an ASK result has ``boolean``.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    cells: tuple[tuple[object, ...], ...] = ()  # the pyoxigraph terms behind rows
    kind: str = "select"  # select | graph | ask
    triples: tuple[tuple[Node, Node, Node], ...] = ()
    boolean: bool | None = None

    @cached_property
    def terms(self) -> tuple[tuple[dict | None, ...], ...]:
        return tuple(tuple(_json_term(c) for c in row) for row in self.cells)

    def __len__(self) -> int:
        return len(self.rows)


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    bindings: dict[str, str] | None = None,
    limit: int | None = None,
    offset: int = 0,
    allow_service: Iterable[str] = (),
    union: bool = True,
) -> QueryResult:
    """Run SPARQL on the union of all graphs (or on the dataset its FROM clauses name); ``bindings`` give string
    values to variables. With ``union=False`` the default graph is only the shared triples (actors, places), as on
    a triple store with its default settings: the canned queries give the same rows either way.

    Where the query marks a ``# bind ?name`` line for each (the canned queries do), values are bound as the
    ``VALUES`` block of ``bind_values``, the same text ``kg query --print`` shows for other stores; otherwise
    through pyoxigraph's ``substitutions`` (never pasted into the text), which substitute only variables the
    SELECT projects. Either way any string is safe, and the parameter columns are dropped from the result. A
    value is cleaned as the graph's text was (``clean_text``), so a name with a control character finds its
    stored label.

    ``offset`` and ``limit`` page through the solutions as the engine streams them: rows outside the
    page are skipped, never converted, and the engine stops after the page unless the query has to see
    every solution first (ORDER BY, GROUP BY, DISTINCT). A canned listing with a page form in
    queries/paged/ and no bound parameter gets its page from that form instead (see ``_run_page``), so a
    page of a sorted listing costs about what its rows do, not what the whole listing does.

    Before the engine sees it, the text passes ``kg.guard.check_query``: a query over 64 KiB, nested over 64
    deep, or calling an endpoint (SERVICE) not in ``allow_service`` is refused with a StoreError.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise StoreError("limit and offset cannot be negative")
    hide = set(query_parameters(sparql)) | set(bindings or ())
    if bindings and marks_bindings(sparql, bindings):  # the portable way: VALUES where the query marks them
        sparql, bindings = bind_values(sparql, bindings), None
    try:
        check_query(sparql, allow_service=allow_service, prefixes=PREFIXES)
    except QueryRefused as e:
        raise StoreError(str(e)) from None
    subs = {}
    for name, value in (bindings or {}).items():
        try:
            subs[ox.Variable(name)] = ox.Literal(clean_text(value))
        except ValueError:
            raise StoreError(f"not a SPARQL variable name: {name!r}") from None
    try:
        form = _page_forms().get(sparql) if limit and not subs and union else None
        page_result = _run_page(store, form, limit=limit, offset=offset, hide=hide) if form is not None else None
        if page_result is not None:
            return page_result
        union = union and not has_dataset_clause(sparql)
        res = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union, substitutions=subs or None)
        page = slice(offset, None if limit is None else offset + limit)
        return _collect(res, hide=hide, page=page)
    except SyntaxError as e:
        raise StoreError(f"bad SPARQL: {e}") from None
    except (RuntimeError, ValueError, OSError) as e:
        if "does not contains variable" in str(e):
            names = ", ".join(f"?{k}" for k in bindings or ())
            raise StoreError(f"this query takes no parameter {names}") from None
        raise StoreError(f"query failed: {e}") from None


@cache
def _page_forms() -> dict[str, str]:
    """The text of each canned query that has a page form (queries/paged/NAME.rq) → that form."""
    out = {}
    for path in sorted(PAGED_DIR.glob("*.rq")):
        canned = QUERIES_DIR / path.name
        if canned.is_file():
            out[canned.read_text(encoding="utf-8")] = path.read_text(encoding="utf-8")
    return out


def _run_page(store: ox.Store, form: str, *, limit: int, offset: int, hide: set[str]) -> QueryResult | None:
    """One page of a canned listing from its page form, or None when the page lies too deep for it.

    A canned listing is ordered by a leading item first (a document, a meeting date, an actor), so its
    first ``offset + limit`` rows are among the rows of its first k items, ordered the same way. The page
    form is the listing restricted to the first k items (its ``LIMIT k  # lead``). k starts at a guess and
    grows with the rows seen per item until the page is full. Past MAX_LEAD items, or when more items
    brought no more rows (most likely the listing ended before the page), the caller runs the whole
    listing instead. tests/test_store.py checks that the pages equal slices of the whole listing.
    """
    need = offset + limit
    per_item = max(int(m.group(1)), 1) if (m := _LEAD_ROWS.search(form)) else 1
    k, seen = max(-(-need // per_item), 1), -1
    while k <= MAX_LEAD:
        res = store.query(_LEAD_LIMIT.sub(f"LIMIT {k}", form), prefixes=PREFIXES, use_default_graph_as_union=True)
        result = _collect(res, hide=hide, page=slice(0, need))
        if len(result) == need:
            return QueryResult(result.columns, result.rows[offset:], result.cells[offset:])
        if len(result) == seen:
            return None
        seen = len(result)
        # too few rows: take more items, as many as the rows per item seen so far suggest (at least twice)
        k = max(2 * k, -(-k * need * 5 // (4 * seen))) if seen else 8 * k
    return None


def _collect(res: object, *, hide: set[str], page: slice = slice(None)) -> QueryResult:
    if isinstance(res, ox.QueryBoolean):
        value = bool(res)
        term = ox.Literal(str(value).lower(), datatype=ox.NamedNode(str(XSD.boolean)))
        return QueryResult(("ask",), ((term.value,),), ((term,),), kind="ask", boolean=value)
    if isinstance(res, ox.QueryTriples):
        triples = [(t.subject, t.predicate, t.object) for t in itertools.islice(res, page.start, page.stop)]
        return QueryResult(
            ("subject", "predicate", "object"),
            tuple(tuple(_value(x) for x in t) for t in triples),
            tuple(triples),
            kind="graph",
            triples=tuple(tuple(_from_ox(x) for x in t) for t in triples),
        )
    names = [v.value for v in res.variables]
    keep = [i for i, n in enumerate(names) if n not in hide]
    cells = tuple(tuple(solution[i] for i in keep) for solution in itertools.islice(res, page.start, page.stop))
    rows = tuple(tuple(_value(c) for c in row) for row in cells)
    return QueryResult(tuple(names[i] for i in keep), rows, cells)


def _value(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value) if hasattr(term, "value") else str(term)


def _json_term(term: object) -> dict | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


# ---- result formats --------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str) -> str:
    """A result → text without a final newline: ``table`` (aligned, long cells cut), ``csv``, ``json``
    (SPARQL 1.1 Results JSON) or ``turtle`` (CONSTRUCT/DESCRIBE results only)."""
    if fmt == "table":
        return _table(result)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buf.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps(_results_json(result), ensure_ascii=False, indent=2)
    if fmt == "turtle":
        if result.kind != "graph":
            raise StoreError("turtle output needs a CONSTRUCT or DESCRIBE query")
        return _turtle(result.triples).decode("utf-8").rstrip("\n")
    raise StoreError(f"unknown result format {fmt!r} (known: {', '.join(RESULT_FORMATS)})")


def _results_json(result: QueryResult) -> dict:
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [
        {col: term for col, term in zip(result.columns, row, strict=True) if term is not None} for row in result.terms
    ]
    return {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}


def _compact(value: str) -> str:
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns) :]}"
    return value


def _cell(value: str | None, term: dict | None) -> str:
    if value is None:
        return ""
    text = _compact(value) if term is not None and term["type"] == "uri" else value
    text = " ".join(text.split())
    if cell_len(text) <= TABLE_CELL_WIDTH:
        return text
    out, width = [], 0
    for ch in text:
        width += cell_len(ch)
        if width > TABLE_CELL_WIDTH - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _table(result: QueryResult) -> str:
    """Columns padded by display width (a kanji is two cells wide), then a row count."""
    terms = result.terms or tuple((None,) * len(result.columns) for _ in result.rows)
    grid = [list(result.columns)] + [
        [_cell(v, t) for v, t in zip(row, ts, strict=True)] for row, ts in zip(result.rows, terms, strict=True)
    ]
    widths = [max(cell_len(line[i]) for line in grid) for i in range(len(result.columns))]
    lines = [
        "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(line, widths, strict=True)).rstrip() for line in grid
    ]
    lines.insert(1, "  ".join("─" * w for w in widths))
    n = len(result.rows)
    return "\n".join(lines + [f"{n} row{'s' if n != 1 else ''}"])


# ---- save / export ---------------------------------------------------------------------------


def document_quads(graph: Graph) -> Iterator[tuple[Node, Node, Node, URIRef | None]]:
    """Each triple with the named graph it belongs to: its document's IRI, the build description's graph
    (kg.describe), or None (default graph: actors and places)."""
    home = _homes(set(graph.subjects(RDF.type, KG.Document)), graph.subject_objects(PROV.wasDerivedFrom), str)
    for s, p, o in graph:
        yield s, p, o, home.get(s) or home.get(o) or (BUILD_GRAPH if str(s).startswith(BUILD) else None)


def _homes(docs: set, derivations: Iterable[tuple], key: Callable) -> dict:
    """Each document and each fact derived from one (``derivations``: (fact, document) pairs) → the graph it
    belongs to: the document itself, or the fact's document (the first by ``key``, if it has several)."""
    home = {d: d for d in docs}
    for fact, doc in derivations:
        if doc in docs and (fact not in home or key(doc) < key(home[fact])):
            home[fact] = doc
    return home


def file_quads(path: Path) -> list[ox.Quad]:
    """The quads of a graph file in the layout of ``document_quads``, read with pyoxigraph alone (no rdflib: a
    million triples in seconds). A TriG, N-Quads or JSON-LD file with named graphs keeps its own."""
    path = Path(path)
    fmt, name = _read_format(path)
    with _reading(path, name):
        return arrange(ox.parse(path=str(path), format=fmt))


def arrange(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads in the layout of ``document_quads`` (the pyoxigraph counterpart), unless some are already in named
    graphs: those keep their own. (Written for speed: a million quads pass through these loops.)"""
    quads = list(quads)
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        return quads
    rdf_type, derived = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.wasDerivedFrom))
    document = ox.NamedNode(str(KG.Document))
    docs, derivations = set(), []
    for s, p, o, _ in quads:
        if p == derived:
            derivations.append((s, o))
        elif p == rdf_type and o == document:
            docs.add(s)
    home = _homes(docs, derivations, lambda n: n.value).get
    build, default, named = ox.NamedNode(str(BUILD_GRAPH)), ox.DefaultGraph(), ox.NamedNode
    out = []
    for s, p, o, _ in quads:
        g = home(s) or home(o)
        if g is None:
            g = build if isinstance(s, named) and s.value.startswith(BUILD) else default
        out.append(ox.Quad(s, p, o, g))
    return out


def _triple_key(t: tuple[Node, Node, Node]) -> tuple:
    # a subject's triples together, rdf:type first, then by predicate and object; a fact before its evidence
    s, p, o = t
    return (str(s), s.n3(), p != RDF.type, str(p), o.n3())


def _quad_key(q: tuple[Node, Node, Node, URIRef | None]) -> tuple:
    # the default graph first, then graph by graph, each in _triple_key order
    return ("" if q[3] is None else str(q[3]), *_triple_key(q[:3]))


def _sorted_quads(graph: Graph) -> list[ox.Quad]:
    quads = sorted(document_quads(graph), key=_quad_key)
    return [
        ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.DefaultGraph() if g is None else ox.NamedNode(str(g)))
        for s, p, o, g in quads
    ]


def _sorted_triples(graph: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    return [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in sorted(graph, key=_triple_key)]


def _turtle(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    # pyoxigraph writes in the order it is given (and is far faster than rdflib's Turtle writer)
    return ox.serialize(_sorted_triples(triples), format=ox.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES)


def serialize_store(db: ox.Store) -> bytes:
    """The Turtle of a store (the union of its graphs): the bytes ``serialize(graph, fmt="turtle")`` gives for the
    same graph."""
    from kg.assemble import store_triples

    return _turtle(store_triples(db))


def serialize(graph: Graph, *, fmt: str) -> bytes:
    """A graph → bytes in one of EXPORT_FORMATS; the same graph always gives the same bytes."""
    if fmt == "turtle":
        return _turtle(graph)
    if fmt in ("trig", "nquads"):
        rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
        return ox.serialize(_sorted_quads(graph), format=rdf_format, prefixes=WRITE_PREFIXES)
    if fmt == "ntriples":
        return ox.serialize(_sorted_triples(graph), format=ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        return json.dumps(_jsonld(graph), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    raise StoreError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")


def _jsonld(graph: Graph) -> dict:
    """A flattened JSON-LD document with named graphs, in the layout of the TriG export: the default graph's
    node objects (actors, places, publishers) at the top level, then one ``{"@id": document, "@graph": […]}``
    per document (and one for the build's description). Predicates are compact IRIs under the context shipped
    with the ontology (``ontology/context.jsonld``, inlined so the file reads offline)."""
    graphs: dict[URIRef | None, dict[Node, dict]] = {}
    for s, p, o, g in sorted(document_quads(graph), key=_quad_key):
        nodes = graphs.setdefault(g, {})
        node = nodes.setdefault(s, {"@id": str(s) if isinstance(s, URIRef) else s.n3()})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_compact(str(o)))
            continue
        node.setdefault(_compact(str(p)), []).append(_jsonld_value(o))
    top = list(graphs.pop(None, {}).values())
    top += [{"@id": str(name), "@graph": list(nodes.values())} for name, nodes in graphs.items()]
    return {"@context": jsonld_context(), "@graph": top}


@cache
def jsonld_context() -> dict:
    """The JSON-LD context shipped with the ontology: our prefixes, and a term per kg class and property."""
    return json.loads(JSONLD_CONTEXT.read_text(encoding="utf-8"))["@context"]


def _jsonld_value(o: Node) -> dict:
    if isinstance(o, URIRef):
        return {"@id": str(o)}
    if isinstance(o, BNode):
        return {"@id": o.n3()}
    if o.language:
        return {"@value": str(o), "@language": o.language}
    if o.datatype is not None and str(o.datatype) != _XSD_STRING:
        return {"@value": str(o), "@type": str(o.datatype)}
    return {"@value": str(o)}


_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_output(
    out: Path, *, inputs: Iterable[Path] = (), reads: Callable[[Path], bool] | None = None
) -> None:
    """Raise StoreWriteError unless kg may write ``out``: a new path, or a regular file that is not an input.

    Refused: anything that exists and is not a regular file (a symbolic link, folder, FIFO, device or socket:
    replacing it by a file would break what it stands for), one of ``inputs`` (compared as files, so another
    spelling or a hard link of an input is caught too), and a file inside an input folder that ``reads(path
    relative to the folder)`` says is read from it (every file, without ``reads``).
    """
    out = Path(out)
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return
    except OSError as e:
        raise StoreWriteError(f"{out}: cannot write: {e.strerror or e}") from None
    for is_kind, kind in _KINDS:
        if is_kind(st.st_mode):
            raise StoreWriteError(f"{out}: cannot write there: it is {kind}, not a regular file")
    real = out.resolve()
    for given in map(Path, inputs):
        if given.is_dir():
            folder = given.resolve()
            if real.is_relative_to(folder) and (reads is None or reads(real.relative_to(folder))):
                raise StoreWriteError(f"{out}: cannot write there: it is one of the inputs (in {given})")
        elif _same_file(given, out):
            raise StoreWriteError(f"{out}: cannot write there: it is one of the inputs")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(out: Path, data: bytes) -> Path:
    """Write ``data`` to ``out`` all at once: a temp file in the same folder, fsync, os.replace.

    A reader sees the old file or the new one, never half of one; on any failure the old file is
    left as it was and the temp file is removed. Raises StoreWriteError when it cannot be written,
    or when ``out`` exists and is not a regular file (see ``check_output``).
    """
    out = Path(out)
    check_output(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o644
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, out)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as e:
        raise StoreWriteError(f"{out}: cannot write: {e.strerror or e}") from None
    _fsync_dir(out.parent)
    return out


def _fsync_dir(folder: Path) -> None:
    # makes the rename itself durable; not possible on every platform, so best effort
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def save(graph: Graph, out: Path, *, fmt: str = "turtle") -> Path:
    """Serialise ``graph`` (see ``serialize``) and write it atomically to ``out``; returns ``out``."""
    return write_atomic(Path(out), serialize(graph, fmt=fmt))


def export(graph: Graph, out: Path, *, fmt: str) -> Path:
    """``save`` under the CLI's name: turtle, trig and nquads (one named graph per document),
    ntriples, jsonld."""
    return save(graph, out, fmt=fmt)
