"""GiNZA: load the model once, cut texts into pieces Sudachi accepts, parse them with ``nlp.pipe``.

Sudachi refuses inputs over 49,149 bytes, so a text is cut into paragraphs, and a paragraph that is
still too long into sentences (and, at worst, plain byte-bounded pieces). Each piece keeps its character
offset in the article, so evidence offsets point into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from kg.model import Article

MODEL = "ja_ginza"
MAX_BYTES = 40_000  # well under Sudachi's 49,149-byte limit
# The extractors read tokens, POS and lemmas, the dependency parse and named entities. compound_splitter
# (re-splitting tokens by Sudachi's finer modes) is not needed: tests/test_scale.py shows the graph is the
# same without it. bunsetu_recognizer stays on: it turns the parser's raw labels (nsubj_bunsetu) into the UD
# labels (nsubj) the rules read.
DISABLE: tuple[str, ...] = ("compound_splitter",)

_PARA = re.compile(r"[^\n]+")
_SENT = re.compile(r"[^。！？!?]*[。！？!?]+|[^。！？!?]+$")


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


def _split_bytes(text: str, offset: int, limit: int) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = start + limit // 3  # a Japanese character is at most 3 bytes in UTF-8 (BMP)
        while len(text[start:end].encode("utf-8", "surrogatepass")) > limit:
            end = start + (end - start) // 2
        yield offset + start, text[start:end]
        start = end


def pieces(text: str, *, max_bytes: int = MAX_BYTES) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` for each line-paragraph of ``text``, each under ``max_bytes`` in UTF-8."""
    for m in _PARA.finditer(text):
        para = m.group(0)
        if not para.strip():
            continue
        if len(para.encode("utf-8", "surrogatepass")) <= max_bytes:
            yield m.start(), para
            continue
        buf_start, buf = m.start(), ""
        for s in _SENT.finditer(para):
            sent = s.group(0)
            if len((buf + sent).encode("utf-8", "surrogatepass")) > max_bytes and buf:
                yield buf_start, buf
                buf_start, buf = m.start() + s.start(), ""
            if len(sent.encode("utf-8", "surrogatepass")) > max_bytes:
                yield from _split_bytes(sent, m.start() + s.start(), max_bytes)
                buf_start = m.start() + s.end()
                continue
            buf += sent
        if buf:
            yield buf_start, buf


def parse(articles: Iterable[Article], *, nlp=None, batch_size: int = 32, n_process: int = 1):
    """Yield ``(article, [(offset, Doc), …])`` in input order, streaming through ``nlp.pipe``."""
    nlp = nlp or load()
    pending: dict[int, Article] = {}
    counts: dict[int, int] = {}

    def stream():
        for i, art in enumerate(articles):
            pending[i] = art
            ps = list(pieces(clean(art.text)))
            counts[i] = len(ps)
            if not ps:
                yield "", (i, 0)
                counts[i] = 1
            for off, piece in ps:
                yield piece, (i, off)

    current, docs = None, []
    for doc, (i, off) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        if current is not None and i != current:
            yield pending.pop(current), docs
            docs = []
        current = i
        docs.append((off, doc))
    if current is not None:
        yield pending.pop(current), docs


_COMMA = re.compile(r"(?<![0-9０-９])[,，](?![0-9０-９])")


def clean(text: str) -> str:
    """Text as the parser sees it: same length as the input, so offsets stay true. Commas become 、: government
    readouts write 「X大臣から，…旨述べ，」, and GiNZA parses a clause cut by , far worse than one cut by 、
    (a comma between digits, 1,100万円, stays). The extractors read the original text back by offset."""
    text = _COMMA.sub("、", text)
    return "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)
