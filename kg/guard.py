"""Checks a SPARQL query passes before any engine parses it: size, nesting depth, federation (SERVICE).

``check_query(text, allow_service=())`` returns nothing or raises ``QueryRefused`` with one readable line.

- Size: at most ``MAX_QUERY_BYTES`` of UTF-8 (413 in the server).
- Nesting: at most ``MAX_DEPTH`` brackets, parentheses, braces and ``!`` open at once, counted outside strings and
  comments; pyoxigraph's recursive parser overflows its stack on a few thousand and kills the process. As a net
  under any misreading of the text, every bracket of the text, strings included, may nest ``ROUGH_FACTOR`` times
  deeper, no more.
- Chains: at most ``MAX_OPERATORS`` operators (``+ - * / = < > != <= >= && || | ^``, UNION, MINUS, OPTIONAL)
  outside strings and comments. pyoxigraph builds a chain of them as one deep tree and recursed through it until
  the process died (``1 + 1 + … + 1`` with 8,000 terms, 3,000 MINUS, a property path of 9,000 steps): a segfault,
  no message. Inside what may be an IRI they count only in bulk (``<a+b+…>`` may be read as an expression).
- Federation: a ``SERVICE`` clause makes the engine send a sub-query to whatever host and port it names (and its
  error tells open ports from closed ones). pyoxigraph 0.5's ``Store.query`` has no option to switch that off, so
  the query is refused unless every endpoint it calls is in ``allow_service``.

SERVICE is found by a tokenizer that skips strings, IRIs, comments, variables and language tags and counts every
place that may be the keyword, erring towards refusing (see ``_scan``): ``"SERVICE"`` in a literal or
``<…/service#x>`` is data, ``service <…>`` in any case, ``SERVICE:x`` or ``1.SERVICE`` is the keyword. With an
allow-list, rdflib's SPARQL parser resolves each endpoint (PREFIX, BASE); every one must be allowed, and rdflib
must find as many clauses as the tokenizer counted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

MAX_QUERY_BYTES = 64 * 1024
MAX_DEPTH = 64
# a safety net that no reading of strings and IRIs can fool: every bracket and "!" of the text, strings and
# comments included, may nest at most ROUGH_FACTOR * MAX_DEPTH deep (pyoxigraph parses 2,000 nested braces)
ROUGH_FACTOR = 4
MAX_OPERATORS = 1000
_IRI_OPERATORS = 100  # more operator characters than this in one <…> count, in case it is an expression
_OPERATOR = re.compile(r"\|\||&&|!=|<=|>=|[=<>+\-*/|^]|\b(?:UNION|MINUS|OPTIONAL)\b", re.IGNORECASE)

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
_LINE_END = re.compile(r"[\r\n]")
_SERVICE_WORD = re.compile(r"service", re.IGNORECASE)
# _rough_depth's tokens: "!=" (no negation), "!", one bracket, a run of other characters that are not white space;
# white space is skipped, as it neither nests nor ends a run of "!"
_ROUGH_TOKEN = re.compile(r"!=|!|[([{)\]}]|[^\s!([{)\]}]+")
_SPACES = re.compile(r"\s+")
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
        if (ops := _operators(t)) > MAX_OPERATORS:
            raise QueryRefused(f"query chains {ops:,} operators (+, /, UNION, MINUS …); at most {MAX_OPERATORS:,} "
                               "are allowed")
        found, depth = _scan(t)
        services = max(services, found)
        if depth > MAX_DEPTH:
            raise QueryRefused(f"query nests brackets, braces and '!' {depth} deep; at most {MAX_DEPTH} are allowed")
        if (rough := _rough_depth(t)) > ROUGH_FACTOR * MAX_DEPTH:
            raise QueryRefused(
                f"query nests brackets, braces and '!' {rough} deep (strings included); "
                f"at most {ROUGH_FACTOR * MAX_DEPTH} are allowed"
            )
    if not services:
        return
    allowed = set(allow_service)
    if not allowed:
        raise QueryRefused(
            "SERVICE (federated query) is refused: kg sends no query to another endpoint unless it is allowed "
            "(--allow-service URL)"
        )
    endpoints = _service_endpoints(text, prefixes or {})
    if endpoints is None or len(endpoints) < services:
        raise QueryRefused("SERVICE is refused: cannot tell which endpoints this query would call")
    for endpoint in endpoints:
        if endpoint not in allowed:
            raise QueryRefused(f"SERVICE <{endpoint}> is refused: not an allowed endpoint (--allow-service)")


def code_of(text: str) -> str:
    """``text`` with what is no code blanked by the scan's tokens — comments, strings, variables, language tags —
    and each IRI as ``<>``: what is left are keywords, names, operators and brackets (to look for a keyword)."""
    return _SKIP.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", text)


def _operators(text: str) -> int:
    """How many operators ``text`` holds outside strings, comments and variables; inside a ``<…>`` that holds
    more than a few (no IRI does) they count too."""
    count, pos = 0, 0
    for m in _SKIP.finditer(text):
        count += len(_OPERATOR.findall(text, pos, m.start()))
        if m.group(0).startswith("<") and (inner := len(_OPERATOR.findall(m.group(0), 1))) > _IRI_OPERATORS:
            count += inner
        pos = m.end()
    return count + len(_OPERATOR.findall(text, pos))


def _char(hex_digits: str) -> str:
    code = int(hex_digits, 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _scan(text: str) -> tuple[int, int]:
    """(how many places may be a SERVICE keyword, the deepest nesting) of ``text``.

    Nesting counts open brackets, parentheses and braces, plus a run of ``!`` (each one nests an expression:
    pyoxigraph's parser recursed through 20,000 of them until it crashed), outside strings and comments.
    Brackets inside IRIs count too: where ``<`` is a less-than, the engine reads what follows as code.

    SERVICE: pyoxigraph matches a keyword as a prefix of whatever follows (``SERVICE:x`` is ``SERVICE :x``,
    ``SERVICEs:x`` is ``SERVICE s:x``, ``trueSERVICE`` may be ``true SERVICE``), so every ``service`` inside a
    word, number or prefix outside strings, IRIs, comments and variables counts, and in a prefixed name's local
    part every one after a dot. Whether ``<…>`` is an IRI or a less-than followed by code depends on the grammar;
    when the difference matters (a ``'`` or ``#`` in it starts a string or comment in the second reading) both
    readings are followed. No ``service`` inside ``<…>`` counts: a SERVICE clause needs a space, ``<`` or ``{``
    after the keyword, none of which an IRI holds.
    """
    n = len(text)
    line_ends = [m.start() for m in _LINE_END.finditer(text)]  # a comment runs to the next one
    seen: set[int] = set()
    words: set[int] = set()  # where a "service" starts
    spans: list[tuple[int, int]] = []  # every <…>
    deepest, todo, first = 0, [0], True
    while todo:
        i, depth, bangs = todo.pop(), 0, 0
        while i < n and i not in seen:
            seen.add(i)
            c = text[i]
            if c in _OPEN or c in _CLOSE or c == "!":
                if c == "!" and text.startswith("!=", i):
                    bangs = 0
                elif c == "!":
                    bangs += 1
                else:
                    depth = depth + 1 if c in _OPEN else max(depth - 1, 0)
                    bangs = 0
                if first:
                    deepest = max(deepest, depth + bangs)
                i += 1
                continue
            if c.isspace():  # a run of white space at once, unless another reading has been inside it
                end = _SPACES.match(text, i).end()
                if seen.isdisjoint(range(i + 1, end)):
                    seen.update(range(i + 1, end))
                    i = end
                else:
                    i += 1
                continue
            bangs = 0
            if c == "#":
                k = bisect.bisect_left(line_ends, i)
                i = line_ends[k] if k < len(line_ends) else n
                continue
            m = _SKIP.match(text, i)
            if m and m.end() > i:
                if c == "<":
                    spans.append((i, m.end()))
                    if first:
                        deepest = max(deepest, depth + _rough_depth(m.group(0)))
                    if "'" in m.group(0) or "#" in m.group(0):
                        todo.append(i + 1)  # the other reading: a less-than, then code
                i = m.end()
                continue
            m = _RUN.match(text, i)
            end = m.end() if m else i
            if text.startswith(":", end):  # ex:a.b, _:b1, :x, service:x
                local = _LOCAL.match(text, end + 1)
                dot = text.find(".", local.start(), local.end())
                words.update(i + w.start() for w in _SERVICE_WORD.finditer(text[i:end]))
                if dot >= 0:
                    words.update(w.start() for w in _SERVICE_WORD.finditer(text, dot, local.end()))
                i = local.end()
                continue
            if m:  # keywords, numbers
                words.update(i + w.start() for w in _SERVICE_WORD.finditer(m.group(0)))
                i = end
                continue
            i += 1
        first = False
    services = sum(not any(a < w < b for a, b in spans) for w in words)
    return services, deepest


def _rough_depth(text: str) -> int:
    """The deepest nesting of every bracket and run of ``!`` in ``text``, strings, IRIs and comments included.

    Read token by token (a bracket, a ``!`` that is no ``!=``, a run of anything else but white space), not
    character by character: a query of a few kilobytes is checked at every request."""
    depth = deepest = bangs = 0
    for m in _ROUGH_TOKEN.finditer(text):
        c = m.group()
        if c == "!":
            bangs += 1
            deepest = max(deepest, depth + bangs)
        elif c in _OPEN:
            depth, bangs = depth + 1, 0
            deepest = max(deepest, depth)
        elif c in _CLOSE:
            depth, bangs = max(depth - 1, 0), 0
        else:  # anything else but white space ends a run of "!"
            bangs = 0
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
