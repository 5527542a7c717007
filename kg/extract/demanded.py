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
from kg.analysis.frames import Frame
from kg.extract.context import Paragraph, Sentence
from kg.extract.demands import TAIL
from kg.extract.said import described_actor, describes_actor, leading_topic, own_unnamed_subject
from kg.lexicon import Lexicon
from kg.model import ActorRef, Demand, Evidence

RULE = "demands.v2"
NOT_MEASURES = ("書簡", "文書", "回答書", "声明", "こと", "もの", "これ", "それ", "同様", "ため")
LEAD = re.compile(r"^(?:[^、「」]{1,20}?に対し(?:て)?、)")
BY = re.compile(r"^(?P<who>[^、のがはを]{1,15}?)(?:による|によって|から)")


DEMAND_NOUNS = {"要請", "要求", "申し入れ", "要望", "申し入れる"}
LIGHT = {"ある", "行う", "行なう", "出す", "示す", "伝える", "表明", "突きつける", "提示", "繰り返す"}
REPLY = re.compile(r"^(?:これに対し(?:て)?|これを受け(?:て)?)[、,，]?")


def demands(para: Paragraph, lex: Lexicon) -> Iterator[Demand]:
    sents = para.sentences
    for n, sent in enumerate(sents):
        nxt = sents[n + 1] if n + 1 < len(sents) else None
        for frame in sent.analysis.frames:
            if _is_demand(frame, lex):
                found = _frame_demands(para, sent, frame, lex)
            elif frame.lemma in LIGHT and not frame.negated and DEMAND_NOUNS & set(frame.nouns):
                found = _noun_demands(para, sent, frame, lex)
            else:
                continue
            yield from (_replied(d, nxt) for d in found)


def _replied(d: Demand, nxt: Sentence | None) -> Demand:
    """A readout's demand with nobody named as asked: the one who answers in the next sentence (これに対し、
    ザリーフ外相から…): the other party."""
    if d.addressee is not None or nxt is None or not REPLY.match(nxt.text):
        return d
    for f in nxt.analysis.frames:
        for a in f.role("source", "topic", "subject"):
            if a.actors and a.actors[0].label != d.demander.label:
                return replace(d, addressee=a.actors[0])
    return d


def _noun_demands(para: Paragraph, sent: Sentence, frame: Frame, lex: Lexicon) -> Iterator[Demand]:
    """「Xから…につき要請があった」「…との申し入れを行った」: a demand noun carried by a light verb."""
    measures = [c.text for c in frame.complements if c.kind in ("tono", "koto") and c.noun in DEMAND_NOUNS]
    measures += [a.text for a in frame.args if a.case in ("につき", "について") and not a.actors]
    if not measures:
        return
    chain = sent.analysis.scope(frame)
    demanders = _actors(chain, "source") or _actors(chain, *SUBJECT_ROLES, lex=lex) or _described(chain, lex)
    addressees = _addressees(chain[:1])
    start = para.offset + sent.start
    ev = Evidence(sent.text, start, start + len(sent.text), RULE)
    for who in demanders:
        for m in measures:
            for part in _split(m):
                yield Demand(who, part, ev, addressee=next((a for a in addressees if a.label != who.label), None),
                             confidence=0.6)


def _addressees(frames: list[Frame]) -> list[ActorRef]:
    """The に対し/へ argument (a description when it names nobody we know: 国軍に対し), else the に argument."""
    for f in frames:
        for a in f.role("addressee"):
            if a.actors:
                return list(a.actors)
            if 2 <= len(a.text) <= 20 and a.text not in ("これ", "それ", "同日") \
                    and not re.search(r"[ぁ-ん]{2}", a.text):
                return [ActorRef(a.text, a.text, "Actor")]
    return _actors(frames[:1], "dative")


def _is_demand(frame: Frame, lex: Lexicon) -> bool:
    if frame.negated or frame.lemma not in lex.demand_cues:
        return False
    if frame.lemma not in lex.clause_only_cues:
        return True
    # …するよう呼びかけた is a call to act; 注意を促した, …よう注意を呼びかけた are warnings
    return not frame.role("object") and any(c.kind in ("yo", "koto") for c in frame.complements)


def _frame_demands(para: Paragraph, sent: Sentence, frame: Frame, lex: Lexicon) -> Iterator[Demand]:
    measures = _measures(sent, frame)
    if not measures:
        return
    passive = frame.voice == "passive"
    chain = sent.analysis.scope(frame)
    demanders: list[ActorRef] = []
    addressees: list[ActorRef] = []
    conf = 0.75
    if passive:
        demanders = _actors(chain[:1], "source", "agent", "dative") or _inner_source(sent, frame)
        addressees = _actors(chain, *SUBJECT_ROLES)
    else:
        # …を求めるロシア / …を求めるロシアの要求: the noun a relative clause modifies demands, whatever the parse
        # hung on the clause
        demanders = _modified(sent, frame) if frame.dep == "acl" else []
        if not demanders:
            demanders = _actors(chain, *SUBJECT_ROLES, lex=lex)
        if not demanders:
            demanders = _actors(chain, "source")
        if not demanders:
            demanders = _described(chain, lex)
            conf = 0.6
        lead = None
        if not demanders and not any(f.role(*SUBJECT_ROLES) for f in chain) and frame.dep != "acl":
            lead = next((x for c in frame.complements if (x := leading_topic(sent, c)) is not None), None)
            demanders = list(lead.actors) if lead is not None else _stray_subject(sent, frame)
            if lead is not None:
                said_by = sent.text[lead.start : lead.end + len(lead.case)]
                measures = [(_after(m, said_by), i) for m, i in measures]
        if not demanders and not frame.in_quote and not any(f.role(*SUBJECT_ROLES) for f in chain) \
                and not own_unnamed_subject(sent, frame):
            demanders = list(sent.context.topic)
            conf = 0.55
        addressees = _addressees(chain[:1]) or _actors(chain[1:2], "addressee")
    if not demanders:
        return
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
                yield Demand(who, part, ev, addressee=target, confidence=conf)


def _actors(frames: list[Frame], *roles: str, lex: Lexicon | None = None) -> list[ActorRef]:
    """The actors of the first of ``frames`` that has arguments in ``roles`` (an argument that holds the demand
    itself — …を求める考えも示した — is not one of them)."""
    for f in frames:
        args = [a for a in f.role(*roles) if not a.start <= frames[0].start < a.end]
        topics = [a for a in args if a.role == "topic" and a.actors]
        if topics and any(a.role == "subject" for a in args):
            args = topics  # ロシアはNATOが…しないことの保証を求めている: the が belongs to the clause inside
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


def _described(frames: list[Frame], lex: Lexicon) -> list[ActorRef]:
    for f in frames:
        for a in f.role(*SUBJECT_ROLES):
            if describes_actor(a, lex):
                return [described_actor(a.text, lex)]
        if f.role(*SUBJECT_ROLES):
            return []
    return []


def _inner_source(sent: Sentence, frame: Frame) -> list[ActorRef]:
    """AはBから…よう求められた, with Bから parsed inside the clause: the から-argument opening the clause."""
    for comp in frame.complements:
        for f in sent.analysis.frames:
            for a in f.role("source", "agent"):
                if a.actors and comp.start <= a.start < comp.start + 2:
                    return list(a.actors)
    return []


def _measures(sent: Sentence, frame: Frame) -> list[tuple[str, list[ActorRef]]]:
    """(measure, actors that must act in it) for the よう/ことを clause or the を-object."""
    out: list[tuple[str, list[ActorRef]]] = []
    for comp in frame.complements:
        if comp.kind in ("yo", "koto"):
            inner = [x for f in sent.analysis.frames if comp.start <= f.start < comp.end
                     for a in f.role("subject", "topic") if comp.start <= a.start for x in a.actors]
            text = comp.text
            for f in sent.analysis.frames:  # an addressee or source the clause swallowed (米国に対し、…よう)
                for a in f.role("addressee", "source", "agent"):
                    if a.start == comp.start and a.actors:
                        text = sent.text[a.end + len(a.case) : comp.end]
                        if a.role == "addressee":
                            inner = inner or list(a.actors)
            out.append((text, inner))
    if not out and not frame.role("object") and frame.lemma in ("求める", "要求", "要請", "要望"):
        # 「…してほしい」と求めた: the words are what is asked (迫る with と is a score: 2-1と迫った)
        out += [(sent.text[s + 1 : e - 1], []) for c in frame.complements if c.kind == "quote" for s, e in c.quotes]
        out += [(c.text, []) for c in frame.complements if c.kind == "clause"]
    if not out:
        objects = frame.role("object")
        for a in objects:
            if not a.text.endswith(NOT_MEASURES):
                out.append((a.text, []))
    return [(m.strip("、, "), i) for m, i in out if len(m.strip("、, ")) >= 2]


PURPOSE = re.compile(r"^[^、,，]{1,30}?ため(?:に)?[、,，]")
CONJUNCTIVE = re.compile(r"^.{4,}?(?:を|に)(?:伝え|表明し|示し|述べ|強調し|指摘し)[、,，]")


def _split(measure: str) -> list[str]:
    """The measures a phrase names: without its purpose (…防ぐため、), a report before it (懸念を伝え、…よう),
    its brackets, 「など」; split at のほか, に加え, ①②."""
    measure = LEAD.sub("", re.sub(r"[「」『』]", "", measure))
    measure = CONJUNCTIVE.sub("", PURPOSE.sub("", measure))
    parts = [TAIL.sub("", p).strip("、, ") for p in re.split(r"のほか、?|に加え(?:て)?、|[①-⑳]", measure)]
    return [p for p in parts if len(p) >= 2 and p not in NOT_MEASURES]


def _by(sent: Sentence, measure: str) -> list[ActorRef]:
    """イスラエルによる最大限の自制: the actor the measure says must act."""
    m = BY.match(measure)
    if not m:
        return []
    return [x for men in sent.mentions if sent.text[men.start : men.end] == m["who"] for x in men.actors]


__all__ = ["demands"]
