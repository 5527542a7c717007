"""The one place that wires every stage: ingest → nlp → extract/resolve → graph → store."""

from __future__ import annotations

import contextlib
import glob
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from rdflib import Graph

from kg import lexicon, nlp
from kg.assemble import GraphAssembly, StoreAssembly
from kg.cache import Cache, CacheError, decode_docs, default_dir, encode_docs, extraction_key, parse_key
from kg.extract import Extractor
from kg.model import Article, Extraction, Note, Skipped
from kg.vocab import KG


@dataclass
class BuildResult:
    graph: Graph | None  # None when the build went to a store (``store``)
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)  # records built, but changed on the way (see Note)
    out: Path | None = None
    store: Path | None = None  # the on-disk Oxigraph store the build went to (kg build --store)
    shards: list[str] = field(default_factory=list)  # the shard files the build wrote (kg build --shards)
    counts: dict[str, int] | None = None  # a shard build's summary counts, counted as it wrote them

    def summary(self) -> dict[str, int]:
        if self.graph is None and self.counts is not None and self.store is None:
            return {"records": self.documents + len(self.skipped), "documents": self.documents,
                    "skipped": len(self.skipped), **self.counts}
        if self.graph is None:
            return {"records": self.documents + len(self.skipped), "documents": self.documents,
                    "skipped": len(self.skipped), **self._store_summary()}
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

    def _store_summary(self) -> dict[str, int]:
        from kg.assemble import store_summary
        from kg.store import load

        if self.store is None or not self.store.exists():
            return dict.fromkeys(("triples", "said", "demands", "meetings", "heldOn", "actors"), 0)
        return store_summary(load(self.store))

    def report(self) -> dict:
        return {
            "summary": self.summary(),
            "skipped": [{"file": s.source, "record": s.record, "reason": s.reason} for s in self.skipped],
            "warnings": [{"file": w.source, "record": w.record, "reason": w.reason} for w in self.warnings],
        }


ARTICLES_PER_CALL = 256
log = logging.getLogger(__name__)


@dataclass
class Work:
    """One article after parse and extraction, in whatever process did it."""

    article: Article
    extraction: Extraction | None = None
    error: str | None = None
    docs: bytes | None = None  # the parsed pieces (offsets + DocBin), for the cache


def _extractor() -> Extractor:
    return _extractor_for(lexicon.load())


@lru_cache(maxsize=2)
def _extractor_for(lex: lexicon.Lexicon) -> Extractor:
    return Extractor(lex)


def process_batch(batch: list[tuple[Article, bool]], *, keep_docs: bool = False, batch_size: int = 32,
                  cache_dir: Path | None = None, parse: str = "all") -> list[Work]:
    """Parse (or reload the cached parse of, where the flag says the cache in ``cache_dir`` has it) and extract
    a batch of articles. Runs in the build process, in a worker of ``--jobs``, or on a Dask worker: each loads
    GiNZA once and keeps it, and reads cached parses itself, so the build process never holds them all.

    A cached parse that cannot be read is parsed again. An article the parser or the rules fail on comes back
    with its ``error`` (the build reports it) and the others go on."""
    cached = _cached_parses(batch, cache_dir, parse)
    fresh = [a for i, (a, _) in enumerate(batch) if i not in cached]
    parsed = _parse_each(fresh, batch_size=batch_size, mode=parse)
    out = []
    for i, (article, _) in enumerate(batch):
        work = Work(article)
        out.append(work)
        if i in cached:
            docs = cached[i]
        else:
            _, docs, work.error = next(parsed)
            if work.error:
                continue
            if keep_docs:
                from spacy.tokens import DocBin

                bin_ = DocBin(store_user_data=True, docs=[d for _, d in docs])
                work.docs = encode_docs([o for o, _ in docs], bin_.to_bytes())
        try:
            work.extraction = _extractor()(article, docs)
        except Exception as e:  # a rule bug must not sink the whole build: the record is reported instead
            work.error = f"extraction failed: {type(e).__name__}: {e}"
    return out


def _cached_parses(batch: list[tuple[Article, bool]], cache_dir: Path | None, mode: str = "all") -> dict[int, list]:
    """{position in batch: [(offset, Doc), …]} for the articles whose parse the cache holds and that decode."""
    if cache_dir is None or not any(has for _, has in batch):
        return {}
    from spacy.tokens import DocBin

    try:
        reader = Cache(cache_dir)
    except CacheError:
        return {}
    found = {}
    with reader:
        for i, (article, has) in enumerate(batch):
            data = reader.get_docs(parse_key(article.text, mode)) if has else None
            if data is None:
                continue
            try:
                offsets, payload = decode_docs(data)
                docs = list(DocBin().from_bytes(payload).get_docs(nlp.load().vocab))
                found[i] = list(zip(offsets, docs, strict=True))
            except nlp.ModelMissing:
                raise
            except Exception:  # noqa: S112 — a damaged or foreign entry is a miss: parse again
                continue
    return found


def _parse_each(articles: list[Article], *, batch_size: int, mode: str = "all"):
    """``(article, [(offset, Doc), …], None)`` per article in order, through one ``nlp.pipe`` stream; when the
    stream fails, the articles not yet yielded are parsed one by one, and one that fails alone comes back as
    ``(article, None, reason)``."""
    done = 0
    try:
        for article, docs in nlp.parse(articles, batch_size=batch_size, mode=mode):
            yield article, docs, None
            done += 1
    except nlp.ModelMissing:
        raise
    except Exception:  # one record the parser cannot take: find it and go on with the others
        for article in articles[done:]:
            try:
                [(_, docs)] = list(nlp.parse([article], batch_size=batch_size, mode=mode))
            except nlp.ModelMissing:
                raise
            except Exception as e:
                yield article, None, f"parse failed: {type(e).__name__}: {e}"
            else:
                yield article, docs, None


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def build_articles(items: Iterable[Article | Skipped | Note], *, batch_size: int = 32, progress: bool = False,
                   total: int | None = None, jobs: int = 1, cache: Cache | None = None,
                   engine: str = "local", scheduler: str | None = None, parse: str = "all",
                   store: Path | None = None, shards: str | Path | None = None) -> BuildResult:
    """Parse and extract every Article (reusing the cache where it can); Skipped records and Notes go to the
    report. ``parse``: "all" parses every sentence, "cues" only those kg.cues keeps (see kg.nlp.parse).
    ``store``: stream each document into an on-disk Oxigraph store there (kg.assemble) instead of
    building one graph in memory. ``shards``: write N-Quads shards there instead (kg.shards; a path or an
    fsspec URL), on Dask by the workers themselves; ``store`` is then left to the caller (build_files)."""
    lex = lexicon.load()
    if shards is not None:
        items = list(items)  # the texts, for the input digest at the end
        from kg.shards import ShardAssembly

        asm = ShardAssembly(shards)
    else:
        asm = StoreAssembly(store) if store is not None else GraphAssembly()
    result = BuildResult(graph=asm.graph, store=None if shards is not None else store)
    todo: list[tuple[Article, bool]] = []  # (article, its parse is cached)
    done: list[Extraction] = []
    for it in items:
        if isinstance(it, Skipped):
            result.skipped.append(it)
            continue
        if isinstance(it, Note):
            result.warnings.append(it)
            continue
        hit = cache.get_extraction(extraction_key(it, lex.version, parse)) if cache else None
        if hit is not None:
            done.append(hit)
        else:
            todo.append((it, cache is not None and engine == "local" and cache.has_docs(parse_key(it.text, parse))))
    bar = _progress(progress, total)
    with bar, contextlib.nullcontext() if isinstance(asm, GraphAssembly) else asm:
        task = bar.add_task("parsing", total=len(todo) + len(done))
        for ex in done:
            asm.add(ex)
            result.documents += 1
            bar.advance(task)
        if shards is not None and engine == "dask":
            _shards_on_dask(todo, asm, result, lex=lex, items=items, batch_size=batch_size, scheduler=scheduler,
                            workers=jobs, parse=parse, advance=lambda n: bar.advance(task, n))
            return result
        for work in _run(todo, jobs=jobs, keep_docs=cache is not None, batch_size=batch_size, engine=engine,
                         scheduler=scheduler, cache_dir=cache.folder if cache else None, parse=parse):
            bar.advance(task)
            if work.docs is not None:
                cache.put_docs(parse_key(work.article.text, parse), work.docs)
            if work.error:
                result.skipped.append(Skipped(work.article.source, work.error, work.article.record))
                continue
            if cache is not None:
                cache.put_extraction(extraction_key(work.article, lex.version, parse), work.extraction)
                cache.tick()
            asm.add(work.extraction)
            result.documents += 1
        if cache is not None:
            cache.flush()
            if cache.broken:
                result.warnings.append(Note(str(cache.path), cache.broken))
        if shards is not None:
            _finish_shards(asm, result, lex=lex, items=items)
        else:
            asm.finish(lex.version)  # corpus-wide merges (kg.merge) and the build's description
    return result


def _texts(items: list) -> dict[str, str]:
    return {it.id: it.text for it in items if isinstance(it, Article)}


def _finish_shards(asm, result: BuildResult, *, lex, items: list, mapper=None) -> None:
    result.shards = asm.finish(lex.version, texts=_texts(items), mapper=mapper)
    result.counts = asm.summary


def _shards_on_dask(todo: list, asm, result: BuildResult, *, lex, items: list, batch_size: int,
                    scheduler: str | None, workers: int, parse: str, advance) -> None:
    """The shard build on Dask (kg.distributed): workers write the shards; records and failures come back."""
    from kg.distributed import build_shards

    def taken(records) -> None:
        result.documents += len(records.ids)
        result.skipped.extend(records.skipped)
        advance(len(records.ids) + len(records.skipped))

    work = partial(process_batch, batch_size=batch_size, parse=parse)  # workers parse afresh: no cache there
    build_shards(todo, work, asm, scheduler=scheduler, workers=workers, on_records=taken,
                 finish=lambda mapper: _finish_shards(asm, result, lex=lex, items=items, mapper=mapper))


def _run(todo: list[tuple[Article, bool]], *, jobs: int, keep_docs: bool, batch_size: int, engine: str,
         scheduler: str | None, cache_dir: Path | None, parse: str = "all") -> Iterator[Work]:
    """Every article of ``todo`` through process_batch: here, on a pool of ``jobs`` processes, or on Dask
    (whose workers may not see this machine's cache: they parse afresh)."""
    if not todo:
        return
    work = partial(process_batch, keep_docs=keep_docs, batch_size=batch_size,
                   cache_dir=cache_dir if engine == "local" else None, parse=parse)
    if engine == "dask":  # build_articles sends a Dask build through shards (kg.distributed.build_shards)
        raise ValueError("the Dask engine writes shards: give build_articles a shards folder")
    # articles per nlp.pipe call: many, so its batches of ``batch_size`` pieces stay full; with several jobs,
    # few enough that every worker gets a share
    size = max(1, min(ARTICLES_PER_CALL, len(todo) // (jobs * 4) or 1)) if jobs > 1 else ARTICLES_PER_CALL
    if jobs <= 1:
        for batch in _batches(todo, size):
            yield from work(batch)
        return
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or model state inherited
    with ctx.Pool(jobs) as pool:
        for results in pool.imap(work, _batches(todo, size)):
            yield from results


def build_files(inputs: Iterable[Path], *, out: Path | None = None, batch_size: int = 32, progress: bool = False,
                jobs: int = 1, cache_dir: Path | None = None, use_cache: bool = False, engine: str = "local",
                scheduler: str | None = None, parse: str = "all", store_dir: Path | None = None,
                shards: str | Path | None = None) -> BuildResult:
    """Read files or folders, build the graph, and write it (atomically) to ``out`` as Turtle.

    ``use_cache``: reuse and fill the build cache in ``cache_dir`` (default: the user's cache folder); ``parse``:
    "all" or "cues" (see build_articles). ``store_dir``: stream the documents into an on-disk Oxigraph store
    there (``out`` is then written from it). ``shards``: write N-Quads shards there (a path or an fsspec URL),
    written per document, on Dask by the workers; ``store_dir`` and ``out`` are then loaded from them. With
    ``engine="dask"`` the build always goes through shards: without ``shards``, a LocalCluster writes them to a
    temporary folder (a cluster at ``scheduler`` needs a folder every worker reaches)."""
    from kg.ingest import read_inputs

    if engine == "dask" and shards is None:
        if scheduler:
            raise RuntimeError("--engine dask with --scheduler needs --shards: a folder (or fsspec URL) every "
                               "worker and this machine can reach")
        with tempfile.TemporaryDirectory(prefix="kg-shards.") as folder:
            return build_files(inputs, out=out, batch_size=batch_size, progress=progress, jobs=jobs,
                               cache_dir=cache_dir, use_cache=use_cache, engine=engine, parse=parse,
                               store_dir=store_dir, shards=folder)

    items = unique_documents(list(read_inputs(inputs)))
    n = sum(1 for it in items if isinstance(it, Article))
    cache, unusable = _open_cache(cache_dir or default_dir()) if use_cache else (None, None)
    try:
        result = build_articles(items, batch_size=batch_size, progress=progress, total=n, jobs=jobs, cache=cache,
                                engine=engine, scheduler=scheduler, parse=parse, store=store_dir, shards=shards)
    finally:
        if cache is not None:
            cache.close()
    if unusable is not None:
        result.warnings.insert(0, unusable)
    if shards is not None and store_dir is not None and result.documents:
        result.store = _store_from_shards(shards, Path(store_dir))
    _write_out(result, out, store_dir=store_dir, shards=shards)
    return result


def _write_out(result: BuildResult, out: Path | None, *, store_dir: Path | None, shards) -> None:
    """The Turtle file of a build: from its graph, its store, or its shards (loaded into a temporary store)."""
    from kg import store

    if out is None or not result.documents:  # never replace a good graph with an empty one
        return
    remove_stale_temp_files(Path(out))
    if result.graph is not None:
        result.out = store.save(result.graph, out)
    elif store_dir is not None:
        result.out = store.write_atomic(Path(out), store.serialize_store(store.load(store_dir)))
    else:
        result.out = store.write_atomic(Path(out), turtle_of_shards(shards))


def turtle_of_shards(shards) -> bytes:
    """The Turtle of a shard build (its shards loaded into a temporary on-disk store): the bytes the same build
    in memory gives."""
    import pyoxigraph as ox

    from kg.shards import load_shards
    from kg.store import serialize_store

    with tempfile.TemporaryDirectory(prefix="kg-turtle.") as tmp:
        db = load_shards(shards, ox.Store(tmp))
        data = serialize_store(db)
        del db
    return data


def _store_from_shards(shards, folder: Path) -> Path:
    """An on-disk store at ``folder`` bulk-loaded from the shards, built beside it and put in its place when done."""
    import pyoxigraph as ox

    from kg.shards import load_shards

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".building", dir=folder.parent))
    try:
        db = load_shards(shards, ox.Store(str(work / "store")))
        db.flush()
        del db
        old = folder.with_name(f".{folder.name}.old.{os.getpid()}")
        if folder.exists():
            os.replace(folder, old)
        os.replace(work / "store", folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def _open_cache(folder: Path) -> tuple[Cache | None, Note | None]:
    """The build cache in ``folder``, or (None, a warning) when it cannot be used: the build goes on without."""
    try:
        return Cache(folder), None
    except CacheError as e:
        message = f"{e}; building without it"
        log.warning("warning: %s", message)
        return None, Note(str(folder), message)


STALE_TEMP_SECONDS = 60.0  # a writer writes its temp file in one go; one untouched this long lost its writer


def remove_stale_temp_files(out: Path) -> list[Path]:
    """Remove the hidden temp files (``.graph.ttl.*.tmp``) that writers of ``out`` killed halfway left
    behind, those untouched for ``STALE_TEMP_SECONDS`` (a live writer's own is newer); returns them."""
    removed = []
    now = time.time()
    for temp in out.parent.glob(f".{glob.escape(out.name)}.*.tmp"):
        try:
            if now - temp.stat().st_mtime >= STALE_TEMP_SECONDS:
                temp.unlink()
                removed.append(temp)
        except OSError:  # gone already, or not ours to remove: the write goes on regardless
            continue
    return removed


def unique_documents(items: list[Article | Skipped]) -> list[Article | Skipped]:
    """Articles whose id another file already uses (one JSONL id in two files, one file given twice) → Skipped.

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


def _progress(enabled: bool, total: int | None):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    disable=not enabled, transient=True)
