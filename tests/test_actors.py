"""Actors the gazetteer does not know: people read off the morphology, name readings, types from descriptions."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.context import analyse
from kg.model import Article
from kg.resolve.actors import ActorResolver
from kg.resolve.dates import Reference
from kg.resolve.types import type_of


def _mentions(nlp, lex, text: str) -> list[list[tuple[str, str]]]:
    from kg.nlp import clean

    day = dt.date(2021, 5, 1)
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
