"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl`` (pySHACL).

``validate(graph)`` → a ``Validation``: whether the graph conforms and every violation, each with the
offending node, the property path, the value and the shape's message. Nothing here prints.

Literals are checked before pySHACL sees them: an ill-typed one (``"abc"^^xsd:integer``), or one of the wrong
datatype where a shape compares values (offsets, confidence), is one violation of its own and is left out of
what pySHACL compares (which raised TypeError on it). A result pySHACL gives more than once (one per constraint
of a property) is one violation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.graph import new_graph

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
_NAMES = new_graph().namespace_manager  # kg:, prov:, dcterms: … in messages
# constraints under which pySHACL compares a value with another (and fails on incomparable literals)
_COMPARING = (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.lessThan, SH.lessThanOrEquals)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node that breaks a shape, and how."""

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str  # Violation | Warning | Info
    shape: str | None = None

    def __str__(self) -> str:
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: tuple[Violation, ...]

    def __len__(self) -> int:
        return len(self.violations)


def load_shapes(path: Path = SHAPES) -> Graph:
    """The shapes graph (Turtle)."""
    return Graph().parse(path, format="turtle")


def validate(graph: Graph, *, shapes: Path | Graph = SHAPES) -> Validation:
    """A graph → whether it conforms to ``shapes`` and the violations, sorted by node and path."""
    from pyshacl import validate as shacl  # heavy: loaded only when validating

    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(Path(shapes))
    literals = _literal_violations(graph, shapes_graph)
    data = graph
    if literals:
        data = Graph()
        for triple in graph.triples((None, None, None)):
            if triple not in literals:
                data.add(triple)
    conforms, results, _ = shacl(data, shacl_graph=shapes_graph, inference="none", advanced=True)
    flagged = {(v.focus, v.path) for v in literals.values()}
    found = [_violation(results, r) for r in results.subjects(SH.resultSeverity, None)]
    unique: dict[tuple, Violation] = {}
    for v in [*literals.values(), *(v for v in found if (v.focus, v.path) not in flagged)]:
        unique.setdefault((v.focus, v.path, v.value, v.message, v.severity), v)
    violations = sorted(unique.values(), key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return Validation(bool(conforms) and not literals, tuple(violations))


def _literal_violations(graph: Graph, shapes: Graph) -> dict[tuple[Node, Node, Node], Violation]:
    """Each triple whose literal is ill-typed, or not of the datatype a comparing shape asks for → its violation."""
    compared: dict[Node, tuple[Node, str]] = {}
    for shape, datatype in shapes.subject_objects(SH.datatype):
        path = shapes.value(shape, SH.path)
        if isinstance(path, URIRef) and any((shape, c, None) in shapes for c in _COMPARING):
            message = shapes.value(shape, SH.message)
            compared[path] = (datatype, str(message) if message else f"{_show(path)} is a {_show(datatype)}")
    out = {}
    for s, p, o in graph.triples((None, None, None)):
        if isinstance(o, Literal) and o.ill_typed:
            message = f"not a valid {_show(o.datatype)}"
        elif p in compared and not (isinstance(o, Literal) and o.datatype == compared[p][0]):
            message = compared[p][1]
        else:
            continue
        out[s, p, o] = Violation(focus=_show(s) or "?", path=_show(p), value=_show(o), message=message,
                                 severity="Violation", shape=None)
    return out


def validate_file(path: Path, *, shapes: Path | Graph = SHAPES) -> Validation:
    """A graph file (any format ``kg.store`` reads) → its ``Validation``; raises StoreError when unreadable."""
    from kg.store import load_rdflib

    return validate(load_rdflib(Path(path)), shapes=shapes)


def _violation(results: Graph, node: Node) -> Violation:
    def one(prop) -> Node | None:
        return results.value(node, prop)

    path, value, shape = one(SH.resultPath), one(SH.value), one(SH.sourceShape)
    severity = one(SH.resultSeverity)
    message = one(SH.resultMessage)
    return Violation(
        focus=_show(one(SH.focusNode)) or "?",
        path=_show(path, results),
        value=_show(value),
        message=" ".join(str(message).split()) if message is not None else "does not conform",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        shape=_show(shape),
    )


def _show(term: Node | None, results: Graph | None = None) -> str | None:
    """A term as one readable line: ``kg:said``, a full IRI, a literal with its datatype, ``^kg:said``."""
    if term is None:
        return None
    if results is not None and (inverse := results.value(term, SH.inversePath)) is not None:
        return "^" + (_show(inverse) or "?")
    return " ".join(term.n3(_NAMES).split())
