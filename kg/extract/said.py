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

from kg.analysis.discourse import SUBJECT_ROLES, main_frame, own_subject
from kg.analysis.discourse import speakers_of as arg_speakers
from kg.analysis.frames import Arg, Complement, Frame
from kg.analysis.grammar import CONNECTIVE
from kg.extract.context import Paragraph, Sentence, strip_title
from kg.lexicon import Lexicon
from kg.model import ActorRef, Evidence, Quote

HYPOTHETICAL = re.compile(r"^[、,，\s]*(?:もし|仮に)[、,，]?")
IMPERSONAL = re.compile(r"(?:との|とする|という|といった)(?:見方|見通し|懸念|意見|声|考え|観測|可能性)(?:も|が)"
                        r"(?:ある|あっ|あり|出て|出てい|強ま|強い|根強|広が|高ま)")
MET_WITH = ("会見", "会談", "会議", "会合", "協議", "対談", "面会", "電話", "共演", "交渉")
COURT = re.compile(r"(?:裁判所|地裁|高裁|最高裁|簡裁|家裁|裁判官|判事)(?:[^、。「」]{0,12})?(?:は|が|も)[、,，]?")
RULING = re.compile(r"(?:とする|との|とした|という)(?:司法)?(?:判断|判決|決定)")
RELAY_LEMMAS = {"伝える", "報じる", "報道"}
LIGHT = {"ある", "行う", "出す", "示す", "表す", "伝える"}  # they report only through a speech noun
INANIMATE = ("規則", "憲章", "声明", "文書", "報告書", "書簡", "記事", "社説", "発表", "談話", "回答書", "報道", "調査",
             "結果", "データ", "統計", "判決", "法案", "条例", "計画", "ウェブサイト", "サイト", "ホームページ", "こと",
             "これ", "それ", "ため", "問題", "状況", "事件", "事故", "会議", "会談", "協議", "会合")
KATAKANA_NAME = re.compile(r"[ァ-ヶー・=＝]{3,}|[A-Z][A-Za-z&.\- ]{1,20}")
LEADING = re.compile(r"^(?:[、,，\s]|"
                     # 8月15日付をもって, 同日付で, 3月末日をもって: the date an act takes effect, cut as a whole
                     r"(?:(?:[0-9０-９]{2,4}年)?[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日|末日?)?|(?:翌|本|同)?[0-9０-９]{1,2}日|"
                     r"同日|本日)(?:付け?(?:で|をもって|を持って|にて)?|をもって|を持って)(?!の)[、,，]?|"
                     r"(?:(?:翌|本|同)?[0-9０-９]{1,2}日|同日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日)"
                     r"(?!から|まで|以降|以前|前後|ごろ|頃|午前|午後|未明|早朝|深夜|夜|朝|昼|夕|晩|中|の|付)"
                     r"(?:[(（](?:UTC|日本時間|現地時間)[^()（）]{0,12}[)）])?(?:には|に)?[、,，]?|"
                     + CONNECTIVE + r"[、,，]|その中で[、,，]?|"
                     r"[^、,，。「」]{1,30}?(?:によると|によれば)[、,，]?)+")
TRAILING = re.compile(r"(?:こと|の)?(?:が分かった|が明らかになった|という|とのこと)?$")


def quotes(para: Paragraph, lex: Lexicon) -> Iterator[Quote]:
    """Every claim of every sentence of ``para``."""
    prev: Sentence | None = None
    for sent in para.sentences:
        readout = list(_readout(para, sent, lex)) + list(_voiced(para, sent, lex)) + list(_given_as(para, sent, lex))
        found = readout + [q for q in sentence_quotes(para, sent, lex)
                           if not any(_overlaps(q.text, r.text) for r in readout)]
        if not found and prev is not None:
            found = list(_source_sentence(para, sent, prev, lex))
        yield from found
        prev = sent


RULED = re.compile(r"と(?:した|する|された|される)[^、,，。「」]{0,15}?"
                   r"(?:判決|判断|決定|裁定|命令|処分|通達|判例|規定|条項)(?:を|が|は|に|で|の|も)")
SCORE = re.compile(r"[^、,，。「」]{0,10}?[0-9０-９]+(?:[-－–][0-9０-９]+)?[^、,，。「」0-9０-９]{0,3}")
DOCUMENT = re.compile(r"と(?:した|する|された|される|の)(?:[^、,，。「」]{0,6}?)"
                      r"(?:確認書|契約書|念書|誓約書|合意書|覚書|覚え書き|同意書|申請書|届出書|協定書)")
STRAY_TO = re.compile(r"と(?!の|いう|いった|する|し|も|は|共|とも)")
SO_SAID = re.compile(r"(?:そう|こう|このように)[、,，]?$")


def _stray_quotes(sent: Sentence, frame: Frame, lex: Lexicon) -> list[Complement]:
    """A quote the parse hung on no reporting predicate, reported by the next one of the sentence: 「…」と抗議団に
    話した (the と hung on a verb inside the quote), 「…。」トランプ大統領は、そう強調した (the quote opens the
    sentence, そう points back to it). Nothing may stand between them that reports or ends a clause of its own."""
    if frame.in_quote or frame.complements or "quote" not in lex.reporting.get(frame.lemma, ()):
        return []
    text = sent.text
    taken = {q for f in sent.analysis.frames for c in f.complements for q in c.quotes}
    out = []
    for s, e in sent.quotes:
        if (s, e) in taken or e >= frame.start or sent.in_quote(s - 1 if s else 0) and s:
            continue
        between = text[e : frame.start]
        if "。" in between or "「" in between or any(
                lex.reporting.get(f.lemma) and e <= f.start < frame.start and not f.in_quote
                for f in sent.analysis.frames):
            continue
        if STRAY_TO.match(text, e) and len(between) <= 25 and between.count("、") <= 1:
            out.append(Complement("quote", s, e, text[s:e], ((s, e),)))
        elif s == 0 and SO_SAID.search(between):
            out.append(Complement("quote", s, e, text[s:e], ((s, e),), noun="そう"))
    return out[-1:]


def _complements(sent: Sentence, frame: Frame, lex: Lexicon) -> list[Complement]:
    """The frame's complements, and a quote said through a stance noun it puts forward (「…」と事態打開を図りたい
    姿勢を示した: the quote hangs on 図る, 図る on 姿勢, 姿勢 is what 示す shows)."""
    whole = "quote" in lex.reporting.get(frame.lemma, ())
    out = [_whole_quote(sent, c) if whole else c for c in frame.complements] or _stray_quotes(sent, frame, lex)
    nouns = {a.head for a in frame.role("object") if sent.text[a.start : a.end].endswith(tuple(lex.stance_nouns))}
    if not out:
        out = _named_quotes(sent, frame, lex)
    for g in sent.analysis.frames:
        if g.head in nouns and g.dep == "acl":  # …とする回答を行った: the clause of とする
            out.extend(c for c in g.complements if c.kind == "quote" or c.kind == "clause" and g.lemma in ("する",
                                                                                                        "いう"))
    return out


def _whole_quote(sent: Sentence, comp: Complement) -> Complement:
    """A complement the parse cut inside a quote (「成田が不要になるということではない」と述べた read as …という
    こと): the whole quote, when と follows it."""
    if comp.kind == "quote" or comp.text.count("「") <= comp.text.count("」"):
        return comp
    for s, e in sent.quotes:
        if comp.start <= s < comp.end < e and STRAY_TO.match(sent.text, e):
            return Complement("quote", s, e, sent.text[s:e], ((s, e),))
    return comp


NAMED_BY = re.compile(r"(?:など)?(?:という|との|とする)?(?:内容の|趣旨の)?$")


def _named_quotes(sent: Sentence, frame: Frame, lex: Lexicon) -> list[Complement]:
    """Quotes that name the speech noun the frame puts forward: 「…」という声明を出した, 「…」「…」との談話を発表した,
    「…」意向を示した.
    The parse often hangs such a quote inside the object (the と of という is no complement of the verb); the quotes
    are those right before という/との + a stance noun ending the object."""
    text = sent.text
    out: list[Complement] = []
    for a in frame.role("object"):
        seg = text[a.start : a.end]
        noun = next((n for n in sorted(lex.stance_nouns, key=len, reverse=True) if seg.endswith(n)), None)
        if noun is None:
            continue
        cut = a.end - len(noun)
        chain: list[tuple[int, int]] = []
        end = cut
        m = NAMED_BY.search(text, 0, end)
        if not m:
            continue
        end = m.start()
        for s, e in reversed(sent.quotes):
            if e > end:
                continue
            if e != end:
                break
            chain.insert(0, (s, e))
            end = s - (1 if s and text[s - 1] in "、,，" else 0)
        if chain:
            s0, e0 = chain[0][0], chain[-1][1]
            if frame.start < s0 or sent.in_quote(s0 - 1 if s0 else 0) and s0:
                continue
            out.append(Complement("quote", s0, e0, text[s0:e0], tuple(chain), noun=noun))
    return out


def sentence_quotes(para: Paragraph, sent: Sentence, lex: Lexicon) -> Iterator[Quote]:
    analysis = sent.analysis
    if HYPOTHETICAL.match(sent.text):
        return  # もし…した場合、…を発表し: what might be said, not what was
    reporter = _reporter(sent)
    taken: set[tuple[int, int]] = set()
    for frame in analysis.frames:
        kinds = lex.reporting.get(frame.lemma)
        if not kinds or frame.negated or frame.in_quote:
            continue
        if frame.lemma in LIGHT and any(lex.reporting.get(f.lemma) and c.kind in ("clause", "quote")
                                        and c.start <= frame.start < c.end for f in analysis.frames
                                        for c in f.complements):
            continue  # …勝つという意思がある、と述べた: the light verb is inside what is reported, not a report
        for comp in _complements(sent, frame, lex):
            if (comp.start, comp.end) in taken:
                continue
            # a quote put forward through a stance noun (…姿勢を示した) is not the frame's own: no kind to check
            if comp in frame.complements and (comp.kind not in kinds or frame.lemma in LIGHT and comp.kind not in (
                    "mune", "quote") and comp.noun not in lex.stance_nouns):
                continue
            if comp.kind == "quote" and sent.text.startswith("と称", comp.end):
                continue  # 「打ち上げ」と称し: a name given, not words said
            if comp.kind == "quote" and RULED.match(sent.text, comp.end):
                continue  # 「…」とした一・二審判決を破棄: the words of the ruling it qualifies, not of the topic
            if DOCUMENT.match(sent.text, comp.end):
                continue  # …債権放棄するとした確認書に署名した: what a paper signed says, not anyone's words
            if comp.kind in ("tono", "clause") and IMPERSONAL.match(sent.text, comp.end):
                continue  # …とする見方もある, …との懸念が出ている: a view about, nobody's words
            if comp.kind == "tono" and (comp.noun or "").endswith(MET_WITH):
                continue  # …新首相との共同記者会見で述べた: the one met with, not a view put forward
            if (comp.noun in ("判断", "判決", "決定") or RULING.match(sent.text, comp.end)) \
                    and COURT.search(sent.text, 0, comp.start):
                continue  # 地方裁判所が、…無効だったとする判断を示した: a ruling's content, narrated, not words said
            if comp.kind == "clause" and frame.lemma in ("する", "とする") and frame.role("object"):
                continue  # Xを「将来の加盟国」とした: a name given, not words said
            if frame.voice == "passive" or frame.lemma in ("する", "とする") and _premise(sent, frame, lex):
                continue  # …とされる, …と指摘されていた (said of the subject), …として逮捕した: not its words
            if comp.kind == "clause" and frame.lemma in ("する", "とする") and not any(
                    comp.start <= g.start < comp.end for g in analysis.frames) and SCORE.fullmatch(comp.text):
                continue  # …と勝利し、勝ち点4とした: a score reached, no clause of words
            if comp.kind == "clause" and frame.lemma in ("する", "とする") and comp.text.endswith("よう"):
                continue  # …させようとした: an attempt, not a と-clause of words
            speakers, how = _speakers(sent, frame, comp, lex)
            if how == "setting":  # the whole clause after Xの説明では、 is what X says (the parse may cut it short)
                at = SOURCE_SETTING.match(sent.text).end()
                if comp.kind == "clause" and at < comp.start:
                    comp = Complement("clause", at, comp.end, sent.text[at : comp.end], (), noun=SET_BY_SOURCE)
                how = "named"
            if how == "described" and BARE_TITLE.fullmatch(speakers[0].label):
                speakers, how = _holder(para, sent, speakers[0].label, comp.start), "named"
            if comp.noun == "そう" and not speakers:
                speakers, how = _between(sent, comp.end, frame.start, lex), "named"
            # …と伝えた with nobody named: an outlet; behind an outlet (X新聞によれば、「…」と語った) a quote is still
            # the words of the one carried (behind 公社によれば、「…」としている the source is the speaker)
            if not speakers and (reporter is None or comp.kind == "quote" and _media_source(sent, lex)) \
                    and how != "nobody" and not questioned(sent, comp.start) and not _after_source(para, sent, lex) \
                    and not _own_setting(comp) \
                    and frame.lemma not in RELAY_LEMMAS \
                    and not any(g.lemma in RELAY_LEMMAS for g in sent.analysis.governing(frame)):
                # (…できたとし、…と産経新聞は伝えている: the outlet's own account, nobody's words carried)
                speakers, how = list(sent.context.topic), "carried"
            if not speakers:
                continue
            taken.add((comp.start, comp.end))
            comp = _with_dangling(sent, comp)
            turns = _turns(sent, comp, lex)
            if turns:  # 山田監督は「A」、佐藤主将は「B」と語った: 「A」 is not 佐藤's
                others = {x for v in turns.values() for x in v}
                speakers = [x for x in speakers if x not in others] or speakers
            for k, (claim, rule) in enumerate(_claims(sent, frame, comp, lex)):
                conf = {"named": 0.85, "source": 0.8, "described": 0.6, "carried": 0.55}[how]
                if rule != "quotes.direct.v2":
                    conf -= 0.1
                if turns.get(k):
                    speakers, how = turns[k], "named"
                if rule != "quotes.direct.v2":
                    claim = _after_own_topic(sent, comp, speakers, claim)
                for who in speakers:
                    yield Quote(who, claim, _evidence(para, sent, rule), direct=rule == "quotes.direct.v2",
                                reported_by=reporter, confidence=round(conf, 2))


TURN = re.compile(r"^[、,，](?:また|一方|さらに)?[、,，]?(?P<who>[^、,，。「」]{2,30}?)(?:は|も)[、,，]?$")


def _after_own_topic(sent: Sentence, comp: Complement, speakers: list[ActorRef], claim: str) -> str:
    """…300%台としており、…ため、みずほ証券は財務上の問題はないとしている: the speaker's own topic inside the
    clause ends the narration before it; the claim is what follows."""
    text = sent.text
    for m in sent.mentions:
        if comp.start <= m.start < comp.end and any(a in speakers for a in m.actors) \
                and text.startswith("は", m.end) and not sent.in_quote(m.start):
            rest = _trim(text[m.end + 1 : comp.end])
            if len(rest) >= 4 and claim.endswith(rest) and len(rest) < len(claim):
                return rest
    return claim


def _with_dangling(sent: Sentence, comp: Complement) -> Complement:
    """The quote before ``comp``'s, that the parse hung on nothing, when only a topic of its own stands between them
    (田辺騎手は「A」、また大橋厩務員は「B」とそれぞれ話した: 「A」 is said too, by the first)."""
    if comp.kind != "quote" or not comp.quotes:
        return comp
    first = comp.quotes[0][0]
    before = [(s, e) for s, e in sent.quotes if e <= first]
    if not before or not TURN.match(sent.text[before[-1][1] : first]):
        return comp
    s, _e = before[-1]
    return Complement("quote", s, comp.end, sent.text[s : comp.end], (before[-1], *comp.quotes), noun=comp.noun)


def _turns(sent: Sentence, comp: Complement, lex: Lexicon) -> dict[int, list[ActorRef]]:
    """「A」、また大橋厩務員は「B」とそれぞれ話した: a quote after a topic of its own, standing between it and the
    quote before, is that topic's (by the quote's place among the complement's quotes)."""
    out: dict[int, list[ActorRef]] = {}
    if comp.kind != "quote":
        return out
    quotes = [(s, e) for s, e in comp.quotes if sent.text[s + 1 : e - 1].strip()]
    for k in range(1, len(quotes)):
        m = TURN.match(sent.text[quotes[k - 1][1] : quotes[k][0]])
        if m is None:
            continue
        at = quotes[k - 1][1] + m.start("who")
        named = [x for x in sent.mentions if at <= x.start < quotes[k][0]]
        arg = Arg("topic", "は", at, at + len(m["who"]), m["who"], -1)
        if named:
            out[k] = list(named[-1].actors)
        elif describes_actor(arg, lex):
            out[k] = [described_actor(m["who"], lex)]
    return out


MUNE = re.compile(r"旨(?:を)?(?:強く|改めて|重ねて)?(?:述べ|応答|説明|伝え|強調|表明|言及|指摘|発言|紹介|主張|回答|"
                  r"返答|明らかに|語|伝達)|旨の(?:発言|説明|表明|言及|回答|指摘|返答|応答)|"
                  # a feeling put with its clause (…追求していることに敬意を表しました, …ことへの懸念を伝え)
                  r"こと(?:に(?:対し(?:て)?|対する)?|への)(?:強い|深い|深甚なる|重大な)?(?:懸念|敬意|謝意|遺憾|歓迎|"
                  r"感謝|憂慮)(?:の意)?を(?:改めて|強く)?(?:表|示|伝え|表明|述べ)")
CHAINED = re.compile(r"[ぁ-ん]{0,6}(?:とともに|と共に|た上で|たうえで|上で|うえで|つつ|)[、,，]")
READOUT_SPEAKER = re.compile(r"(?:から(?:は|も)?[、,，]|より(?:は|も)?[、,，]?)")


BARE_TITLE = re.compile(r"[一-龥]{0,4}(?:長|官|相|大臣|議員|知事|委員|理事|顧問|監督|教授)")


def _holder(para: Paragraph, sent: Sentence, title: str, before: int) -> list[ActorRef]:
    """幹事長は「…」と述べた: a title alone is the person the paragraph last named with it (谷垣幹事長); nobody
    when none was (the title is no name)."""
    for s in reversed(para.sentences[: para.sentences.index(sent) + 1]):
        for m in reversed(s.mentions):
            if s is sent and m.end > before:
                continue
            written = s.text[m.start : m.end]
            if m.actor.type == "Person" and written.endswith(title) and len(written) > len(title):
                return [m.actor]
    return []


def _overlaps(a: str, b: str) -> bool:
    return a in b or b in a


def _readout(para: Paragraph, sent: Sentence, lex: Lexicon) -> Iterator[Quote]:
    """Readout style (quotes.readout.v1): 「X大臣から、…旨述べました」「Y長官からは…旨の発言があった」. The claim
    is what stands between the speaker's から (or the end of the last report) and 旨; the speaker is the actor
    marked with から/より, else the sentence's topic, else the one carried from before. Read from the text, as the
    parse of these long official sentences often hangs 旨 on the wrong verb."""
    text = sent.text
    start = 0
    last: list[ActorRef] = []  # …旨述べるとともに、…旨述べました: the second report is the same speaker's
    for m in MUNE.finditer(text):
        at = m.start()
        if sent.in_quote(at):
            continue
        who: list[ActorRef] = []
        begin = start
        if last:
            cut = CHAINED.match(text, start)
            if cut:
                who, begin = list(last), cut.end()
        for r in READOUT_SPEAKER.finditer(text, start, at):
            near = [x for x in sent.mentions if start <= x.start and x.end <= r.start() and
                    (text[x.end : r.start()] in lex.titles or not text[x.end : r.start()].strip("氏側"))]
            if near:
                who, begin = list(near[-1].actors), r.end()
        if not who:
            topic = _sentence_topic(sent, Complement("mune", at, at, ""))
            if topic is not None and topic.start >= start:
                who, begin = list(arg_speakers(topic)), max(begin, topic.end + len(topic.case))
        how = 0.8
        if not who and start == 0:
            who, how = list(sent.context.topic), 0.55
        claim = _trim(text[begin:at])
        start = m.end()
        last = who
        if len(claim) < 4 or not who:
            continue
        for actor in who:
            yield Quote(actor, claim, _evidence(para, sent, "quotes.readout.v1"), direct=False, confidence=how)


# …監督の試合後の談話を紹介し、「…」, …本部長の話として「…」: the words of the one whose 談話/話 it is
WHEN_OF = r"(?:の[一-龥ぁ-ん]{1,6}(?:後|前|中|時|際|で))?"  # 試合後の, 会見での
GIVEN_AS = re.compile(WHEN_OF + r"の(?:コメント|談話|声明|メッセージ|発言|話)(?:として|を紹介し(?:て)?)"
                      r"[、,，]?(?P<q>「[^「」]*」(?:[、,，]?「[^「」]*」)*)")
# アジアネットは、大主教の発言として、…と伝えた: the clause is the one's whose 発言 it is, not the outlet's
GIVEN_AS_CLAUSE = re.compile(WHEN_OF + r"の(?:コメント|談話|発言|話|説明)として[、,，]"
                             r"(?P<c>[^「」。]{4,}?)と(?:伝え|報じ|紹介し|述べ|話し|語っ|明らかにし|説明し)")
GIVER = re.compile(r"(?:^|[のはがも、,，」「])(?P<w>[^のはがも、,，「」]{2,20})$")


THAT_OF = re.compile(r"(?P<q>「[^「」]*」(?:[、,，]?「[^「」]*」)*)(?:など)?(?:とする|との|という|といった)"
                     r"(?P<who>[^、,，。「」]{2,30}?)の(?:コメント|談話|声明|メッセージ|発言|見解|説明|主張)(?:を|が|も)")


def _given_as(para: Paragraph, sent: Sentence, lex: Lexicon) -> Iterator[Quote]:
    """Words given as someone's statement (quotes.direct.v2): 経団連は会長のコメントとして「…」と掲載した — the one
    whose コメント/談話/声明 it is speaks, whatever verb publishes it; so does X in 「…」とするXのコメントを伝えた
    (not the outlet that relays it)."""
    text = sent.text
    for m in THAT_OF.finditer(text):
        if sent.in_quote(m.start("who")):
            continue
        end = m.end("who")
        who = [x for x in sent.mentions if m.start("who") <= x.start and x.end <= end and (
            not text[x.end : end] or text[x.end : end] in lex.titles)]
        if who:
            actors = list(who[-1].actors)
        else:
            arg = Arg("topic", "の", m.start("who"), end, m["who"], -1)
            if not describes_actor(arg, lex):
                continue
            actors = [described_actor(m["who"], lex)]
        for qs, qe in _spans(m.start("q"), m["q"]):
            claim = text[qs + 1 : qe - 1].strip()
            if len(claim) >= 2:
                for actor in actors:
                    yield Quote(actor, claim, _evidence(para, sent, "quotes.direct.v2"), direct=True,
                                reported_by=_reporter(sent), confidence=0.8)
    for rx in (GIVEN_AS, GIVEN_AS_CLAUSE):
        for m in rx.finditer(text):
            if sent.in_quote(m.start()):
                continue
            actors = _giver(sent, m.start(), lex)
            if not actors:
                continue
            if rx is GIVEN_AS_CLAUSE:
                claim = _trim(m["c"])
                if len(claim) >= 4:
                    for actor in actors:
                        yield Quote(actor, claim, _evidence(para, sent, "quotes.indirect.v2"), direct=False,
                                    reported_by=_reporter(sent), confidence=0.7)
                continue
            for q in re.finditer(r"「([^「」]*)」", m["q"]):
                claim = q[1].strip()
                if len(claim) >= 2:
                    for actor in actors:
                        yield Quote(actor, claim, _evidence(para, sent, "quotes.direct.v2"), direct=True,
                                    reported_by=_reporter(sent), confidence=0.8)


def _giver(sent: Sentence, end: int, lex: Lexicon) -> list[ActorRef]:
    """Whose コメント/談話/話 it is: the actor named right before ``end`` (with a title), else the person or body
    described by the phrase ending there (サフェト・スシッチ監督, タチャ警察本部長)."""
    text = sent.text
    who = [x for x in sent.mentions if x.end <= end and (not text[x.end : end] or text[x.end : end] in lex.titles)]
    if who and who[-1].actors:
        return [x for x in who[-1].actors if not lex.is_media(x.label)]
    m = GIVER.search(text, max(0, end - 40), end)
    if m is None or sent.in_quote(m.start("w")):
        return []
    arg = Arg("topic", "の", m.start("w"), end, m["w"], -1)
    if not describes_actor(arg, lex) or lex.is_media(m["w"]):
        return []
    person = _titled_person(m["w"], lex)
    return [person or described_actor(m["w"], lex)]  # サフェト・スシッチ監督: the person, not the title


def _titled_person(text: str, lex: Lexicon) -> ActorRef | None:
    """サフェト・スシッチ監督, 佐藤記者: a name (katakana, or two to four kanji) with a title after it is a person."""
    name = strip_title(text, tuple(sorted(lex.titles + lex.title_endings, key=len, reverse=True)))
    if name != text and re.fullmatch(r"[ァ-ヶー・=＝]{2,}|[一-龥々]{2,4}", name) \
            and not name.startswith(("両", "各", "全", "同", "元", "前", "新", "副")):
        return ActorRef(text, name, "Person")
    return None


VOICE_NOUNS = ("批判", "意見", "声", "反発", "懸念", "疑問", "異論", "不満", "反論", "指摘", "発言", "要望", "苦言",
               "注文")
VOICED = re.compile(r"(?:から|より)(?:は|も)?[、,，]?(?P<q>「[^「」]*」(?:[、,，]?「[^「」]*」)*)(?:など)?と"
                    r"(?:する|いう|いった|の)?[^。「」、]{0,8}?(?:" + "|".join(VOICE_NOUNS) + r")(?:が|も|は)"
                    r"[^。「」、]{0,6}?(?:出|上が|あが|集ま|相次|寄せられ|聞かれ)")


def _voiced(para: Paragraph, sent: Sentence, lex: Lexicon) -> Iterator[Quote]:
    """A voice raised from someone (quotes.voiced.v1): 出席者から「…」との批判が出た, 議員からは「…」と慎重な意見も
    出ている. The quote is said by the から-phrase — a named actor or one described (出席した知事ら) —, not by the
    sentence's topic."""
    text = sent.text
    for m in VOICED.finditer(text):
        if sent.in_quote(m.start()):
            continue
        near = [x for x in sent.mentions if 0 <= m.start() - x.end <= 4 and not sent.in_quote(x.start)
                and (text[x.end : m.start()] in lex.titles or not text[x.end : m.start()].strip("氏側らたち"))]
        if near:
            who = list(near[-1].actors)
        else:
            left = max(text.rfind(c, 0, m.start()) for c in "、,，。」「")
            phrase = text[left + 1 : m.start()]
            arg = Arg("source", "から", left + 1, m.start(), phrase, -1)
            if not describes_actor(arg, lex):
                continue
            who = [described_actor(phrase, lex)]
        for qs, qe in _spans(m.start("q"), m["q"]):
            claim = text[qs + 1 : qe - 1].strip()
            if claim:
                for actor in who:
                    yield Quote(actor, claim, _evidence(para, sent, "quotes.voiced.v1"), direct=True, confidence=0.7)


def _spans(at: int, quotes: str) -> list[tuple[int, int]]:
    return [(at + q.start(), at + q.end()) for q in re.finditer(r"「[^「」]*」", quotes)]


SOURCE_LEMMAS = {"明らかにする", "発表", "明かす", "公表"}  # not 伝える/報じる (outlets relay), nor 確認 (a check)
SOURCE_ONLY = re.compile(r"[^、,，。「」]{2,30}?(?:は|が)[、,，]?"
                         r"(?:(?:[0-9０-９]{1,2}日|同日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日)"
                         r"(?:に)?[、,，]?)?(?:正式に)?[^、,，。「」]{0,8}$")
RELAYERS = ("報道", "新聞", "通信", "メディア", "各紙", "放送", "テレビ")


def _source_sentence(para: Paragraph, sent: Sentence, prev: Sentence, lex: Lexicon) -> Iterator[Quote]:
    """「…を承認したことが分かった。米政府高官3人が明らかにした。」: a short sentence that only names who made
    the previous one known; the previous sentence is the claim (quotes.source.v2). An outlet (ロイター通信が伝えた)
    reports, it does not speak."""
    frames = [f for f in sent.analysis.frames if f.dep == "ROOT" and not f.in_quote]
    if len(sent.text) > 40 or not frames or frames[-1].lemma not in SOURCE_LEMMAS or frames[-1].complements:
        return
    frame = frames[-1]
    if frame.role("object") or frame.voice == "passive" or frame.negated:
        return
    if not SOURCE_ONLY.fullmatch(LEADING.sub("", sent.text[: frame.start])):
        return  # the sentence must be only who made it known, and when: 米政府高官3人が明らかにした
    if any(lex.reporting.get(f.lemma) and f.complements for f in prev.analysis.frames if not f.in_quote):
        return  # the sentence before is itself a report (…と報じた): not a bare fact made known
    args = [a for a in frame.role(*SUBJECT_ROLES) if not a.text.startswith(("うち", "その", "この", "一人", "1人"))]
    named = [x for a in args for x in a.actors]
    if args and not named and describes_actor(args[0], lex):
        named = [described_actor(args[0].text, lex)]
    named = [x for x in named if not lex.is_media(x.label) and not lex.is_media(x.text)
             and not any(w in x.text for w in RELAYERS)]
    claim = _trim(prev.text.rstrip("。"))
    if not named or len(claim) < 6 or prev.quotes and len(prev.quotes) == 1 and prev.quotes[0][0] == 0:
        return
    for who in named:
        yield Quote(who, claim, _evidence(para, prev, "quotes.source.v2"), direct=False, confidence=0.6)


STATEMENTS = ("声明", "談話", "発表", "文書", "回答", "書簡", "コメント", "報告書")


def _speakers(sent: Sentence, frame: Frame, comp: Complement, lex: Lexicon) -> tuple[list[ActorRef], str]:
    """Who says it: named subject or topic (of this frame or the ones it is chained to), the から-argument of a
    readout, the owner of a spokesperson (ロシア外務省の報道官は: the ministry) or of a statement (ジョージア外務省の
    声明には), the sentence's opening topic, a described actor; [] when the text names nobody here (the caller
    carries the last topic)."""
    if comp.kind == "quote" and comp.quotes and sent.text[comp.quotes[-1][1] : comp.quotes[-1][1] + 1] in ("(", "（"):
        e = comp.quotes[-1][1]  # 「…」(シャーマン米国務副長官)と警告: the person named after the quote said it
        paren = [x for x in sent.mentions if e < x.start <= e + 2 and x.actor.type == "Person"]
        if paren:
            return list(paren[0].actors), "named"
    # a predicate inside a later quote is no governor whose subject speaks (「…」と驚き、「…が足りない」と批判: the
    # parse hangs 驚き on 足りる)
    chain = [f for f in sent.analysis.scope(frame) if f is frame or not f.in_quote]
    # Xが声明を発表し、「…」としている with 発表 hung on a verb inside the quote: chained to the report all the same
    by_index = sent.analysis.by_index
    chain += [f for f in sent.analysis.frames if not f.in_quote and f.end <= comp.start and f.dep in ("advcl", "conj")
              and f.governor in by_index and by_index[f.governor].in_quote
              and comp.start <= by_index[f.governor].start < comp.end and f not in chain
              and not any(f.end <= m.start < comp.start for m in sent.mentions)]  # nobody named nearer the quote
    described = None
    outside = list(chain)

    def _subjects(f: Frame, frame: Frame, comp: Complement, lex: Lexicon | None = None) -> list[Arg]:
        # …業者が罪に問われるのは…としている: the subject of a nominalised clause chained to the report (or one it
        # shares with a passive clause there) is what the claim is about, never who makes it
        if f is not frame and sent.text.startswith(("のは", "のが", "のも"), f.end):
            return []
        # 同庁が確認したところ、住職は「…」と説明した: the が-subject of a clause before the reporting predicate's own
        # topic is not who speaks
        own = [a for a in _own_subjects(f, frame, comp, lex) if not relative_subject(sent, a, comp) and not any(
            g is not f and _acted_on(sent, g) and any((b.start, b.end) == (a.start, a.end) for b in g.args)
            for g in chain) and not (
            f is not frame and a.case == "が" and any(a.end <= t.start and t.end <= comp.start
                                                      for t in frame.role("topic")))]
        own = [a for a in own if not _earlier_turn(sent, a, own, comp)]
        # NHKは、…アナウンサーが「…」と謝罪した一方で…: the が-subject right before the quote of its own report says
        # it (not the topic before it), when that report is no part of what another reports
        right = [a for a in f.role("subject") if f is frame and a.case == "が" and comp.kind == "quote"
                 and 0 <= comp.start - a.end - len(a.case) <= 1 and (a.actors or arg_speakers(a)) and a not in own
                 and not any(c.start <= frame.start < c.end for g in sent.analysis.frames if g is not frame
                             and lex.reporting.get(g.lemma) for c in g.complements)]
        return right or own

    m = SOURCE_SETTING.match(sent.text)
    if m is not None and m.end() <= comp.start + 1 and not any(
            a.start >= m.end() and a.end <= comp.start and (a.actors or describes_actor(a, lex)) and not any(
                (b.start, b.end) == (a.start, a.end) for g in chain if _acted_on(sent, g) for b in g.args)
            for f in chain if not _acted_on(sent, f) for a in f.role(*SUBJECT_ROLES)):
        given = _giver(sent, m.end("who"), lex)  # Xの説明では、…としている: X says it
        if given:
            return given, "setting"
    for f in chain:
        args = _subjects(f, frame, comp, lex)
        readout = [a for a in f.role("source") if (a.actors or describes_actor(a, lex)) and a.start < frame.start
                   and args and all(a.end <= b.start for b in args) and _set_off(sent, a)]
        if readout:  # 岸田大臣より,日本と英国は,…ことを述べ: the topic after a readout's speaker is in what was said
            return list(dict.fromkeys(readout[0].actors or (described_actor(readout[0].text, lex),))), "source"
        named = [x for a in args if not lex.is_media(a.text)  # 日本経済新聞は: not 日本
                 for x in _named(sent, a, lex) if not lex.is_media(x.label)]
        if named:
            return list(dict.fromkeys(named)), "named"
        spokes = [x for a in args for x in arg_speakers(a)]
        if spokes:
            return spokes, "named"
        source = [x for a in f.role("source") if (a.end <= comp.start or a.start >= comp.end)
                  and a.start < frame.start for x in a.actors]
        if source and not args:
            return list(dict.fromkeys(source)), "source"
        for a in args:
            if described is None and describes_actor(a, lex):
                described = a
        if args:
            break  # a subject of its own that names nobody we know: nobody is carried onto it
    if described is None:
        for f in outside:
            for a in f.role("place", "dative", "setting"):
                owner = a.actors or a.qualifiers
                if owner and a.text.endswith(STATEMENTS) and a.end <= comp.start:
                    return [owner[-1]], "named"
    inner = leading_topic(sent, comp)
    if frame.lemma in RELAY_LEMMAS and any(a.end <= comp.start for a in frame.role(*SUBJECT_ROLES)):
        inner = None  # 衛星放送Xは山本さんは…攻撃されたと伝えた: the topic inside is whom the report is about
    own = any(_subjects(f, frame, comp, lex) for f in chain)
    if inner is not None and not own:
        return list(_named(sent, inner, lex) if inner.actors else arg_speakers(inner)), "named"
    opening = _described_opening(sent, comp, lex)
    if opening is not None and not own and described is None:
        return [described_actor(opening.text, lex)], "described"
    if comp.kind == "quote" and not own and described is None and not any(
            c.start <= frame.start < c.end for g in sent.analysis.frames
            if g is not frame and lex.reporting.get(g.lemma) for c in g.complements):
        # NHKは、…鈴木アナウンサーが「…」と謝罪した: the one marked with が right before the quote says it, not the
        # sentence's topic (unless the report is itself what another reports: XはYが「…」と批判したことを非難した)
        right = [m for m in sent.mentions if m.end <= comp.start and not sent.in_quote(m.start)
                 and GA_BEFORE.fullmatch(sent.text, m.end, comp.start)]
        if right:
            return list(right[-1].actors), "named"
    if described is None and not own:
        topic = _sentence_topic(sent, comp)
        if topic is not None:
            return list(_named(sent, topic, lex)), "named"
    if described is not None:
        return [described_actor(described.text, lex)], "described"
    if comp.kind == "quote" and not own:
        named = _named_before(sent, comp)
        if named:
            return named, "named"
        before = _topic_before(sent, comp, lex)
        if before is not None:
            return [before], "described"
    if any(_settings(f) or _subjects(f, frame, comp, lex) for f in chain) \
            or own_unnamed_subject(sent, frame, relative=False, lex=lex, claim=comp) \
            or _unnamed_topic_before(sent, comp.start):
        return [], "nobody"
    return [], "none"


SET_BY_SOURCE = "説明では"  # the noun of a clause re-read whole after a source setting (Xの説明では、…)
SOURCE_SETTING = re.compile(r"^(?:[^、,，。「」]{0,12}?[、,，])?(?P<who>[^、,，。「」]{2,30}?)"
                            r"の(?:説明|話|発表|発言|見解|主張|分析)(?:で|に)(?:は|よると|よれば)[、,，]?")
GA_BEFORE = re.compile(r"(?:[一-龥ァ-ヶー]{0,8}?)(?:氏|さん)?(?:[(（][^()（）「」]{1,40}[)）])?が[、,，]?")
NAMED_TOPIC = re.compile(r"(?:[一-龥ァ-ヶー]{0,8}?)(?:氏|さん)?(?:[(（][^()（）「」]{1,40}[)）])?(?:は|が)[、,，]?$")


TURN_END = re.compile(r"(?:て|で|が|ものの|一方(?:で)?)?[、,，]")


def _earlier_turn(sent: Sentence, arg: Arg, args: list[Arg], comp: Complement) -> bool:
    """Aは「…」と述べ、Bは「…」と応じた: the parse may hang both topics on the last predicate, but a topic before
    an earlier clause chained on (述べ、) with another subject after it is that clause's speaker, not this one's."""
    return any(b.start > arg.end and b.end <= comp.start and any(
        not g.in_quote and g.dep in ("advcl", "conj") and arg.end <= g.start and g.end <= b.start
        and TURN_END.match(sent.text, g.end) for g in sent.analysis.frames) for b in args)


def _acted_on(sent: Sentence, f: Frame) -> bool:
    """A passive clause or one nominalised by のは/のが (…業者が罪に問われるのは): its subject is what a claim is
    about, not who makes it."""
    return f.voice == "passive" or sent.text.startswith(("のは", "のが", "のも"), f.end)


def _named_before(sent: Sentence, comp: Complement) -> list[ActorRef]:
    """外交官ヴラディミル・ペトロヴィッチ氏(Vladimir Petrović)は、「…」: a person named right before the quote,
    with a title, an honorific or a bracketed spelling before は, however long the phrase it ends."""
    people = [m for m in sent.mentions if m.end <= comp.start and m.actor.type == "Person"
              and not sent.in_quote(m.start)]
    if people and NAMED_TOPIC.fullmatch(sent.text, people[-1].end, comp.start):
        return list(people[-1].actors)
    return []


def _between(sent: Sentence, start: int, end: int, lex: Lexicon) -> list[ActorRef]:
    """「…」トランプ大統領は、そう強調した: the actor marked with は/が between the quote and its verb."""
    text = sent.text
    for m in sent.mentions:
        if start <= m.start and m.end <= end:
            rest = text[m.end : end]
            title = next((t for t in sorted(lex.titles, key=len, reverse=True) if rest.startswith(t)), "")
            if rest[len(title) :].startswith(("は", "が")):
                return list(m.actors)
    return []


READING = re.compile(r"(?:[(（][^()（）「」]{1,20}[)）])?")
NAME_BEFORE = re.compile(r"(?:^|の)(?P<name>[ァ-ヶー・=＝]{3,})(?:[(（][^()（）「」]{1,20}[)）])?$")


def _named(sent: Sentence, arg: Arg, lex: Lexicon) -> tuple[ActorRef, ...]:
    """The actors a subject names; an office resolved to its body (国連大使 → 国連) with a name no gazetteer knows
    right before it (ロシアのネベンジャ国連大使) is that person, not the body."""
    out = []
    for x in arg.actors:
        m = next((m for m in sent.mentions if arg.start <= m.start < arg.end and m.actor == x), None)
        office = m is not None and (m.kind == "office"
                                    or x.type != "Person" and _office(sent.text[m.end : arg.end], lex))
        person = [k for k in sent.mentions if office and k.actor.type == "Person" and k.end <= m.start
                  and READING.fullmatch(sent.text, k.end, m.start)]  # パク・トクフン(朴徳勲)国連次席大使
        name = NAME_BEFORE.search(sent.text, max(0, arg.start - 40), m.start) if office else None
        if m is not None and x.type == "State" and sent.text.startswith("人", m.end) and m.end + 1 < arg.end:
            out.append(described_actor(arg.text, lex))  # ある日本人力士は: a person, not the state
        elif person:
            out.append(person[-1].actor)
        elif name and not any(name.start("name") <= k.start < m.start for k in sent.mentions if k is not m
                              and not _name_read_as_body(sent, k, name)):
            out.append(described_actor(name["name"] + sent.text[m.start : arg.end], lex))  # パク(朴)国連大使
        else:
            out.append(x)
    return tuple(out)


def _name_read_as_body(sent: Sentence, k, name: re.Match) -> bool:
    """グリーンフィールド国連大使 with the name read as a body of its own: the whole katakana name right before an
    office is the person who holds it (a state named there, 米国の…, is where the person is from)."""
    return k.start == name.start("name") and k.end == name.end("name") and k.actor.type not in ("State", "Person")


def _office(rest: str, lex: Lexicon) -> bool:
    """大使, 次席大使, 副報道官: what follows a body's name makes it an office (a title, with a short kanji rank)."""
    return rest in lex.titles or len(rest) <= 6 and re.fullmatch(r"[一-龥]+", rest) is not None \
        and rest.endswith(tuple(t for t in lex.titles if len(t) >= 2))


def _premise(sent: Sentence, frame: Frame, lex: Lexicon) -> bool:
    """…として逮捕した, …として現場検証を行った: a と-clause given as the grounds of a non-reporting act."""
    if not sent.text.startswith("て", frame.end) or sent.text.startswith(("ている", "ており", "ていた"), frame.end):
        return False
    gov = next(iter(sent.analysis.governing(frame)), None)
    if gov is not None and gov.lemma in LIGHT:  # …として提訴を行った: only a speech noun makes 行う report
        return not any(sent.text[a.start : a.end].endswith(tuple(lex.stance_nouns)) for a in gov.role("object"))
    if gov is not None and gov.lemma == "する" and gov.role("object"):  # …に違反するとして、…決定をした
        return not any(sent.text[a.start : a.end].endswith(tuple(lex.stance_nouns)) for a in gov.role("object"))
    if gov is not None and gov.lemma in ("求める", "要求", "要請") and gov.role("object") \
            and sent.text.startswith("て", gov.end):  # …払わされたとして返還を求めて提訴した: the grounds of an
        act = next(iter(sent.analysis.governing(gov)), None)  # act at law (the demand is a relation of its own)
        return act is not None and act.lemma not in lex.reporting
    return gov is not None and gov.lemma not in lex.reporting


WHEN = re.compile(r"(?:翌|同|本|前|先)?(?:[0-9０-９]+(?:年|月|日)|日|月|年)(?:付|以降|以来|時点)?"
                  r"|当日|当時|その後|今回|最近|今後")


def _settings(f: Frame) -> list[Arg]:
    """The frame's settings (回答書では), not a time (翌9日付では, 当時は): a time names nobody who could speak."""
    return [a for a in f.role("setting") if not WHEN.fullmatch(a.text)]


def _set_off(sent: Sentence, arg: Arg) -> bool:
    """X大臣から、 X大臣からは X大臣より,: an argument set off as the one a readout's words come from."""
    return arg.case[-1:] in ("は", "も") or sent.text.startswith(("、", ",", "，"), arg.end + len(arg.case))


def relative_subject(sent: Sentence, arg: Arg, comp: Complement) -> bool:
    """山本検事が過去に担当した事件についても調べるとしている: a が-subject opening the claim whose first predicate
    is a relative clause (with no subject of its own) ending inside the claim is that clause's subject, not the one
    who says it (in 県警が…強化する方針を明らかにした the relative clause ends the claim: the subject may speak)."""
    if arg.case != "が" or not 0 <= comp.start - arg.end - len(arg.case) <= 1:
        return False
    preds = sorted((g for g in sent.analysis.frames if comp.start <= g.start < comp.end and not g.in_quote),
                   key=lambda g: g.start)
    if not preds or preds[0].dep != "acl" or preds[0].role(*SUBJECT_ROLES):
        return False
    g = preds[0]
    return "、" not in sent.text[comp.start : g.end] and g.end <= comp.end - 4


def _own_subjects(f: Frame, frame: Frame, comp: Complement, lex: Lexicon | None = None) -> list[Arg]:
    """The subjects and topics of ``f`` that can say what ``frame`` reports: outside the claim, and before the
    predicate (a subject after it belongs to a later clause: …旨述べ、前原大臣から…発言があった); with ``lex``, not
    a phrase that names a mere thing (持論も展開した, 地元の反発は「…」と答えた)."""
    topics = [a.start for a in f.role("topic") if a.case[:1] in ("は", "も")]
    out = [a for a in f.role(*SUBJECT_ROLES) if (a.end <= comp.start or a.start >= comp.end) and a.start < frame.start
           and (lex is None or not mere_thing(a, lex)) and not _inner_subject(a, topics)]
    # Xが死去したことを同氏の事務所が明らかにした: the one between the claim and its verb reports it (not a word
    # pointing back: 「…」とこちらも不快感を示した)
    after = [a for a in out if a.start >= comp.end and not a.text.startswith(("こちら", "そちら", "あちら", "これ",
                                                                               "それ", "あれ"))]
    return after or out


_subjects = _own_subjects


def _inner_subject(arg: Arg, topics: list[int]) -> bool:
    """FC琉球は、トルシエ氏が総監督に就任することを発表した: a が-subject after the predicate's は-topic is the
    subject of what is reported, not the one who reports it."""
    return arg.role == "subject" and arg.case == "が" and any(t < arg.start for t in topics)


KIN = ("妻", "夫", "母", "父", "息子", "娘", "子", "兄", "弟", "姉", "妹", "側", "ら", "たち", "達", "方", "人々",
       "男", "女", "少年", "生徒", "学生", "住民", "市民", "客")  # 男は…と話している: someone, though unnamed


def mere_thing(arg: Arg, lex: Lexicon) -> bool:
    """A subject or topic phrase that names a thing, not anyone who could speak (持論も, 地元の反発は, 問題は): it
    neither says the claim nor stops the sentence's speaker (or the one carried) from saying it. Not a phrase that
    points back (同社は, その女性は), a person or body described (妻は, 出席者は), nor a text that speaks itself
    (声明は, 報告書は: its words are its issuer's only where the text says whose it is)."""
    text = arg.text.strip("「」『』")
    if arg.actors or arg.qualifiers or arg_speakers(arg) or describes_actor(arg, lex):
        return False
    if not text or text.startswith(("その", "この", "同", "両", "各", "あの", "彼", "私", "我")) or \
            re.search(r"[ァ-ヶA-Za-z]", text):
        return False
    return not text.endswith(INANIMATE + lex.agent_suffixes + lex.titles + KIN)


def _sentence_topic(sent: Sentence, comp: Complement) -> Arg | None:
    """マクロン大統領は間もなく、…協議すると表明。: the sentence's first named は/も-topic before the claim, wherever
    the parse hung it (or did not hang it at all), when the reporting predicate has no subject of its own."""
    best = None
    for f in sent.analysis.frames:  # a frame inside the quote too: the parse often hangs the speaker's は there
        for a in f.role("topic"):
            if arg_speakers(a) and a.end <= comp.start and a.case[:1] in ("は", "も") \
                    and not sent.in_quote(a.start) and (best is None or a.start < best.start):
                best = a
    if best is not None:
        return best
    text = sent.text
    for m in sent.mentions:  # a topic the parse attached to nothing we read
        if m.end > comp.start or sent.in_quote(m.start):
            continue
        end = m.end + next((len(x) for x in ("側", "政府") if text.startswith(x, m.end)), 0)
        if text.startswith(("は", "も"), end) and not text.startswith(("はず", "もの"), end):
            return Arg("topic", text[end], m.start, end, text[m.start : end], -1, m.actors)
    return None


def _topic_before(sent: Sentence, comp: Complement, lex: Lexicon) -> ActorRef | None:
    """イスラエルの治安担当者は「…」と語った: the phrase marked with は right before the quote, as written."""
    m = TOPIC_PHRASE.search(sent.text, 0, comp.start)
    if m is None:
        return None
    phrase = m["who"]
    arg = Arg("topic", "は", m.start("who"), m.end("who"), phrase, -1)
    return described_actor(phrase, lex) if describes_actor(arg, lex) else None


TOPIC_PHRASE = re.compile(r"(?:^|[、,，。」])(?P<who>[^、,，。「」]{2,25}?)(?<!で)(?:は|も)[、,，]?$")


def own_unnamed_subject(sent: Sentence, frame: Frame, relative: bool = True, lex: Lexicon | None = None,
                        claim: Complement | None = None) -> bool:
    """The sentence has a subject, topic or setting of its own before ``frame`` that names nobody (女性は,
    回答書では, 警報センターも): nobody is carried onto it; with ``lex``, a phrase naming a mere thing is no such
    subject."""
    return any(a.start < frame.start and not a.actors and not sent.in_quote(a.start)
               and (claim is None or not claim.start <= a.start < claim.end  # 他国は…と答えた: in the claim,
                    or a.case != "が" and not LEADING.sub("", sent.text[claim.start : a.start])  # X軍では…とした
                    or lex is not None and a.text.endswith(lex.titles + lex.title_endings))  # …前総統も、…と述べた
               and (lex is None or (not WHEN.fullmatch(a.text) if a.role == "setting" else not mere_thing(a, lex)))
               for f in sent.analysis.frames if relative or f.dep != "acl"  # 与党が割れた選挙後: a relative clause's
               for a in f.role(*SUBJECT_ROLES, "setting"))


TOPIC_BEFORE = re.compile(r"[一-龥ァ-ヶー]+(?:は|では|も)、?$")


def _unnamed_topic_before(sent: Sentence, at: int) -> bool:
    """回答書では「…」と述べている: a topic written right before the quote that names nobody we know."""
    m = TOPIC_BEFORE.search(sent.text, 0, at)
    return m is not None and not any(m.start() <= x.start < m.end() for x in sent.mentions)


def leading_topic(sent: Sentence, comp: Complement, roles: tuple[str, ...] = ("topic", "source")) -> Arg | None:
    """ジョンソン氏は1日、…と述べた, X大臣から、…よう求めました with the topic (or a readout's から) parsed inside
    the clause: a named topic opening the clause."""
    best = None
    for f in sent.analysis.frames:
        for a in f.role(*roles):
            if arg_speakers(a) and comp.start <= a.start < comp.end and (best is None or a.start < best.start):
                best = a
    if best is None:
        return None
    set_off = sent.text.startswith(("、", ",", "，"), best.end + len(best.case))
    if LEADING.sub("", sent.text[comp.start : best.start]) and not set_off:
        return None  # …翌日の3日には、ジュリオ・トレモンティ伊副首相は、…: a topic set off by a comma speaks
    return best


def _described_opening(sent: Sentence, comp: Complement, lex: Lexicon) -> Arg | None:
    """ブラッシュ党首は公式に声明を出し、…と述べた with the topic parsed inside the clause: a described actor (no
    gazetteer knows it) marked with は and set off, opening the clause, speaks."""
    if comp.kind == "quote":
        return None
    for f in sent.analysis.frames:
        for a in f.role("topic"):
            if comp.start <= a.start < comp.end and a.case == "は" and not a.actors \
                    and not LEADING.sub("", sent.text[comp.start : a.start]) and describes_actor(a, lex):
                return a
    # 婚外子側の弁護団は、「…」であるとしている with the topic hung on no frame: the one set off opening the clause
    lead = len(comp.text) - len(LEADING.sub("", comp.text))
    m = OPENING_TOPIC.match(comp.text, lead)
    if m is None or any(comp.start + m.start("who") <= x.start < comp.start + m.end("who") for x in sent.mentions):
        return None
    a = Arg("topic", "は", comp.start + m.start("who"), comp.start + m.end("who"), m["who"], -1)
    return a if describes_actor(a, lex) else None


OPENING_TOPIC = re.compile(r"(?P<who>[^、,，。「」]{2,25}?)は[、,，]")


def describes_actor(arg: Arg, lex: Lexicon) -> bool:
    """A subject phrase that can speak though no gazetteer knows it (石山拓二教授, 出席した知事ら, 原告団)."""
    text = arg.text.strip("「」『』")
    if text.startswith(("その", "この", "同")) or text.removeprefix("両") in lex.titles + ("国", "者") \
            or re.search(r"で(?:その|この|あの|同)", text):  # ウェブサイト上でこの団体は: a place, then a pointer
        return False  # a title alone (大統領は) or a word that points back (その女性は): nobody we can name
    if len(text) < 2 or len(text) > 30 or text.endswith(INANIMATE) or arg.qualifiers and len(text) < 3:
        return False
    if re.fullmatch(r"[ぁ-ん]+", text) or lex.is_media(text) or EVENT.search(text) or PLACE_PART.search(text):
        return False  # 今回のクーデターは, バンコク中心部は: an event or a place, nobody who speaks
    bare = re.sub(r"(?:など|等|ら|たち|側|各社)+$", "", text)
    last = re.split(r"の", bare)[-1]
    return bare.endswith(lex.agent_suffixes + lex.titles) or bool(KATAKANA_NAME.fullmatch(last))


EVENT = re.compile(r"(?:クーデター|デモ|テロ|暴動|騒乱|騒動|事件|事故|災害|地震|台風|火災|爆発|紛争|戦争|内戦|選挙|"
                   r"大会|試合|攻撃|侵攻|抗議|ストライキ)$")
PLACE_PART = re.compile(r"(?:中心部|[東西南北中]部|周辺|付近|一帯|市内|県内|都内|国内|市街地?|現場|地区|地域)$")
REPORTED_LEAD = re.compile(r"^[^、,，。「」]*?(?:によると|によれば)[、,，]?")


def described_actor(text: str, lex: Lexicon) -> ActorRef:
    """An actor the text describes: a name with a title (石山拓二教授 → 石山拓二, a Person), else the description
    as written (出席した知事ら, FIFAのスポンサー4社)."""
    text = REPORTED_LEAD.sub("", text).removeprefix("の")  # APによると、地元の警察本部長: not the outlet
    bare = text.removesuffix("ら").removesuffix("たち")
    name = strip_title(bare, lex.titles)
    if name != bare and re.fullmatch(r"[ァ-ヶー・]{2,}|[一-龥々]{2,4}", name) \
            and not name.startswith(("両", "各", "全", "同", "元", "前")):
        return ActorRef(text, name, "Person")
    return ActorRef(text, text.removesuffix("たち"), "Actor")


def _claims(sent: Sentence, frame: Frame, comp: Complement, lex: Lexicon) -> Iterator[tuple[str, str]]:
    text = sent.text
    if comp.kind == "quote" and comp.quotes:
        for s, e in comp.quotes:
            inner = text[s + 1 : e - 1].strip()
            if inner:
                yield inner, "quotes.direct.v2"
        return
    if comp.noun == SET_BY_SOURCE:
        claim = _trim(comp.text)
        if len(claim) >= 4:
            yield claim, "quotes.indirect.v2"
        return
    start = comp.start
    # the clause may have swallowed the speaker (Xは…と述べた parsed with X inside): start after it
    for f in (frame, *sent.analysis.governing(frame)):
        for a in f.role(*SUBJECT_ROLES, "source", "addressee", "about"):
            if comp.start <= a.start and a.end < comp.end:
                start = max(start, a.end + len(a.case))
    topics = [a.start for a in frame.role("topic") if a.case[:1] in ("は", "も")]
    for a in frame.role("subject", "dative"):  # FC琉球は、トルシエ氏が…就任することを発表した: the subject is in
        # the claim; so is …の解決には (…解決には経済制裁が必要だと話した) the parse hung on the reporting verb
        if start == comp.start and (_inner_subject(a, topics) or a.case == "には" or relative_subject(sent, a, comp)) \
                and 0 <= comp.start - a.end - len(a.case) <= 1:
            start = a.start
    lead = leading_topic(sent, comp) or _described_opening(sent, comp, lex)
    if lead is not None and not any(_subjects(f, frame, comp, lex) for f in sent.analysis.scope(frame)):
        start = max(start, lead.end + len(lead.case))
        for f in sent.analysis.frames:  # …報道官はブログへの投稿で、…: where it was said, not what
            for a in f.role("place"):
                if 0 <= a.start - start <= 3 and a.case == "で":
                    start = a.end + 1
        # …は国民に冷静になるよう求め、…意思がある、と述べた: what the speaker did first (the predicate its topic
        # hangs on, chained on with 、) is narration, not what was said
        own = next((f for f in sent.analysis.frames if lead in f.args and f is not frame), None)
        if own is not None and comp.start <= own.start and own.end < comp.end:
            m = CHAIN_ON.match(sent.text, own.end)
            if m and len(_trim(sent.text[m.end() : comp.end])) >= 4:
                start = max(start, m.end())
    # an earlier quote of the same sentence bounds it (「…」と述べ、…と付け加えた)
    for _s, e in sent.quotes:
        if start < e < comp.end - 1 and text.startswith("と", e):
            j = text.find("、", e)
            if 0 <= j < comp.end:
                start = max(start, j + 1)
    claim = _trim(text[start : comp.end])
    if len(claim) >= 4 and claim.count("「") == claim.count("」"):
        yield claim, "quotes.indirect.v2" if comp.kind == "clause" else "quotes.stance.v2"


LISTED = re.compile(r"(?<!の)こと[、,，](?![がはをにもで])")  # not もちろんのこと、


def listed_claims(claim: str) -> list[str]:
    """A clause listing what was said as こと-items (…であること、…ないことを説明した; …であること、…であると回答
    した): one claim an item, as each is a statement of its own. Items inside brackets stay whole, and a list whose
    items would be too short to be statements is not cut."""
    cuts, depth = [], 0
    for k, ch in enumerate(claim):
        depth += ch in "「『(（"
        depth -= ch in "」』)）"
        if depth == 0 and LISTED.match(claim, k):
            cuts.append(k)
    parts, at = [], 0
    for k in cuts:
        parts.append(claim[at:k])
        at = k + 3
    parts.append(claim[at:])
    parts = [_trim(x) for x in parts]
    return parts if len(parts) > 1 and all(len(x) >= 4 for x in parts) else [claim]


# (AFPの取材で)「…」として…: where it was said, the words, then the narration they ground
QUOTE_THEN = re.compile(r"^(?:[^「」、,，。]{1,20}?(?:で|では|に対し(?:て)?)[、,，]?)?"
                        r"「(?P<q>[^「」]{4,})」(?:として|ことを|などと|との)[、,，]?[^「」]{5,}$")
CHAIN_ON = re.compile(r"(?:て|で|た上で|たうえで)?[、,，]")
NARRATION = re.compile(r"^[^「」『』、,，。]{0,30}?(?:た|る)際(?:に|には)?[、,，]|"
                       r"^[^「」『』、,，。]{0,40}?(?:記者会見|会見|会談|訪問|出席|演説|取材|インタビュー|記者団|会合|"
                       r"声明を(?:発表|出)|談話を発表|訪れ|臨み|応じ|開き|行い|受け)"
                       r"(?:し|して|した上で|したうえで|を行い|を開き|で|に|に応じ|に臨み|に答え|の中で|)[、,，]")


SETTING = re.compile(r"^[^、,，。]{0,60}?(?:にて|の場で|の席で|(?:会見|会合|会議|番組|インタビュー|取材|演説|集会|式典|"
                     r"声明|談話|ブログ|サイト|ツイッター|投稿|リリース|記者発表|発表文|文書|書面|書簡|電話|メール|"
                     r"ビデオ|動画|スピーチ|テレビ|ラジオ|ホームページ|ウェブページ)(?:」|[)）])?(?:の中|のなか|など|上)?で)[、,，]")
# 10日の衆議院・財務金融委員会で金利を…: the sitting of that day where it was said (no comma needed after a date)
DATED_SETTING = re.compile(r"^(?:[0-9０-９]{1,2}日|同日|前日|翌日)の[^、,，。「」]{0,30}?"
                           r"(?:委員会|会見|会合|会議|本会議|総会|集会|演説|番組|インタビュー|講演|式典)(?:の席|の場)?で[、,，]?")
# 日本時間9日午前11時、 9日夜、 午後3時ごろ、: when it was said, not part of it
# (UTC+3、日本時間正午): the time-zone mark Wikinews puts after a date or a time
ZONE = r"(?:[(（](?:UTC|GMT|日本時間|現地時間|欧州|米国|米東部)[^()（）]{0,24}[)）])?"
TIME_LEAD = re.compile(r"^(?:[^、,，。「」]{0,8}時間|現地)?"
                       r"(?:(?:[0-9０-９]{1,2}月)?(?:翌|本|同)?[0-9０-９]{1,2}日)?(?:の)?"
                       r"(?:(?:午前|午後|未明|早朝|朝|昼|夕方|夕刻|晩|夜|深夜)(?:[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分|半)?)?|"
                       r"[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分|半)?)" + ZONE + r"(?:ごろ|頃|過ぎ)?(?:に)?[、,，]")
# 会談に先立つ同年4月、 昨年末、 15日(UTC+9)、: a date put before what was said, set off by a comma, is when it was
# said (or a setting of the narration), not part of the claim
DATE_LEAD = re.compile(r"^(?:[^、,，。「」]{1,20}?(?:に先立つ|に先立った|を前にした|を控えた|の(?:直前|直後|前|後)の))?"
                       r"(?:現地(?:時間)?|日本時間)?(?P<when>(?:(?:同|翌|前|昨|今|本)年|[0-9０-９]{2,4}年)?(?:(?:同|翌|前|今|先)月|"
                       r"[0-9０-９]{1,2}月)?(?:上旬|中旬|下旬|初め|末)?(?:(?:翌|本|同|前)?[0-9０-９]{1,2}日|同日|前日|翌日)?)"
                       r"(?:ごろ|頃)?" + ZONE + r"(?:には|に)?[、,，]")
# CNNに、 記者団に対し、 横須賀市で支持者らに対し、: the one told, not part of what was said
ADDRESSEE_LEAD = re.compile(r"^(?:[^、,，。「」]{1,20}?で)?"
                            r"(?:[A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ&.\-]{1,15}|[^、,，。「」]{0,20}?(?:記者団|記者|報道陣|支持者|支援者|聴衆|出席者|参加者|メディア|テレビ|新聞|紙|誌|通信|"
                            r"ラジオ|放送)(?:ら|たち)?)(?:に対し(?:て)?|に向け(?:て)?|に|へ)[、,，]")
QUESTIONED = re.compile(r"^(?:[^、,，。「」]{0,30}?について(?:は)?[、,，])?[^、,，。「」]{0,40}?(?:質問|問い|取材|"
                        r"インタビュー|問いかけ)に(?:対し(?:て)?|答え(?:て)?|応じ(?:て)?|)[、,，]")
VOLITIONAL = re.compile(r"(?<!だ)(?<!でし)(?<!まし)[こごそとのぼもろよ]う$")


REPORT_LEFT = re.compile(r"^(?:(?:説明|述べ|話|語|強調|指摘|主張|表明|発表|言及)[ぁ-ん]{0,6}|"
                         r"し(?:ている|ていた|ており|た))(?:が|けれど|ものの)[、,，]")
THEN_OTHER = re.compile(r"と(?:する|した|している|しており|し)?一方(?:で)?[、,，]")
TOLD_THEN = re.compile(r"^[^「」『』。]{4,60}?ことを(?:伝え|表明し|明らかにし|述べ|発表し|報告し)(?:て)?[、,，]")
SPEAKER_TAIL = re.compile(r"^[^(（「」]*?[)）][^、。「」]{0,30}?(?:は|が)[、,，]?")


def trim_narration(claim: str) -> str:
    """An indirect claim without the narration that opens it (15日に記者会見を行い、…と述べた; 東京都内で会見し、
    …と明らかにした; …の会合にて、…考えを示した): what the speaker did before saying it, and where, is no part of
    what was said. A claim opening inside the speaker's brackets (NTSB)は…) starts after the speaker."""
    claim = LEADING.sub("", claim) if len(LEADING.sub("", claim)) >= 4 else claim  # 9月8日(UTC+9)、…
    m = QUOTE_THEN.match(claim)
    if m is not None:  # 「…清算する」として営業権を譲渡後、…に入る: the words are the quote, the rest narration
        return m["q"]
    m = SPEAKER_TAIL.match(claim)
    if m is not None and len(claim) - m.end() >= 4:
        claim = claim[m.end() :]
    m = REPORT_LEFT.match(claim)
    if m is not None and len(claim) - m.end() >= 4:
        claim = claim[m.end() :]  # 説明しているが、…可能性もある: the tail of the report before, cut by v1
    m = THEN_OTHER.search(claim)
    if m is not None and m.start() >= 4:
        claim = claim[: m.start()]  # …発信していたとする一方で、…当局は…: the other's claim is not this one's
    m = TOLD_THEN.match(claim)
    if m is not None and len(claim) - m.end() >= 4:
        claim = claim[m.end() :]  # …しないことを伝え、引退する(意向): what was told first is narration here
    while True:
        m = NARRATION.match(claim) or SETTING.match(claim) or QUESTIONED.match(claim) or TIME_LEAD.match(claim) \
            or ADDRESSEE_LEAD.match(claim) or DATED_SETTING.match(claim) or _date_lead(claim)
        if m is None or len(claim) - m.end() < 4:
            return claim
        claim = claim[m.end() :]


def _date_lead(claim: str) -> re.Match | None:
    m = DATE_LEAD.match(claim)
    # a bare 月 or 年 (月、 年、) is no date; 同年4月 or 15日 is
    return m if m is not None and re.search(r"[0-9０-９同翌前昨今本先来]", m["when"]) and len(m["when"]) >= 2 else None


FRAGMENT = re.compile(r"^(?:から|まで|以降|を|が|に|で|は|も|の|と|へ)(?![ぁ-ん])|"
                      r"^(?:こと(?=[をがはにもの])|ごろ|頃)|によると|によれば|"
                      r"(?:とする|との|という)(?:連絡|報告|通知|知らせ)が(?:あった|入った)$")  # a report of a report


def discarded(claim: str, sentence: str) -> bool:
    """An indirect claim that is no statement of its speaker: an attempt or something said of the subject
    (``attempted``), a fragment the parse cut open (から11月6日まで行われる: its date is gone), or one that holds
    its own source (…親族によると、…, …とする連絡があった: the source's words, not the speaker's)."""
    if attempted(claim, sentence) or FRAGMENT.search(claim) is not None or _opened_before(claim):
        return True
    at = sentence.find(claim)
    # …帳消しにするとした確認書, …活発になるのではないかとする見方もある: a paper's terms or nobody's view
    return at >= 0 and (DOCUMENT.match(sentence, at + len(claim)) is not None
                        or IMPERSONAL.match(sentence, at + len(claim)) is not None)


def _opened_before(claim: str) -> bool:
    """…容疑者(21歳)から預かった: a claim that closes a bracket it never opened starts inside a phrase the parse cut
    open (its head, the one the bracket is about, is left out)."""
    depth = 0
    for ch in claim:
        depth += (ch in "(（") - (ch in ")）")
        if depth < 0:
            return True
    return False


def attempted(claim: str, sentence: str) -> bool:
    """…独走態勢を築こうとした, …を説得しようとしている: an attempt, not words (a volitional form before とする);
    …であると指摘されていた: said of the subject by someone unnamed, not the subject's words."""
    if re.search(re.escape(claim) + r"と[^、。「」]{0,6}?(?:指摘|批判|説明|報告|発表|言)(?:され|われ)", sentence):
        return True
    return bool(VOLITIONAL.search(claim)) and re.search(re.escape(claim) + r"と(?:し|する)", sentence) is not None


def _trim(claim: str) -> str:
    claim = LEADING.sub("", claim.strip()).removesuffix("など")  # …必要だなどと話した
    return TRAILING.sub("", claim).strip("、。, ")


SOURCE = re.compile(r"([^、,，。「」]{1,30}?)(?:によると|によれば)")


QUESTIONED_BY = re.compile(r"(?:取り)?調べ(?:に対し(?:て)?|では|に)[、,，]?")


def _after_source(para: Paragraph, sent: Sentence, lex: Lexicon) -> bool:
    """幹部によると、「…」と話している。その上で「…」としている。: the words go on being the source's (one who is
    no outlet), not those of the topic the text had before it."""
    i = para.sentences.index(sent)
    if i == 0:
        return False
    prev = para.sentences[i - 1]
    return _reporter(prev) is not None and not _media_source(prev, lex) and \
        not own_subject(prev.analysis, main_frame(prev.analysis))


OPEN_SETTING = re.compile(r"(?:また|一方|さらに|なお)?[、,，]?"
                          r"(?P<x>[^、,，。「」]{2,20}?)(?:で|に|の中で|の間で)は[、,，]?")


def _own_setting(comp: Complement) -> bool:
    """国連平和維持軍では必要なら措置をとるとしている, with the setting parsed inside the clause: whoever is there
    speaks (a body the text names, or nobody we can name), not the topic carried from before."""
    text = LEADING.sub("", comp.text)
    m = OPEN_SETTING.match(text)
    return m is not None and not WHEN.fullmatch(m["x"]) and not comp.text.startswith("「")


def questioned(sent: Sentence, before: int) -> bool:
    """調べに対し容疑を認め、「…」と話している: the one questioned answers (a suspect the text leaves unnamed),
    not the investigators the text was about."""
    return QUESTIONED_BY.search(sent.text, 0, before) is not None


def _media_source(sent: Sentence, lex: Lexicon) -> bool:
    """The sentence's によると source is an outlet (日本経済新聞によれば, 毎日新聞の別の記事によると)."""
    return any(any(x in m[1] for x in lex.media_suffixes) for m in SOURCE.finditer(sent.text))


ANAPHORIC_SOURCE = re.compile(r"^(?:それ|これ|あれ|(?:この|その|同)[^、,，]{0,6})$")


def _reporter(sent: Sentence) -> ActorRef | None:
    """「FTによると」: the source a claim is known through, kept apart from its speaker."""
    for f in sent.analysis.frames:
        for a in f.role("reporter"):
            if a.actors:
                return a.actors[0]
            if ANAPHORIC_SOURCE.match(a.text):
                return None  # それによると, この談話によれば: the words of the one just named, no source of its own
            return ActorRef(a.text, a.text, "Organization")
    for m in sent.mentions:
        if sent.text.startswith(("によると", "によれば"), m.end):
            return m.actor
    return None


def _evidence(para: Paragraph, sent: Sentence, rule: str) -> Evidence:
    start = para.offset + sent.start
    return Evidence(sent.text, start, start + len(sent.text), rule)
