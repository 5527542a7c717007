"""Extractors: one generator per relation over a parsed paragraph, yielding frozen records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kg.extract.context import analyse
from kg.extract.demands import DemandExtractor
from kg.extract.meetings import MeetingExtractor
from kg.extract.quotes import QuoteExtractor
from kg.extract.rejections import RejectionExtractor
from kg.lexicon import Lexicon
from kg.model import ActorRef, Article, Extraction
from kg.resolve.actors import ActorResolver
from kg.resolve.dates import Reference


class Extractor:
    """Runs every extractor over one article's parsed paragraphs."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.resolver = ActorResolver(lex)
        self.quotes = QuoteExtractor(lex)
        self.demands = DemandExtractor(lex)
        self.meetings = MeetingExtractor(lex, self.resolver)
        self.rejections = RejectionExtractor(lex)

    def __call__(self, article: Article, docs: Iterable[tuple[int, object]]) -> Extraction:
        approx = dt.date(article.year, article.month or 7, 15) if article.year else None
        self.resolver.reset(article.date or approx)  # a digest paragraph knows its year and month
        self.quotes.reset()
        ref = Reference(article.date, article.year, article.month)
        history: list = []
        quotes, demands, meetings, rejections = [], [], [], []
        mentions: dict[str, ActorRef] = {}
        for offset, doc in docs:
            para = analyse(doc, article, offset, self.resolver, history, ref)
            quotes.extend(self.quotes(para))
            demands.extend(self.demands(para))
            meetings.extend(self.meetings(para))
            rejections.extend(self.rejections(para))
            for sent in para.sentences:
                for m in sent.mentions:
                    for a in m.actors:
                        if m.kind != "anaphor":
                            mentions.setdefault(a.label, a)
        return Extraction(article, tuple(quotes), tuple(demands), tuple(meetings),
                          tuple(mentions[k] for k in sorted(mentions)), tuple(rejections))
