"""The sentence filter (kg.cues) and ``kg build --parse cues``: what it keeps, that offsets stay true, and that a
filtered parse gives the facts a full parse gives (the model-dependent tests load ja_ginza once per session)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from kg import cache as kg_cache
from kg import cues, lexicon
from kg.model import Article
from kg.nlp import clean, parse

# --- no model -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lemma", "has", "has_not"), [
    ("述べる", {"述べ"}, set()),  # ichidan: the stem does not change
    ("語る", {"語っ", "語り", "語ら"}, {"語"}),  # godan: the stems of its conjugations, never the bare kanji
    ("明らかにする", {"明らかにし", "明らかにさ"}, set()),
    ("応ずる", {"応じ"}, set()),
    ("会談", {"会談"}, set()),
    ("する", set(), {"し", "す"}),  # a short kana verb gives nothing to search for on its own
    ("いう", set(), {"い"}),
])
def test_forms_of_a_lemma(lemma, has, has_not):
    f = cues.forms(lemma)
    assert has <= f
    assert not (has_not & f)


def test_cue_words_come_from_the_lexicon(lex):
    words = cues.cue_words(lex)
    for noun, _ in lex.meeting_nouns:
        assert noun in words
    for noun in lex.stance_nouns | lex.demand_cues | lex.rejection_cues:
        assert cues.forms(noun) <= words
    assert {"とし", "とす"} <= words  # …とした, …としている: する reports a clause
    assert "「" in words and "旨" in words


def test_a_lemma_added_to_the_lexicon_is_a_cue(tmp_path):
    folder = tmp_path / "res"
    shutil.copytree(lexicon.RESOURCES, folder)
    text = "委員長は会場を見渡した。議事は長引いた。委員長は進行が遅いとぼやいた。"
    assert not any(k for _, _, k in cues.kept(text, lexicon.load(folder)))
    folder = shutil.copytree(folder, tmp_path / "res2")  # a lexicon is read once per folder
    with (folder / "reporting_predicates.tsv").open("a", encoding="utf-8") as f:
        f.write("ぼやく\tquote clause\n")
    keep = [k for _, _, k in cues.kept(text, lexicon.load(folder))]
    assert keep == [False, True, True]  # the cue sentence and the one before it


def test_kept_sentences_and_their_context(lex):
    text = ("晴れた朝だった。港には船が並んでいた。漁協の組合長は「漁獲枠の拡大を求める」と話した。"
            "市場は活気づいた。午後には雨が降った。")
    spans = cues.kept(text, lex)
    assert [text[s:e] for s, e, _ in spans][2].startswith("漁協")
    assert [k for _, _, k in spans] == [False, True, True, False, False]


def test_a_quote_of_several_sentences_is_one_sentence(lex):
    text = "会長は「価格は上げない。品質も守る。」と強調した。別の話題に移った。"
    spans = cues.kept(text, lex)
    assert len(spans) == 2 and spans[0][2]


def test_segments_tile_the_text(lex):
    text = " 雨だった。風も強かった。知事は対策を急ぐと述べた。夜には止んだ。 "
    segs = cues.segments(text, lex)
    assert "".join(text[s:e] for s, e, _ in segs) == text
    assert [k for _, _, k in segs] == [False, True, False]
    assert all(a[1] == b[0] for a, b in zip(segs, segs[1:], strict=False))


def test_the_cache_key_says_the_mode():
    assert kg_cache.parse_key("本文。") == kg_cache.parse_key("本文。", "all")
    assert kg_cache.parse_key("本文。", "cues") != kg_cache.parse_key("本文。", "all")


# --- with the model --------------------------------------------------------------------------------------------

ARTICLES = [
    # a full name in a sentence with no cue; only the family name where the statement is
    "東西銀行の新しい頭取に佐藤健太氏が就いた。佐藤氏は東京都の出身で、58歳。趣味は登山で、週末は山で過ごす。"
    "休暇は取らない。佐藤氏は5日の記者会見で「地域の企業を支える」と述べた。",
    # a meeting and a demand, and a statement whose speaker is carried from the sentence before
    "山川外相は10日、訪問先のパリでフランスのルブラン外相と会談した。天候は穏やかだった。\n"
    "両外相は気候変動対策で協力することで一致した。山川外相は会談後、記者団に「有意義な会談だった」と語った。\n"
    "北海県の知事は11日、国に対し、堤防の改修を急ぐよう求めた。",
    # no cue at all: tokenized only
    "今朝は冷え込んだ。川沿いの道に霜が降りた。",
    # comma-separated readout, a date in a sentence left out pointing a later 同日 back
    "会合は3月2日に開かれた。参加者は多かった。大臣から，同日，協力を続ける旨述べた。",
]


def _facts(ex):
    return (sorted((q.speaker.label, q.text, q.evidence.start, q.evidence.end) for q in ex.quotes),
            sorted((d.demander.label, d.measure, d.addressee.label if d.addressee else None, d.evidence.start)
                   for d in ex.demands),
            sorted((tuple(sorted(p.label for p in m.participants)), str(m.date), m.status, m.evidence.start)
                   for m in ex.meetings))


@pytest.fixture(scope="module")
def both(nlp, lex):
    from kg.extract import Extractor

    arts = [Article(id=f"a{i}", text=t, source="test", date=dt.date(2023, 3, 12)) for i, t in enumerate(ARTICLES)]
    out = {}
    for mode in ("all", "cues"):
        parsed = list(parse(arts, nlp=nlp, mode=mode))
        out[mode] = [(a, docs, Extractor(lex)(a, docs)) for a, docs in parsed]
    return out


def test_offsets_and_text_stay_true(both):
    for art, docs, _ in both["cues"]:
        assert [a.id for a, _, _ in both["cues"]] == [a.id for a, _, _ in both["all"]]
        cleaned = clean(art.text)
        for off, doc in docs:
            assert cleaned[off : off + len(doc.text)] == doc.text
        assert [o for o, _ in docs] == [o for o, _ in dict((a.id, d) for a, d, _ in both["all"])[art.id]]


def test_only_kept_sentences_are_parsed(both):
    art, docs, _ = both["cues"][0]
    [(_, doc)] = docs
    left_out = doc.text.index("趣味")  # neither a cue nor before one
    tok = next(t for t in doc if t.idx == left_out)
    assert tok.dep_ == "" and tok.tag_  # the tokenizer's morphology, no parse
    said = doc.text.index("「")
    assert next(t for t in doc if t.idx >= said).dep_  # the cue sentence is parsed
    _, docs_none, _ = both["cues"][2]
    assert all(t.dep_ == "" for _, d in docs_none for t in d)


def test_both_modes_give_the_same_facts(both):
    for (_, _, full), (_, _, cue) in zip(both["all"], both["cues"], strict=True):
        assert _facts(full) == _facts(cue)
    _, _, first = both["cues"][0]
    assert [q.speaker.label for q in first.quotes] == ["佐藤健太"]  # the full name, from a sentence left out
    assert any(ex.meetings for _, _, ex in both["cues"]) and any(ex.demands for _, _, ex in both["cues"])


def test_parse_all_is_the_full_parse(nlp, both):
    art, docs, _ = both["all"][1]
    whole = [nlp(p) for _, p in __import__("kg.nlp", fromlist=["pieces"]).pieces(clean(art.text))]
    assert [[(t.text, t.dep_, t.head.i, t.ent_type_) for t in d] for _, d in docs] == \
        [[(t.text, t.dep_, t.head.i, t.ent_type_) for t in d] for d in whole]
