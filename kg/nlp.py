"""GiNZA: load the model once, cut texts into pieces the parser takes well, parse them with ``nlp.pipe``.

A text is cut into paragraphs, and a paragraph longer than ``MAX_CHARS`` characters (or ``MAX_BYTES`` bytes:
Sudachi refuses inputs over 49,149) into pieces of whole sentences (。！？), a sentence that is still too
long at 、, and at worst plain length-bounded pieces: the parser's memory grows with the length of what it is
given (one 150,000-character paragraph took 5.8 GB). Each piece keeps its character offset in the article,
so evidence offsets point into the original text. A piece is parsed on its own: a pointing-back word (同氏)
still finds its person in an earlier piece, but a parse never spans two pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from kg.model import Article

MODEL = "ja_ginza"
MAX_BYTES = 40_000  # well under Sudachi's 49,149-byte limit
MAX_CHARS = 2_000  # a paragraph longer than this is cut at sentence ends: far below what makes GiNZA balloon
# The extractors read tokens, POS and lemmas, the dependency parse and named entities. compound_splitter
# (re-splitting tokens by Sudachi's finer modes) is not needed: tests/test_scale.py shows the graph is the
# same without it. bunsetu_recognizer stays on: it turns the parser's raw labels (nsubj_bunsetu) into the UD
# labels (nsubj) the rules read.
DISABLE: tuple[str, ...] = ("compound_splitter",)

_PARA = re.compile(r"[^\n]+")
_SENT = re.compile(r"[^。！？!?]*[。！？!?]+|[^。！？!?]+$")
_CLAUSE = re.compile(r"[^、，,]*[、，,]+|[^、，,]+$")
_UNITS = (_SENT, _CLAUSE)  # what a long paragraph is cut into, coarsest first


class ModelMissing(RuntimeError):
    """The GiNZA model is not installed."""


@lru_cache(maxsize=2)
def load(model: str = MODEL, disable: tuple[str, ...] = DISABLE):
    """The spaCy pipeline, loaded once per process."""
    import spacy

    try:
        return spacy.load(model, disable=list(disable))
    except OSError as e:
        raise ModelMissing(
            f"the spaCy model {model!r} is not installed; install it with: pip install ja-ginza"
        ) from e


def pieces(text: str, *, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` for each line-paragraph of ``text``, each at most ``max_chars`` characters and
    ``max_bytes`` bytes in UTF-8; the pieces of a paragraph tile it."""
    for m in _PARA.finditer(text):
        para = m.group(0)
        if para.strip():
            yield from _cut(para, m.start(), 0, max_chars, max_bytes)


def _fits(text: str, max_chars: int, max_bytes: int) -> bool:
    return len(text) <= max_chars and len(text.encode("utf-8", "surrogatepass")) <= max_bytes


def _cut(text: str, offset: int, level: int, max_chars: int, max_bytes: int) -> Iterator[tuple[int, str]]:
    """``text`` (at ``offset``) as pieces that fit: as many whole units of ``_UNITS[level]`` as fit in each, a
    unit too long on its own cut at the next level, and at the last plain length-bounded slices."""
    if _fits(text, max_chars, max_bytes):
        yield offset, text
        return
    if level == len(_UNITS):
        yield from _split_hard(text, offset, max_chars, max_bytes)
        return
    buf_start, buf = offset, ""
    for u in _UNITS[level].finditer(text):
        unit = u.group(0)
        if buf and not _fits(buf + unit, max_chars, max_bytes):
            yield buf_start, buf
            buf = ""
        if _fits(unit, max_chars, max_bytes):
            if not buf:
                buf_start = offset + u.start()
            buf += unit
        else:  # the buffer is empty here
            yield from _cut(unit, offset + u.start(), level + 1, max_chars, max_bytes)
    if buf:
        yield buf_start, buf


def _split_hard(text: str, offset: int, max_chars: int, max_bytes: int) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = start + min(max_chars, max_bytes // 4)  # a character is at most 4 bytes in UTF-8
        yield offset + start, text[start:end]
        start = end


def parse(articles: Iterable[Article], *, nlp=None, batch_size: int = 32, n_process: int = 1, mode: str = "all",
          lex=None):
    """Yield ``(article, [(offset, Doc), …])`` in input order, streaming through ``nlp.pipe``.

    ``mode="cues"``: only the runs of sentences kg.cues keeps go through the whole pipeline; the rest of a piece
    goes through the tokenizer alone, and each piece comes back as one Doc of its whole text (Doc.from_docs), so
    offsets, sentences and dates are as with ``mode="all"``."""
    if mode not in ("all", "cues"):
        raise ValueError(f"unknown parse mode {mode!r}: all or cues")
    nlp = nlp or load()
    if mode == "cues":
        from kg import cues, lexicon

        lex = lex or lexicon.load()
    pending: dict[int, tuple[Article, list]] = {}  # article → its plan: [(offset, [(text, parse?), …]), …]

    def stream():
        for i, art in enumerate(articles):
            plan = []
            for off, piece in pieces(clean(art.text)):
                if mode == "all":
                    plan.append((off, [(piece, True)]))
                    continue
                segs = [(piece[s:e], k) for s, e, k in cues.segments(piece, lex)]
                plan.append((off, segs if any(k for _, k in segs) and len(segs) > 1 else [(piece, segs[0][1])]))
            pending[i] = (art, plan)
            texts = [t for _, segs in plan for t, k in segs if k]
            if not texts:  # nothing to parse: still one item, so the article comes out in its turn
                yield "", (i, False)
            for t in texts:
                yield t, (i, True)

    def assemble(i: int, parsed: list) -> tuple[Article, list]:
        art, plan = pending.pop(i)
        if not plan:
            return art, [(0, d) for d in parsed]  # an empty text: the one empty Doc, as before
        queue = iter(parsed)
        docs = []
        for off, segs in plan:
            parts = [next(queue) if k else nlp.tokenizer(t) for t, k in segs]
            if len(parts) == 1:
                docs.append((off, parts[0]))
            else:
                docs.append((off, _join(parts)))
        return art, docs

    current, parsed = None, []
    for doc, (i, real) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        if current is not None and i != current:
            yield assemble(current, parsed)
            parsed = []
        current = i
        if real or not pending[i][1]:
            parsed.append(doc)
    if current is not None:
        yield assemble(current, parsed)


def _join(parts: list):
    """One Doc of consecutive Docs (parsed runs and tokenized ones) whose texts tile a piece; the tokenized
    ones' tokens keep their morphology (tag, lemma, POS) and have no head, label or entity. The tensor and
    GiNZA's user data (bunsetu lists, which kg does not read) are dropped: they do not concatenate."""
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])


_COMMA = re.compile(r"(?<![0-9０-９])[,，](?![0-9０-９])")


def clean(text: str) -> str:
    """Text as the parser sees it: same length as the input, so offsets stay true. Commas become 、: government
    readouts write 「X大臣から，…旨述べ，」, and GiNZA parses a clause cut by , far worse than one cut by 、
    (a comma between digits, 1,100万円, stays). The extractors read the original text back by offset."""
    text = _COMMA.sub("、", text)
    return "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)
