"""Shared fixtures. Model-dependent tests load the real ja_ginza once per session."""

from __future__ import annotations

import datetime as dt

import pytest

from kg import lexicon
from kg.model import Article

DEFAULT_DATE = dt.date(2022, 1, 13)


@pytest.fixture(scope="session")
def nlp():
    from kg import nlp as kg_nlp

    return kg_nlp.load()


@pytest.fixture(scope="session")
def lex():
    return lexicon.load()


@pytest.fixture(scope="session")
def extract(nlp, lex):
    """text (and date) → Extraction, through the real parser and every extractor."""
    from kg.extract import Extractor
    from kg.nlp import parse

    extractor = Extractor(lex)

    def run(text: str, date: dt.date | None = DEFAULT_DATE, **kw):
        art = Article(id="t", text=text, source="test", date=date, **kw)
        [(article, docs)] = list(parse([art], nlp=nlp))
        return extractor(article, docs)

    return run
