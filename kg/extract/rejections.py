"""actor –rejects→ what: 「米国はロシアの要求を拒否した」.

Rule ``rejections.v1``: a rejection cue (kg/resources/rejection_cues.txt) used as a verb, not negated; what
is rejected is its object (ロシアの要求, 拡大停止や部隊の撤去), whose it was the actor that owns it
(ロシアの要求 → ロシア); the rejecter is the subject, else the sentence's topic. A refusal is never a
demand by the refuser: the demand extractor skips a demand noun that is only refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import Paragraph, Sentence, tokens_of
from kg.extract.demands import DemandExtractor, used_as_predicate
from kg.lexicon import Lexicon
from kg.model import ActorRef, Evidence, Rejection

RULE = "rejections.v1"
LEADING_SUBJECT = re.compile(r"^(?P<subj>[^、。「」]{2,30}?)が")


class RejectionExtractor:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, para: Paragraph) -> Iterator[Rejection]:
        for sent in para.sentences:
            s0, s1 = sent.start, sent.start + len(sent.text)
            for tok in tokens_of(para, sent):
                if s0 <= tok.idx < s1 and self._is_cue(tok) and not sent.in_quote(tok.idx - s0):
                    yield from self._rejection(para, sent, tok)

    def _is_cue(self, tok) -> bool:
        return tok.lemma_ in self.lex.rejection_cues and tok.pos_ in ("VERB", "NOUN") and used_as_predicate(tok)

    def _rejection(self, para: Paragraph, sent: Sentence, cue) -> Iterator[Rejection]:
        objs = [c for c in cue.children if c.dep_ == "obj"]
        if not objs:
            return
        obj = objs[0]
        what = para.doc[obj.left_edge.i : obj.i + 1].text.strip("「」、 ")
        owner = None
        for c in obj.children:
            if c.dep_ == "nmod" and c.i < obj.i:
                found = DemandExtractor._actors(sent, c.idx, c.idx + len(c.text), genitive=True)
                owner = found[0] if found else owner
        subj = [c for c in cue.children if c.dep_ == "nsubj"]
        rejecters: list[ActorRef] = []
        lead = LEADING_SUBJECT.match(what)  # the parse hung 「米国とNATOが」 inside the object
        if lead:
            a = obj.left_edge.idx
            rejecters = DemandExtractor._actors(sent, a, a + lead.end("subj"))
            if rejecters:
                what = what[lead.end() :]
        if subj and not rejecters:
            rejecters = DemandExtractor._actors(sent, subj[0].left_edge.idx, subj[0].idx + len(subj[0].text))
        if not rejecters and not subj:
            rejecters = DemandExtractor._topic(sent)
        start = para.offset + sent.start
        ev = Evidence(sent.text, start, start + len(sent.text), RULE)
        for actor in rejecters:
            if len(what) >= 2 and (owner is None or owner.label != actor.label):
                yield Rejection(actor, what, ev, owner=owner, confidence=0.7 if subj else 0.55)
