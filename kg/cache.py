"""A build cache in one SQLite file, so a daily update never re-parses the archive.

Two layers, each keyed by what it depends on and nothing more:
- ``docs``: the parsed pieces of a text (their offsets, and the Docs as spaCy DocBin bytes), keyed by the text
  and the parser (model name and version, components, how texts are cut). A new rule or gazetteer line keeps
  every parse.
- ``extractions``: the records extracted from an article (JSON), keyed by the parse key, the article's
  metadata, the rules' source code and the data files in kg/resources. Change any of these and the article is
  re-extracted — from its cached parse.

Nothing read from the cache can run code: an entry is a JSON header (with the format version) followed by
JSON or DocBin bytes (msgpack, which spaCy reads without unpickling), and an entry that does not decode to
what was expected is a miss. A cache that cannot be opened, read or written (garbled, truncated, wrongly
shaped, read-only, a full disk) is set aside with one warning and the build goes on without it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import time
import types
import typing
from functools import cache, lru_cache
from pathlib import Path

from kg.model import Article, Extraction

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, data BLOB NOT NULL);
"""
PACKAGE = Path(__file__).resolve().parent
FORMAT = 2  # the layout of an entry; an entry of another format is a miss (1 was pickles, never read again)
MAGIC = b"kg-cache\n"


class CacheError(Exception):
    """The cache cannot be used (it is set aside, and the build goes on without it)."""


def default_dir() -> Path:
    """``$KG_CACHE_DIR``, else the user's cache folder (``~/.cache/kg`` on Linux)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("kg"))


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def _sources(*paths: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(paths))


@lru_cache(maxsize=1)
def parser_version() -> str:
    """What a parse depends on: spaCy, GiNZA and the model's versions, the components, kg/nlp.py."""
    from importlib.metadata import version

    from kg import nlp

    parts = [version("spacy"), version("ginza"), version("ja-ginza"), nlp.MODEL, ",".join(nlp.DISABLE)]
    return _digest(*parts, _sources(PACKAGE / "nlp.py"))


@lru_cache(maxsize=4)
def rules_version(lexicon_version: str) -> str:
    """What an extraction depends on beyond its parse: the analysis layer's and the rules' code, and the lexicon's
    data files."""
    code = [*(PACKAGE / "analysis").glob("*.py"), *(PACKAGE / "extract").glob("*.py"),
            *(PACKAGE / "resolve").glob("*.py"), PACKAGE / "model.py", PACKAGE / "lexicon.py"]
    return _digest(lexicon_version, _sources(*code))


def parse_key(text: str, mode: str = "all") -> str:
    """The key of a text's parse: with ``mode="cues"`` (kg.cues) also what the filter keeps, the cues it derives
    from the lexicon and the rules (a new gazetteer line keeps the parse, a new cue lemma does not)."""
    if mode == "all":
        return _digest(parser_version(), text)
    return _digest(parser_version(), mode, _filter_version(), text)


def _filter_version() -> str:
    from kg import cues, lexicon

    return _filter_for(cues.signature(lexicon.load()))


@lru_cache(maxsize=4)
def _filter_for(signature: str) -> str:
    return _digest(_sources(PACKAGE / "cues.py"), signature)


def extraction_key(article: Article, lexicon_version: str, mode: str = "all") -> str:
    return _digest(parse_key(article.text, mode), rules_version(lexicon_version), repr(article))


# --- entries: a JSON header, then the payload ------------------------------------------------------------------


def _entry(header: dict, payload: bytes = b"") -> bytes:
    return MAGIC + json.dumps({"format": FORMAT, **header}, ensure_ascii=True).encode("ascii") + b"\n" + payload


def _open_entry(data: object, kind: str) -> tuple[dict, bytes]:
    """An entry → (header, payload); ValueError when it is not an entry of this format and kind."""
    if not isinstance(data, bytes) or not data.startswith(MAGIC):
        raise ValueError("not a kg cache entry")
    line, _, payload = data[len(MAGIC) :].partition(b"\n")
    header = json.loads(line)
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("kind") != kind:
        raise ValueError("another format or kind of entry")
    return header, payload


def encode_docs(offsets: list[int], docbin: bytes) -> bytes:
    """A parse → entry bytes: the pieces' offsets in the header, the DocBin bytes as payload."""
    return _entry({"kind": "docs", "offsets": list(offsets)}, docbin)


def decode_docs(data: object) -> tuple[list[int], bytes]:
    """Entry bytes → (offsets, DocBin bytes); ValueError if they are not a parse entry of this format."""
    header, payload = _open_entry(data, "docs")
    offsets = header.get("offsets")
    if not isinstance(offsets, list) or not all(type(o) is int for o in offsets):
        raise ValueError("bad offsets")
    return offsets, payload


def encode_extraction(extraction: Extraction) -> bytes:
    body = json.dumps(_plain(extraction), ensure_ascii=False).encode("utf-8", "surrogatepass")
    return _entry({"kind": "extraction"}, body)


def decode_extraction(data: object) -> Extraction:
    """Entry bytes → the Extraction; ValueError (or TypeError) if they do not hold one."""
    _, payload = _open_entry(data, "extraction")
    return _typed(Extraction, json.loads(payload.decode("utf-8", "surrogatepass")))


def _plain(value: object) -> object:
    """A record (frozen dataclasses, tuples, dates, str, numbers) → JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _typed(tp: object, value: object) -> object:
    """JSON values → the record of type ``tp`` (the inverse of ``_plain``); ValueError/TypeError on a mismatch."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        [inner] = [a for a in typing.get_args(tp) if a is not type(None)]
        return _typed(inner, value)
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        item = typing.get_args(tp)[0]
        return tuple(_typed(item, v) for v in value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {tp.__name__}")
        hints = _hints(tp)
        return tp(**{k: _typed(hints[k], v) for k, v in value.items()})  # an unknown key is a TypeError
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    if tp is float and type(value) in (int, float):
        return float(value)
    if tp in (str, int, bool) and type(value) is tp:
        return value
    raise TypeError(f"expected {tp}, got {type(value).__name__}")


# --- the file --------------------------------------------------------------------------------------------------


class Cache:
    """Get and put parses and extractions. Writes are batched: ``tick`` commits them once ``commit_every``
    seconds have passed, and ``flush``/``close`` always do, so another build sharing the cache waits for
    one batch at most (it would give up after ``timeout`` seconds), never for a whole build. The file is in
    WAL mode, so readers never wait for a writer.

    Opening raises CacheError when the cache cannot be used. Once open, a read or write that fails sets the
    cache aside (``broken`` says why, one warning is logged): from then on every get is a miss and every put
    is dropped, and the build goes on. An entry that does not decode is a miss.
    """

    def __init__(self, folder: Path, *, timeout: float = 60.0, commit_every: float = 2.0) -> None:
        self.folder = folder
        self.path = folder / "build-cache.sqlite"
        self.hits = {"docs": 0, "extractions": 0}
        self.misses = {"docs": 0, "extractions": 0}
        self.commit_every = commit_every
        self.broken: str | None = None
        self._committed = time.monotonic()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=timeout)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(SCHEMA)
            self.db.execute("SELECT key, data FROM docs LIMIT 0")  # a table of another shape fails here
            self.db.execute("SELECT key, data FROM extractions LIMIT 0")
        except (OSError, sqlite3.Error) as e:
            raise CacheError(f"build cache {self.path} cannot be used ({_why(e)})") from None

    def _set_aside(self, error: Exception) -> None:
        if self.broken is None:
            self.broken = f"build cache {self.path} set aside ({_why(error)}); building without it"
            log.warning("warning: %s", self.broken)
            with contextlib.suppress(sqlite3.Error):
                self.db.rollback()

    def _get(self, table: str, key: str) -> object | None:
        if self.broken:
            self.misses[table] += 1
            return None
        try:
            row = self.db.execute(f"SELECT data FROM {table} WHERE key = ?", (key,)).fetchone()  # noqa: S608
        except sqlite3.Error as e:
            self._set_aside(e)
            row = None
        (self.hits if row else self.misses)[table] += 1
        return row[0] if row else None

    def _put(self, table: str, key: str, data: bytes) -> None:
        if self.broken:
            return
        try:
            self.db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, data))  # noqa: S608
        except sqlite3.Error as e:
            self._set_aside(e)

    def get_extraction(self, key: str) -> Extraction | None:
        data = self._get("extractions", key)
        if data is None:
            return None
        try:
            return decode_extraction(data)
        except (ValueError, TypeError, KeyError, UnicodeDecodeError):  # an old, foreign or damaged entry: a miss
            self.hits["extractions"] -= 1
            self.misses["extractions"] += 1
            return None

    def put_extraction(self, key: str, extraction: Extraction) -> None:
        self._put("extractions", key, encode_extraction(extraction))

    def get_docs(self, key: str) -> bytes | None:
        """The entry bytes of a cached parse (``decode_docs`` opens them), or None."""
        data = self._get("docs", key)
        return data if isinstance(data, bytes) else None

    def has_docs(self, key: str) -> bool:
        if self.broken:
            self.misses["docs"] += 1
            return False
        try:
            found = self.db.execute("SELECT 1 FROM docs WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error as e:
            self._set_aside(e)
            found = False
        (self.hits if found else self.misses)["docs"] += 1
        return found

    def put_docs(self, key: str, data: bytes) -> None:
        self._put("docs", key, data)

    def tick(self) -> None:
        """Commit what was put if the last commit is ``commit_every`` seconds old."""
        if time.monotonic() - self._committed >= self.commit_every:
            self.flush()

    def flush(self) -> None:
        if not self.broken:
            try:
                self.db.commit()
            except sqlite3.Error as e:
                self._set_aside(e)
        self._committed = time.monotonic()

    def close(self) -> None:
        self.flush()
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _why(error: Exception) -> str:
    return f"{type(error).__name__}: {getattr(error, 'strerror', None) or error}"
