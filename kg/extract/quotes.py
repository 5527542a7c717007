"""actor –said→ claim, from Japanese attribution grammar.

Rules (each a versioned name on the evidence):
- ``quotes.direct.v1``: 「…」 followed by と + a reporting verb (述べた, 強調した, 「…」とし、 …); the speaker is the
  subject (Xは/Xが) before the quote — first a topic right before it, or the subject of an embedded report
  (大統領府はYが「…」と応じたこと: Y) —, a name in brackets right after it (「…」(シャーマン米国務副長官)), or —
  when the sentence has none — the speaker carried from the previous sentence of the paragraph;
- ``quotes.indirect.v1``: a clause ending in a predicate + と + a reporting verb (…整合的だと述べた);
- ``quotes.stance.v1``: …との考え/見方/認識/立場/方針を示した・表明した・明らかにした;
- ``quotes.source.v1``: a short sentence 「Xが明らかにした。」 whose claim is the sentence before it.
Sources introduced by によると/によれば are kept apart from the speaker (``reported_by``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analysis.frames import Arg
from kg.analysis.grammar import CONNECTIVE
from kg.extract.context import Paragraph, Sentence, skip_aside, strip_title, token_at, tokens_of
from kg.extract.said import INANIMATE, RULED, _after_source, _media_source, describes_actor, questioned
from kg.lexicon import Lexicon
from kg.model import ActorRef, Evidence, Quote
from kg.resolve.actors import Mention

SUBJECT_MARKERS = ("は", "が", "も", "では")
STATEMENT = ("の声明", "の発表", "の談話", "の文書", "の報告書", "の書簡", "の投稿", "の会見")
EMBEDDING = "をがら"  # …回答を「精査する」と述べた, 侵攻なら「…」: the quote finishes a clause of the claim
BRACKETS = re.compile(r"[「」『』]")
KATAKANA_NAME = re.compile(r"[ァ-ヶー]{2,}")
TOPIC_BEFORE_QUOTE = re.compile(r"[一-龥ァ-ヶー]+(?:は|では)、?$")
DESIGNATION = re.compile(r"と(?:し|する|され)")
NOBODY = Mention(-1, -1, ActorRef("", "", "Actor"))  # a subject is there, but names nobody we know
ADVERBS = r"(?:も|は)?、?(?:改めて|あらためて|重ねて|強く|繰り返し|はっきり|こう|率直に|次のように)?"
PREDICATE_END = "たるいだうくすつぬむずよかしじ"
# …ことに強い懸念を示した: an adjective of degree before the noun is no clause said (the clause is before に)
FEELING_DEGREE = re.compile(r"(?:強い|深い|激しい|大きい|高い|重い|厳しい|深刻な|重大な)$")
LEADING = re.compile(r"^(?:[、,\s]|(?:[0-9０-９]{1,2}日|同日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日)(?:に)?、|"
                     + CONNECTIVE + r"、)+")
ANNOUNCE = re.compile(r"(?:こう|次のように|以下のように)(?P<verb>語|述べ|話|説明|強調|明か|主張|訴え)[^。]{0,6}。?$")
TOPIC_LEAD = re.compile(r"^[^、「」]{1,25}?(?:に対し|に対して|について|をめぐり|を巡り|をめぐって|を巡って)、")
TRAILING = re.compile(r"(?:こと|の)?(?:が分かった|が明らかになった|という|とのこと)?$")
REPORTED = re.compile(r"(?:^|、)(?P<who>[^、。「」]{2,30}?)(?:によると|によれば)")
SOURCE_ONLY = re.compile(r"^(?P<who>[^、。「」]{2,40}?)(?:が|は)(?:[0-9０-９]{1,2}日、?)?"
                         r"(?:明らかにした|発表した|伝えた|報じた|確認した|明らかにしている|発表している)。?$")


def _stems(lex: Lexicon) -> str:
    return "|".join(re.escape(v) for v in lex.reporting_verbs)


def _verb_re(lex: Lexicon) -> re.Pattern:
    return re.compile(rf"と{ADVERBS}(?:{_stems(lex)}|し(?=[、。た,])|した|しつつ|して(?:いる|おり|いた))")


def _quote_stance_re(lex: Lexicon) -> re.Pattern:
    """「…」と事態打開を図りたい姿勢を示した: a quote, a short clause, a stance noun and 示す/表明する."""
    nouns = "|".join(re.escape(n) for n in sorted(lex.stance_nouns | {"姿勢"}, key=len, reverse=True))
    return re.compile(rf"と[^。「」]{{0,20}}?(?:{nouns})を(?:改めて|重ねて)?(?:示|表明|強調|明らかに)")


def _verb_after_re(lex: Lexicon) -> re.Pattern:
    """…とラブロフ氏は言明: the speaker between と and the verb."""
    return re.compile(rf"と(?P<who>[^、。「」と]{{2,25}}?)(?:は|が){ADVERBS}(?:{_stems(lex)})")


def _stance_re(lex: Lexicon) -> re.Pattern:
    nouns = "|".join(re.escape(n) for n in sorted(lex.stance_nouns, key=len, reverse=True))
    verbs = "示|表明|明らかに|伝え|強調|表し|展開"
    return re.compile(rf"(?P<cut>との|という|とする|の)?(?:{nouns})を(?:改めて|重ねて)?(?:{verbs})")


EMBEDDED_REPORT = re.compile(r"と[^、。「」]{1,12}?(?:た|る|ている|ていた|てきた)(?:こと|の[をがはで])")
OWN_TOPIC = re.compile(r"(?:[^、。「」]{0,20}[、,])?(?P<who>[^、。「」]{2,30}?)(?:は|では|も)(?!ず|ない)")
TOPIC_RIGHT_BEFORE = re.compile(r"[一-龥ァ-ヶーA-Za-z」』)）]は[、,，]?$")
SETTING_AMONG = re.compile(r"の(?:なか|中|間|うち)$")
OWN_SUBJECT = re.compile(r"(?P<who>[^、,，。「」がはを]{2,20}?)が(?!ら|ち)")
RELATIVE = re.compile(r"(?:す|する|る)(?=[一-龥ァ-ヶ])")
RELAY_VERB = re.compile(r"[^。、「」]{0,8}?(?:伝え|報じ)")
INNER_AFTER = re.compile(r"[^、。「」]{2,40}?は[、,，]")  # Xは、…: a topic set off, the clause after it reported
RELAYED_LAST = re.compile(r"と[^「」。]{0,40}?(?:伝え|報じ)[^「」。、]{0,8}。?$")  # the sentence ends relaying
REPORTED_VERB = re.compile(r"と[^。、「」]{0,8}?報じ")  # …と報じた: whoever the subject, a report relayed
INFLECTION = re.compile(r"(?:た|る|ている|ていた|てきた)")  # 応じ|た|こと: the verb ends where the claim does
KOTO = re.compile(r"(?P<cut>こと)を(?:改めて|正式に)?(?:確認|明らかに|表明|強調|認め|発表)")


class QuoteExtractor:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.verb = _verb_re(lex)
        self.stance = _stance_re(lex)
        self.verb_after = _verb_after_re(lex)
        self.quote_stance = _quote_stance_re(lex)
        self.koto = KOTO
        self.announced: ActorRef | None = None
        # 報道官が「…」: a role speaks the quote, it does not start a clause of the claim
        self.role_nouns = tuple(t for t in lex.titles if len(t) > 1)
        titles = "|".join(re.escape(t) for t in self.role_nouns)
        self.office = re.compile(rf"の(?:{titles})ら?(?=[はが])")

    def reset(self) -> None:
        """A new article: forget who announced a quote (こう語った) in the last one."""
        self.announced = None

    def __call__(self, para: Paragraph) -> Iterator[Quote]:
        last_speaker: ActorRef | None = None
        prev: Sentence | None = None
        for sent in para.sentences:
            found = list(self._sentence(para, sent, last_speaker, prev))
            if not found and self.announced is not None:
                found = list(self._announced_quote(para, sent))
            self.announced = self._announces(para, sent)
            yield from found
            if found:
                last_speaker = found[-1].speaker
            else:
                topic = self._subject(sent, len(sent.text))
                if topic is not None:
                    last_speaker = topic.actor
            prev = sent

    # ---- one sentence -------------------------------------------------------------------

    def _sentence(self, para: Paragraph, sent: Sentence, carried: ActorRef | None,
                  prev: Sentence | None) -> Iterator[Quote]:
        text = sent.text
        reporter = self._reporter(sent)
        claims: list[tuple[int, int, int, bool, str, Mention | None]] = []  # start, end, verb, direct, rule, who
        for group in self._quote_groups(sent):
            qs, qe = group[0][0], group[-1][1]
            after = skip_aside(text, qe, 40)
            m = self.verb.match(text, after) or self.quote_stance.match(text, after)
            if m:
                claims.append((qs, qe, m.start() + 1, True, "quotes.direct.v1", None))
        for m in self.verb.finditer(text):
            i = m.start()
            if not i or sent.in_quote(i) or text[i - 1] in "」』)）" or text[i - 1] not in PREDICATE_END:
                continue
            claims.append((-1, i, m.end() - 1, False, "quotes.indirect.v1", None))
        for m in self.verb_after.finditer(text):
            i = m.start()
            if not i or sent.in_quote(i) or text[i - 1] not in PREDICATE_END + "」":
                continue
            who = [x for x in sent.mentions if m.start("who") <= x.start < m.end("who")]
            if self.lex.is_media(m["who"]) or RELAY_VERB.match(text, m.end("who")):
                continue  # …と日本経済新聞は伝えた: an outlet relaying (and not 日本)
            if who:
                claims.append((-1, i, m.end() - 1, False, "quotes.indirect.v1", who[0]))
        for rx, rule in ((self.stance, "quotes.stance.v1"), (self.koto, "quotes.koto.v1")):
            for m in rx.finditer(text):
                if RELATIVE.match(text, m.end()):
                    continue  # …考えを示す内容となる: the verb describes a noun, nobody states anything yet
                if not sent.in_quote(m.start()) and (m["cut"] or text[m.start() - 1 : m.start()] in PREDICATE_END
                                                     and not FEELING_DEGREE.search(text, 0, m.start())):
                    claims.append((-1, m.start(), m.end() - 1, False, rule, None))
        taken: set[int] = set()
        for qs, qe, verb, direct, rule, who in sorted(claims, key=lambda c: (c[1], not c[3])):
            if qe in taken:
                continue
            speaker = who or self._speaker(para, sent, qs if direct else qe, qe, verb, direct)
            if speaker is NOBODY or speaker is None and reporter is not None and not direct:
                continue  # a subject we cannot name, or hearsay (…によると…という) with no speaker
            if speaker is not None and not direct and speaker.end <= qe and self._inner(sent, speaker):
                continue  # FC琉球は、トルシエ氏が…就任することを発表した: the subject of what is announced
            if speaker is not None and not direct and RELAY_VERB.match(text, qe) \
                    and TOPIC_RIGHT_BEFORE.search(text, 0, speaker.start):
                continue  # 衛星放送「X」は山本さんは…攻撃されたと伝えた: whom the relayed report is about
            if direct and RULED.match(text, qe):
                continue  # 「…」とした一・二審判決を破棄: the words of the ruling it qualifies
            if direct and qs > 0 and text[qs - 1] == "を" and DESIGNATION.match(text, qe):
                continue  # Xを「将来の加盟国」とした: a name given, not words said
            if direct:
                claim = "、".join(text[a + 1 : b - 1] for a, b in self._group_at(sent, qs))
                if qs > 0 and text[qs - 1] in EMBEDDING and not (speaker and 0 <= qs - speaker.end <= 2) \
                        and not (text[qs - 1] == "が" and text[: qs - 1].endswith(self.role_nouns)):
                    claim = BRACKETS.sub("", self._trim(text[self._clause_start(sent, speaker, qs) : qe]))
            else:
                start = 0 if speaker is not None and speaker.start > qe else self._clause_start(sent, speaker, qe)
                claim = self._trim(text[start:qe])
                if len(claim) < 4 or claim.count("「") != claim.count("」") or claim.startswith("と"):
                    continue
                if claim.endswith("よう") and text.startswith("とし", qe):
                    continue  # …放棄させようとした: an attempt, not words
                if rule == "quotes.koto.v1" and speaker is None:
                    continue
            if REPORTED_VERB.match(text, qe):
                continue
            if speaker is None and (RELAY_VERB.match(text, qe) or RELAYED_LAST.search(text, qe)):
                continue  # …と伝えた, …とし、…と産経新聞は伝えている with nobody named: an outlet relaying
            if speaker is None and not direct and (self._own_topic(sent, qe) or self._own_subject(sent, claim, rule)):
                continue  # 日本赤十字社では…するとしている: the clause opens with someone of its own
            # 両首脳: each of the two; a speaker carried only where the frames carry the same one (the topic the
            # discourse holds), not the last subject this rule happened to see
            if speaker is None and (questioned(sent, qs if direct else qe) or _after_source(para, sent, self.lex)
                                    or reporter is not None and not _media_source(sent, self.lex)):
                continue  # 調べに対し「…」と話した: the one questioned; 幹部によると「…」: that source, not the topic
            actors = speaker.actors if speaker else (carried,) if carried in sent.context.topic else ()
            if not actors or not claim.strip():
                continue
            taken.add(qe)
            conf = 0.85 if direct and speaker else 0.7 if speaker else 0.55
            for actor in actors:
                yield Quote(actor, claim, self._evidence(para, sent, rule), direct=direct, reported_by=reporter,
                            confidence=conf)
        if not claims and prev is not None:
            yield from self._source_sentence(para, sent, prev)

    def _inner(self, sent: Sentence, speaker: Mention) -> bool:
        """A subject marked with が/も after an actor marked with は: inside the clause reported."""
        text = sent.text
        at = skip_aside(text, self._after_name(text, speaker))
        if text.startswith("は", at) and INNER_AFTER.search(text, 0, speaker.start) is not None:
            return True  # 同校は、野球部は解散せず…としている: the first topic, set off, is the one who says it
        return text.startswith(("が", "も"), at) and (INNER_AFTER.search(text, 0, speaker.start) is not None or any(
            m.end < speaker.start and not sent.in_quote(m.start)
            and text.startswith("は", skip_aside(text, self._after_name(text, m))) for m in sent.mentions))

    def _own_topic(self, sent: Sentence, end: int) -> bool:
        """The clause opens with a topic that is someone (日本赤十字社では, 高位聖職者アリスタルコス大主教は): the
        parse missed the speaker, and carrying the last one would name the wrong one."""
        for at in dict.fromkeys((self._clause_start(sent, None, end), 0)):  # …前総統も、…と述べている: the
            m = OWN_TOPIC.match(sent.text, at, end)                          # sentence's opening topic too
            if m is None:
                continue
            arg = Arg("topic", "は", m.start("who"), m.end("who"), m["who"], -1)
            if m["who"].endswith(INANIMATE):  # この条例では、…としている: a text's words, nobody carried onto them
                return True
            if SETTING_AMONG.search(m["who"]):  # 人道団体のなかでは、…が支援を行うとしている: whoever is there
                return True
            if describes_actor(arg, self.lex) or any(
                    m.start("who") <= x.start and m.end("who") - 3 <= x.end <= m.end("who") for x in sent.mentions):
                return True
        return False

    def _own_subject(self, sent: Sentence, claim: str, rule: str) -> bool:
        """県警が捜査を強化する方針を明らかにした with the parse missing the speaker: a stance opening with someone
        marked with が, who may be the one who states it; the last speaker is not carried onto it (a plain と-clause
        with a が-subject of its own, …ウクライナが…戻るのは非現実的だと指摘し, is still the carried speaker's)."""
        return rule in ("quotes.stance.v1", "quotes.koto.v1") and OWN_SUBJECT.match(claim) is not None

    def _group_at(self, sent: Sentence, qs: int) -> list[tuple[int, int]]:
        return next(g for g in self._quote_groups(sent) if g[0][0] == qs)

    def _announces(self, para: Paragraph, sent: Sentence) -> ActorRef | None:
        """「…がインタビューでこう語った。」: the speaker of the quote that follows."""
        m = ANNOUNCE.search(sent.text)
        if not m:
            return None
        who = self._speaker(para, sent, m.start(), m.start(), m.start("verb"), False)
        return who.actor if who and who is not NOBODY else None

    def _announced_quote(self, para: Paragraph, sent: Sentence) -> Iterator[Quote]:
        """The quote after こう語った: a sentence that is a quote and nothing else."""
        text = sent.text.strip()
        if sent.quotes and text.startswith("「") and text.rstrip("。").endswith("」"):
            s, e = sent.quotes[0][0], sent.quotes[-1][1]
            claim = "".join(sent.text[a + 1 : b - 1] for a, b in sent.quotes)
            if e - s >= len(text.rstrip("。")) - 1:
                yield Quote(self.announced, claim, self._evidence(para, sent, "quotes.announced.v1"), confidence=0.7)

    def _source_sentence(self, para: Paragraph, sent: Sentence, prev: Sentence) -> Iterator[Quote]:
        """「…した。ロシア大統領府が明らかにした。」: the previous sentence is the claim."""
        m = SOURCE_ONLY.match(sent.text.strip())
        if not m or "と" in m["who"][-1:]:
            return
        who = [x for x in sent.mentions if x.start < m.end("who") + 1]
        if not who or self.lex.is_media(who[-1].actor.label) or self.lex.is_media(who[-1].actor.text):
            return
        claim = self._trim(prev.text.rstrip("。"))
        if len(claim) >= 6:
            yield Quote(who[-1].actor, claim, self._evidence(para, prev, "quotes.source.v1"), direct=False,
                        confidence=0.6)

    # ---- parts --------------------------------------------------------------------------

    @staticmethod
    def _quote_groups(sent: Sentence) -> list[list[tuple[int, int]]]:
        """Quotes joined by 、 only (「A」、「B」と話した) form one claim."""
        groups: list[list[tuple[int, int]]] = []
        for s, e in sent.quotes:
            if groups and sent.text[groups[-1][-1][1] : s] in ("、", ",", "，"):
                groups[-1].append((s, e))
            else:
                groups.append([(s, e)])
        return groups

    def _speaker(self, para: Paragraph, sent: Sentence, claim_start: int, claim_end: int, verb: int,
                 direct: bool) -> Mention | None:
        """Who speaks: 「…」(name), the subject the parse attaches to the reporting verb, the sentence's
        opening topic, or the actor whose statement it is (Xの声明). None: the caller carries the last one."""
        text = sent.text
        if direct and text[claim_end : claim_end + 1] in "(（":  # 「…」(シャーマン米国務副長官)と
            paren = [m for m in sent.mentions if claim_end < m.start <= claim_end + 2 and m.actor.type != "State"]
            if paren:
                return paren[0]
        if direct and (right := self._subject_of_quote(sent, claim_start, claim_end)) is not None:
            return right
        limit = claim_start if claim_start >= 0 else claim_end
        chain = self._verb_chain(para, sent, verb)
        marked = [m for m in sent.mentions if not sent.in_quote(m.start) and self._marked_subject(text, m)]
        # Xでは marks where it was said (米国防総省では、報道官が…): a subject in the clause speaks first
        setting = [m for m in marked if text.startswith("では", skip_aside(text, self._after_name(text, m)))]
        marked = [m for m in marked if m not in setting]
        found = self._marked_speaker(para, sent, marked, chain, limit, claim_end)
        if found is not None:
            return found
        for m in sent.mentions:
            if m.end <= limit and text.startswith(STATEMENT, m.end):
                return m
        unnamed = self._unnamed_subject(para, sent, chain, limit, direct)
        if unnamed is not None and unnamed is not NOBODY:
            return unnamed
        return self._marked_speaker(para, sent, setting, chain, limit, claim_end) or unnamed

    def _marked_speaker(self, para: Paragraph, sent: Sentence, marked: list[Mention], chain: set[int],
                        limit: int, claim_end: int) -> Mention | None:
        """Of the actors marked as subject: the one the parse hangs on the reporting verb, else a topic."""
        for m in marked:
            tok = token_at(para, sent, m.end - 1)
            if tok is not None and tok.head.i in chain and (m.end <= limit or m.start > claim_end):
                return m
        for m in marked:
            if m.end <= limit and sent.text.startswith(("は", "も", "では"), self._after_name(sent.text, m)):
                return m
        return None

    def _subject_of_quote(self, sent: Sentence, qs: int, qe: int) -> Mention | None:
        """The actor marked right before the quote speaks it when it is the topic (Yは「…」としている), or the
        subject of a report the sentence embeds (大統領府はマクロン大統領が「…」と応じたことを明らかにした: the
        words are Macron's). Plain Yが「…」と批判した keeps Y in the claim: XはNATOが「…」と批判した is X's."""
        text = sent.text
        for m in sent.mentions:
            if m.end > qs or sent.in_quote(m.start) or not self._marked_subject(text, m):
                continue
            at = skip_aside(text, self._after_name(text, m))
            if not (at < qs and text[at] in "はがも" and text[at + 1 : qs] in ("", "、")):
                continue
            if text[at] != "が" or EMBEDDED_REPORT.match(text, skip_aside(text, qe, 40)):
                return m
        return None

    def _unnamed_subject(self, para: Paragraph, sent: Sentence, chain: set[int], limit: int,
                         direct: bool) -> Mention | None:
        """A subject the gazetteer and GiNZA missed: 「石山拓二教授は…と述べた」 speaks as 石山拓二; a common noun
        (女性は, 政府は) is somebody we cannot name — NOBODY, so the last speaker is not carried onto them."""
        doc = para.doc
        subjects = [child for i in sorted(chain) for child in doc[i].children]
        if direct:  # the parse often hangs the speaker's は onto a verb inside the quote: 「…事例であり、…」と話した
            subjects += [t for t in tokens_of(para, sent) if sent.in_quote(t.head.idx - sent.start)]
        for child in subjects:
            pos = child.idx - sent.start
            if child.dep_ != "nsubj" or not 0 <= pos < limit or sent.in_quote(pos):
                continue
            first = child
            while first.i > 0 and doc[first.i - 1].dep_ == "compound" and doc[first.i - 1].head.i == child.i:
                first = doc[first.i - 1]
            while first.i < child.i and first.text in self.lex.titles:  # 外交官ヴラディミル・ペトロヴィッチ氏
                first = doc[first.i + 1]
            a, b = first.idx - sent.start, child.idx + len(child.text) - sent.start
            if not sent.text[skip_aside(sent.text, b, 40) :].lstrip("」』)）").startswith(SUBJECT_MARKERS):
                continue  # the parse calls it a subject, but no は/が marks it so (…機構(OSCE)閣僚会合において)
            span = sent.text[a:b]
            named = any(t.pos_ == "PROPN" for t in doc[first.i : child.i + 1]) or KATAKANA_NAME.search(span)
            if not named:
                return NOBODY
            name = strip_title(span.removesuffix("ら").removesuffix("たち"), self.lex.titles)  # 早紀江さんら: 早紀江
            kind = "Person" if name != span else "Organization"
            return Mention(a, b, ActorRef(span, name, kind))
        if direct and TOPIC_BEFORE_QUOTE.search(sent.text[:limit]):
            return NOBODY  # 回答書では「…」と述べ: a topic stands before the quote, and it is nobody we know
        return None

    @staticmethod
    def _verb_chain(para: Paragraph, sent: Sentence, verb: int) -> set[int]:
        """The reporting verb and the verbs it is chained to (述べ、…付け加えた)."""
        tok = token_at(para, sent, verb)
        chain: set[int] = set()
        while tok is not None and tok.i not in chain:
            chain.add(tok.i)
            if tok.dep_ not in ("advcl", "conj", "fixed", "aux", "compound") or tok.head.i == tok.i:
                break
            tok = tok.head
        return chain

    def _subject(self, sent: Sentence, limit: int) -> Mention | None:
        """The last actor before ``limit`` (outside quotes) marked as topic or subject (Xは, Xが)."""
        best = None
        for m in sent.mentions:
            if m.end > limit or sent.in_quote(m.start):
                continue
            if self._marked_subject(sent.text, m):
                best = m
                if sent.text.startswith("は", m.end):  # a topic outranks a later が
                    break
        return best

    def _after_name(self, text: str, m: Mention) -> int:
        """Where the particle after a mention stands: past 側/政府 and past an office (ロシア外務省の報道官は)."""
        end = m.end
        for suffix in ("側", "政府", "当局"):
            if text.startswith(suffix, end):
                end += len(suffix)
        om = self.office.match(text, end)
        return om.end() if om else end

    def _marked_subject(self, text: str, m: Mention) -> bool:
        at = skip_aside(text, self._after_name(text, m))
        rest = text[at : at + 2]
        return rest.startswith(SUBJECT_MARKERS) and not rest.startswith(("がら", "はず"))

    def _clause_start(self, sent: Sentence, speaker: Mention | None, end: int) -> int:
        text = sent.text
        start = 0
        if speaker is not None and speaker.end <= end:
            start = skip_aside(text, self._after_name(text, speaker))
            for marker in ("では", "は", "が", "も"):
                if text.startswith(marker, start):
                    start += len(marker)
                    break
        # a quote closed before the claim (「…」と述べ、…と付け加えた) bounds it; a quote inside the claim
        # (…は「何の興奮も」もたらさなかった) stays in it, and so does one reported in it (Yが「…」と応じたこと)
        for _s, e in sent.quotes:
            if start <= e <= end:
                nxt = self.verb.match(text, e)
                if nxt and not INFLECTION.fullmatch(text, nxt.end(), end):
                    start = max(start, nxt.end())
        return start

    @staticmethod
    def _trim(claim: str) -> str:
        claim = LEADING.sub("", claim.strip())
        topic = TOPIC_LEAD.match(claim)
        if topic and len(claim) >= 2 * topic.end():  # 要求項目について、…: what it is about, not what was said
            claim = claim[topic.end() :]
        claim = re.sub(r"^(?:[ぁ-ん]{1,4})(?:、)", "", claim)
        return TRAILING.sub("", claim).strip("、。 ")

    def _reporter(self, sent: Sentence) -> ActorRef | None:
        """「FTによると」: the source a claim is known through, kept apart from its speaker."""
        for m in sent.mentions:
            if sent.text.startswith(("によると", "によれば"), m.end):
                return m.actor
        m = REPORTED.search(sent.text)
        if m:
            e = self.lex.lookup(m["who"])
            return ActorRef(m["who"], e.canonical if e else m["who"], e.type if e else "Organization")
        return None

    @staticmethod
    def _evidence(para: Paragraph, sent: Sentence, rule: str) -> Evidence:
        start = para.offset + sent.start
        return Evidence(sent.text, start, start + len(sent.text), rule)
