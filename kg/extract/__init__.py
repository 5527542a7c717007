"""Extractors: one generator per relation over a parsed paragraph, yielding frozen records."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from kg.analysis.discourse import Discourse
from kg.extract import demanded, met, said
from kg.extract.context import analyse
from kg.extract.demands import VERB_END, DemandExtractor
from kg.extract.meetings import MeetingExtractor
from kg.extract.quotes import QuoteExtractor
from kg.extract.rejections import RejectionExtractor
from kg.lexicon import Lexicon
from kg.model import ActorRef, Article, Extraction
from kg.resolve.actors import ActorResolver
from kg.resolve.dates import Reference, find_dates
from kg.resolve.types import Words, typed_fact


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
        if article.date is None and approx is None:
            approx = stated_date(article.text)
        self.resolver.reset(article.date or approx)  # a digest paragraph knows its year and month
        self.quotes.reset()
        ref = Reference(article.date, article.year, article.month)
        if article.date is None and not article.year and approx is not None:
            ref = Reference(approx, approx.year, approx.month)  # 「17日」 in an undated article: the date it states
        # an undated article: the latest date it states, or the end of the month its cited sources date it to
        # (a meeting of 2日 in an article citing sources of 2 February is not after the article)
        published = article.date or _latest(stated_date(article.text), _month_end(article.year, article.month))
        history: list = []
        quotes, demands, meetings, rejections = [], [], [], []
        mentions: dict[str, ActorRef] = {}
        discourse = Discourse()
        words = Words()  # what the morphology says of the article's words: whether a description names anyone
        for offset, doc in docs:
            words.add(doc)
            para = analyse(doc, article, offset, self.resolver, history, ref, discourse)
            discourse = para.discourse
            quotes.extend(merge_said(list(said.quotes(para, self.lex)), list(self.quotes(para))))
            found = merge_facts(list(demanded.demands(para, self.lex)), list(self.demands(para)), _demand_key)
            demands.extend(demanded.answered(para, found, self.lex))
            meetings.extend(met.merge(list(met.meetings(para, self.lex, self.resolver)), list(self.meetings(para)),
                                      published, ahead=article.date is not None))
            rejections.extend(self.rejections(para))
            for sent in para.sentences:
                for m in sent.mentions:
                    for a in m.actors:
                        if m.kind != "anaphor":
                            mentions.setdefault(a.label, a)
        # an outlet relays what others say and ask (X通信が伝えた, ロイターは…と報じた): it is not their speaker (its
        # own analysis — 米紙Xは「…」と分析している — stays its own)
        quotes = [q for q in quotes if not (_is_media(self.lex, q.speaker) and RELAYED.search(q.evidence.sentence))]
        demands = [d for d in demands if not _is_media(self.lex, d.demander) and not WARNING.search(d.measure)
                   and not HAZARD.search(d.evidence.sentence)]
        demands = [replace(d, addressee=None) if d.addressee is not None and _is_media(self.lex, d.addressee) else d
                   for d in demands]  # an outlet is who reports a demand (X新聞によると), not who is asked
        # every actor typed and checked: a fact whose speaker or demander names nobody (関係者, 同協会) is dropped
        # (民主党・社民党は: one fact each)
        quotes = [x for q in quotes for x in typed_fact(q, self.lex, words)]
        demands = [x for d in demands for x in typed_fact(d, self.lex, words)]
        meetings = [x for m in meetings for x in typed_fact(m, self.lex, words)]
        return Extraction(article, tuple(quotes), tuple(demands), tuple(met.coalesce(meetings)),
                          tuple(mentions[k] for k in sorted(mentions)), tuple(rejections),
                          tuple(self.resolver.parser_types()))


# …に注意するよう呼びかけた, 避難するよう呼びかけた: a hazard warning, not a demand made of someone
WARNING = re.compile(r"(?:注意|警戒|避難|用心)(?:する|して|を払う)?$")
# 土砂災害や川の氾濫に厳重な警戒をするように呼びかけている, 安全確保をするよう: the clause asked is a warning
HAZARD = re.compile(r"(?:警戒|注意|避難|用心|安全確保)(?:を(?:続け|強め)る?)?(?:する|して|を(?:する|払う))?よう(?:に)?"
                    r"[、,，]?[^、。]{0,12}?(?:呼びかけ|呼び掛け|求め|要請|促)")
RELAYED = re.compile(r"伝え|報じ|報道|によると|によれば|引用|紹介し")  # …を引用して / 談話を紹介し: another's words


def _is_media(lex: Lexicon, actor: ActorRef) -> bool:
    return lex.is_media(actor.label) or lex.is_media(actor.text) or "通信" in actor.text and actor.type != "Person"


def stated_date(text: str) -> dt.date | None:
    """The latest full date (年月日) an undated article states: what its relative dates (17日, 同日) resolve
    against, as a reader would (Wikinews articles carry no date field)."""
    full = [d.date for d in find_dates(text, Reference()) if d.date is not None and "年" in d.text]
    return max(full) if full else None


def _month_end(year: int | None, month: int | None) -> dt.date | None:
    if not year:
        return None
    if not month:
        return dt.date(year, 12, 31)
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _latest(*dates: dt.date | None) -> dt.date | None:
    found = [d for d in dates if d is not None]
    return max(found) if found else None


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def similar(a: str, b: str) -> bool:
    """Two spans that say the same thing: one holds the other, or their character bigrams mostly agree."""
    if a in b or b in a:
        return True
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) >= 0.5


def _quote_key(q) -> tuple:
    return q.speaker.label, q.evidence.start, q.text


def _demand_key(d) -> tuple:
    return d.demander.label, d.evidence.start, d.measure


def merge_said(frames: list, surface: list) -> list:
    """The frame rules' claims first (their speakers follow the grammar), then what the surface rules (v1) add. Where
    a v1 claim of the same sentence holds a frame claim and says more, the frame claim was cut short by the parse
    (…国際的な原則だと強調: 国際的な原則だ): it takes the longer words, keeping its speaker."""
    out = merge_facts(frames, surface, _quote_key)
    for i, q in enumerate(out):
        if not any(q is f for f in frames):
            continue
        same = [g for g in surface if g.evidence.start == q.evidence.start and similar(g.text, q.text)]
        longer = [g.text for g in same if len(g.text) > len(q.text) and q.speaker.text not in g.text
                  and not REPORTED_AGAIN.match(g.text.partition(q.text)[2]) and (
                  not q.direct and q.text in g.text or (
            g.text.endswith(q.text) and g.text[-len(q.text) - 1] in "がをら"))]  # NATOが「…」と, 侵攻なら「…」
        if longer:
            q = replace(q, text=min(longer, key=len))
        # the same speaker named more fully (ペトロヴィッチ → ヴラディミル・ペトロヴィッチ), or as a person rather
        # than a description (自民党の谷口修市議会議員 → 谷口修)
        fuller = [g.speaker for g in same if g.speaker.label != q.speaker.label and (
            q.speaker.label in g.speaker.label and g.speaker.type == q.speaker.type
            or g.speaker.label in q.speaker.label and g.speaker.type == "Person" != q.speaker.type)]
        if fuller:
            q = replace(q, speaker=fuller[0])
        out[i] = q
    out = [q if q.direct else replace(q, text=said.trim_narration(q.text)) for q in out
           if q.direct or not said.discarded(q.text, q.evidence.sentence)]
    out = [x for q in out for x in _split_quote(q)
           for x in ([x] if x.direct else [replace(x, text=t) for t in said.listed_claims(x.text)])
           if not x.direct or q.direct or not any(f.direct and similar(f.text, x.text) and f.evidence.start ==
                                                  x.evidence.start for f in out)]
    return [q for i, q in enumerate(out) if not any(_quote_key(q) == _quote_key(p) for p in out[:i])]


# …と表明した (the v1 words of an outer …と伝えた): the inner report, not more of what was said
REPORTED_AGAIN = re.compile(r"と[^、。「」]{0,8}?(?:表明|発表|述べ|語|話|説明|強調|指摘|明らかに|主張|言|伝え|報じ)")
# 「…」と + what follows (not 「A」と「B」, 「…」という/との/とする, nor a name given: 「…」と呼ばれる/称する/指定した)
QUOTE_THEN = re.compile(r"「(?P<q>[^「」]+)」と(?![「のいする]|共|とも|も|は|して|し[、,，])"
                        r"(?![^、。「」]{0,6}?(?:呼ば|呼ん|呼ぶ|称|名付|名づけ|名乗|題し|題する|銘打|指定|認定|見な|みな|"
                        r"位置づけ|位置付け|表記|記さ|書か))")


def _split_quote(q) -> list:
    """会見で「非常に残念」と今大会の出場を辞退することを明らかにした: the quote is a claim of its own (the same
    speaker's), and the indirect claim is what follows it — not the setting and the quote before."""
    if q.direct:
        return [q]
    cut, out = 0, []
    for m in QUOTE_THEN.finditer(q.text):
        if len(q.text) - m.end() >= 4 and len(m["q"].strip()) >= 2:
            cut = m.end()
            out.append(replace(q, text=m["q"].strip(), direct=True,
                               evidence=replace(q.evidence, rule="quotes.direct.v2")))
    return [*out, replace(q, text=q.text[cut:])] if cut else [q]


def merge_facts(first: list, second: list, key) -> list:
    """``first``, then each fact of ``second`` that says nothing ``first`` already says (same sentence, similar
    text), or that names one more actor for the same words when ``second`` agrees with every actor ``first``
    names for them (イギリス、ドイツ、フランスは「…」と批判した: three speakers, not one). Where both say it, the
    second's addressee fills in one the first lacks. A fact of ``first`` whose text holds two or more of
    ``second``'s (a list the frames split: AとBを求める) gives way to them, unless it is a demand's measure that
    is a noun a clause describes (AやBを…が負担する原則: one thing, not a list)."""
    def parts(f) -> set[str]:
        if "を" in getattr(f, "measure", "") and not VERB_END.search(f.measure):
            return set()  # AやBを…が負担する原則: a thing a clause describes, not a list (AやBをやめる is one)
        return {key(g)[2] for g in second if key(g)[:2] == key(f)[:2] and key(g)[2] != key(f)[2]
                and key(g)[2] in key(f)[2]}

    out = [f for f in first if len(parts(f)) < 2]
    for fact in second:
        who, at, text = key(fact)
        same = [i for i, f in enumerate(out) if key(f)[1] == at and similar(key(f)[2], text)]
        if not same:
            out.append(fact)
            continue
        first_who = {key(out[i])[0] for i in same}
        second_who = {key(g)[0] for g in second if key(g)[1] == at and similar(key(g)[2], text)}
        if who not in first_who and first_who <= second_who:
            out.append(fact)
        elif hasattr(fact, "addressee") and fact.addressee is not None and out[same[0]].addressee is None:
            out[same[0]] = replace(out[same[0]], addressee=fact.addressee)
    return out
