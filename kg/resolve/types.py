"""The type of an actor no gazetteer knows, from how the text describes it; and whether a fact's actor is one at all.

A fact's actor that only a description names (イスラエルの治安担当者, 出席した知事ら, FIFAのスポンサー4社) used to
stay an untyped kg:Actor; its head noun says whether it is a person or a body. The suffixes are data
(kg/resources/actor_types.tsv). Actors with a type of their own (gazetteer, title, parser) are left as they are.

Before a fact is kept, each of its actors is checked against the article's morphology (``Words``):
- a bare common noun names nobody (捜査幹部, 関係者, 市民, 研究チーム, 3人, 同協会 left unresolved): no actor;
- a description that only qualifies a name is that name (カード会社のVISA, 与党の民進党, 金融会社アイフル);
- a spokesperson speaks for the body named (ハマスのスポークスマン → ハマス);
- a name with its title in the label is the person (武部勤幹事長 → 武部勤);
- a name no rule typed takes the type its morphology gives (オライリー: a personal name; JT, ヒューザー: a body).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

from kg.analysis.grammar import CONNECTIVE
from kg.lexicon import Lexicon
from kg.model import ActorRef, with_actors

PLURAL = ("ら", "たち", "等")
GROUP = ("ら", "たち", "等", "側", "など", "各位")
# a count of people or bodies (3人, 二人, 2社, 5カ国): nobody in particular
COUNT = re.compile(r"^[0-9０-９一二三四五六七八九十百千数何]+(?:人|名|社|団体|カ国|か国|ヶ国|ケ国|国|党|者)$")
POINTING = re.compile(r"^(?:同|両|各|当|その|この|あの|某)")  # 同協会, 両銀行 the resolver found no antecedent for
SPOKESPERSON = re.compile(r"^(?P<body>.+?)の?(?:スポークスマン|報道官|報道担当者|広報担当者|広報官|広報)$")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
KANJI_RUN = re.compile(r"[一-龥々]{2,6}")
INSTITUTIONS = ("庁", "省", "署", "所", "院", "局", "府")  # an institution's name ends so (宮内庁, 板橋警察署)
INDEFINITE = re.compile(r"^(?:ある|一部の|複数の|別の)")  # ある外交官: somebody, not an office's holder
# each or all of a kind (EU各国, 鳥取県内全署, 各県警, 西側諸国): a group, not one actor; the head must say a kind of
# body or person (全日空, 全農 are names)
GROUPED = re.compile(r"(?:各|全|諸|加盟)(?P<head>[一-龥々]{1,3})(?:の(?P<of>[一-龥々]{1,3}))?$")
JOIN = re.compile(r"や|と|、|・|及び|および|並びに|ならびに")
# what closes a list of names: など, ら, の両社, 両容疑者, 各党, 両国の外相 is not (an office: one of each)
GROUP_TAIL = re.compile(r"(?:など|等|ら|たち|の?(?:両|各)[一-龥]{1,4})$")
FIRST_ROLES = ("speaker", "demander", "rejecter")  # without them there is no fact
LEADERS = ("指導者", "元首", "首脳", "トップ", "最高指導者")  # the one who leads the place or body named before
# what a subject phrase may begin with that is no part of who it names: a connective (また, 一方), stray punctuation
LEADING = re.compile(r"^(?:" + CONNECTIVE + r"[、,，]?"
                     r"|[-‐－―−・、,，\s])+")
# a kinship word before a name (父義昭, 母・花子さん): the family member is named by the name, the word says how
# (not 孫: it is a family name, 孫正義)
KIN = re.compile(r"^(?:父|母|兄|弟|姉|妹|妻|夫|長男|長女|次男|次女|三男|三女|息子|娘|祖父|祖母|叔父|叔母|伯父|伯母)"
                 r"[・]?"
                 r"(?=[一-龥々ァ-ヶー]{2,}$)")
# a company written with 社 after its katakana or Latin name (ロシュ社): the company, named without it
COMPANY_SHA = re.compile(r"(?P<name>[ァ-ヶーA-Za-z・&＆]{2,})社")
ONE_KANA = re.compile(r"(?P<name>[ァ-ヶ])(?P<title>[一-龥々]{1,4})")
# the entity layer's labels for things that are no actor (a dish, an event, an amount …): a common noun it only ever
# labels so names nobody
NOT_ACTOR_NE = frozenset({"Dish", "Food_Other", "Drug", "Event_Other", "Incident_Other", "War",
                          "Conference", "Occasion_Other", "Natural_Disaster", "Disease_Other", "Money", "Percent",
                          "Date", "Time", "Period_Other", "Sport", "Game",
                          "Award", "Law", "Doctrine_Method_Other", "Theory", "Art_Other", "Printing_Other",
                          "Broadcast_Program", "Movie", "Book", "Animal_Other", "Mammal", "Plant_Other"})
BODY_NE = frozenset({"Company", "Company_Group", "Corporation_Other", "Organization_Other", "Political_Party",
                     "International_Organization", "Government", "Public_Institution", "Research_Institute",
                     "School", "Sports_Organization_Other", "Pro_Sports_Organization", "Show_Organization",
                     "Military", "Political_Organization_Other"})


@dataclass
class Words:
    """What the morphology said of the words of one article: surface → the tag's class (普通名詞, 固有名詞-人名,
    固有名詞-地名, 固有名詞-一般, 数詞, 接尾辞 …). Built from parsed Docs (or any token sequences with ``text`` and
    ``tag_``); never imports spaCy."""

    tags: dict[str, str] = field(default_factory=dict)
    ents: dict[str, set[str]] = field(default_factory=dict)  # surface → the entity layer's labels for it

    def add(self, tokens: Iterable) -> None:
        for tok in tokens:
            parts = tok.tag_.split("-")
            kind = "-".join(parts[1:3]) if parts[0] == "名詞" else parts[0]
            self.tags.setdefault(tok.text, kind)
        for ent in getattr(tokens, "ents", ()):
            self.ents.setdefault(ent.text, set()).add(ent.label_)

    def split(self, text: str) -> list[tuple[str, str]] | None:
        """``text`` cut into words the article's morphology knows, longest first, with their classes; None when some
        part of it is no word the article had."""
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(text):
            for j in range(len(text), i, -1):
                if text[i:j] in self.tags:
                    out.append((text[i:j], self.tags[text[i:j]]))
                    i = j
                    break
            else:
                return None
        return out


def type_of(text: str, lex: Lexicon) -> str | None:
    """Person / Organization for a description by its last word, or None when its ending says neither."""
    for p in PLURAL:
        text = text.removesuffix(p)
    return lex.type_of(text)


def typed(actor: ActorRef, lex: Lexicon) -> ActorRef:
    """``actor`` with the type its description gives, when it has none of its own."""
    if actor.type != "Actor":
        return actor
    typ = type_of(actor.label, lex)
    return replace(actor, type=typ) if typ else actor


def _bare(text: str, lex: Lexicon, words: Words) -> bool:
    """A description made only of common words that names nobody: 捜査幹部, 政府関係者, 研究チーム, 主催者, 3人 — not
    宮内庁関係者 (an institution's name in it), 板橋警察署幹部, 市川校長 (a proper name in it)."""
    if text.endswith(tuple(lex.party_endings)):
        return False  # 原告側, 被告ら: the parties of the case the article reports
    text = re.sub("(?:" + "|".join(GROUP) + ")+$", "", text)
    if text.endswith(tuple(lex.party_endings)):
        return False
    if not text or COUNT.match(text):
        return bool(text)
    if text in lex.titles or len(words.split(text) or "xx") == 1 and text.endswith(lex.title_endings):
        return False  # 市長に対して: the office's holder the article is about (市議会は市長に…)
    parts = words.split(text)
    if not parts:
        return False
    if any(not (kind.startswith("普通名詞") or kind in ("数詞", "接尾辞") or kind.startswith("名詞的"))
           for _, kind in parts):
        return False  # a proper name, a particle (の, relative clauses): a description of someone in particular
    if any(lex.lookup(w) or (lex.org_ending(w) in INSTITUTIONS and len(w) > 1) for w, _ in parts[:-1]):
        return False  # 宮内庁関係者, 市役所職員: an institution (…庁, …省, …署) in it names whom; 政党関係者 names none
    # a body of common words is a name when it says much (総務警察常任委員会), a description when it says little
    return lex.type_of(text) == "Person" or lex.org_ending(text) in lex.generic_endings and len(parts) <= 2 \
        or len(parts) == 1 and lex.type_of(text) == "Organization" and lex.org_ending(text) not in ("党", "軍")


def _anonymous(text: str, lex: Lexicon, words: Words) -> bool:
    """Somebody described and not named, whom no office singles out (母子家庭の女性, チームのある関係者, 原告の一人,
    駅近くの店で働く26歳の店員): a person by how the phrase ends, not an office (警察本部長, 出席した知事ら) nor a party
    (ある被告), with no name of a person or body in it (NHKの担当者 is NHK's)."""
    bare = re.sub("(?:" + "|".join(GROUP) + ")+$", "", text)
    bare = re.sub(r"[0-9０-９一二三四五六七八九十数]+(?:人|名)$", "", bare)  # 問題の署員2人: a count of them
    if lex.type_of(bare) != "Person" or bare.endswith(tuple(lex.party_endings)):
        return False
    if not INDEFINITE.match(bare) and (bare.endswith(lex.title_endings) or any(bare.endswith(t) for t in lex.titles)):
        return False  # 地元の警察本部長: an office singles them out (ある外交官 does not)
    parts = words.split(bare)
    if not parts:
        return False

    # イスラエルの治安担当者, 熊本市の職員: one of the state's or the city's people, whom it names
    member = parts[-1][0] in lex.member_endings or len(parts) > 1 and parts[-2][0] + parts[-1][0] in lex.member_endings
    member = member or bare.endswith(LEADERS)  # アメリカの指導者: the state's leader, one person

    def place(w: str, k: str) -> bool:  # 熊本市の28歳の会社員, タイの国民: where they live names nobody
        e = lex.lookup(w)
        return not member and (k.startswith("固有名詞-地名") and (e is None or e.type == "State")
                               or e is not None and e.type == "State")

    return not any(not place(w, k) and (lex.lookup(w) or k in ("固有名詞-一般", "固有名詞-人名")
                                        or (e := lex.org_ending(w)) and len(w) > len(e)) for w, k in parts)


def _name_in(actor: ActorRef, lex: Lexicon, words: Words) -> ActorRef | None:
    """The person or body a description with a name in it is (武部勤幹事長 → 武部勤, 楽天イーグルス・米田純球団代表 →
    米田純, カード会社のVISA → VISA, 与党の民進党 → 民進党, ハマスのスポークスマン → ハマス); None when it has none."""
    label = actor.label
    if (m := SPOKESPERSON.match(label)) and (body := m["body"]) and not _bare(body, lex, words):
        e = lex.lookup(body)
        if e is not None and e.type != "Person":
            return ActorRef(actor.text, e.canonical, e.type, e.wikidata)
        kinds = words.split(body)
        if kinds and all(k.startswith("固有名詞") and not k.endswith("人名") for _, k in kinds):
            return ActorRef(actor.text, body, "Organization")
    parts = words.split(label)
    if not parts:
        return None
    # a personal name, then the office it holds (幹事長, 伊経済相, 球団代表): the person; an affiliation before the
    # name (楽天イーグルス・) is dropped, a given name (ドメニコ・) kept
    people = [i for i, (_, k) in enumerate(parts) if k == "固有名詞-人名"]
    if people and people[-1] < len(parts) - 1 and all(k.startswith(("普通名詞", "名詞的", "接尾辞"))
                                                      for _, k in parts[people[-1] + 1 :]):
        title = "".join(w for w, _ in parts[people[-1] + 1 :])
        start = people[-1]
        while start > 0 and (parts[start - 1][1] == "固有名詞-人名" or parts[start - 1][0] in "・＝="
                             and start > 1 and parts[start - 2][1] == "固有名詞-人名"):
            start -= 1
        if start == people[-1] and start and parts[start - 1][1].startswith("普通名詞") \
                and KANJI_RUN.fullmatch(parts[start - 1][0] + parts[start][0]):
            start -= 1  # 北側|一雄: a family name the morphology read as a common noun
        if title.endswith(lex.title_endings) or title in lex.titles or title.endswith(lex.titles):
            return ActorRef(actor.text, "".join(w for w, _ in parts[start : people[-1] + 1]), "Person")
    # a common description, then (after の or nothing) the name it describes: カード会社のVISA, 金融会社アイフル
    if "の" not in label and "・" not in label:
        cut = next((i for i, (_, k) in enumerate(parts) if not k.startswith("普通名詞")), None)
        if cut and lex.type_of("".join(w for w, _ in parts[:cut])) is None \
                and (all(k.startswith("固有名詞-地名") for _, k in parts[cut:]) or lex.org_ending(label)):
            cut = None  # FM栃木, 全国農業協同組合連合会: a word that says no kind of body (金融会社 does): one name
        rest = "".join(w for w, _ in parts[cut:]) if cut else ""
    else:
        head, _, rest = label.rpartition("の")
        if not head or not words.split(head) or not all(k.startswith("普通名詞") or k.startswith("固有名詞-地名")
                                                         for _, k in words.split(head)):
            return None
        cut = len(head)
    if rest and cut and (e := lex.lookup(rest)) is not None:
        return ActorRef(actor.text, e.canonical, e.type, e.wikidata)
    if rest and ACRONYM.match(rest):
        return ActorRef(actor.text, rest, "Organization")  # カード会社のVISA
    kinds = words.split(rest) if rest else None
    if kinds and kinds[0][1].startswith("固有名詞") and not kinds[0][1].endswith("人名") \
            and (len(kinds) == 1 or lex.org_ending(rest)):
        return ActorRef(actor.text, rest, "Organization")
    return None


def _parts(actor: ActorRef, lex: Lexicon, words: Words) -> list[ActorRef]:
    """The actors a phrase joining several names is (民主党・社民党・日本共産党など, 北海道や札幌市, 三越・伊勢丹,
    JR東海とJR西日本の両社, 茂木・中野両容疑者), each typed; [] when it is not such a phrase. Every part must be a
    name (the gazetteer's, or proper nouns by the morphology); a katakana full name (ドナルド・トランプ) is no list."""
    m = GROUP_TAIL.search(actor.label)
    body, tail = (actor.label[: m.start()], m.group(0)) if m else (actor.label, "")
    parts = [p for p in JOIN.split(body) if p]
    if len(parts) < 2:
        return []
    person = lex.type_of(tail.lstrip("の両各")) == "Person" if tail.lstrip("の両各など等ら") else False
    out = []
    for part in parts:
        e = lex.lookup(part)
        if e is not None:
            out.append(ActorRef(part, e.canonical, e.type, e.wikidata))
            continue
        kinds = words.split(part)
        state, no, name = part.partition("の")
        if no and (st := lex.lookup(state)) is not None and st.type == "State" and lex.org_ending(name):
            # ニュージーランドの労働党: the state's party, one of the list, named with its state (労働党 alone is
            # many states' party)
            e = lex.lookup(part) or lex.lookup(st.canonical + name)
            out.append(ActorRef(part, e.canonical, e.type, e.wikidata) if e else
                       ActorRef(part, st.canonical + name, "Organization", country=st.canonical))
            continue
        if no and kinds and lex.org_ending(part) and not lex.lookup(state) \
                and all(k.startswith(("普通名詞", "名詞的", "助詞", "接尾辞")) for _, k in kinds):
            out.append(ActorRef(part, part, "Organization"))  # 緑の党: a name written with の
            continue
        if not kinds or not kinds[0][1].startswith("固有名詞") or any(k[0] in "助動" for _, k in kinds):
            return []
        if "・" in body and all(k == "固有名詞-人名" for _, k in kinds) and not person:
            return []  # ドナルド・トランプ: one person's full name, not two
        typ = "Person" if person or all(k == "固有名詞-人名" for _, k in kinds) else \
            lex.type_of(part) or "Organization"
        out.append(ActorRef(part, part, typ))
    if "・" in body and not person and all(re.fullmatch(r"[ァ-ヶー]+", p) for p in parts) \
            and not all(lex.lookup(p) for p in parts):
        return []  # katakana words joined by ・ are one name unless each is a known actor (ベネズエラ・グアテマラ)
    return out


def _entry(surface: str, name: str, lex: Lexicon) -> ActorRef | None:
    e = lex.lookup(name)
    return ActorRef(surface, e.canonical, e.type, e.wikidata) if e is not None else None


def _described_name(label: str, words: Words) -> str | None:
    """The personal name a label of common words then that name is (ボクシング・村田 → 村田, フェンシング太田 → 太田:
    the sport or trade a headline writes before the person), else None."""
    if "Person" in words.ents.get(label, ()):
        return None  # ヴラディミル・ペトロヴィッチ: one name, a given name the morphology does not know first
    parts = words.split(label) or []
    first = next((i for i, (_, k) in enumerate(parts) if k == "固有名詞-人名"), 0)
    head = parts[:first]
    if not any(k.startswith("普通名詞") for _, k in head) or not all(k.startswith("普通名詞") or w == "・"
                                                                     for w, k in head):
        return None
    rest = parts[first:]
    if not all(k == "固有名詞-人名" or w in "・＝=" for w, k in rest) or rest[-1][0] in "・＝=":
        return None
    if head[-1][0] == "・" and re.fullmatch(r"[ァ-ヶー・]+", label):
        return None  # サッカー・ベッカム reads as ヴラディミル・ペトロヴィッチ does (an unknown given name): left whole
    return "".join(w for w, _ in rest)


def _cleaned(actor: ActorRef, lex: Lexicon, words: Words) -> ActorRef:
    """``actor`` without what is no part of its name: a leading connective (また熊本市の…), a kinship word before
    a person's name (父義昭 → 義昭), 社 after a company's katakana name (ロシュ社 → ロシュ), 側 after a named body
    (フジテレビ側 → フジテレビ); a state's government described (チリの中道左派政府) is the state."""
    label = LEADING.sub("", actor.label)
    half = len(label) // 2
    if len(label) >= 4 and len(label) % 2 == 0 and label[:half] == label[half:]:
        label = label[:half]  # 宮内庁関係者宮内庁関係者: a link's text run into the same words
    if label != actor.label:
        actor = replace(actor, label=label, text=LEADING.sub("", actor.text) or actor.text)
        if (known := _entry(actor.text, label, lex)) is not None:
            return known
    head, etc, rest = label.partition("など")
    if etc and head and rest and (kinds := words.split(rest)) and all(k.startswith("普通名詞") for _, k in kinds):
        # NLDなど野党: the one named, of a group described after it (a list before など is _parts's)
        if (known := _entry(actor.text, head, lex)) is not None:
            return known
        if ACRONYM.match(head) or lex.type_of(head) == "Organization":
            return replace(actor, label=head, text=head, type="Organization")
    if actor.type in ("Person", "Actor") and KIN.match(label) and not lex.lookup(label):
        return replace(actor, label=KIN.sub("", label), type="Person")
    if actor.type != "State" and (name := _described_name(label, words)) is not None:
        return replace(actor, label=name, type="Person")  # サッカー・ベッカム, フェンシング太田: the person
    if (m := COMPANY_SHA.fullmatch(label)) and not lex.is_media(label):
        return _entry(actor.text, m["name"], lex) or replace(actor, label=m["name"], type="Organization")
    if label.endswith("側") and label not in lex.party_endings and len(label) > 2:
        rest = label[:-1]
        if (known := _entry(actor.text, rest, lex)) is not None:
            return known
        kinds = words.split(rest)
        if ACRONYM.match(rest) or kinds and "の" not in rest and kinds[0][1].startswith("固有名詞") \
                and not kinds[0][1].endswith("人名") and (len(kinds) == 1 or lex.type_of(rest) == "Organization"
                                                       or lex.is_media(rest)):
            return replace(actor, label=rest, type="Organization")  # フジテレビ側, TBS側
    if (m := ONE_KANA.fullmatch(label)) and (m["title"] in lex.titles or m["title"] in lex.title_endings):
        return replace(actor, label=m["name"], type="Person")  # イ選手: a one-kana family name (李), its title dropped
    state, no, rest = label.partition("の")
    country = actor.country or (state if no and (st := lex.lookup(state)) is not None and st.type == "State" else None)
    rest = rest if no else label
    described = (kinds := words.split(rest)) and not any(k.startswith("固有名詞") for _, k in kinds)
    if country and lex.org_ending(label) in ("政府", "政権") and described \
            and (known := _entry(actor.text, country, lex)):
        return known  # チリの中道左派政府: the state (アフガニスタンのタリバン政権 is the Taliban's)
    return actor


def _not_an_actor(actor: ActorRef, lex: Lexicon, words: Words) -> bool:
    """A place's part or an event (バンコク中心部, 今回のクーデター, 資本金額), or a thing the entity layer only ever
    called a dish, a product or an event (サンドウィッチ): no actor in any role."""
    if actor.label.endswith(lex.non_actor_endings) and lex.type_of(actor.label) != "Person":
        return True
    labels = words.ents.get(actor.label) or words.ents.get(actor.text)
    parts = words.split(actor.label)  # a proper noun the entity layer calls a product (マクドナルド) stays
    return bool(labels) and labels <= NOT_ACTOR_NE and bool(parts) and all(not k.startswith("固有名詞")
                                                                         for _, k in parts)


def _grouped(label: str, lex: Lexicon) -> bool:
    """Each or all of a kind (EU各国, 鳥取県内全署, 各県警, NATO加盟国, EU各国の首脳): several actors no fact can name
    one by one."""
    def kind(word: str | None) -> bool:
        return word is not None and (word == "国" or any(word.endswith(suffix) for suffix, _ in lex.type_suffixes))

    m = GROUPED.search(label)
    if m is None or not kind(m["head"]) or m["of"] is not None and not kind(m["of"]):
        return False
    # 各国, 諸国 after any name (欧州諸国); another kind only as a word of its own (not 国家安全局: 安全 is a word)
    return m["head"] == "国" or not m.start() or not KANJI_RUN.match(label[m.start() - 1] * 2) \
        or label[m.start() - 1] == "内"


def _member_of(actor: ActorRef, lex: Lexicon, words: Words) -> ActorRef | None:
    """One of a named body's people, unnamed, is that body: ある日テレの関係者 → 日テレ, 京都大学防災研究所の研究員 →
    the institute, ベトナムの代表 → Vietnam; None when the phrase is no such (イスラエルの治安担当者 keeps its own)."""
    bare = re.sub("(?:" + "|".join(GROUP) + ")+$", "", actor.label)
    head, no, tail = INDEFINITE.sub("", bare).rpartition("の")
    head = INDEFINITE.sub("", head)
    if not no or tail not in lex.member_endings or not head or "の" in head or POINTING.match(head):
        return None
    if (known := _entry(actor.text, head, lex)) is not None:
        return known if known.type != "Person" else None
    kinds = words.split(head)
    if ACRONYM.match(head) or (e := lex.org_ending(head)) and len(head) > len(e) and not _bare(head, lex, words) \
            or kinds and any(k.startswith("固有名詞") and not k.endswith("人名") for _, k in kinds):
        return ActorRef(actor.text, head, "Organization")
    return None


def _entity_type(actor: ActorRef, words: Words) -> ActorRef:
    """A name no rule typed that the entity layer only ever calls a company or another body
    (コムストア・ネットワークス): an Organization (a person's name the entity layer once mislabels keeps the type a
    rule gave it)."""
    labels = words.ents.get(actor.label) or set()
    if actor.type == "Actor" and labels and labels <= BODY_NE:
        return replace(actor, type="Organization")
    return actor


def cut_from_word(actor: ActorRef, sentence: str) -> bool:
    """Whether ``actor`` is written in ``sentence`` only as the end or the start of a longer katakana word (バリー of
    グローバリー): a piece the parser cut out, no name."""
    text = actor.text
    if not text or not re.match(r"[ァ-ヶー]", text) or text not in sentence:
        return False
    kana = re.compile(r"[ァ-ヶー]")
    for m in re.finditer(re.escape(text), sentence):
        s, e = m.span()
        inside = s and kana.match(sentence[s - 1]) or e < len(sentence) and kana.match(sentence[e]) \
            and kana.match(text[-1])
        if not inside:
            return False
    return True


def sensible(actor: ActorRef, lex: Lexicon, words: Words | None = None, *, speaker: bool = True) -> ActorRef | None:
    """``actor`` as a fact may name it: typed by its description, the name inside a description, or None when it
    names nobody (a bare common noun, a count, a word pointing back that found nothing, a place or an event)."""
    actor = typed(actor, lex)
    if actor.wikidata or actor.type == "State" or lex.lookup(actor.label) or words is None:
        return actor
    actor = _cleaned(actor, lex, words)
    if actor.wikidata or actor.type == "State" or lex.lookup(actor.label):
        return actor
    if _not_an_actor(actor, lex, words) or speaker and _grouped(actor.label, lex):
        return None
    actor = _entity_type(typed(actor, lex), words)
    label = actor.label
    if (speaker or label.startswith("同")) and POINTING.match(label) and lex.type_of(label) is not None:
        return None  # 同協会, 両銀行, 同国代表 with nothing before them to point to (同市, in any role)
    if (body := _member_of(actor, lex, words)) is not None:
        return body
    parts = words.split(label) or []
    if speaker and any(w.startswith("同") and 2 <= len(w) <= 3 for w, _ in parts) \
            and not any(k.startswith("固有名詞") for _, k in parts):
        return None  # 問題の同署員2人: a word pointing back inside, that the resolver did not resolve, and no name
    if speaker and (_bare(label, lex, words) or _anonymous(label, lex, words)):
        return None  # an anonymous source (関係者, 捜査幹部, 市民) is no speaker; a party asked or asking stays
    named = _name_in(actor, lex, words)
    if named is not None:
        return named
    if actor.type == "Actor":  # no rule typed it: the morphology's word class
        if ACRONYM.match(label):
            return replace(actor, type="Organization")  # JT, UNMEE
        parts = words.split(label)
        if parts and len(parts) == 1 and parts[0][1].startswith("固有名詞"):
            return replace(actor, type="Person" if parts[0][1].endswith("人名") else "Organization")
        if parts and re.fullmatch(r"[ァ-ヶー・]+", label) and parts[-1][1].startswith("普通名詞") \
                and parts[0][1].startswith("固有名詞") and not any(k.endswith("人名") for _, k in parts):
            return replace(actor, type="Organization")  # エムケイエンジニアリング: a name, then a trade
    return actor


def actors_of(actor: ActorRef, lex: Lexicon, words: Words | None = None, *, speaker: bool = True) -> list[ActorRef]:
    """The actors ``actor`` stands for in a fact: itself as ``sensible`` makes it, each name of a list
    (民主党・社民党・日本共産党など), or none."""
    if words is not None and actor.type in ("Actor", "Person", "Organization") and not actor.wikidata \
            and not lex.lookup(actor.label) and (parts := _parts(actor, lex, words)):
        return parts
    one = sensible(actor, lex, words, speaker=speaker)
    return [one] if one is not None else []


def typed_fact(fact, lex: Lexicon, words: Words | None = None) -> list:
    """A fact (Quote, Demand, Meeting …) with every actor in it typed and checked (``actors_of``): one fact for each
    actor its speaker, demander or rejecter stands for (none when it names nobody; 英独仏は…と批判した is said three
    times), and for each addressee or owner (a fact keeps no addressee that names nobody); a meeting keeps the
    participants that name someone."""
    out = with_actors(fact, lambda a: typed(a, lex))
    if words is None:
        return [out]
    facts = [out]
    evidence = getattr(getattr(out, "evidence", None), "sentence", "") or ""
    for f in fields(out):
        value = getattr(out, f.name)
        if isinstance(value, ActorRef):
            who = actors_of(value, lex, words, speaker=f.name == "speaker")
            who = [a for a in who if a.wikidata or lex.lookup(a.label) or not cut_from_word(a, evidence)]
            if not who and f.name in FIRST_ROLES:
                return []
            facts = [replace(x, **{f.name: a}) for x in facts for a in (who or [None])]
        elif isinstance(value, tuple) and value and all(isinstance(v, ActorRef) for v in value):
            kept = tuple(dict.fromkeys(a for v in value for a in actors_of(v, lex, words, speaker=False)))
            facts = [replace(x, **{f.name: kept}) for x in facts]
    return facts
