"""Actor mentions in Japanese text → canonical actors.

Three sources of mentions, in order of trust:
1. a name followed by a title (ディアコネスク大統領補佐官, バイデン米大統領, ラブロフ氏);
2. the gazetteer's names and aliases (米国, NATO, ストルテンベルグ), and a state followed by an office
   (ジョージア外務省, 英首相府);
3. GiNZA's named entities (Person, organisations) that neither of the above covered.

Titles and honorifics are dropped; a family name resolves to the full name seen earlier in the same
document (ディアコネスク → クリスティアン・ディアコネスク). Never imports spaCy or rdflib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.lexicon import Entry, Lexicon
from kg.model import ActorRef
from kg.resolve.names import ABBREVIATIONS, PersonName, family_name, strip_title

KATAKANA = "ァ-ヶー"
NAME = rf"[{KATAKANA}]{{2,}}(?:[・＝=][{KATAKANA}]+)*"
KANJI = re.compile(r"[一-龥々]")
KANJI_ONLY = re.compile(r"[一-龥々]+")
# Offices that follow a state's name and make an organisation of it.
OFFICES = (
    "外務省報道官",
    "大統領府",
    "首相府",
    "首相官邸",
    "大統領官邸",
    "外務省",
    "国防総省",
    "国防省",
    "国務省",
    "財務省",
    "統一省",
    "内務省",
    "法務省",
    "商務省",
    "外交部",
    "国防部",
    "議会",
    "軍",
)
ORG_LABELS = {  # ja_ginza's extended labels that name a body
    "Organization",
    "Organization_Other",
    "International_Organization",
    "Government",
    "Cabinet",
    "Political_Party",
    "Political_Organization_Other",
    "Military",
    "Company",
    "Company_Group",
    "Corporation_Other",
    "Public_Institution",
    "Research_Institute",
    "School",
    "Show_Organization",
    "Pro_Sports_Organization",
    "Sports_Organization_Other",
    "Sports_League",
}
ANAPHORA = re.compile(r"同(氏|大統領|首相|外相|長官|報道官|補佐官|事務総長|次官|国務長官|外務次官)")
# a title standing alone as a subject (大統領は、…): the person last named with it, in a later sentence
BARE_TITLE = re.compile(r"(?<![ァ-ヶー一-龥々・A-Za-z0-9])(大統領|首相|外相|国務長官|国防長官|事務総長|報道官)"
                        r"(?=は|が|も)")
# a state's formal name after its short one (ウズベキスタン共和国, タイ王国): still that state
FORMAL = "(?:イスラム共和国|民主共和国|人民共和国|連邦共和国|共和国|王国|連邦|大公国|首長国)?"
STATE_PREFIXES = "対駐在訪親反"  # kanji that may stand before a state's name without making a new name (対日本)
READING = re.compile(r"(?<![一-龥々])(?P<kanji>[一-龥々]{2,4})[(（](?P<reading>[ァ-ヶーぁ-ん・=＝]{2,})[)）]")
COMPOUND = re.compile(r"[一-龥々ァ-ヶー]+")
NAME_KANJI = re.compile(rf"(?<![{KATAKANA}・])(?P<name>{NAME})[(（](?P<kanji>[一-龥々]{{2,4}})[)）]")
PLURAL_ANAPHORA = re.compile(r"両(首脳|外相|氏|大統領|首相|国|長官|銀行|社|行|党)")
PLURAL_BODIES = {"国": "State", "銀行": "Organization", "社": "Organization", "行": "Organization",
                 "党": "Organization"}  # 両社, 両党: the last two bodies named (others: people)
# 同国, 同社, 同地裁, 同党: the last state, or the last body whose name ends with the same head (同社: a company)
# a person written as 'name・body title' (国中均・JAXA教授): the kanji name, not opening a longer compound
AFFILIATION = re.compile(r"(?<![一-龥々ァ-ヶーA-Za-z0-9・])(?P<name>[一-龥々]{2,4})・")
# how a company's name may end and still name the same company (阪急HD, 阪急ホールディングス, ロシュ社)
COMPANY_FORM = re.compile(r"(?:ホールディングス|HD|グループ|(?<=[ァ-ヶーA-Za-z])社)$")
ONE_KANA_NAME = re.compile(rf"(?<![{KATAKANA}・＝=])([ァ-ヶ])(?=[一-龥々])")
DESCRIBED = re.compile(r"(?P<kind>[一-龥々ァ-ヶー]{2,})の$")  # ビール会社の…: what kind of body the name after is
COMPANY_LABELS = {"Company", "Company_Group", "Corporation_Other"}
# 政府 alone as a subject or source: the government the document named last (ウズベキスタン政府 … 政府は)
BARE_GOVERNMENT = re.compile(r"(?<![一-龥々ァ-ヶーA-Za-z・])政府(?=は|が|も|として|から)")
TEAMS = ("代表", "代表団")  # after a state's name with no holder: its national team or delegation (日本代表)
# 同県, 同市 point back to the last prefecture or city the text named, whether or not it acted as a body
PLACE_LABELS = {"Province", "City", "County", "GPE_Other", "Country"}
PLACE_HEADS = ("県", "市", "町", "村", "州", "区", "都", "府")
# 岩手、宮城両県知事, 大阪、堺両市長: the office of each place listed, held by as many people
PAIRED_OFFICES = re.compile(r"(?P<places>[一-龥々]{2,4}(?:[、・][一-龥々]{2,4})+)の?(?:両|[2-9２-９二三四五六七八九])"
                            r"(?P<office>[都道府県]知事|州知事|市長|町長|村長)")
GIVEN = re.compile(r"[一-龥々]{1,3}|[ぁ-んァ-ヶー]{2,4}")  # a given name after a kanji family name (一郎, かすみ, モナ)
NATIONWIDE = "全国"  # a body's name that begins so (全国農業協同組合連合会) is often read without it
HONORIFICS = ("さん", "ちゃん", "くん", "君")  # how news names ordinary people: never an office holder by itself
# a body of several states (EU各国, NATO加盟国, ASEAN諸国): its members, not the union itself
MEMBERS = ("加盟各国", "加盟国", "各国", "諸国")
SAME_BODY = re.compile(r"(?<![一-龥々])同(国|社|市|町|村|県|州|党|省|庁|局|地裁|高裁|裁判所|協会|委員会|政府|大学|軍"
                       r"|銀行)(?![長員])")  # 同社長: the company's president, not the company


OFFICE_KINDS = (  # the kind of office a title names, by how it ends (longest first): what _held compares
    ("大統領補佐官", "aide"), ("補佐官", "aide"), ("大統領報道官", "spokes"), ("報道官", "spokes"),
    ("副大統領", "vice"), ("副首相", "vice"), ("大統領", "head"), ("国家主席", "head"), ("主席", "head"),
    ("国王", "head"), ("総理大臣", "government"), ("総理", "government"), ("首相", "government"),
    ("事務総長", "secretary"), ("大臣", "minister"), ("長官", "minister"), ("相", "minister"),
    ("委員長", "chair"), ("議長", "chair"), ("会長", "chair"), ("総裁", "chair"), ("代表", "chair"),
    ("知事", "local"), ("市長", "local"), ("議員", "member"), ("大使", "envoy"),
)


def office_kind(title: str) -> str | None:
    """The kind of office ``title`` names (大統領 → head, 外務大臣 and 国務長官 → minister, 総理 → government), None
    for an honorific or a title of no listed kind (氏, 幹事長)."""
    title = re.sub(r"^(?:前|元|新|次期|現)", "", title)
    return next((k for end, k in OFFICE_KINDS if title.endswith(end)), None)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: ActorRef
    title: str | None = None  # the title the text used (大統領, 外相 …)
    kind: str = "name"  # name | office | anaphor | bare | plural
    group: tuple[ActorRef, ...] = ()  # the actors a plural anaphor (両首脳) points back to
    default: ActorRef | None = None  # whom a bare office (総理は) names when no one earlier held its title

    @property
    def actors(self) -> tuple[ActorRef, ...]:
        return self.group or (self.actor,)


def _countries(text: str, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """日本の気象庁, ロシアの国営ガス会社: an organisation the gazetteer does not know, right after a state (with の or
    nothing between), belongs to it; the organisation stays its own actor, with the state as its ``country``."""
    out = list(found)
    for i in range(1, len(out)):
        before, m = out[i - 1], out[i]
        if before.actor.type == "State" and m.actor.text in OFFICES and text[before.end : m.start] == "の":
            state = before.actor.label  # ロシアの外務省: Russia's, whatever 外務省 alone names in the gazetteer
            e = lex.lookup(state + m.actor.text)
            ref = _entry_ref(e, m.actor.text) if e else ActorRef(m.actor.text, state + m.actor.text, "Organization")
            out[i] = replace(m, actor=replace(ref, country=state) if ref.type == "Organization" else ref)
            continue
        if before.actor.type == "State" and m.actor.type == "Organization" and not m.actor.country \
                and text[before.end : m.start] in ("", "の") and lex.lookup(m.actor.label) is None:
            out[i] = replace(m, actor=replace(m.actor, country=before.actor.label))
        elif before.actor.type == "State" and m.actor.type == "Organization" and not m.actor.country \
                and text[before.end : m.start] == "の" and (e := lex.lookup(m.actor.text)) is not None \
                and e.canonical == m.actor.label and KANJI_ONLY.fullmatch(m.actor.text) \
                and lex.org_ending(m.actor.text) in ("省", "庁"):
            # 日本の気象庁: the gazetteer's unqualified ministries and agencies are Japan's (as 外務省 is); another
            # state's (ロシアの気象庁) is that state's body, named with it
            state = before.actor.label
            out[i] = replace(m, actor=replace(m.actor, country=state) if state == "日本" else
                             ActorRef(m.actor.text, state + m.actor.text, "Organization", country=state))
    return out


def _entry_ref(e: Entry, surface: str) -> ActorRef:
    return ActorRef(text=surface, label=e.canonical, type=e.type, wikidata=e.wikidata)


class ActorResolver:
    """Find and resolve actor mentions, one document at a time (``reset`` between documents)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        titles = "|".join(re.escape(t) for t in lexicon.titles)
        self._titled = re.compile(rf"(?P<name>{NAME})(?P<abbr>[{ABBREVIATIONS}])?(?P<title>{titles})")
        multi = sorted((a for a in lexicon.alias_index if len(a) >= 2), key=len, reverse=True)
        self._alias = re.compile("|".join(re.escape(a) for a in multi))
        abbr_states = "|".join(re.escape(a) for a in sorted(lexicon.alias_index, key=len, reverse=True)
                               if lexicon.alias_index[a].type == "State")
        offices = "|".join(re.escape(o) for o in OFFICES)
        self._office = re.compile(rf"(?P<state>{abbr_states})(?P<office>{offices})")
        self._state_at = re.compile(rf"(?:{abbr_states}){FORMAL}")
        # ザリーフ・イラン外相, マッカリー・ニュージーランド外相: a name, then the state, then the office
        self._name_state = re.compile(rf"(?<![{KATAKANA}・])(?P<name>[{KATAKANA}]{{2,}}(?:[・＝=][{KATAKANA}]+)*?)・"
                                      rf"(?P<state>{abbr_states}){FORMAL}")
        self._pair = re.compile(rf"[{ABBREVIATIONS}]{{2,3}}(?=[一-龥「]|の)")
        role_titles = sorted({t for t in lexicon.titles for r in lexicon.roles if r.endswith(t)}, key=len, reverse=True)
        self._role = re.compile(rf"(?<![{KATAKANA}一-龥々・])(?P<abbr>[{ABBREVIATIONS}])(?P<title>"
                                + "|".join(re.escape(t) for t in role_titles) + ")(?![府省庁院])") \
            if role_titles else None
        # an office named alone: 「国務長官は」 (one state has it), 「同国外相は」 (the state named last)
        states = [e.canonical for e in lexicon.actors if e.type == "State"]
        by_title: dict[str, set[str]] = {}
        for role in lexicon.roles:
            for st in states:
                if role.startswith(st) and role[len(st) :] in role_titles:
                    by_title.setdefault(role[len(st) :], set()).add(st)
        self._only_state = {t: next(iter(sts)) for t, sts in by_title.items() if len(sts) == 1}
        self._bare_role = re.compile(rf"(?<![{KATAKANA}一-龥々・A-Za-z])(?P<same>同国)?(?P<title>"
                                     + "|".join(re.escape(t) for t in role_titles) + ")(?![府省庁院官])") \
            if role_titles else None
        self.known_people: dict[str, ActorRef] = {}
        self.date = None
        self.last_state: str | None = None
        self.bodies: list[ActorRef] = []  # the states and organisations named so far in this document
        self.last_government: ActorRef | None = None  # the state last named as a government (X政府)
        self._parser_types: set[tuple[str, str]] = set()  # (name, type) the entity layer gave in this document
        self._companies: set[str] = set()  # names the entity layer calls companies in this document (for 同社)
        self.places: list[str] = []  # prefectures and cities the entity layer named in this document (for 同県)
        self._families_shared: set[str] = set()  # family names two people of this document share
        self._company_forms: dict[str, ActorRef] = {}  # a company's name without …HD, …社 → the company named so

    def reset(self, date=None) -> None:
        """Start a new document; ``date`` says who held an office (米大統領 in 2022 is Joe Biden)."""
        self.known_people = {}
        self.date = date
        self.last_state = None
        self.bodies = []
        self.last_government = None
        self._parser_types = set()
        self._companies = set()
        self.places = []
        self._families_shared = set()
        self._company_forms = {}

    def role(self, state: str, title: str, surface: str) -> ActorRef:
        """A state's office (ロシア外相): its holder on the article's date, else the office itself."""
        holder = self.lex.holder(state + title, self.date)
        if holder is not None:
            return _entry_ref(holder, surface)
        if title in TEAMS:  # 日本代表: the state's team or delegation, a body, not one person
            return ActorRef(surface, state + title, "Organization")
        return ActorRef(surface, state + title, "Person")

    # ---- single names -------------------------------------------------------------------

    def resolve_name(self, name: str, *, surface: str | None = None, person: bool = False) -> ActorRef | None:
        """A bare name (titles already removed) → ActorRef; None when it is no actor."""
        surface = surface or name
        name = name.strip("・＝=")  # ガイウス・ cut off before the rest of its name by the parser
        if not name:
            return None
        e = self.lex.lookup(name)
        if e and e.type == "Person" and name != e.canonical and surface.removeprefix(name) in HONORIFICS:
            e = None  # 林さん: an ordinary person of the family name the gazetteer gives a politician
            person = True
        if e:
            ref = _entry_ref(e, surface)
            if e.type == "Person":
                self.known_people[name] = ref
            return ref
        if not person:
            return None
        if (known := self._known(name)) is not None:
            return ActorRef(text=surface, label=known.label, type="Person", wikidata=known.wikidata)
        ref = ActorRef(text=surface, label=name, type="Person")
        self.known_people[name] = ref
        if "・" in name:  # a full name also answers to its family name
            self.known_people.setdefault(name.split("・")[-1], ref)
            if (family := family_name(name)) is not None:
                self.known_people.setdefault(family, ref)
            if re.fullmatch(rf"[{KATAKANA}]", first := name.split("・")[0]):
                self.known_people.setdefault(first, ref)  # イ・スンヨプ: a one-kana family name written first (李)
        return ref

    # ---- mentions in a text -------------------------------------------------------------

    def mentions(self, text: str, *, ents: Iterable[tuple[int, int, str]] = (),
                 names: Iterable[PersonName] = ()) -> list[Mention]:
        """Every actor mention in ``text`` (a sentence or paragraph), left to right, not overlapping. ``ents`` are
        the parser's named entities, ``names`` the personal names its morphology marks (kg.resolve.names)."""
        found: list[Mention] = []
        taken = bytearray(len(text))
        ents, names = list(ents), list(names)
        # where a personal name the morphology or the entity layer reads starts → where it ends (松野頼久)
        name_end = {n.start: n.name_end for n in names}
        name_ends = {n.name_end for n in names if n.end > n.name_end}  # where a titled person's name ends
        for s, e, label in ents:
            if label == "Person":
                name_end[s] = max(name_end.get(s, 0), len(strip_title(text[s:e], self.lex.titles)) + s)
        for s, e, label in ents:  # votes for the corpus: what the entity layer calls each name
            typ = "Person" if label == "Person" else "Organization" if label in ORG_LABELS else None
            if typ and e - s >= 2 and self._plausible_entity(text[s:e]):
                self._parser_types.add((text[s:e], typ))
            if label in COMPANY_LABELS:
                self._companies.add(text[s:e])
        places = [text[s:e] for s, e, label in ents if label in PLACE_LABELS and text[s:e].endswith(PLACE_HEADS)
                  and not text[s:e].startswith("同")]
        self.places += places

        def free(s: int, e: int) -> bool:
            return not any(taken[s:e])

        def take(m: Mention) -> None:
            found.append(m)
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)

        def block(s: int, e: int) -> None:  # a span that names no actor, kept from the later rules
            taken[s:e] = b"\x01" * (e - s)

        for m in PAIRED_OFFICES.finditer(text):  # 岩手、宮城両県知事: two governors, one mention of both
            office = m["office"]
            refs = []
            for place in re.split("[、・]", m["places"]):
                role = place + office  # 岩手県知事, 堺市長
                holder = self.lex.holder(role, self.date)
                refs.append(_entry_ref(holder, role) if holder else ActorRef(role, role, "Person"))
            if free(*m.span()):
                take(Mention(m.start(), m.end(), refs[0], title=office, group=tuple(refs)))
        for m in self._office.finditer(text):
            e = self.lex.lookup(m["state"])
            if e and free(m.start(), m.end()):
                label = f"{e.canonical}{m['office']}"
                org = self.lex.lookup(label) or self.lex.lookup(m.group(0))
                ref = _entry_ref(org, m.group(0)) if org else ActorRef(m.group(0), label, "Organization")
                if ref.type == "Organization":
                    ref = replace(ref, country=e.canonical)
                take(Mention(m.start(), m.end(), ref, kind="office"))
        for m in self._role.finditer(text) if self._role else ():  # 米大統領 with no name before it
            state = self.lex.lookup(m["abbr"])
            if state and free(*m.span()):
                ref = self.role(state.canonical, m["title"], m.group(0))
                take(Mention(m.start(), m.end(), ref, title=m["title"], kind="name" if ref.label != state.canonical
                             + m["title"] else "office"))
        person_starts = {(s, label) for s, _, label in ents}
        for m in self._name_state.finditer(text):
            tail = self._title_after(text, m.end()) or self._office_after(text, m.end())
            end = m.end() + len(tail) if tail else 0
            known = self.lex.lookup(m["name"])
            state = self.lex.lookup(m["state"])
            person = known.type == "Person" if known else \
                bool(re.search("[・＝=]", m["name"])) or (m.start(), "Person") in person_starts \
                or bool(tail and state and (state.canonical + tail in self.lex.roles
                                            or tail.endswith(("大臣", "相", "大統領", "首相", "長官"))))
            # カミーロフ・ウズベキスタン共和国外務大臣: a minister's name before the state, whatever the parser says
            if end and free(m.start(), end) and person:  # not サッカー・フランス代表
                ref = self.resolve_name(m["name"], surface=text[m.start() : end], person=True)
                if ref:
                    take(Mention(m.start(), end, ref, title=text[m.end("state") : end]))
        for m in AFFILIATION.finditer(text):  # 国中均・JAXA教授: a kanji name, ・, the body, then the title
            end = self._affiliation_end(text, m.end())
            if end and free(m.start(), end) and self._could_be_name(m["name"]):
                ref = self.resolve_name(m["name"], surface=text[m.start() : end], person=True)
                if ref:
                    take(Mention(m.start(), end, ref, title=text[m.end() : end]))
        for m in self._alias.finditer(text):
            s, e_ = m.span()
            entry = self.lex.lookup(m.group(0))
            if not entry or not free(s, e_) or not self._boundary(text, s, e_, entry):
                continue
            if entry.type == "State" and m.group(0) != entry.canonical and len(m.group(0)) >= 2 \
                    and text.startswith("市", e_) and not text.startswith("市場", e_):
                # 北京市当局, モスクワ市: the capital a state's name stands for is here the city; its authorities
                # are a body of their own, in that state
                if (auth := re.match("当局|政府", text[e_ + 1 :])) and free(s, e_ + 1 + auth.end()):
                    end = e_ + 1 + auth.end()
                    take(Mention(s, end, ActorRef(text[s:end], text[s:end], "Organization", country=entry.canonical)))
                else:
                    block(s, e_ + 1)
                continue
            if entry.type == "Organization" and text.startswith(MEMBERS, e_):
                block(s, e_ + next(len(w) for w in MEMBERS if text.startswith(w, e_)))
                continue  # EU各国: the union's members, several states, not the union
            if entry.type == "State" and text.startswith("・", e_) and (t := self._titled.match(text, e_ + 1)) \
                    and "・" not in t["name"] and (self.lex.lookup(t["name"]) is None
                                                  or self.lex.lookup(t["name"]).type == "Person"):
                continue  # アメリカ・クリントン国務長官: the person's mention, below, covers the state
            if entry.type == "State" and (staff := self._staff_after(text, e_)) and free(s, e_ + len(staff)):
                # 米政府高官, 中国高官: an official of the state, unnamed: a person, described with the state's name
                said = m.group(0)
                label = entry.canonical + ("政府" if said.endswith("政府") and entry.canonical != said else "") + staff
                take(Mention(s, e_ + len(staff), ActorRef(text[s : e_ + len(staff)], label, "Person")))
                continue
            if entry.type == "State" and (org_end := self._state_org(text, e_) or self._org_entity(text, s, e_, ents)):
                # 日本経済新聞, 中国銀行, 日本中央競馬会, セルビア急進党: an organisation, not the state it names
                while s and "ァ" <= text[s - 1] <= "ヶ" or s and text[s - 1] == "ー":
                    s -= 1  # マクドナルド中国法人: a company's name before it is part of it
                if s and text[s - 1] == "在" and free(s - 1, s):
                    s -= 1  # 在日本大韓民国民団: 在 begins the body's name
                if free(s, org_end):
                    org = self.lex.lookup(text[s:org_end])
                    ref = _entry_ref(org, text[s:org_end]) if org else \
                        ActorRef(text[s:org_end], text[s:org_end], "Organization", country=entry.canonical)
                    take(Mention(s, org_end, ref))
                continue
            if entry.type == "Organization" and s in name_ends:
                continue  # 小川敏夫参議院議員会長: a body's name inside the title after a person's name
            if entry.type == "Organization" and (org_end := self._state_org(text, e_)) \
                    and not self.lex.lookup(text[s:org_end]) and free(s, org_end):
                # 衆議院外務委員会, 日銀政策委員会: a body of the body the gazetteer knows, not that body itself
                take(Mention(s, org_end, ActorRef(text[s:org_end], text[s:org_end], "Organization")))
                continue
            if entry.type == "Person" and m.group(0) != entry.canonical \
                    and (known := self._known(m.group(0))) is not None and known.label != entry.canonical:
                # サリバン after ジョン・サリバン in the same document: that one, not the gazetteer's
                tail = self._title_after(text, e_) or self._office_after(text, e_)
                take(Mention(s, e_ + len(tail), replace(known, text=text[s : e_ + len(tail)]), title=tail or None))
                continue
            if entry.type == "Person" and m.group(0) != entry.canonical and text.startswith(HONORIFICS, e_):
                # 林さん: an ordinary person of the family name the gazetteer gives a politician, unless this
                # document named that person in full
                honorific = next(h for h in HONORIFICS if text.startswith(h, e_))
                end = e_ + len(honorific)
                known = self._known(m.group(0))
                ref = replace(known, text=text[s:end]) if known else ActorRef(text[s:end], m.group(0), "Person")
                self.known_people.setdefault(m.group(0), ref)
                take(Mention(s, end, ref, title=honorific))
                continue
            tail = self._title_after(text, e_)
            if tail and entry.type == "State" and (after := self._name_after(text, e_ + len(tail))) \
                    and free(s, after[1]):  # アメリカ合衆国大統領ジミー・カーター: the office, then its holder's name
                ref = self.resolve_name(after[0], surface=text[s : after[1]], person=True)
                if ref:
                    take(Mention(s, after[1], ref, title=tail))
                    continue
            if tail and (entry.type == "State" or entry.canonical + tail in self.lex.roles):
                # ロシア外相, 国連事務総長: a role, not the state or body itself
                ref = self.role(entry.canonical, tail, m.group(0) + tail)
                take(Mention(s, e_ + len(tail), ref, title=tail, kind="name" if ref.wikidata or ref.type != "Person"
                             or ref.label != entry.canonical + tail else "office"))
                continue
            if entry.type == "Person" and KANJI.match(text[e_ - 1]) and name_end.get(s, 0) > e_ \
                    and KANJI.match(text[e_]) and not text.startswith(tail or "\0", e_):
                continue  # 松野頼久議員: a longer name the text writes in full, not the gazetteer's 松野 (博一)
            if entry.type == "Person":  # 谷垣幹事長: the title goes with the name, listed or not
                tail = tail or self._office_after(text, e_) or text[e_ : self._office_end(text, e_)]
                tail = text[e_ : self._also(text, e_ + len(tail))] if tail else tail
                e_ += len(tail)
            if entry.type == "Person" and m.group(0) != entry.canonical and tail \
                    and not self._held(entry.canonical, tail):
                # ズマ委員長 in 2014, when the gazetteer's ズマ was a president: another person of that name
                ref = ActorRef(text[s:e_], m.group(0), "Person")
                self.known_people[m.group(0)] = ref
                take(Mention(s, e_, ref, title=tail))
                continue
            ref = _entry_ref(entry, text[s:e_])
            if entry.type == "Person":
                self.known_people[m.group(0)] = ref
            take(Mention(s, e_, ref, title=tail or None))
        for m in self._titled.finditer(text):
            s, e_ = m.span()
            name = m["name"]
            if not free(s, e_) or self.lex.lookup(name) and self.lex.lookup(name).type != "Person":
                continue
            if e_ < len(text) and text[e_] in "府省庁院":  # 大統領府: an office, not a person
                continue
            if s and KANJI.match(text[s - 1]) and (m["title"] not in HONORIFICS + ("氏", "様")
                                                   or any(st < s < en for st, en in name_end.items())):
                # 中央アジア上級部長: part of a compound, not a name (幹部ハニヤ氏 is one: 氏 follows names;
                # in 坂本フミヱさん the katakana is the given name of one name)
                continue
            if "・" in name:  # アリイェフ・アゼルバイジャン大統領: a name, then the country
                head, _, last = name.rpartition("・")
                if (entry := self.lex.lookup(last)) is not None and entry.type == "State":
                    name = head
                    known = self.lex.lookup(head)
                    if not (known.type == "Person" if known else re.search("[・＝=]", head)
                            or (s, "Person") in person_starts):
                        continue  # サッカー・フランス代表: no person's name before the state
                first, _, rest = name.partition("・")
                if rest and (entry := self.lex.lookup(first)) is not None and entry.type == "State":
                    name = rest  # アメリカ・クリントン国務長官: the state, then the name
            ref = self.resolve_name(name, surface=text[s:e_], person=True)
            if ref:
                take(Mention(s, e_, ref, title=m["title"]))
        for n in names:  # 菅総務相, 谷垣幹事長, 塩崎恭久厚労大臣: a person, whatever the entity layer says
            if self._inside_word(text, n.start, n.name_end):
                # ドメニコ・シニス|カルロ伊経済相: a titled name read from inside its word is the whole word's;
                # グロー|バリー, with no title, is no name
                start = self._word_start(text, n.start)
                if n.end == n.name_end or start == n.start or self._inside_word(text, start, n.name_end):
                    continue
                n = replace(n, start=start, family_end=max(n.family_end, start))
            if (org_end := self._company_end(text, n.start, n.name_end)) and free(n.start, org_end):
                # 藤本製薬は: a family name, then a company's ending (read as its title), is that company
                take(Mention(n.start, org_end, ActorRef(text[n.start : org_end], text[n.start : org_end],
                                                        "Organization")))
                continue
            if not free(n.start, n.end):
                if n.full and free(n.start, n.name_end) and self.lex.lookup(text[n.start : n.name_end]) is None:
                    # 加藤紘一元自民党幹事長: a full name whose office holds a body the gazetteer knows is still the
                    # person, and 加藤氏 later in the document is them
                    ref = self.resolve_name(text[n.start : n.name_end], person=True)
                    if ref is not None:
                        self._family(text[n.start : n.family_end], ref)
                        take(Mention(n.start, n.name_end, ref))
                continue
            name = text[n.start : n.name_end]
            if n.name_end < name_end.get(n.start, 0) and KANJI.match(text[n.name_end]) \
                    and not text[n.name_end : name_end[n.start]].endswith(self.lex.title_endings) \
                    and not self._title_after(text, n.name_end) \
                    and (entry := self.lex.lookup(name)) is not None and entry.type == "Person":
                # 松野|頼久議員: the entity layer reads a longer name than the morphology; not the gazetteer's 松野
                ref = ActorRef(text[n.start : n.end], name, "Person")
                take(Mention(n.start, n.end, ref, title=text[n.name_end : n.end] or None))
                continue
            name = text[n.start : n.name_end]
            entry = self.lex.lookup(name)
            if entry is not None and entry.type != "Person":
                continue
            ref = self.resolve_name(name, surface=text[n.start : n.end], person=True)
            if ref is None:
                continue
            end = n.end
            if n.end == n.name_end and (office_end := self._office_end(text, n.name_end)) \
                    and free(n.start, office_end):  # 盧武鉉韓国大統領: the name, then the state and its office
                end = office_end
            if n.end == n.name_end and text.startswith("・", end) and (office := self._office_after(text, end + 1)) \
                    and free(n.start, end + 1 + len(office)):  # 獅山向洋・彦根市長: the name, then place and office
                end += 1 + len(office)
            end = self._also(text, end)
            if not free(n.start, end):
                end = n.end
            if n.full:  # the family name alone, later in the document, is this person (塩崎恭久 … 塩崎厚労相)
                self._family(text[n.start : n.family_end], ref)
            take(Mention(n.start, end, ref, title=text[n.name_end : end] or None))
        for s, e_, label in ents:
            if label == "Person":
                s, e_ = self._whole_name(text, s, e_)
            surface = text[s:e_]
            if not free(s, e_) or not self._plausible_entity(surface) or SAME_BODY.match(surface):
                continue  # 同県警, 同市: a word pointing back, resolved below
            if label == "Person" and "・" not in surface.rstrip("・") and (
                    dot := e_ if text.startswith("・", e_) else e_ - 1 if surface.endswith("・") else -1) >= 0 \
                    and KANJI.match(text, dot + 1) and any(f.start == dot + 1 and f.actor.type == "Person"
                                                          for f in found):
                # 楽天イーグルス・米田純球団代表: what stands before a kanji name and ・ is whom the person works
                # for, a body (and one mention with the person, below)
                name = text[s:dot]
                e = self.lex.lookup(name)
                take(Mention(s, dot, _entry_ref(e, name) if e else ActorRef(name, name, "Organization")))
                continue
            if label == "Person" and (m := DESCRIBED.search(text[:s])) and m["kind"][0] not in "同両各当本" \
                    and self.lex.org_ending(m["kind"]) in self.lex.company_endings and not self.lex.lookup(surface) \
                    and not (self._title_after(text, e_) or self._office_after(text, e_)):
                # ビール会社のアンハイザー・ブッシュ・インベブ: a name the text says is a company's (not 同社の八木社長,
                # a person of the company)
                take(Mention(s, e_, ActorRef(surface, surface, "Organization")))
                continue
            if label == "Person" and (org_end := self._company_end(text, s, e_)) and free(s, org_end):
                # 藤本製薬, 山田工業: a family name, then a company's ending, is that company, not a person
                take(Mention(s, org_end, ActorRef(text[s:org_end], text[s:org_end], "Organization")))
                continue
            if label == "Person" and (cut := self._title_cut(text, s, e_)) < e_:
                # 鹿取克章外務|報道官: the entity ran into the first part of the title; the name ends before it
                tail = self._title_after(text, cut)
                stop = cut + len(tail)
                if free(s, stop) and (ref := self.resolve_name(text[s:cut], surface=text[s:stop], person=True)):
                    take(Mention(s, stop, ref, title=tail))
                continue
            if label == "Person" and len(surface) == 1 and surface in self.known_people \
                    and (tail := self._title_after(text, e_) or self._office_after(text, e_)):
                # 康長官 after 康京和(カン・ギョンファ): a one-character family name the document gave, with a title
                ref = replace(self.known_people[surface], text=text[s : e_ + len(tail)])
                take(Mention(s, e_ + len(tail), ref, title=tail))
                continue
            if label == "Person" and len(surface) >= 2:
                if KANJI_ONLY.fullmatch(surface) and not self.lex.lookup(surface) and not self._title_after(text, e_):
                    continue  # 東方不拡大 tagged Person: a kanji name needs a title after it (松野官房長官)
                if self._inside_word(text, s, e_):
                    continue  # グロー|バリー: a name the entity cut out of a longer katakana word is nobody's
                if (org_end := self._body_after_name(text, s, e_)) and free(s, org_end):
                    # ポリサリオ戦線, バッハ史料館: a name, then a noun that makes a body of it
                    take(Mention(s, org_end, ActorRef(text[s:org_end], text[s:org_end], "Organization")))
                    continue
                ref = self.resolve_name(strip_title(surface, self.lex.titles), surface=surface, person=True)
            elif label in ORG_LABELS and len(surface) >= 2:
                if surface in self.lex.titles or re.search(r"[0-9０-９]", surface):
                    continue  # 小泉純一郎・元首相, 1等2億円: a title or an amount the parser called a company
                if self._inside_word(text, s, e_) and (end := self._word_end(text, e_)) > e_ \
                        and (tail := self._title_after(text, end) or self._office_after(text, end)) \
                        and free(s, end + len(tail)):
                    # ドメニコ・シニス|カルロ伊経済相: a body cut out of a name that an office follows is that person
                    ref = self.resolve_name(text[s:end], surface=text[s : end + len(tail)], person=True)
                    if ref:
                        take(Mention(s, end + len(tail), ref, title=tail))
                    continue
                if (start := self._word_start(text, s)) < s and free(start, s):
                    s, surface = start, text[start:e_]  # ヒューマン・|ライツ・ウオッチ: the name the entity cut
                if text.startswith(NATIONWIDE, max(s - 2, 0)) and s >= 2 and free(s - 2, s) \
                        and not KANJI.match(text, s - 3 if s >= 3 else len(text)):
                    s, surface = s - 2, text[s - 2 : e_]  # 全国|農業協同組合連合会: 全国 begins the body's name
                head, dot, rest = surface.partition("・")
                if dot and rest and self.lex.type_of(head) and not self.lex.lookup(head) \
                        and free(s + len(head) + 1, self._word_end(text, e_)):
                    # 自動車メーカー・ダイムラークライスラー: a description, then the name
                    s, e_ = s + len(head) + 1, self._word_end(text, e_)
                    surface = text[s:e_]
                ref = self.resolve_name(surface) or ActorRef(surface, surface, self._org_or_office(surface))
            else:
                continue
            if ref:
                take(Mention(s, e_, ref))
        for body, short in self._short_names():  # 相撲協会 after 日本相撲協会: that body, named without its state
            for m in re.finditer(re.escape(short), text):
                if free(*m.span()) and not (m.start() and re.match(r"[一-龥々ァ-ヶーA-Za-z]", text[m.start() - 1])):
                    take(Mention(m.start(), m.end(), replace(body, text=short)))
        for m in ONE_KANA_NAME.finditer(text):  # イ選手 after イ・スンヨプ: a one-kana family name, its title after it
            if m[1] in self.known_people and (tail := self._title_after(text, m.end()) or self._office_after(
                    text, m.end())) and free(m.start(), m.end() + len(tail)):
                take(Mention(m.start(), m.end() + len(tail),
                             replace(self.known_people[m[1]], text=text[m.start() : m.end() + len(tail)]), title=tail))
        found.sort(key=lambda m: m.start)
        for m in self._bare_role.finditer(text) if self._bare_role else ():
            if not free(*m.span()):
                continue
            title = m["title"]
            if m["same"]:
                before = [f.actor.label for f in found if f.actor.type == "State" and f.end <= m.start()]
                state = before[-1] if before else self.last_state
            else:
                state = self._only_state.get(title)
            if state and state + title in self.lex.roles:
                ref = self.role(state, title, m.group(0))
                take(Mention(m.start(), m.end(), ref, title=title,
                             kind="name" if ref.label != state + title else "office"))
        for m in BARE_GOVERNMENT.finditer(text):  # 政府は, after ウズベキスタン政府: that government
            before = [f.actor for f in found if f.end <= m.start() and f.actor.type == "State"
                      and f.actor.text.endswith("政府")]
            if free(*m.span()) and (ref := before[-1] if before else self.last_government):
                take(Mention(m.start(), m.end(), replace(ref, text=m.group(0)), kind="name"))
        for m in SAME_BODY.finditer(text):  # 同国代表, 同社, 同地裁: the body named last with that head
            if free(*m.span()) and (ref := self._same_body(m[1], [f for f in found if f.end <= m.start()])):
                end = m.end()
                if m[1] in PLACE_HEADS and (run := KANJI_ONLY.match(text, end)) and ref.type != "State":
                    body = run.group(0)[:4]
                    if self._title_after(text, end) or self._office_after(text, end):
                        continue  # 同県知事: the prefecture's governor, whom this does not name
                    if self.lex.type_of(ref.label + body) == "Organization" or body.startswith("警"):
                        # 同県警, 同市議会: the place's body
                        end += len(body)
                        ref = ActorRef(text[m.start() : end], ref.label + body, "Organization")
                take(Mention(m.start(), end, replace(ref, text=text[m.start() : end]), kind="name"))
        # words that point back (同氏, 大統領は, 両首脳): resolved against earlier sentences by kg.extract.context
        for pattern, kind in ((ANAPHORA, "anaphor"), (BARE_TITLE, "bare"), (PLURAL_ANAPHORA, "plural")):
            for m in pattern.finditer(text):
                if free(*m.span()):
                    default = None
                    if kind == "bare" and self.last_state and self.last_state + m[1] in self.lex.roles:
                        default = self.role(self.last_state, m[1], m.group(0))  # 首相は: the state's, by date
                        default = default if default.label != self.last_state + m[1] else None
                    take(Mention(m.start(), m.end(), ActorRef(m.group(0), m.group(0), "Person"), title=m[1],
                                 kind=kind, default=default))
        found.sort(key=lambda m: m.start)
        found = self._readings(text, found)
        found = self._name_then_kanji(text, found)
        found = _countries(text, found, self.lex)
        found = self._affiliated(text, found)
        found = self._one_company(found)
        found = self._short_forms(found)
        states = [m.actor.label for m in found if m.actor.type == "State"]
        if states:
            self.last_state = states[-1]  # 同国 in a later sentence points here
        self.bodies += [m.actor for m in found if m.actor.type in ("State", "Organization")]
        governments = [m.actor for m in found if m.actor.type == "State" and m.actor.text.endswith("政府")]
        if governments:
            self.last_government = governments[-1]
        return found

    def _title_cut(self, text: str, start: int, end: int) -> int:
        """Where a name the entity layer ran into the first part of a title ends (鹿取克章外務|報道官, 琴錦親|方): the
        first place inside [start, end) where a title of the lexicon begins that goes on past ``end``, leaving two
        characters of name or more; else ``end``."""
        for k in range(start + 2, end):
            if any(text.startswith(t, k) and k + len(t) > end for t in self.lex.titles):
                return k
        return end

    def _whole_name(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A katakana name the entity layer cut at one of its dots (イ・|スンヨプ, ジョン・|F・ケネディ): extended over
        the dot to the katakana runs either side, unless that run is a state or body of the gazetteer (アメリカ・)."""
        run = re.compile(rf"[{KATAKANA}]+")

        def other(word: str) -> bool:
            e = self.lex.lookup(word)
            return e is not None and e.type != "Person"

        while start >= 2 and text[start - 1] in "・＝=" and re.match(rf"[{KATAKANA}]", text[start]) \
                and (m := re.search(rf"[{KATAKANA}]+$", text[: start - 1])) and not other(m.group(0)):
            start = m.start()
        while end < len(text) - 1 and text[end] in "・＝=" and re.match(rf"[{KATAKANA}]", text[end - 1]) \
                and (m := run.match(text, end + 1)) and not other(m.group(0)):
            end = m.end()
        return start, end

    def _company_end(self, text: str, start: int, end: int) -> int:
        """Where a company's name ends when the name at [start, end) (a family name the entity layer calls a
        person) ends as a company's does or goes on into a company's ending (藤本|製薬, 山田工業,
        田中|ホールディングス), and no office of a person follows it (田中建設相 is a minister); else 0."""
        m = re.compile(rf"[一-龥々{KATAKANA}A-Z]+").match(text, start)
        if not m or m.end() < end:
            return 0
        run = m.group(0)

        def company(k: int) -> bool:
            ending = self.lex.org_ending(run[:k])
            return ending in self.lex.company_endings and k > len(ending) and len(ending) >= 2

        k = next((k for k in range(max(end - start, 2), len(run) + 1) if company(k)), 0)
        if not k:
            return 0
        k = max(j for j in range(k, len(run) + 1) if company(j))  # 藤本製薬工業: the longest the run spells
        if run[k:].startswith(("相", "大臣", "長官", "官")):
            return 0  # 田中建設相: the minister of construction
        return start + k

    def _staff_after(self, text: str, end: int) -> str:
        """A state's senior official, unnamed, written right after its name (米政府高官, 中国高官) as a word of its own;
        else ''. Not its authorities (エリトリア当局者: the state speaking) nor its team (日本代表)."""
        run = KANJI_ONLY.match(text, end)
        if not run:
            return ""
        word = run.group(0)
        word = word[2:] if word.startswith("政府") and len(word) > 2 else word
        return run.group(0) if word == "高官" else ""

    def _could_be_name(self, name: str) -> bool:
        """Whether a run of kanji before ・ may be a person's name: no actor the gazetteer knows, no description of
        one (首相, 社長), no pair of state abbreviations (日米)."""
        return self.lex.lookup(name) is None and self.lex.type_of(name) is None \
            and not all(c in ABBREVIATIONS for c in name) and not SAME_BODY.match(name)

    def _affiliation_end(self, text: str, start: int) -> int:
        """Where a body's name and a person's title after it end (JAXA教授, 東京大学大学院教授, 日本銀行総裁), when they
        start at ``start`` and the title is one of the lexicon's; the body must be one the gazetteer knows, an
        acronym, or a name that ends as a body's does; else 0."""
        m = re.compile(rf"[一-龥々{KATAKANA}A-Za-z0-9]{{2,24}}").match(text, start)
        if not m:
            return 0
        run = m.group(0)
        for k in range(2, len(run)):
            title = next((t for t in self.lex.titles if run.startswith(t, k)), None)
            if title is None:
                continue
            body = run[:k]
            e = self.lex.lookup(body)
            if e is not None and e.type != "Person" or re.fullmatch(r"[A-Z][A-Za-z0-9&]{1,9}", body) \
                    or e is None and self.lex.type_of(body) == "Organization":
                return start + k + len(title)
            return 0
        return 0

    @staticmethod
    def _inside_word(text: str, start: int, end: int) -> bool:
        """Whether the span [start, end) begins or ends inside a katakana word (グロー|バリー, バリ|ー)."""
        def kana(i: int) -> bool:
            return 0 <= i < len(text) and ("ァ" <= text[i] <= "ヶ" or text[i] == "ー")

        return kana(start) and kana(start - 1) or kana(end - 1) and kana(end)

    def _body_after_name(self, text: str, start: int, end: int) -> int:
        """Where a katakana name the entity layer calls a person ends as a body's name, when kanji that end as a
        body's do follow it (ポリサリオ|戦線) or close it (バッハ史料館), and no title or office does; else 0."""
        m = re.compile(rf"[{KATAKANA}・]+").match(text, start)
        if not m or m.end() < start + 2 or not re.match(r"[一-龥々]", text[m.end():m.end() + 1]):
            return 0
        run = KANJI_ONLY.match(text, m.end())
        stop = max(end, run.end()) if run else end
        name = text[start:stop]
        if self._title_after(text, m.end()) or self._office_after(text, m.end()) \
                or self.lex.type_of(name) != "Organization" or self.lex.lookup(name[: m.end() - start]):
            return 0
        return stop

    @staticmethod
    def _word_start(text: str, start: int) -> int:
        """Back over the katakana words of a name that the entity begins inside (ヒューマン・|ライツ・ウオッチ)."""
        if not start or not re.match(r"[ァ-ヶー]", text[start]):
            return start
        m = re.search(r"(?:[ァ-ヶー]+・)*[ァ-ヶー]*$", text[:start])
        return m.start() if m else start

    @staticmethod
    def _word_end(text: str, end: int) -> int:
        """Past the rest of a katakana or Latin word the entity cut short (ダイムラー|クライスラー)."""
        m = re.compile(r"[ァ-ヶー]+|[A-Za-z]+").match(text, end)
        return m.end() if m and end and re.match(r"[ァ-ヶーA-Za-z]", text[end - 1]) else end

    def parser_types(self) -> list[ActorRef]:
        """The names the parser's entity labels typed in this document (once per name and type), sorted: the
        corpus-wide vote kg.merge.one_type counts for an actor no rule typed (オライリー said, and was tagged a
        Person in another article)."""
        return [ActorRef(name, name, typ) for name, typ in sorted(self._parser_types)]

    def _same_body(self, head: str, before: list[Mention]) -> ActorRef | None:
        """The body 同<head> points back to: for 国 and 政府 the last state (in this sentence, else the document);
        otherwise the last organisation whose name ends with the head (同社 → …社 or a company the parser named,
        同地裁 → 京都地裁)."""
        if head in ("国", "政府"):
            here = [f.actor for f in before if f.actor.type == "State"]
            if here:
                return here[-1]
            e = self.lex.lookup(self.last_state) if self.last_state else None
            return _entry_ref(e, self.last_state) if e else None
        for a in reversed(self.bodies + [f.actor for f in before]):
            if self.lex.is_media(a.label):
                continue  # 読売新聞によると、…同社: the outlet that tells the story is not the company in it
            company = a.text in self._companies or self.lex.org_ending(a.label) in self.lex.company_endings
            if a.type == "Organization" and (a.label.endswith(head) or a.text.endswith(head)
                                             or head == "社" and company):
                return a  # 同社 after トヨタ: a company (the parser says so, or its name ends as one's)
        if head in PLACE_HEADS:  # 同県 after 香川県の職員: the prefecture the text named last, as a body
            place = next((p for p in reversed(self.places) if p.endswith(head)), None)
            if place:
                e = self.lex.lookup(place)
                return _entry_ref(e, place) if e else ActorRef(place, place, "Organization")
        return None

    def _one_company(self, found: list[Mention]) -> list[Mention]:
        """阪急, 阪急HD and 阪急ホールディングス, ロシュ and ロシュ社 in one document: one company, named as the
        document first named it (the gazetteer's own names are never renamed)."""
        out = []
        for m in found:
            a = m.actor
            stem = COMPANY_FORM.sub("", a.label) if a.type == "Organization" and m.kind == "name" else ""
            if len(stem) < 2 or self.lex.lookup(a.label) is not None and stem == a.label:
                out.append(m)
                continue
            known = self._company_forms.setdefault(stem, replace(a, label=stem) if a.label == stem + "社" else a)
            if known.label != a.label and self.lex.lookup(a.label) is None:
                m = replace(m, actor=replace(known, text=a.text))
            out.append(m)
        return out

    def _short_forms(self, found: list[Mention]) -> list[Mention]:
        """相撲協会 after 日本相撲協会, 農協連合会 after 全国農協連合会: a body named without the state or 全国 its full
        name begins with, when the document named it in full before, is that body."""
        out = []
        for m in found:
            a = m.actor
            if a.type == "Organization" and m.kind == "name" and not a.wikidata and len(a.label) >= 3 \
                    and self.lex.lookup(a.label) is None:
                before = self.bodies + [x.actor for x in out]
                full = next((b for b in reversed(before) if b.type == "Organization" and b.label != a.label
                             and b.label.endswith(a.label) and self._qualifier(b.label[: -len(a.label)])), None)
                if full is not None:
                    m = replace(m, actor=replace(full, text=a.text))
            out.append(m)
        return out

    def _short_names(self) -> list[tuple[ActorRef, str]]:
        """The bodies this document named whose name begins with a state's or 全国 (日本相撲協会), each with its name
        without it (相撲協会), when that is a body's name of three characters or more the gazetteer does not give."""
        out = {}
        for b in self.bodies:
            if b.type != "Organization" or b.wikidata:
                continue
            for k in range(2, len(b.label) - 2):  # not 日|本相撲協会: a one-character state stays a prefix
                short = b.label[k:]
                if self._qualifier(b.label[:k]) and self.lex.org_ending(short) and self.lex.lookup(short) is None:
                    out.setdefault(short, b)
                    break
        return [(b, short) for short, b in out.items()]

    def _qualifier(self, prefix: str) -> bool:
        """Whether ``prefix`` only says where a body works (日本, 全国), not which body it is."""
        e = self.lex.lookup(prefix)
        return prefix == NATIONWIDE or e is not None and e.type == "State"

    def _affiliated(self, text: str, found: list[Mention]) -> list[Mention]:
        """日本テニス協会・渡辺康二専務理事, アメリカ・クリントン国務長官: a body, ・, then a titled person is that
        person (the body says whom they work for), one mention over the whole phrase."""
        out: list[Mention] = []
        for m in found:
            prev = out[-1] if out else None
            if prev is not None and prev.actor.type in ("State", "Organization") and m.actor.type == "Person" \
                    and (m.title or KANJI.match(text, m.start)) and text[prev.end : m.start] == "・":
                out[-1] = replace(m, start=prev.start, actor=replace(m.actor, text=text[prev.start : m.end]))
                continue
            out.append(m)
        return out

    def _name_then_kanji(self, text: str, found: list[Mention]) -> list[Mention]:
        """パク・トクフン(朴徳勲)国連次席大使: a katakana name, its kanji in brackets, then an office (of a body the
        gazetteer knows, or none): one person over the whole phrase, not the body the office belongs to."""
        out = list(found)
        for m in NAME_KANJI.finditer(text):
            end = m.end()
            body = next((k for k in range(min(10, len(text) - end), 1, -1)
                         if (e := self.lex.lookup(text[end : end + k])) is not None and e.type != "Person"), 0)
            office = self._title_after(text, end + body) or self._office_after(text, end + body)
            if not office:
                continue
            stop = end + body + len(office)
            known = self.lex.lookup(m["name"]) or self.lex.lookup(m["kanji"])
            ref = _entry_ref(known, text[m.start() : stop]) if known is not None and known.type == "Person" else \
                ActorRef(text[m.start() : stop], m["name"], "Person")
            out = [x for x in out if not (m.start() <= x.start < stop)]
            out.append(Mention(m.start(), stop, ref, title=text[end:stop]))
            for form in (m["name"], m["kanji"]):
                self.known_people[form] = ref
        return sorted(out, key=lambda x: x.start)

    def _readings(self, text: str, found: list[Mention]) -> list[Mention]:
        """潘基文(パン・ギムン), 康京和(カン・ギョンファ): a name in kanji and its reading in brackets are one person,
        named as the gazetteer names either form, else as written in kanji; when either form is a person's mention
        or a title follows the bracket, both become mentions of that person, and later mentions of either resolve
        to it."""
        out = list(found)
        for m in READING.finditer(text):
            (ks, ke), (rs, re_) = m.span("kanji"), m.span("reading")
            inside = [x for x in out if ks <= x.start < ke or rs <= x.start < re_]
            if any(x.actor.type != "Person" and (self.lex.lookup(x.actor.label) or self.lex.type_of(x.actor.label))
                   for x in inside):
                continue  # a known body, or one its name says is a body; not 金根植 the parser called a company
            tail = self._title_after(text, m.end()) or self._office_after(text, m.end()) \
                or text[m.end() : self._office_end(text, m.end())]
            if not inside and not tail:
                continue
            known = self.lex.lookup(m["kanji"]) or self.lex.lookup(m["reading"])
            if known is not None and known.type != "Person":
                continue
            label, qid = (known.canonical, known.wikidata) if known else (m["kanji"], None)
            out = [x for x in out if x not in inside and not m.end() <= x.start < m.end() + len(tail)]
            # 稲嶺恵一(いなみねけいいち)沖縄県知事: the office after the bracket is the person's, not an actor
            # a reading in hiragana (いなみねけいいち) is how to say the kanji, not a name of its own: never a label
            said_as = m["reading"] if not re.fullmatch(r"[ぁ-ん]+", m["reading"]) else m["kanji"] + tail
            for a, b in ((ks, ke), (rs, re_ + 1 + len(tail) if tail else re_)):
                ref = ActorRef(text[a:b] if a == ks else said_as, label, "Person", qid)
                out.append(Mention(a, b, ref, kind="name"))
                self.known_people[text[a:b]] = ref
            if tail:
                out[-1] = replace(out[-1], actor=replace(ref, text=said_as), title=tail)
            if "・" in m["reading"]:  # カン・ギョンファ: カン, and 康 of 康京和, is the family name
                self.known_people.setdefault(m["reading"].split("・")[0], ref)
                if len(m["kanji"]) == 3:
                    self.known_people.setdefault(m["kanji"][0], ref)
        return sorted(out, key=lambda x: x.start)

    def pair(self, text: str, start: int) -> list[ActorRef]:
        """Abbreviation pairs before a noun (米ロ首脳会談, 日米) → the states they name."""
        m = self._pair.match(text, start)
        if not m:
            return []
        refs = []
        for ch in m.group(0):
            e = self.lex.lookup(ch)
            if e:
                refs.append(_entry_ref(e, ch))
        return refs

    def _org_or_office(self, surface: str) -> str:
        """An entity the parser calls an organisation but that is an office (文科相, 事務次官): its holder, a
        Person; a ministry or agency (文科省, 気象庁) stays an Organization."""
        office = surface.endswith(self.lex.title_endings) or surface in self.lex.titles
        typ = self.lex.type_of(surface)
        if typ is not None and (typ != "Person" or office):
            return typ  # 巨人, a team the parser calls one: a body, though a person's description ends so (…人)
        return "Person" if office else "Organization"

    def _plausible_entity(self, surface: str) -> bool:
        """GiNZA's entity spans that can name an actor: not kana-only words (それ), not a bare romanisation
        the gazetteer does not know (習近平(Xi Jinping)), not an event (米露外相会談)."""
        if self.lex.lookup(surface):
            return True
        parts = re.split("[・、]", surface)
        def body(part: str) -> bool:  # a known state or organisation, or one opening the part (仏両国)
            return any((e := self.lex.lookup(part[:k])) and e.type != "Person" for k in range(len(part), 0, -1))

        if len(parts) > 1 and sum(map(body, parts)) >= 2:
            return False  # 英・仏両国, 民主党・社民党: several actors joined, not one
        if re.fullmatch(r"[ぁ-ん]+|[A-Za-z .'-]+|[ァ-ヶー・]+[ぁ-ん]{2,}", surface):  # それ, マルタかいだん
            return False
        return not surface.endswith(tuple(n for n, _ in self.lex.meeting_nouns))

    def _held(self, person: str, title: str) -> bool:
        """Whether ``title`` (委員長, 外相, 前大統領) can be the office of the gazetteer's ``person`` on the article's
        date: False only when the roles table has them holding an office of another kind then (a president is
        no 委員長; a minister may be called 外務大臣 or 国務長官, a head of government 首相 or 総理)."""
        kind = office_kind(title)
        if kind is None or self.date is None:
            return True
        held = {office_kind(role) for role, terms in self.lex.roles.items() for t in terms
                if t.holder == person and t.start <= self.date and (t.end is None or self.date < t.end)}
        return not held or kind in held

    def _also(self, text: str, end: int) -> int:
        """胡錦濤国家主席兼総書記: a second office joined by 兼 after the title that ends at ``end`` is the same
        person's; where it ends."""
        if text.startswith("兼", end):
            office = self._title_after(text, end + 1) or self._office_after(text, end + 1)
            if office:
                return end + 1 + len(office)
        return end

    def _name_after(self, text: str, end: int) -> tuple[str, int] | None:
        """A katakana name written right after an office (…大統領ジミー・カーター, …首相のメナヘム・ベギン): the
        name and where it ends, when it is a full name (with ・ or ＝) or a person of the gazetteer; else None."""
        m = re.compile(NAME).match(text, end + 1 if text.startswith("の", end) else end)
        if not m or (m.end() < len(text) and "ァ" <= text[m.end()] <= "ヶ"):
            return None
        entry = self.lex.lookup(m.group(0))
        if entry is not None and entry.type != "Person":
            return None
        if entry is None and not re.search("[・＝=]", m.group(0)):
            return None
        return m.group(0), m.end()

    def _family(self, family: str, ref: ActorRef) -> None:
        """``family`` alone names ``ref`` later in the document, unless it already named another person of that
        family (山中一郎 and 山中花子: 山中 alone is neither)."""
        prev = self.known_people.get(family)
        if family in self._families_shared or prev is not None and prev.label not in (ref.label, family):
            self._families_shared.add(family)
            self.known_people.pop(family, None)
            return
        self.known_people.setdefault(family, ref)

    def _known(self, name: str) -> ActorRef | None:
        """The person this document already named so (ジョン・サリバン for サリバン), or None."""
        if name in self._families_shared:
            return None
        if name in self.known_people:
            return self.known_people[name]
        for full, ref in self.known_people.items():
            if "・" in full and name in (family_name(full), full.split("・")[-1]):
                return ref
        # メレス after メレス・ゼナウィ: the first part of one full name the document gave (a given name used alone)
        firsts = {ref.label for full, ref in self.known_people.items() if "・" in full and full.split("・")[0] == name}
        if len(firsts) == 1 and len(name) >= 2:
            return next(ref for full, ref in self.known_people.items() if ref.label in firsts)
        # 福地 after 福地茂雄, 仲根 after 仲根かすみ: the one full name of this document that begins with the kanji
        # family name, its given name in kanji or kana (two people of one family stay unresolved)
        if KANJI_ONLY.fullmatch(name) and len(name) >= 2:
            fulls = {ref.label: ref for full, ref in self.known_people.items()
                     if full.startswith(name) and GIVEN.fullmatch(full[len(name) :]) and ref.label == full}
            if len(fulls) == 1:
                return next(iter(fulls.values()))
        return None

    def _office_end(self, text: str, end: int) -> int:
        """Where a state's name and an office after it end (韓国大統領, イラン・イスラム共和国外務大臣, 中国外務次官),
        when they start at ``end``; else 0."""
        m = self._state_at.match(text, end)
        if not m:
            return 0
        tail = self._title_after(text, m.end()) or self._office_after(text, m.end())
        return m.end() + len(tail) if tail else 0

    def _org_entity(self, text: str, start: int, end: int, ents: list[tuple[int, int, str]]) -> int:
        """Where an entity the parser calls an organisation ends, when it starts with the state at [start, end) and
        goes on past it (日本野球機構), unless it goes on into a part of the state (日本政府, ロシア西部); else 0."""
        for s, e, label in ents:
            if s == start and e > end and label in ORG_LABELS and KANJI.match(text[end]) \
                    and self.lex.type_of(text[s:e]) != "Person" and not self.lex.lookup(text[s:e]) \
                    and self.lex.org_ending(text[s:e]) not in self.lex.state_parts:
                return e
        return 0

    def _state_org(self, text: str, end: int) -> int:
        """Where an organisation whose name begins with a state's (the state ends at ``end``) ends: 日本経済新聞,
        中国銀行, 韓国鉄道公社, 日本作曲家協会; else 0. 日本政府 and ロシア外務省 stay the state's."""
        m = COMPOUND.match(text, end)
        if not m:
            return 0
        run = m.group(0)
        for k in range(len(run), 1, -1):
            typ = self.lex.type_of(run[:k])
            if typ == "Person":
                return 0  # 日本防衛庁長官: the state's office, whose holder the roles give
            ending = self.lex.org_ending(run[:k]) if typ is not None else None
            if ending is not None and (k == len(run) or len(ending) >= 2):  # not ロシア首脳会|談
                return 0 if ending in self.lex.state_parts else end + k
        return 0

    def _office_after(self, text: str, end: int) -> str:
        """An office the titles list lacks right after a person's name: the longest run of kanji that ends as a
        title does (幹事長, 厚労大臣, 総務会長), or ''."""
        m = KANJI_ONLY.match(text, end)
        if not m:
            return ""
        run = m.group(0)[:6]
        for k in range(len(run), 0, -1):
            if run[:k].endswith(self.lex.title_endings):
                return run[:k]
        return ""

    def _title_after(self, text: str, end: int) -> str:
        """The title right after a name (ラブロフ外相, バイデン米大統領 → 米大統領), or ''."""
        if end < len(text) and text[end] in ABBREVIATIONS:
            rest = self._title_after(text, end + 1)
            return text[end] + rest if rest else ""
        for t in self.lex.titles:
            if text.startswith(t, end):
                after = end + len(t)
                if after < len(text) and text[after] in "府省庁院":
                    return ""
                return t
        return ""

    @staticmethod
    def _boundary(text: str, s: int, e: int, entry: Entry) -> bool:
        """A katakana or Latin name must not be the middle of a longer word."""
        def kana(c: str) -> bool:
            return "ァ" <= c <= "ヶ" or c == "ー"

        first, last = text[s], text[e - 1]
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        if kana(first) and before and (kana(before) or before == "・"):
            return False
        if kana(last) and after and (kana(after) or (after in "・＝=" and entry.type == "Person")):
            return False
        if first.isascii() and first.isalpha() and before.isascii() and before.isalpha():
            return False
        if entry.type == "State" and KANJI.match(first) and before and KANJI.match(before) \
                and before not in STATE_PREFIXES:  # JR西日本, 全日本空輸, 東日本大震災: part of another name
            return False
        if entry.type == "State" and KANJI.match(last) and after and kana(after):  # 日本ハム, 日本プロ野球
            return False
        if entry.type == "State" and after == "人":  # ある日本人力士: a nationality, not the state
            return False
        return not (last.isascii() and last.isalpha() and after.isascii() and after.isalpha())
