"""Actors the gazetteer does not know: people read off the morphology, name readings, types from descriptions."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kg.extract.context import analyse
from kg.model import ActorRef, Article
from kg.resolve.actors import ActorResolver
from kg.resolve.dates import Reference
from kg.resolve.types import Words, cut_from_word, sensible, type_of


def _mentions(nlp, lex, text: str, day: dt.date = dt.date(2021, 5, 1)) -> list[list[tuple[str, str]]]:
    from kg.nlp import clean

    resolver = ActorResolver(lex)
    resolver.reset(day)
    para = analyse(nlp(clean(text)), Article("t", text, "t", date=day), 0, resolver, [], Reference(day, 2021, 5))
    return [[(m.actor.label, m.actor.type) for m in s.mentions] for s in para.sentences]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a family name and a title the lexicon does not list: a person, whatever the entity layer says
        ("高橋総務相は閣議後の会見で語った。", ("高橋", "Person")),
        ("山本幹事長は党本部で述べた。", ("山本", "Person")),
        ("中村被告は起訴内容を否認した。", ("中村", "Person")),
        ("森田裁判長は判決で指摘した。", ("森田", "Person")),
        # a full name alone: family name then given name
        ("田中角栄は演説した。", ("田中角栄", "Person")),
    ],
)
def test_people_from_morphology(nlp, lex, text, want):
    [first] = _mentions(nlp, lex, text)
    assert want in first


def test_family_name_later_resolves_to_the_full_name_given_first(nlp, lex):
    a, b = _mentions(nlp, lex, "鈴木一郎厚生大臣は述べた。鈴木厚生相は会見で語った。")
    assert ("鈴木一郎", "Person") in a and ("鈴木一郎", "Person") in b


def test_a_name_and_its_reading_in_brackets_are_one_person(nlp, lex):
    a, b = _mentions(nlp, lex, "朴明植(パク・ミョンシク)外交部長官は述べた。パク長官は会見で語った。")
    assert set(a) == {("朴明植", "Person")}
    assert ("朴明植", "Person") in b


def test_a_place_or_company_before_a_title_is_no_person(nlp, lex):
    [first] = _mentions(nlp, lex, "東京都知事選は来月に行われる。")
    assert all(t != "Person" for _, t in first)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("イスラエルの治安担当者", "Person"),
        ("出席した知事ら", "Person"),
        ("FIFAのスポンサー4社", "Organization"),
        ("原告団", "Organization"),
        ("地元の漁業協同組合", "Organization"),
        ("その理由", None),
        ("生徒たち", "Person"),  # a word that is itself a description's ending
        ("福岡県", "Organization"),  # a prefecture or city that acts is a body
        ("者", None),
    ],
)
def test_type_of_a_description(lex, text, want):
    assert type_of(text, lex) == want


def test_untyped_actors_of_facts_get_their_description_type(extract):
    x = extract("イスラエルの治安担当者は「捜査は続いている」と語った。", dt.date(2021, 5, 1))
    [q] = x.quotes
    assert (q.speaker.label, q.speaker.type) == ("イスラエルの治安担当者", "Person")


@pytest.mark.parametrize(
    ("text", "want", "unwanted"),
    [
        # a name in kanji, its reading in hiragana, then a place and an office: the person, not the place
        ("佐藤健二(さとうけんじ)宮崎県知事は記者団に語った。", ("佐藤健二", "Person"), "宮崎県"),
        # a name, then a state, then its office: the person, not the state's office
        ("王建民中国外務次官は会見で述べた。", ("王建民", "Person"), "中国外務次官"),
        # a name, a middle dot, a city and its office
        ("川村正樹・舞鶴市長は会見で述べた。", ("川村正樹", "Person"), "舞鶴"),
        # an organisation whose name begins with a state's
        ("日本林業協会は声明を出した。", ("日本林業協会", "Organization"), "日本"),
        # an organisation, a middle dot, then a titled person: the person speaks (the body is their affiliation)
        ("全国林業協会・佐々木誠一常務理事は述べた。", ("佐々木誠一", "Person"), "全国林業協会"),
        # a name that ends as an organisation does, after a state's name
        ("日本中央園芸会は声明を出した。", ("日本中央園芸会", "Organization"), "日本"),
    ],
)
def test_the_person_or_organisation_of_a_compound_mention(nlp, lex, text, want, unwanted):
    [first] = _mentions(nlp, lex, text)
    assert want in first
    assert unwanted not in [label for label, _ in first]


# ---- whether a fact's actor is one at all (kg.resolve.types.actors_of), written for these tests ----------------------

@pytest.mark.parametrize(
    ("text", "want"),
    [
        # several names joined in one subject: one statement each
        ("自民党・公明党などは「賛成する」と表明した。", {("自由民主党", "Organization"), ("公明党", "Organization")}),
        ("高島屋・大丸は「統合を検討する」と発表した。", {("高島屋", "Organization"), ("大丸", "Organization")}),
        ("JR九州とJR四国の両社は「運転を再開する」と発表した。",
         {("JR九州", "Organization"), ("JR四国", "Organization")}),
        # a state's party in a list is named with its state (労働党 alone is many states' party)
        ("オーストラリアの労働党と緑の党は「反対する」と表明した。",
         {("オーストラリア労働党", "Organization"), ("緑の党", "Organization")}),
        # a description that only qualifies a name is that name
        ("航空会社のANAは「運航を続ける」と発表した。", {("ANA", "Organization")}),
        # a name with an office the lists lack, in one label: the person
        ("自由民主党の石原伸晃幹事長は「改革を進める」と述べた。", {("石原伸晃", "Person")}),
    ],
)
def test_who_a_speaker_phrase_names(extract, text, want):
    x = extract(text, dt.date(2012, 5, 1))
    assert {(q.speaker.label, q.speaker.type) for q in x.quotes} == want


@pytest.mark.parametrize(
    "text",
    [
        "捜査幹部は「慎重に調べる」と話した。",  # an anonymous source: common words only
        "政府関係者は「まだ決まっていない」と語った。",
        "研究チームは「新種の可能性が高い」と発表した。",  # a body of common words that says little
        "2人は「道に迷った」と話した。",  # a count of people
    ],
)
def test_a_speaker_of_common_words_names_nobody(extract, text):
    assert not extract(text, dt.date(2012, 5, 1)).quotes


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("板橋警察署幹部は「通報を受けた」と話した。", "板橋警察署幹部"),  # a proper name in it: someone in particular
        ("原告側は「判決は不当だ」と述べた。", "原告側"),  # a party of the case the article reports
    ],
)
def test_a_description_with_a_name_or_a_party_still_speaks(extract, text, want):
    assert want in {q.speaker.label for q in extract(text, dt.date(2012, 5, 1)).quotes}


def test_a_surname_followed_by_a_given_name_is_not_the_gazetteers_namesake(nlp, lex):
    # 松野 is the family name of a gazetteer person; 松野太郎 written in full is somebody else
    [first] = _mentions(nlp, lex, "民主党の松野太郎議員は批判した。")
    assert ("松野博一", "Person") not in first


def test_a_surname_with_an_office_its_namesake_did_not_hold_then_is_another_person(nlp, lex):
    # in 2014 the gazetteer's ズマ (Jacob Zuma) was a president, not a chair: ズマ委員長 is not him; ズマ大統領 is
    [first] = _mentions(nlp, lex, "ズマ委員長は会見で述べた。", dt.date(2014, 6, 1))
    assert ("ジェイコブ・ズマ", "Person") not in first
    [second] = _mentions(nlp, lex, "ズマ大統領は会見で述べた。", dt.date(2014, 6, 1))
    assert ("ジェイコブ・ズマ", "Person") in second


def test_a_reading_in_hiragana_is_no_label(extract):
    x = extract("山田太郎(やまだたろう)外務審議官は「協議を続ける」と述べた。", dt.date(2012, 5, 1))
    forms = {a.text for q in x.quotes for a in (q.speaker,)}
    assert forms and not any(re.fullmatch(r"[ぁ-ん]+", f) for f in forms)


def test_both_banks_are_the_two_banks_named_before(extract):
    x = extract("みずほ銀行と三井住友銀行は合併を協議した。両銀行は「統合を進める」と発表した。", dt.date(2012, 5, 1))
    assert {q.speaker.label for q in x.quotes} == {"みずほ銀行", "三井住友銀行"}


@pytest.mark.parametrize(("text", "want"), [("厚労省は発表した。", "厚生労働省"), ("日銀は発表した。", "日本銀行")])
def test_short_forms_of_japans_bodies(nlp, lex, text, want):
    [first] = _mentions(nlp, lex, text)
    assert (want, "Organization") in first


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a family name the morphology reads as a numeral and a counter, then an office
        ("三木幹事長が会見で述べた。", ("三木", "Person")),
        # a katakana name, its kanji in brackets, then a body's office: the person, not the body
        ("チェ・ミンス(崔民洙)国連次席大使は述べた。", ("チェ・ミンス", "Person")),
    ],
)
def test_people_whose_names_look_like_something_else(nlp, lex, text, want):
    [first] = _mentions(nlp, lex, text)
    assert want in first
    assert all(t == "Person" for _, t in first)


@pytest.mark.parametrize("text", ["政党関係者は「協議は続く」と話した。", "ある外交官は「投票率が低い」と語った。"])
def test_more_speakers_nobody_singles_out(extract, text):
    assert not extract(text, dt.date(2012, 5, 1)).quotes


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("自民党の山田一郎参議院議員は会見で述べた。", "参議院"),  # a body's name inside a person's title
        ("ある日本人選手は取材に語った。", "日本"),  # a nationality, not the state
    ],
)
def test_a_name_inside_another_word_is_not_that_actor(nlp, lex, text, unwanted):
    [first] = _mentions(nlp, lex, text)
    assert unwanted not in [label for label, _ in first]


# ---- descriptions, places, events and pieces of words as a fact's actors (kg.resolve.types), written for these tests

@pytest.mark.parametrize(
    ("text", "want"),
    [
        # one of a named body's people, unnamed, speaks for the body
        ("ある東洋電機の関係者は「工場は続ける」と話した。", {("東洋電機", "Organization")}),
        ("京都大学防災研究所の研究員は「余震に注意が必要だ」と述べた。", {("京都大学防災研究所", "Organization")}),
        ("ベトナムの代表は「協力を続ける」と述べた。", {("ベトナム", "State")}),
        # a state's leader described is one person, kept as written
        ("ロシアの指導者は「協力する用意がある」と述べた。", {("ロシアの指導者", "Person")}),
        # somebody described by where they live, a count, a word pointing back that found nothing: nobody
        ("また札幌市の35歳の会社員は「とても怖かった」と話した。", set()),
        ("問題の同署員2人は「覚えていない」と話した。", set()),
        ("両社のトップは「統合を進める」と語った。", set()),
        # an event is no actor
        ("今回のクーデターは「国家の危機だ」と主張した。", set()),
        # what is glued to a name is no part of it
        ("TBS側は「事実と異なる」と反論した。", {("TBS", "Organization")}),
        ("父俊夫さんは「無事でよかった」と話した。", {("俊夫", "Person")}),
        ("孫正義社長は「投資を続ける」と話した。", {("孫正義", "Person")}),  # 孫 is a family name here
        # one named, and a group described after など: the one named speaks
        ("NLDなど野党は「選挙は不正だ」と主張した。", {("NLD", "Organization")}),
        ("民主党など野党は「審議に応じない」と表明した。", {("民主党", "Organization")}),
        ("グローバルネクスト社は「事業を縮小する」と発表した。", {("グローバルネクスト", "Organization")}),
        ("フジテレビ側は「事実と異なる」と反論した。", {("フジテレビ", "Organization")}),
        ("イ選手は「最後まで諦めなかった」と語った。", {("イ", "Person")}),  # a one-kana family name
        # a club of common words, all prefectures' police, a party's leadership unnamed: nobody in particular
        ("スキークラブは「大会を中止する」と発表した。", set()),
        ("各県警は「警戒を強める」と発表した。", set()),
        ("党執行部は「処分を検討する」と述べた。", set()),
        # 在 begins a body's name that begins with a state's
        ("在日本韓国青年会は「対話を望む」と述べた。", {("在日本韓国青年会", "Organization")}),
        # a state's government described is the state
        ("アルゼンチンの中道右派政府は「債務を返済する」と表明した。", {("アルゼンチン", "State")}),
    ],
)
def test_who_a_described_speaker_is(extract, text, want):
    assert {(q.speaker.label, q.speaker.type) for q in extract(text, dt.date(2012, 5, 1)).quotes} == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a name, then a noun that makes a body of it: the body, whatever the entity layer says
        ("ミンダナオ解放戦線は「停戦を守る」と表明した。", ("ミンダナオ解放戦線", "Organization")),
        ("シューマン記念館は「資料を公開する」と発表した。", ("シューマン記念館", "Organization")),
        # a katakana name, then a trade: a company
        ("トリニティソリューションズは「契約を解除する」と発表した。", ("トリニティソリューションズ", "Organization")),
        # a state's team
        ("韓国代表は「決勝に進む」と語った。", ("韓国代表", "Organization")),
        # 同県 after a prefecture the text named
        ("香川県の職員が視察した。同県は「対策を急ぐ」と発表した。", ("香川県", "Organization")),
        # 同県警, 同市議会: the body of the place named before
        ("兵庫県で事件があった。同県警は「監視を徹底する」とコメントした。", ("兵庫県警", "Organization")),
        ("京都府宇治市の職員が処分された。同市議会は「遺憾だ」と述べた。", ("京都府宇治市議会", "Organization")),
        # a titled name the entity layer cut in two is the whole name
        ("ジョバンニ・マルティネッリ伊外相は「改革を急ぐべきだ」と述べた。", ("ジョバンニ・マルティネッリ", "Person")),
    ],
)
def test_bodies_and_people_the_entity_layer_mislabels(extract, text, want):
    assert {(q.speaker.label, q.speaker.type) for q in extract(text, dt.date(2012, 5, 1)).quotes} == {want}


def test_a_name_cut_out_of_a_longer_word_is_nobody(extract):
    x = extract("商品先物大手のグローバリーは「撤退する」と発表した。", dt.date(2012, 5, 1))
    assert "バリー" not in {q.speaker.label for q in x.quotes}


# hand-built words (no model): the pure logic of kg.resolve.types
def _words(**tags: str) -> Words:
    return Words(tags=dict(tags))


@pytest.mark.parametrize(
    ("label", "type_", "speaker", "want"),
    [
        ("ハノイ中心部", "Organization", False, None),  # a place's part, in any role
        ("先の総選挙", "Actor", False, None),  # an event
        ("同市", "Organization", False, None),  # pointing back to nothing, in any role
        ("ヤマブキ側", "Actor", True, ("ヤマブキ", "Organization")),
        ("ヤマブキの広報担当者", "Person", True, ("ヤマブキ", "Organization")),
        ("ヤマブキ社員ヤマブキ社員", "Person", False, ("ヤマブキ社員", "Person")),  # a link's words run together
        ("ペルーの国民", "Person", True, None),
        ("ペルーの国民", "Person", False, ("ペルーの国民", "Person")),  # asked, it stays
    ],
)
def test_sensible_on_hand_built_words(lex, label, type_, speaker, want):
    words = _words(**{"ハノイ": "固有名詞-地名", "中心部": "普通名詞-一般", "ヤマブキ": "固有名詞-一般", "側": "接尾辞",
                      "の": "助詞", "広報担当者": "普通名詞-一般", "ペルー": "固有名詞-地名", "国民": "普通名詞-一般",
                      "同市": "普通名詞-一般", "先": "普通名詞-一般", "総選挙": "普通名詞-一般",
                      "社員": "普通名詞-一般"})
    got = sensible(ActorRef(label, label, type_), lex, words, speaker=speaker)
    assert (got.label, got.type) == want if want else got is None


def test_a_common_noun_the_entity_layer_calls_a_dish_is_no_actor(lex):
    words = Words(tags={"パエリア": "普通名詞-一般", "パエリヤ亭": "固有名詞-一般"}, ents={"パエリア": {"Dish"}})
    assert sensible(ActorRef("パエリア", "パエリア", "Organization"), lex, words) is None
    assert sensible(ActorRef("パエリヤ亭", "パエリヤ亭", "Organization"), lex, words) is not None


@pytest.mark.parametrize(("name", "sentence", "cut"), [("バリー", "大手のグローバリーは発表した。", True),
                                                      ("バリー", "バリー氏はグローバリーを訪ねた。", False),
                                                      ("ソニー", "ソニーは発表した。", False)])
def test_cut_from_word(name, sentence, cut):
    assert cut_from_word(ActorRef(name, name, "Person"), sentence) is cut


def test_a_full_name_whose_office_holds_a_known_party_names_the_family_name_later(nlp, lex):
    text = "福岡県の村上康夫元自民党幹事長の自宅で火事があった。村上氏は「驚いた」と話した。"
    first, second = _mentions(nlp, lex, text)
    assert ("村上康夫", "Person") in first
    assert second == [("村上康夫", "Person")]


def test_a_family_name_with_an_office_is_the_full_name_given_before(nlp, lex):
    text = "共同通信によると、JR九州・村岡雅也会長は6日に会見した。村岡会長は「残念だ」と話した。"
    _, second = _mentions(nlp, lex, text)
    assert second == [("村岡雅也", "Person")]


def test_a_family_name_two_people_share_names_neither(nlp, lex):
    first, second = _mentions(nlp, lex, "山中一郎議員と山中花子議員が出席した。山中議員は「反対する」と述べた。")
    assert ("山中一郎", "Person") in first and ("山中花子", "Person") in first
    assert second == [("山中", "Person")]


# ---- labels and types the strict reading found wrong (issue 13): a title glued to the name, a company read as a
# family name, a name cut at its dot, an official credited to his body, a minister typed as a body, one company
# named three ways

def _hand(lex, text: str, ents: list[tuple[int, int, str]]) -> list[tuple[str, str, str]]:
    """Mentions of ``text`` with hand-given entities and no morphology: (surface, label, type)."""
    resolver = ActorResolver(lex)
    resolver.reset(dt.date(2021, 5, 1))
    return [(text[m.start : m.end], m.actor.label, m.actor.type) for m in resolver.mentions(text, ents=ents)]


@pytest.mark.parametrize(
    ("text", "ents", "want"),
    [
        # the entity ran into the first part of a split title: the name ends before it, the title goes with it
        ("松浦秀明外務報道官は語った。", [(0, 6, "Person")], ("松浦秀明外務報道官", "松浦秀明", "Person")),
        ("琴錦親方は語った。", [(0, 3, "Person")], ("琴錦親方", "琴錦", "Person")),
        ("北山一郎事務局長は語った。", [(0, 5, "Person")], ("北山一郎事務局長", "北山一郎", "Person")),
        # a family name, then a company's ending: the company
        ("藤田製薬は発表した。", [(0, 2, "Person")], ("藤田製薬", "藤田製薬", "Organization")),
        ("森下建設は発表した。", [(0, 4, "Person")], ("森下建設", "森下建設", "Organization")),
        ("高村ホールディングスは発表した。", [(0, 2, "Person")], ("高村ホールディングス", "高村ホールディングス",
                                                          "Organization")),
        # a katakana name cut at its dot: the whole name
        ("パク・ジソン選手は語った。", [(3, 6, "Person")], ("パク・ジソン", "パク・ジソン", "Person")),
        ("ジョン・ポール・ジョーンズは語った。", [(4, 7, "Person")],
         ("ジョン・ポール・ジョーンズ", "ジョン・ポール・ジョーンズ", "Person")),
        # name・body title: the person, whatever the body is
        ("森川健・NASA教授は語った。", [(4, 8, "Person")], ("森川健・NASA教授", "森川健", "Person")),
        ("大川太郎・東北大学教授は語った。", [], ("大川太郎・東北大学教授", "大川太郎", "Person")),
        # a state's minister named by the office alone: a person (the office's holder), not a body
        ("トルコ国防相は語った。", [], ("トルコ国防相", "トルコ国防相", "Person")),
        # a sports team the entity layer calls an organisation, though its name ends as a person's description
        ("猛牛は勝った。", [(0, 2, "Pro_Sports_Organization")], ("猛牛", "猛牛", "Organization")),
        ("鉄人は勝った。", [(0, 2, "Pro_Sports_Organization")], ("鉄人", "鉄人", "Organization")),
    ],
)
def test_labels_and_types_on_hand_built_entities(lex, text, ents, want):
    assert want in _hand(lex, text, ents)


@pytest.mark.parametrize(
    ("text", "ents", "absent"),
    [
        ("田中建設相は語った。", [(0, 4, "Person")], "Organization"),  # the minister of construction, no company
        ("日韓・EU首脳が会談した。", [], "Person"),  # two states, then a body: nobody's name before the ・
        ("中国・北京大学教授が語った。", [], "Person"),
    ],
)
def test_no_company_or_person_where_there_is_none(lex, text, ents, absent):
    assert all(typ != absent for _, _, typ in _hand(lex, text, ents))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("北村工業は新型の機械を発売したと発表した。", [("北村工業", "Organization")]),
        ("浅田克也外務報道官は記者会見で「遺憾だ」と述べた。", [("浅田克也", "Person")]),
        ("吉野浩・JAXA教授は「成功だ」と話した。", [("吉野浩", "Person")]),
        ("オランダ国防相は「部隊を送る」と述べた。", [("オランダ国防相", "Person")]),
        ("楽天のキム・テギュン選手は本塁打を打った。キム選手は「最高だ」と語った。",
         [("キム・テギュン", "Person")]),
    ],
)
def test_said_labels_of_constructions(extract, text, want):
    x = extract(text)
    assert {(q.speaker.label, q.speaker.type) for q in x.quotes} == set(want)


def test_one_company_named_three_ways_in_one_document_is_one_actor(nlp, lex):
    text = ("西海ホールディングスは子会社を統合すると発表した。西海HDによると、統合は4月に行う。"
            "西海は「効率化のためだ」と説明した。")
    labels = {label for sent in _mentions(nlp, lex, text) for label, typ in sent if typ == "Organization"}
    assert labels == {"西海ホールディングス"}


def test_dousha_points_back_to_a_company_read_off_a_family_name(nlp, lex):
    _, second = _mentions(nlp, lex, "藤田製薬は新薬を発売した。同社によると、販売は来月始まる。")
    assert second == [("藤田製薬", "Organization")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a ring name the morphology reads as one personal name and the entity layer as a person: a person
        ("琴欧州は支度部屋で「体が重かった」と話した。", ("琴欧州", "Person")),
        # a team, then ・ and a kanji name: the person, who works for the team
        ("横浜ベイスターズ・森本一郎球団代表は「中止にした」と話した。", ("森本一郎", "Person")),
        # a station whose name is a Latin word and a place: the whole name, not the place
        ("なお、FM山形は番組の放送を終了すると発表した。", ("FM山形", "Organization")),
    ],
)
def test_said_speaker_of_names(extract, text, want):
    assert {(q.speaker.label, q.speaker.type) for q in extract(text).quotes} == {want}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a state's official, unnamed: a person described with the state's name, not the state
        ("英政府高官2人は「部隊を送る」と明らかにした。", ("イギリス政府高官", "Person")),
        ("中国高官は「調査を続ける」と語った。", ("中国高官", "Person")),
        ("ケニア当局者は「調査を続ける」と語った。", ("ケニア", "State")),  # its authorities: the state speaking
        ("フランス政府は「支援を続ける」と述べた。", ("フランス", "State")),  # the government itself stays the state
        # a name the text says is a company's (…会社の, …メーカーの): the company, though it reads as a person's
        ("大手の自動車メーカーのジョン・ディア・モータースは「撤退しない」と述べた。",
         ("ジョン・ディア・モータース", "Organization")),
        ("同社の森社長は「撤退しない」と述べた。", ("森", "Person")),  # a person of the company named before
    ],
)
def test_said_speaker_of_descriptions(extract, text, want):
    assert {(q.speaker.label, q.speaker.type) for q in extract(text).quotes} == {want}


# ---- actors you can trust (issue 13): bodies of their own, groups, parties, ordinary people, outlets ----------


def _speakers(extract, text: str) -> list[tuple[str, str, str | None]]:
    return [(q.speaker.label, q.speaker.type, q.speaker.country) for q in extract(text, dt.date(2021, 2, 8)).quotes]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a capital standing for its state is, with 市, the city; its authorities a body of that state
        ("モスクワ市当局は「市内の劇場を閉鎖する」と発表した。", ("モスクワ市当局", "Organization", "ロシア")),
        # a state's office building speaks for the office, not for the office holder
        ("仏大統領官邸は「首脳会談は延期する」と述べた。", ("フランス大統領官邸", "Organization", "フランス")),
        # the parties of a trial speak
        ("弁護側は「被告は無罪だ」と訴えた。", ("弁護側", "Organization", None)),
        # a body named short after its full name is that body
        ("日本卓球協会は9日に理事会を開いた。卓球協会は「規定を見直す」と述べた。",
         ("日本卓球協会", "Organization", "日本")),
        # a trade or sport before a person's name is no part of it
        ("ボクシング・村田は「まだ戦える」と語った。", ("村田", "Person", None)),
    ],
)
def test_speakers_are_the_actors_the_text_names(extract, text, want):
    assert _speakers(extract, text) == [want]


@pytest.mark.parametrize(
    "text",
    [
        "NATO加盟国は「支援を続ける」と述べた。",  # the union's members, not the union
        "EU各国の首脳は「制裁を続ける」と述べた。",
        "岡山県内全署は「警戒を強化する」と発表した。",  # every station: a group, not one body
    ],
)
def test_groups_are_no_speakers(extract, text):
    assert _speakers(extract, text) == []


def test_an_ordinary_person_is_not_the_politician_of_that_family_name(extract, lex):
    assert lex.lookup("林") is not None and lex.lookup("林").type == "Person"  # the gazetteer's 林 (芳正)
    [(label, typ, _)] = _speakers(extract, "近所に住む林さんは「驚いた」と話した。")
    assert (label, typ) == ("林", "Person")


def test_the_offices_of_two_places_are_two_people(extract):
    x = extract("青森、秋田両県知事は国に対し、除雪費の補助を求めた。", dt.date(2021, 2, 8))
    assert sorted(d.demander.label for d in x.demands) == ["秋田県知事", "青森県知事"]


def test_a_body_whose_name_begins_with_zenkoku_keeps_it(extract):
    x = extract("全国漁業協同組合連合会は政府に補償を求めた。", dt.date(2021, 2, 8))
    assert [d.demander.label for d in x.demands] == ["全国漁業協同組合連合会"]


def test_a_family_name_later_is_the_full_name_with_a_kana_given_name(nlp, lex):
    a, b = _mentions(nlp, lex, "歌手の森山あかりさんが会見した。森山さんは「幸せです」と語った。")
    assert ("森山あかり", "Person") in a and ("森山あかり", "Person") in b


def test_the_company_a_story_names_is_not_the_outlet_telling_it(extract):
    speakers = _speakers(extract, "ロッテ社が商品を回収したと東西新聞が報じた。同社は「再発を防ぐ」と述べた。")
    assert [label for label, _, _ in speakers] == ["ロッテ"]


def test_a_name_with_its_honorific_after_a_description_is_a_person(nlp, lex):
    [a] = _mentions(nlp, lex, "ヒズボラの幹部カシム氏が3日、「交渉には応じない」と語った。")
    assert ("カシム", "Person") in a


def test_a_kanji_family_name_and_a_katakana_given_name_are_one_name(nlp, lex):
    a, b = _mentions(nlp, lex, "遺族代表の田村ハナエさんが献花した。田村さんは「忘れない」と語った。")
    assert ("田村ハナエ", "Person") in a and ("ハナエ", "Person") not in a
    assert ("田村ハナエ", "Person") in b
