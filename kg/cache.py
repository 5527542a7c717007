"""A build cache in one SQLite file, so a daily update never re-parses the archive.

Two layers, each keyed by what it depends on and nothing more:
- ``docs``: the parsed pieces of a text (spaCy DocBin), keyed by the text and the parser (model name and
  version, components, how texts are cut). A new rule or gazetteer line keeps every parse.
- ``extractions``: the records extracted from an article, keyed by the parse key, the article's metadata,
  the rules' source code and the data files in kg/resources. Change any of these and the article is
  re-extracted — from its cached parse.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from functools import lru_cache
from pathlib import Path

from kg.model import Article, Extraction

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, data BLOB NOT NULL);
"""
PACKAGE = Path(__file__).resolve().parent


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
    """What an extraction depends on beyond its parse: the rules' code and the lexicon's data files."""
    code = [*(PACKAGE / "extract").glob("*.py"), *(PACKAGE / "resolve").glob("*.py"), PACKAGE / "model.py"]
    return _digest(lexicon_version, _sources(*code))


def parse_key(text: str) -> str:
    return _digest(parser_version(), text)


def extraction_key(article: Article, lexicon_version: str) -> str:
    return _digest(parse_key(article.text), rules_version(lexicon_version), repr(article))


class Cache:
    """Get and put parses and extractions. Writes are batched: ``tick`` commits them once ``commit_every``
    seconds have passed, and ``flush``/``close`` always do, so another build sharing the cache waits for
    one batch at most (it would give up after ``timeout`` seconds), never for a whole build. The file is in
    WAL mode, so readers never wait for a writer."""

    def __init__(self, folder: Path, *, timeout: float = 60.0, commit_every: float = 2.0) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.path = folder / "build-cache.sqlite"
        self.db = sqlite3.connect(self.path, timeout=timeout)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        self.hits = {"docs": 0, "extractions": 0}
        self.misses = {"docs": 0, "extractions": 0}
        self.commit_every = commit_every
        self._committed = time.monotonic()

    def _get(self, table: str, key: str) -> bytes | None:
        row = self.db.execute(f"SELECT data FROM {table} WHERE key = ?", (key,)).fetchone()  # noqa: S608
        (self.hits if row else self.misses)[table] += 1
        return row[0] if row else None

    def get_extraction(self, key: str) -> Extraction | None:
        data = self._get("extractions", key)
        return pickle.loads(data) if data else None  # noqa: S301 — our own file, written by put_extraction

    def put_extraction(self, key: str, extraction: Extraction) -> None:
        self.db.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?)", (key, pickle.dumps(extraction, 5)))

    def get_docs(self, key: str) -> bytes | None:
        return self._get("docs", key)

    def has_docs(self, key: str) -> bool:
        found = self.db.execute("SELECT 1 FROM docs WHERE key = ?", (key,)).fetchone() is not None
        (self.hits if found else self.misses)["docs"] += 1
        return found

    def put_docs(self, key: str, data: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?)", (key, data))

    def tick(self) -> None:
        """Commit what was put if the last commit is ``commit_every`` seconds old."""
        if time.monotonic() - self._committed >= self.commit_every:
            self.flush()

    def flush(self) -> None:
        self.db.commit()
        self._committed = time.monotonic()

    def close(self) -> None:
        self.flush()
        self.db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
