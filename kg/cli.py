"""The `kg` command: parse options, call one library function, print, set the exit code.

Errors a user can cause (wrong path, bad query, unknown format) print one readable line and exit
non-zero; they never show a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import datetime
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
# emoji codes (:fire:), markup ([b]) and highlighting would rewrite data; fail() alone opts into markup
out = Console(emoji=False, markup=False, highlight=False)
err = Console(stderr=True, emoji=False, markup=False, highlight=False)
# rdflib logs a traceback for each ill-typed literal ("x"^^xsd:date) it reads; `kg validate` reports them instead
logging.getLogger("rdflib.term").setLevel(logging.ERROR)


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    turtle = "turtle"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class ParseMode(str, Enum):
    all = "all"
    cues = "cues"


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "jsonld"


def fail(message: str, code: int = 1) -> typer.Exit:
    from rich.markup import escape  # a path or query holding "[/b]" is text, not markup

    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def echo_data(text: str) -> None:
    """Print data (query results, violations) exactly as given, past rich (which would expand tabs, wrap…)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


STDOUT = Path("-")  # as --out or --report: write to standard output
SHOWN_WARNINGS = 5  # `kg build` prints this many warnings; the report has them all


def _check_outputs(*outputs: Path | None, inputs: Iterable[Path], reads=None) -> None:
    """Fail unless every output may be written: a new path or a regular file that is none of the inputs
    (nor read from an input folder, when ``reads`` says so), no two outputs the same file, one ``-`` at most."""
    from kg import store

    given = [o for o in outputs if o is not None]
    if sum(o == STDOUT for o in given) > 1:
        raise fail("only one output can be - (standard output)")
    seen: set[Path] = set()
    for o in given:
        if o == STDOUT:
            continue
        if o.resolve() in seen:
            raise fail(f"{o}: named for two outputs")
        seen.add(o.resolve())
        try:
            store.check_output(o, inputs=inputs, reads=reads)
        except store.StoreWriteError as e:
            raise fail(str(e)) from None


def _write(path: Path, data: bytes) -> None:
    """``data`` to ``path`` (atomically) or, for ``-``, to standard output."""
    from kg.store import write_atomic

    if path == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(path, data)


def _read_by_build(relative: Path) -> bool:
    """Whether a build given the folder reads this file in it (see kg.ingest.read_inputs)."""
    from kg.ingest import READERS

    return relative.suffix.lower() in READERS and not any(part.startswith(".") for part in relative.parts)


def _existing(path: Path) -> Path:
    if not path.exists():
        raise fail(f"{path}: no such file or folder")
    return path


@app.command()
def build(
    inputs: Annotated[
        list[Path], typer.Argument(help="Files or folders (.txt, .html, .htm, .jsonl), read recursively.")
    ],
    out_path: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write the graph (Turtle; - for stdout) [default: out/graph.ttl, "
                     "none with --store or --shards].")
    ] = None,
    report: Annotated[Path | None, typer.Option(help="Write the build report (JSON; - for stdout) here.")] = None,
    batch_size: Annotated[int, typer.Option(help="Texts per nlp.pipe batch.")] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parser processes (or Dask workers).")] = 1,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the build cache.")] = False,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Build cache folder [default: $KG_CACHE_DIR or the user's cache folder].")
    ] = None,
    engine: Annotated[Engine, typer.Option(help="Where to parse: this machine, or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://HOST:8786); none: a LocalCluster of --jobs.")
    ] = None,
    shards: Annotated[
        str | None, typer.Option(help="Write N-Quads shards (one named graph per document) to this folder or fsspec "
                                      "URL (s3://…), per document; with --engine dask the workers write them.")
    ] = None,
    parse: Annotated[
        ParseMode, typer.Option("--parse", help="Parse every sentence (all), or only those holding a cue of some "
                                                "rule and the sentence before each (cues; the rest is tokenized).")
    ] = ParseMode.all,
    store_dir: Annotated[
        Path | None,
        typer.Option("--store", help="Stream the documents into an on-disk Oxigraph store in this folder (replaced "
                     "when the build is done); query, serve, viz, export and validate read the folder."),
    ] = None,
) -> None:
    """Build a knowledge graph from Japanese news files."""
    from kg.pipeline import build_files, turtle_of_shards
    from kg.store import load, serialize, serialize_store

    for p in inputs:
        _existing(p)
    if out_path is None and store_dir is None and shards is None:
        out_path = Path("out/graph.ttl")
    _check_outputs(out_path, report, inputs=inputs, reads=_read_by_build)
    if store_dir is not None:
        from kg.assemble import is_store

        if store_dir.is_symlink() or (store_dir.exists() and not store_dir.is_dir()):
            raise fail(f"{store_dir}: cannot build a store there: it is not a folder")
        if store_dir.is_dir() and any(store_dir.iterdir()) and not is_store(store_dir):
            raise fail(f"{store_dir}: cannot build a store there: a folder that is not an Oxigraph store")
    if shards is not None and "://" not in shards and (Path(shards).is_symlink() or Path(shards).is_file()):
        raise fail(f"{shards}: cannot write shards there: it is not a folder")
    try:
        result = build_files(inputs, out=None if out_path == STDOUT else out_path, batch_size=batch_size,
                             progress=not quiet, jobs=jobs, use_cache=not no_cache, cache_dir=cache_dir,
                             engine=engine.value, scheduler=scheduler, parse=parse.value,
                             store_dir=store_dir, shards=shards)
        if out_path == STDOUT and result.documents:
            _write(STDOUT, serialize(result.graph, fmt="turtle") if result.graph is not None
                   else serialize_store(load(store_dir)) if store_dir is not None else turtle_of_shards(shards))
    except (OSError, RuntimeError) as e:
        raise fail(str(e)) from None
    if report:
        try:
            _write(report, json.dumps(result.report(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
        except OSError as e:
            raise fail(str(e)) from None
    s = result.summary()
    say = err if STDOUT in (out_path, report) else out  # standard output holds the data
    say.print(
        f"read {s['records']} records: {s['documents']} documents built, {s['skipped']} skipped; "
        f"{s['triples']} triples → "
        + ", ".join(str(x) for x in ("standard output" if out_path == STDOUT else out_path, store_dir, shards) if x),
        soft_wrap=True,
    )
    say.print(
        f"  said {s['said']}  demands {s['demands']}  meetings {s['meetings']} (heldOn {s['heldOn']})  "
        f"actors {s['actors']}",
    )
    for sk in result.skipped:
        say.print(f"  skipped {_where(sk)}: {sk.reason}", soft_wrap=True)
    for w in result.warnings[:SHOWN_WARNINGS]:  # built, but changed on the way: the user should know without --report
        say.print(f"  warning {_where(w)}: {w.reason}", soft_wrap=True)
    if len(result.warnings) > SHOWN_WARNINGS:
        more = len(result.warnings) - SHOWN_WARNINGS
        say.print(f"  … and {more} more warning{'s' if more != 1 else ''} (all of them: --report FILE)")
    if s["documents"] == 0:
        raise fail("nothing could be built from the input")


def _where(item) -> str:
    """``file`` or ``file:record`` of a skipped record or a warning."""
    return f"{item.source}" + (f":{item.record}" if item.record is not None else "")


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="A graph file (Turtle, TriG, N-Quads, N-Triples, JSON-LD).")],
    query: Annotated[str, typer.Argument(help="A canned query name (see `kg queries`), a .rq file, or SPARQL.")],
    fmt: Annotated[ResultFormat, typer.Option("--format", "-f", help="Output format.")] = ResultFormat.table,
    actor: Annotated[str | None, typer.Option(help="Bind ?actorName (canned queries that take it).")] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="Print at most this many rows (a page).")] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many rows first (with --limit: the next page).")] = 0,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(help="Let SERVICE call this endpoint (exact IRI, repeatable); federation is off without it."),
    ] = None,
    print_query: Annotated[
        bool, typer.Option("--print", help="Print the SPARQL, parameters bound, for another store; run nothing.")
    ] = False,
) -> None:
    """Run a SPARQL query (canned, from a file, or inline) and print the result."""
    from kg import store

    _existing(graph)
    try:
        text = store.resolve_query(query)
        bindings = {"actorName": actor} if actor else None
        if print_query:
            echo_data((store.bind_values(text, bindings) if bindings else text).rstrip("\n"))
            return
        db = store.load(graph)
        result = store.run_query(db, text, bindings=bindings, limit=limit, offset=offset,
                                 allow_service=allow_service or ())
    except store.StoreError as e:
        raise fail(str(e)) from None
    echo_data(store.format_result(result, fmt.value))


@app.command("queries")
def list_queries() -> None:
    """List the canned queries."""
    from kg import store

    for name, doc in store.canned_queries().items():
        out.print(f"{name:20s} {doc}", highlight=False, markup=False)


class Relation(str, Enum):
    said = "said"
    demands = "demands"
    meetings = "meetings"


class PageLanguage(str, Enum):
    ja = "ja"
    en = "en"


@app.command()
def viz(
    graph: Annotated[Path, typer.Argument(help="A graph file.")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the HTML page (- for stdout).")] = Path(
        "out/network.html"
    ),
    since: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Only facts dated on or after this day.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Only facts dated on or before this day.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor (label or alias) and its neighbours.")] = None,
    relation: Annotated[
        list[Relation] | None, typer.Option("--relation", "-r", help="Only these relations (repeatable).")
    ] = None,
    communities: Annotated[bool, typer.Option(help="Colour actors by community (Louvain).")] = False,
    coarse_dates: Annotated[
        bool,
        typer.Option(help="With --since/--until, also keep facts dated only by a year or month that overlaps "
                     "the range (2022 for a February 2022 range)."),
    ] = False,
    title: Annotated[str, typer.Option(help="The page's heading.")] = "kg actor network",
    text: Annotated[
        list[Path] | None,
        typer.Option("--text", help="The files or folders the graph was built from (repeatable): the sentences "
                     "before and after each evidence sentence come from them (else from the graph)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit 1, writing nothing, when the page would show no fact (it warns anyway).")
    ] = False,
    lang: Annotated[
        PageLanguage, typer.Option(help="The language of the page's controls: ja (Japanese) or en (English).")
    ] = PageLanguage.ja,
) -> None:
    """Write an interactive actor network (HTML, works offline)."""
    from kg import store
    from kg import viz as viz_mod

    _existing(graph)
    for path in text or ():
        _existing(path)
    _check_outputs(out_path, inputs=[graph, *(text or ())])
    try:
        rdf = store.load_rdflib(graph)
        texts = viz_mod.read_texts(text) if text else None
        if texts is not None:
            ids = viz_mod.document_ids(rdf)
            found = len(ids & texts.keys())
            if not found:
                raise fail(f"none of the graph's {len(ids)} documents is in the --text files (read {len(texts)}): "
                           "give the files the graph was built from")
            if found < len(ids):
                err.print(f"warning: --text holds {found} of the graph's {len(ids)} documents; the facts of the "
                          "others show only the neighbouring sentences the graph holds", soft_wrap=True)
        page, empty = viz_mod.build_page(
            rdf,
            title=title,
            since=since.date() if since else None,
            until=until.date() if until else None,
            actor=actor,
            relations=[r.value for r in relation] if relation else None,
            colour_by_community=communities,
            coarse=coarse_dates,
            texts=texts,
            lang=lang.value,
        )
        if empty:
            if strict:
                raise fail(f"{empty}; no page written (--strict)")
            err.print(f"warning: the page shows no fact: {empty}", soft_wrap=True)
        _write(out_path, page.encode("utf-8"))
    except (store.StoreError, LookupError) as e:
        raise fail(str(e)) from None
    if out_path != STDOUT:
        out.print(f"network → {out_path}", soft_wrap=True)


@app.command()
def export(
    graph: Annotated[Path, typer.Argument(help="A graph file.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.trig,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write it (- for stdout).")] = Path(
        "out/graph.trig"
    ),
) -> None:
    """Write the graph as Turtle, TriG or N-Quads (one named graph per document), N-Triples or JSON-LD."""
    from kg import store

    _existing(graph)
    _check_outputs(out_path, inputs=[graph])
    try:
        _write(out_path, store.serialize(store.load_rdflib(graph), fmt=fmt.value))
    except store.StoreError as e:
        raise fail(str(e)) from None
    if out_path != STDOUT:
        out.print(f"{fmt.value} → {out_path}", soft_wrap=True)


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="A graph file (Turtle, TriG, N-Quads, N-Triples, JSON-LD).")],
    shapes: Annotated[
        Path | None, typer.Option(help="SHACL shapes (Turtle); default ontology/shapes.ttl.")
    ] = None,
) -> None:
    """Check a graph against the SHACL shapes; print each violation with its node, exit 1 if any."""
    from kg import store
    from kg.validate import SHAPES, validate_file

    _existing(graph)
    try:
        report = validate_file(graph, shapes=_existing(shapes) if shapes else SHAPES)
    except (store.StoreError, SyntaxError, ValueError) as e:
        raise fail(str(e).splitlines()[0] if str(e) else type(e).__name__) from None
    for v in report.violations:
        echo_data(f"{v.severity}: {v}")
    if not report.conforms:
        raise fail(f"{graph}: does not conform ({len(report)} violation{'s' if len(report) != 1 else ''})")
    out.print(f"{graph}: conforms", highlight=False, markup=False)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@app.command()
def serve(
    graph: Annotated[Path, typer.Argument(help="A graph file.")],
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Stop a query after this many seconds (503).")] = 30.0,
    workers: Annotated[
        int, typer.Option(help="Worker processes, each holding the graph and serving HTTP and one query at a time.")
    ] = 2,
    memory: Annotated[
        int, typer.Option(min=0, help="MiB a worker may grow past the loaded graph (a query past it stops; 0: none).")
    ] = 1024,
    queue: Annotated[
        int, typer.Option(min=0, help="Requests that may wait for a worker's query; more get 503 busy at once.")
    ] = 16,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(help="Let SERVICE call this endpoint (exact IRI, repeatable); federation is off without it."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log requests.")] = False,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol (/query) with a query page at /."""
    import logging
    import signal

    from kg import server as server_mod

    _existing(graph)
    if not quiet:  # before the workers start: they log requests at the level set here
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        srv = server_mod.make_server(graph, host=host, port=port, timeout=timeout, workers=workers,
                                     memory_mb=memory, queue=queue, allow_service=tuple(allow_service or ()))
    except server_mod.ServerError as e:
        raise fail(str(e)) from None
    out.print(
        f"serving {srv.triples} triples from {graph} at {srv.url}/ (SPARQL endpoint {srv.url}/query); Ctrl-C stops",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.close()


class AuthScheme(str, Enum):
    basic = "basic"
    digest = "digest"


@app.command()
def push(
    graph: Annotated[Path, typer.Argument(help="A graph file.")],
    url: Annotated[str, typer.Argument(help="The store's SPARQL Graph Store endpoint, e.g. http://host:7878/store.")],
    graph_iri: Annotated[
        str | None, typer.Option("--graph", help="Put every triple into this named graph (default: one per document).")
    ] = None,
    shared_graph: Annotated[
        str | None,
        typer.Option(help="Named graph for actors and places (default: the default graph; Virtuoso needs one)."),
    ] = None,
    replace: Annotated[bool, typer.Option(help="PUT: replace each graph written (default POST: add to it).")] = False,
    user: Annotated[str | None, typer.Option(help="User name for the store.")] = None,
    password: Annotated[str | None, typer.Option(help="Password for the store.")] = None,
    auth: Annotated[AuthScheme, typer.Option(help="HTTP authentication scheme.")] = AuthScheme.digest,
    query_endpoint: Annotated[
        str | None, typer.Option(help="SPARQL query endpoint for the count check (default: derived from URL).")
    ] = None,
    check: Annotated[bool, typer.Option(help="Count the triples in the store afterwards.")] = True,
    prune: Annotated[
        bool, typer.Option(help="Delete the store's graphs of documents this graph no longer has (re-push a corpus).")
    ] = False,
    bulk: Annotated[
        bool, typer.Option(help="One N-Quads request to the store's dataset endpoint (Oxigraph /store, Fuseki /data).")
    ] = False,
    update_endpoint: Annotated[
        str | None, typer.Option(help="SPARQL update endpoint for --bulk --replace (default: derived from URL).")
    ] = None,
) -> None:
    """Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol."""
    from rich.markup import escape

    from kg import push as push_mod
    from kg import store

    _existing(graph)
    try:
        result = push_mod.push(
            graph,  # read with pyoxigraph in the push's layout, never through rdflib
            url,
            graph_iri=graph_iri,
            shared_graph=shared_graph,
            replace=replace,
            auth=push_mod.make_auth(user, password, scheme=auth.value),
            query_endpoint=query_endpoint,
            check=check,
            prune=prune,
            bulk=bulk,
            update_endpoint=update_endpoint,
        )
    except (store.StoreError, push_mod.PushError) as e:
        raise fail(escape(str(e))) from None
    verb = "replaced" if replace else "added"
    checked = f"; counts checked at {result.query_endpoint}" if result.checked else ""
    pruned = f"; deleted {len(result.pruned)} graphs of documents that are gone" if prune else ""
    out.print(
        f"{verb} {result.triples} triples in {len(result.graphs)} graphs at {url}{pruned}{checked}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


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
    if out_path == STDOUT:
        raise fail("--out -: eval prints its scores on standard output; give a file for the graph")
    _check_outputs(out_path, inputs=[gold])
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
