"""Corpus-wide merging of people and meetings, on hand-built records (no model)."""

from __future__ import annotations

import datetime as dt

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import PROV, SKOS

from kg.graph import build_graph
from kg.merge import merge_meetings, merge_people
from kg.model import ActorRef, Article, Evidence, Extraction, Meeting, Quote
from kg.vocab import KG

D = dt.date(2022, 1, 10)


def person(label: str) -> ActorRef:
    return ActorRef(label, label, "Person")


def state(label: str) -> ActorRef:
    return ActorRef(label, label, "State")


def meeting(label: str, *parts: ActorRef, date=D, place=None) -> Meeting:
    return Meeting(label, Evidence(label, 0, len(label), "meetings.v1"), date=date, participants=parts, place=place)


def article(i: int, *meetings: Meeting, quotes=()) -> Extraction:
    return Extraction(Article(f"a{i}", "本文", "t"), quotes=tuple(quotes), meetings=meetings)


def meetings_of(g):
    return sorted(g.subjects(RDF.type, KG.Meeting))


def test_one_meeting_reported_twice_becomes_one_node_with_both_sources():
    g = build_graph([
        article(1, meeting("米ロ安全保障協議", state("アメリカ"), state("ロシア"), place="ジュネーブ")),
        article(2, meeting("戦略的安定対話", state("アメリカ"), state("ロシア"))),
    ])
    assert merge_meetings(g) == 1
    [m] = meetings_of(g)
    assert len(set(g.objects(m, PROV.wasDerivedFrom))) == 2
    assert len(list(g.objects(m, RDFS.label))) == 1 and len(list(g.objects(m, SKOS.altLabel))) == 1


def test_two_calls_of_one_leader_on_one_day_stay_apart():
    putin = person("ウラジーミル・プーチン")
    g = build_graph([
        article(1, meeting("電話会談", putin, person("エマニュエル・マクロン"))),
        article(2, meeting("電話会談", putin, person("ボリス・ジョンソン"))),
    ])
    assert merge_meetings(g) == 0
    assert len(meetings_of(g)) == 2


def test_meetings_on_different_days_stay_apart():
    a, b = state("アメリカ"), state("ロシア")
    g = build_graph([article(1, meeting("協議", a, b)), article(2, meeting("協議", a, b, date=D + dt.timedelta(1)))])
    assert merge_meetings(g) == 0


def test_merge_does_not_depend_on_build_order():
    exs = [article(i, meeting("会合", state("アメリカ"), state("ロシア"))) for i in range(3)]
    g1, g2 = build_graph(exs), build_graph(list(reversed(exs)))
    merge_meetings(g1)
    merge_meetings(g2)
    assert sorted(g1) == sorted(g2)


def _quote(who: ActorRef) -> Quote:
    return Quote(who, "発言", Evidence("文", 0, 1, "quotes.direct.v1"))


def titled(label: str, title: str) -> ActorRef:
    return ActorRef(label + title, label, "Person")


def test_family_name_joins_the_one_full_name_written_with_the_same_office():
    g = build_graph([article(1, quotes=[_quote(titled("クリスティアン・ディアコネスク", "大統領補佐官"))]),
                     article(2, quotes=[_quote(titled("ディアコネスク", "補佐官"))])])
    assert merge_people(g) == 1
    people = set(g.subjects(RDF.type, KG.Person))
    assert len(people) == 1
    [p] = people
    assert g.value(p, RDFS.label) == Literal("クリスティアン・ディアコネスク", lang="ja")
    assert len(list(g.objects(p, KG.said))) == 2


def test_a_family_name_shared_by_two_people_is_not_merged():
    g = build_graph([article(1, quotes=[_quote(person("ボリス・ジョンソン"))]),
                     article(2, quotes=[_quote(person("ダスティン・ジョンソン"))]),
                     article(3, quotes=[_quote(person("ジョンソン"))])])
    assert merge_people(g) == 0
    assert len(set(g.subjects(RDF.type, KG.Person))) == 3


def test_a_name_typed_two_ways_keeps_the_type_most_references_have() -> None:
    from collections import Counter

    from rdflib import RDF, Graph, URIRef

    from kg.merge import one_type
    from kg.vocab import KG

    g = Graph()
    shop, mayor = URIRef("urn:x:shop"), URIRef("urn:x:mayor")
    for node, types in ((shop, (KG.Person, KG.Organization, KG.Actor)), (mayor, (KG.Person, KG.Actor))):
        for t in types:
            g.add((node, RDF.type, t))
    votes = Counter({(shop, KG.Organization): 3, (shop, KG.Person): 1, (mayor, KG.Actor): 5, (mayor, KG.Person): 1})
    assert one_type(g, votes) == 2
    assert set(g.objects(shop, RDF.type)) == {KG.Organization}
    assert set(g.objects(mayor, RDF.type)) == {KG.Person}  # a specific type before the plain kg:Actor


def test_a_family_name_with_no_office_in_common_stays_apart():
    g = build_graph([article(1, quotes=[_quote(titled("クリスティアン・ディアコネスク", "大統領補佐官"))]),
                     article(2, quotes=[_quote(titled("ディアコネスク", "選手"))])])
    assert merge_people(g) == 0
    assert len(set(g.subjects(RDF.type, KG.Person))) == 2


def test_one_family_name_in_two_articles_is_two_people_unless_the_office_matches():
    g = build_graph([article(1, quotes=[_quote(titled("田中", "外相"))]),
                     article(2, quotes=[_quote(titled("田中", "選手"))]),
                     article(3, quotes=[_quote(titled("田中", "外相"))])])
    assert len(set(g.subjects(RDF.type, KG.Person))) == 3  # one node per document before the merge
    assert merge_people(g) == 1  # the two foreign ministers
    assert sorted(len(list(g.objects(p, KG.said))) for p in g.subjects(RDF.type, KG.Person)) == [1, 2]


def test_an_untyped_speaker_takes_the_type_the_parser_gave_its_name_in_other_articles():
    described = ActorRef("ロイヤー", "ロイヤー", "Actor")  # a speaker no rule typed
    tagged = Extraction(Article("a2", "本文", "t"), parser_types=(ActorRef("ロイヤー", "ロイヤー", "Person"),))
    g = build_graph([article(1, quotes=[_quote(described)]), tagged])
    [node] = list(g.subjects(KG.said, None))
    assert set(g.objects(node, RDF.type)) == {KG.Person}
    alone = build_graph([article(1, quotes=[_quote(described)])])  # no vote: it stays a plain actor
    [node] = list(alone.subjects(KG.said, None))
    assert set(alone.objects(node, RDF.type)) == {KG.Actor}
