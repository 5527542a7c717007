"""The data the rules use, read from kg/resources/ (or a folder the user names).

Analysts extend these files — actors, titles, reporting verbs, demand cues, meeting nouns —
without touching code. Lines starting with '#' are comments.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).with_name("resources")


@dataclass(frozen=True)
class Entry:
    canonical: str
    type: str
    wikidata: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    actors: tuple[Entry, ...]
    titles: tuple[str, ...]  # longest first
    reporting_verbs: tuple[str, ...]  # stems, longest first
    stance_nouns: frozenset[str]
    demand_cues: frozenset[str]
    meeting_nouns: tuple[tuple[str, str], ...]  # (noun, kind), longest first
    media_suffixes: tuple[str, ...]
    alias_index: dict[str, Entry] = field(default_factory=dict, compare=False, hash=False)
    version: str = ""

    def lookup(self, name: str) -> Entry | None:
        return self.alias_index.get(name)


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _read_actors(path: Path) -> tuple[Entry, ...]:
    entries = []
    for n, line in enumerate(_lines(path), 1):
        cols = line.split("\t")
        if len(cols) < 2:
            raise ValueError(f"{path}:{n}: expected 'canonical<TAB>type[<TAB>wikidata<TAB>aliases]'")
        canonical, typ = cols[0].strip(), cols[1].strip()
        if typ not in {"Person", "State", "Organization"}:
            raise ValueError(f"{path}:{n}: unknown actor type {typ!r}")
        qid = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
        aliases = tuple(a.strip() for a in cols[3].split("|") if a.strip()) if len(cols) > 3 else ()
        wikidata = f"http://www.wikidata.org/entity/{qid}" if qid else None
        entries.append(Entry(canonical, typ, wikidata, aliases))
    return tuple(entries)


def _fingerprint(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


@lru_cache(maxsize=4)
def load(folder: Path = RESOURCES) -> Lexicon:
    """Read every data file of ``folder``; raises ValueError naming the file and line on a bad entry."""
    actors = _read_actors(folder / "actors.tsv")
    index: dict[str, Entry] = {}
    for e in actors:  # canonical names win over aliases of other entries
        index.setdefault(e.canonical, e)
    for e in actors:
        for a in e.aliases:
            index.setdefault(a, e)
    meeting = []
    for line in _lines(folder / "meeting_nouns.txt"):
        noun, _, kind = line.partition("\t")
        meeting.append((noun.strip(), kind.strip() or "InPerson"))
    return Lexicon(
        actors=actors,
        titles=tuple(sorted(set(_lines(folder / "titles.txt")), key=len, reverse=True)),
        reporting_verbs=tuple(sorted(set(_lines(folder / "reporting_verbs.txt")), key=len, reverse=True)),
        stance_nouns=frozenset(_lines(folder / "stance_nouns.txt")),
        demand_cues=frozenset(_lines(folder / "demand_cues.txt")),
        meeting_nouns=tuple(sorted(meeting, key=lambda m: len(m[0]), reverse=True)),
        media_suffixes=tuple(sorted(_lines(folder / "media_suffixes.txt"), key=len, reverse=True)),
        alias_index=index,
        version=_fingerprint(folder),
    )
