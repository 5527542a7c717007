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
from kg.merge import merge_meetings, merge_people
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
            bar.advance(task)
            try:
                extraction = extractor(article, docs)
            except Exception as e:  # a rule bug must not sink the whole build: the record is reported instead
                skipped.append(Skipped(article.source, f"extraction failed: {type(e).__name__}: {e}", article.record))
                continue
            add_extraction(result.graph, extraction)
            result.documents += 1
    merge_people(result.graph)  # corpus-wide: needs every article in the graph
    merge_meetings(result.graph)
    return result


def build_files(inputs: Iterable[Path], *, out: Path | None = None, batch_size: int = 32,
                progress: bool = False) -> BuildResult:
    """Read files or folders, build the graph, and write it (atomically) to ``out`` as Turtle."""
    from kg import store
    from kg.ingest import read_inputs

    items = unique_documents(list(read_inputs(inputs)))
    n = sum(1 for it in items if not isinstance(it, Skipped))
    result = build_articles(items, batch_size=batch_size, progress=progress, total=n)
    if out is not None and result.documents:  # never replace a good graph with an empty one
        result.out = store.save(result.graph, out)
    return result


def unique_documents(items: list[Article | Skipped]) -> list[Article | Skipped]:
    """Articles whose id another file already uses (two ``index.html`` in different folders) → Skipped.

    They would mint the same Document IRI and merge into one node; the one kept is the first in (file,
    record) order, so the order the files are given in does not matter.
    """
    kept: dict[str, Article] = {}
    for it in items:
        if isinstance(it, Article) and (it.id not in kept or _place(it) < _place(kept[it.id])):
            kept[it.id] = it
    return [
        Skipped(it.source, f"duplicate document id {it.id!r} (kept the one in {kept[it.id].source})", it.record)
        if isinstance(it, Article) and kept[it.id] is not it
        else it
        for it in items
    ]


def _place(article: Article) -> tuple[str, int]:
    return article.source, article.record or 0


def rule_counts(graph: Graph) -> Counter:
    return Counter(str(o) for o in graph.objects(predicate=KG.rule))


def _progress(enabled: bool, total: int | None):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    disable=not enabled, transient=True)
