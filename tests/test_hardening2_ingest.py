"""Hardening, second pass (issue 16), ingest side: every input record becomes a document or is reported with
its reason and location, and whatever ingest changes in a record that is built is reported as a warning.

No test here needs the GiNZA model.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kg.ingest import read_file, read_inputs, strip_non_prose
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


# ---- 6. unreadable folders, symlink loops, undecodable file names ----------------------------------------------


def corpus(root: Path) -> Path:
    (root / "ok").mkdir(parents=True)
    (root / "ok" / "a.txt").write_text(PROSE, encoding="utf-8")
    (root / "locked").mkdir()
    (root / "locked" / "b.txt").write_text(PROSE, encoding="utf-8")
    return root


def test_an_unreadable_subfolder_is_reported_and_the_rest_is_read(tmp_path: Path, monkeypatch) -> None:
    import os

    root = corpus(tmp_path / "news")
    real = os.scandir

    def scandir(path="."):  # what chmod 000 does for a user other than root
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_inputs([root]))
    assert [it.source for it in items if isinstance(it, Article)] == ["news/ok/a.txt"]
    assert [(it.source, it.reason) for it in items if isinstance(it, Skipped)] == [
        ("news/locked", "cannot read folder: Permission denied")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder anyway")
def test_a_chmod_000_subfolder_is_reported(tmp_path: Path) -> None:
    root = corpus(tmp_path / "news")
    (root / "locked").chmod(0)
    try:
        items = list(read_inputs([root]))
        explicit = list(read_inputs([root / "locked" / "b.txt"]))
    finally:
        (root / "locked").chmod(0o755)
    assert [it.source for it in items if isinstance(it, Article)] == ["news/ok/a.txt"]
    assert [it.source for it in items if isinstance(it, Skipped)] == ["news/locked"]
    assert [type(it) for it in explicit] == [Skipped] and "Permission denied" in explicit[0].reason


def test_a_path_inside_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch) -> None:
    root = corpus(tmp_path / "news")
    target = root / "locked" / "b.txt"
    real = Path.stat

    def stat(self, *args, **kwargs):
        if self.parent.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    items = list(read_inputs([target, root / "ok" / "a.txt"]))
    assert [(type(it), it.source) for it in items] == [(Skipped, str(target)), (Article, "a.txt")]
    assert items[0].reason == "cannot read: Permission denied"


def test_symlink_loops_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    root = corpus(tmp_path / "news")
    (root / "loop.txt").symlink_to(root / "loop.txt")  # a file that points at itself
    (root / "ok" / "up").symlink_to(root)  # a folder that points back up: not followed
    (root / "x.txt").symlink_to(root / "y.txt")
    (root / "y.txt").symlink_to(root / "x.txt")
    items = list(read_inputs([root, root / "loop.txt"]))
    assert sorted(it.source for it in items if isinstance(it, Article)) == ["news/locked/b.txt", "news/ok/a.txt"]
    skipped = sorted((it.source, it.reason) for it in items if isinstance(it, Skipped))
    assert [s for s, _ in skipped] == ["loop.txt", "news/loop.txt", "news/x.txt", "news/y.txt"]
    assert all(r.startswith("cannot read: ") and str(tmp_path) not in r for _, r in skipped)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    assert list(read_inputs([dangling])) == [Skipped("dangling.txt", "cannot read: No such file or directory")]


def test_a_non_utf8_file_name_is_read_and_reported_printably(tmp_path: Path) -> None:
    root = corpus(tmp_path / "news")
    raw = os.fsencode(root / "ok") + b"/" + "テスト".encode("cp932") + b".txt"  # a Shift_JIS name
    with open(raw, "wb") as f:
        f.write(PROSE.encode("utf-8"))
    unreadable = os.fsencode(root / "ok") + b"/\x83\x65.jsonl"
    with open(unreadable, "wb") as f:
        f.write(b"{not json\n")
    items = list(read_inputs([root]))
    [sjis] = [it for it in items if isinstance(it, Article) and it.source.endswith(".txt") and "\\x" in it.source]
    assert sjis.source == sjis.id == "news/ok/\\x83e\\x83X\\x83g.txt"
    [bad] = [it for it in items if isinstance(it, Skipped)]
    assert bad.source == "news/ok/\\x83e.jsonl" and bad.record == 1
    report = build_articles([bad, Note(sjis.source, "x")]).report()
    json.dumps(report, ensure_ascii=False).encode("utf-8")  # the report is writable as UTF-8


# ---- 11. sources are named relative to the input, not by the builder's folders ---------------------------------


def test_one_folder_named_by_any_path_gives_the_same_records(tmp_path: Path, monkeypatch) -> None:
    work = tmp_path / "home" / "builder" / "main"
    root = corpus(work / "seeds")
    (work.parent / "other").mkdir()
    monkeypatch.chdir(work)
    names = ["seeds", "seeds/", "./seeds", "../main/seeds", str(root), str(root) + "/../seeds"]
    seen = {name: [(type(it).__name__, it.source, getattr(it, "id", None)) for it in read_inputs([name])]
            for name in names}
    assert len({tuple(v) for v in seen.values()}) == 1, seen
    assert seen["seeds"] == [("Article", "seeds/locked/b.txt", "seeds/locked/b.txt"),
                             ("Article", "seeds/ok/a.txt", "seeds/ok/a.txt")]
    monkeypatch.chdir(root)
    assert [it.source for it in read_inputs(["."])] == ["seeds/locked/b.txt", "seeds/ok/a.txt"]
    monkeypatch.chdir(work.parent / "other")
    assert [it.source for it in read_inputs(["../main/seeds/ok/a.txt"])] == ["a.txt"]


@pytest.mark.model
def test_the_graph_holds_no_path_of_the_builder(nlp, tmp_path: Path, monkeypatch) -> None:
    from kg import store
    from kg.pipeline import build_files

    work = tmp_path / "secret-builder-folder" / "main"
    root = corpus(work / "seeds")
    monkeypatch.chdir(work)
    a = build_files(["seeds"], out=tmp_path / "a.ttl").out.read_bytes()
    b = build_files([str(root)], out=tmp_path / "b.ttl").out.read_bytes()
    monkeypatch.chdir(root / "ok")
    c = build_files(["../../seeds/"], out=tmp_path / "c.ttl").out.read_bytes()
    assert a == b == c
    assert b"secret-builder-folder" not in a and str(tmp_path).encode() not in a
    assert '"seeds/ok/a.txt"' in store.load_rdflib(tmp_path / "a.ttl").serialize(format="nt")


# ---- 12A. lists of sources and related-links boxes are no prose -------------------------------------------------

CORPUS = Path("/work/shared/corpus/jawikinews.jsonl")
BODY = "長谷寺は許可をしなかった疑いもある。県は「違反が確認されれば指導する」と話している。"
# the shapes Japanese Wikinews ends its articles with (run on after the last sentence, no line breaks)
WIKINEWS_TAILS = [
    ("『鎌倉・長谷寺「アジサイの道」無断で拡幅県が調査』。朝日新聞、2006年9月16日。"
     "共同通信『鎌倉・長谷寺で違法改築か/神奈川県が立ち入り調査』。秋田魁新報、2006年9月16日。", 2),
    ("河崎真澄(MSN産経ニュース)『中国、「世界最長」高速鉄道開通東海道・山陽新幹線の2倍、安全性アピール』。"
     "産経新聞社、2012年12月26日。", 1),
    ("気象庁『地震情報平成23年4月7日23時36分気象庁発表(情報第1号)』。気象庁、2011年4月7日23時46分(UTC+9)。"
     "USGS/NEIC(アメリカ地質調査所地震情報センター)『Magnitude 7.1-NEARTHEEASTCOASTOFHONSHU,JAPAN』。"
     "USGS、2011年4月7日(UTC)。", 2),
    ('"Magnitude 7.9-EASTERNSICHUAN,CHINA"。アメリカ地質調査所、May 13,200802:53:21(UTC±0)。', 1),
    ('"B r azilmournsaircrashvictims"。BBC、2006年10月1日。', 1),
]


@pytest.mark.parametrize(("tail", "count"), WIKINEWS_TAILS)
def test_a_run_on_list_of_sources_is_dropped_and_reported(tmp_path: Path, tail: str, count: int) -> None:
    path = tmp_path / "wikinews.jsonl"
    path.write_text(json.dumps({"id": "w1", "text": BODY + tail}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(read_file(path))
    [article] = [it for it in items if isinstance(it, Article)]
    [note] = [it for it in items if isinstance(it, Note)]
    assert article.text == BODY
    assert (note.source, note.record) == (str(path), 1)
    assert note.reason == f"dropped list of {count} source citation(s) at the end ({len(tail)} characters)"


def test_citation_lines_under_a_heading_and_a_related_links_box_are_dropped() -> None:
    text = "\n".join([
        "政府は二十日、新たな経済対策を発表した。",
        "関連記事",
        "経済対策、来週にも閣議決定へ",
        "",
        "首相「物価高に全力」",
        "野党は「規模が足りない」と批判している。",
        "",
        "出典",
        "『経済対策を発表』 毎日新聞, 2008年9月2日",
        "「首相、経済対策を指示」 — 読売新聞 2006年11月8日",
    ])
    kept, dropped = strip_non_prose(text)
    assert kept == "政府は二十日、新たな経済対策を発表した。\n野党は「規模が足りない」と批判している。"
    assert dropped == ["related-links box (4 lines, 28 characters)",
                       "list of 2 source citation(s) at the end (57 characters)"]


@pytest.mark.parametrize(
    "text",
    [
        "首相は著書『美しい国へ』を紹介した。",
        "映画『千と千尋の神隠し』は2001年7月20日に公開された。",
        "同紙は『首相、辞任へ』と報じた。読売新聞によると、2006年9月16日に発表された。",
        "会見で首相は『美しい国』。2006年9月26日、こう語った。",
        "毎日新聞は「経済対策を評価する」と社説で述べた。",
        "両首脳は『共同声明』に署名した。署名式は2022年1月10日。",
        "関連記事が相次いだ。\n関連ニュースは多い。",
        "報告書『核なき世界へ』、外務省、2009年4月5日に公表された。",
    ],
)
def test_prose_that_merely_holds_brackets_and_dates_is_kept(text: str) -> None:
    assert strip_non_prose(text) == (text, [])


def test_an_article_that_is_only_a_list_of_sources_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "only.jsonl"
    path.write_text(json.dumps({"text": WIKINEWS_TAILS[0][0]}, ensure_ascii=False) + "\n", encoding="utf-8")
    [skipped] = list(read_file(path))
    assert isinstance(skipped, Skipped) and skipped.record == 1
    assert skipped.reason.startswith("no article text (only list of 2 source citation(s)")


@pytest.mark.skipif(not CORPUS.exists(), reason="the Wikinews corpus is not here")
def test_wikinews_articles_lose_their_sources_and_no_sentence() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()[:200]]
    stripped = 0
    for row in rows:
        kept, dropped = strip_non_prose(row["text"])
        assert row["text"].startswith(kept)
        gone = row["text"][len(kept):]
        if dropped:
            stripped += 1
            assert kept[-1] in "。」』.)!?！？]", kept[-60:]  # cut after a sentence
            assert "『" in gone or '"' in gone or "「" in gone
            bare = re.sub(r"『[^』]*』|「[^」]*」|\"[^\"]*\"", "", gone)
            assert not re.search(r"によると|によれば|と述べ|している。", bare), bare
    assert stripped >= 150  # nearly every article ends with its sources
