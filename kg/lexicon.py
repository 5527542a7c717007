"""The data the rules use, read from kg/resources/ (or a folder the user names).

Analysts extend these files — actors, titles, reporting verbs, demand cues, meeting nouns —
without touching code. Lines starting with '#' are comments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
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
    clause_only_cues: frozenset[str]  # cues that demand only with a clause (…するよう呼びかけた)
    rejection_cues: frozenset[str]
    meeting_nouns: tuple[tuple[str, str], ...]  # (noun, kind), longest first
    media_suffixes: tuple[str, ...]
    alias_index: dict[str, Entry] = field(default_factory=dict, compare=False, hash=False)
    roles: dict[str, tuple[Term, ...]] = field(default_factory=dict, compare=False, hash=False)
    version: str = ""
    reporting: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, hash=False)  # lemma → kinds
    agent_suffixes: tuple[str, ...] = ()  # how a description of a speaker ends (担当者, 知事, 団 …)
    session_nouns: frozenset[str] = frozenset()  # meeting nouns that also name bodies (委員会): only a sitting counts
    v1_meeting_nouns: tuple[tuple[str, str], ...] = ()  # the ones the first meeting rule reads
    title_endings: tuple[str, ...] = ()  # how a title not in titles.txt ends (総務相, 幹事長, 被告)
    type_suffixes: tuple[tuple[str, str], ...] = ()  # (suffix, type) longest first: 担当者 → Person, 4社 → Organization
    state_parts: frozenset[str] = frozenset()  # after a state's name, still the state's (日本政府, ロシア西部)
    company_endings: frozenset[str] = frozenset()  # endings of a company's name (…工業, …証券): what 同社 points to
    generic_endings: frozenset[str] = frozenset()  # bodies a common noun ending so names nobody (研究チーム, 委員会)
    party_endings: frozenset[str] = frozenset()  # the parties of a case (原告, 被告側): a common noun naming someone
    member_endings: frozenset[str] = frozenset()  # a body's people (関係者, 担当者): Xの関係者 speaks for X
    non_actor_endings: tuple[str, ...] = ()  # a place's part or an event (中心部, クーデター): never an actor

    def type_of(self, text: str) -> str | None:
        """Person / Organization for a name or description by how it ends (the longest ending of actor_types.tsv),
        or None when its ending says neither; a word of two characters or more that is an ending itself (生徒,
        当局) is typed too, one character alone (者) is not."""
        return next((typ for suffix, typ in self.type_suffixes
                     if text.endswith(suffix) and (len(text) > len(suffix) or len(suffix) >= 2)), None)

    def org_ending(self, text: str) -> str | None:
        """The organisation ending ``text`` ends in (its longest ending, when that makes an Organization), else None."""
        for suffix, typ in self.type_suffixes:
            if text.endswith(suffix):
                return suffix if typ == "Organization" else None
        return None

    def lookup(self, name: str) -> Entry | None:
        return self.alias_index.get(name)

    def is_media(self, name: str) -> bool:
        """A news outlet's name (…通信, …新聞, ロイター): it reports rather than speaks or meets."""
        return name.endswith(self.media_suffixes)

    def holder(self, role: str, when: dt.date | None) -> Entry | None:
        """Who held ``role`` (アメリカ大統領) on ``when``; None without a date or a known holder."""
        if when is None:
            return None
        for term in self.roles.get(role, ()):
            if term.start <= when and (term.end is None or when < term.end):
                return self.lookup(term.holder)
        return None


@dataclass(frozen=True)
class Term:
    holder: str
    start: dt.date
    end: dt.date | None


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


def _merge_generated(hand: tuple[Entry, ...], generated: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The hand entries with the generated ones (states.tsv) joined in: an entry that shares a name with a hand
    entry adds its names to it and fills its Wikidata id; the hand entry keeps its name and type."""
    out = list(hand)
    where = {n: i for i, e in enumerate(hand) for n in (e.canonical, *e.aliases)}
    for g in generated:
        i = next((where[n] for n in (g.canonical, *g.aliases) if n in where), None)
        if i is None:
            out.append(g)
            continue
        h = out[i]
        names = [n for n in (g.canonical, *g.aliases) if n != h.canonical and n not in h.aliases]
        out[i] = Entry(h.canonical, h.type, h.wikidata or g.wikidata, h.aliases + tuple(names))
    return tuple(out)


def _fingerprint(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _read_roles(path: Path, index: dict[str, Entry]) -> dict[str, tuple[Term, ...]]:
    roles: dict[str, list[Term]] = {}
    for n, line in enumerate(_lines(path), 1):
        cols = [c.strip() for c in line.split("\t")]
        try:
            role, holder, start = cols[0], cols[1], dt.date.fromisoformat(cols[2])
            end = dt.date.fromisoformat(cols[3]) if len(cols) > 3 and cols[3] else None
        except (IndexError, ValueError):
            raise ValueError(f"{path}:{n}: expected 'role<TAB>holder<TAB>from[<TAB>to]' with ISO dates") from None
        if holder not in index:
            raise ValueError(f"{path}:{n}: holder {holder!r} is not in actors.tsv")
        roles.setdefault(role, []).append(Term(holder, start, end))
    return {r: tuple(sorted(ts, key=lambda t: t.start)) for r, ts in roles.items()}


def load(folder: Path | None = None) -> Lexicon:
    """The lexicon of ``folder``, else of ``$KG_RESOURCES``, else the shipped kg/resources (read once)."""
    return _load(Path(folder or os.environ.get("KG_RESOURCES") or RESOURCES).resolve())


@lru_cache(maxsize=4)
def _load(folder: Path) -> Lexicon:
    """Read every data file of ``folder``; raises ValueError naming the file and line on a bad entry."""
    actors = _read_actors(folder / "actors.tsv")
    if (folder / "states.tsv").exists():
        actors = _merge_generated(actors, _read_actors(folder / "states.tsv"))
    index: dict[str, Entry] = {}
    for e in actors:  # canonical names win over aliases of other entries
        index.setdefault(e.canonical, e)
    for e in actors:
        for a in e.aliases:
            index.setdefault(a, e)
    meeting, sessions, frames_only = [], set(), set()
    for line in _lines(folder / "meeting_nouns.txt"):
        noun, kind, flag = ([c.strip() for c in line.split("\t")] + ["", ""])[:3]
        meeting.append((noun, kind or "InPerson"))
        if flag.startswith("session"):
            sessions.add(noun)
        if flag == "session":
            frames_only.add(noun)
    return Lexicon(
        actors=actors,
        titles=tuple(sorted(set(_lines(folder / "titles.txt")), key=len, reverse=True)),
        reporting_verbs=tuple(sorted(set(_lines(folder / "reporting_verbs.txt")), key=len, reverse=True)),
        stance_nouns=frozenset(_lines(folder / "stance_nouns.txt")),
        demand_cues=frozenset(line.split("\t")[0].strip() for line in _lines(folder / "demand_cues.txt")),
        clause_only_cues=frozenset(line.split("\t")[0].strip() for line in _lines(folder / "demand_cues.txt")
                                   if line.rstrip().endswith("\tclause")),
        rejection_cues=frozenset(_lines(folder / "rejection_cues.txt")),
        meeting_nouns=tuple(sorted(meeting, key=lambda m: len(m[0]), reverse=True)),
        media_suffixes=tuple(sorted(_lines(folder / "media_suffixes.txt"), key=len, reverse=True)),
        alias_index=index,
        roles=_read_roles(folder / "roles.tsv", index) if (folder / "roles.tsv").exists() else {},
        version=_fingerprint(folder),
        reporting=_read_keyed(folder / "reporting_predicates.tsv"),
        session_nouns=frozenset(sessions),
        v1_meeting_nouns=tuple(sorted((m for m in meeting if m[0] not in frames_only), key=lambda m: len(m[0]),
                                      reverse=True)),
        agent_suffixes=tuple(_lines(folder / "agent_suffixes.txt")) if (folder / "agent_suffixes.txt").exists()
        else (),
        title_endings=tuple(sorted(_lines(folder / "title_endings.txt"), key=len, reverse=True))
        if (folder / "title_endings.txt").exists() else (),
        type_suffixes=_read_types(folder / "actor_types.tsv"),
        state_parts=_read_flagged(folder / "actor_types.tsv", "not-after-state"),
        company_endings=_read_flagged(folder / "actor_types.tsv", "company"),
        generic_endings=_read_flagged(folder / "actor_types.tsv", "generic"),
        party_endings=_read_flagged(folder / "actor_types.tsv", "party"),
        member_endings=_read_flagged(folder / "actor_types.tsv", "member"),
        non_actor_endings=tuple(sorted(_lines(folder / "non_actor_endings.txt"), key=len, reverse=True))
        if (folder / "non_actor_endings.txt").exists() else (),
    )


FLAGS = frozenset({"", "not-after-state", "company", "generic", "party", "member"})  # the flags of actor_types.tsv


def _type_rows(path: Path) -> list[tuple[str, str, str]]:
    """``suffix<TAB>type[<TAB>flag]`` rows of actor_types.tsv."""
    out = []
    for n, line in enumerate(_lines(path) if path.exists() else (), 1):
        suffix, typ, flag = ([c.strip() for c in line.split("\t")] + ["", ""])[:3]
        if typ not in {"Person", "Organization", "State"} or flag not in FLAGS:
            raise ValueError(f"{path}:{n}: expected 'suffix<TAB>Person|Organization|State[<TAB>flag]', "
                             f"got {line!r}")
        out.append((suffix, typ, flag))
    return out


def _read_types(path: Path) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((s, t) for s, t, _ in _type_rows(path)), key=lambda x: len(x[0]), reverse=True))


def _read_flagged(path: Path, flag: str) -> frozenset[str]:
    return frozenset(s for s, _, f in _type_rows(path) if f == flag)


def _read_keyed(path: Path) -> dict[str, frozenset[str]]:
    """``lemma<TAB>word word …`` lines → {lemma: {word, …}}."""
    out: dict[str, frozenset[str]] = {}
    for line in _lines(path) if path.exists() else ():
        lemma, _, rest = line.partition("\t")
        out[lemma.strip()] = frozenset(rest.split())
    return out
