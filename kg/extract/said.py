"""actor –said→ claim, read from predicate–argument frames (kg.analysis).

A frame says something when its lemma is a reporting predicate (kg/resources/reporting_predicates.tsv: 述べる,
強調, 明らかにする …, in any form: 述べました, 述べ、, 強調している) and it carries a complement that predicate
reports: a quote (「…」と), a clause (…と), …旨, …との考え (a stance noun), …ことを. Negated reports (述べなかった)
say nothing.

Rules (versioned names on the evidence):
- ``quotes.direct.v2``: one claim per quote (「A」「B」と述べた gives two);
- ``quotes.indirect.v2``: the clause before と (…整合的だと述べた);
- ``quotes.stance.v2``: …旨述べた, …旨の発言があった, …との考えを示した, …ことを明らかにした.

The speaker, in order: the frame's topic/subject (each conjunct its own speaker: 英独仏は → three), or that of the
predicate it is chained to (「…」と述べ、…と付け加えた); in readout style the から-argument (X大臣から、…旨述べ
ました); a described actor the gazetteer does not know (出席した知事らは: the description as written); else the
topic carried from earlier sentences (kg.analysis.discourse). A によると source is never the speaker: it is kept
as ``reported_by``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analysis.discourse import SUBJECT_ROLES
from kg.analysis.frames import Arg, Complement, Frame
from kg.extract.context import Paragraph, Sentence
from kg.lexicon import Lexicon
from kg.model import ActorRef, Evidence, Quote

LIGHT = {"ある", "行う", "出す", "示す", "表す", "伝える"}  # they report only through a speech noun
INANIMATE = ("声明", "文書", "報告書", "書簡", "記事", "社説", "発表", "談話", "回答書", "報道", "調査", "結果",
             "データ", "統計", "判決", "法案", "条例", "計画", "ウェブサイト", "サイト", "ホームページ", "こと", "これ",
             "それ", "ため", "問題", "状況", "事件", "事故", "会議", "会談", "協議", "会合")
LEADING = re.compile(r"^(?:[、,\s]|(?:[0-9０-９]{1,2}日|同日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日)(?:に)?、|"
                     r"(?:一方|また|さらに|ただ|その上で|そのうえで|これに対し|同時に|なお|まず)、)+")
TRAILING = re.compile(r"(?:こと|の)?(?:が分かった|が明らかになった|という|とのこと)?$")


def quotes(para: Paragraph, lex: Lexicon) -> Iterator[Quote]:
    """Every claim of every sentence of ``para``."""
    for sent in para.sentences:
        yield from sentence_quotes(para, sent, lex)


def sentence_quotes(para: Paragraph, sent: Sentence, lex: Lexicon) -> Iterator[Quote]:
    analysis = sent.analysis
    reporter = _reporter(sent)
    taken: set[tuple[int, int]] = set()
    for frame in analysis.frames:
        kinds = lex.reporting.get(frame.lemma)
        if not kinds or frame.negated or frame.in_quote:
            continue
        for comp in frame.complements:
            if comp.kind not in kinds or (comp.start, comp.end) in taken:
                continue
            if frame.lemma in LIGHT and comp.kind not in ("mune",) and comp.noun not in lex.stance_nouns:
                continue
            if comp.kind == "clause" and frame.lemma in ("する", "とする") and frame.role("object"):
                continue  # Xを「将来の加盟国」とした: a name given, not words said
            speakers, how = _speakers(sent, frame, comp, lex)
            if not speakers and reporter is None and how != "nobody":
                speakers, how = list(sent.context.topic), "carried"
            if not speakers:
                continue
            taken.add((comp.start, comp.end))
            for claim, rule in _claims(sent, frame, comp):
                conf = {"named": 0.85, "source": 0.8, "described": 0.6, "carried": 0.55}[how]
                if rule != "quotes.direct.v2":
                    conf -= 0.1
                for who in speakers:
                    yield Quote(who, claim, _evidence(para, sent, rule), direct=rule == "quotes.direct.v2",
                                reported_by=reporter, confidence=round(conf, 2))


def _speakers(sent: Sentence, frame: Frame, comp: Complement, lex: Lexicon) -> tuple[list[ActorRef], str]:
    """Who says it: named subject or topic (of this frame or the ones it is chained to), the から-argument of a
    readout, a described actor; [] when the text names nobody here (the caller carries the last topic)."""
    chain = sent.analysis.scope(frame)
    described = None
    for f in chain:
        args = [a for a in f.role(*SUBJECT_ROLES) if not comp.start <= a.start < comp.end]
        named = [x for a in args for x in a.actors if not lex.is_media(x.label)]
        if named:
            return list(dict.fromkeys(named)), "named"
        source = [x for a in f.role("source") if not comp.start <= a.start < comp.end for x in a.actors]
        if source and not args:
            return list(dict.fromkeys(source)), "source"
        for a in args:
            if described is None and _describes_actor(a, lex):
                described = a
        if args:
            break  # a subject of its own that names nobody we know: nobody is carried onto it
    inner = _leading_topic(sent, comp)
    if inner is not None and not any(f.role(*SUBJECT_ROLES) for f in chain):
        return list(inner.actors), "named"
    if described is not None:
        return [described_actor(described.text, lex)], "described"
    if any(f.role(*SUBJECT_ROLES, "setting") for f in chain) or own_unnamed_subject(sent, frame) \
            or _unnamed_topic_before(sent, comp.start):
        return [], "nobody"
    return [], "none"


def own_unnamed_subject(sent: Sentence, frame: Frame) -> bool:
    """The sentence has a subject, topic or setting of its own before ``frame`` that names nobody (女性は,
    回答書では, 警報センターも): nobody is carried onto it."""
    return any(a.start < frame.start and not a.actors and not sent.in_quote(a.start)
               for f in sent.analysis.frames for a in f.role(*SUBJECT_ROLES, "setting"))


TOPIC_BEFORE = re.compile(r"[一-龥ァ-ヶー]+(?:は|では|も)、?$")


def _unnamed_topic_before(sent: Sentence, at: int) -> bool:
    """回答書では「…」と述べている: a topic written right before the quote that names nobody we know."""
    m = TOPIC_BEFORE.search(sent.text, 0, at)
    return m is not None and not any(m.start() <= x.start < m.end() for x in sent.mentions)


def _leading_topic(sent: Sentence, comp: Complement) -> Arg | None:
    """ジョンソン氏は1日、…と述べた with the topic parsed inside the clause: a named topic opening the clause."""
    best = None
    for f in sent.analysis.frames:
        for a in f.role("topic"):
            if a.actors and comp.start <= a.start < comp.end and (best is None or a.start < best.start):
                best = a
    if best is None or LEADING.sub("", sent.text[comp.start : best.start]):
        return None
    return best


def _describes_actor(arg: Arg, lex: Lexicon) -> bool:
    """A subject phrase that can speak though no gazetteer knows it (石山拓二教授, 出席した知事ら, 原告団)."""
    text = arg.text.strip("「」『』")
    if text.startswith(("その", "この", "同")) or text.removeprefix("両") in lex.titles + ("国", "者"):
        return False  # a title alone (大統領は) or a word that points back (その女性は): nobody we can name
    if not text or len(text) > 30 or text.endswith(INANIMATE) or arg.qualifiers and len(text) < 3:
        return False
    if re.fullmatch(r"[ぁ-ん]+", text):
        return False
    return not lex.is_media(text)


def described_actor(text: str, lex: Lexicon) -> ActorRef:
    """An actor the text describes: a name with a title (石山拓二教授 → 石山拓二, a Person), else the description
    as written (出席した知事ら, FIFAのスポンサー4社)."""
    name = _strip_title(text, lex)
    if name != text.removesuffix("ら").removesuffix("たち") and re.fullmatch(r"[ァ-ヶー・]{2,}|[一-龥々]{2,4}", name) \
            and not name.startswith(("両", "各", "全", "同", "元", "前")):
        return ActorRef(text, name, "Person")
    return ActorRef(text, text.removesuffix("たち"), "Actor")


def _strip_title(text: str, lex: Lexicon) -> str:
    text = text.removesuffix("ら").removesuffix("たち")
    for t in lex.titles:
        if text.endswith(t) and len(text) > len(t) + 1:
            return text[: -len(t)].rstrip("・")
    return text


def _claims(sent: Sentence, frame: Frame, comp: Complement) -> Iterator[tuple[str, str]]:
    text = sent.text
    if comp.kind == "quote" and comp.quotes:
        for s, e in comp.quotes:
            inner = text[s + 1 : e - 1].strip()
            if inner:
                yield inner, "quotes.direct.v2"
        return
    start = comp.start
    # the clause may have swallowed the speaker (Xは…と述べた parsed with X inside): start after it
    for f in (frame, *sent.analysis.governing(frame)):
        for a in f.role(*SUBJECT_ROLES, "source", "addressee", "about"):
            if comp.start <= a.start < comp.end:
                start = max(start, a.end + len(a.case))
    lead = _leading_topic(sent, comp)
    if lead is not None and not any(f.role(*SUBJECT_ROLES) for f in (frame, *sent.analysis.governing(frame))):
        start = max(start, lead.end + len(lead.case))
    # an earlier quote of the same sentence bounds it (「…」と述べ、…と付け加えた)
    for _s, e in sent.quotes:
        if start < e < comp.end - 1 and text.startswith("と", e):
            j = text.find("、", e)
            if 0 <= j < comp.end:
                start = max(start, j + 1)
    claim = _trim(text[start : comp.end])
    if len(claim) >= 4 and claim.count("「") == claim.count("」"):
        yield claim, "quotes.indirect.v2" if comp.kind == "clause" else "quotes.stance.v2"


def _trim(claim: str) -> str:
    claim = LEADING.sub("", claim.strip())
    return TRAILING.sub("", claim).strip("、。, ")


def _reporter(sent: Sentence) -> ActorRef | None:
    """「FTによると」: the source a claim is known through, kept apart from its speaker."""
    for f in sent.analysis.frames:
        for a in f.role("reporter"):
            if a.actors:
                return a.actors[0]
            return ActorRef(a.text, a.text, "Organization")
    for m in sent.mentions:
        if sent.text.startswith(("によると", "によれば"), m.end):
            return m.actor
    return None


def _evidence(para: Paragraph, sent: Sentence, rule: str) -> Evidence:
    start = para.offset + sent.start
    return Evidence(sent.text, start, start + len(sent.text), rule)
