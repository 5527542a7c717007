"""Cutting texts for Sudachi (no model needed)."""

from __future__ import annotations

from kg.nlp import MAX_BYTES, clean, pieces


def test_long_paragraph_is_cut_under_the_byte_limit_with_true_offsets():
    text = "前置き。\n" + "ロシアは要求した。" * 12_000 + "\n後書き。"  # one 300 KB paragraph
    parts = list(pieces(text))
    assert len(parts) > 3
    for off, piece in parts:
        assert len(piece.encode("utf-8")) <= MAX_BYTES
        assert text[off : off + len(piece)] == piece
    assert "".join(p for _, p in parts) == text.replace("\n", "")


def test_a_sentence_longer_than_the_limit_is_still_cut():
    text = "あ" * 50_000
    parts = list(pieces(text))
    assert all(len(p.encode("utf-8")) <= MAX_BYTES for _, p in parts)
    assert "".join(p for _, p in parts) == text


def test_clean_keeps_offsets():
    text = "a\x00b\ud800c\n"
    assert len(clean(text)) == len(text)
    assert "\x00" not in clean(text) and "\ud800" not in clean(text)
