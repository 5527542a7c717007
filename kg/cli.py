"""The `kg` command: parse options, call one library function, print, set the exit code.

Errors a user can cause (wrong path, bad query, unknown format) print one readable line and exit
non-zero; they never show a traceback.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    help="Build, query and explore knowledge graphs from Japanese news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    turtle = "turtle"


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "jsonld"


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def _existing(path: Path) -> Path:
    if not path.exists():
        raise fail(f"{path}: no such file or folder")
    return path


@app.command()
def build(
    inputs: Annotated[
        list[Path], typer.Argument(help="Files or folders (.txt, .html, .htm, .jsonl), read recursively.")
    ],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the graph (Turtle).")] = Path(
        "out/graph.ttl"
    ),
    report: Annotated[Path | None, typer.Option(help="Write the build report (JSON) here.")] = None,
    batch_size: Annotated[int, typer.Option(help="Texts per nlp.pipe batch.")] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build a knowledge graph from Japanese news files."""
    from kg.pipeline import build_files

    for p in inputs:
        _existing(p)
    try:
        result = build_files(inputs, out=out_path, batch_size=batch_size, progress=not quiet)
    except (OSError, RuntimeError) as e:
        raise fail(str(e)) from None
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(result.report(), ensure_ascii=False, indent=2), encoding="utf-8")
    s = result.summary()
    out.print(
        f"read {s['records']} records: {s['documents']} documents built, {s['skipped']} skipped; "
        f"{s['triples']} triples → {out_path}",
        highlight=False,
    )
    out.print(
        f"  said {s['said']}  demands {s['demands']}  meetings {s['meetings']} (heldOn {s['heldOn']})  "
        f"actors {s['actors']}",
        highlight=False,
    )
    for sk in result.skipped:
        where = f"{sk.source}" + (f":{sk.record}" if sk.record is not None else "")
        out.print(f"  skipped {where}: {sk.reason}", highlight=False, markup=False)
    if s["documents"] == 0:
        raise fail("nothing could be built from the input")


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="A graph file (Turtle, TriG, N-Quads, N-Triples, JSON-LD).")],
    query: Annotated[str, typer.Argument(help="A canned query name (see `kg queries`), a .rq file, or SPARQL.")],
    fmt: Annotated[ResultFormat, typer.Option("--format", "-f", help="Output format.")] = ResultFormat.table,
    actor: Annotated[str | None, typer.Option(help="Bind ?actorName (canned queries that take it).")] = None,
    limit: Annotated[int | None, typer.Option(help="Print at most this many rows.")] = None,
) -> None:
    """Run a SPARQL query (canned, from a file, or inline) and print the result."""
    from kg import store

    _existing(graph)
    try:
        db = store.load(graph)
        text = store.resolve_query(query)
        result = store.run_query(db, text, bindings={"actorName": actor} if actor else None)
    except store.StoreError as e:
        raise fail(str(e)) from None
    if limit is not None:
        result = result.head(limit)
    out.print(store.format_result(result, fmt.value), highlight=False, markup=False, soft_wrap=True)


@app.command("queries")
def list_queries() -> None:
    """List the canned queries."""
    from kg import store

    for name, doc in store.canned_queries().items():
        out.print(f"{name:20s} {doc}", highlight=False, markup=False)


@app.command()
def viz(
    graph: Annotated[Path, typer.Argument(help="A graph file.")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the HTML page.")] = Path(
        "out/network.html"
    ),
) -> None:
    """Write an interactive actor network (HTML, works offline)."""
    from kg import store
    from kg import viz as viz_mod

    _existing(graph)
    try:
        path = viz_mod.write_network(store.load_rdflib(graph), out_path)
    except store.StoreError as e:
        raise fail(str(e)) from None
    out.print(f"network → {path}", highlight=False)


@app.command()
def export(
    graph: Annotated[Path, typer.Argument(help="A graph file.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.trig,
    out_path: Annotated[Path, typer.Option("--out", "-o")] = Path("out/graph.trig"),
) -> None:
    """Write the graph as Turtle, TriG or N-Quads (one named graph per document), N-Triples or JSON-LD."""
    from kg import store

    _existing(graph)
    try:
        store.export(store.load_rdflib(graph), out_path, fmt=fmt.value)
    except store.StoreError as e:
        raise fail(str(e)) from None
    out.print(f"{fmt.value} → {out_path}", highlight=False)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold paragraphs (JSON Lines, see GOLD_FORMAT.md).")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the graph built from them.")] = Path(
        "out/eval-graph.ttl"
    ),
    misses: Annotated[bool, typer.Option(help="List every missed gold fact.")] = False,
) -> None:
    """Build a graph from gold paragraphs and print precision, recall and F1 per relation."""
    from kg.evaluate import evaluate_gold

    _existing(gold)
    try:
        scores = evaluate_gold(gold, out=out_path)
    except (OSError, ValueError) as e:
        raise fail(str(e)) from None
    for rel in ("said", "demands", "held_on", "participant"):
        v = scores[rel]
        out.print(
            f"{rel:12s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}  "
            f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})",
            highlight=False,
        )
    out.print(f"macro F1 (said, demands, held_on) = {scores['macro_f1']:.3f}", highlight=False)
    if misses:
        for m in scores["_misses"]:
            out.print("  miss " + " | ".join(str(x) for x in m), highlight=False, markup=False)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
