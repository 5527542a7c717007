"""Shared fixtures. Model-dependent tests load the real ja_ginza once per session."""

from __future__ import annotations

import datetime as dt

import pytest

from kg import lexicon
from kg.model import Article

DEFAULT_DATE = dt.date(2022, 1, 13)


@pytest.fixture(autouse=True, scope="session")
def _private_build_cache(tmp_path_factory):
    """Builds through the CLI cache their parses: keep that out of the user's cache folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("kg-cache")))
    yield
    mp.undo()


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
