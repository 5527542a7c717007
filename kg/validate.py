"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl`` (pySHACL).

``validate(graph)`` → a ``Validation``: whether the graph conforms and every violation, each with the
offending node, the property path, the value and the shape's message. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from kg.graph import new_graph

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
_NAMES = new_graph().namespace_manager  # kg:, prov:, dcterms: … in messages


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
    conforms, results, _ = shacl(graph, shacl_graph=shapes_graph, inference="none", advanced=True)
    violations = sorted(
        (_violation(results, r) for r in results.subjects(SH.resultSeverity, None)),
        key=lambda v: (v.focus, v.path or "", v.message, v.value or ""),
    )
    return Validation(bool(conforms), tuple(violations))


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
        message=str(message) if message is not None else "does not conform",
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
