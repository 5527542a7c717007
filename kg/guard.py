"""Checks a SPARQL query passes before any engine parses it: size, nesting depth, federation (SERVICE).

``check_query(text, allow_service=())`` returns nothing or raises ``QueryRefused`` with one readable line.

- Size: at most ``MAX_QUERY_BYTES`` of UTF-8 (413 in the server).
- Nesting: at most ``MAX_DEPTH`` brackets, parentheses, braces and ``!`` open at once, counted outside strings and
  comments; pyoxigraph's recursive parser overflows its stack on a few thousand and kills the process. As a net
  under any misreading of the text, every bracket of the text, strings included, may nest ``ROUGH_FACTOR`` times
  deeper, no more.
- Federation: a ``SERVICE`` clause makes the engine send a sub-query to whatever host and port it names (and its
  error tells open ports from closed ones). pyoxigraph 0.5's ``Store.query`` has no option to switch that off, so
  the query is refused unless every endpoint it calls is in ``allow_service``.

SERVICE is found twice. A tokenizer skips strings, IRIs, comments, variables, prefixed names and language tags, and
counts every remaining word ``service`` in any case (outside those the word can only be the keyword; where its
reading and the grammar's could differ, as in ``1.SERVICE``, it counts). When the word occurs anywhere, rdflib's
SPARQL parser reads the query too and lists the endpoints it resolves (PREFIX, BASE): ``"SERVICE"`` inside a string
passes only when both find no clause, and with an allow-list every endpoint must be allowed and rdflib must account
for every clause the tokenizer counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_QUERY_BYTES = 64 * 1024
MAX_DEPTH = 64
# a safety net that no reading of strings and IRIs can fool: every bracket and "!" of the text, strings and
# comments included, may nest at most ROUGH_FACTOR * MAX_DEPTH deep (pyoxigraph parses 2,000 nested braces)
ROUGH_FACTOR = 4

_OPEN, _CLOSE = "([{", ")]}"
# code-level tokens the scan steps over whole: comments, strings (long ones first), IRIs, variables, language tags
_SKIP = re.compile(
    r"""\#[^\r\n]*
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)
    | '''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)
    | "(?:[^"\\\r\n]|\\.)*"
    | '(?:[^'\\\r\n]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>
    | [?$][\w\u00b7\u0300-\u036f\u203f\u2040]*
    | @[A-Za-z][A-Za-z0-9-]*
    """,
    re.VERBOSE,
)
_RUN = re.compile(r"[\w.%\\-]+")  # a name, number or keyword; followed by ":" it is a prefix (or _:label)
_LOCAL = re.compile(r"(?:[\w.:%-]|\\.)*")  # the local part of a prefixed name
_WORD = re.compile(r"[^\W\d]\w*")
_SERVICE_WORD = re.compile(r"service", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryRefused(ValueError):
    """A query kg will not run; ``status`` is the HTTP status the server answers with."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def check_query(text: str, *, allow_service: Iterable[str] = (), prefixes: dict[str, str] | None = None) -> None:
    """Raise QueryRefused unless ``text`` is small enough, nested shallowly enough and federates only to
    endpoints in ``allow_service`` (exact IRIs). ``prefixes`` are the ones the engine declares for the query."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise QueryRefused(f"query is {size:,} bytes; at most {MAX_QUERY_BYTES:,} are allowed", status=413)
    texts = [text]
    # SPARQL lets \uXXXX stand for any character anywhere; an engine that expands them first sees another text
    unescaped = _ESCAPE.sub(lambda m: _char(m.group(1) or m.group(2)), text)
    if unescaped != text:
        texts.append(unescaped)
    services = 0
    for t in texts:
        found, depth = _scan(t)
        services = max(services, found)
        if depth > MAX_DEPTH:
            raise QueryRefused(f"query nests brackets, braces and '!' {depth} deep; at most {MAX_DEPTH} are allowed")
        if (rough := _rough_depth(t)) > ROUGH_FACTOR * MAX_DEPTH:
            raise QueryRefused(
                f"query nests brackets, braces and '!' {rough} deep (strings included); "
                f"at most {ROUGH_FACTOR * MAX_DEPTH} are allowed"
            )
    if not services and not any(_SERVICE_WORD.search(t) for t in texts):
        return
    endpoints = _service_endpoints(text, prefixes or {})  # the grammar's view, as a second opinion
    if endpoints is not None and not services and not endpoints:
        return  # the word is only in strings, IRIs, names or comments
    if endpoints is None and not services:
        raise QueryRefused("SERVICE is refused: rdflib's SPARQL parser cannot read this query to tell whether it "
                           "calls another endpoint")
    allowed = set(allow_service)
    if not allowed:
        raise QueryRefused(
            "SERVICE (federated query) is refused: kg sends no query to another endpoint unless it is allowed "
            "(--allow-service URL)"
        )
    if endpoints is None or len(endpoints) < services:
        raise QueryRefused("SERVICE is refused: cannot tell which endpoints this query would call")
    for endpoint in endpoints:
        if endpoint not in allowed:
            raise QueryRefused(f"SERVICE <{endpoint}> is refused: not an allowed endpoint (--allow-service)")


def _char(hex_digits: str) -> str:
    code = int(hex_digits, 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _scan(text: str) -> tuple[int, int]:
    """(how many SERVICE keywords, the deepest nesting) of ``text``, outside strings, comments and names.

    Nesting counts open brackets, parentheses and braces, plus a run of ``!`` (each one nests an expression:
    pyoxigraph's parser recursed through 20,000 of them until it crashed). Brackets inside IRIs count too:
    where ``<`` is a less-than, the engine reads what follows as code.
    """
    services = depth = deepest = bangs = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _OPEN or c in _CLOSE or c == "!":
            if c == "!" and text.startswith("!=", i):
                bangs = 0
            elif c == "!":
                bangs += 1
            else:
                depth = depth + 1 if c in _OPEN else max(depth - 1, 0)
                bangs = 0
            deepest = max(deepest, depth + bangs)
            i += 1
            continue
        if c.isspace():
            i += 1
            continue
        bangs = 0
        m = _SKIP.match(text, i)
        if m and m.end() > i:
            if c == "<":  # an IRI, or a less-than and an expression: count its brackets either way
                deepest = max(deepest, depth + _rough_depth(m.group(0)))
            i = m.end()
            continue
        m = _RUN.match(text, i)
        if m and text.startswith(":", m.end()):  # ex:a.b, _:b1, service:x
            i = _LOCAL.match(text, m.end() + 1).end()
            continue
        if c == ":":  # :local
            i = _LOCAL.match(text, i + 1).end()
            continue
        if m:  # keywords, numbers; "1.SERVICE" may well be "1 . SERVICE"
            services += sum(w.lower() == "service" for w in _WORD.findall(m.group(0)))
            i = m.end()
            continue
        i += 1
    return services, deepest


def _rough_depth(text: str) -> int:
    """The deepest nesting of every bracket and run of ``!`` in ``text``, strings, IRIs and comments included."""
    depth = deepest = bangs = 0
    for i, c in enumerate(text):
        if c == "!" and not text.startswith("!=", i):
            bangs += 1
        elif c in _OPEN:
            depth, bangs = depth + 1, 0
        elif c in _CLOSE:
            depth, bangs = max(depth - 1, 0), 0
        elif not c.isspace():
            bangs = 0
        deepest = max(deepest, depth + bangs)
    return deepest


def _service_endpoints(text: str, prefixes: dict[str, str]) -> list[str] | None:
    """The endpoint IRI of each SERVICE clause, as rdflib's SPARQL parser resolves it; None when rdflib cannot
    parse the query or an endpoint is a variable."""
    from rdflib import URIRef
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        query = translateQuery(parseQuery(text), initNs=prefixes)
    except Exception:  # noqa: BLE001 - any failure means the endpoints are unknown
        return None
    found: list[str] = []
    todo: list[object] = [query.algebra]
    seen: set[int] = set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                if not isinstance(term, URIRef):
                    return None
                found.append(str(term))
            todo.extend(node.values())
        elif isinstance(node, list | tuple | set):
            todo.extend(node)
    return found
