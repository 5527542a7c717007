"""Input files → ``Article`` records, and a ``Skipped`` record for anything that cannot become one.

Reads ``.txt`` (pages scraped from the web, and digests whose paragraphs are followed by a
``記事タイトル/媒体名.YYYY`` source line), ``.html``/``.htm`` and ``.jsonl``, in UTF-8 (with or without BOM),
UTF-16/32 with BOM, Shift_JIS/CP932 or EUC-JP. Nothing here imports spaCy or rdflib.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Article, Note, Skipped

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

# --- encodings -------------------------------------------------------------------------------------------------

BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
LEGACY_JAPANESE_ENCODINGS = ("cp932", "euc_jp")  # cp932 wins a tie: it is the commoner of the two
BINARY_PROBE_BYTES = 1024
MAX_BAD_SHARE = 0.01  # text with at most this share of bad bytes or NULs is read with U+FFFD in their place
REPLACEMENT = "\ufffd"

# --- plain-text pages ------------------------------------------------------------------------------------------

LIST_BULLETS = ("•", "・", "▶", "▷", "►", "■", "□", "◆", "◇", "●", "○", "★", "☆", "※", "→", "-", "*", "+", ">")
TAIL_MARKERS = (  # a short line holding one of these starts the page's tail (related lists, comments, legal text)
    "こんな記事も読まれています",
    "ランキング",
    "関連記事",
    "関連ニュース",
    "あわせて読みたい",
    "合わせて読みたい",
    "おすすめ",
    "オススメ",
    "話題の記事",
    "人気記事",
    "注目記事",
    "最新のコメント",
    "コメントを書く",
    "コメントする",
    "次の記事",
    "前の記事",
    "続きを読む",
    "シェア",
    "Copyright",
    "COPYRIGHT",
    "©",
    "(C)",
    "(c)",
    "All rights reserved",
    "無断転載",
    "無断複写",
    "無断転用",
    "無断複製",
)
COMMENT_COUNTER_RE = re.compile(r"^コメント\s*[(（\[]?\s*\d*\s*[)）\]]?\s*(件)?$")
BOILERPLATE_WORDS = (  # legal and service text: prose that never carries a news fact
    "無断",
    "禁じます",
    "著作権",
    "Copyright",
    "All rights reserved",
    "ウェブサイト",
    "当サイト",
    "免責",
    "リスク開示",
    "ご了承ください",
    "利用規約",
    "プライバシーポリシー",
    "ご登録",
    "ご購読",
    "会員登録",
)
NAV_WORDS = ("スキップ", "メニュー", "ログイン", "会員登録", "ご購読")  # long menu lines are no headline
TAIL_MARKER_MAX_CHARS = 60
MIN_PROSE_CHARS = 10
MIN_UNPUNCTUATED_PROSE_CHARS = 40  # a sentence that lost its 。 (ends 」/た/だ) must be this long
UNPUNCTUATED_PROSE_ENDINGS = ("」", "た", "だ")
MIN_JAPANESE_RATIO = 0.4
MIN_TITLE_CHARS = 10
MAX_DATELINE_CHARS = 30  # a line this short holding a full date is a dateline, not a headline
BLANK_LINE_RE = re.compile(r"\n[ \t\u3000]*\n")
SENTENCE_ENDS = ("。", "」", "』", "!", "?", "！", "？", ")", "）")
WRAP_MIN_WIDTH = 50  # narrower "blocks" are menus and bylines, not wrapped prose
WRAP_FILL = 0.9  # a hard-wrapped row fills at least this share of the block's widest row
HEADER_DATE_RES = (
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
)
ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")

# --- digests ---------------------------------------------------------------------------------------------------

# 「記事タイトル/媒体名.YYYY」; the outlet may hold spaces, "|" and dots (ファミ通.com.2019), the year may be cut short
SOURCE_LINE_RE = re.compile(r"^(?P<title>[^/]+?)/(?P<outlet>.+?)\.(?P<year>(?:19|20)\d{0,2})$")
MIN_DIGEST_SOURCE_LINES = 3
MONTH_RE = re.compile(r"(?:(?<!\d)(\d{4}|\d{2})年)?(?<!\d)(\d{1,2})月")  # 「2008年4月」「19年7月」「6月」
MAX_MONTH_LEAP = 6  # months a chronological digest may skip between two paragraphs
OPENING_DATE_RE = re.compile(r"^[【\[(「]?\s*(?:\d{4}年)?(\d{1,2})月\d{1,2}日")

# --- lists of sources and related-links boxes (Wikinews and the like) -------------------------------------------

_TITLE = r'(?:『[^』\n]{1,200}』|「[^」\n]{1,200}」|"[^"\n]{1,200}"|“[^”\n]{1,200}”)'
# who wrote or carried it: 共同通信, asahi.com, 河崎真澄(MSN産経ニュース)
_BYLINE = r'(?P<byline>[^。\n『』「」"“”]{0,40})'
_OUTLET = r'(?:[^\s。、,，\n『』「」"“”\u3041-\u3096][^。、,，\n『』「」"“”]{0,39}?[\s\u3000]*[、,，]?[\s\u3000]*)'
_SOURCE_DATE = (
    r'(?:(?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?|(?:19|20)\d\d[-/.]\d{1,2}(?:[-/.]\d{1,2})?'
    r'|[A-Z][a-z]{2,8}\.? ?\d{1,2}, ?(?:19|20)\d\d)'
    r'(?:[\s\u3000]*(?:午前|午後)?\d{1,2}(?:時(?:\d{1,2}分)?|:\d\d(?::\d\d)?))?'  # 23時46分, 02:53:21
    r'(?:[\s\u3000]*[(（][^()（）\n]{1,20}[)）])?'  # (UTC+9)
)
# one citation, ending where the text ends: 『title』。outlet、2006年9月16日。 / 「title」 — 読売新聞 2006年11月8日
CITATION_RE = re.compile(
    rf"{_BYLINE}{_TITLE}[\s\u3000]*(?:[。．.、,，:：]|[—–―-]{{1,2}})?[\s\u3000]*{_OUTLET}?{_SOURCE_DATE}"
    rf"[\s\u3000]*[。.]?[\s\u3000]*\Z"
)
CITATION_WINDOW = 400  # characters a citation may span (title ≤ 200, byline and outlet ≤ 40 each, date)
CITATION_BOUNDARY = "。．.！？!?」』)）]］"
RELATED_HEADING_RE = re.compile(r"^[■□◆◇●○▼▽【\[\s]*(?:関連記事|関連ニュース|関連リンク|関連情報)[】\]\s:：]*$")
SOURCES_HEADING_RE = re.compile(r"^[■□◆◇●○▼▽【\[\s]*(?:出典|情報源|参考文献|参考資料|ソース)[】\]\s:：]*$")
MAX_RELATED_LINE_CHARS = 100

# --- html ------------------------------------------------------------------------------------------------------

HTML_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form")
HTML_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "li")
HTML_DATE_SELECTORS = (
    ('meta[property="article:published_time"]', "content"),
    ('meta[name="pubdate"]', "content"),
    ('meta[name="date"]', "content"),
    ("time[datetime]", "datetime"),
)


# === public API ================================================================================================


def read_inputs(paths: Iterable[Path | str]) -> Iterator[Article | Skipped | Note]:
    """Files or folders (walked recursively, sorted so the order is stable) → Articles, Skipped records, Notes.

    Inside a folder only supported files are read and hidden files/folders are passed over; a file named
    explicitly is always answered, with a ``Skipped`` when it cannot be read. A folder that cannot be read,
    a symlink loop or a path inside an unreadable folder is one ``Skipped`` for that path; the rest is read.

    A file's ``source`` (what the graph's ``kg:sourceFile`` and the report call it) is its path relative to
    the input named: ``seeds/a.txt`` for ``a.txt`` in the folder ``seeds`` (however that folder was named:
    ``seeds/``, ``./seeds``, ``../main/seeds`` or an absolute path); a file named directly is called by its
    name (``a.txt``). So the graph holds no folder name of the machine that built it.

    Documents are named after their file, and a file's name is its own: a file read from a folder is named
    by its ``source`` (``site/a/index.html``), so adding files to a corpus never renames, and never re-mints
    the IRIs of, the documents already in it. Only files named directly on the command line that share a
    name are told apart by as many parent folders as it takes (``a/index.html``, ``b/index.html``). A file
    reached twice keeps the name it got first (and is then reported as a duplicate).
    """
    entries: list[tuple[Path, str] | Skipped] = []  # (file, source)
    for given in paths:
        path = Path(given)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as err:  # inside a folder we may not enter, a symlink loop, a name too long …
            entries.append(Skipped(display(str(path)), f"cannot read: {err.strerror or err}"))
            continue
        if is_dir:
            entries += _walk(path)
        elif exists or path.is_symlink():  # a dangling link or a loop: reported when it will not resolve
            entries.append((path, ""))  # named below, as its document is
        else:
            entries.append(Skipped(display(str(path)), "no such file or directory"))
    found = [e for e in entries if not isinstance(e, Skipped)]
    files, skipped = _resolvable(found)
    named = _file_names({f: files[f] for f, source in found if not source and f in files})  # named directly
    first: dict[Path, str] = {}  # real path → the name it got where it was first reached
    for entry in entries:
        if isinstance(entry, Skipped):
            yield entry
        elif entry[0] in skipped:
            yield Skipped(entry[1] or display(entry[0].name), skipped[entry[0]])
        else:
            path, source = entry
            name = first.setdefault(files[path], source or named[path])
            yield from read_file(path, name=name, source=source or name)


def _resolvable(entries: list[tuple[Path, str]]) -> tuple[dict[Path, Path], dict[Path, str]]:
    """({file: its real path}, {file: why it has none}) — a symlink loop has no real path."""
    real, bad = {}, {}
    for path, _ in entries:
        try:
            real[path] = path.resolve(strict=True)
        except RuntimeError:  # a symlink loop (Python < 3.13; its message holds the absolute path)
            bad[path] = "cannot read: symlink loop"
        except OSError as err:
            bad[path] = f"cannot read: {err.strerror or err}"
    return real, bad


def _file_names(real: dict[Path, Path]) -> dict[Path, str]:
    """Each file (with its real path) → its name, with the fewest parent folders that make it differ from
    every other file of that name (the same file reached twice keeps one name, and is then reported as a
    duplicate)."""
    by_name: dict[str, set[Path]] = {}
    for f in real:
        by_name.setdefault(f.name, set()).add(real[f])
    out = {}
    for f in real:
        others = by_name[f.name] - {real[f]}
        depth = 1
        while any(r.parts[-depth:] == real[f].parts[-depth:] for r in others):
            depth += 1
        out[f] = display("/".join(real[f].parts[-depth:]))
    return out


def read_file(path: Path, *, name: str | None = None, source: str | None = None
              ) -> Iterator[Article | Skipped | Note]:
    """One file → its Articles (one for a page, one per record or digest paragraph), Skipped records, and
    Notes for what was changed on the way (undecodable bytes replaced).

    ``name`` (default: the file name) is what the document ids are made from: the page's id, the digest
    paragraph's ``name#pN``, a JSONL record's ``name-without-extension:line`` when it has no id. ``source``
    (default: the path as given) is what the graph and the report call the file.
    """
    path = Path(path)
    name = name or display(path.name)
    source = source or display(str(path))
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield Skipped(source, f"unsupported file type {display(path.suffix) or '(no extension)'}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(source, f"cannot read file: {err.strerror or err}")
        return
    if reader is _read_jsonl:  # decoded line by line: one bad byte costs one record, not the file
        yield from _read_jsonl(data, path, name, source)
        return
    try:
        text, encoding, replaced = decode_text(data)
    except ValueError as err:
        yield Skipped(source, str(err))
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        yield Skipped(source, "empty file")
        return
    items = list(reader(text, name, source))
    if replaced and any(isinstance(it, Article) for it in items):
        yield Note(source, f"{replaced} undecodable byte(s) or NUL(s) replaced by U+FFFD (read as {encoding})")
    for item in items:
        yield from _without_non_prose(item)


def display(text: str) -> str:
    """``text`` with any undecodable file-name bytes (surrogate escapes: a Shift_JIS name on a UTF-8
    system) written as ``\\xNN``, so that it can be printed and written to a UTF-8 report."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Raises ValueError for binary or undecodable data.

    Order: BOM; strict UTF-8 (a sequence cut off at the very end is dropped); strict CP932 and EUC-JP (the one
    whose text has more hiragana when both fit); charset-normalizer as a last resort.
    """
    strict = _decode_strictly(data)
    return strict if strict is not None else _decode_guess(data)


def decode_text(data: bytes) -> tuple[str, str, int]:
    """Bytes → (text, encoding name, how many characters were replaced). Like ``decode_bytes``, but text that
    is clearly text except for a few bad bytes or NULs (at most 1%) is read with U+FFFD in their place
    rather than refused or handed to a guesser. Raises ValueError for binary or undecodable data."""
    try:
        strict = _decode_strictly(data)
    except ValueError:  # NUL bytes: binary, unless they are a few strays in text
        lenient = _decode_leniently(data)
        if lenient is None:
            raise
        return lenient
    if strict is not None:
        return (*strict, 0)
    lenient = _decode_leniently(data)
    return lenient if lenient is not None else (*_decode_guess(data), 0)


# === encodings =================================================================================================


def _decode_strictly(data: bytes) -> tuple[str, str] | None:
    """BOM, strict UTF-8, strict CP932 / EUC-JP → (text, encoding); None when none fits; ValueError for NULs."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data[:BINARY_PROBE_BYTES]:
        raise ValueError("binary file (NUL bytes and no UTF-16 BOM)")
    text = _decode_utf8(data)
    if text is not None:
        return text, "utf-8"
    candidates = [(t, enc) for enc in LEGACY_JAPANESE_ENCODINGS if (t := _decode_strict(data, enc)) is not None]
    if candidates:
        return max(candidates, key=lambda pair: _hiragana_ratio(pair[0]))  # max keeps the first on a tie
    return None


def _decode_leniently(data: bytes) -> tuple[str, str, int] | None:
    """(text, encoding, bad characters) in the encoding with the fewest bad bytes and NULs, each now U+FFFD;
    None when even the best has more than ``MAX_BAD_SHARE`` of them (binary, or another encoding)."""
    best = None
    for encoding in ("utf-8", *LEGACY_JAPANESE_ENCODINGS):
        text = data.decode(encoding, "replace")
        bad = text.count(REPLACEMENT) + text.count("\0")
        if best is None or bad < best[2]:
            best = (text.replace("\0", REPLACEMENT), encoding, bad)
    text, _, bad = best
    return best if text.strip(REPLACEMENT + " \n") and bad <= max(1, MAX_BAD_SHARE * len(text)) else None


def _decode_utf8(data: bytes) -> str | None:
    """Strict UTF-8; a multi-byte sequence truncated at the end of the data is dropped, not fatal."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and len(data) - err.start < 4:
            return _decode_strict(data[: err.start], "utf-8")
        return None


def _decode_strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded strictly, or None."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_guess(data: bytes) -> tuple[str, str]:
    """charset-normalizer's best guess, or ValueError."""
    from charset_normalizer import from_bytes  # only reached for odd files; keeps import light

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable file (no known text encoding fits)")
    return str(best), best.encoding


def _hiragana_ratio(text: str) -> float:
    """Share of hiragana among the non-space characters: high for real Japanese, low for mojibake."""
    chars = [c for c in text if not c.isspace()]
    return sum("\u3041" <= c <= "\u309f" for c in chars) / len(chars) if chars else 0.0


# === walking ===================================================================================================


def _walk(root: Path) -> list[tuple[Path, str] | Skipped]:
    """Supported, non-hidden files under ``root``, sorted, each with its source name (``root``'s own name and
    the path below it); a folder that cannot be read is a Skipped, and the walk goes on."""
    errors: list[OSError] = []
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, f) for f in files if not f.startswith(".") and Path(f).suffix.lower() in READERS]
    base = _root_name(root)
    out: list[tuple[Path, str] | Skipped] = [(f, _source_name(base, root, f)) for f in sorted(found)]
    for err in errors:
        where = _source_name(base, root, Path(err.filename)) if err.filename else base
        out.append(Skipped(where, f"cannot read folder: {err.strerror or err}"))
    return out


def _root_name(root: Path) -> str:
    """The name of an input folder itself, whatever path names it (``.`` → the working folder's name)."""
    try:
        return display(root.resolve().name)
    except (OSError, RuntimeError):
        return display(Path(os.path.abspath(root)).name)


def _source_name(base: str, root: Path, path: Path) -> str:
    """``base/relative/path``: a file or folder under ``root``, named from the input folder down."""
    rel = Path(os.path.relpath(path, root)).as_posix()
    return display("/".join(p for p in (base, "" if rel == "." else rel) if p))


# === lists of sources and related-links boxes ==================================================================


def _without_non_prose(item: Article | Skipped) -> Iterator[Article | Skipped | Note]:
    """An Article without its trailing list of sources and its related-links boxes, and a Note saying what went;
    a Skipped when nothing but such lists was left. Anything else as it is."""
    if not isinstance(item, Article):
        yield item
        return
    text, dropped = strip_non_prose(item.text)
    if not dropped:
        yield item
        return
    if not text.strip():
        yield Skipped(item.source, "no article text (only " + "; ".join(dropped) + ")", item.record)
        return
    yield Note(item.source, "dropped " + "; ".join(dropped), item.record)
    # an undated article is about as recent as the sources it cites: their latest year and month are the hints
    # its 17日, 同日 resolve against (never its dcterms:date, which the text does not give)
    cited = _cited_date(item.text, text) if item.date is None and not item.year else None
    if cited is not None:
        yield replace(item, text=text, year=cited.year, month=cited.month)
    else:
        yield replace(item, text=text)


CITED_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _cited_date(before: str, after: str) -> dt.date | None:
    """The latest valid 年月日 date of what was dropped (dates in ``before`` that ``after`` no longer has), or None."""
    gone = Counter(CITED_DATE.findall(before)) - Counter(CITED_DATE.findall(after))
    found = []
    for y, m, d in gone.elements():
        try:
            found.append(dt.date(int(y), int(m), int(d)))
        except ValueError:
            continue
    return max(found) if found else None


def strip_non_prose(text: str) -> tuple[str, list[str]]:
    """``text`` without the list of sources it ends with and its related-links boxes → (text, what was dropped).

    A list of sources is a trailing run of citations — a bracketed title (『』「」"") with an optional byline
    before it, then an outlet and a date (『…』。読売新聞、2006年9月16日。, 「…」 — 読売新聞 2006年11月8日) —
    as whole lines at the end, under a heading such as 出典, or run on at the end of the last paragraph after
    its last sentence. A related-links box is a heading line (関連記事, 関連ニュース) and the short lines without
    a sentence end that follow it. Prose is never dropped: a citation needs its date right after the title
    (and the outlet), and the text before it must end a sentence.
    """
    lines = text.split("\n")
    dropped: list[str] = []
    box_lines, box_chars = 0, 0
    i = 0
    while i < len(lines):
        if RELATED_HEADING_RE.match(lines[i].strip()):
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or _is_link_line(lines[j])):
                j += 1
            box_lines += j - i
            box_chars += sum(len(line) for line in lines[i:j])
            del lines[i:j]
            continue
        i += 1
    if box_lines:
        dropped.append(f"related-links box ({box_lines} lines, {box_chars} characters)")
    units, chars = 0, 0
    while lines:
        last = lines[-1].strip()
        start, n = _citations_at_end(last)
        if not last or (n and start == 0) or (units and SOURCES_HEADING_RE.match(last)):
            units, chars = units + n, chars + len(lines.pop())
            continue
        if n:  # run on at the end of the last paragraph
            lines[-1] = lines[-1].rstrip()[: len(lines[-1].rstrip()) - len(last) + start].rstrip()
            units, chars = units + n, chars + len(last) - start
        break
    if units:
        dropped.append(f"list of {units} source citation(s) at the end ({chars} characters)")
    return "\n".join(lines).rstrip(), dropped


def _citations_at_end(line: str) -> tuple[int, int]:
    """(where the run of citations that ``line`` ends with starts, how many there are); (len, 0) for none."""
    end, n = len(line), 0
    while end > 0:
        window = max(0, end - CITATION_WINDOW)
        match = CITATION_RE.search(line, window, end)
        if match is None or (match.start() == window and window > 0):
            break
        byline, start = match["byline"], match.start()
        if byline and "\u3041" <= byline.rstrip()[-1:] <= "\u309f":  # 彼は『…』: a clause, not a byline
            break
        if start > 0 and not _ends_sentence(line[start - 1]):
            # the byline may start after a bracket inside it; otherwise this is a sentence, not a citation
            cut = max((k + 1 for k, c in enumerate(byline) if _ends_sentence(c)), default=None)
            if cut is None:
                break
            start += cut
        end, n = start, n + 1
    return end, n


def _ends_sentence(char: str) -> bool:
    return char in CITATION_BOUNDARY  # not a space: "October 15,2005" holds one


def _is_link_line(line: str) -> bool:
    """A headline in a related-links box: short, and no sentence."""
    line = line.strip()
    return len(line) <= MAX_RELATED_LINE_CHARS and "。" not in line and not RELATED_HEADING_RE.match(line)


# === jsonl =====================================================================================================


def _read_jsonl(data: bytes, path: Path, name: str, source: str) -> Iterator[Article | Skipped]:
    """One Article per good line; a Skipped (with its line number) for every bad one, an undecodable one
    included. Blank lines are ignored."""
    try:
        lines = _jsonl_lines(data)
    except ValueError as err:
        yield Skipped(source, str(err))
        return
    if all(isinstance(line, str) and not line.strip() for line in lines):
        yield Skipped(source, "empty file")
        return
    stem, seen = name.removesuffix(path.suffix), {}
    for line_no, line in enumerate(lines, start=1):
        if isinstance(line, Skipped):  # an undecodable line: its reason
            yield Skipped(source, line.reason, record=line_no)
            continue
        if not line.strip():
            continue
        result = _jsonl_record(line, line_no, source, stem)
        if isinstance(result, str):
            yield Skipped(source, result, record=line_no)
        elif result.id in seen:
            yield Skipped(source, f"duplicate id {result.id!r} (first on line {seen[result.id]})", record=line_no)
        else:
            seen[result.id] = line_no
            yield from _without_non_prose(result)


def _jsonl_lines(data: bytes) -> list[str | Skipped]:
    """A JSONL file's lines, decoded: each a string, or a Skipped (its reason) when that line cannot be decoded.

    A file that decodes as a whole (a BOM, UTF-8, CP932, EUC-JP) is split after decoding. Otherwise the
    bytes are split at newlines (a newline byte is never part of a character in UTF-8, CP932 or EUC-JP)
    and each line decoded in the encoding most of them fit; the rest are reported one by one.
    """
    strict = _decode_strictly(data)  # ValueError for a binary file
    if strict is not None:
        return strict[0].replace("\r\n", "\n").replace("\r", "\n").split("\n")  # not splitlines(): U+2028
    raw = [line.removesuffix(b"\r") for line in data.split(b"\n")]
    best, fits = "utf-8", -1
    for encoding in ("utf-8", *LEGACY_JAPANESE_ENCODINGS):
        n = sum(_decode_strict(line, encoding) is not None for line in raw)
        if n > fits:
            best, fits = encoding, n
    if 2 * fits < len(raw):  # most lines fit no encoding: no line-by-line reading makes sense
        text, _ = _decode_guess(data)
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str | Skipped] = []
    for line in raw:
        try:
            out.append(line.decode(best))
        except UnicodeDecodeError as err:
            out.append(Skipped("", f"undecodable line (not {best}: byte 0x{line[err.start]:02x} at byte "
                                   f"{err.start + 1} of the line)"))
    return out


def _jsonl_record(line: str, line_no: int, source: str, stem: str) -> Article | str:
    """One JSONL line → an Article, or the reason it cannot be one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return f"malformed JSON: {err.msg} at column {err.colno}"
    if not isinstance(record, dict):
        return f"record is not a JSON object (got {type(record).__name__})"
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return "record has no text"
    rid = record.get("id")
    return Article(
        id=f"{stem}:{line_no}" if rid is None or rid == "" else str(rid),
        text=text,
        source=source,
        date=_iso_date(record.get("date")),
        title=_optional_str(record.get("title")),
        url=_optional_str(record.get("url")),
        outlet=_optional_str(record.get("outlet")),
        record=line_no,
    )


def _iso_date(value: object) -> dt.date | None:
    """``YYYY-MM-DD`` or a longer ISO datetime → its date; anything else → None."""
    match = ISO_DATE_RE.match(value) if isinstance(value, str) else None
    return _safe_date(*match.groups()) if match else None


def _safe_date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    """A real calendar date, or None (2021-02-30 is none)."""
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _optional_str(value: object) -> str | None:
    """A non-empty stripped string, or None."""
    return (value.strip() or None) if isinstance(value, str) else None


# === html ======================================================================================================


def _read_html(text: str, name: str, source: str) -> Iterator[Article | Skipped]:
    """An HTML page → one Article with the body paragraphs (trafilatura, else selectolax)."""
    body, title, date = _trafilatura_article(text)
    if not body:
        body, title, date = _selectolax_article(text)
    if not body:
        yield Skipped(source, "no article text found")
        return
    yield Article(id=name, text=body, source=source, date=date, title=title)


def _trafilatura_article(html: str) -> tuple[str, str | None, dt.date | None]:
    """(body, title, date) from trafilatura; the body is empty when it finds nothing."""
    import trafilatura  # heavy (lxml, htmldate): loaded only when an HTML file shows up

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not doc.text:
        return "", None, None
    title = _optional_str(doc.title)
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    if paragraphs and paragraphs[0] == title:  # trafilatura repeats the <h1> as the first line
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs), title, _iso_date(doc.date)


def _selectolax_article(html: str) -> tuple[str, str | None, dt.date | None]:
    """(body, title, date) from the text of ``<article>``/``<main>``/``<body>`` minus scripts, menus and frames."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    date = _html_meta_date(tree)
    for node in tree.css(", ".join(HTML_DROP_TAGS)):
        node.decompose()
    heading = tree.css_first("h1") or tree.css_first("title")
    title = _optional_str(heading.text(strip=True)) if heading else None
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        return "", title, date
    blocks = [n.text(strip=True) for n in root.css(", ".join(HTML_BLOCK_TAGS))]
    if not any(blocks):
        blocks = root.text(separator="\n").split("\n")
    return "\n\n".join(_unique(b.strip() for b in blocks if b.strip() and b.strip() != title)), title, date


def _html_meta_date(tree: LexborHTMLParser) -> dt.date | None:
    """The publication date a page states in its meta tags or ``<time datetime>``, or None."""
    for selector, attribute in HTML_DATE_SELECTORS:
        for node in tree.css(selector):
            if date := _iso_date(node.attrs.get(attribute)):
                return date
    return None


# === txt: dispatch =============================================================================================


def _read_txt(text: str, name: str, source: str) -> Iterator[Article | Skipped]:
    """A text file → one Article per digest paragraph, or one Article for a scraped page."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if sum(bool(SOURCE_LINE_RE.match(line)) for line in lines) >= MIN_DIGEST_SOURCE_LINES:
        yield from _digest_articles(lines, name, source)
    else:
        yield _page_article(_page_lines(text), name, source)


def _page_lines(text: str) -> list[str]:
    """A page's non-empty lines, with prose that a fixed-width dump hard-wrapped joined back into paragraphs."""
    lines: list[str] = []
    for block in BLANK_LINE_RE.split(text):
        rows = [row.strip() for row in block.split("\n") if row.strip()]
        widest = max(map(_width, rows), default=0)
        pending: list[str] = []
        for row in rows:
            pending.append(row)
            if not _is_wrapped(row, widest):
                lines += _joined_if_prose(pending)
                pending = []
        lines += _joined_if_prose(pending)
    return lines


def _is_wrapped(row: str, widest: int) -> bool:
    """Does the row stop mid-sentence at (nearly) the block's full width, as a hard-wrapped dump does?"""
    return (
        widest >= WRAP_MIN_WIDTH
        and _width(row) >= WRAP_FILL * widest
        and not row.endswith(SENTENCE_ENDS)
        and not _is_list_item(row)
        and _japanese_ratio(row) >= MIN_JAPANESE_RATIO
    )


def _joined_if_prose(rows: list[str]) -> list[str]:
    """Rows of one wrapped paragraph → one line, if that line is a sentence; otherwise the rows unchanged."""
    if len(rows) < 2:
        return rows
    joined = rows[0]
    for row in rows[1:]:  # keep a space between two Latin words split by the wrap
        joined += " " + row if _latin(joined[-1]) and _latin(row[0]) else row
    return [joined] if "。" in joined else rows


def _latin(char: str) -> bool:
    """An ASCII letter or digit."""
    return char.isascii() and char.isalnum()


def _width(text: str) -> int:
    """Display width in columns: full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# === txt: scraped pages ========================================================================================


def _page_article(lines: list[str], name: str, source: str) -> Article | Skipped:
    """Non-empty lines of a scraped page → one Article: title and date from the header, prose paragraphs as text."""
    start = _body_start(lines)
    if start is None:
        return Skipped(source, "no article text found (no Japanese prose line)")
    header = lines[:start]
    paragraphs = _body(lines[start:])
    if not paragraphs:
        return Skipped(source, "no article text found (only boilerplate)")
    return Article(
        id=name,
        text="\n\n".join(paragraphs),
        source=source,
        date=_header_date(header),
        title=_title(header),
    )


def _body_start(lines: list[str]) -> int | None:
    """Index of the first body paragraph, or None when the page has no prose.

    The body opens with the first prose line that another prose line follows; prose before the headline
    (an advert, a teaser) is header, so when the header holds a headline the body starts right after it.
    """
    prose = [i for i, line in enumerate(lines) if _is_prose(line)]
    if not prose:
        return None
    run = next((a for a, b in pairwise(prose) if b == a + 1), prose[0])
    headlines = [i for i in range(run) if _is_headline(lines[i])]
    if not headlines:
        return run
    title_at = max(headlines, key=lambda i: (len(lines[i]), i))
    return next(i for i in prose if i > title_at)  # there is one: ``run`` comes after every headline


def _body(lines: list[str]) -> list[str]:
    """Lines from the body start → the prose paragraphs, up to the page's tail (lists, comments, legal text)."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _is_tail_marker(line) and _is_tail(lines[i + 1 :]):
            break
        if _is_prose(line) and line not in kept:
            kept.append(line)
    while kept and _is_boilerplate(kept[-1]):  # disclaimers just before the end of the page
        kept.pop()
    return kept


def _is_tail(rest: list[str]) -> bool:
    """Do the lines after a tail marker (up to the next marker) look like lists or legal text, not article?

    The article goes on only if the section holds two prose paragraphs in a row, or is mostly prose; so a
    related-articles box in the middle of a story does not cut the story short.
    """
    section = []
    for line in rest:
        if _is_tail_marker(line):
            break
        section.append(_is_prose(line) and not _is_boilerplate(line))
    two_in_a_row = any(a and b for a, b in pairwise(section))
    return not (two_in_a_row or (any(section) and 2 * sum(section) >= len(section)))


def _is_prose(line: str) -> bool:
    """Is the line a paragraph of Japanese prose (not a list item, headline or piece of metadata)?"""
    if len(line) < MIN_PROSE_CHARS or _is_list_item(line) or _japanese_ratio(line) < MIN_JAPANESE_RATIO:
        return False
    if "。" in line:
        return True
    return len(line) >= MIN_UNPUNCTUATED_PROSE_CHARS and line.endswith(UNPUNCTUATED_PROSE_ENDINGS)


def _is_list_item(line: str) -> bool:
    """A bullet, an arrow item or a bare ranking number."""
    return line.startswith(LIST_BULLETS) or line.isdigit()


def _is_tail_marker(line: str) -> bool:
    """A short non-prose line that opens a page's tail: related lists, rankings, comments, copyright."""
    if _is_prose(line) or len(line) > TAIL_MARKER_MAX_CHARS:
        return False
    return bool(COMMENT_COUNTER_RE.match(line)) or any(marker in line for marker in TAIL_MARKERS)


def _is_boilerplate(line: str) -> bool:
    """Legal or service text (copyright, disclaimers, sign-up prompts)."""
    return any(word in line for word in BOILERPLATE_WORDS)


def _is_headline(line: str) -> bool:
    """Could the line be the article's title: long enough, Japanese, not prose, menu, list, date or tail?"""
    return (
        len(line) >= MIN_TITLE_CHARS
        and not _is_prose(line)
        and not _is_list_item(line)
        and not _is_tail_marker(line)
        and _japanese_ratio(line) >= MIN_JAPANESE_RATIO
        and not any(word in line for word in NAV_WORDS)
        and not (len(line) < MAX_DATELINE_CHARS and _find_date(line))
    )


def _title(header: list[str]) -> str | None:
    """The longest headline-like line of the header (menus, bylines and dates excluded), or None."""
    headlines = [i for i, line in enumerate(header) if _is_headline(line)]
    return header[max(headlines, key=lambda i: (len(header[i]), i))] if headlines else None


def _header_date(header: list[str]) -> dt.date | None:
    """The first full date written in the header (2021年12月31日, 2022-02-03, 2022/02/03), or None."""
    return next((d for line in header if (d := _find_date(line))), None)


def _find_date(line: str) -> dt.date | None:
    """The first full, valid calendar date in ``line``."""
    text = unicodedata.normalize("NFKC", line)
    for pattern in HEADER_DATE_RES:
        for match in pattern.finditer(text):
            if date := _safe_date(*match.groups()):
                return date
    return None


def _japanese_ratio(line: str) -> float:
    """Share of kana, kanji and Japanese punctuation among the non-space characters."""
    chars = [c for c in line if not c.isspace()]
    japanese = sum("\u3000" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uff01" <= c <= "\uff5e" for c in chars)
    return japanese / len(chars) if chars else 0.0


def _unique(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, in order."""
    return list(dict.fromkeys(items))


# === txt: digests ==============================================================================================


@dataclass(frozen=True)
class _Source:
    """A digest source line: 記事タイトル/媒体名.YYYY."""

    title: str
    outlet: str
    year: int | None


def _digest_articles(lines: list[str], name: str, source: str) -> Iterator[Article]:
    """Non-empty lines of a digest → one Article per paragraph, with the source line that follows it.

    A paragraph is a line with 。 or the line right before a source line; any other line is a section
    heading. Paragraphs after the last source line have no source and keep only the file-level facts.
    """
    sources = [_source(line) for line in lines]
    owners = _paragraph_sources(sources)
    file_title = lines[0] if not (sources[0] or _is_digest_paragraph(lines[0], 0, sources)) else None
    heading: str | None = None
    last: tuple[int, int] | None = None  # (year, month) of the latest paragraph with a month hint
    n = 0
    for i, line in enumerate(lines):
        if sources[i] is not None:
            continue
        if not _is_digest_paragraph(line, i, sources):
            heading = line
            continue
        n += 1
        owner = owners[i]
        if owner is None:
            yield Article(id=f"{name}#p{n}", text=line, source=source, title=file_title, record=n)
            continue
        month = _month_hint(line, heading, year=owner.year, last=last if owner.year else None)
        if month is not None and owner.year is not None:
            last = (owner.year, month)
        yield Article(
            id=f"{name}#p{n}",
            text=line,
            source=source,
            title=owner.title,
            outlet=owner.outlet,
            year=owner.year,
            month=month,
            record=n,
        )


def _source(line: str) -> _Source | None:
    """A source line → its title, outlet and year (None when the year is cut short); other lines → None."""
    match = SOURCE_LINE_RE.match(line)
    if match is None:
        return None
    year = match["year"]
    return _Source(match["title"].strip(), match["outlet"].strip(), int(year) if len(year) == 4 else None)


def _paragraph_sources(sources: list[_Source | None]) -> list[_Source | None]:
    """For each line, the next source line at or after it (None past the last one)."""
    owners: list[_Source | None] = []
    following = None
    for source in reversed(sources):
        following = source or following
        owners.append(following)
    return owners[::-1]


def _is_digest_paragraph(line: str, i: int, sources: list[_Source | None]) -> bool:
    """A digest line is a paragraph when it has 。 or a source line comes right after it."""
    return "。" in line or (i + 1 < len(sources) and sources[i + 1] is not None)


def _month_hint(paragraph: str, heading: str | None, *, year: int | None, last: tuple[int, int] | None) -> int | None:
    """The month a digest paragraph is about: its own first fitting 「N月」, else its heading's, else the carried one.

    ``last`` is the (year, month) of the previous paragraph with a hint. The digest runs forward in time, so a
    month that would step back (「6月に」 in December) or leap ahead (「12月31日」 in a January source) refers to
    another time and is passed over, unless the paragraph opens with it (「11月30日、…」). The carried month
    only holds within the same source year.
    """
    opening = _opening_month(paragraph)
    for month in _months(paragraph, year):
        if month == opening or _follows(last, year, month):
            return month
    for month in _months(heading or "", year):
        if _follows(last, year, month):
            return month
    return last[1] if last and last[0] == year else None


def _follows(last: tuple[int, int] | None, year: int | None, month: int) -> bool:
    """Can (year, month) come next after ``last`` in a chronological digest (same month up to a short leap)?"""
    if last is None or year is None:
        return True
    step = (year * 12 + month) - (last[0] * 12 + last[1])
    return 0 <= step <= MAX_MONTH_LEAP


def _months(text: str, year: int | None) -> Iterator[int]:
    """The 「N月」 in ``text``, in order, except those pinned to another year (「2008年4月」 in a 2021 source)."""
    for match in MONTH_RE.finditer(unicodedata.normalize("NFKC", text)):
        named_year, month = match.groups()
        if named_year and year and _full_year(named_year) != year:
            continue
        if 1 <= int(month) <= 12:
            yield int(month)


def _full_year(digits: str) -> int:
    """「2019」 or 「19」 (as in 「19年7月」) → 2019."""
    value = int(digits)
    return value if value >= 100 else 2000 + value


def _opening_month(paragraph: str) -> int | None:
    """The month of a 「N月M日」 the paragraph opens with, or None."""
    match = OPENING_DATE_RE.match(unicodedata.normalize("NFKC", paragraph))
    return int(match[1]) if match else None


READERS: dict[str, Callable[..., Iterator[Article | Skipped]]] = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
}
