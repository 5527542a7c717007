"""Personal names read off the morphology: 菅総務相, 谷垣幹事長, 塩崎恭久厚労大臣, 横田裁判長, 盧武鉉.

Sudachi tags the parts of a Japanese or Chinese personal name (名詞-固有名詞-人名-姓 / -名 / -一般) whatever the
named-entity layer makes of the phrase (谷垣幹事長 comes out as a Position_Vocation, 村木 as a Government). A name
is taken as a person's when a title follows it — a word GiNZA labels Position_Vocation or Title_Other (幹事長,
裁判長, さん), or one of the lexicon's titles — or when it is a full name, family name then given name (盧武鉉).
A family name alone with no title (安倍は) is left to the other sources, since Sudachi also tags place and company
names that way.

Works on any sequence of spaCy tokens (a Doc or a Span); never imports spaCy itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TITLE_LABELS = frozenset({"Position_Vocation", "Title_Other"})
NAME_TAG = "人名"
ABBREVIATIONS = "米露ロ英仏独中日韓伊加豪印宇"
KANJI_END = re.compile(r"[一-龥々]$")
KANJI_START = re.compile(r"[一-龥々]")  # one-character states written before a title (バイデン米大統領)


def family_name(full: str) -> str | None:
    """The family name a full katakana name answers to: the part after the last ・, and after a ＝ in it
    (クリスティアン・ディアコネスク → ディアコネスク, アンワル・アッ=サーダート → サーダート); None for a name
    with no separator (a kanji name: where its family name ends is not written)."""
    parts = re.split("[・＝=]", full)
    return parts[-1] if len(parts) > 1 and parts[-1] else None


def strip_title(text: str, titles: tuple[str, ...]) -> str:
    """A name without the title it ends with (石山拓二教授 → 石山拓二, バイデン米大統領 → バイデン; ``titles``
    longest first); a title alone stays as it is."""
    for t in titles:
        if text.endswith(t) and len(text) > len(t):
            rest = text[: -len(t)].rstrip("・")
            if len(rest) > 2 and rest[-1] in ABBREVIATIONS:
                rest = rest[:-1]
            return rest or text
    return text


@dataclass(frozen=True)
class PersonName:
    """Character offsets in the text the tokens come from: [start, family_end) is the family name (the whole name
    when Sudachi marks no family name), [start, name_end) the name, [name_end, end) the title after it ('' if
    none)."""

    start: int
    family_end: int
    name_end: int
    end: int

    @property
    def full(self) -> bool:
        return self.family_end < self.name_end


def _part(tok) -> str | None:
    """'姓', '名' or '一般' for a token Sudachi tags as part of a personal name, else None."""
    tag = tok.tag_.split("-")
    if len(tag) >= 4 and tag[2] == NAME_TAG:
        return tag[3]
    return None


def person_names(tokens, ents: Iterable[tuple[int, int, str]], titles: tuple[str, ...],
                 endings: tuple[str, ...] = ()) -> list[PersonName]:
    """The personal names in ``tokens`` that a title follows, or that are full names. ``ents`` are the named
    entities as (start_char, end_char, label) in the same offsets as the tokens' ``idx``; ``titles`` the
    lexicon's titles, ``endings`` how other titles end (相, 幹事長 → 長)."""
    toks = list(tokens)
    title_at = {}  # a title entity starting at this character → its end
    people = set()  # the spans the entity layer calls a person
    for s, e, label in ents:
        if label in TITLE_LABELS:
            title_at[s] = e
        elif label == "Person":
            people.add((s, e))
    found: list[PersonName] = []
    i = 0
    while i < len(toks):
        parts = []
        j = i
        while j < len(toks) and (p := _part(toks[j])) is not None and len(parts) < 3:
            parts.append(p)
            j += 1
        if not parts:
            if (name := _numeral_name(toks, i, title_at, titles, endings)) is not None:
                found.append(name)  # 二階総務会長: a family name the morphology read as a number and a counter
                i += 2
                continue
            i += 1
            continue
        start = toks[i].idx
        name_end = toks[j - 1].idx + len(toks[j - 1].text)
        family_end = toks[i].idx + len(toks[i].text) if parts[0] == "姓" and len(parts) > 1 else name_end
        if start and _joined(toks, i):  # 東京都知事選: part of a longer compound, not a name
            i = j
            continue
        end = _title_end(toks, j, name_end, title_at, titles, endings)
        if end is None and title_at.get(start, 0) > name_end:  # 谷垣幹事長, 石破茂氏: one entity for name and title
            end = title_at[start]
        if end is not None:  # 谷口修市議会議員: the name ends where a title of the lexicon starts (市議会議員)
            name_end = _title_inside(toks[0].doc.text, start, name_end, end, titles)
            family_end = min(family_end, name_end)
        full = parts[0] == "姓" and "名" in parts[1:]
        # 琴欧州は: one word the morphology reads as a whole personal name (a ring name, a pen name) and the entity
        # layer as a person: a person with no title
        whole = parts == ["一般"] and name_end - start >= 2 and (start, name_end) in people
        if end is not None or full or whole:
            found.append(PersonName(start, family_end, name_end, end if end is not None else name_end))
        i = j
    return found


NUMERAL = re.compile(r"[一二三四五六七八九十百千]")
GROUP_COUNTERS = frozenset("人名国社党者部隊組")  # 三人, 二国, 一部: a count of people or bodies, never a name


def _numeral_name(toks: list, i: int, title_at: dict[int, int], titles: tuple[str, ...],
                  endings: tuple[str, ...]) -> PersonName | None:
    """二階総務会長, 一川防衛相, 三木首相: a kanji numeral and a one-character word written against it, then an office
    of two characters or more (listed, or ending as one does), and nothing compound before it: a family name."""
    if i + 2 > len(toks) or not NUMERAL.fullmatch(toks[i].text) or toks[i].pos_ != "NUM":
        return None
    nxt = toks[i + 1]
    start = toks[i].idx
    if nxt.idx != start + 1 or len(nxt.text) != 1 or not KANJI_END.search(nxt.text) or nxt.text in GROUP_COUNTERS:
        return None
    if start and _joined(toks, i):
        return None
    name_end = nxt.idx + 1
    end = _title_end(toks, i + 2, name_end, title_at, titles, endings)
    if end is None or end - name_end < 2:
        return None
    return PersonName(start, name_end, name_end, end)


def _joined(toks: list, i: int) -> bool:
    """The token before ``i`` is written against it and is itself a noun of a compound (kanji or katakana)."""
    if i == 0:
        return False
    prev = toks[i - 1]
    if prev.idx + len(prev.text) != toks[i].idx:
        return False
    if prev.text in ("・", "=", "＝"):  # ヴラディミル・ペトロヴィッチ: the end of a longer katakana name
        if KANJI_START.match(toks[i].text):
            return False  # 楽天イーグルス・米田純: a kanji name after the dot begins a name of its own
        before = toks[i - 2] if i >= 2 else None  # 日本テニス協会・渡辺康二: a body, then a person's name
        return before is None or not KANJI_END.search(before.text) or before.idx + len(before.text) != prev.idx
    return prev.pos_ in {"NOUN", "PROPN"} and _part(prev) is None and not prev.text.isascii()


def _title_inside(text: str, start: int, name_end: int, end: int, titles: tuple[str, ...]) -> int:
    """Where the name ends when the last one or two characters tagged as the name begin a title of the lexicon
    that reaches at least as far as the title found; else ``name_end``."""
    for cut in (name_end - 1, name_end - 2):
        if cut - start < 2:
            break
        if any(text.startswith(t, cut) and cut + len(t) >= end for t in titles):
            return cut
    return name_end


def _title_end(toks: list, j: int, name_end: int, title_at: dict[int, int], titles: tuple[str, ...],
               endings: tuple[str, ...]) -> int | None:
    """Where the title right after a name ends, or None when no title follows it: a title entity, a title of the
    lexicon, or a run of up to three nouns whose last ends as a title does (総務相, 厚労大臣)."""
    if j >= len(toks) or toks[j].idx != name_end:
        return None
    if name_end in title_at:
        return title_at[name_end]
    rest = "".join(t.text for t in toks[j : j + 4])
    for t in titles:  # longest first
        if rest.startswith(t):
            return name_end + len(t)
    end = name_end
    for tok in toks[j : j + 3]:
        if tok.idx != end or tok.pos_ not in {"NOUN", "PROPN"} or _part(tok) is not None:
            break
        end += len(tok.text)
        if tok.text.endswith(endings):
            return end
    return None
