"""The type of an actor no gazetteer knows, from how the text describes it.

A fact's actor that only a description names (イスラエルの治安担当者, 出席した知事ら, FIFAのスポンサー4社) used to
stay an untyped kg:Actor; its head noun says whether it is a person or a body. The suffixes are data
(kg/resources/actor_types.tsv). Actors with a type of their own (gazetteer, title, parser) are left as they are.
"""

from __future__ import annotations

from dataclasses import replace

from kg.lexicon import Lexicon
from kg.model import ActorRef, with_actors

PLURAL = ("ら", "たち", "等")


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


def typed_fact(fact, lex: Lexicon):
    """A fact (Quote, Demand, Meeting …) with every untyped actor in it typed; other fields as they are."""
    return with_actors(fact, lambda a: typed(a, lex))
