"""Meetings — who met whom, when and where — read from predicate–argument frames (kg.analysis). Rule
``meetings.v2``.

An event is named three ways:
- a meeting verb (会談する, 協議する, 面会する, 会う): its participants are the subject/topic (each conjunct) and
  the と-partners; its date the temporal argument of the verb or of the clause it is chained to; its place the
  で-argument (never a participant);
- a meeting noun (kg/resources/meeting_nouns.txt: 会談, 首脳会談, 電話会談, 閣議, 総会, 理事会 …) as an argument:
  the object or subject of a verb of holding (会談を行った, 会議を開いた, 会合が開かれた) takes that verb's subject,
  partners, date and place; a meeting the clause happens in (両首脳は会談で…確認した) takes its subject. The noun
  phrase itself adds parties (日米首脳会談 → 日本, アメリカ; Xとの会談 → X) and a date (14日の会談).
- a meeting noun named as held or dated right before it (11月10日に行った党の役員会で, 28日の委員会で), wherever
  the parse hangs the phrase.
A body named like a meeting (国連人権理事会は…採択した, 委員会は…調査を行った) acts and is no meeting; a named
body's sitting (衆議院外務委員会, 県議会定例会) has the body among its parties.
A meeting with no date of its own in its clause takes the date the sentence opens with (本12日、…と会談を行ったところ)
or, when its sentence has no date at all, that of the paragraph's last dated sentence (5日、…に到着した。…と会談した).
Future or planned meetings (…と会談する予定, 協議に入る方針, 15日から始まる首脳会議, 会談は…予定されている) are kept
with status Planned; a postponed one keeps no date; one going on (協議している) is Held.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from kg.analysis.discourse import SUBJECT_ROLES
from kg.analysis.frames import Arg, Frame, connective
from kg.extract.context import Paragraph, Sentence, skip_aside
from kg.extract.said import described_actor, describes_actor
from kg.lexicon import Lexicon
from kg.model import ActorRef, Evidence, Meeting
from kg.resolve.actors import ActorResolver
from kg.resolve.dates import FUTURE, PAST, DateMention, directed

RULE = "meetings.v2"
MEETING_VERBS = {"会談", "協議", "面会", "会う", "懇談", "対談", "電話会談", "首脳会談"}  # never 会見 (a press
# conference, or an audience the gold does not count)
# 行く: the parse's lemma for 行った in 会談を行った
HOLD = {"行う", "行く", "開く", "開催", "実施", "持つ", "開ける", "始まる", "終わる", "終了", "開幕", "閉幕", "臨む",
        "ある", "再開", "招集", "設ける", "実現", "重ねる", "続ける"}
ATTEND = {"出席", "参加", "臨む"}
SCHEDULE = {"予定", "延期", "中止", "見送る"}  # 会談は…予定されていたが延期された: a meeting, not a body
PLANNED = {"予定", "方針", "見通し", "計画", "調整", "検討", "見込み", "意向", "考え"}
PHONE = ("電話", "テレビ電話")
VIDEO = ("オンライン", "ビデオ", "テレビ会議", "バーチャル")
NOT_PLACES = ("電話", "オンライン", "ビデオ", "書面", "会談", "会議", "協議", "会合", "場", "中", "形式", "間")
PAIR = re.compile(r"[米露ロ英仏独中日韓伊加豪印宇朝]{2,3}")


def meetings(para: Paragraph, lex: Lexicon, resolver: ActorResolver) -> Iterator[Meeting]:
    carried: DateMention | None = None  # the scene date of the last dated sentence of the paragraph
    held: list[Meeting] = []  # the paragraph's talks so far, of the main clauses
    for sent in para.sentences:
        scene = _scene_date(sent)
        for m, main in _sentence_meetings(para, sent, lex, resolver):
            if m.date is None and m.date_text is None and m.status == "Held" and main:
                d = scene or (carried if not sent.dates else None)
                if d is not None:  # 10日、…は…と会談を行った / 6月9日、…が訪日。日韓首脳会談。
                    m = replace(m, date=d.date, date_text=d.text, confidence=_confidence(d, m.participants))
            if main and m.status == "Held":
                m = _with_host(sent, m, held)
                held.append(m)
            yield m
        if sent.dates:
            carried = scene




def dated(m: Meeting, published: dt.date | None, ahead: bool = True) -> Meeting:
    """The meeting's date read in the direction its status tells (see ``kg.resolve.dates.directed``): a bare
    day of a meeting held is the last such day up to the article, of one planned the next; a month-day still to
    come is in the year that puts it after the article. A meeting told as held on a day the article has not
    reached (…7日に首脳会談を開催すると発表した, in an article of 4 December) is still to come. ``ahead``: the
    article has a date of its own; an undated one is dated by the latest day it states, which a day to come
    is never after."""
    if m.date is None or not m.date_text or published is None:
        return m
    direction = PAST if m.status == "Held" else FUTURE if m.status == "Planned" and ahead else None
    when = directed(DateMention(0, len(m.date_text), m.date_text, m.date), published, direction)
    if when is not None and when != m.date:
        m = replace(m, date=when)
    if m.status == "Held" and m.date is not None and m.date > published:
        m = replace(m, status="Planned")
    return m


def _with_host(sent: Sentence, m: Meeting, before: list[Meeting]) -> Meeting:
    """A readout's run of talks: 総理は、Aと会談を行った後、Bと会談を行いました。続いて、Cと会談を行いました — the
    person every earlier talk of the paragraph had takes part in a talk whose sentence names no one who meets."""
    if len(m.participants) != 1 or not before or any(
            (TOPIC_AFTER.match(sent.text, x.end) or AGENT_AFTER.match(sent.text, x.end)) and not sent.in_quote(x.start)
            for x in sent.mentions):
        return m
    common = set.intersection(*({p.label for p in b.participants if p.type == "Person"} for b in before))
    host = next((p for p in before[-1].participants if p.label in common and p.label != m.participants[0].label),
                None)
    return replace(m, participants=(host, *m.participants)) if host is not None and len(common) == 1 else m


def _scene_date(sent: Sentence) -> DateMention | None:
    """The date a sentence opens with (10日、… / 本16日(土曜日), … / 現地時間9月8日、…): the day of the event its
    main clause reports."""
    d = next((d for d in sent.dates if d.date is not None), None)
    if d is None or sent.in_quote(d.start) or not SCENE_PREFIX.fullmatch(sent.text, 0, d.start):
        return None
    return d if SCENE_AFTER.match(sent.text, d.end) else None


SCENE_PREFIX = re.compile(r"[^ぁ-ん、。,，「」]{0,8}|[^。「」]{1,40}?は[、,，]?")
SCENE_AFTER = re.compile(r"(?:\s*[(（][^()（）]{0,12}[)）])?"
                         r"(?:[、,，]|午前|午後|朝|夜|夕|早朝|深夜|[0-9０-９]|から|に[、,，])")


def _sentence_meetings(para: Paragraph, sent: Sentence, lex: Lexicon,
                       resolver: ActorResolver) -> Iterator[tuple[Meeting, bool]]:
    seen: set[int] = set()
    spans: list[tuple[int, int]] = []
    for frame in sent.analysis.frames:
        scene = any(_meeting_noun(a, lex) for a in frame.role("place", "setting")) or any(
            a.case in SCENE_CASES and _meeting_noun(a, lex) for a in frame.args) or _held_before_it(sent, frame, lex)
        if frame.lemma in MEETING_VERBS and frame.index not in seen and not frame.in_quote and not frame.negated \
                and not scene and (frame.lemma != "会う" or _named_partner(frame)):  # 両者は会談において…協議した:
            # one meeting, the noun's; 教団のメンバーと会った: no talk between named parties
            seen.add(frame.index)
            yield _from_verb(para, sent, frame, lex, resolver), _main(sent, frame)
        for arg in frame.args:
            noun = _meeting_noun(arg, lex)
            if arg.head in seen or sent.in_quote(arg.start) or noun is None:
                continue
            if (frame.in_quote or frame.negated) and arg.role not in ("place", "setting"):
                continue  # 会談を行わなかった; a phrase the parse hung under a quoted verb: only a scene counts
            if noun in lex.session_nouns and not _sat(sent, frame, arg):
                continue  # 公正取引委員会は…, 国際オリンピック委員会によると: a body, not a sitting
            if _is_body(sent, frame, arg, lex) and not _session(sent, frame, arg):
                continue
            seen.add(arg.head)
            spans.append((_own_conjunct(arg, lex), arg.end))
            host = _unquoted(sent, frame)
            main = arg.role in ("object", "subject", "topic") and frame.lemma in HOLD and _main(sent, host)
            m = _from_noun(para, sent, host, arg, noun, lex, resolver)
            if EACH.match(arg.text) and len(m.participants) >= 2 and m.kind == "Multilateral":
                for p in m.participants:  # AとBは、それぞれ取締役会を開いた: each body's own sitting
                    yield replace(m, label=p.text + m.label, participants=(p,)), main
                continue
            yield m, main
    for m in _attributive(para, sent, lex, spans):
        yield m, False


EACH = re.compile(r"(?:それぞれ|各々|おのおの|各自)(?:の|が|で)?")
SCENE_CASES = ("において", "にて", "の席で", "の場で", "の席上")


def _held_before_it(sent: Sentence, frame: Frame, lex: Lexicon) -> bool:
    """緊急会合を行い、対策を協議した / 会談を開き、…を協議した: the talks are the meeting held in the clause chained
    before the verb, one event."""
    def chained(g: Frame) -> bool:  # 会合を行い、…協議した, also where the parse left 行い loose (dep)
        return g.start < frame.start and (g.governor == frame.index and g.dep in ("advcl", "conj") or g.dep == "dep"
                                          and _continuative(sent, g) and not any(
                                              g.end <= h.start < frame.start for h in sent.analysis.frames))

    return any(chained(g) and g.lemma in HOLD and not g.negated and not g.in_quote
               and any(_meeting_noun(a, lex) for a in g.role("object", "subject", "topic"))
               for g in sent.analysis.frames)


def _named_partner(frame: Frame) -> bool:
    return any(x.type in ("Person", "State", "Organization") for a in frame.role("partner", "dative") for x in a.actors)


MAIN_AFTER = ("ところ", "後", "あと", "上で", "うえで", "もの")


def _ends_clause(sent: Sentence, f: Frame) -> bool:
    """…を行ったところ、/ …会談した後、/ …合意したもの。: a past clause the parse hung on a noun that only
    links it to the rest."""
    text = sent.text
    if text[f.start : f.end].endswith(("た", "だ")):
        return text.startswith(MAIN_AFTER, f.end)
    return text.startswith(("た", "だ"), f.end) and text.startswith(MAIN_AFTER, f.end + 1)


def _main(sent: Sentence, frame: Frame) -> bool:
    """The frame is the sentence's main clause or chained to it (…と会談し、…確認した), not a clause that qualifies
    a noun (…会合に出席するため来日中の…) — the readout's …を行ったところ、概要は以下のとおり counts as main — nor
    a clause another verb reports (政府は14日、AがBと会談を行ったと発表した: 14日 is the announcement's day)."""
    if any(c.start <= frame.start < c.end for g in sent.analysis.frames if g is not frame
           and g.lemma in REPORTING for c in g.complements):
        return False
    for f in (frame, *sent.analysis.governing(frame)):
        if f.dep in ("acl", "dep") and _ends_clause(sent, f):
            return True
        if f.dep not in ("ROOT", "advcl", "conj"):
            return False
    return True


REPORTING = {"発表", "明らかにする", "伝える", "報じる", "述べる", "語る", "説明", "公表", "報告", "話す", "表明",
             "認める", "示す", "指摘", "強調", "言う", "述懐"}


def _unquoted(sent: Sentence, frame: Frame) -> Frame:
    """The nearest frame outside quotes that ``frame`` is chained to (itself when it is outside)."""
    if not frame.in_quote:
        return frame
    return next((g for g in sent.analysis.governing(frame) if not g.in_quote), frame)


# 11月10日に行った自民党の役員会で / 6月29日に開かれた県議会定例会の代表質問で / 28日の参議院財政金融委員会で:
# a meeting noun named as held or dated right before it, wherever the parse hangs the phrase
NOUN_RUN = re.compile(r"[^ぁ-ん、。,，「」『』()（）\s]+")
RELATIVE_END = re.compile(r"(?:た|れた|された|されている|ている|る)?")


def _attributive(para: Paragraph, sent: Sentence, lex: Lexicon, spans: list[tuple[int, int]]) -> Iterator[Meeting]:
    text = sent.text
    found: list[tuple[int, int, str, DateMention | None, Frame | None]] = []
    for f in sent.analysis.frames:
        if f.dep == "acl" and f.lemma in HOLD | {"行く"} and not f.negated and f.voice != "causative":
            at = RELATIVE_END.match(text, f.end).end()
            hit = _noun_at(text, at, lex)
            if hit is not None:
                found.append((*hit, _date(sent, [f]), f))
    for d in sent.dates:
        if text.startswith("の", d.end):
            hit = _noun_at(text, d.end + 1, lex)
            if hit is not None:
                found.append((*hit, d, None))
    for s, e, noun, date, acl in found:
        if sent.in_quote(s) and not QUOTED_NAME.match(text, s) or any(a <= s < b or a < e <= b for a, b in spans) \
                or date is None:
            continue
        spans.append((s, e))
        host = next(((f, a) for f in sent.analysis.frames for a in f.args if a.start <= s and e <= a.end
                     and (a.role in ("place", "setting", "time", "dative") or a.end == e and a.case in SCENE_CASES)),
                    None)
        people = [m.actor for m in sent.mentions if s <= m.start and m.end <= e and m.actor.type == "Organization"]
        people += _owner(sent, s, e, lex)
        if acl is not None and acl.voice == "active":  # Xは3日に行った理事会で…決めた: who held it sits in it
            people += [x for a in acl.role(*SUBJECT_ROLES) if not sent.in_quote(a.start) for x in _named(sent, a, lex)
                       if x.type in ("Person", "State", "Organization")]
            if not any(f.role(*SUBJECT_ROLES) for f in sent.analysis.frames if not f.in_quote):  # the parse lost
                # the topic: the body named with は before the phrase (X連盟は5日に行った理事会で)
                people += [m.actor for m in sent.mentions if m.end <= s and not sent.in_quote(m.start)
                           and m.actor.type in ("Person", "State", "Organization")
                           and sent.text.startswith("は", skip_aside(sent.text, m.end))][:1]
        frames: list[Frame] = [acl] if acl is not None else []  # 来週開かれる総会で: planned
        if host is not None:
            frames += _chain(sent, _unquoted(sent, host[0]))
            people += _participants(sent, frames, lex, carry=False, scene=(s, e))
        else:  # 25日の委員会での承認を受けて就任する予定: the status of the clause the phrase is in
            inside = next((f for f in sent.analysis.frames for a in f.args if a.start <= s and e <= a.end), None)
            frames += _chain(sent, _unquoted(sent, inside)) if inside is not None else []
            if SCENE_PARTICLE.match(text, e):  # Xは…に開かれた「…会合」にて…示した, where the parse hung the phrase
                # on nothing: the sentence's topic sat in it
                topic = next((a for f in sent.analysis.frames if not f.in_quote for a in f.role("topic")
                              if a.case[:1] == "は" and a.end <= s and (a.actors or _described_body(a))), None)
                people += list(topic.actors) or [described_actor(topic.text, lex)] if topic is not None else \
                    _lost_topic(sent, s, lex)
        people += _sitting_body(_label(text[s:e]), noun, lex) + _speakers(sent, s, e, lex)
        yield _meeting(para, sent, _label(text[s:e]), frames, people, date, _kind(text[s:e], lex, noun),
                       held=False, where=[acl] if acl is not None else [])  # チューリッヒで開催した理事会


def _noun_at(text: str, at: int, lex: Lexicon) -> tuple[int, int, str] | None:
    """The noun phrase starting at ``at`` (自民党の役員会, 県議会6月定例会) when a meeting noun heads it: its span and
    the noun; 定例会の代表質問 takes the part before の."""
    named = QUOTED_NAME.match(text, at)
    if named is not None:  # 16日に開かれた「…に関する会合」(第二回)にて, 3月16日の「第156回委員会」で: a sitting's name
        noun = next((n for n, _ in lex.meeting_nouns if named.group(1).endswith(n)), None)
        return (at, named.end(), noun) if noun is not None else None
    first = NOUN_RUN.match(text, at)
    if first is None:
        return None
    ends = [first.end()]
    if text.startswith("の", first.end()):
        second = NOUN_RUN.match(text, first.end() + 1)
        if second is not None:
            ends.insert(0, second.end())
    for e in ends:
        if text.startswith(NOT_AFTER, e):
            continue
        noun = next((n for n, _ in lex.meeting_nouns if text.endswith(n, at, e)), None)
        if noun is not None:
            return at, e, noun
    return None


NOT_AFTER = ("会", "所", "員", "体", "録", "事", "室", "場", "長", "党", "派")
QUOTED_NAME = re.compile(r"[「『]([^「」『』]{2,40})[」』](?:\([^()]{1,10}\)|（[^（）]{1,10}）)?"
                         r"(?=で|にて|において|の席)")


def _chain(sent: Sentence, frame: Frame) -> list[Frame]:
    """The frames that share the meeting's clause: itself, the ones it is coordinated with (会談し、…確認した), and
    those chained before it — never a frame it is reported by (Xは…会談すると発表した: X announced, it did not
    meet, and its date is the announcement's)."""
    out = [frame]
    f = frame
    while f.dep in ("advcl", "conj") and f.governor is not None and f.governor in sent.analysis.by_index:
        g = sent.analysis.by_index[f.governor]
        if any(c.start <= f.start < c.end for c in g.complements):
            break  # …と会談すると発表した: the clause is what g reports
        f = g
        out.append(f)
    out += [g for g in sent.analysis.scope(frame)[1:] if g not in out and g.governor == frame.index]
    return out


def _meeting_noun(arg: Arg, lex: Lexicon) -> str | None:
    text = arg.text.rstrip("」』)）")
    for noun, _kind in lex.meeting_nouns:
        if text.endswith(noun):
            return noun
    return None


def _is_body(sent: Sentence, frame: Frame, arg: Arg, lex: Lexicon) -> bool:
    """国連人権理事会は…採択した, 日本学術会議によると: a body that acts or reports, named like a meeting."""
    if arg.role == "reporter":
        return True
    body = arg.actors and any(lex.lookup(a.label) or a.type == "Organization" for a in arg.actors) \
        and sent.text[arg.start : arg.end].endswith(tuple(a.text for a in arg.actors))
    if arg.role in SUBJECT_ROLES and (frame.lemma not in HOLD | SCHEDULE or _other_theme(frame, arg)):
        return True  # 総会は…選出した, 理事会が…採択した, 委員会は…調査を行った, 委員会は…検討が行われた
    return bool(body) and not (arg.role == "object" and frame.lemma in HOLD)


def _other_theme(frame: Frame, arg: Arg) -> bool:
    """The verb of holding has its own object or subject besides the body: the body did it, it did not sit."""
    return any(a is not arg and (a.role == "object" or a.role == "subject" and arg.role == "topic")
               for a in frame.args)


SESSION = re.compile(r"(?:開かれ|行われ|開催され|招集され)")


SITTING = re.compile(r"(?:臨時|緊急|定例|第[0-9０-９一二三四五六七八九十]+回|拡大|非公式)")


def _session(sent: Sentence, frame: Frame, arg: Arg) -> bool:
    """A body's sitting: 6月29日に開かれた衆議院外務委員会で, 28日の参議院財政金融委員会で."""
    inside = any(arg.start <= d.start < arg.end for d in sent.dates)
    return arg.role in ("place", "setting", "dative", "time") and (inside or bool(SESSION.search(arg.text)))


def _sat(sent: Sentence, frame: Frame, arg: Arg) -> bool:
    """The text says the body sat: it was held (委員会を開いた, 総会が開かれた), the phrase dates it or says it was
    held (17日の総会, 開かれた委員会), or names a sitting (臨時総会, 緊急理事会, 第10回会議)."""
    held = frame.lemma in HOLD and (arg.role == "object" or arg.role in ("subject", "topic")
                                    and not _other_theme(frame, arg))
    return held or _session(sent, frame, arg) or bool(SITTING.search(arg.text))


def _kind(window: str, lex: Lexicon, noun: str | None) -> str:
    """Phone or Video when the words around the meeting say so, else the kind its noun names."""
    if any(p in window for p in PHONE):
        return "Phone"
    if any(v in window for v in VIDEO):
        return "Video"
    return dict(lex.meeting_nouns).get(noun or "", "InPerson")


SOON = ("近く", "近日", "来週", "来月", "今後", "間もなく", "年内", "月内")


PROGRESSIVE = re.compile(r"[てで](?:い|お)")
KANJI_NOUN = re.compile(r"[一-龥]{2,}")


def _past(sent: Sentence, f: Frame) -> bool:
    """Past by its tense, by the た the parse took for a conjunction (行ったところ), or a sentence or clause that
    ends on the verbal noun itself, as news writes (…と会談。 / …と会談、合意した)."""
    if CONJECTURE.search(sent.text, f.start, f.end + 4):
        return False  # 質問が出そうだ: the parse takes its だ for a past
    if f.tense == "past" or _ends_clause(sent, f) or PROGRESSIVE.match(sent.text, f.end) \
            or sent.text[f.start : f.end].endswith(("て", "で")) and sent.text.startswith(("い", "お"), f.end):
        return True  # 協議している, 会っているという: going on or done, not planned
    return sent.text[f.start : f.end] == f.lemma and bool(KANJI_NOUN.fullmatch(f.lemma)) \
        and (f.end == len(sent.text) or sent.text.startswith(("。", "、", ",", "，", "』", "」"), f.end))


CONJECTURE = re.compile(r"[^るただ]そう(?:だ|です|な)")
# 協議することになった, 会談することになっている, 開くことにした: decided or arranged, still to come
ARRANGED = re.compile(r"[^、。]{0,12}?[うくすつぬぶむるぐ](?:こと|事)に(?:な|し)")


def _continuative(sent: Sentence, f: Frame) -> bool:
    """The verb ends in its continuative form (行い, 会談し), chaining its clause to the next one."""
    surface = sent.text[f.start : f.end]
    cont = surface.endswith("い") and f.lemma.endswith("う") and surface == f.lemma[:-1] + "い" \
        or surface == f.lemma + "し"
    return cont and not sent.text.startswith(("た", "て", "ま", "な", "よ"), f.end)


def _status(frames: list[Frame], sent: Sentence) -> str:
    f = frames[0]
    if not f.negated and ARRANGED.match(sent.text, f.start) and ARRANGED.match(sent.text, f.start).end() <= f.end + 8:
        return "Planned"
    if _before_future(sent, f):
        return "Planned"
    if not _past(sent, f) and (f.lemma in MEETING_VERBS or f.dep in ("ccomp", "acl")) and not f.negated:
        if _continuative(sent, f):  # …と会談を行い、支持を確認、…を表明した: the tense the sentence ends in
            root = next((g for g in sent.analysis.frames if g.dep == "ROOT" and not g.in_quote), None)
            if root is not None and root is not f and _past(sent, root):
                return "Held"
        return "Planned" if not any(x.tense == "past" and x.dep in ("advcl", "conj") for x in frames[1:2]) \
            else "Held"
    if any(x.lemma == "延期" for x in frames) or "延期" in sent.text[f.start : f.end + 6]:
        return "Postponed"
    if any("planned" in x.modality for x in frames[:2]) or not _past(sent, f) and f.dep == "ROOT" \
            and f.lemma not in MEETING_VERBS:
        return "Planned"
    if f.lemma in HOLD and not f.negated and f.tense == "nonpast" and f.dep in ("advcl", "conj") and (
            _continuative(sent, f) or connective(sent.text, f)):  # 臨時総会を行い、統合を目指す / 理事会を開き、…
        # 検討している: the continuative form has the tense of the clause it leads into
        root = ([*sent.analysis.governing(f)] or [g for g in sent.analysis.frames if g.dep == "ROOT"
                                                  and not g.in_quote])[-1:]
        root = root[0] if root else None
        if root is not None and root.start > f.start:
            return "Held" if _past(sent, root) else "Planned"
    if not _past(sent, f) and not f.negated and f.lemma in HOLD and not _continuative(sent, f) \
            and not sent.text.startswith(("中", "して", "しており"), f.end):
        return "Planned"  # 20日に臨時総会を開くと発表した, 会議を開催する方針: a holding still to come
    if not _past(sent, f) and any(sent.text.startswith(p, f.end) for p in PLANNED) \
            or sent.text.startswith(("ことになっ", "ことになる", "ことにな", "ことで合意", "ことで一致"), f.end):
        return "Planned"
    return "Held"


THEN = re.compile(r"(?:後|あと|のち)[、,，]?")


def _before_future(sent: Sentence, f: Frame) -> bool:
    """委員会で協議された後、本会議で最終決定される: a past form before 後 is relative time; the clause it leads to is
    still to come, and so is it."""
    if f.negated or not sent.text[f.start : f.end].endswith(("た", "だ")) or not THEN.match(sent.text, f.end):
        return False
    root = next((g for g in sent.analysis.frames if g.dep == "ROOT" and not g.in_quote), None)
    return root is not None and root is not f and root.start > f.end and not root.negated and not _past(sent, root)


def _date(sent: Sentence, frames: list[Frame], inside: tuple[int, int] | None = None,
          at: int | None = None) -> DateMention | None:
    """The date of the event: a date in the noun phrase (14日の会談), else a temporal argument of the predicate or
    of the clause it is chained to, the nearest to the event first; a range gives its first day."""
    candidates: list[DateMention] = []
    if inside is not None:
        candidates += [d for d in sent.dates if inside[0] <= d.start < inside[1]]
    for f in frames:
        if f is not frames[0] and frames[0].start < f.start:
            continue  # …と協議し、12月30日に開催されることになった / 同日、理事会が開かれ、翌14日には総会が開かれた:
            # a clause after the meeting's has its own date
        for a in f.args:
            if a.role in ("topic", "subject") and a.role != "time" and a.case not in ("から", "には"):
                # 12日は、…と会談した: the date is the topic; not a date inside it (10月1日に統合するX社は)
                candidates += [d for d in sent.dates if a.start <= d.start < a.end and d not in candidates
                               and DATE_TAIL.fullmatch(sent.text, d.end, a.end)]
            elif a.role in ("time", "dative") or a.case in ("から", "には", "は"):
                # not a date of a predicate inside the phrase (これまで12月31日に開催されていたことから)
                candidates += [d for d in sent.dates if a.start <= d.start < a.end and d not in candidates
                               and not any(d.end <= g.start < a.end and g not in frames
                                           for g in sent.analysis.frames)]
            else:  # 12月2日にストックホルムで: a date the parse put at the head of another argument
                candidates += [d for d in sent.dates if d.start == a.start and d.end < a.end
                               and sent.text.startswith(("に", "、"), d.end) and d not in candidates
                               and BARE_NAME.fullmatch(sent.text, d.end + 1, a.end)]
    if frames and inside is None or frames and at is not None:
        # Xは、29日午前、取締役会を開いた where the parse left the date unattached: the date set off by commas
        # before the verb is the clause's time, before one a relative clause in the subject has (10月1日に統合する)
        own = {id(f) for f in frames}
        bare = [d for d in sent.dates if d.end <= frames[0].start and d.date is not None
                and sent.text[d.start - 1 : d.start] in ("、", ",", "，")
                and BARE_DATE_AFTER.match(sent.text, d.end) and not sent.in_quote(d.start)
                and not any(a.start <= d.start < a.end for g in sent.analysis.frames if id(g) not in own
                            for a in g.args)]
        candidates = bare[-1:] + [d for d in candidates if d not in bare[-1:]]
    if at is not None:
        candidates.sort(key=lambda d: (d.start > at, abs(at - d.end)))
    candidates = [d for d in candidates if not DEADLINE.match(sent.text, d.end)]  # 24日までに回答するよう要求し
    dated = [d for d in candidates if d.date is not None]
    return dated[0] if dated else (candidates[0] if candidates else None)


DEADLINE = re.compile(r"(?:午前|午後|正午|[0-9０-９]+時)?(?:まで|迄|期限|が期限|を期限)")


DATE_TAIL = re.compile(r"(?:午前|午後|正午|未明|早朝|深夜|朝|夜|夕方?|[0-9０-９]+時(?:[0-9０-９]+分)?|頃|ごろ|\s|"
                       r"\([^()]{0,12}\)|（[^（）]{0,12}）)*")


BARE_DATE_AFTER = re.compile(DATE_TAIL.pattern + r"[、,，]")


# 前党副代表で (a copula: …で衆議院議員の), 最高司令官名義で, 政策面で, 賛成多数で: a manner or an office, no place
NOT_PLACE_END = re.compile(r"(?:名義|面|方式|多数|一致|議員|会長|社長|理事長|委員長|司令官|監督|選手|結果|理由|ため)$")
BARE_NAME = re.compile(r"[^ぁ-ん、。,，]{1,15}")  # ストックホルム, not 米露間で収監者の身柄交換が行われ…


def _place(sent: Sentence, frames: list[Frame]) -> str | None:
    for f in frames:
        if f is not frames[0] and any(a.text.endswith(MEETING_ENDS + ("会合",)) for a in f.role("object", "subject")):
            continue  # 13日にブリュッセルで会合を開くとともに、翌14日に専門家の会合を行う: the place of another one
        for a in f.role("place"):
            text = a.text
            lead = next((d for d in sent.dates if d.start == a.start and sent.text.startswith("に", d.end)), None)
            if lead is not None:  # 12月2日にストックホルム(で)
                text = sent.text[lead.end + 1 : a.end]
            bare_state = a.actors and all(x.type == "State" for x in a.actors) and text in {x.text for x in a.actors}
            if a.case == "で" and not text.endswith(NOT_PLACES) and (not a.actors or bare_state) and len(text) <= 20 \
                    and not OFFICE_HEAD.search(text) and not NOT_PLACE_END.search(text) \
                    and not _has_kana_clause(text) and ("の" not in text or "の首都" in text):
                return text.split("の")[-1] if "の首都" in text else text  # not 大統領の体調不良(で延期)
    return None


def _has_kana_clause(text: str) -> bool:
    return bool(re.search(r"[ぁ-ん]{3,}", text.replace("の", "")))


def _named(sent: Sentence, a: Arg, lex: Lexicon) -> list[ActorRef]:
    """The actors a party's phrase names: its head actors; a partner headed by a common noun, or a subject headed
    by an office or a description (日本とインドの外相は, エリトリアの当局者と), by its qualifiers; 日米両政府 by its
    pair; an unresolved 両国/両首脳 by the two actors the sentence carries as its topic."""
    found = [x for x in a.actors if not x.label.startswith("両")]
    people = [x for x in a.qualifiers if x.type == "Person"]
    if people and LEADING.search(a.text):  # A外相をはじめとする当局者と: the people it names
        found = people
    if not found and a.qualifiers and (a.role == "partner" or OFFICE_HEAD.search(a.text)
                                       or a.text.endswith(lex.titles)):
        found = [x for x in a.qualifiers if x.type in ("Person", "State", "Organization")]
    if not found:
        found = _pair(lex, a.text, 0)
    if not a.qualifiers and not a.text.endswith(tuple(n for n, _ in lex.meeting_nouns)) and (
            not found and (describes_actor(a, lex) or BODY_END.search(a.text)) or len(ITEM_SEP.split(a.text)) > 1):
        found += _described_items(sent, a, lex)  # ケンタッキー社と協議する, SPDと緑の党が: parties no gazetteer knows
    if not found and any(x.label.startswith("両") for x in a.actors) or a.text.startswith("両") and not a.actors:
        found = both(a.text, sent.context.topic)
    party = a.role == "partner" or a.role == "subject" and a.conjunct  # 日本作曲家協会と東京放送が協議し: a
    # broadcaster coordinated with another party is a party, not the outlet of a report
    return [x for x in found if party or not lex.is_media(x.label)]


def both(word: str, topic: tuple[ActorRef, ...]) -> list[ActorRef]:
    """The two a 両-word (両国, 両首脳, 両党, 両社, 両者) stands for: the actors the text carries as its topic, of
    the kind the word names — parties or companies for 両党/両社, anyone for 両者, else people and states."""
    kinds = ("Person", "State", "Organization") if BOTH_BODIES.match(word) else ("Person", "State")
    found = [x for x in topic if x.type in kinds]
    return found if len(found) >= 2 else []


BOTH_BODIES = re.compile(r"両(?:党|社|団体|組合|陣営|チーム|クラブ|者|機関|組織|連盟|協会)")


def _talks(f: Frame, lex: Lexicon) -> bool:
    """A meeting verb, or a verb of holding whose object is a meeting (会談を行い)."""
    return f.lemma in MEETING_VERBS or f.lemma in HOLD and any(_meeting_noun(a, lex) for a in f.role("object"))


def _described_items(sent: Sentence, a: Arg, lex: Lexicon) -> list[ActorRef]:
    """The items of a party's phrase that name no known actor but describe a body (SPDと緑の党, A社とB銀行)."""
    out: list[ActorRef] = []
    at = a.start
    for item in ITEM_SEP.split(a.text):
        s = sent.text.find(item, at)
        at = s + len(item)
        if not item or any(s <= m.start < s + len(item) and (m.end >= s + len(item) or not BODY_END.search(item))
                           for m in sent.mentions):  # 日本|サッカー協会: a body whose name starts with a state's
            continue
        if BODY_END.search(item) and not item.startswith(("同", "両", "各", "この", "その")) \
                or KATAKANA_NAME.fullmatch(item) and len(ITEM_SEP.split(a.text)) > 1:
            out.append(described_actor(RELATIVE_LEAD.sub("", item), lex))  # 経営統合する|A社
    return out


RELATIVE_LEAD = re.compile(r"^.*[ぁ-ん][るた](?=[^ぁ-ん]{2,}$)")
ITEM_SEP = re.compile(r"と(?![のはも])|、|及び|および|並びに|ならびに|や")
KATAKANA_NAME = re.compile(r"[A-Z][A-Za-z&.\-]{1,12}|[ァ-ヶー・]{2,12}")
# a body no gazetteer knows (ケンタッキー社, 東京放送, 宮崎県家畜改良事業団): a party as the text describes it; a
# person's description is left to the resolver
BODY_END = re.compile(r"(?:社|協会|銀行|証券|省|庁|[^首]都|北海道|[^政]府|県|市|町|村|党|組合|企業|機関|団体|連盟|連合|"
                      r"財団|事業団|鉄道|電鉄|航空|電力|自動車|工業|重工業?|商事|物産|ホールディングス|"
                      r"委員会|グループ|放送|大学|病院|センター|連合会|協議会|電機|製作所|製薬|建設|興業|機構|学会|学園|"
                      r"法人|公社|公団|農協|漁協|生協|教委|労組)$")
LEADING = re.compile(r"をはじめ|を始め|を筆頭|ら(?:の)?[^ぁ-ん]{0,6}$")
OFFICE_HEAD = re.compile(r"(?:外相|首相|首脳|大統領|長官|大臣|代表|代表団|当局者?|政府|高官|閣僚|外務省|国防相|"
                         r"国防省|大使|特使)$")
PAIR_HEAD = re.compile(r"(?:両|の|[一-龥])")


def _pair(lex: Lexicon, text: str, start: int) -> list[ActorRef]:
    """The states a run of abbreviations names before a noun (米ロ首脳会談, 日米両政府, 日中韓の); 朝 in a pair is
    North Korea (日朝, 米朝)."""
    m = PAIR.match(text, start)
    if m is None or not PAIR_HEAD.match(text, m.end()):
        return []
    out = []
    for ch in m.group():
        e = lex.lookup("北朝鮮" if ch == "朝" else ch)
        if e is not None:
            out.append(ActorRef(ch, e.canonical, e.type, e.wikidata))
    return out if len(out) >= 2 else []


def _participants(sent: Sentence, frames: list[Frame], lex: Lexicon, carry: bool = True,
                  scene: tuple[int, int] | None = None) -> list[ActorRef]:
    """The subject (each conjunct) and the と-partners of the meeting's clause; a partner phrase headed by a
    common noun names its people by their qualifiers (メスフィン外相をはじめとする当局者と); with no subject in the
    clause, the sentence's topic, else the one carried from earlier sentences (大島大使は…訪問した。7日は…と会談し).
    For a meeting that is the scene of the clause (``scene``: where its phrase starts), a subject after it is the
    subject of what is said to have happened there (…会談で、NATOが対処していないと訴えた), not a party."""
    out: list[ActorRef] = []
    subject = False
    # the meeting's own clause with the clauses chained into it (…と相次いで電話会談を行った: 相次ぐ holds the partners)
    own = [g for g in frames[1:] if g.governor == frames[0].index and g.start < frames[0].start
           and g.args and all(a.role == "partner" for a in g.args)]  # not 小泉市長と話し、森田知事と会談で…
    for i, f in enumerate([frames[0], *own, *(g for g in frames[1:] if g not in own)]):
        # Xと取り扱いを協議する: the parse took the partner for the first item of the object
        partners = [a for a in f.role("object") if f.lemma in MEETING_VERBS and a.conjunct
                    and sent.text.startswith("と", a.end) and (a.actors or BODY_END.search(a.text))]
        # A、B、Cの各派領袖と党本部にて会談を行い: the parse joined the partner to the place that follows it
        partners += [replace(a, role="partner") for a in f.role("dative", "place") if a.conjunct
                     and sent.text.startswith("と", a.end) and _talks(f, lex)
                     and (a.actors or any(x.type == "Person" for x in a.qualifiers))]
        # 宮崎県では…農林水産省と協議している: a body named as where the talks go on is their party
        partners += [a for a in f.role("setting") if f.lemma in MEETING_VERBS and a.case == "では"
                     and BODY_END.search(a.text) and not any(x.type == "State" for x in a.actors)]
        for a in (*f.role(*SUBJECT_ROLES, "partner"), *partners):
            if sent.in_quote(a.start) or a.case.startswith("とは") and not a.actors \
                    or scene is not None and a.role in SUBJECT_ROLES and a.start > scene[0]:
                continue
            subject = subject or a.role in SUBJECT_ROLES and a.case[:1] != "は" or a.role == "topic" and bool(
                a.actors)
            out += _named(sent, a, lex)
        for a in f.role("place"):  # クリントン米国務長官との間で: the partner
            if a.text.endswith("との間") and not sent.in_quote(a.start):
                out += [x for x in (*a.actors, *a.qualifiers) if x.type == "Person"]
        if out and i >= len(own):
            if not subject:  # 胡主席がロシアを訪問し、プーチン大統領と会談: the subject of the clause before
                later = [f for f in frames[1:] if f not in own and f.start < frames[0].start and not f.in_quote]
                first = next((a for f in later for a in f.role(*SUBJECT_ROLES) if a.actors
                              and not sent.in_quote(a.start) and a.case[:1] != "は"), None)
                if first is not None:
                    out = [x for x in first.actors if not lex.is_media(x.label)] + out
                    subject = True
            break
    for g in sent.analysis.frames:  # Xを招いて会議を開いた: who is invited takes part
        if g.lemma in INVITE and g.governor == frames[0].index and not g.in_quote and g.voice == "active":
            out += [x for a in g.role("object") for x in _named(sent, replace(a, role="partner"), lex)]
    if not subject:
        at = frames[0].start
        # not the topic of a verb that reports a clause with its own subject (Xは、Yが…会談で…と明らかにした);
        # the one of a verb whose content the parse hung the scene in is (Xは、10日の委員会で…考えを示した)
        upto = scene[1] if scene is not None else at
        topic = next((a for f in sent.analysis.frames if not f.in_quote
                      and not any(c.start <= at < c.end and "が" in sent.text[c.start : upto] for c in f.complements)
                      for a in f.role("topic") if (a.actors or _described_body(a)) and a.case[:1] == "は"
                      and a.end <= at), None)
        # AとBは…会談する予定だ: every conjunct of that topic
        also = [x for f in sent.analysis.frames for b in f.role("topic") if topic is not None and b is not topic
                and b.conjunct and topic.conjunct and topic in f.args and b.end <= at for x in b.actors]
        named = next((m for m in sent.mentions if m.end <= frames[0].start and m.actor.type == "Person"
                      and TOPIC_AFTER.match(sent.text, m.end) and not sent.in_quote(m.start)), None)
        agent = next((m for m in reversed(sent.mentions) if m.end <= at and m.actor.type == "Person"
                      and AGENT_AFTER.match(sent.text, m.end) and not sent.in_quote(m.start)), None)
        if agent is not None and scene is None and (topic is None or topic.end <= agent.start):
            carried = [agent.actor]  # 7月14日、X外務次官が訪朝し、Yと会談。: the subject the parse left unattached
        elif topic is not None:  # the sentence's own topic, a person, state or body (アメリカは、…会議で…示す)
            carried = [x for x in (*(topic.actors or _named(sent, topic, lex) or _society(topic, lex)), *also)
                       if x.type in ("Person", "State", "Organization", "Actor")]
        elif named is not None:  # 岸田文雄内閣総理大臣は、…と会談を行った: the parse made the title a predicate
            carried = [named.actor]
        elif lost := _lost_topic(sent, min(at, scene[0]) if scene is not None else at, lex):
            carried = lost  # 毎日新聞によると相撲協会は9月8日に委員会を開催し: a topic the parse hung on nothing
        else:  # not for a meeting that is only the scene (…の会議で意見が交わされた): its people are not named
            carried = [x for x in sent.context.topic if x.type == "Person"] if carry else []
        out = carried + out
    return out


def _lost_topic(sent: Sentence, at: int, lex: Lexicon) -> list[ActorRef]:
    """The actor a sentence opens with, marked with は, when the parse made it no argument of any predicate
    (…によると相撲協会は9月8日に…を開催し, 日本陸上競技連盟(陸連)は5日、…): a known actor, or a body no
    gazetteer knows that its name's ending describes."""
    for m in LOST_TOPIC.finditer(sent.text, 0, at):
        s, e = m.span(1)
        if sent.in_quote(s) or any(a.start <= s < a.end for f in sent.analysis.frames for a in f.args):
            continue
        known = [x.actor for x in sent.mentions if s <= x.start and x.end <= m.end(2) and x.kind != "anaphor"
                 and x.actor.type in ("Person", "State", "Organization")]
        if known:
            return known[:1]
        name = m.group(1)
        if BODY_END.search(name) and not name.startswith(("同", "両", "各", "この", "その")) and not lex.is_media(name):
            return [described_actor(name, lex)]
    return []


# a は-phrase at the start of the sentence or of a clause after a comma or a source (…によると相撲協会は)
LOST_TOPIC = re.compile(r"(?:^|(?<=[、,，])|(?<=によると)|(?<=によれば))([^ぁ-ん、。,，「」()（）\s]{2,20}?)"
                        r"((?:\([^()]{0,12}\)|（[^（）]{0,12}）)?)は(?![ぁ-ん])")


def _described_body(a: Arg) -> bool:
    """A topic no gazetteer knows that names a body by its ending (日本ボート協会は, 北海道は, 主催者の浅草神社奉賛会は:
    the body a role description before の qualifies)."""
    head = _body_head(a.text)
    return not a.qualifiers and bool(BODY_END.search(head) or SOCIETY_END.search(head)) \
        and bool(BARE_NAME.fullmatch(head)) and not head.startswith(("同", "両", "各", "この", "その"))


def _body_head(text: str) -> str:
    """The head of a described body's phrase: the part after a role description (主催者の|X奉賛会)."""
    head = text.split("の")[-1]
    return head if len(head) >= 3 else text


def _society(a: Arg, lex: Lexicon) -> list[ActorRef]:
    """A topic that names a body …会 no gazetteer knows (主催者の浅草神社奉賛会は → 浅草神社奉賛会)."""
    head = _body_head(a.text)
    return [ActorRef(head, head, "Organization")] if _described_body(a) and SOCIETY_END.search(head) else []


# a body named …会 (奉賛会, 後援会, 商工会): not every …会, which is as often a meeting (総会, 役員会)
SOCIETY_END = re.compile(r"(?:奉賛|後援|保存|振興|研究|商工|医師|弁護士|育英|町内|自治|県人|同窓|保護者|遺族|家族)会$")


INVITE = {"招く", "招待", "迎える"}
HEAD_AFTER = re.compile(r"[^ぁ-ん、。,，「」]{0,8}?[はが]")
TOPIC_AFTER = re.compile(r"[^ぁ-ん、。,，「」]{0,8}?は[、,，]")
AGENT_AFTER = re.compile(r"[^ぁ-ん、。,，「」]{0,8}?が(?![ぁ-ん])")


def _speakers(sent: Sentence, s: int, e: int, lex: Lexicon) -> list[ActorRef]:
    """The actors who speak or act at a meeting that is the scene of the sentence (閣議で、内相は…と述べた; 委員会で、A
    議員が質問したのに対し、B大臣は…と答弁した): the subjects of the clauses after it — not one that reports the
    meeting's clause (Xは、…会談で…と発表した), nor a subject inside what someone says."""
    at = SCENE_PARTICLE.match(sent.text, e)
    frames = sent.analysis.frames
    if at is None or any(f.start == at.end() and f.dep == "acl" for f in frames):
        return []  # 10日の会議で決まった方針: the phrase belongs to a clause that qualifies a noun

    def reported(x: int, f: Frame) -> bool:  # inside what another predicate says or reports
        return any(c.start <= x < c.end for g in frames if g is not f for c in g.complements)

    out: list[ActorRef] = []
    for a in _swallowed(sent, s, e)[1:]:  # インドネシアのX内相は: the person, though no gazetteer knows X
        described = described_actor(a.text.split("の")[-1], lex)
        office = NAME_OFFICE.fullmatch(described.text)
        if office is not None and described.type != "Person":  # スミト内相: a name and an office
            described = ActorRef(described.text, office.group(1), "Person")
        out += [described] if described.type == "Person" and not any(x.type == "Person" for x in a.actors) else [
            x for x in _named(sent, a, lex) if x.type in ("Person", "State", "Organization")]
    for f in frames:
        if f.in_quote or f.start < e or any(c.start <= s < c.end for c in f.complements) or reported(f.start, f):
            continue  # Xは、…会談で…と発表した: X reports the meeting, it does not speak at it
        if not (f.complements or f.lemma in lex.reporting or f.lemma in SPEECH):
            continue  # 会合で、…レッズが優勝していた…ガンバ大阪が出場権を得る: what happened, not who spoke there
        for a in f.role(*SUBJECT_ROLES):
            if not sent.in_quote(a.start) and not reported(a.start, f):
                out += [x for x in _named(sent, a, lex) if x.type in ("Person", "State", "Organization")]
    for m in sent.mentions:  # 委員会で、B幹事長は「…」と述べた, where the parse lost the topic; A議員の質問に答えた
        if m.start >= e and m.actor.type in ("Person", "State", "Organization") and not sent.in_quote(m.start) \
                and (SPEAKER_AFTER.match(sent.text, m.end) or ASKER_AFTER.match(sent.text, m.end)) \
                and not any(c.start <= m.start < c.end for g in frames for c in g.complements):
            out += list(m.actors)
    return out


SPEECH = {"質問", "答弁", "答える", "発言", "説明", "演説", "報告", "提案", "提起", "質す", "問う", "追及", "反論",
          "反対", "賛成", "投票", "棄権"}  # and who votes at a sitting
ASKER_AFTER = re.compile(r"[^ぁ-ん、。,，「」]{0,8}?の(?:質問|問い|質疑|追及)")
SPEAKER_AFTER = re.compile(r"[^ぁ-ん、。,，「」]{0,8}?(?:は|が)[、,，]?(?:[^、。]{0,30}[、,，])?「")


SCENE_PARTICLE = re.compile(r"[」』]?(?:で|では|でも|にて|において|における|の席上|の席で|の場で)[、,，]?(?![ぁ-ん])")


NAME_OFFICE = re.compile(r"([ァ-ヶー・]{2,})(?:[一-龥]{0,4}(?:相|長官|大臣|大統領|首相|長|官|大使|特使))")


def _swallowed(sent: Sentence, s: int, e: int) -> tuple:
    """(the reporting frame, its speaker) when the parse put a meeting phrase that opens the sentence into the
    clause a verb reports, with the speaker after it (9日の閣議でX内相は、…強化すると述べた: the clause is …強化する,
    the meeting is the scene of the saying, X speaks at it); () otherwise."""
    frames = sent.analysis.frames
    for g in frames:
        if g.in_quote:
            continue
        for c in g.complements:
            if not c.start <= s < c.end:
                continue
            topic = next((a for f in frames if not f.in_quote and c.start <= f.start < c.end for a in f.role("topic")
                          if a.case[:1] == "は" and e <= a.start and a.end < c.end and not sent.in_quote(a.start)
                          and (a.actors or a.qualifiers)), None)
            if topic is not None:
                return g, topic
    return ()


def _phrase_parties(sent: Sentence, arg: Arg, resolver: ActorResolver, lex: Lexicon) -> list[ActorRef]:
    """日米首脳会談 → 日本, アメリカ; Xとの会談 → X (a qualifier that names a partner)."""
    out: list[ActorRef] = []
    text = sent.text
    own = _own_conjunct(arg, lex)  # 10日の米ロの対話、13日のOSCEの会合: the parties of the last item only
    phrase = text[own : arg.end]
    m = PAIR.search(phrase)
    if m and phrase.endswith(tuple(n for n, _ in lex.meeting_nouns)):
        out += _pair(lex, phrase, m.start())
    for x in sent.mentions:
        if own <= x.start and x.end <= arg.end and WITH_AFTER.match(text, x.end):
            out += list(x.actors)
        elif own <= x.start and x.end <= arg.end and x.actor.type == "Organization" \
                and OWNER_AFTER.fullmatch(text, x.end, arg.end):
            out.append(x.actor)  # 自民党の役員会, 欧州安保協力機構(OSCE)の会合, NATO首脳会議: the body that sits
        elif (own <= x.start or x.end <= arg.start) and x.end <= arg.end and (
                (conj := AND_AFTER.match(text, x.end)) is not None
                and any(y.start == conj.end() and own <= y.start and OF_BEFORE.fullmatch(text, y.end, arg.end)
                        for y in sent.mentions)):  # A外相とB国務長官の電話会談 (the parse may split it at と): both
            out += list(x.actors) + [a for y in sent.mentions if y.start == conj.end() for a in y.actors]
        elif x.end <= arg.start and PARTNER_BEFORE.fullmatch(text, x.end, arg.start):
            out += list(x.actors)  # ドナルド・トランプ米国大統領(The Honorable …)と電話会談を行った
    for x in sent.mentions:  # 日本政府の閣議, ニジェール内閣の閣議: the government of the state sits
        if own <= x.start and x.end <= arg.end and x.actor.type == "State" \
                and CABINET_OF.fullmatch(text, x.end, arg.end):
            out.append(x.actor)
    if not any(x.type == "Organization" for x in out):
        out += _owner(sent, own, arg.end, lex)
    return out


# 北大西洋条約機構(NATO)との協議, A長官と、B外相による会談, A・B両氏の間の協議
WITH_AFTER = re.compile(r"[^ぁ-ん、。,，()（）]{0,8}?(?:\([^()]{0,20}\)|（[^（）]{0,20}）)?"
                        r"(?:との|と、|による|の間の|間の)")
CABINET_OF = re.compile(r"(?:政府|内閣)?の?(?:臨時|緊急|定例)?閣議")
AND_AFTER = re.compile(r"[^ぁ-ん、。,，()（）]{0,6}?と")
OF_BEFORE = re.compile(r"[^ぁ-ん、。,，]{0,8}?の[^ぁ-ん、。,，]{1,12}")
OWNER_AFTER = re.compile(r"(?:\([^()]{0,20}\)|（[^（）]{0,20}）)?の?[^ぁ-ん、,，]{1,12}")
PARTNER_BEFORE = re.compile(r"[^ぁ-ん、,，。]{0,8}?(?:\([^()]{0,120}\)|（[^（）]{0,120}）)?(?:と|との間で)[、,，]?"
                            r"(?:[^ぁ-ん、,，。]{0,12})?")


def _from_verb(para: Paragraph, sent: Sentence, frame: Frame, lex: Lexicon, resolver: ActorResolver) -> Meeting:
    frames = _chain(sent, frame)
    date = _date(sent, frames, at=frame.start)
    if frame.dep == "acl" and not frame.role(*SUBJECT_ROLES):  # Yと対談したX大将は: the noun it qualifies met
        at = RELATIVE_END.match(sent.text, frame.end).end()
        head = [m for m in sent.mentions if at <= m.start <= at + 1 and m.actor.type in ("Person", "State",
                                                                                            "Organization")
                and sent.text[:at].endswith(("た", "る")) and HEAD_AFTER.match(sent.text, m.end)][:1]
        people = [m.actor for m in head] + [x for x in _participants(sent, frames, lex, carry=False) if head]
        people = people or _participants(sent, frames, lex)
    else:
        people = _participants(sent, frames, lex)
    compound = COMPOUND_BEFORE.search(sent.text, 0, frame.start)  # …と日米首脳会談。: the verbal noun's compound
    if compound is not None and compound.end() == frame.start and (m := PAIR.search(compound.group())):
        pair = _pair(lex, sent.text, compound.start() + m.start())
        if len({x.label for x in people if x.type == "Person"}) < 2:
            people += pair
    label = frame.lemma if KANJI_NOUN.fullmatch(frame.lemma) else "面会"  # 会談した → 会談, 会った → 面会
    if compound is not None and compound.end() == frame.start and sent.text.startswith(frame.lemma, frame.start):
        label = DATE_HEAD.sub("", compound.group()) + label  # 日米首脳|会談; 19日|会談 is 会談
    return _meeting(para, sent, label, frames, people, date, _kind(sent.text[max(0, frame.start - 8) : frame.end],
                                                                   lex, frame.lemma))


DATE_HEAD = re.compile(r"^.*[0-9０-９]+[日月年](?:[午前後]+)?")
COMPOUND_BEFORE = re.compile(r"[^ぁ-ん、。,，「」()（）\s]{2,12}$")


def _from_noun(para: Paragraph, sent: Sentence, frame: Frame, arg: Arg, noun: str, lex: Lexicon,
               resolver: ActorResolver) -> Meeting:
    held = frame.lemma in HOLD | ATTEND | SCHEDULE and arg.role in ("object", "subject", "topic", "dative")
    frames = _chain(sent, frame)
    parties = _phrase_parties(sent, arg, resolver, lex)
    scene_case = arg.case in ("において", "にて", "の席で", "の場で")  # 審査室会議において…発表した
    if held or arg.role in ("place", "setting", "time") or scene_case:  # 会談を行った / 会談で…確認した: the
        # clause's subject met
        people = [x for x in _participants(sent, frames, lex, carry=held, scene=None if held else (arg.start, arg.end))
                  if x not in arg.actors]
        if not held:  # 閣議で、内相は…と述べた: who speaks at the meeting takes part in it
            people += [x for x in _speakers(sent, arg.start, arg.end, lex) if x not in arg.actors]
    else:
        people = []
    where = [f for f in sent.analysis.frames if f.dep == "acl" and f.lemma in HOLD and not held
             and arg.start <= f.start and _noun_at(sent.text, RELATIVE_END.match(sent.text, f.end).end(), lex)
             and RELATIVE_END.match(sent.text, f.end).end() < arg.end][-1:]  # Xは…チューリッヒで開催した理事会で
    for f in where:  # Xが27日行った協議で…: who held the meeting in the relative clause sits in it
        if f.voice == "active":
            people += [x for a in f.role(*SUBJECT_ROLES) if not sent.in_quote(a.start) for x in _named(sent, a, lex)
                       if x.type in ("Person", "State", "Organization")]
    if len({x.label for x in (*parties, *people) if x.type == "Person"}) >= 2:  # 日米外相会談 of A and B: not 日本
        pair = {x.label for x in _pair(lex, arg.text, m.start())} if (m := PAIR.search(arg.text)) else set()
        parties = [x for x in parties if x.label not in pair]
    purpose = frame.lemma in ATTEND and PURPOSE.match(sent.text, frame.end)  # …会合に出席するため来日中の
    if purpose and not people:  # 首脳会議に出席するため訪米中の岸田首相は: the one on the trip attends
        people = [m.actor for m in sent.mentions if m.actor.type == "Person" and frame.end < m.start
                  and ON_TRIP.fullmatch(sent.text, frame.end, m.start)][:1]
    date = _date(sent, frames if held and not purpose else [], (_own_conjunct(arg, lex), arg.end), arg.start)
    label = _label(arg.text)
    kind = _kind(sent.text[max(0, arg.start - 6) : max(arg.end, frame.end if held else 0)], lex, noun)
    people += _sitting_body(label, noun, lex)
    told = "Held" if HELD_REL.search(arg.text) else "Planned" if PLANNED_REL.search(arg.text) else None
    if frame.lemma in SCHEDULE:  # 予定されていた会談 / 会談は延期された / 会議が中止された: not held
        told = "Postponed" if any(w in sent.text for w in ("延期", "中止", "見送")) else "Planned"
    if not held and told is None:  # the scene of a clause: the sentence's own tense (…委員会で…戻すという考えを示した)
        root = frame if frame.dep != "acl" else next(
            (g for g in sent.analysis.frames if g is not frame and not g.in_quote  # …との協議で解散する事を決めた
             and any(a.start <= frame.start < a.end for a in g.args)),
            next((f for f in sent.analysis.frames if f.dep == "ROOT" and not f.in_quote), frame))
        swallowed = _swallowed(sent, arg.start, arg.end)
        root = swallowed[0] if swallowed else root  # 閣議でX内相は…強化すると述べた: the saying's tense
        if root.dep == "dep" and connective(sent.text, root):  # …本会議で採決が行われ、…可決、成立した, where the
            # parse left the continuative loose: the tense of the clause the sentence ends in
            root = next((g for g in reversed(sent.analysis.frames) if g.dep == "ROOT" and not g.in_quote
                         and g.start > root.start), root)
        told = "Held" if _past(sent, root) else "Planned" if root.dep != "ROOT" and not root.in_quote else None
        if frame.dep == "acl" and frame.tense == "past" and not _before_future(sent, frame):
            told = "Held"  # 3月15日の総会で採択された決議に基づき…: what was done at it is done
        if PLANNED_BEFORE.search(sent.text, 0, frame.start):  # 6日の理事会で…決定する見通しとなった
            told = "Planned"
    m = _meeting(para, sent, label, frames if held else [frame], parties + people, date, kind, held=held,
                 status=told, where=where)
    at = AT_PLACE.search(sent.text, _own_conjunct(arg, lex), arg.end)
    if m.place is None and at is not None and not at.group(1).endswith(NOT_PLACES) \
            and not OFFICE_HEAD.search(at.group(1)):  # ドイツでの独仏首脳会談, ジュネーブでの協議
        m = replace(m, place=at.group(1))
    return m


AT_PLACE = re.compile(r"([^ぁ-ん、。,，「」()（）\s0-9０-９]{2,12})(?:で|において)の(?=[^ぁ-ん、。,，]{2,16}$)")


PLANNED_BEFORE = re.compile(r"[うくすつぬぶむるぐ](?:見通し|予定|方針|見込み|計画)(?:と|に)$")
ON_TRIP = re.compile(r"(?:する|している)?ために?[^。「」]{0,30}?中の")
PURPOSE = re.compile(r"(?:する|している)?ため")
# the phrase says the meeting was held or is to be: 11月28日に行われた委員会で / 15日から始まる首脳会議
HELD_REL = re.compile(r"(?:開かれ|行われ|開催され|行っ|開い|開催し)た")
PLANNED_REL = re.compile(r"(?:始まる|開かれる|行われる|開催される|予定の|予定されている|今後の|来週の|来月の|次回の)")


def _sitting_body(label: str, noun: str, lex: Lexicon) -> list[ActorRef]:
    """A named body's sitting (衆議院外務委員会, 県議会6月定例会, 国連総会): the body it belongs to takes part in it
    (衆議院, 鳥取県議会, 国際連合) — never the sitting's own name, which is the meeting, not one who meets; a
    committee the text names without its house (実行委員会, 常任委員会) has no party here."""
    strict = noun in lex.session_nouns and noun not in dict(lex.v1_meeting_nouns)
    house = HOUSE.match(label)  # 参議院本会議, 鳥取県議会9月定例会: the house sits
    if house:
        return [ActorRef(house.group(1), house.group(1), "Organization")]
    if strict and len(label) > len(noun) + 2:
        parent = _parent_body(label[: -len(noun)], lex)
        return [parent] if parent is not None else []
    return []


def _parent_body(head: str, lex: Lexicon) -> ActorRef | None:
    """The longest start of a sitting's name that names a body: 衆議院|・財務金融, 鳥取県議会|企画土木常任, 国際連合|
    エイズ特別 — a known organisation or a name ending like a house, a party or an association."""
    head = head.rstrip("・ ")
    for end in range(len(head), 1, -1):
        part = head[:end].rstrip("・ ")
        entry = lex.lookup(part)
        if entry is not None and entry.type == "Organization":
            return ActorRef(part, entry.canonical, entry.type, entry.wikidata)
        if BODY_NAME.fullmatch(part):
            return ActorRef(part, part, "Organization")
    return None


BODY_NAME = re.compile(r"[^ぁ-ん、。・]{0,10}(?:議会|議院|参院|衆院|党|協会|連盟|機構|連合|組合|学会)")


HOUSE = re.compile(r"([^ぁ-ん、。・]{0,8}(?:議会|議院|参院|衆院|院))[0-9０-９一二三四五六七八九十]*月?"
                   r"(?:本会議|定例会|臨時会|定例議会)$")


def _owner(sent: Sentence, s: int, e: int, lex: Lexicon | None = None) -> list[ActorRef]:
    """日本サッカー協会の会合, JOCの理事会, 町村派の臨時総会: the body a meeting is of, as the text describes it when
    no gazetteer knows it (a description before ・ dropped: 社会人プロサッカー・Jリーグ → Jリーグ)."""
    s = max([s, *(i + 1 for i in range(s, e) if sent.text[i] in "、,，")])  # not a source or list before it:
    # 日刊スポーツによると、10月17日に行われたJリーグの理事会
    m = OWNER.match(sent.text, s, e)
    if m is None or any(s <= x.start < m.end(1) and x.actor.type == "Organization" for x in sent.mentions):
        return []
    name = m.group(1).split("・")[-1] if len(m.group(1).split("・")[-1]) >= 2 else m.group(1)
    entry = lex.lookup(name) if lex is not None else None
    if entry is not None and entry.type == "Organization":
        return [ActorRef(name, entry.canonical, entry.type, entry.wikidata)]
    return [ActorRef(name, name, "Organization")]


# the phrase may open with the clause that holds or schedules the meeting (3月18日に予定されるJOCの理事会); the body
# ends like one (協会, 党, 派, リーグ) or is a Latin abbreviation (JOC, FIFA)
OWNER = re.compile(r"(?:[^の、。]*?[にで](?:行っ|行われ|開かれ|開い|開催され|開催し|予定され)(?:た|る|ている|ていた))?"
                   r"([^ぁ-ん、。,，「」]{2,20}?(?:協会|連盟|組合|機構|連合|財団|学会|党|社|派|リーグ)|[A-Z]{2,6})の")


def _own_conjunct(arg: Arg, lex: Lexicon) -> int:
    """Where the last item of a coordinated phrase starts: 23日の実行委員会と24日のオーナー会議 → 24日の…."""
    nouns = tuple(n for n, _ in lex.meeting_nouns)  # an item ends on a meeting noun, not A長官と、B外相による会談
    cut = [m.end() for m in CONJUNCTION.finditer(arg.text) if arg.text[: m.start()].rstrip("」』)）").endswith(nouns)]
    return arg.start + (cut[-1] if cut else 0)


CONJUNCTION = re.compile(r"と(?![のはもい])|[、,，]")


def _label(text: str) -> str:
    """The meeting's name without the clause or the owner before it: 自民党の役員会 → 役員会, 11月28日に行われた県議会
    委員会 → 県議会委員会, バーチャルな首脳会談 → 首脳会談."""
    text = BRACKET_TAIL.sub("", text).lstrip("「『")  # 「第31回委員会」(第二回) → 第31回委員会
    out = re.split(r"[ぁ-ん、,，]+", text.split("の")[-1] if "の" in text else text)[-1] or text
    out = SOMEDAY_HEAD.sub("", out) or out  # 今後臨時株主総会 → 臨時株主総会 (an adverb the noun run took in)
    kana = re.search(r"[一-龥ァ-ヶ]+[ぁ-ん][一-龥]+$", text)  # 立ち話, 話し合い: a noun written with kana inside
    return kana.group() if kana and len(kana.group()) <= 4 and len(out) < 2 else out


SOMEDAY_HEAD = re.compile(r"^(?:今後|将来|いずれ|別途)(?=[一-龥ァ-ヶ]{2,})")
BRACKET_TAIL = re.compile(r"[」』](?:\([^()]{0,10}\)|（[^（）]{0,10}）)?$")


def _meeting(para: Paragraph, sent: Sentence, label: str, frames: list[Frame], people: list[ActorRef],
             date: DateMention | None, kind: str, *, held: bool = True, status: str | None = None,
             where: list[Frame] = ()) -> Meeting:
    status = status or (_status(frames, sent) if frames else "Held")
    place = _place(sent, frames) if held else _place(sent, list(where)) if where else None
    seen: dict[str, ActorRef] = {}
    placed = {m.actor.label for m in sent.mentions if m.actor.type == "State" and PLACE_AFTER.match(sent.text, m.end)}
    placed |= {m.actor.label for m in sent.mentions if SOURCE_AFTER.match(sent.text, m.end)}  # 外務省によると
    placed -= {m.actor.label for m in sent.mentions if PARTY_AFTER.match(sent.text, m.end)}
    for p in people:
        if p.type in ("Person", "State", "Organization", "Actor") and p.label != place and p.label not in placed:
            seen.setdefault(p.label, p)
    if status == "Postponed" or date is not None and any(w in sent.text[max(0, date.end - 1) : date.end + 12]
                                                         for w in SOON[:3]):
        date = None
    start = para.offset + sent.start
    return Meeting(
        label=label.strip("「」『』 、,"),
        evidence=Evidence(sent.text, start, start + len(sent.text), RULE),
        date=date.date if date else None,
        date_text=date.text if date else None,
        participants=tuple(seen.values()),
        place=place,
        kind=kind,
        status=status,
        confidence=_confidence(date, tuple(seen.values())),
    )


def _confidence(date: DateMention | None, participants: tuple[ActorRef, ...]) -> float:
    """Dated with a party: 0.75; dated: 0.6; else 0.45 — however the date was found (its clause, the scene
    the sentence opens with, the paragraph's last date)."""
    return 0.75 if date and date.date and participants else 0.6 if date and date.date else 0.45


# マルタで行われた首脳会談, スイス・ジュネーブで開かれた会議: a state named as the place takes no part in it
PLACE_AFTER = re.compile(r"(?:・[^、。,，ぁ-ん]{1,12})?(?:で|にて)(?![はものき])")
SOURCE_AFTER = re.compile(r"(?:\([^()]{0,20}\)|（[^（）]{0,20}）)?(?:によると|によれば|の発表では)")
PARTY_AFTER = re.compile(r"(?:[はがと](?![ぁ-ん])|との|とは|側)")


def coalesce(found: list[Meeting]) -> list[Meeting]:
    """One node per event (see ``_coalesce``); a mention left with neither a date nor a party names no event
    (今後の協議で決定, 数回にわたって会談をしており), and one with no party is less sure to be the event the text
    reports (a body's sitting with nobody named, a noun of talks in passing): its confidence stays low."""
    return [m if m.participants else replace(m, confidence=min(m.confidence, NO_PARTY)) for m in _coalesce(found)
            if (m.date_text or m.participants or m.status == "Postponed") and not _someday(m)]


def _someday(m: Meeting) -> bool:
    """今後の協議で決定, 次回の会合で: talks to come some day, no event, unless the text dates them."""
    if m.date_text is not None:
        return False
    if re.search(r"(?:今後|将来|次回|いずれ|別途)の?" + re.escape(m.label), m.evidence.sentence):
        return True
    at = m.evidence.sentence.find(m.label)  # 今後はA社と取り扱いを協議する: talks some day, with nothing to date
    return m.status == "Planned" and m.place is None and at > 0 and bool(SOMEDAY.search(m.evidence.sentence, 0, at))


SOMEDAY = re.compile(r"(?:^|[、,，])(?:今後|将来|いずれ|別途)(?:は|も)?[、,，]?")


def _coalesce(found: list[Meeting]) -> list[Meeting]:
    """One node per event within a document: a mention with the date of an earlier one (or no date) whose
    participants agree with it (one holds the other's, or either names none) is the same meeting — 同会談, 会談は,
    the readout's second mention; the first keeps every participant and the date either gives."""
    out: list[Meeting] = []
    for m in found:
        same = next((i for i, o in enumerate(out) if _same_event(o, m)), None)
        if same is None:
            out.append(m)
            continue
        o = out[same]
        people = {p.label: p for p in (*o.participants, *m.participants)}
        status = "Held" if "Held" in (o.status, m.status) else o.status
        out[same] = Meeting(o.label, o.evidence, o.date or m.date, o.date_text or m.date_text,
                            tuple(people.values()), o.place or m.place, o.kind, status,
                            max(o.confidence, m.confidence))
    return out


def _same_event(a: Meeting, b: Meeting) -> bool:
    if a.date and b.date and a.date != b.date:
        return False
    if a.label == b.label and len(a.label) >= 3 and a.kind == b.kind == "Multilateral" and (
            a.status == b.status or {a.status, b.status} == {"Planned", "Held"}):
        return True  # 2日に臨時理事会を開催し…。同日の臨時理事会では、理事長が…: one sitting, whoever each names
    if (a.kind != b.kind or a.kind == "Multilateral") and not (a.label.endswith(b.label) or b.label.endswith(a.label)):
        return False  # 28日の閣議 and the talks of May it recalls (…大統領と会談した際に), a board and a cabinet
        # sitting the same day: two events
    if a.status != b.status and not (a.label == b.label and len(a.label) >= 3 and {a.status, b.status} ==
                                      {"Planned", "Held"} and (a.date is None or b.date is None or a.date == b.date)):
        return False  # 緊急理事会を開くと発表した。…緊急理事会が開かれた: the meeting announced is the one held
    pa, pb = {p.label for p in a.participants}, {p.label for p in b.participants}
    if pa and pb and not (pa <= pb or pb <= pa):
        return False
    if not (a.date and b.date) and pa and pb and pa != pb:
        return False
    if len(pa) >= 2 and len(pb) >= 2 and pa != pb:
        return False  # A met B, then A met B and C: two talks that day
    if not (a.date and b.date):  # an undated mention joins only when it names nobody new (同会談, 会談では)
        return not pb or not pa or pa == pb
    return a.kind == b.kind or not (pa and pb)


def merge(frames: list[Meeting], legacy: list[Meeting], published: dt.date | None = None,
          ahead: bool = True) -> list[Meeting]:
    """The frame meetings, and the dated (or postponed) v1 ones of a sentence where the frames found no meeting of
    that date: a dated v1 meeting replaces an undated frame one of its sentence (the v1 rule dates by nearness). An
    undated v1 meeting is left out: on open text it is mostly a noun that names no event (…会議を設置, 協議の場)."""
    out = list(frames)
    legacy = [m for m in legacy if not (m.date_text and DEADLINE.match(m.evidence.sentence,
                                                                      m.evidence.sentence.find(m.date_text)
                                                                      + len(m.date_text)))]
    for m in legacy:
        same = [i for i, f in enumerate(out) if f.evidence.start == m.evidence.start and f.evidence.rule == RULE]
        if any(out[i].date == m.date for i in same):
            continue
        undated = [i for i in same if out[i].date is None and m.date is not None]
        if undated:
            f = out[undated[0]]  # the grammar's parties, else the nearby actors the v1 rule reads
            same_kind = f.status == m.status and f.participants  # the same talk: the frame's parties
            people = {p.label: p for p in (f.participants if same_kind else (*f.participants, *m.participants))}
            out[undated[0]] = Meeting(m.label, m.evidence, m.date, m.date_text, tuple(people.values()),
                                      f.place or m.place, m.kind, m.status, m.confidence)
            continue
        if m.date is not None or m.status == "Postponed":  # an undated v1 meeting is mostly a noun that names
            # no event (…会議を設置, 協議の場)
            out.append(m)
    moved: dict[dt.date, dt.date] = {}
    done = []
    for m in out:
        if REFERENCE_LINE.match(m.evidence.sentence):
            continue
        if m.date_text in ("同日", "同") and m.date in moved:  # 4日に理事会を開いた。同日の緊急理事会では: the day
            # the one before was moved to
            m = replace(m, date=moved[m.date])
        d = dated(m, published, ahead)
        if d.date != m.date and m.date is not None and d.date is not None:
            moved[m.date] = d.date
        done.append(_tidy(d))
    return done


def _tidy(m: Meeting) -> Meeting:
    """Parties that name no one who meets are dropped (see ``_not_a_party``)."""
    parties = tuple(p for p in m.participants if not _not_a_party(p, m))
    return replace(m, participants=parties) if parties != m.participants else m


NO_PARTY = 0.5


def _not_a_party(p: ActorRef, m: Meeting) -> bool:
    """The meeting's own name (衆議院法務委員会 for 衆議院法務委員会 or 法務委員会), its place, a date glued to a name
    (17日両党), a piece of a clause (最終的に開催都市), or a 両国/両党 left unresolved."""
    names = {p.label, p.text}
    label = m.label
    if label in names or m.place is not None and m.place in names and not (p.type == "State" and p.text in label):
        return True  # but ドイツでの独仏首脳会談: Germany meets where it is
    if p.type == "Person":
        return False
    if len(p.label) == 1 and p.label == p.text:  # 市は, 党は: a bare noun, no one named
        return True
    if any(n.endswith(label) and len(label) >= 2 for n in names) and label.endswith(MEETING_ENDS):
        return True
    return any(GLUED_DATE.search(n) or CLAUSE_PIECE.search(n) or UNRESOLVED_PAIR.fullmatch(n) for n in names)


MEETING_ENDS = ("会議", "会談", "会合", "総会", "委員会", "理事会", "協議", "本会議", "定例会", "サミット", "閣議")
GLUED_DATE = re.compile(r"[0-9０-９一二三四五六七八九十]+[日月]")
CLAUSE_PIECE = re.compile(r"[一-龥ァ-ヶ](?:的に|に|を|が|で)[一-龥ァ-ヶ]")
UNRESOLVED_PAIR = re.compile(r"両[一-龥]{1,3}")


# 『小泉元首相が…後援会の会合で表明』。 / 2006年4月:ネパール国王が…: the title of a cited article or an item of a
# list of related news, not a report of the meeting; 特集:X すべての記事 …: a box of related headlines run together
# (…2回目の連立協議—課題は…結論は10日の会談へ持ち越し…), glued to the sentence after it
REFERENCE_LINE = re.compile(r"\s*(?:『[^』]*』[。、]?\s*$"
                            r"|[0-9０-９]{4}年(?:[0-9０-９]{1,2}月)?(?:[0-9０-９]{1,2}日)?\s*[:：]"
                            r"|特集\s*[:：][^。]{0,60}すべての記事)")
