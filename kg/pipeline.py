"""The one place that wires every stage: ingest → nlp → extract/resolve → graph → store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg import lexicon, nlp
from kg.extract import Extractor
from kg.graph import add_extraction, new_graph
from kg.model import Article, Skipped
from kg.vocab import KG


@dataclass
class BuildResult:
    graph: Graph
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    out: Path | None = None

    def summary(self) -> dict[str, int]:
        g = self.graph
        return {
            "records": self.documents + len(self.skipped),
            "documents": self.documents,
            "skipped": len(self.skipped),
            "triples": len(g),
            "said": sum(1 for _ in g.triples((None, KG.said, None))),
            "demands": sum(1 for _ in g.triples((None, KG.demands, None))),
            "meetings": sum(1 for _ in g.subjects(predicate=None, object=KG.Meeting)),
            "heldOn": sum(1 for _ in g.triples((None, KG.heldOn, None))),
            "actors": len(set(g.subjects(predicate=KG.said)) | set(g.subjects(predicate=KG.demands))
                          | set(g.objects(predicate=KG.participant))),
        }

    def report(self) -> dict:
        return {
            "summary": self.summary(),
            "skipped": [{"file": s.source, "record": s.record, "reason": s.reason} for s in self.skipped],
        }


def build_articles(items: Iterable[Article | Skipped], *, batch_size: int = 32, progress: bool = False,
                   total: int | None = None) -> BuildResult:
    """Parse and extract every Article; Skipped records pass through to the report."""
    lex = lexicon.load()
    extractor = Extractor(lex)
    result = BuildResult(graph=new_graph())
    skipped = result.skipped

    def articles():
        for it in items:
            if isinstance(it, Skipped):
                skipped.append(it)
            else:
                yield it

    parsed = nlp.parse(articles(), batch_size=batch_size)
    bar = _progress(progress, total)
    with bar:
        task = bar.add_task("parsing", total=total)
        for article, docs in parsed:
            add_extraction(result.graph, extractor(article, docs))
            result.documents += 1
            bar.advance(task)
    return result


def build_files(inputs: Iterable[Path], *, out: Path | None = None, batch_size: int = 32,
                progress: bool = False) -> BuildResult:
    """Read files or folders, build the graph, and write it (atomically) to ``out`` as Turtle."""
    from kg import store
    from kg.ingest import read_inputs

    items = list(read_inputs(inputs))
    n = sum(1 for it in items if not isinstance(it, Skipped))
    result = build_articles(items, batch_size=batch_size, progress=progress, total=n)
    if out is not None and result.documents:  # never replace a good graph with an empty one
        result.out = store.save(result.graph, out)
    return result


def rule_counts(graph: Graph) -> Counter:
    return Counter(str(o) for o in graph.objects(predicate=KG.rule))


def _progress(enabled: bool, total: int | None):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    disable=not enabled, transient=True)
