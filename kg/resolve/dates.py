"""Japanese date expressions (「13日」「先月10日」「2021年12月7日」「令和元年5月1日」「同日」) → datetime.date.

Relative dates resolve against the article's date, or — in a digest, where only the source year and the
section's month are known — against those. A date that cannot be pinned to one day stays None: no year
or day is ever invented. A year written out (2005年, 平成17年, 令和元年) is used as given, never replaced
by the article's; an impossible one (0000年, past 9999) leaves its date unresolved. A range (26日から28日まで,
26～28日, 9日~11日) is one mention dated by its first day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_NUM = r"[0-9０-９]"
# Japanese eras: the Gregorian year of 元年 (year 1)
ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_ERA = "|".join(ERAS)
DATE_RE = re.compile(
    rf"(?P<rel>先月|来月|今月|前月|翌月|昨年|去年|今年|来年|本年|同月)?"
    rf"(?:(?P<y>{_NUM}{{4,}})年|(?P<era>{_ERA})(?P<ey>元|{_NUM}{{1,2}})年)?"
    rf"(?:(?P<m>{_NUM}{{1,2}})月)?"
    rf"(?:(?P<d>{_NUM}{{1,2}})(?:[、,・～〜-]{_NUM}{{1,2}})?日(?![間目本程])"
    rf"(?:(?:から|[~～〜])(?:{_NUM}{{1,2}}月)?{_NUM}{{1,2}}日(?![間目本程])(?:まで)?)?"  # 26日から28日まで, 9日~11日:
    # the first day
    rf"|(?P<mo_end>(?<=月)))"
    rf"|(?P<word>同日|翌日|前日|昨日|きのう|今日|きょう|本日|明日|あす)"
)


ISSUE = re.compile(r"号|付(?:け|の|で)?")
VAGUE = re.compile(
    rf"来週|今週|先週|年明け|年内|年末|来月|今月|先月|昨年末|"
    rf"(?:昨年|去年|今年|来年)?{_NUM}{{1,2}}月(?:上旬|中旬|下旬|末|初め)?(?!{_NUM})"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date | None


@dataclass(frozen=True)
class Reference:
    """What relative dates resolve against."""

    date: dt.date | None = None
    year: int | None = None
    month: int | None = None

    @property
    def known_year(self) -> int | None:
        return self.date.year if self.date else self.year

    @property
    def known_month(self) -> int | None:
        return self.date.month if self.date else self.month


def _int(s: str | None) -> int | None:
    return int(unicodedata.normalize("NFKC", s)) if s else None


def _year(match: re.Match) -> int | None:
    """The year a match writes out: 2005年 → 2005, 平成17年 → 2005, 令和元年 → 2019; None when it names none."""
    if match["era"]:
        n = 1 if match["ey"] == "元" else _int(match["ey"])
        return ERAS[match["era"]] + n - 1 if n >= 1 else 0  # 平成0年 is no year: 0 resolves to nothing
    return _int(match["y"])


def _safe(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when there is no such day (2月30日, the year 0, a year past 9999)."""
    if dt.MINYEAR <= y <= dt.MAXYEAR and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return dt.date(y, m, d)
    return None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def resolve(match: re.Match, ref: Reference, anchor: dt.date | None = None) -> dt.date | None:
    """One DATE_RE match → a date, or None when the day cannot be known."""
    word = match["word"]
    if word:
        base = anchor if word == "同日" else (anchor or ref.date) if word in ("翌日", "前日") else ref.date
        if base is None:
            return None
        delta = {"同日": 0, "翌日": 1, "前日": -1, "昨日": -1, "きのう": -1, "明日": 1, "あす": 1}.get(word, 0)
        try:
            return base + dt.timedelta(days=delta)
        except OverflowError:  # the day after 9999-12-31
            return None
    y, m, d, rel = _year(match), _int(match["m"]), _int(match["d"]), match["rel"]
    if d is None:
        return None  # a month alone (「7月」) is no day
    if y is not None:  # a year written out is used as given (an impossible one resolves to nothing)
        return _safe(y, m, d) if m is not None else None
    ry, rm = ref.known_year, ref.known_month
    if rel in ("昨年", "去年", "今年", "本年", "来年"):
        if ry is None or m is None:
            return None
        return _safe(ry + {"昨年": -1, "去年": -1, "来年": 1}.get(rel, 0), m, d)
    if rel in ("先月", "前月", "来月", "翌月", "今月", "同月"):
        if ry is None or rm is None or m is not None:
            return None
        yy, mm = _shift_month(ry, rm, {"先月": -1, "前月": -1, "来月": 1, "翌月": 1}.get(rel, 0))
        return _safe(yy, mm, d)
    if m is not None:
        if ry is None:
            return None
        cand = _safe(ry, m, d)
        # the year that puts the date nearest the article (past preferred); a digest knows year and month only
        near = ref.date or (dt.date(ry, rm, 15) if rm else None)
        if cand and near:
            if (cand - near).days > 90:
                cand = _safe(ry - 1, m, d)
            elif (near - cand).days > 275:
                cand = _safe(ry + 1, m, d)
        return cand
    # a day alone: this month, or the last one when the day is well past the article's day
    if ry is None or rm is None:
        return None
    if ref.date and d > ref.date.day + 10:
        yy, mm = _shift_month(ry, rm, -1)
        return _safe(yy, mm, d)
    return _safe(ry, rm, d)


def _same_month(ctx: Reference, last: dt.date | None, day: int | None, ref: Reference) -> bool:
    """A bare day after a date that named its month (1月10日…12日) is of that month — unless it runs back before
    that day in an older month than the article's (6月30日までの議会で…。15日から始まる会議: the article's July)."""
    if last is None or day is None or day >= last.day or ref.known_year is None or ref.known_month is None:
        return True
    return (ctx.known_year, ctx.known_month) >= (ref.known_year, ref.known_month)


def find_dates(text: str, ref: Reference, anchor: dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved left to right (同日 takes the last date before it)."""
    out = []
    month_ctx: Reference | None = None  # set by a date that names its month: 「1月10日…12日」
    for m in DATE_RE.finditer(text):
        if not m.group(0) or (m["d"] is None and m["word"] is None):
            continue
        if m["d"] and m.start() > 0 and text[m.start() - 1] in "0123456789０１２３４５６７８９第約":
            continue
        day_only = m["d"] and not (m["m"] or m["y"] or m["era"] or m["rel"])
        ctx = month_ctx if day_only and month_ctx and _same_month(month_ctx, anchor, _int(m["d"]), ref) else None
        try:
            date = resolve(m, ctx or ref, anchor)
        except (ValueError, OverflowError):  # one odd date loses that date, never the record
            date = None
        if date and ISSUE.match(text, m.end()):  # 『週刊X』6月5日号, 5日付の紙面: a publication's date, not the
            pass  # day 同日 goes back to
        elif date:
            anchor = date
            if m["m"] or day_only and month_ctx and ctx is None:  # …15日: the month it fell back to goes on
                month_ctx = Reference(None, date.year, date.month)
        out.append(DateMention(m.start(), m.end(), m.group(0), date))
    taken = [(d.start, d.end) for d in out]
    for m in VAGUE.finditer(text):  # 来週, 年明け, 7月: kept as text, never pinned to a day
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(DateMention(m.start(), m.end(), m.group(0), None))
    return sorted(out, key=lambda d: d.start)


PAST, FUTURE = "past", "future"
LATE_NEWS = 1  # days an article may be dated off the day it tells of as coming or done
BACK_WINDOW = 60  # days a planned month-day may lie before the article (a plan reported after the day)


def directed(mention: DateMention, ref: dt.date | None, direction: str | None) -> dt.date | None:
    """The date of ``mention`` for an event the text tells as past (``PAST``: a meeting held) or as to come
    (``FUTURE``: one planned), against the article's date ``ref``. Only a date that leaves its year (and, for a
    bare day, its month) to the reader moves: 「29日」 of something done is the last 29th up to the article,
    of something to come the next one (not one of the month a date elsewhere in the sentence named, 10月1日に
    統合する両社は、29日、…); 「10月20日」 to come in an article of January is next October. A year, an era,
    先月/来年 or 同日 written out are taken as given, and so is anything without a direction."""
    m = DATE_RE.fullmatch(mention.text)
    if ref is None or direction not in (PAST, FUTURE) or m is None or m["word"] or m["rel"] or m["y"] or m["era"] \
            or m["d"] is None:
        return mention.date
    d, month = _int(m["d"]), _int(m["m"])
    got = mention.date
    if month is not None:  # a month and a day: the year that puts it on the told side of the article
        if direction == PAST:  # the resolver's nearest year, past preferred; one after the article is told as
            return got  # done by mistake (…7日に開催すると発表した), which is the caller's to judge
        this = _safe(ref.year, month, d)
        if this is None:
            return got
        return this if (ref - this).days <= BACK_WINDOW else _safe(ref.year + 1, month, d) or got
    if direction == PAST:  # a bare day: the last such day up to the article (the next day stays: an article
        # dated the eve of what it reports, or a meeting told as done that is still to come, which is the caller's)
        if got is not None and got <= ref + dt.timedelta(days=LATE_NEWS) and (ref - got).days < 62:
            return got
        for back in range(3):
            y, mo = _shift_month(ref.year, ref.month, -back)
            when = _safe(y, mo, d)
            if when is not None and when <= ref:
                return when
        return got
    if got is not None and got >= ref - dt.timedelta(days=LATE_NEWS) and (got - ref).days < 62:
        return got
    for ahead in range(3):
        y, mo = _shift_month(ref.year, ref.month, ahead)
        when = _safe(y, mo, d)
        if when is not None and when >= ref - dt.timedelta(days=LATE_NEWS):
            return when
    return got
