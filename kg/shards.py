"""The build into N-Quads shards (``kg build --shards DIR``), written per document, locally or by Dask workers.

Each shard's writer (this process, or a Dask worker: kg.distributed) makes its documents' quads with
``kg.assemble.DocumentQuads`` and splits them in two:

- what no corpus-wide merge can change — each document's named graph, except the statements of its meeting
  nodes — goes straight to ``DIR/docs-NNNNN.nq.part`` in the shared folder (a path or an fsspec URL);
- what the merges read and rewrite — the default graph (actors, places, publishers) and the meeting nodes'
  statements — comes back with the compact records of kg.assemble (types, votes, labels, surface forms, rules,
  licences, document ids). Never a document's facts.

The merge step (``ShardAssembly.finish``) loads those records into a StoreAssembly of its own (on disk) and runs
its merges (one type per name, people, meetings); what it ends with is written as ``merged.nq``. Each part is
then rewritten once, streaming, into ``docs-NNNNN.nq`` with the people merge's joins (a bare family name → the
node it joined; the only change a merge makes to a document's own statements) — by the workers on Dask. The
build's description (kg.describe), counted from what each rewrite returns, goes to ``build.nq``. Loaded
together, the shards are the store build's quads (tests/test_shards.py).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF

from kg.assemble import DocumentQuads, StoreAssembly, TripleList, votes_of
from kg.describe import BUILD_GRAPH, CLASSES, add_description, input_digest, licence_table
from kg.model import Extraction, Skipped
from kg.vocab import ID, KG

DOCS_PER_SHARD = 1000  # documents a shard file, in a local build (a Dask task writes one shard of its batch)
SHARD_FILES = ("docs-*.nq", "docs-*.nq.part", "merged.nq", "build.nq", "shared.nq")  # shared.nq: older builds
_MEETING = f"<{ID}meeting/"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SAID, _DEMANDS, _PARTICIPANT = (f"<{KG[x]}>" for x in ("said", "demands", "participant"))
_CLASSES = {f"<{c}>": c for c in CLASSES}


class _SplitQuads(DocumentQuads):
    """DocumentQuads that keeps apart (in ``merge_lines``) the lines a corpus-wide merge may rewrite."""

    def __init__(self, licences: tuple) -> None:
        super().__init__(licences)
        self.merge_lines: list[str] = []

    def _in_doc(self, s: str, p: str, o: str) -> None:
        meeting = s.startswith(_MEETING) and not s.endswith("/evidence>")  # its evidence is the document's own
        (self.merge_lines if meeting else self.lines).append(f"{s} {p} {o} {self._graph} .\n")

    def _shared(self, s: str, p: str, o: str) -> None:
        self.merge_lines.append(f"{s} {p} {o} .\n")


@dataclass
class ShardRecords:
    """What a shard's writer returns: its name, the documents in it, the lines the merges read and rewrite
    (deduplicated), the records of kg.assemble, and the articles that failed."""

    name: str
    ids: list[str] = field(default_factory=list)
    merge_lines: list[str] = field(default_factory=list)
    types: set = field(default_factory=set)
    labels: set = field(default_factory=set)
    alts: set = field(default_factory=set)
    votes: Counter = field(default_factory=Counter)
    rules: set = field(default_factory=set)
    licences: set = field(default_factory=set)
    skipped: list[Skipped] = field(default_factory=list)


def _fs(folder: str | Path):
    """(filesystem, path) of a folder given as a path or an fsspec URL (s3://…, file://…)."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(str(folder))
    return fs, path.rstrip("/")


def write_shard(extractions: Iterable[Extraction], folder: str | Path, name: str) -> ShardRecords:
    """Write the documents of ``extractions`` to ``folder/name.nq.part`` and return the records the merge needs."""
    quads = _SplitQuads(licence_table())
    records = ShardRecords(name)
    for ex in extractions:
        records.votes.update(votes_of(quads.add(ex)))
        records.ids.append(ex.article.id)
    fs, path = _fs(folder)
    fs.makedirs(path, exist_ok=True)
    with fs.open(f"{path}/{name}.nq.part", "wb") as f:
        f.write("".join(quads.lines).encode("utf-8"))
    records.merge_lines = list(dict.fromkeys(quads.merge_lines))
    records.types, records.labels, records.alts = quads.types, quads.labels, quads.alts
    records.rules, records.licences = quads.rules, quads.licences_used
    return records


def shard_task(batch: list, name: str, *, folder: str, work: Callable) -> ShardRecords:
    """A Dask task: parse and extract ``batch`` with ``work`` (kg.pipeline.process_batch), write its shard,
    return only the records (the failed articles as Skipped)."""
    works = work(batch)
    records = write_shard((w.extraction for w in works if not w.error), folder, name)
    records.skipped = [Skipped(w.article.source, w.error, w.article.record) for w in works if w.error]
    return records


@dataclass
class ShardCounts:
    """What rewriting a shard counted: its quads, its entities by class, its said/demands edges and speakers."""

    quads: int = 0
    classes: Counter = field(default_factory=Counter)
    said: int = 0
    demands: int = 0
    actors: set = field(default_factory=set)


def rewrite_shard(name: str, *, folder: str, renames: dict[str, str]) -> ShardCounts:
    """``folder/name.nq.part`` → ``folder/name.nq`` with each renamed node (an N-Quads term) replaced, every
    line once; the part is removed. Reads and writes one line at a time."""
    fs, path = _fs(folder)
    counts, seen = ShardCounts(), set()
    with fs.open(f"{path}/{name}.nq.part", "rb") as src, fs.open(f"{path}/{name}.nq", "wb") as out:
        for raw in src:
            s, p, rest = raw.decode("utf-8").split(" ", 2)
            o, g, end = rest.rsplit(" ", 2)  # our lines: s p o <graph> .
            s, o = renames.get(s, s), renames.get(o, o)
            line = f"{s} {p} {o} {g} {end}"
            if line in seen:  # two mentions of a name and of the person it joined: one statement now
                continue
            seen.add(line)
            out.write(line.encode("utf-8"))
            counts.quads += 1
            if p == _TYPE and o in _CLASSES:
                counts.classes[_CLASSES[o]] += 1
            elif p in (_SAID, _DEMANDS):
                counts.actors.add(s)
                counts.said += p == _SAID
                counts.demands += p == _DEMANDS
    fs.rm(f"{path}/{name}.nq.part")
    return counts


class ShardAssembly:
    """The shard build's assembly: ``add`` (a document made here) or ``add_records`` (a shard a worker wrote),
    then ``finish`` (the merges, the rewrite, the description). Use as a context manager."""

    def __init__(self, folder: str | Path, *, docs_per_shard: int = DOCS_PER_SHARD) -> None:
        self.folder = str(folder)
        fs, path = _fs(self.folder)
        if fs.exists(path) and not fs.isdir(path):
            raise OSError(f"{folder}: cannot write shards there: it is not a folder")
        fs.makedirs(path, exist_ok=True)
        for pattern in SHARD_FILES:  # a previous build's shards (only the names a build writes)
            for stale in fs.glob(f"{path}/{pattern}"):
                fs.rm(stale)
        self._tmp = Path(tempfile.mkdtemp(prefix="kg-merge."))
        self.merge = StoreAssembly(self._tmp / "merge")
        self.docs_per_shard = docs_per_shard
        self.pending: list[Extraction] = []
        self.names: list[str] = []
        self.ids: list[str] = []
        self.rules: set[str] = set()
        self.licences: set[str] = set()
        self.summary: dict[str, int] = {}
        self.graph = None

    def __enter__(self) -> ShardAssembly:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def documents(self) -> int:
        return len(self.ids) + len(self.pending)

    def add(self, ex: Extraction) -> None:
        self.pending.append(ex)
        if len(self.pending) >= self.docs_per_shard:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            name = f"docs-{len(self.names):05d}"
            records = write_shard(self.pending, self.folder, name)
            self.pending = []
            self.add_records(records)

    def add_records(self, records: ShardRecords) -> None:
        """A shard written elsewhere: its name and records (kg.distributed names the shards it asks for)."""
        self.merge.add_quads(records.merge_lines, types=records.types, labels=records.labels, alts=records.alts,
                             votes=records.votes, rules=records.rules, licences=records.licences)
        self.names.append(records.name)
        self.ids.extend(records.ids)
        self.rules |= records.rules
        self.licences |= records.licences

    def finish(self, lexicon_version: str, *, texts: Mapping[str, str], mapper: Callable | None = None) -> list[str]:
        """The merges on the records, ``merged.nq``, every part rewritten (through ``mapper(func, names, **kw)``:
        here by default, the cluster's on Dask) and ``build.nq`` (its input digest from ``texts``: document id →
        text); returns the shard files' names."""
        from kg.store import _to_ox

        self._flush()
        self.merge.finish(lexicon_version)
        renames = {f"<{old}>": f"<{new}>" for old, new in self.merge.renames()}
        counts = list((mapper or _here)(rewrite_shard, self.names, folder=self.folder, renames=renames))
        digest = input_digest((i, texts[i]) for i in self.ids)
        fs, path = _fs(self.folder)
        store = self.merge.store
        classes = Counter()
        for c in counts:
            classes.update(c.classes)
        for cls in CLASSES:
            classes[cls] += sum(1 for _ in store.quads_for_pattern(None, _to_ox(RDF.type), _to_ox(cls), None))
        triples = sum(c.quads for c in counts) + len(store)
        with fs.open(f"{path}/merged.nq", "wb") as f:
            ox.serialize(store, output=f, format=ox.RdfFormat.N_QUADS)
        files = [*(f"{n}.nq" for n in self.names), "merged.nq"]
        if self.ids:
            sink = TripleList()
            add_description(sink, triples=triples, counts=classes, rules=self.rules, licences=self.licences,
                            digest=digest, lexicon_version=lexicon_version)
            build = ox.NamedNode(str(BUILD_GRAPH))
            quads = [ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), build) for s, p, o in set(sink.triples)]
            with fs.open(f"{path}/build.nq", "wb") as f:
                ox.serialize(quads, output=f, format=ox.RdfFormat.N_QUADS)
            files.append("build.nq")
            triples += len(quads)
        participants = {q.object for q in store.quads_for_pattern(None, _to_ox(KG.participant), None, None)}
        actors = {a for c in counts for a in c.actors} | {f"<{n.value}>" for n in participants}
        self.summary = {
            "triples": triples, "said": sum(c.said for c in counts), "demands": sum(c.demands for c in counts),
            "meetings": classes[KG.Meeting],
            "heldOn": sum(1 for _ in store.quads_for_pattern(None, _to_ox(KG.heldOn), None, None)),
            "actors": len(actors),
        }
        return files

    def close(self) -> None:
        self.merge.close()
        shutil.rmtree(self._tmp, ignore_errors=True)


def _here(func: Callable, items: list, **kw) -> list:
    return [func(x, **kw) for x in items]


def load_shards(folder: str | Path, store: ox.Store) -> ox.Store:
    """Bulk-load every shard of ``folder`` into ``store`` (what ``oxigraph load`` does)."""
    fs, _ = _fs(folder)
    for f in shard_files(folder):
        with fs.open(f, "rb") as data:
            store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return store


def shard_files(folder: str | Path) -> Iterator[str]:
    """The N-Quads files of a shard folder (a path or an fsspec URL), in name order."""
    fs, path = _fs(folder)
    yield from sorted(f for pattern in SHARD_FILES if pattern.endswith(".nq") for f in fs.glob(f"{path}/{pattern}"))

