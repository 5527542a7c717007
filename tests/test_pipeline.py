"""The whole build: seeds, a golden graph, reproducibility, the dev-set figures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, PROV

from kg import store
from kg.describe import without_description
from kg.ingest import read_inputs
from kg.pipeline import build_articles, build_files
from kg.vocab import KG

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).with_name("data")
GOLDEN = Path(__file__).with_name("golden") / "mini.ttl"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


@pytest.fixture(scope="module")
def seeds_graph(nlp):
    return build_files([ROOT / "seeds"]).graph


def test_golden_graph(nlp, monkeypatch):
    """The mini corpus builds to the stored golden graph (set KG_REGENERATE_GOLDEN=1 after a deliberate change).

    The build's description is left out: its IRIs hash the lexicon's fingerprint, which any word-list edit moves
    (tests/test_describe.py checks it)."""
    monkeypatch.chdir(ROOT)  # the graph names a file given directly by its name alone (kg:sourceFile "mini.jsonl")
    g = without_description(build_articles(read_inputs([Path("tests/data/mini.jsonl")])).graph)
    if os.environ.get("KG_REGENERATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        g.serialize(GOLDEN, format="turtle")
    expected = Graph().parse(GOLDEN)
    if not isomorphic(g, expected):
        _, only_new, only_old = graph_diff(to_isomorphic(g), to_isomorphic(expected))
        pytest.fail(f"graph differs from golden: +{len(only_new)} -{len(only_old)}\n"
                    + "\n".join(sorted(f"+ {t}" for t in only_new)[:10] + sorted(f"- {t}" for t in only_old)[:10]))


def test_same_input_same_graph(nlp):
    a = build_articles(read_inputs([DATA / "mini.jsonl"])).graph.serialize(format="nt")
    b = build_articles(read_inputs([DATA / "mini.jsonl"])).graph.serialize(format="nt")
    assert sorted(a.splitlines()) == sorted(b.splitlines())


def test_seeds_build_every_relation(seeds_graph):
    g = seeds_graph
    assert len(list(g.triples((None, KG.said, None)))) > 50
    assert len(list(g.triples((None, KG.demands, None)))) > 10
    assert len(list(g.triples((None, KG.heldOn, None)))) > 10
    for fact_type in (KG.Claim, KG.Measure, KG.Meeting):
        for fact in g.subjects(RDF.type, fact_type):
            assert g.value(fact, PROV.wasDerivedFrom) is not None, fact


def test_boilerplate_makes_no_facts(seeds_graph):
    """Menus, rankings and comment counters of the scraped seeds must not reach any evidence sentence."""
    sentences = [str(s) for s in seeds_graph.objects(predicate=KG.sentence)]
    for junk in ("ランキング", "メインメニュー", "コメント0", "こんな記事も読まれています", "@fastviewkorea"):
        assert not any(junk in s for s in sentences), junk


def test_digest_paragraphs_cite_their_own_source(seeds_graph):
    g = seeds_graph
    publishers = {str(g.value(o, RDFS.label)) for o in g.objects(predicate=DCTERMS.publisher)}  # agents, named
    assert any("日本経済新聞" in p for p in publishers)
    digest = "seeds/003_"
    docs = [d for d in g.subjects(DCTERMS.identifier, None) if str(g.value(d, DCTERMS.identifier)).startswith(digest)]
    assert len(docs) > 50  # one document per digest paragraph


def test_putin_is_one_node(seeds_graph):
    nodes = set(seeds_graph.subjects(predicate=None, object=Literal("ウラジーミル・プーチン", lang="ja")))
    assert len(nodes) == 1


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval/dev.jsonl not beside the checkout")
def test_dev_figures(nlp, capsys):
    """Prints the dev-set figures (the issue's floor is F1 ≥ 0.60 per relation, macro ≥ 0.70)."""
    from kg.evaluate import evaluate_gold

    scores = evaluate_gold(DEV)
    with capsys.disabled():
        print()
        for rel in ("said", "demands", "held_on", "participant"):
            v = scores[rel]
            print(f"dev {rel:12s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}")
        print(f"dev macro F1 = {scores['macro_f1']:.3f}")
    for rel in ("said", "demands", "held_on"):
        assert scores[rel]["f1"] >= 0.60, rel
    assert scores["macro_f1"] >= 0.70


def test_pages_of_the_seeds_listings(seeds_graph):
    """On real articles (many documents of one date, meetings with and without a date), every page of a
    canned listing, made from its page form (queries/paged/), is the same slice of the whole listing."""
    db = store.from_graph(seeds_graph)
    for path in sorted(store.PAGED_DIR.glob("*.rq")):
        text = store.resolve_query(path.stem)
        whole = store.run_query(db, text)
        assert len(whole) > 20, path.stem
        for size in (1, 5, 16):
            pages = [store.run_query(db, text, limit=size, offset=k) for k in range(0, len(whole), size)]
            assert [row for page in pages for row in page.rows] == list(whole.rows), (path.stem, size)
