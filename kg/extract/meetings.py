"""Meetings: 会談, 電話会談, 首脳会談, 協議, 会合, 理事会, 対話 … with date, participants and place.

Rule ``meetings.v1``: a meeting noun (kg/resources/meeting_nouns.txt) outside quotes and outside an
organisation's name (国家安全保障会議) is a meeting. Its date is the nearest date before the noun in its sentence
(「30日、電話会談を行った」「12日の理事会」) unless the words between say it has none of its own (近く, 先の), or
else the date right after the noun when the parse hangs both on a verb of taking place (「首脳会議が15日、
ブリュッセルで開かれた」); a date of another event in the sentence is not taken. Participants are the
actors of the same clause (subject, と/との partners, 両首脳, 米ロ…), its place a location named with で. One
sentence gives one meeting per date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import Paragraph, Sentence, skip_aside, token_at
from kg.extract.met import REPORTING
from kg.extract.met import _pair as met_pair
from kg.extract.met import _sitting_body as sitting_body
from kg.extract.met import both as met_both
from kg.lexicon import Lexicon
from kg.model import ActorRef, Evidence, Meeting
from kg.resolve.actors import ActorResolver
from kg.resolve.dates import DateMention

RULE = "meetings.v1"
HELD_PAST = re.compile(r"(?:開かれ|行われ|開催され|開い|行っ|開催し|実施され|終了し|閉幕し)た")
ARRANGED = re.compile(r"[うくすつぬぶむる](?:こと|事)に(?:な|し)")
PLACE_AFTER = re.compile(r"(?:・[^、。,，ぁ-ん]{1,12})?(?:で|にて)(?![はものき])")
PAIR = re.compile(r"[米露ロ英仏独中日韓伊加豪印宇朝]{2,3}(?=の|[一-龥「])")
ABOUT = ("について", "をめぐり", "を巡り", "に関し", "に関して")
KANJI_AFTER = re.compile(r"[一-龥ァ-ヶ]")  # ウクライナ情勢, 日本プロ野球: the state names whose
MAX_GAP = 60  # characters between a date and the meeting noun it dates
UNDATED = ("近く", "近日", "間もなく", "今後", "先の", "前回", "以前", "将来", "いずれ")
PLACE_LABELS = {"City", "Province", "GPE_Other", "Country", "Location_Other", "Region_Other", "Facility_Other",
                "Geological_Region_Other", "Continental_Region"}
# 協議会, 会議所, 会議員, 国会議事堂: institutions and buildings, not events
NOT_MEETING_AFTER = ("会", "所", "員", "体", "録", "事", "室", "場", "長", "党", "派")
# 「日本学術会議、2008年4月16日閲覧。」: a line of a reference list, naming a body, not a meeting
CITATION = re.compile(r"[^、。]{1,40}、\s*\d{4}年\d{1,2}月\d{1,2}日(?:閲覧)?。?")
# 欧州理事会と欧州議会に報告する, 理事会に提出した: the body a report or a bill goes to, not a sitting
SENT_TO = re.compile(r"(?:[とや、][^、。]{1,15}?)?に(?:対し)?(?:報告|提出|送付|勧告|諮問|付託|提案|答申|通知|申し入れ)")
SOURCE_AFTER = ("によると", "によれば", "の創設", "の設立", "の設置", "の改組", "の改革", "の構成", "の委員", "の議長",
                "のメンバー", "の事務局", "の加盟")  # 理事会の改組を発表: the body, not a sitting
AGENT_VERBS = {"受賞", "公表", "評価", "提言", "声明", "寄与"}  # with the reporting verbs and demand cues
# 「首脳会議が15日、ブリュッセルで開かれた」: a date right after the meeting, both said of a verb of taking place
SUBJECT_AFTER = re.compile(r"[」』)]?[はがも]、?")
HELD_LEMMAS = {"開く", "開催", "行う", "開幕", "閉幕", "始まる", "終了", "実施", "ある", "実現"}
STATUS_CUES = (("延期", "Postponed"), ("提案", "Proposed"), ("予定", "Planned"), ("見通し", "Planned"),
               ("開く", "Planned"), ("開催する", "Planned"), ("行う方向", "Planned"), ("調整", "Planned"))


def _noun_end(text: str, s: int) -> int:
    """Where the run of the noun phrase that starts at ``s`` ends (電話会談|について)."""
    m = re.compile(r"[^ぁ-ん、。,，「」]*").match(text, s)
    return m.end() if m else s


def _other_clause(para: Paragraph, sent: Sentence, d: DateMention, s: int) -> bool:
    """The date's predicate is a verb that closes its clause with a comma before the meeting noun starts."""
    tok = token_at(para, sent, d.end - 1)
    while tok is not None and tok.dep_ == "compound" and tok.head is not tok:
        tok = tok.head  # 3日午後: 日 → 午後
    if tok is None or tok.head is tok:
        return False
    head = tok.head
    at = head.idx - sent.start
    if at >= s and head.pos_ == "VERB" and head.lemma_ in REPORTING:
        return True  # 政府は14日、AがBと会談したと発表した: the day of the announcement
    if head.pos_ in ("NOUN", "PROPN") and sent.text.startswith("の", d.end) and d.end <= at \
            and at + len(head.text) <= s \
            and KANA.search(sent.text, at + len(head.text), s):
        return True  # 12月29日の東京大賞典への出走も…協議した: the date of another noun, not of the meeting's
    if not d.end <= at < s or head.pos_ != "VERB":
        return False
    end = sent.text.find("、", at)
    return 0 <= end < s and CLAUSE_CLOSE.search(sent.text, at, end + 1) is not None


KANA = re.compile(r"[ぁ-ん]")
# a date that is an argument of another predicate (15日正午を期限とする, 20日が締め切り, 10日までに): not the
# meeting's time
OTHER_ROLE = re.compile(r"(?:午前|午後|正午|未明|[0-9０-９]+時(?:[0-9０-９]+分)?|頃|ごろ)*"
                        r"(?:を|が(?![、,，])|まで|期限|締め?切)")
CLAUSE_CLOSE = re.compile(r"(?:とともに|と共に|した上で|たうえで|ており|ていて|[てで]いたが)、$")


class MeetingExtractor:
    def __init__(self, lex: Lexicon, resolver: ActorResolver) -> None:
        self.lex = lex
        self.resolver = resolver
        nouns = "|".join(re.escape(n) for n, _ in lex.v1_meeting_nouns)
        self.noun = re.compile(nouns)
        self.kinds = dict(lex.meeting_nouns)

    def __call__(self, para: Paragraph) -> Iterator[Meeting]:
        for sent in para.sentences:
            seen_dates: set = set()
            for m in self.noun.finditer(sent.text):
                s, e = m.span()
                if self._quoted_text(sent, s) or self._spoken(sent, s, e) or self._inside_name(sent, s, e) \
                        or sent.text[s - 1 : s] == "同" \
                        or sent.text.startswith(NOT_MEETING_AFTER, e) or self._acts(para, sent, e):
                    continue
                date = self._date(para, sent, s) or self._date_after(para, sent, e)
                key = date.date if date else None  # None for a vague date too
                if key is not None and key in seen_dates:
                    continue
                if key is not None:
                    seen_dates.add(key)
                yield self._meeting(para, sent, s, e, date)

    # ---- parts --------------------------------------------------------------------------

    def _inside_name(self, sent: Sentence, s: int, e: int) -> bool:
        """国家安全保障会議 is an institution the gazetteer knows, not a meeting."""
        return any(m.start <= s and e <= m.end and self.lex.lookup(m.actor.label) for m in sent.mentions)

    def _acts(self, para: Paragraph, sent: Sentence, e: int) -> bool:
        """The noun names a body that acts, not a meeting: パグウォッシュ会議は核軍縮を呼びかけ, 日本学術会議は…
        公表し, 日本学術会議によれば, the line of a reference list."""
        text = sent.text
        if text.startswith(SOURCE_AFTER, skip_aside(text, e)) or CITATION.fullmatch(text.strip()) \
                or SENT_TO.match(text, e):
            return True  # 外交関係会議(CFR)によると; 欧州理事会と欧州議会に報告する: a body
        if not text.startswith(("は", "が", "も"), e):
            return False
        tok = token_at(para, sent, e - 1)
        if tok is None or tok.dep_ != "nsubj":
            return False
        verb = tok.head
        rest = para.text[verb.idx : verb.idx + 8]
        return verb.lemma_ in AGENT_VERBS or verb.lemma_ in self.lex.demand_cues \
            or rest.startswith(self.lex.reporting_verbs)

    @staticmethod
    def _quoted_text(sent: Sentence, i: int) -> bool:
        """Inside a quote — unless the quote is just a meeting's name (「NATO・ロシア理事会」)."""
        for qs, qe in sent.quotes:
            if qs <= i < qe:
                return qe - qs > 24
        return False

    @staticmethod
    def _spoken(sent: Sentence, s: int, e: int) -> bool:
        """In a short quote that goes on past the noun (「対話の用意がある」): words said, not a meeting's name
        (「戦略的安定対話」, 「NATO・ロシア理事会」 end with the noun)."""
        return any(qs <= s < qe and e < qe - 1 for qs, qe in sent.quotes)

    @staticmethod
    def _date(para: Paragraph, sent: Sentence, s: int) -> DateMention | None:
        """The nearest date before the meeting noun in the same sentence, unless the words between say the
        meeting has no date of its own (近く会談する, 先の会談) or another event sits between them — the date
        hangs on a predicate that ends its clause before the noun (14日、勝利を宣言するとともに、…協議について)."""
        best = vague = None
        for d in sent.dates:
            if d.end > s or s - d.end > MAX_GAP or sent.in_quote(d.start):
                continue
            between = sent.text[d.end : s]
            if any(w in between for w in UNDATED) or "。" in between:
                continue
            if _other_clause(para, sent, d, s) or sent.text.startswith(ABOUT, _noun_end(sent.text, s)) \
                    or OTHER_ROLE.match(sent.text, d.end):  # 15日正午を期限とする脅迫を受けて会議を開いた
                continue  # Xは14日、…会談について発表した: the day it was told, not the meeting's
            if d.date is None:
                vague = d  # 「7月の電話協議」「来週の会談」: the text says when, but no day
            else:
                best = d
        return best or vague

    @staticmethod
    def _date_after(para: Paragraph, sent: Sentence, e: int) -> DateMention | None:
        """The date just after the meeting noun, when the noun is the subject of a verb of taking place and the
        date belongs to that verb too (「会議が7月19日都内で開かれ」「会談は3日午後、北京で行われた」); not a date
        of another event in the clause (「対話は、前日に…交換が行われ、…実現した」), the end of a run
        (「会議は17日まで続き」) or the day a body acted (「総会は9日、議長を選出した」)."""
        m = SUBJECT_AFTER.match(sent.text, e)
        noun = token_at(para, sent, e - 1) if m else None
        if noun is None or noun.dep_ != "nsubj" or noun.head.lemma_ not in HELD_LEMMAS:
            return None
        for d in sent.dates:
            if d.start != m.end() or sent.in_quote(d.start) or sent.text.startswith("まで", d.end):
                continue
            tok = token_at(para, sent, d.end - 1)
            while tok is not None and tok.dep_ == "compound" and tok.head is not tok:
                tok = tok.head  # 3日午後: 日 → 午後
            if tok is not None and tok.head == noun.head:
                return d
        return None

    def _meeting(self, para: Paragraph, sent: Sentence, s: int, e: int, date: DateMention | None) -> Meeting:
        text = sent.text
        noun = text[s:e]
        label_start = s
        while label_start > 0 and (text[label_start - 1].isalnum() or text[label_start - 1] in "・") \
                and not "ぁ" <= text[label_start - 1] <= "ん" and s - label_start < 20:
            label_start -= 1
        label = text[label_start:e]
        kind = self.kinds.get(noun, "InPerson")
        window = text[max(0, s - 30) : e + 15]
        if "電話" in window:
            kind = "Phone"
        elif any(w in window for w in ("オンライン", "バーチャル", "ビデオ", "テレビ会議")):
            kind = "Video"
        status = "Held"
        after = text[e : e + 25]
        done = HELD_PAST.search(after)  # 会議は12日に開催された。…予定: the cue belongs to what comes next
        for cue, st in STATUS_CUES:
            if cue in after[: done.start() if done else None] or (st == "Postponed" and cue in text):
                status = st
                break
        if status == "Held" and not done and (text.startswith("へ", e) or ARRANGED.search(after)):
            status = "Planned"  # 日中、来月にも協議へ / 協議することになった
        if status == "Postponed":
            date = None  # the day it was meant for is not the day it was held
        start = para.offset + sent.start
        place = self._place(para, sent)
        house = sitting_body(label, noun, self.lex)
        return Meeting(
            label=label,
            evidence=Evidence(text, start, start + len(text), RULE),
            date=date.date if date else None,
            date_text=date.text if date else None,
            participants=tuple(p for p in (*self._participants(sent, label_start, e, self._noun_start(text, s, e)),
                                           *house) if p.label != place and not any(
                p.label != h.label and h.label.startswith(p.label) for h in house)),  # 鳥取|県議会本会議
            place=place,
            kind=kind,
            status=status,
            confidence=0.75 if date and date.date else 0.5,
        )

    def _noun_start(self, text: str, s: int, e: int) -> int:
        """Where the longest meeting noun ending at ``e`` starts (参議院|本会議, not 参議院本|会議)."""
        longest = max((n for n in self.kinds if text.endswith(n, 0, e)), key=len, default=text[s:e])
        return min(s, e - len(longest))

    def _participants(self, sent: Sentence, s: int, e: int, noun: int) -> tuple[ActorRef, ...]:
        """Actors of the clause before the meeting noun: its subject, its と/との partners, 米ロ, 両首脳.

        Left out: a state that only qualifies a noun (ロシアのプーチン大統領, ウクライナ情勢), a source (によると),
        whatever follows the noun, a reporter whose clause holds the meeting (Xは、Yが…会談…と発表した), and
        the topic of a sentence that talks about a meeting (Xは30日の電話会談について…)."""
        text = sent.text
        out: dict[str, ActorRef] = {}
        window = text[max(0, s - 12) : e]
        for pm in PAIR.finditer(window):
            for ref in met_pair(self.lex, window, pm.start()):
                out.setdefault(ref.label, ref)
        about = text.startswith(ABOUT, e)
        before = [m for m in sent.mentions if m.end <= e and not self._quoted_text(sent, m.start)
                  and not m.start < noun < m.end  # 参議院本|会議: a name cut out of the meeting's own noun
                  and not (s <= m.start and m.end < noun and m.actor.type != "Organization")]  # 鳥取|県議会本会議
        subjects = [m for m in before if text.startswith("が", m.end)]
        for m in before:
            if text.startswith(("によると", "によれば"), m.end) or self._qualifier(text, m) \
                    or m.actor.type == "State" and PLACE_AFTER.match(text, m.end):
                continue  # マルタで行われた首脳会談, スイス・ジュネーブで開かれた会議: the place, not a party
            if m.actor.label.startswith("両") and not m.group:  # 両国外相が: the two the sentence carries
                for a in met_both(m.actor.text, sent.context.topic):
                    out.setdefault(a.label, a)
                continue
            topic = text.startswith("は", m.end)
            if topic and (about or any(x.start > m.end for x in subjects)):
                continue
            for a in m.actors:
                if a.type in ("Person", "State", "Organization") and not self.lex.is_media(a.label) \
                        and not (m.title or "").endswith(("報道官", "報道担当官")):
                    out.setdefault(a.label, a)
        return tuple(out.values())

    @staticmethod
    def _qualifier(text: str, m) -> bool:
        """ロシアの…, ウクライナ情勢: a state naming where or whose, not who met."""
        if m.actor.type != "State":
            return False
        nxt = text[m.end : m.end + 1]
        return nxt == "の" or bool(KANJI_AFTER.match(nxt))

    @staticmethod
    def _place(para: Paragraph, sent: Sentence) -> str | None:
        s0, s1 = sent.start, sent.start + len(sent.text)
        for ent in para.doc.ents:
            if ent.label_ in PLACE_LABELS and s0 <= ent.start_char and ent.end_char <= s1:
                after = para.text[ent.end_char : ent.end_char + 2]
                if after.startswith("で") and not after.startswith("では"):
                    return ent.text
        return None
