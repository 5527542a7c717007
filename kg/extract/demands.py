"""actor –demands→ measure (–addressee→ actor), from the dependency parse.

A demand cue (要求する, 求める, 要請する, 迫る, 突きつける …; kg/resources/demand_cues.txt) used as a verb:
- the measure is its object (「…の撤退を要求」), or the clause it governs (「…するよう求めた」), or — when the cue
  sits in a relative clause — the noun it modifies (「ロシアが要求するNATOの拡大停止」);
- the demander is its subject (Xは/Xが), else the sentence's topic, else the subject carried from the
  previous sentence; in 「…を求めるロシア」 the modified noun is the demander;
- the addressee is its に/に対し argument (「米国に」), when the text names one.
Negated (求めない) and refused (要求を拒否した) demands are not demands: a cue used as a noun is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import Paragraph, Sentence
from kg.lexicon import Lexicon
from kg.model import ActorRef, Demand, Evidence
from kg.resolve.actors import Mention

RULE = "demands.v1"
NEGATION = {"ない", "ぬ", "ず", "ん"}
CLAUSE_ENDS = ("ように", "よう", "ことを", "ことで", "こと")


FROM = re.compile(r"^(?P<who>[^のがはを]{1,12})からの")
SPLIT = re.compile(r"のほか、?|に加え(?:て)?、|や(?=[^ぁ-ん])|[①-⑳]|(?<=[^ぁ-ん])、(?=[^、]{4,}$)(?=.*[①-⑳])")
OFFICIALS = re.compile(r"の[一-龥ァ-ヶー]{1,8}ら?(?:は|が)")
TAIL = re.compile(r"(?:などの?|等の?|ことなど|こと)+$")


def split_measure(measure: str) -> list[str]:
    """「AやB」「AのほかB」「①A②B」 → one measure each; brackets, quotes and 「など」 dropped."""
    measure = re.sub(r"[「」『』]", "", measure)
    if "」" in measure or "、" in measure and len(measure) > 60:
        measure = measure.rsplit("、", 1)[-1]
    measure = re.sub(r"^.{2,40}?ため(?:に)?、?(?=.{6,})", "", measure)
    parts = [TAIL.sub("", p).strip("、 ") for p in SPLIT.split(measure)]
    return [p for p in parts if len(p) >= 2]


def _span_text(doc, a: int, b: int) -> str:
    return doc[a:b].text if b > a else ""


class DemandExtractor:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, para: Paragraph) -> Iterator[Demand]:
        doc = para.doc
        carried: list[ActorRef] = []
        for sent in para.sentences:
            s0, s1 = sent.start, sent.start + len(sent.text)
            topic = self._topic(sent)
            for tok in doc:
                if not (s0 <= tok.idx < s1) or not self._is_cue(tok) or sent.in_quote(tok.idx - s0):
                    continue
                yield from self._demand(para, sent, tok, topic or carried)
            if topic:
                carried = topic

    def _is_cue(self, tok) -> bool:
        if tok.lemma_ not in self.lex.demand_cues and tok.text not in self.lex.demand_cues:
            return False
        if tok.pos_ == "NOUN":
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is None or nxt.lemma_ not in ("する", "。", "、"):
                return False
        return not any(c.lemma_ in NEGATION and c.dep_ == "aux" for c in tok.children)

    def _demand(self, para: Paragraph, sent: Sentence, cue, fallback: list[ActorRef]) -> Iterator[Demand]:
        doc = para.doc
        demanders: list[ActorRef] = []
        measure = ""
        for child in cue.children:
            if child.dep_ == "obj" and not measure:
                measure = self._phrase(child)
            elif child.dep_ in ("advcl", "ccomp", "csubj", "acl") and child.i < cue.i and not measure:
                clause = _span_text(doc, child.left_edge.i, child.right_edge.i + 1)
                for end in CLAUSE_ENDS:
                    if clause.endswith(end):
                        measure = clause[: -len(end)]
                        break
        relative = cue.dep_ == "acl" and cue.head.i > cue.i
        cue_noun_head = relative and cue.head.lemma_ in self.lex.demand_cues  # …撤回するよう求めるなど、要求は…
        if relative:
            head = cue.head
            head_actors = self._actors(sent, head.idx, head.idx + len(head.text))
            if not head_actors and head.lemma_ in self.lex.demand_cues:  # …を求めるロシアの要求
                for c in head.children:
                    if c.dep_ == "nmod" and c.i < head.i:
                        head_actors += self._actors(sent, c.idx, c.idx + len(c.text))
            if head_actors:
                demanders = head_actors
            elif not measure:
                measure = _span_text(doc, cue.right_edge.i + 1, cue.head.i + 1)
        if not measure:
            return
        subj = [c for c in cue.children if c.dep_ == "nsubj"]
        if not demanders and subj:
            demanders = self._actors(sent, subj[0].left_edge.idx, subj[0].idx + len(subj[0].text))
        if not demanders and (not relative or cue_noun_head and measure):
            demanders = fallback
        if not demanders:
            return
        addressee = None
        for child in cue.children:
            if child.dep_ in ("obl", "iobj") and self._case(child).startswith("に"):
                first = child
                while first.i > 0 and first.nbor(-1).dep_ == "compound" and first.nbor(-1).head.i == child.i:
                    first = first.nbor(-1)
                found = self._actors(sent, first.idx, child.idx + len(child.text))
                addressee = found[0] if found else addressee
        m = FROM.match(measure)
        if addressee is None and m:  # 米国からの回答を求める: asked of the US
            found = [x for x in self._actors(sent, 0, 10**9) if x.text == m["who"] or x.label == m["who"]]
            addressee = found[0] if found else None
        start = para.offset + sent.start
        ev = Evidence(sent.text, start, start + len(sent.text), RULE)
        conf = 0.75 if subj else 0.6
        for part in split_measure(measure):
            for actor in demanders:
                if addressee is not None and addressee.label == actor.label:
                    continue
                yield Demand(actor, part, ev, addressee=addressee, confidence=conf)

    @staticmethod
    def _phrase(tok) -> str:
        return tok.doc[tok.left_edge.i : tok.i + 1].text

    @staticmethod
    def _case(tok) -> str:
        return "".join(c.text for c in tok.children if c.dep_ in ("case", "fixed") and c.i > tok.i)

    @staticmethod
    def _actors(sent: Sentence, a: int, b: int) -> list[ActorRef]:
        out: list[ActorRef] = []
        for m in sent.mentions:
            ms, me = sent.start + m.start, sent.start + m.end
            if ms < b and me > a and not sent.text.startswith("の", m.end):
                out.extend(x for x in m.actors if x.label not in {o.label for o in out})
        return out

    @staticmethod
    def _topic(sent: Sentence) -> list[ActorRef]:
        """The sentence's topic: Xは/Xが, or a state whose officials are the topic (ロシアの外務次官らは)."""
        for m in sent.mentions:
            if sent.in_quote(m.start):
                continue
            if sent.text.startswith(("は", "が"), m.end):
                return list(m.actors)
            if m.actor.type == "State" and OFFICIALS.match(sent.text, m.end):
                return list(m.actors)
        return []


__all__ = ["DemandExtractor", "Mention"]
