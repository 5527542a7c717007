"""actor –demands→ measure (–addressee→ actor), read from predicate–argument frames (kg.analysis).

A frame demands when its lemma is a demand cue (kg/resources/demand_cues.txt: 求める, 要求, 要請, 迫る …, in any
form: 求めました, 求めます, 要請する) and it is not negated. Rule ``demands.v2``:
- active (XはYに…よう求めた): demander = topic/subject (or the から-argument of a readout: X大臣から…求めました,
  or the subject of the predicate it is embedded in: Xは…を要請することを発表した); addressee = the に対し/に/へ
  argument, else the actor that must act inside the よう-clause (Yが…するよう), else the actor of Yによる in the
  measure (イスラエルによる自制);
- passive (AはBから…よう求められた): demander = the から/に/によって argument, addressee = the subject;
- measure = the よう-clause, the ことを-clause or the を-object; coordinated objects (AとB, AやB) each a measure;
- a cue marked ``clause`` (促す, 呼びかける) demands only with a clause (注意を呼びかけた is a warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.analysis.discourse import SUBJECT_ROLES
from kg.analysis.frames import Arg, Frame, SentenceFrames
from kg.extract.context import Paragraph, Sentence
from kg.extract.demands import NEVER, QUOTED_SPEECH, REASON, STANCE, TAIL, conditional, split_both
from kg.extract.said import described_actor, describes_actor, leading_topic, own_unnamed_subject
from kg.lexicon import Lexicon
from kg.model import ActorRef, Demand, Evidence

RULE = "demands.v2"
NOT_MEASURES = ("書簡", "文書", "回答書", "声明", "こと", "もの", "これ", "それ", "同様", "ため",
                "意見", "見解", "感想", "助言")  # 意見を求める consults, it does not demand
LEAD = re.compile(r"^(?:[^、「」]{1,20}?に対し(?:て)?、)")
BY = re.compile(r"^(?P<who>[^、のがはを]{1,15}?)(?:による|によって|から)")


DEMAND_NOUNS = {"要請", "要求", "申し入れ", "要望", "申し入れる"}
# 情報提供の要請(等): what a demand noun names
OWNED_DEMAND = re.compile(r"(?P<what>[^、,，「」はが]{1,20}[一-龥ァ-ヶー])の(?:要請|要求|要望|申し入れ)(?:等|など)?")
LIGHT = {"ある", "行う", "行なう", "出す", "示す", "伝える", "表明", "突きつける", "提示", "繰り返す"}
REPLY = re.compile(r"^(?:これに対し(?:て)?|これを受け(?:て)?)[、,，]?")


def demands(para: Paragraph, lex: Lexicon) -> Iterator[Demand]:
    for sent in _viewed(para, list(map(_prepared, para.sentences))):
        for frame in sent.analysis.frames:
            if _is_demand(frame, lex):
                yield from _frame_demands(para, sent, frame, lex)
            elif frame.lemma in LIGHT and not frame.negated and (DEMAND_NOUNS & set(frame.nouns) or any(
                    OWNED_DEMAND.fullmatch(a.text) for a in frame.role("subject", "object"))):
                yield from _noun_demands(para, sent, frame, lex)


# topics that are discourse adverbs, not subjects (要は…と迫っている, 実は…)
ADVERB_TOPICS = {"要", "実", "結局", "今回", "今度", "この点", "その点"}


def _prepared(sent: Sentence) -> Sentence:
    """The sentence with the actors a quote names put on the arguments of its frames (the analysis leaves them
    out, for a quote's speaker is outside it: 「バイデン大統領はロシアに対し、…よう要請した」と述べた asks
    ロシア, and バイデン asks it), and without the topics that are adverbs (要は) and the を-phrases that are no
    object (国連を通じて, Xを相手に: the channel and the one sued, never what is asked)."""
    frames = []
    for f in sent.analysis.frames:
        args = tuple(replace(a, role="means") if _not_object(sent, a) else a for a in f.args
                     if not (a.role == "topic" and a.text in ADVERB_TOPICS))
        if f.in_quote:
            args = tuple(a if a.actors else replace(a, actors=_inside(sent, a)) for a in args)
        frames.append(replace(f, args=args) if args != f.args else f)
    frames = [_chained(sent, f, frames) for f in frames]
    return replace(sent, analysis=SentenceFrames(tuple(frames)))


# how a predicate that can modify a noun ends: a plain form (求める, 求めた, 求めている, 求めない)
ATTRIBUTIVE = re.compile(r"[うくぐすつぬぶむるただい]$")


def _chained(sent: Sentence, f: Frame, frames: list[Frame]) -> Frame:
    """…の支払いを求め東京家裁に対して調停を申し立てた: a predicate in its continuative form (求め, 要請し) modifies
    no noun, whatever the parse hung it on; it is chained to the predicate whose argument swallowed it."""
    if f.dep != "acl" or ATTRIBUTIVE.search(sent.text[f.start : f.end]) or sent.text[f.end : f.end + 1] in "、,，":
        return f
    holder = min((g for g in frames if g is not f and any(a.start <= f.start < a.end for a in g.args)),
                 key=lambda g: next(a.end - a.start for a in g.args if a.start <= f.start < a.end), default=None)
    if holder is None or holder.start < f.end:
        return f
    return replace(f, dep="advcl", governor=holder.index)


def _not_object(sent: Sentence, a: Arg) -> bool:
    """国連を通じて (a particle that starts with を), Xを相手に and the 相手 after it."""
    if a.role == "object":
        return a.case != "を" or sent.text.startswith(("相手", "通じ", "通し", "介し", "経由", "経て"), a.end + 1)
    return a.role == "dative" and a.text == "相手" and sent.text[: a.start].endswith("を")


VIEWPOINT = re.compile(r"^(?:から(?:すれば|すると|見れば)|にとって(?:は)?|としては)[、,，]")


def _viewed(para: Paragraph, sents: list[Sentence]) -> list[Sentence]:
    """ロシアからすれば、…許せないというわけだ。そのため、…をNATOに要求している: a viewpoint holder the text
    argues from is what the sentences after it are about, when nothing else is."""
    out: list[Sentence] = []
    holder: tuple[ActorRef, ...] = ()
    for sent in sents:
        if not sent.context.topic and holder:
            sent = replace(sent, context=replace(sent.context, topic=holder))
        out.append(sent)
        for m in sent.mentions:
            if VIEWPOINT.match(sent.text[m.end : m.end + 8]) and not sent.in_quote(m.start):
                holder = m.actors
    return out


def _inside(sent: Sentence, a: Arg) -> tuple[ActorRef, ...]:
    """The actors a phrase inside a quote heads: its mentions not followed by の (ロシアの: a qualifier)."""
    found = [x for m in sent.mentions if a.start <= m.start and m.end <= a.end and sent.in_quote(m.start)
             and not sent.text.startswith("の", m.end) for x in m.actors]
    return tuple(dict.fromkeys(found))


# who answers a demand: the one it was made of (ロシアの要求を米国が拒否した, …求めたのに対し、Y氏は…)
ANSWERS = {"応じる", "応ずる", "回答", "返答", "答える", "応える", "受け入れる", "受諾", "拒否", "拒絶", "拒む",
           "退ける", "はねつける", "一蹴", "突っぱねる"}
CONTRAST = re.compile(r"^(?:た|ている|ていた|てきた|ています|ました|る)?(?:の|こと)に対し(?:て)?[、,，]")
FACING = re.compile(r"^[^、。「」]{1,20}?に対し(?:て)?[、,，]")
ANSWER_NOUN = re.compile(r"(?:と[^、。のと]{1,12})?の(?:回答|返答)")  # 米国(とNATO)の回答
ABOUT_DEMAND = re.compile(r"要求|要請|求め|これ|それ")


def answered(para: Paragraph, found: list[Demand], lex: Lexicon) -> list[Demand]:
    """Each demand with nobody named as asked gets the one who answers it: in its own
    sentence the subject of 拒否/応じる/回答 … (ロシアが要求する拡大停止を米国は拒否した), the actor of 「Xの回答」,
    the main clause's topic after 「…を求めたのに対し、」/「…を求めるXに対し、」; in the next sentence the one
    who answers 「これに対し、Yから…」 or refuses the demand (…ロシアの要求を拒んだ); else the one the demander
    met or visited in the sentence before (XはYと会談した。…を求めた)."""
    out = []
    for d in found:
        if d.measure in BARE:
            continue  # 実現を求めていく: a measure that says nothing of what is asked
        if d.addressee is None:
            d = _named_dative(para, d, lex) or replace(d, addressee=_addressed_to(para, d, lex)
                                                         or _answerer(para, d, lex))
        if d.addressee is None:
            d = replace(d, addressee=_met_before(para, d, lex))
        out.append(replace(d, confidence=reliability(d)))
    return out


BARE = {"実現", "実施", "実行", "推進", "達成", "実践", "対応", "善処"}


def reliability(d: Demand) -> float:
    """How far a demand can be trusted, from what makes one right: read off the frames rather than the surface rule,
    its demander its own named subject (not described, not carried from an earlier sentence), the one asked named,
    and a measure that is one clean phrase (not a bare noun, not a long span with commas or a quote)."""
    c = 0.35
    if d.evidence.rule == RULE:
        c += 0.15
    if d.confidence >= 0.75:
        c += 0.05  # the cue's own named subject
    elif d.confidence < 0.6:
        c -= 0.1  # carried from the sentences before
    if d.addressee is not None:
        c += 0.25  # most wrong demands lack the one asked, or took the wrong actor where it should be
    if d.demander.type != "Actor":
        c += 0.05  # a known actor, not a description
    if len(d.measure) <= 2 or len(d.measure) > 35 or re.search(r"[、,，「」]", d.measure):
        c -= 0.1
    return round(min(max(c, 0.3), 0.95), 2)


PRE_MEASURE = re.compile(r"(?P<who>(?:(?!よう)[^、。「」をはがもで]){2,20}?)に"
                         r"(?:(?:[0-9０-９]+(?:年|月|日))+[、,，]?)?$")  # Xに、(3日、)…を求めた
BEFORE_CUE = re.compile(r"(?:ように|よう|を|など(?:を)?)[、,，]?(?:[^、。「」をはがもでのに]{0,10}?[、,，])?"
                        r"(?P<who>(?:(?!よう)[^、。「」をはがもで]){2,20}?)に(?:対し(?:て)?)?[、,，]?(?:強く|改めて|再び|正式に)?"
                        r"(?:要請|要求|要望|求め|呼びかけ|呼び掛け|促し|迫)")
DATIVE = re.compile(r"に対し(?:ても|ては|て)?[、,，]?|に[、,，]")
PHRASE_START = "、,，。「」(（)）はが"


def _named_dative(para: Paragraph, d: Demand, lex: Lexicon) -> Demand | None:
    """相撲協会に対して…を求めた, 代行業者2社に対し、…の差し止めを求める訴訟, 政府が市民に、…ように求めた: the party
    named with に対し before the measure (or with に、 at the head of a よう-clause measure) is the one asked; the
    measure loses that head. None when the sentence names nobody so."""
    sent = next((s for s in para.sentences if para.offset + s.start == d.evidence.start), None)
    if sent is None:
        return None
    text, measure = sent.text, d.measure
    found = re.search("[「」『』]?".join(map(re.escape, measure)), text)  # the measure lost its brackets
    if found is None:
        return None
    at, measure = found.start(), found.group()
    for men in sent.mentions:  # 林外相に処理水の放出の中止を求めた, the parse folding the party into the object
        if men.start == at and re.match(r"に(?![対よとつ関おお向])[、,，]?", text[men.end : men.end + 3]) \
                and not any(men.end < f.start < at + len(measure) for f in sent.analysis.frames):
            who = next((a for a in men.actors if a.label != d.demander.label and not lex.is_media(a.label)), None)
            rest = re.sub(r"^に[、,，]?", "", text[men.end : at + len(measure)])
            if who is not None and len(rest) >= 2:
                return replace(d, addressee=who, measure=rest)
    head = DATIVE.search(measure)
    if head and head.start() > 0 and _party(sent, at, at + head.start(), d, lex) is not None:
        who = _party(sent, at, at + head.start(), d, lex)
        rest = measure[head.end() :].strip()
        return replace(d, addressee=who, measure=rest or measure) if len(rest) >= 2 else replace(d, addressee=who)
    end = at + len(measure)
    m = BEFORE_CUE.search(text, end, end + 50)
    if m:  # …回収をするように全国各都道府県に要請した, …掲げるよう国民に求めた: the party named before the cue
        who = _party(sent, m.start("who"), m.end("who"), d, lex)
        if who is not None:
            return replace(d, addressee=who)
    m = PRE_MEASURE.search(text, 0, at)
    if m:
        who = _party(sent, m.start("who"), m.end("who"), d, lex)
        if who is not None:
            return replace(d, addressee=who)
    for m in reversed(list(DATIVE.finditer(text, 0, at))):
        if m.group(0).startswith("に、") or sent.in_quote(m.start()):
            continue
        who = _party(sent, None, m.start(), d, lex)
        if who is not None:
            return replace(d, addressee=who)
    return None


def _party(sent: Sentence, start: int | None, end: int, d: Demand, lex: Lexicon) -> ActorRef | None:
    """The actor named right before ``end`` (a mention ending there, or a described party: 代行業者2社), never the
    demander or an outlet."""
    for m in reversed(sent.mentions):
        if m.end == end and not sent.in_quote(m.start) and (start is None or m.start >= start):
            who = next((a for a in m.actors if a.label != d.demander.label and not lex.is_media(a.label)), None)
            if who is not None:
                return who
    left = max(sent.text.rfind(c, 0, end) for c in PHRASE_START) + 1
    if start is not None:
        left = max(left, start)
    phrase = sent.text[left:end]
    if 2 <= len(phrase) <= 20:
        arg = Arg("dative", "に", left, end, phrase, -1)
        found = _dative_party(arg, lex)
        if found and found[0].label != d.demander.label:
            return found[0]
    aside = ASIDE_END.search(sent.text, 0, end)
    if aside and aside.start() < end and (start is None or aside.start() > start):
        # 学校法人『大原学園』(東京都)などに対し: the party before its aside and など, a name in 『』 as written
        if (named := re.search(r"『(?P<name>[^『』]{2,20})』$", sent.text[: aside.start()])) is not None:
            who = _party(sent, named.start("name"), named.end("name"), d, lex)
            if who is None and not lex.is_media(named["name"]):
                who = ActorRef(named["name"], named["name"], "Organization")
            return who if who is None or who.label != d.demander.label else None
        return _party(sent, start, aside.start(), d, lex)
    return None


ASIDE_END = re.compile(r"(?:[(（][^()（）]{1,15}[)）])?(?:など|等)?$")


def _answerer(para: Paragraph, d: Demand, lex: Lexicon) -> ActorRef | None:
    sents = para.sentences
    n = next((i for i, s in enumerate(sents) if para.offset + s.start == d.evidence.start), None)
    if n is None:
        return None
    sent = sents[n]
    tail = d.measure[-4:]  # the measure may have lost its brackets: find where it ends
    at = sent.text.find(tail)
    cue = next((f for f in sent.analysis.frames if f.lemma in lex.demand_cues and f.start >= at + len(tail)
                and not f.in_quote), None) if at >= 0 else None
    if cue is not None:  # …を求めたのに対し、Yは / …を求める米国に対し、ロシアは
        after = sent.text[cue.end :]
        m = CONTRAST.match(after) or (FACING.match(after) if cue.dep == "acl" else None)
        if m:
            who = _first_subject(sent, cue.end + m.end(), d.demander, lex=lex)
            if who is not None:
                return who
    for f in sent.analysis.frames:
        if f.lemma in ANSWERS and not f.in_quote and f is not cue:
            who = _subject_of(sent, f, d.demander, lex)
            if who is not None:
                return who
    for m in sent.mentions:
        if ANSWER_NOUN.match(sent.text, m.end) and not sent.in_quote(m.start):
            who = next((a for a in m.actors if a.label != d.demander.label and not lex.is_media(a.label)), None)
            if who is not None:
                return who
    if n + 1 < len(sents):
        nxt = sents[n + 1]
        if REPLY.match(nxt.text):  # a readout: これに対し、ザリーフ外相から…
            who = _first_subject(nxt, 0, d.demander, roles=("source", "topic", "subject"))
            if who is not None:
                return who
        for f in nxt.analysis.frames:
            if f.lemma in ANSWERS and not f.in_quote and any(ABOUT_DEMAND.search(a.text) for a in f.args):
                who = _subject_of(nxt, f, d.demander, lex, carried=True)
                if who is not None:
                    return who
    return None


ADDRESSED = re.compile(r"(?:宛て|宛|あて)(?:の|に)")


def _addressed_to(para: Paragraph, d: Demand, lex: Lexicon) -> ActorRef | None:
    """中国政府宛ての書簡で…を求めた: the one a letter is addressed to, named before the demand's cue."""
    sent = next((s for s in para.sentences if para.offset + s.start == d.evidence.start), None)
    if sent is None:
        return None
    for m in sent.mentions:
        if ADDRESSED.match(sent.text, m.end) and not sent.in_quote(m.start):
            who = next((a for a in m.actors if a.label != d.demander.label and not lex.is_media(a.label)), None)
            if who is not None:
                return who
    return None


VISITS = {"訪問", "表敬訪問", "訪れる", "面談", "懇談", "会談", "会う", "面会", "電話会談", "交渉"}


def _met_before(para: Paragraph, d: Demand, lex: Lexicon) -> ActorRef | None:
    """XはYと会談した。…を求めた / Yを表敬訪問。…協力を求めた: the one the demander met or visited in the sentence
    right before, when the demand's own sentence names nobody else outside what is asked."""
    sents = para.sentences
    n = next((i for i, s in enumerate(sents) if para.offset + s.start == d.evidence.start), None)
    if not n:
        return None
    sent, prev = sents[n], sents[n - 1]
    at = sent.text.find(d.measure)
    others = [m for m in sent.mentions if not sent.in_quote(m.start) and not (0 <= at <= m.start < at + len(d.measure))
              and any(x.label != d.demander.label for x in m.actors)]
    named = {x.label for m in prev.mentions for x in m.actors} | {x.label for x in prev.context.topic}
    if others or d.demander.label not in named:
        return None
    for f in prev.analysis.frames:
        if f.in_quote or f.lemma not in VISITS:
            continue
        for a in f.role("partner", "object", "dative", "addressee"):
            who = next((x for x in a.actors if x.label != d.demander.label and not lex.is_media(x.label)), None)
            if who is not None and (a.role != "dative" or f.lemma not in ("訪問", "訪れる", "表敬訪問")
                                    or not f.role("object")):
                return who
    return None


def _first_subject(sent: Sentence, start: int, demander: ActorRef,
                   roles: tuple[str, ...] = SUBJECT_ROLES, lex: Lexicon | None = None) -> ActorRef | None:
    """The first named topic/subject outside quotes from ``start`` on that is not the demander (with ``lex``, a
    described one too: 球団側は)."""
    args = sorted((a for f in sent.analysis.frames if not f.in_quote for a in f.role(*roles)
                   if a.start >= start and (a.actors or lex is not None and describes_actor(a, lex))
                   and not sent.in_quote(a.start)), key=lambda a: a.start)
    for a in args:
        found = a.actors or (described_actor(a.text, lex),) if lex is not None else a.actors
        return next((x for x in found if x.label != demander.label), None)
    return None


def _subject_of(sent: Sentence, f: Frame, demander: ActorRef, lex: Lexicon, *,
                carried: bool = False) -> ActorRef | None:
    """Who answers in ``f``: its subject or that of the frames it is chained to, else (a relative clause:
    …を拒絶する書簡を突きつけた) the main clause's."""
    chain = sent.analysis.scope(f)
    if f.dep == "acl":  # …を拒絶する書簡を突きつけた: the noun it describes is what the main clause acts on (and
        # the one who speaks about it — …を拒否したことについて、X次官は述べた — is not who answered)
        chain = [f] + [g for g in sent.analysis.frames
                       if not g.in_quote and any(a.head == f.head for a in g.role("object"))]
    for g in chain:
        args = g.role(*SUBJECT_ROLES)
        named = [x for a in args for x in _named_or_described(a, lex)]
        if named:
            return _body(next((x for x in named if x.label != demander.label), None), lex)
        if args:
            return None
    if carried:  # 「…」とも語り、ロシアの要求を拒んだ: the one the text is about
        return _body(next((x for x in sent.context.topic if x.label != demander.label), None), lex)
    return None


def _body(who: ActorRef | None, lex: Lexicon) -> ActorRef | None:
    """The organisation whose office ``who`` holds (NATOの事務総長 → NATO): its head answers a demand in its name."""
    if who is None or who.type != "Person":
        return who
    for role, terms in lex.roles.items():
        if any(t.holder == who.label for t in terms):
            for n in range(len(role) - 1, 1, -1):
                e = lex.lookup(role[:n])
                if e is not None and e.type == "Organization" and role[n:] in lex.titles:
                    return ActorRef(who.text, e.canonical, e.type, e.wikidata)
    return who


def _noun_demands(para: Paragraph, sent: Sentence, frame: Frame, lex: Lexicon) -> Iterator[Demand]:
    """「Xから…につき要請があった」「…との申し入れを行った」: a demand noun carried by a light verb."""
    measures = [c.text for c in frame.complements if c.kind in ("tono", "koto") and c.noun in DEMAND_NOUNS]
    about = [a.text for a in frame.args if a.case in ("につき", "について") and not a.actors]
    owned = [m["what"] for a in frame.role("subject", "object") if (m := OWNED_DEMAND.fullmatch(a.text))]
    if owned:  # …について情報提供の要請があった: what the noun names is asked, about the thing named
        measures += [(about[-1] + "について" if about else "") + what for what in owned]
    else:
        measures += about
    if not measures:
        return
    chain = sent.analysis.scope(frame)
    # a readout's から before the noun asks (Xから、…の要請があったのに対し、Yから…: Y answers)
    sources = [x for f in chain for a in f.role("source") if a.end <= frame.start for x in a.actors]
    demanders = list(dict.fromkeys(sources)) or _actors(chain, *SUBJECT_ROLES, lex=lex) or _described(chain, lex)
    addressees = _addressees(chain[:1], lex)
    if not addressees and demanders and (m := CONTRAST.match(sent.text[frame.end :])):
        who = _first_subject(sent, frame.end + m.end(), demanders[0], roles=("source", "topic", "subject"))
        addressees = [who] if who is not None else []
    start = para.offset + sent.start
    ev = Evidence(sent.text, start, start + len(sent.text), RULE)
    for who in demanders:
        for m in measures:
            for part in _split(m):
                yield Demand(who, part, ev, addressee=next((a for a in addressees if a.label != who.label), None),
                             confidence=0.6)


NOT_OBJECT = re.compile(r"^(?:こと|事)(?:から|で|に|が|は|も|により)")
# 同日、 before the clause's own に対し; a ground (…法に基づき、) too
OPENER = re.compile(r"(?:[^、「」]{1,8}[、,，]|[^、「」]{2,30}?に(?:基づき|基づいて|則り|のっとり|従い|従って)[、,，]"
                    r"|また|さらに|一方|特に)?")


def _description(a: Arg, lex: Lexicon) -> list[ActorRef]:
    """An addressee phrase that names nobody we know but describes a party (国軍, 管内の全契約者)."""
    text = TIME_LEAD.sub("", re.sub(r"^[^、,，]{1,8}[、,，]", "", a.text))  # 同日、国内の全証券会社に対して
    if text.endswith(NOT_PARTIES):
        return []
    if 2 <= len(text) <= 30 and text not in ("これ", "それ", "同日") \
            and (not re.search(r"[ぁ-ん]{2}", text) and len(text) <= 20 or text.endswith(lex.agent_suffixes)):
        return [ActorRef(text, text, "Actor")]
    return []


def _addressees(frames: list[Frame], lex: Lexicon) -> list[ActorRef]:
    """The に対し/へ argument (a description when it names nobody we know: 国軍に対し, 管内の全契約者に対し),
    else the に argument (a described one too: 日本の金田外務副大臣に)."""
    for f in frames:
        for a in f.role("addressee"):
            if a.actors or _description(a, lex):
                return list(a.actors) or _description(a, lex)
    found = _actors(frames[:1], "dative")
    if found:
        return found
    for f in frames[:1]:
        for a in f.role("dative"):
            if _dative_party(a, lex):
                return _dative_party(a, lex)
    return []


# parties asked that end in no agent suffix (国民に, 警察に, 元妻に, 根本容疑者夫妻に)
PARTIES = ("国民", "警察", "妻", "夫", "夫妻", "ユーザー", "ファン", "各国", "加盟国", "業者", "当局", "消費者",
           "勢力", "店", "店舗", "スーパー", "学校", "各校", "市民", "府民", "県民", "都民", "道民", "住民", "町民",
           "村民", "区民", "利用者", "乗客", "観客", "保護者", "サイト", "事業者", "企業", "各社",
           "家庭", "世帯", "株主", "会員", "患者", "学生", "相手")
NOT_PARTIES = ("延長", "成長", "助長", "伸長", "日", "月", "年", "時", "際", "中", "後", "前", "ため")
# 各施設に, 全加盟校に: every one of a kind of party (not a place: 各地, 全国, 各方面)
EACH = re.compile(r"(?:各|全)(?!地|国|所|方面|分野|部門|地域|地方|段階|項目|点|面)[一-龥ァ-ヶー]{1,6}")
TIME_LEAD = re.compile(r"^(?:(?:[0-9０-９]+月)?(?:[0-9０-９]+日|上旬|中旬|下旬)|[0-9０-９]+月)(?:ごろ|頃)?に?[、,，]?"
                       r"|^(?:近く(?![にのでへ])|今後|改めて)")


def _dative_party(a: Arg, lex: Lexicon) -> list[ActorRef]:
    """The actors a に-phrase names (not its qualifiers), else the party it describes (国民, 管内の業者), else
    none (a time, a place, an abstract noun: 延長に対して)."""
    if a.actors:
        return list(a.actors)
    text = TIME_LEAD.sub("", a.text).strip("、,， ")
    bare = re.sub(r"(?:など|等|ら|たち|側)+$", "", text)
    if len(bare) < 2 or bare.endswith(NOT_PARTIES) or re.search(r"[0-9０-９]日", bare):
        return []
    if bare.endswith(PARTIES) or describes_actor(replace(a, text=text), lex) or EACH.fullmatch(bare):
        return [described_actor(text, lex)]
    return []


def _is_demand(frame: Frame, lex: Lexicon) -> bool:
    if frame.negated or frame.lemma not in lex.demand_cues:
        return False
    if frame.lemma not in lex.clause_only_cues:
        return True
    # …するよう呼びかけた is a call to act; 注意を促した, …よう注意を呼びかけた are warnings; …ことを訴えた is a claim
    kinds = ("yo",) if frame.lemma in YO_ONLY else ("yo", "koto")
    return not frame.role("object") and any(c.kind in kinds for c in frame.complements)


YO_ONLY = {"訴える"}  # …するよう訴えた asks; …ことを訴えた, 必要性を訴えた only stress


def _frame_demands(para: Paragraph, sent: Sentence, frame: Frame, lex: Lexicon) -> Iterator[Demand]:
    if WISH.search(sent.text, frame.start, frame.end + 6) or STANCE.match(sent.text, frame.end) \
            or DENIED.search(sent.text, frame.start, frame.end + 2) or NEVER.match(sent.text, frame.start) \
            or "べき" in sent.text[frame.start : frame.end + 3] \
            or "desire" in frame.modality:
        return  # 「…を求めてほしい」: a wish that someone else ask; 要望したい, 求めると見られる, 求めたのでは
        # なかった, 求めるべきだ, 求めるかどうか: an intention, a guess, a denial, an opinion or a question, not a
        # demand made
    if frame.tense == "nonpast" and not frame.role(*SUBJECT_ROLES) \
            and any(a.start <= frame.start < a.end and not a.actors and not a.text.endswith(STANCE_HEADS)
                    for g in sent.analysis.frames if g is not frame for a in g.role("topic", "subject")):
        return  # …に対し負担を求めるのは妥当だ(と判断した): asking, the topic of a judgment, is not asked by anyone
    case = _conditional(sent, frame) if frame.tense == "nonpast" else None
    if case:
        return  # …決裂した場合は制裁を求める方針だ: a stance for a case that has not come, not a demand made
    measures = _measures(sent, frame, lex)
    passive = frame.voice == "passive"
    asked: list[ActorRef] = []
    described = False  # the measure is the noun the clause describes (ロシアが要求するNATOの拡大停止)
    if not measures and (passive or frame.dep == "acl"):
        measures, asked = _asked_thing(sent, frame)
        described = bool(measures)
    if not measures:
        return
    chain = _scope(sent, frame)
    own = _relative_asker(sent, frame, lex) if not passive else None
    if own is not None:  # …中国当局がポータルサイトに記事を削除するよう求める通知を出した: 中国当局 asks the sites
        demanders, to, measure = own
        start = para.offset + sent.start
        ev = Evidence(sent.text, start, start + len(sent.text), RULE)
        for part in _split(measure):
            for who in demanders:
                if not (lex.is_media(who.label) or lex.is_media(who.text)):
                    yield Demand(who, part, ev, addressee=next((a for a in to if a.label != who.label), None),
                                 confidence=0.75)
        return
    alleged = bool(ALLEGED.match(sent.text, frame.end))
    if alleged:  # …に身代金を要求したとして、警察は男を逮捕した: the main clause's topic did not ask
        chain = chain[:1]
    elif frame.dep == "acl" and NOMINAL.match(sent.text, frame.end):  # Xは…を要請したことについて話した: X asked
        chain = [*chain, *(g for g in sent.analysis.governing(frame) if g not in chain)]
    reporter = _reporter(sent, frame, lex)
    if reporter is not None:  # Xは、Yが…を要請したと発表した: Y asks, X announces it
        inner_subjects = _reported_subject(sent, frame, reporter, chain)
        if inner_subjects:
            chain = inner_subjects
    if CONTRAST.match(sent.text[frame.end :]):  # Xが…求めたのに対し、Yは…述べた: Y answers, it does not ask
        chain = [f for f in chain if f.start <= frame.start]
    demanders: list[ActorRef] = []
    addressees: list[ActorRef] = []
    conf = 0.75
    hypothetical = case is False
    if passive:
        demanders = _actors(chain[:1], "source", "agent", "dative") or _inner_source(sent, frame) \
            or [described_actor(a.text, lex) for a in frame.role("source", "agent") if describes_actor(a, lex)][:1]
        addressees = asked or _actors(chain, *SUBJECT_ROLES)
        if not addressees and frame.dep in ("acl", "advcl"):  # 議会から説明を求められる中、首相が延期した
            who = _first_subject(sent, frame.end, demanders[0]) if demanders else None
            addressees = [who] if who is not None else []
    else:
        carrier = _carrier(sent, frame)
        received: list[ActorRef] = []
        if carrier is not None and carrier.lemma in RECEIVES:  # Xから…を求める書簡を受け取った: X asks Y
            demanders = _actors([carrier], "source")
            received = _actors(sent.analysis.scope(carrier), *SUBJECT_ROLES)
        elif carrier is not None:  # Xは…を求める声明を発表した: X asks, of whom the statement is addressed to
            chain = [frame, *sent.analysis.scope(carrier)]
        # …を求めるロシア / …を求めるロシアの要求: the noun a relative clause modifies demands, whatever the parse
        # hung on the clause
        if not demanders and carrier is None and frame.dep == "acl" and not described:
            demanders = _modified(sent, frame)
        if not demanders and not frame.role(*SUBJECT_ROLES):
            demanders = _lost_subject(sent, frame, lex)
        relative = carrier is None and frame.dep == "acl" and not NOMINAL.match(sent.text, frame.end) \
            and not any(sent.text.startswith(n, frame.end + k) for n in STANCE_HEADS for k in range(4))
        if relative:
            chain = chain[:1]  # 救助を求める通報が入った: a relative clause names its demander itself, or nobody
        if not demanders:
            demanders = _actors(chain, *SUBJECT_ROLES, lex=lex)
        if not demanders:
            demanders = _actors(chain, "source")
        if not demanders:
            demanders = _described(chain, lex, sent)
            conf = 0.6
        lead = None
        own_subject = any(not a.start <= frame.start < a.end for f in chain for a in f.role(*SUBJECT_ROLES))
        if not demanders and not own_subject and frame.dep != "acl" and not alleged:
            lead = next((x for c in frame.complements if (x := leading_topic(sent, c)) is not None), None)
            demanders = list(lead.actors) if lead is not None else _stray_subject(sent, frame)
            if lead is not None:
                said_by = sent.text[lead.start : lead.end + len(lead.case)]
                measures = [(_after(m, said_by), i) for m, i in measures]
        if not demanders and not own_subject and not alleged:
            demanders = _reporting_topic(sent, frame, lex)
        # (a topic that holds the demand itself — …を求める考えも示した — is none of its subjects)
        if not demanders and not frame.in_quote and not own_subject and not relative and not alleged \
                and not own_unnamed_subject(_unheld(sent, frame), frame) and not _unnamed_topic(sent, frame, lex):
            demanders = list(sent.context.topic)
            conf = 0.55
        # else the addressee of the predicate the demand is chained to (Xに対して、…を求めて提訴した), not of a
        # clause before it (HPへ見解を公開し、…を求めた)
        chained = list(sent.analysis.governing(frame))[:1] if carrier is None else chain[1:2]
        addressees = received or _addressees(chain[:1], lex) \
            or [x for a in chained for b in a.role("addressee") for x in (b.actors or _description(b, lex))][:1] \
            or _sued(sent, frame, lex) or _warned(sent, frame, lex) or _yo_subject(frame, lex)
        addressees = [x for x in addressees if not any(m.startswith(x.text + "への") for m, _ in measures)]
    demanders = [_client(sent, x) for x in demanders if not (x.type == "Actor" and x.text.endswith(EVENTS))]
    if not demanders:
        return  # 問題のイベントは…参加を要請した, 今回のクーデターは…よう求める: an event asks nothing
    start = para.offset + sent.start
    ev = Evidence(sent.text, start, start + len(sent.text), RULE)
    seen: set[str] = set()
    for measure, inner in measures:
        for part in _split(measure):
            if part in seen:
                continue
            seen.add(part)
            to = addressees or inner or _by(sent, part)
            for who in demanders:
                if lex.is_media(who.label) or lex.is_media(who.text):
                    continue  # an outlet reports demands, it makes none
                target = next((a for a in to if a.label != who.label), None)
                yield Demand(who, part, ev, addressee=target, confidence=HYPOTHETICAL if hypothetical else conf)


COUNSEL = re.compile(r"(?P<who>[^、。「」]{2,20}?)(?:側)?の(?:代理人|弁護人|弁護団|弁護士|弁護側)(?:弁護士|弁護団)?"
                     r"(?:ら|たち)?")


def _client(sent: Sentence, who: ActorRef) -> ActorRef:
    """X側の弁護士, Xの代理人弁護士: counsel asks in the name of the party it acts for, X (named, or as written)."""
    m = COUNSEL.fullmatch(who.text) if who.type == "Actor" else None
    if m is None:
        return who
    at = sent.text.find(who.text)
    for men in sent.mentions:
        if at >= 0 and men.start == at + m.start("who") and men.end == at + m.end("who") and men.actors:
            return men.actors[0]
    party = re.sub(r"の(?:代理人|弁護人|弁護団|弁護士|弁護側).*$", "", who.text)
    return ActorRef(party, party, "Actor")


# …を要求したとして(逮捕した), …を要求した疑いで: an allegation the main clause acts on
ALLEGED = re.compile(r"[ぁ-ん]{0,6}?(?:として(?![いおる])[、,，]?|とされ|疑い)")
EVENTS = ("イベント", "クーデター", "デモ", "事件", "事故", "騒動", "暴動", "テロ", "ストライキ", "大会", "試合",
          "問題", "計画", "法案", "決定", "判決")
HYPOTHETICAL = 0.5  # a demand for a case that may not come (…場合は…を求めるとしている): read as less trusted
CONDITION = re.compile(r"場合(?:に)?(?:は|も|、|,|，)")
QUOTATIVE = re.compile(r"^[ぁ-ん]{0,8}?と[、,，]?(?:[^、。「」]{0,12}?[、,，]?)?$")


def _relative_asker(sent: Sentence, frame: Frame, lex: Lexicon) \
        -> tuple[list[ActorRef], list[ActorRef], str] | None:
    """A relative clause of demand with no subject of its own whose よう-clause opens with a named が-subject and then
    a party with に (Xが Yに…するよう求める通知): X is the one who asks (the subject of a relative clause takes が),
    Y the one asked. A clause of a main predicate is not read so (政府は、企業が社員に…よう求めた: 企業 must act),
    unless nobody else can have asked: the cue is reported (Zは、XがYに…よう求めたと明らかにした: Z only tells
    it) or has no subject anywhere in its scope (警察官の1人が男性に…よう求めた, the parse hanging the が-subject
    inside the clause)."""
    if frame.role(*SUBJECT_ROLES, "addressee", "dative"):
        return None
    if frame.dep != "acl" and _reporter(sent, frame, lex) is None \
            and any(f.role(*SUBJECT_ROLES) for f in sent.analysis.scope(frame)):
        return None
    for comp in frame.complements:
        if comp.kind != "yo":
            continue
        for g in sent.analysis.frames:
            if not comp.start <= g.start < comp.end:
                continue
            subj = next((a for a in g.role("subject") if (a.actors or describes_actor(a, lex)) and a.case == "が"
                         and sent.text[comp.start : a.start].strip("、,， ") == ""), None)
            if subj is None:
                continue
            askers = list(subj.actors) or [described_actor(subj.text, lex)]
            for b in g.role("dative"):
                who = _dative_party(b, lex)
                if b.start == subj.end + 1 and who and not set(who) & set(askers):
                    return askers, who, sent.text[b.end + len(b.case) : comp.end].lstrip("、,， ")
    return None


def _conditional(sent: Sentence, frame: Frame) -> bool | None:
    """…決裂した場合は、制裁を求める方針だ: a case named before what is asked (not inside it: …した場合は作業を
    しないよう呼びかけた asks that), with the cue a stance or plan (方針, 考え, 構え): True; False for a case
    named without a stance (…場合は制裁を求めるとしている: hypothetical, kept less trusted); None for no case.
    A conditional clause (目標に達しなければ規模縮小を求める, …合意できたら…を要請する) is True too: what it asks
    waits on the condition, no demand is made yet."""
    spans = [(c.start, c.end) for c in frame.complements] + [(a.start, a.end) for a in frame.role("object")]
    for m in CONDITION.finditer(sent.text, 0, frame.start):
        if not sent.in_quote(m.start()) and not any(s <= m.start() < e for s, e in spans):
            return any(sent.text.startswith(n, frame.end + k) for n in STANCE_HEADS + ("予定",) for k in range(4))
    if conditional(sent.text, frame.start, spans, sent.in_quote):
        return True  # a stance for a case that may not come: not a demand made
    return None


def _reporter(sent: Sentence, frame: Frame, lex: Lexicon) -> Frame | None:
    """The reporting predicate (発表, 明らかにする, 述べる) a demand is quoted into (…を要請したと発表した)."""
    for g in sent.analysis.governing(frame):
        if g.lemma in lex.reporting and g.start > frame.end and QUOTATIVE.match(sent.text[frame.end : g.start]):
            return g
        if g.lemma in lex.demand_cues:
            return None
    return None


def _reported_subject(sent: Sentence, frame: Frame, reporter: Frame, chain: list[Frame]) -> list[Frame]:
    """The frames inside a reported clause that name its own が-subject (Xは、3日、Y大統領がZを指名し、組閣を
    要請したと発表した: Y), the demand's own first; none when the clause has no subject of its own (then the reporter
    asked: X は…を求めたと発表した)."""
    after = max((a.end for a in reporter.role("topic")), default=-1)
    inside = [f for f in sent.analysis.frames if not f.in_quote and f.start <= frame.start
              and (f is frame or f.governor in (reporter.index, frame.index) and f.dep in ("advcl", "conj"))
              and any(a.actors and a.start > after and a.end <= frame.start for a in f.role("subject"))]
    return [frame, *(f for f in inside if f is not frame)] if inside else []


def _yo_subject(frame: Frame, lex: Lexicon) -> list[ActorRef]:
    """XはYが…を備えるよう呼びかけた, with Yが hung on the cue: Y, after the topic that asks and before the よう-clause,
    is the one who must act."""
    topics = [a for a in frame.role("topic") if a.actors]
    yo = [c.start for c in frame.complements if c.kind == "yo"]
    for a in frame.role("subject"):
        if topics and yo and topics[0].end < a.start and a.end <= yo[0]:
            return list(_named_or_described(a, lex)) or _dative_party(a, lex)
    return []


def _warned(sent: Sentence, frame: Frame, lex: Lexicon) -> list[ActorRef]:
    """同社に文書で警告を行い、改善を求めた: the party a clause chained before the demand addresses (named); the
    nearest such clause first, then the ones chained before it (Xと会談して、…を要請し、…を求める)."""
    chained, seen = [frame], {frame.index}
    for g in chained:
        for f in sent.analysis.frames:
            if f.governor == g.index and f.start < g.start and f.dep in ("advcl", "conj") and not f.in_quote \
                    and f.index not in seen:
                seen.add(f.index)
                chained.append(f)
    for f in chained[1:]:
        for a in f.role("addressee", "dative"):  # any act right before it; further back, an act of address
            if a.actors and (f.governor == frame.index or f.lemma in ADDRESSING | MEETS):
                return list(a.actors)
        if f.lemma in MEETS:  # Xと会談して、…を求めた: the one met is the one asked (Yの社長と面会し: as written)
            for a in f.role("partner"):
                if _named_or_described(a, lex):
                    return list(_named_or_described(a, lex))
        if f.lemma in SUMMONED and not f.complements and not sent.text[: f.start].rstrip("」』").endswith("と"):
            # 大使館の公使を呼び、…を求めた: the one summoned (whoever is summoned is a party; not Xを「…」と呼び)
            for a in f.role("object"):
                if a.actors or 2 <= len(a.text) <= 20 and not re.search(r"[、,，]", a.text):
                    return list(a.actors) or [described_actor(a.text, lex)]
        if f.lemma in ADDRESSING or f.lemma in LIGHT \
                and any(o.text.endswith(ADDRESS_NOUNS) for o in f.role("object")):
            # 市民に平静を呼びかけるとともに、…よう呼びかけた, 家裁に対し…を申し立て、
            # …を求めた: the party a coordinated act of address names, described too
            for a in f.role("addressee", "dative"):
                who = _description(a, lex) if a.role == "addressee" else _dative_party(a, lex)
                if who:
                    return who
            for a in f.role("object"):  # 市民に平静を呼びかける, the parse folding the に-party into the object
                for g in sent.analysis.frames:
                    for b in g.role("dative"):
                        if b.start == a.start and b.end < a.end and (who := _dative_party(b, lex)):
                            return who
    return []


# …を求める姿勢を見せた, …を要請する方針を示した: the one who holds the stance asks (not …を求める意見に対し)
STANCE_HEADS = ("姿勢", "考え", "方針", "意向", "構え", "立場", "意思", "意志")
NOMINAL = re.compile(r"[ぁ-ん]{0,4}?(?:こと|事)")  # …を要請することを発表した: a clause made a noun, not a relative
DENIED = re.compile(r"のではな|わけではな")  # 求めたのではなかった: its auxiliaries end the frame
WISH = re.compile(r"て(?:ほしい|欲しい|もらいたい)")
# a clause chained before the demand that has a subject of its own (女性が嫌がっているにも拘らず, …ため, …なら)
SUBORDINATE = re.compile(r"^[^、,，]{0,6}?(?:にも(?:拘|かか)わらず|のに|ため|ので|から|ば|なら|と、|が、|けれど"
                         r"|ものの)")
CONCESSIVE = {"拘る", "関わる", "かかわる"}  # …にも拘らず
UNNAMED_TOPIC = re.compile(r"(?P<noun>[一-龥ァ-ヶー]{1,12})(?:は|も)[、,，]?")


def _scope(sent: Sentence, frame: Frame) -> list[Frame]:
    """Where the demand's subject can stand (SentenceFrames.scope), with the clauses chained before those chained
    before it (女性は、…繰り返していたが、…を知り、…を求め、提訴した); a clause subordinate to it (…にも拘らず,
    …ため, …が、) keeps its が-subject to itself, though a は-topic stands over it."""
    chain = list(sent.analysis.scope(frame))
    seen = {f.index for f in chain}
    queue = [f for f in chain if f.start < frame.start] if frame.dep != "acl" else []  # not out of a relative
    while queue:
        g = queue.pop()
        for f in sent.analysis.frames:
            if f.governor == g.index and f.start < g.start and f.index not in seen and not f.in_quote \
                    and f.dep in ("advcl", "conj"):
                seen.add(f.index)
                chain.append(f)
                queue.append(f)
    out = []
    for f in chain:
        if f.end <= frame.start and (SUBORDINATE.match(sent.text[f.end : f.end + 16])
                                     or f.negated and f.lemma in CONCESSIVE):
            f = replace(f, args=tuple(a for a in f.args if a.role != "subject"))
        out.append(f)
    return out


def _reporting_topic(sent: Sentence, frame: Frame, lex: Lexicon) -> list[ActorRef]:
    """Xによると、Y防衛相は…、地元の理解を求めていくと述べた, with Yは hung on no predicate: the named topic inside
    the clause a reporting predicate governs, before the demand, is the one who asks (not a speaker carried from
    an earlier sentence)."""
    for g in sent.analysis.governing(frame):
        if g.lemma not in lex.reporting:
            continue
        for c in g.complements:
            if c.kind != "clause" or not c.start <= frame.start < c.end:
                continue
            named = [m for m in sent.mentions if c.start <= m.start and m.end < frame.start and m.actors
                     and sent.text.startswith("は", m.end) and not sent.in_quote(m.start)
                     and not any(lex.is_media(x.label) for x in m.actors)]
            if named:
                return list(named[-1].actors)
        return []
    return []


def _unheld(sent: Sentence, frame: Frame) -> Sentence:
    """The sentence without the arguments that hold ``frame`` itself (…を求める考えも示した: 考えも is no subject
    of the demand's)."""
    frames = tuple(replace(f, args=tuple(a for a in f.args if not a.start <= frame.start < a.end))
                   for f in sent.analysis.frames)
    return replace(sent, analysis=SentenceFrames(frames))


def _unnamed_topic(sent: Sentence, frame: Frame, lex: Lexicon) -> bool:
    """チュニジア人の女性は…対価を求めた, whatever the parse did with it: a described topic before the cue names
    the demander, so nobody is carried onto it."""
    for m in UNNAMED_TOPIC.finditer(sent.text, 0, frame.start):
        if m["noun"].endswith(lex.agent_suffixes) and not sent.in_quote(m.start()) \
                and not any(x.start < m.end("noun") and m.start() < x.end for x in sent.mentions):
            return True
    return False


MESSAGES = ("声明", "メッセージ", "書簡", "親書", "文書", "決議", "談話", "コメント", "要望書", "要請書", "意見書",
            "申し入れ書", "命令書", "通知", "通告", "勧告")


ISSUES = {"発表", "出す", "発出", "発信", "発する", "送る", "送付", "採択", "公表", "公開", "提出", "手渡す", "渡す",
          "示す", "伝える", "まとめる", "署名", "表明", "可決"}

RECEIVES = {"受け取る", "受ける", "受領", "引き出す", "得る"}
# …の差し止めを求める訴訟を起こした, …の取り消しを求める仮処分を申し立てた: the one who files asks
FILES = {"起こす", "申し立てる", "提起", "申請", "提出"}
SUITS = ("訴え", "訴訟", "仮処分", "申し立て", "調停", "審判", "請求", "申請", "訴状")


SUED = re.compile(r"(?P<who>[^、。「」をはがも]{1,20}?)を相手(?:(?:取|ど)(?:り|って)|に|として)[、,，]?")


def _sued(sent: Sentence, frame: Frame, lex: Lexicon) -> list[ActorRef]:
    """Xを相手取り、…の差し止めを求めた: a suit's demand is made of the one it is brought against."""
    for m in SUED.finditer(sent.text, 0, frame.start):
        found = [x for men in sent.mentions if m.start("who") <= men.start and men.end <= m.end("who")
                 and not sent.text.startswith("の", men.end) for x in men.actors]
        if found:
            return found[:1]
        if m["who"].endswith(lex.agent_suffixes):
            return [ActorRef(m["who"], m["who"], "Actor")]
        for part in re.split(r"[やと]", re.sub(r"(?:など|等|ら)+$", "", m["who"])):  # 教諭や横浜市などを相手取り
            if 2 <= len(part) <= 12 and part.endswith(lex.agent_suffixes + ("市", "町", "村", "県", "都", "国", "区")):
                return [ActorRef(part, part, "Actor")]
    return []


def _carrier(sent: Sentence, frame: Frame) -> Frame | None:
    """The predicate that issues the message a relative clause of demand describes (…の中止を要請する共同声明を
    発表した: 発表), or files the suit it describes (…の取り消しを求める仮処分を申し立てた: 申し立てる)."""
    if frame.dep != "acl":
        return None
    for g in sent.analysis.frames:
        if g is not frame and g.lemma in ISSUES | RECEIVES \
                and any(a.head == frame.head and a.text.endswith(MESSAGES) for a in g.role("object")) \
                or g.lemma in FILES and any(a.head == frame.head and a.text.endswith(SUITS) for a in g.role("object")):
            return g
    return None


def _actors(frames: list[Frame], *roles: str, lex: Lexicon | None = None) -> list[ActorRef]:
    """The actors of the first of ``frames`` that has arguments in ``roles`` (an argument that holds the demand
    itself — …を求める考えも示した — is not one of them)."""
    for f in frames:
        # a topic or subject after the demand belongs to a later clause (…を要求したが、NATO側は拒否した)
        args = [a for a in f.role(*roles) if not a.start <= frames[0].start < a.end
                and (a.role not in SUBJECT_ROLES or a.start < frames[0].start)]
        topics = [a for a in args if a.role == "topic" and a.actors]
        subjects = [a for a in args if a.role == "subject" and a.start > max(t.start for t in topics)] \
            if topics else []
        if subjects and f is frames[0] and f.dep in ("ccomp", "acl"):
            # Xは、Yが…を求めていると言った / …求めていることを明らかにした: Y asks, X reports it
            args = subjects
        elif topics and any(a.role == "subject" for a in args):
            args = topics  # ロシアはNATOが…しないことの保証を求めている: the が belongs to the clause inside
        if len(topics) > 1 and not all(a.conjunct for a in topics):
            # 船長はロシア側に拘束されたままで、日本政府は解放を要請する: the topic nearest the predicate asks
            last = max(topics, key=lambda a: a.start)
            args = [a for a in args if a.role != "topic" or a is last]
        found = [x for a in args for x in a.actors if lex is None or not lex.is_media(x.label)]
        if found:
            return list(dict.fromkeys(found))
        if args and any(r in SUBJECT_ROLES for r in roles):
            return []  # a subject of its own that names nobody: not the next frame's
    return []


OWNED = re.compile(r"(?:側)?(?:の(?:要求|要請|要望|主張|提案))?")


def _modified(sent: Sentence, frame: Frame) -> list[ActorRef]:
    """The actor a relative clause of demand modifies (NATO不拡大を求めるロシア) or whose demand it describes
    (…の確約を求めるロシアの要求)."""
    for m in sent.mentions:
        if frame.end <= m.start <= frame.end + 1 and OWNED.match(sent.text, m.end):
            return list(m.actors)
    return []


def _after(measure: str, lead: str) -> str:
    """The measure without the topic the clause swallowed (…プーチン大統領は、NATOの… → NATOの…)."""
    at = measure.find(lead)
    return measure[at + len(lead) :].lstrip("、, ") if at >= 0 else measure


LOST_SUBJECT = re.compile(r"「(?P<who>[^「」、。]{1,20})」が[、,，]?$")


def _lost_subject(sent: Sentence, frame: Frame, lex: Lexicon) -> list[ActorRef]:
    """Xは、「Y」が再集計を要請したことを明らかにした: a bracketed name with が right before the demand's clause, which
    the parse does not hang on it, is its subject (not the one who reports it)."""
    first = min([a.start for a in frame.args] + [c.start for c in frame.complements] + [frame.start])
    m = LOST_SUBJECT.search(sent.text, 0, first)
    if m is None:
        return []
    found = [x for men in sent.mentions if m.start("who") <= men.start and men.end <= m.end("who")
             and not sent.text.startswith("の", men.end) for x in men.actors][:1]
    if not found and (e := lex.lookup(m["who"])) is not None:  # a name alone in brackets is no mention
        found = [ActorRef(m["who"], e.canonical, e.type, e.wikidata)]
    elif not found and m["who"].endswith(lex.agent_suffixes):
        found = [ActorRef(m["who"], m["who"], "Actor")]
    return found


def _stray_subject(sent: Sentence, frame: Frame) -> list[ActorRef]:
    """ロシアが…を米国に要求したとの主張が浮上した: a named subject before the cue that the parse hung on a later
    predicate."""
    best: list[ActorRef] = []
    for f in sent.analysis.frames:
        if f.index <= frame.index:
            continue
        for a in f.role(*SUBJECT_ROLES):
            if a.actors and a.end <= frame.start and not sent.in_quote(a.start):
                best = list(a.actors)
    return best


def _named_or_described(a: Arg, lex: Lexicon) -> tuple[ActorRef, ...]:
    """The actors an argument names, else the party it describes (出席した知事ら), else none."""
    return a.actors or ((described_actor(a.text, lex),) if describes_actor(a, lex) else ())


# …は5000人以上、監督は…: the topic's own term, then a comma and the next term's topic
PARALLEL_TOPIC = re.compile(r"[はも][^、,，「」]{2,}[、,，][^、,，「」]{1,15}?[一-龥ァ-ヶー](?:は|も)")


def _described(frames: list[Frame], lex: Lexicon, sent: Sentence | None = None) -> list[ActorRef]:
    for f in frames:
        # a topic after the demand belongs to a later clause (…を要求したところ、院長は…)
        args = [a for a in f.role(*SUBJECT_ROLES) if a.start < frames[0].start]
        if sent is not None and any(a.role == "topic" and PARALLEL_TOPIC.match(sent.text, a.end, frames[0].start)
                                    for a in args):
            return []  # 収容人員は5000人以上、監督は有資格者であることを求めている: the topics of a list of
            # terms, not who asks
        if f is frames[0] and f.dep in ("ccomp", "acl"):  # Xは、Yが…を求めると言った: Y
            topics = [a for a in args if a.role == "topic"]
            args = [a for a in args if a.role == "subject" and topics and a.start > topics[-1].start] or args
        for a in args:
            if describes_actor(a, lex):
                return [described_actor(a.text, lex)]
        if args:
            return []
    return []


def _asked_thing(sent: Sentence, frame: Frame) -> tuple[list[tuple[str, list[ActorRef]]], list[ActorRef]]:
    """What a relative clause of demand describes is what is asked (中国が要求する関税の撤廃を…); a passive one
    (Xから要請されていた、Yも取り止める) asks it of the one who acts on it (its subject, else the one the text is
    about)."""
    passive = frame.voice == "passive"
    comma = sent.text[frame.end : frame.end + 1] in "、,，"
    at = frame.end + (1 if comma else 0)
    holders = [(g, a) for g in sent.analysis.frames if g.start > frame.start
               for a in g.role("object", "topic", "subject", "about", "dative", "addressee")
               if a.start <= at < a.end and not a.actors]
    if comma and not passive:  # 日本が求めていた、AやBを…が負担する原則は: set off by a comma, the clause
        # describes the whole phrase that follows it, not its first noun
        holders.sort(key=lambda x: x[1].start - x[1].end)
    for g, a in holders:
        thing = sent.text[at : a.end].lstrip("、,，")
        if thing.endswith(NOT_MEASURES + MESSAGES + SUITS + ("声", "考え", "方針", "姿勢", "立場", "動き")):
            return [], []  # 損害賠償を求める訴訟: what the suit asks is the measure, not the suit
        if not passive:
            return [(thing, [])], []
        who = [x for b in g.role(*SUBJECT_ROLES) if b is not a for x in b.actors]
        return [(thing, [])], who or list(sent.context.topic)
    return [], []


def _inner_source(sent: Sentence, frame: Frame) -> list[ActorRef]:
    """AはBから…よう求められた, with Bから parsed inside the clause: the から-argument opening the clause."""
    for comp in frame.complements:
        for f in sent.analysis.frames:
            for a in f.role("source", "agent"):
                if a.actors and comp.start <= a.start < comp.start + 2:
                    return list(a.actors)
    return []


def _inner(sent: Sentence, start: int, end: int, lex: Lexicon) -> list[ActorRef]:
    """The actors that must act in the clause [start, end): the subjects of its predicates (named or described),
    not of a clause inside them (…企業が後援できないようにする法律を制定するよう: not 企業)."""
    inside = {f.index: f for f in sent.analysis.frames if start <= f.start < end}

    def relative(f: Frame) -> bool:  # f describes a noun of the clause, or hangs on a predicate that does
        seen = set()
        while f.index not in seen:
            seen.add(f.index)
            if f.dep == "acl" and f.governor in inside \
                    or any(a.start <= f.start < a.end for g in inside.values() if g is not f for a in g.args
                           if not a.actors):
                return True
            if f.governor not in inside:
                return False
            f = inside[f.governor]
        return False

    return [x for f in inside.values() if not relative(f)
            for a in f.role("subject", "topic") if start <= a.start
            for x in _named_or_described(a, lex) or tuple(_dative_party(a, lex))]  # 各家庭が…するよう


def _measures(sent: Sentence, frame: Frame, lex: Lexicon) -> list[tuple[str, list[ActorRef]]]:
    """(measure, actors that must act in it) for the よう/ことを clause or the を-object."""
    out: list[tuple[str, list[ActorRef]]] = []
    for comp in frame.complements:
        if comp.kind == "koto" and NOT_OBJECT.match(sent.text[comp.end : comp.end + 6]):
            continue  # …発言をしていたことから、…求めた: a reason, not what is asked
        if comp.kind in ("yo", "koto"):
            inner = _inner(sent, comp.start, comp.end, lex)
            text = comp.text
            for f in sent.analysis.frames:  # an addressee or source the clause swallowed (米国に対し、…よう)
                for a in f.role("addressee", "source", "agent", "dative"):
                    lead = sent.text[comp.start : a.start]
                    if not (a.start == comp.start or a.role in ("addressee", "dative") and OPENER.fullmatch(lead)):
                        continue
                    if a.role == "dative":  # 国民に冷静になるよう求めた: the party named at the clause's head
                        # and asked by the clause's own predicate, or by an adverbial clause chained to it
                        # (各校に授業を急いで再開するよう), not by a relative one
                        # (東欧諸国に配備された部隊を撤収するよう)
                        main = max((g for g in sent.analysis.frames if comp.start <= g.start < comp.end),
                                   key=lambda g: g.start, default=None)
                        own = main is not None and (f is main or f.dep == "advcl" and f.governor == main.index)
                        who = _dative_party(a, lex) if comp.kind == "yo" and own and f.dep != "acl" else []
                    else:
                        who = list(a.actors) or (_description(a, lex) if a.role == "addressee" else [])
                    if who:
                        text = re.sub(r"^(?:向け)?て?(?:も|は)?[、,，]?", "",
                                      sent.text[a.end + len(a.case) : comp.end])  # 中国に向けて、…
                        if a.role in ("addressee", "dative"):
                            inner = inner or who
            if comp.kind == "yo" and not inner and (m := TOPIC_DATIVE.match(text)) and len(text) - m.end() >= 4:
                at = comp.end - len(text)  # 既存ユーザーには…使用するよう, …のユーザーにも…確認するよう: the one asked
                who = _party_at(sent, at + m.start("who"), at + m.end("who"), lex)
                if who:
                    inner, text = who, text[m.end() :]
            if comp.kind == "yo" and (m := OWN_ACT_LEAD.match(text)):  # 大使を呼び出して抗議し、…よう: the
                # demander's own act before what is asked; the one it was done to is the one asked
                at = comp.end - len(text)
                inner = _acted_on(sent, at, at + m.end(), lex) or inner
                text = text[m.end() :]
            out.append((text, inner))
    for c in frame.complements:  # 「AがBしないという(文書での)保証」を要求: the noun its content describes
        if c.kind == "tono" and c.noun and not frame.role("object"):
            at = sent.text.find(c.noun, c.end)
            if 0 <= at - c.end <= 12 and re.match(r"」?を", sent.text[at + len(c.noun) :]):
                out.append((sent.text[c.start : at + len(c.noun)], []))
    if not out and not frame.role("object"):  # 「…という確約」を、米国に要求: a bracketed object the parse lost
        for qs, qe in sent.quotes:
            between = sent.text[qe + 1 : frame.start]
            opens = qs == 0 or sent.text[qs - 1] in "、,，"  # the whole object, not its tail (…への「回答」を)
            if opens and qe <= frame.start and sent.text.startswith("を", qe) and len(between) <= 15 \
                    and not any(qe < f.start < frame.start for f in sent.analysis.frames):
                out.append((sent.text[qs + 1 : qe - 1], []))
    # 「…してほしい」と求めた: the words are what is asked (迫る with と is a score, 2-1と迫った, unless it names
    # whom it presses: 米国に「…」と迫った)
    if not out and not frame.role("object") and (frame.lemma in ("求める", "要求", "要請", "要望")
                                                 or any(a.actors for a in frame.role("dative", "addressee"))):
        out += [(sent.text[s + 1 : e - 1], []) for c in frame.complements if c.kind == "quote" for s, e in c.quotes]
        out += [(c.text, []) for c in frame.complements if c.kind == "clause"]
    if not out and not frame.role("object") and not frame.complements \
            and (m := LOST_OBJECT.search(sent.text, 0, frame.start)) and not sent.in_quote(m.start("what")):
        out.append((m["what"], []))  # 、約500万円の損害賠償などを求める訴訟: an object the parse hung elsewhere
    if not out:
        for a in frame.role("object"):  # 陳総統が辞任する事を求めた: a clause made a noun, its subject must act
            if a.text.endswith("事"):
                out.append((a.text, _inner(sent, a.start, a.end, lex)))
        if not out:
            out += [(a, []) for a in _joined(sent, frame.role("object")) if not a.endswith(NOT_MEASURES)]
    if len(out) == 1 and re.fullmatch(r"[一-龥ァ-ヶー]{2,4}", out[0][0]):  # 参拝について中止を求めた: 参拝の中止
        for a in frame.role("about"):
            if not a.actors and 2 <= len(a.text) <= 30:
                joint = "の" if out[0][0] in UNDONE else "についての"
                out = [(a.text + joint + out[0][0], out[0][1])]
                break
    if len(out) == 1 and out[0][0] in SUPPORT:  # テロ特措法延長に対して理解を求めた: what it is asked for
        for a in frame.role("addressee"):
            bare = re.sub(r"(?:など|等|ら|たち|側)+$", "", a.text)
            thing = bare.endswith(NOT_PARTIES) or not bare.endswith(lex.agent_suffixes + PARTIES)  # 延長: not 長
            if not a.actors and thing and 2 <= len(a.text) <= 30:
                out = [(a.text + "への" + out[0][0], out[0][1])]
    return [(m.strip("、, "), i) for m, i in out if len(m.strip("、, ")) >= 2]


# one phrase right before the cue, from a comma or a bracket on, with no particle that would make it more than
# the object (に, は, が, で: 政府に基地の返還を)
LOST_OBJECT = re.compile(r"(?:^|[、,，」])(?P<what>(?:[^、,，「」。はがにでと]|(?<=[0-9]),(?=[0-9]{3})){2,30}?)を$")
SUPPORT = ("理解", "協力", "支持", "賛同", "支援")
UNDONE = {"中止", "撤回", "見直し", "停止", "撤去", "廃止", "解除", "延期", "撤廃", "凍結"}  # 参拝の中止


# acts by which the demander addresses the one asked, chained before a よう-clause that swallowed them
ADDRESSING = {"抗議", "申し入れる", "申し立てる", "伝える", "通告", "警告", "通知", "指示", "勧告", "要望", "要求",
              "要請", "求める", "呼びかける", "呼び掛ける", "非難", "批判", "呼び出す", "招致", "召喚"}
OWN_ACT_LEAD = re.compile(r"^.{2,40}?(?:抗議|非難|批判|申し入れ|申し立て|通告|警告|呼び出|召喚|招致)(?:し|を行い|して|"
                          r"を行って)?(?:た上で)?[、,，]")
SUMMONED = {"呼び出す", "召喚", "招致", "呼ぶ"}
MEETS = {"会談", "会う", "面会", "会見", "協議", "電話会談", "交渉", "面談", "懇談", "話し合う"}
ADDRESS_NOUNS = ("警告", "抗議", "勧告", "申し入れ", "指導", "命令", "通告")  # 同社に警告を行い
TOPIC_DATIVE = re.compile(r"^(?:また|さらに|特に)?[、,，]?(?P<who>[^、。「」をはがもにで]{2,20}?)に(?:は|も)[、,，]?")


def _party_at(sent: Sentence, start: int, end: int, lex: Lexicon) -> list[ActorRef]:
    """The actors a phrase [start, end) names (a mention spanning its end), else the party it describes."""
    named = [x for m in sent.mentions if start <= m.start and m.end == end for x in m.actors]
    if named:
        return named[:1]
    return _dative_party(Arg("dative", "に", start, end, sent.text[start:end], -1), lex)


def _acted_on(sent: Sentence, start: int, end: int, lex: Lexicon) -> list[ActorRef]:
    """The party the demander's acts in [start, end) address: the に対し/に argument of 抗議/申し入れる…, or the
    one summoned (大使を呼び出し)."""
    for f in sent.analysis.frames:
        if start <= f.start < end and f.lemma in ADDRESSING | SUMMONED:
            for a in f.role("addressee", "dative"):
                who = list(a.actors) or _dative_party(a, lex)
                if who:
                    return who
            if f.lemma in SUMMONED:
                for a in f.role("object"):
                    if a.actors:
                        return list(a.actors)
    return []


def _joined(sent: Sentence, objects: list[Arg]) -> list[str]:
    """The objects' phrases, conjuncts joined by と kept as one measure (説明と謝罪を求めた: one demand; AやB,
    A、B: one each)."""
    out: list[str] = []
    prev: Arg | None = None
    for a in objects:
        if prev is not None and out and a.conjunct and prev.conjunct and sent.text[prev.end : a.start] == "と":
            out[-1] = out[-1] + "と" + a.text
        else:
            out.append(a.text)
        prev = a
    return out


# …と述べ、ただちに総選挙を行うべきだと要求した, 「…だけ」として予定通り開催するよう: what was said before it
SAID_LEAD = re.compile(r"^.{2,}?(?:と(?:述べ|語り|話し|強調し|指摘し|主張し|説明し)(?:て)?[、,，]|」として[、,，]?)")
CLAUSE_JOIN = re.compile(r"(?:[りしてでがず]|ものの|ため)[、,，]")
PURPOSE = re.compile(r"^[^、,，]{1,30}?ため(?:に)?[、,，]|^.{4,60}?(?:観点(?:から|で)|目的で)[、,，]?(?=.{4,})")
QUOTE_BEFORE = re.compile(r"^.*」(?![とのをがはにでもや」』])")  # 「…ではないか」新しい…よう: what was said first
# 感染の広がりで、…: a reason or setting with で and a comma at the head (not a verb's て-form: 急いで、読んで、; not
# on whose account: 韓国側の責任で、…是正する)
SETTING = re.compile(r"^[^、,，「」]{2,20}?(?<![いん])(?<!責任)(?<!負担)(?<!費用)で[、,，]")
# 建築基準法に基づき、…: the ground it is asked on
GROUND = re.compile(r"^[^、,，「」]{2,30}?に(?:基づき|基づいて|則り|のっとり|従い|従って)[、,，]")
CONJUNCTIVE = re.compile(r"^.{4,}?(?:を|に)(?:伝え|表明し|示し|述べ|強調し|指摘し)[、,，]")


def _split(measure: str) -> list[str]:
    """The measures a phrase names: without its purpose (…防ぐため、), a report before it (懸念を伝え、…よう),
    its brackets, 「など」; split at のほか, に加え, ①②. A clause that ran back over a quote (「…」と述べ、…よう)
    keeps what follows it, and what follows a purpose (…整えるため、)."""
    if QUOTED_SPEECH.search(measure):
        measure = QUOTED_SPEECH.split(measure)[-1]
    measure = SAID_LEAD.sub("", measure)
    if (m := QUOTE_BEFORE.match(measure)) and len(measure) - m.end() >= 4:
        measure = measure[m.end() :]
    measure = LEAD.sub("", re.sub(r"[「」『』]", "", measure))
    measure = CONJUNCTIVE.sub("", PURPOSE.sub("", measure))
    if (m := REASON.match(measure)) and len(measure) - m.end() >= 4:
        measure = measure[m.end() :]  # …を下回っていることから、早急に改善する; …法違反の疑いで刑事告発する
    if (m := SETTING.match(measure) or GROUND.match(measure)) and len(measure) - m.end() >= 4:
        measure = measure[m.end() :]
    if len(measure) > 50 and (m := list(CLAUSE_JOIN.finditer(measure))) and len(measure) - m[-1].end() >= 6:
        measure = measure[m[-1].end() :]  # a clause that ran back over the narration: what is asked is its end
    if len(measure) > 12 and (m := re.search(r"ため(?:に)?(?!の)(?=[^、,，]{4,}$)", measure)) and m.start() >= 4:
        measure = measure[m.end() :]
    parts = [TAIL.sub("", p).strip("、, ") for q in re.split(r"のほか、?|に加え(?:て)?、|[①-⑳]", measure)
             for p in split_both(q)]
    return [p for p in parts if len(p) >= 2 and p not in NOT_MEASURES]


# 韓国政府の適切な対応を求めた: an act the genitive actor must perform
OWN_ACT = re.compile(r"^(?P<who>[^、のがはを]{1,15}?)の(?:[^、の]{1,8}?な)?"
                     r"(?:対応|措置|説明|謝罪|回答|返答|自制|協力|努力|撤退|撤収|辞任|関与|決断|行動|善処|是正)$")


def _by(sent: Sentence, measure: str) -> list[ActorRef]:
    """イスラエルによる最大限の自制, 韓国政府の適切な対応, 韓国側の責任で…: the actor the measure says must act."""
    m = BY.match(measure) or OWN_ACT.match(measure) or ACCOUNT.match(measure)
    if not m:
        return []
    return [x for men in sent.mentions if sent.text[men.start : men.end] in (m["who"], m["who"] + "側")
            for x in men.actors]


ACCOUNT = re.compile(r"^(?P<who>[^、のがはを]{1,15}?)(?:側)?の(?:責任|負担)(?:で|において)")


__all__ = ["answered", "demands"]
