"""State that crosses sentences, as a value: who the text is talking about.

``Discourse`` is immutable; ``advance(state, sentence)`` returns the state the next sentence starts from. The
subject or topic of a sentence's main clause is carried to the next sentences only while they have none of their
own; a source introduced by によると never is (it reports, it does not speak); a subject that names nobody we
know (女性は, 声明は) stops the carry-over.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.analysis.frames import Frame, SentenceFrames
from kg.model import ActorRef

SUBJECT_ROLES = ("topic", "subject")
SPOKESPEOPLE = ("報道官", "報道担当官", "報道担当者", "広報担当者", "広報官", "スポークスマン", "報道局長")


@dataclass(frozen=True)
class Discourse:
    topic: tuple[ActorRef, ...] = ()  # the actors the text is about, carried from earlier sentences


def main_frame(analysis: SentenceFrames) -> Frame | None:
    """The root predicate of the sentence outside quotes (the last one when the parse has several roots)."""
    roots = [f for f in analysis.frames if f.dep == "ROOT" and not f.in_quote]
    return roots[-1] if roots else None


def own_subject(analysis: SentenceFrames, frame: Frame | None) -> list:
    """The topic/subject arguments of ``frame`` or of the frames it is chained to."""
    if frame is None:
        return []
    for f in (frame, *analysis.governing(frame)):
        args = f.role(*SUBJECT_ROLES)
        if args:
            return args
    return []


def speakers_of(arg) -> tuple[ActorRef, ...]:
    """The actors a subject phrase names: its own, or the body a spokesperson speaks for (ロシア外務省の報道官)."""
    if arg.actors:
        return arg.actors
    if arg.qualifiers and arg.text.removesuffix("ら").endswith(SPOKESPEOPLE):
        return arg.qualifiers[-1:]
    return ()


def advance(state: Discourse, analysis: SentenceFrames, sentence=None) -> Discourse:
    """The state after a sentence: its main clause's named subject, else (no subject at all) the old one. With
    ``sentence`` (its text and mentions), a sentence with no predicate outside quotes (ラブロフ氏は…を牽制。) is
    about the actor marked with は that opens it."""
    main = main_frame(analysis)
    # 持論も展開した, 考えも示した: an unnamed も-phrase right before the predicate is what it puts forward
    args = [a for a in own_subject(analysis, main)
            if speakers_of(a) or main is None or not (a.case == "も" and main.start - a.end <= 1)]
    if not args:  # the parse hung the topic elsewhere: the sentence's first named は-topic outside quotes (on a
        # frame inside a quote too: 前原大臣は、「…検討する」と話した hangs the topic on 検討する; an argument's
        # actors are only ever mentions outside quotes)
        args = sorted((a for f in analysis.frames for a in f.role("topic")
                       if speakers_of(a) and a.case[:1] == "は"), key=lambda a: a.start)[:1]
    if not args and main is not None:  # a readout: X大臣から、…旨述べました; the next sentence's …旨の発言があった
        args = [a for f in (main, *analysis.governing(main)) for a in f.role("source") if a.actors][:1]
    if not args and main is None and sentence is not None:
        text = sentence.text
        opening = [m for m in sentence.mentions if not sentence.in_quote(m.start)
                   and text.startswith(("は", "氏は"), m.end) and not text.startswith("はず", m.end)][:1]
        if opening:
            return Discourse(tuple(opening[0].actors))
    if not args:
        return state
    actors = tuple(a for arg in args for a in speakers_of(arg))
    return Discourse(actors) if actors else Discourse()
