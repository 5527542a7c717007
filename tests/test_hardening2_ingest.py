"""Hardening, second pass (issue 16), ingest side: every input record becomes a document or is reported with
its reason and location, and whatever ingest changes in a record that is built is reported as a warning.

No test here needs the GiNZA model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import read_file
from kg.model import Article, Note, Skipped
from kg.pipeline import build_articles

PROSE = "政府は二十日、物価高に対応する新たな経済対策をまとめたと発表した。米国は反発している。"


def jsonl(n: int, *, encoding: str = "utf-8") -> list[bytes]:
    return [json.dumps({"id": f"r{i}", "text": f"{PROSE}記事{i}。"}, ensure_ascii=False).encode(encoding)
            for i in range(1, n + 1)]


# ---- 5. one stray byte drops one record, not the file ----------------------------------------------------------


@pytest.mark.parametrize(("encoding", "bad"), [("utf-8", 0xFF), ("cp932", 0x81), ("euc_jp", 0xFF)])
def test_a_stray_byte_in_jsonl_costs_one_record_with_its_line_number(tmp_path: Path, encoding: str, bad: int) -> None:
    # (Python's cp932 reads 0xFF as a private-use character; a lead byte before ":" is undecodable)
    lines = jsonl(200, encoding=encoding)
    lines[56] = lines[56][:20] + bytes([bad]) + lines[56][20:]  # line 57
    path = tmp_path / "news.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_file(path))
    articles = [it for it in items if isinstance(it, Article)]
    skipped = [it for it in items if isinstance(it, Skipped)]
    assert len(articles) == 199 and len(skipped) == 1
    assert skipped[0].record == 57 and "undecodable line" in skipped[0].reason and f"0x{bad:02x}" in skipped[0].reason
    assert articles[0].text == f"{PROSE}記事1。"  # the good lines read in the file's encoding
    assert [a.record for a in articles] == [n for n in range(1, 201) if n != 57]


def test_a_binary_file_named_jsonl_is_still_one_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 10)
    [skipped] = list(read_file(path))
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("binary file")


@pytest.mark.parametrize(
    ("bad", "at"),
    [(b"\xff", 30), (b"\x00", 30), (b"\x00", 3), (b"\xe3\x81", 60)],  # a stray byte, a NUL, a cut character
    ids=["0xff", "nul", "nul-first-bytes", "cut-character"],
)
def test_a_stray_byte_or_nul_in_a_text_file_is_replaced_and_reported(tmp_path: Path, bad: bytes, at: int) -> None:
    data = (PROSE * 3).encode("utf-8")
    path = tmp_path / "page.txt"
    path.write_bytes(data[:at] + bad + data[at:])
    items = list(read_file(path))
    [article] = [it for it in items if isinstance(it, Article)]
    [note] = [it for it in items if isinstance(it, Note)]
    assert "\ufffd" in article.text and "\x00" not in article.text
    assert article.text.replace("\ufffd", "").startswith(PROSE[:5])
    assert note.source == str(path) and "replaced by U+FFFD" in note.reason and "utf-8" in note.reason


def test_a_text_file_in_shift_jis_with_a_bad_byte_is_read_as_shift_jis(tmp_path: Path) -> None:
    data = (PROSE * 3).encode("cp932")
    path = tmp_path / "sjis.txt"
    path.write_bytes(data[:40] + b"\x81 " + data[40:])  # a lead byte cut off (cp932 reads 0xFF as U+F8F3)
    items = list(read_file(path))
    [article] = [it for it in items if isinstance(it, Article)]
    assert "経済対策" in article.text and "cp932" in next(it for it in items if isinstance(it, Note)).reason


def test_clean_text_gives_no_warning_and_binary_stays_binary(tmp_path: Path) -> None:
    path = tmp_path / "good.txt"
    path.write_text(PROSE, encoding="utf-8")
    assert [type(it) for it in read_file(path)] == [Article]
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 8)
    [skipped] = list(read_file(blob))
    assert isinstance(skipped, Skipped)


def test_warnings_go_to_the_build_report() -> None:
    note = Note("a.txt", "1 undecodable byte(s) or NUL(s) replaced by U+FFFD (read as utf-8)")
    result = build_articles([note, Skipped("b.jsonl", "malformed JSON", 3)])
    report = result.report()
    assert report["warnings"] == [{"file": "a.txt", "record": None, "reason": note.reason}]
    assert report["summary"]["records"] == 1  # a warning is about a record, not one more record
