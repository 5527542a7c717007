"""What every extractor needs to know about a paragraph: its sentences, quotes, actor mentions and dates.

A paragraph is one parsed ``Doc`` (see kg.nlp.pieces). Sentences are cut at 。！？ outside brackets, so a
quote that holds several sentences stays in one. Anaphors (同氏, 両首脳) are resolved here, against the
mentions before them in the same document.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.analysis.discourse import Discourse, advance
from kg.analysis.frames import SentenceFrames, frames
from kg.model import ActorRef, Article
from kg.resolve.actors import PLURAL_BODIES, ActorResolver, Mention
from kg.resolve.dates import DateMention, Reference, find_dates
from kg.resolve.names import PersonName, person_names, strip_title  # noqa: F401  (strip_title: for the extractors)

OPEN, CLOSE = "「『（(【", "」』）)】"
ENDERS = "。！？!?"


@dataclass
class Sentence:
    text: str
    start: int  # offset in the paragraph
    quotes: list[tuple[int, int]]  # top-level 「…」 spans, offsets in the sentence, brackets included
    mentions: list[Mention]
    dates: list[DateMention]
    analysis: SentenceFrames = field(default_factory=SentenceFrames)  # predicate–argument frames, made once
    context: Discourse = field(default_factory=Discourse)  # what the sentences before it were about

    def in_quote(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.quotes)


@dataclass
class Paragraph:
    article: Article
    text: str
    offset: int  # offset of the paragraph in the article text
    doc: object  # spaCy Doc of the paragraph
    sentences: list[Sentence] = field(default_factory=list)
    discourse: Discourse = field(default_factory=Discourse)  # the state after its last sentence


def token_at(para: Paragraph, sent: Sentence, i: int):
    """The token that covers character ``i`` of ``sent`` (None past the end)."""
    span = para.doc.char_span(sent.start + i, sent.start + i + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def skip_aside(text: str, i: int, limit: int | None = None) -> int:
    """Past a bracketed aside that opens at ``i`` (北大西洋条約機構(NATO)も, 「…」(シャーマン米国務副長官)と), when
    it closes within ``limit`` characters; else ``i``."""
    if i < len(text) and text[i] in "(（":
        j = text.find(")" if text[i] == "(" else "）", i)
        if j > i and (limit is None or j - i < limit):
            return j + 1
    return i


def tokens_of(para: Paragraph, sent: Sentence):
    """The tokens of ``sent`` (a Span; empty when the sentence is blank): O(sentence), not O(paragraph)."""
    span = para.doc.char_span(sent.start, sent.start + len(sent.text), alignment_mode="expand")
    return span if span is not None else ()


PERSON_KINDS = ("name", "anaphor", "bare")  # mentions a later anaphor can point back to
NAME_QUOTE_BEFORE = ("紙", "誌", "局", "社", "通信", "テレビ", "サイト", "SNS")


def _name_quotes(text: str, quotes: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[Mention]]:
    """米紙「ウォール・ストリート・ジャーナル」は…: a bracketed outlet name, not a quote."""
    keep, names = [], []
    for s, e in quotes:
        inner = text[s + 1 : e - 1]
        if text[:s].endswith(NAME_QUOTE_BEFORE) and len(inner) <= 25 and text.startswith(("は", "が"), e) \
                and "、" not in inner:
            names.append(Mention(s + 1, e - 1, ActorRef(inner, inner, "Organization")))
        else:
            keep.append((s, e))
    return keep, names


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, cut at 。！？ that stand outside any bracket. A bracket never closed (…法人(以下「X」は…。)
    encloses nothing: otherwise every later sentence of the paragraph would be one."""
    spans, depth, start = [], 0, 0
    opened = _closed_brackets(text)
    for i, c in enumerate(text):
        if c in OPEN and i in opened:
            depth += 1
        elif c in CLOSE and depth:
            depth -= 1
        elif c in ENDERS and depth == 0:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _closed_brackets(text: str) -> set[int]:
    """The positions of the opening brackets that a bracket of their own kind closes."""
    stack: list[int] = []
    closed: set[int] = set()
    for i, c in enumerate(text):
        if c in OPEN:
            stack.append(i)
        elif c in CLOSE:
            kind = OPEN[CLOSE.index(c)]
            j = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == kind), None)
            if j is not None:
                closed.add(stack[j])
                del stack[j:]
    return closed


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level 「…」 spans (a 『…』 inside stays part of its quote)."""
    spans, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "「":
            if depth == 0:
                start = i
            depth += 1
        elif c == "」" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def _resolve_anaphors(mentions: list[Mention], history: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        if m.kind in ("anaphor", "bare"):
            target = _antecedent(m, history) or m.default
            if target is None:
                continue
            m = replace(m, actor=target)  # its surface form is the antecedent's, never 同氏
        elif m.kind == "plural":
            people = _last_two(history, m.title)
            if not people:
                continue
            m = replace(m, group=people)
        out.append(m)
        history.append(m)
    return out


def _antecedent(m: Mention, history: list[Mention]) -> ActorRef | None:
    """The person an anaphor points back to: the last one named with its title; for 同氏, or 同X with no
    one so titled, the last person. A bare title (大統領は) needs a person named with that title."""
    people = [h for h in reversed(history) if h.actor.type == "Person" and h.kind in PERSON_KINDS]
    for h in people:
        if m.title and h.title and (h.title.endswith(m.title) or m.title == "氏"):
            return h.actor
    return people[0].actor if people and m.kind != "bare" else None


def _last_two(history: list[Mention], title: str | None) -> tuple[ActorRef, ...]:
    """The two actors 両X points back to: the last two named of X's type (両国: states; 両社, 両銀行, 両党:
    organisations; 両首脳: people), those whose name ends in X first (両党 → two parties, not the 国会 named
    between them)."""
    want = PLURAL_BODIES.get(title or "", "Person")
    named = [h.actor for h in reversed(history) if h.actor.type == want and h.kind in PERSON_KINDS]
    for pool in ([a for a in named if want == "Organization" and title and a.label.endswith(title)], named):
        seen: list[ActorRef] = []
        for a in pool:  # latest first, one per name
            if a.label not in {b.label for b in seen}:
                seen.append(a)
        if len(seen) >= 2:
            return tuple(reversed(seen[:2]))
    return ()


def analyse(doc, article: Article, offset: int, resolver: ActorResolver, history: list[Mention],
            ref: Reference, discourse: Discourse | None = None) -> Paragraph:
    """Cut a parsed paragraph into sentences with their quotes, actor mentions, dates and frames; ``discourse``
    is the state the paragraph starts from, ``Paragraph.discourse`` the one it ends in."""
    text = doc.text
    original = article.text[offset : offset + len(text)]
    if len(original) == len(text):  # the parser saw commas as 、 (kg.nlp.clean); facts quote the article as written
        text = original
    discourse = discourse or Discourse()
    para = Paragraph(article, text, offset, doc)
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    people = person_names(doc, ents, resolver.lex.titles, resolver.lex.title_endings)
    para_dates = find_dates(text, ref)  # one pass, so 「1月10日…。12日には…」 keeps its month
    for s, e in split_sentences(text):
        sent_text = text[s:e]
        sent_ents = [(a - s, b - s, lab) for a, b, lab in ents if a >= s and b <= e]
        sent_names = [PersonName(n.start - s, n.family_end - s, n.name_end - s, n.end - s) for n in people
                      if n.start >= s and n.end <= e]
        mentions = _resolve_anaphors(resolver.mentions(sent_text, ents=sent_ents, names=sent_names), history)
        quotes, names = _name_quotes(sent_text, quote_spans(sent_text))
        mentions = sorted(mentions + names, key=lambda m: m.start)
        dates = [DateMention(d.start - s, d.end - s, d.text, d.date) for d in para_dates if s <= d.start < e]
        sentence = Sentence(sent_text, s, quotes, mentions, dates)
        sentence.analysis = frames(doc, sentence)
        sentence.context = discourse
        discourse = advance(discourse, sentence.analysis, sentence)
        para.sentences.append(sentence)
    para.discourse = discourse
    return para
