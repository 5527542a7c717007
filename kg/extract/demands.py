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

from kg.analysis.grammar import voice
from kg.extract.context import Paragraph, Sentence, skip_aside, tokens_of
from kg.lexicon import Lexicon
from kg.model import ActorRef, Demand, Evidence
from kg.resolve.actors import Mention

RULE = "demands.v1"
NEGATION = {"ない", "ぬ", "ず", "ん"}
CLAUSE_ENDS = ("ように", "よう", "ことを", "ことで", "こと")


FROM = re.compile(r"^(?P<who>[^のがはを]{1,12})からの")
LEAD = re.compile(r"^(?:[^、「」]{1,20}?(?:は|が)(?=[^、]{0,20}?に対し))?(?:[^、「」]{1,20}?に対し(?:て)?、)?")
QUOTED_SPEECH = re.compile(r"」と[^、]{0,6}、")
SPLIT = re.compile(r"のほか、?|に加え(?:て)?、|や(?=[^ぁ-ん])|[①-⑳]")
BOTH = re.compile(r"及び|および|並びに")


def split_both(measure: str) -> list[str]:
    """「Aの解放及びBの再開」: two noun phrases, two measures; not 「センターを設置及びBの支援」 (a verb phrase
    before it) nor 「核兵器およびその運搬手段の追求」 (a short word inside one phrase)."""
    parts = BOTH.split(measure)
    if len(parts) == 2 and all(len(p) >= 6 and not re.search(r"[、,，]$|^[、,，]", p) for p in parts) \
            and "を" not in parts[0] and ("を" not in parts[1] or VERB_END.search(parts[0])):
        return parts
    return [measure]
OFFICIALS = re.compile(r"の[一-龥ァ-ヶー]{1,8}ら?(?:は|が)")
PRONOUNS = {"もの", "こと", "それ", "これ", "そのこと", "同様", "意見", "見解", "感想", "助言"}
CLAUSE_DEPS = ("advcl", "ccomp", "csubj", "acl")
NOT_MEASURES = ("書簡", "文書", "回答書", "声明")  # 書簡を突きつけた: a letter handed over, not a demand
PRESENT_VERBS = {"示す", "提示", "突きつける", "突き付ける", "出す", "伝える", "提出", "表明", "繰り返す"}
OWNER = re.compile(r"(?P<who>[^、のなどいう]{1,12}?)(?:側)?の$")
CONTENT = re.compile(r"(?:などの?|という|との|といった)(?:[^、]{0,8}?な)?$")
OWN_BODY = re.compile(r"[一-龥ァ-ヶー）)]{1,}(?:では|でも|側は|側が|側も)")
# what follows a cue that makes it no demand made: an intention (要望したい, 求めていきたい), a guess (…とみられる,
# 迫ると見られる), a denial (求めたのではなかった), hearsay of a plan (求めるという。, 要望することにしている)
STANCE = re.compile(r"[しすさ]?(?:て(?:いき|ゆき|おき))?たい"
                    r"|[ぁ-ん]{0,4}?(?:と(?:見られ|みられ|見てい|みてい|思われ|予想|予測)|見通し|可能性|のではな|わけではな)"
                    r"|[しす]?る?という[。、,，]|[しす]?る?ことにしている"
                    r"|[すしる]?べき|[るた]?か(?:どうか|否か)")  # …を求めるべきだ, 求めるかどうか: not asked yet
# 求めることはなかった, 要求することはしない (matched from the cue on): a demand the text says was not made
NEVER = re.compile(r"[^、。「」]{0,6}?(?:(?:こと|の)(?:は|も)[、,，]?(?:なかっ|ない|なく|なし|しな|せず|せぬ|ありませ|"
                   r"ございませ|一度もな|一切しな)|ことなく|ことなしに"
                   # …求めたことを否定した, 求めたとの報道を否定, 求めたという事実はない: a demand denied
                   r"|(?:こと|との[^、。]{1,6}?|という[^、。]{1,6}?)(?:を|は)[^、。]{0,4}?(?:否定|否認|打ち消)"
                   r"|という事実は(?:な|あり))")
# 目標に達しなければ…を求める, 合意できたら…: a conditional clause (not によれば, からすれば, …なければならない,
# 例えば)
IF_CLAUSE = re.compile(r"(?<!によ)(?:ければ|れば|えば|けば|せば|てば|ねば|べば|めば|たら|だら|なら(?:ば)?)"
                       r"(?![なけずぬいびれ])")
NOT_IF = ("からす", "から見", "からみ", "例", "たと", "言", "いわ")


def conditional(text: str, end: int, inside: list[tuple[int, int]], in_quote) -> bool:
    """A conditional clause before ``end``, outside the spans of what is asked and outside quotes: what a
    nonpast cue asks waits on it (目標に達しなければ規模縮小を求める), no demand is made yet."""
    return any(not in_quote(m.start()) and not any(s <= m.start() < e for s, e in inside)
               and not text[max(0, m.start() - 3) : m.start()].endswith(NOT_IF)
               and not CLAUSE_END.search(text, m.end(), end)
               for m in IF_CLAUSE.finditer(text, 0, end))


# 侵攻なら「…」と警告し、ロシアに部隊撤収を要求: the condition belongs to a clause that ended before the cue
CLAUSE_END = re.compile(r"(?:[しりきちいみびぎ]|[てで])[、,，]")


# …を下回っていることから、…; …法違反の疑いで刑事告発する: a reason or a ground before what is asked
REASON = re.compile(r"^.{2,40}?(?:ことから|ことを受け(?:て)?|ので|の疑いで|容疑で|違反で)(?!の)[、,，]?")
ALLEGED = re.compile(r"[ぁ-ん]{0,6}?(?:として(?![いおる])[、,，]?|とされ|疑い)")
CHANNEL = re.compile(r"を(?:通じ|通し|介し|経由|経て|相手)")
PAST = re.compile(r"(?:て(?:い|お|き)|まし|し)*た")
RUN_ON = re.compile(r"(?:ものの|ており|ていたが|ず)[、,，]")
TAIL = re.compile(r"(?:などの?|等の?|ことなど|こと)+$")


def _without_subject(measure: str, demanders: list[ActorRef]) -> str:
    """The measure without the demander's own topic the clause ran back over (NTTドコモも…: 残り)."""
    for who in demanders:
        for name in (who.text, who.label):
            if name and measure.startswith(name) and measure[len(name) : len(name) + 1] in ("は", "も", "が"):
                rest = measure[len(name) + 1 :].lstrip("、, ")
                return rest if len(rest) >= 2 else measure
    return measure


def split_measure(measure: str) -> list[str]:
    """「AやB」「AのほかB」「①A②B」 → one measure each; brackets, quotes, 「など」, and a subject or addressee
    the parse left at the front (バイデン大統領はロシアに対し、…) dropped."""
    if QUOTED_SPEECH.search(measure):  # the clause ran back over a quote: keep what follows it
        measure = QUOTED_SPEECH.split(measure)[-1]
    measure = LEAD.sub("", re.sub(r"[「」『』]", "", measure))
    measure = re.sub(r"^.{2,40}?ため(?:に)?、?(?=.{6,})", "", measure)
    if (m := REASON.match(measure)) and len(measure) - m.end() >= 4:
        measure = measure[m.end() :]  # AやB違反の疑いで告発する: the laws are the ground, not what is asked
    parts = [TAIL.sub("", p).strip("、 ") for q in _conjuncts(measure) for p in split_both(q)]
    return [p for p in parts if len(p) >= 2]


INSIDE_SUBJECT = re.compile(r"[一-龥ァ-ヶーA-Za-z0-9０-９）)]が")
VERB_END = re.compile(r"(?:[うくぐすつぬぶむるいた]|ない|せ)$")


def _conjuncts(measure: str) -> list[str]:
    """The measures split at のほか, に加え, ①②, and at や when it joins two things asked, not two nouns inside one
    clause: not when what comes before it has a subject of its own (各家庭がラジオや救急キットを準備する) nor when what
    follows it is a clause that ends in the noun it describes (被害の補償や環境の回復を…が負担する原則)."""
    out: list[str] = []
    for q in SPLIT.split(measure):
        if out and (INSIDE_SUBJECT.search(out[-1]) and "を" not in out[-1]
                    or "を" in q and not VERB_END.search(TAIL.sub("", q))):
            out[-1] += measure[measure.index(out[-1]) + len(out[-1]) : measure.index(q, measure.index(out[-1]))] + q
            continue
        out.append(q)
    return out


def _in_relative(cue) -> bool:
    """…が特許無効を求め起こした訴訟: a cue chained into a relative clause, whose subject is its own (not the main
    clause's topic)."""
    tok = cue
    while tok.dep_ in ("advcl", "conj") and tok.head.i > tok.i:
        tok = tok.head
        if tok.dep_ == "acl":
            return True
    return False


def _span_text(doc, a: int, b: int) -> str:
    return doc[a:b].text if b > a else ""


def used_as_predicate(tok) -> bool:
    """A cue word used as a predicate and not negated: a verb, or a noun before する/。/、 (要求する, 拒否。),
    never 求めない or 拒否しない."""
    if tok.pos_ == "NOUN" and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).lemma_ in ("する", "。", "、")):
        return False
    return not any(c.lemma_ in NEGATION and c.dep_ == "aux" for c in tok.children)


class DemandExtractor:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, para: Paragraph) -> Iterator[Demand]:
        carried: list[ActorRef] = []
        for sent in para.sentences:
            s0, s1 = sent.start, sent.start + len(sent.text)
            topic = self._topic(sent)
            theme = self._topic(sent, marker="は")
            for tok in tokens_of(para, sent):
                if not (s0 <= tok.idx < s1):
                    continue
                verb = self._is_cue(tok)
                if not verb and not self._is_demand_noun(tok):
                    continue
                # inside a quote only the quote's own subject demands (「バイデン大統領は…要請した」と述べた)
                if sent.in_quote(tok.idx - s0):
                    fallback = self._quote_topic(sent, tok.idx - s0)
                else:  # a sentence with a subject of its own we cannot name (女性は, センターも, 県では, X側は)
                    # carries nobody in
                    fallback = topic or ([] if self._unnamed_subject(para, sent, tok.idx)
                                         or OWN_BODY.search(sent.text, 0, tok.idx - s0)
                                         or verb and not self._heads_demand_noun(tok) else carried)
                yield from (self._demand if verb else self._noun_demand)(para, sent, tok, fallback)
            if theme:
                carried = theme  # a は-topic runs on into the next sentences; a が-subject does not

    def _heads_demand_noun(self, tok) -> bool:
        """…撤回するよう求めるなど、要求はエスカレート: a cue that describes a demand noun (the text is about whoever
        the sentences before name); any other cue's demander is the frame rule's to carry."""
        return tok.dep_ == "acl" and any(t.lemma_ in self.lex.demand_cues for t in tok.doc[tok.i + 1 : tok.head.i + 1])

    def _is_cue(self, tok) -> bool:
        if tok.lemma_ not in self.lex.demand_cues and tok.text not in self.lex.demand_cues:
            return False
        if voice(tok) == "passive":
            return False  # 求められた: the frame rule (demands.v2) reads who asked whom
        return used_as_predicate(tok)

    def _is_demand_noun(self, tok) -> bool:
        """要求 as a noun with its content: 「…など包括的な要求を示した」「…を認めないなどのロシア側の要求」."""
        if tok.pos_ != "NOUN" or tok.lemma_ not in self.lex.demand_cues or tok.i == 0:
            return False
        if tok.dep_ == "obj" and tok.head.lemma_ in PRESENT_VERBS:
            return True
        return any(c.dep_ == "nmod" and c.i < tok.i for c in tok.children)

    # ---- a cue used as a verb -----------------------------------------------------------

    def _demand(self, para: Paragraph, sent: Sentence, cue, fallback: list[ActorRef]) -> Iterator[Demand]:
        doc = para.doc
        if STANCE.match(doc.text, cue.idx + len(cue.text)) or NEVER.match(doc.text, cue.idx):
            return
        if ALLEGED.match(doc.text, cue.idx + len(cue.text)) and not any(c.dep_ == "nsubj" for c in cue.children):
            return  # …を要求したとして、警察は男を逮捕した: the main clause's topic did not ask
        demanders: list[ActorRef] = []
        measures = self._measures(para, sent, cue)
        # a relative clause modifies the noun right after it (ロシアが要求するNATOの拡大停止); 「…求めるなど、要求は」
        # is a parse that hung a clause on a later predicate
        relative = cue.dep_ == "acl" and cue.head.i > cue.i \
            and not any(t.is_punct or t.lemma_ == "は" for t in doc[cue.right_edge.i + 1 : cue.head.i])
        cue_noun_head = relative and cue.head.lemma_ in self.lex.demand_cues  # …撤回するよう求めるなど、要求は…
        if relative:
            head = cue.head
            while head.dep_ in ("compound", "nmod") and head.head.i > head.i \
                    and not any(c.dep_ == "case" for c in head.children):
                head = head.head  # 機構(NATO)不拡大提案: the noun phrase ends at 提案
            head_actors = self._actors(sent, head.idx, head.idx + len(head.text))
            if not head_actors and head.lemma_ in self.lex.demand_cues:  # …を求めるロシアの要求
                for c in head.children:
                    if c.dep_ == "nmod" and c.i < head.i:
                        head_actors += self._actors(sent, c.idx, c.idx + len(c.text), genitive=True)
            if head_actors:
                demanders = head_actors
            elif not measures:
                measures = [_span_text(doc, cue.right_edge.i + 1, head.i + 1)]
        if not measures:
            return
        at = cue.idx - sent.start
        if not PAST.match(doc.text, cue.idx + len(cue.text)) and conditional(
                sent.text, at, [(i, i + len(m)) for m in measures if (i := sent.text.find(m)) >= 0], sent.in_quote):
            return  # …なければ…を求める: a stance for a case that has not come
        subj = [c for c in cue.children if c.dep_ == "nsubj"]
        if not demanders and subj:
            demanders = self._actors(sent, subj[0].left_edge.idx, subj[0].idx + len(subj[0].text))
        if not demanders:
            demanders = self._subject_before(sent, cue.idx)
        if not demanders and (not relative or cue_noun_head) and not subj and not _in_relative(cue):
            demanders = fallback  # a subject we cannot name (両県知事が) is nobody to carry onto
        if cue.lemma_ in self.lex.clause_only_cues and (
                not any(c.i < cue.i and c.dep_ in CLAUSE_DEPS for c in cue.children)
                or any(c.i < cue.i and c.dep_ == "obj" for c in cue.children)):
            return  # 注意を呼びかけた, …よう注意を呼びかけた are warnings; …するよう呼びかけた is a call to act
        measures = [m for m in measures if not m.endswith(NOT_MEASURES) and m not in PRONOUNS]
        yield from self._emit(para, sent, cue, demanders, measures, 0.75 if subj else 0.6)

    def _measures(self, para: Paragraph, sent: Sentence, cue) -> list[str]:
        """What the cue demands: its object, or the clause it governs (…するよう), and what に加え adds."""
        doc = para.doc
        out: list[str] = []
        for child in cue.children:
            if child.i > cue.i:
                continue
            if child.dep_ == "obj" and not out and self._object(doc, child):
                out.append(self._numbered(sent, cue, child) or self._phrase(child))
            elif child.dep_ in ("advcl", "ccomp", "csubj", "acl") and not out:
                clause = _span_text(doc, child.left_edge.i, child.right_edge.i + 1)
                for end in CLAUSE_ENDS:
                    if clause.endswith(end):
                        out.append(clause[: -len(end)])
                        break
        for child in cue.children:  # Aに加え、Cするよう要求
            if child.lemma_ == "加える" and child.i < cue.i:
                out.extend(self._phrase(c) for c in child.children if c.dep_ in ("obl", "obj"))
        return [m for m in out if not m.endswith(NOT_MEASURES)]

    @staticmethod
    def _numbered(sent: Sentence, cue, obj) -> str | None:
        """「ロシアは①…②…③…ことなどを要求」: the whole numbered list, however the parse cut it."""
        s0 = sent.start
        end = obj.idx + len(obj.text) - s0
        first = sent.text.find("①", 0, end)
        return sent.text[first:end] if first >= 0 else None

    # ---- a cue used as a noun -----------------------------------------------------------

    def _noun_demand(self, para: Paragraph, sent: Sentence, noun, fallback: list[ActorRef]) -> Iterator[Demand]:
        """「NATOの拡大の禁止や…活動停止など包括的な要求を示した」: the list before 要求 is what is demanded."""
        doc = para.doc
        content = _span_text(doc, noun.left_edge.i, noun.i)
        owner = OWNER.search(content)  # …などのロシア側の要求: ロシア demands
        owners: list[ActorRef] = []
        if owner:
            base = noun.left_edge.idx - sent.start
            a, b = base + owner.start("who"), base + owner.end("who")
            owners = [x for m in sent.mentions if a <= m.start and m.end <= b for x in m.actors]
            content = content[: owner.start()]
        m = CONTENT.search(content)
        if not m or not m.start():
            return
        measure = content[: m.start()]
        verb = noun.head
        if owners:
            yield from self._emit(para, sent, noun, owners, [measure], 0.55)
            return
        if noun.dep_ != "obj" or verb.lemma_ not in PRESENT_VERBS:
            return
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        demanders = self._actors(sent, subj[0].left_edge.idx, subj[0].idx + len(subj[0].text)) if subj else []
        yield from self._emit(para, sent, verb, demanders or fallback, [measure], 0.55)

    # ---- shared -------------------------------------------------------------------------

    def _emit(self, para: Paragraph, sent: Sentence, verb, demanders: list[ActorRef], measures: list[str],
              conf: float) -> Iterator[Demand]:
        # 国土交通省北海道運輸局は: the bureau asks, the ministry only qualifies it (as the frames read the phrase)
        heads = {x.label for f in sent.analysis.frames for a in f.args for x in a.actors}
        qualifiers = {x.label for f in sent.analysis.frames for a in f.args for x in a.qualifiers} - heads
        demanders = [d for d in demanders if d.label not in qualifiers] if len(demanders) > 1 else demanders
        if not demanders:
            return
        addressee = self._addressee(sent, verb, measures)
        start = para.offset + sent.start
        ev = Evidence(sent.text, start, start + len(sent.text), RULE)
        seen: set[str] = set()
        for measure in measures:
            if len(measure) > 50 and RUN_ON.search(measure):
                continue  # a span that ran over the narration (…批判していたものの、…): no measure we can trust
            for part in split_measure(_without_subject(measure, demanders)):
                if part in seen:
                    continue
                seen.add(part)
                for actor in demanders:
                    if addressee is None or addressee.label != actor.label:
                        yield Demand(actor, part, ev, addressee=addressee, confidence=conf)

    def _addressee(self, sent: Sentence, verb, measures: list[str]) -> ActorRef | None:
        """The actor asked: the に/に対し argument of the verb, or 「Xからの回答を求める」."""
        addressee = None
        for child in verb.children:
            if child.dep_ in ("obl", "iobj") and self._case(child).startswith("に") \
                    and not verb.doc.text.startswith(("に加え", "によ", "にとって", "に関", "につ", "にお"),
                                                     child.idx + len(child.text)):
                # not …によると (the one who reports it), …について, …において
                first = child
                while first.i > 0 and first.nbor(-1).dep_ == "compound" and first.nbor(-1).head.i == child.i:
                    first = first.nbor(-1)
                found = self._actors(sent, first.idx, child.idx + len(child.text))
                addressee = found[0] if found else addressee
        m = FROM.match(measures[0]) if measures else None
        if addressee is None and m:
            found = [x for x in self._actors(sent, 0, 10**9) if x.text == m["who"] or x.label == m["who"]]
            addressee = found[0] if found else None
        return addressee

    @staticmethod
    def _quote_topic(sent: Sentence, i: int) -> list[ActorRef]:
        for qs, qe in sent.quotes:
            if qs <= i < qe:
                for m in sent.mentions:
                    if qs < m.start < i and sent.text.startswith(("は", "が"), m.end):
                        return list(m.actors)
        return []

    @staticmethod
    def _unnamed_subject(para: Paragraph, sent: Sentence, idx: int) -> bool:
        """A subject (は/が/も, outside quotes, before ``idx``) that no actor mention covers."""
        text = sent.text
        for tok in tokens_of(para, sent):
            pos = tok.idx - sent.start
            if tok.idx >= idx or tok.dep_ != "nsubj" or sent.in_quote(pos):
                continue
            end = skip_aside(text, pos + len(tok.text), 20)
            if not text.startswith(("は", "が", "も"), end):
                continue
            if not any(m.start <= pos < m.end + 2 for m in sent.mentions):  # +2: 同氏は, ロシア側は
                return True
        return False

    def _subject_before(self, sent: Sentence, idx: int) -> list[ActorRef]:
        """「ロシアが要求する…」: an actor marked with が right before the cue, when the parse lost it."""
        pos = idx - sent.start
        for m in sent.mentions:
            if m.end + 1 == pos and sent.text[m.end] in "がは":
                return list(m.actors)
        return []

    @staticmethod
    def _phrase(tok) -> str:
        return tok.doc[tok.left_edge.i : tok.i + 1].text

    def _object(self, doc, tok) -> bool:
        """A を-object, not 国連を通じて (the channel) nor Xを相手に (the one sued)."""
        return not CHANNEL.match(doc.text, tok.idx + len(tok.text))

    @staticmethod
    def _case(tok) -> str:
        return "".join(c.text for c in tok.children if c.dep_ in ("case", "fixed") and c.i > tok.i)

    @staticmethod
    def _actors(sent: Sentence, a: int, b: int, *, genitive: bool = False) -> list[ActorRef]:
        """Actors mentioned in [a, b) (paragraph offsets); a modifier (ロシアの…) only when ``genitive``."""
        out: list[ActorRef] = []
        for m in sent.mentions:
            ms, me = sent.start + m.start, sent.start + m.end
            if ms < b and me > a and (genitive or not sent.text.startswith("の", m.end)):
                out.extend(x for x in m.actors if x.label not in {o.label for o in out})
        return out

    @staticmethod
    def _topic(sent: Sentence, *, marker: str = "はが") -> list[ActorRef]:
        """The sentence's topic: Xは (else Xが), or a state whose officials are the topic (ロシアの外務次官らは)."""
        best: list[ActorRef] = []
        text = sent.text
        for m in sent.mentions:
            if sent.in_quote(m.start):
                continue
            end = skip_aside(text, m.end, 20)  # 北大西洋条約機構(NATO)も
            # 特急が停車する各駅で…, 北朝鮮の漁船が停泊する港で: a relative clause's own subject is nobody's topic
            relative = any(a.start <= m.start < a.end for f in sent.analysis.frames if f.dep == "acl"
                           for a in f.role("subject"))
            if text.startswith(("は", "も"), end) \
                    or m.actor.type == "State" and OFFICIALS.match(text, end) and not relative:
                return list(m.actors)
            if "が" in marker and text.startswith("が", end) and not best and not relative:
                best = list(m.actors)
        return best


__all__ = ["DemandExtractor", "Mention"]
