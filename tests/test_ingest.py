"""kg.ingest: encodings, JSONL records, HTML bodies, scraped-page boilerplate and digest paragraphs."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kg.ingest
from kg.ingest import decode_bytes, read_file, read_inputs
from kg.model import Article, Skipped

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path("/work/shared/eval/dev.jsonl")
DIGEST = "003_052f2b3cd0ce94ed.txt"
PAGES = ("000_93f624ef02516365.txt", "001_68ce26286138745e.txt", "002_38bd187ad446b2d2.txt", "004_88547998c536a12f.txt")
JAPANESE = "ロシアのプーチン大統領は「NATOの東方拡大は容認できない」と述べた。\n米国は反発している。\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"

# Gold paragraphs that are page furniture (a ranking item, an advert, a "recommended" link): the gold keeps them
# as negatives (nothing may be extracted from them); ingest must drop them.
GOLD_BOILERPLATE = {
    "「米国まで協力!?」ロシア、中国依存脱却へ本格始動…レアアース覇権争いに参戦",
    "🔥 当社AIが選択した株式戦略、テクノロジー大手、は5月までに+7.1%の上昇。"
    "株式がブームなうちに行動を起こしましょう。40%割引で開始",
    "今のテスラが中国EVを手本にしていた?元幹部証言で見えた開発の裏側",
    "イラン猛反撃、同士討ちまで起きる防空戦はいつまで続くのか",
    "ウクライナ戦闘機「F-16」がロシア軍「シャヘド」を空中爆破...地上から撮影の「レア映像」を公開",
}


def _write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def _only(records: list) -> Article | Skipped:
    assert len(records) == 1, records
    return records[0]


def _seed(name: str) -> list[Article | Skipped]:
    return list(read_file(SEEDS / name))


def _gold_texts(source: str) -> list[str]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row["text"].strip() for row in rows if row["source"] == source]


needs_gold = pytest.mark.skipif(not GOLD.exists(), reason="gold annotations not available")


# --- encodings -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected_name"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp932", "cp932"), ("euc_jp", "euc_jp")],
)
def test_decode_bytes_round_trips_japanese(encoding, expected_name):
    text, name = decode_bytes(JAPANESE.encode(encoding))
    assert text == JAPANESE
    assert name == expected_name


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp932", "euc_jp"])
def test_read_file_decodes_each_encoding(tmp_path, encoding):
    article = _only(list(read_file(_write(tmp_path / "a.txt", JAPANESE, encoding))))
    assert isinstance(article, Article)
    assert article.text == "ロシアのプーチン大統領は「NATOの東方拡大は容認できない」と述べた。\n\n米国は反発している。"


def test_decode_bytes_prefers_the_reading_with_hiragana():
    text = "ひらがなとカタカナのまじったぶんです。"
    data = text.encode("euc_jp")
    data.decode("cp932")  # the same bytes are valid (half-width katakana) CP932 too
    assert decode_bytes(data) == (text, "euc_jp")


def test_decode_bytes_drops_a_truncated_utf8_tail():
    data = "米国は反発している。".encode()[:-1]  # half of 「。」
    assert decode_bytes(data) == ("米国は反発している", "utf-8")


@pytest.mark.parametrize("data", [PNG_HEADER, b"GIF89a\x01\x00\x01\x00\x00\x00"])
def test_decode_bytes_rejects_binary(data):
    with pytest.raises(ValueError, match="binary file"):
        decode_bytes(data)


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".html"])
def test_binary_file_is_skipped(tmp_path, suffix):
    skipped = _only(list(read_file(_write(tmp_path / f"image{suffix}", PNG_HEADER))))
    assert isinstance(skipped, Skipped)
    assert skipped.reason.startswith("binary file")


@pytest.mark.parametrize("content", [b"", b"   \n\n", "\u3000\n".encode(), b"\xef\xbb\xbf"])
@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".html"])
def test_empty_file_is_skipped(tmp_path, content, suffix):
    path = _write(tmp_path / f"empty{suffix}", content)
    assert list(read_file(path)) == [Skipped(str(path), "empty file")]


# --- files and folders -----------------------------------------------------------------------------------------


def test_explicit_unknown_extension_is_skipped(tmp_path):
    path = _write(tmp_path / "notes.xyz", JAPANESE)
    assert list(read_inputs([path])) == [Skipped("notes.xyz", "unsupported file type .xyz")]


def test_missing_path_is_skipped(tmp_path):
    missing = tmp_path / "nope.txt"
    assert list(read_inputs([str(missing)])) == [Skipped(str(missing), "no such file or directory")]


def test_folder_walk_is_sorted_and_skips_hidden_and_unknown(tmp_path):
    _write(tmp_path / "b.txt", JAPANESE)
    _write(tmp_path / "a" / "c.txt", JAPANESE)
    _write(tmp_path / "a" / "d.jsonl", json.dumps({"id": "x", "text": "本文。"}) + "\n")
    _write(tmp_path / "README.md", JAPANESE)
    _write(tmp_path / ".hidden.txt", JAPANESE)
    _write(tmp_path / ".git" / "e.txt", JAPANESE)
    records = list(read_inputs([tmp_path]))
    assert [r.source for r in records] == [  # named from the input folder down, never by the builder's folders
        f"{tmp_path.name}/a/c.txt",
        f"{tmp_path.name}/a/d.jsonl",
        f"{tmp_path.name}/b.txt",
    ]
    assert all(isinstance(r, Article) for r in records)


def test_read_inputs_accepts_strings_and_mixes_files_and_folders(tmp_path):
    _write(tmp_path / "dir" / "x.txt", JAPANESE)
    single = _write(tmp_path / "y.txt", JAPANESE)
    ids = [r.id for r in read_inputs([str(tmp_path / "dir"), str(single)])]
    assert ids == ["dir/x.txt", "y.txt"]


def test_a_file_in_a_folder_is_named_by_its_path_below_the_folder(tmp_path):
    # scraped sites are full of index.html: each is its own document
    page = "<html><body><article><p>" + JAPANESE + "</p></article></body></html>"
    a = _write(tmp_path / "site" / "a" / "index.html", page)
    _write(tmp_path / "site" / "b" / "index.html", page.replace("。", "!"))
    _write(tmp_path / "site" / "top.txt", JAPANESE)
    _write(tmp_path / "site" / "feeds" / "news.jsonl", json.dumps({"text": "IDのない記事。"}) + "\n")
    ids = [r.id for r in read_inputs([tmp_path / "site"])]
    assert ids == ["site/a/index.html", "site/b/index.html", "site/feeds/news:1", "site/top.txt"]
    # the same from any working folder or spelling of the folder
    assert [r.id for r in read_inputs([tmp_path / "site" / ".." / "site"])] == ids
    # the same file reached twice keeps its first name (and is one document: the build reports the second)
    assert [r.id for r in read_inputs([tmp_path / "site" / "a", a])] == ["a/index.html", "a/index.html"]


def test_adding_a_namesake_to_a_corpus_renames_no_document(tmp_path):
    """A document's id (and so its IRI and every IRI minted from it) depends on the document alone."""
    corpus = tmp_path / "corpus"
    _write(corpus / "news.txt", JAPANESE)
    _write(corpus / "2022" / "a.txt", JAPANESE)
    before = [r.id for r in read_inputs([corpus])]
    _write(corpus / "other" / "news.txt", JAPANESE + "別の記事。")
    _write(corpus / "2023" / "a.txt", JAPANESE + "もう一つの記事。")
    after = [r.id for r in read_inputs([corpus])]
    assert set(before) <= set(after) and len(after) == 4


def test_files_named_directly_that_share_a_name_are_told_apart_by_their_folders(tmp_path):
    page = "<html><body><article><p>" + JAPANESE + "</p></article></body></html>"
    a = _write(tmp_path / "site" / "a" / "index.html", page)
    b = _write(tmp_path / "site" / "b" / "index.html", page.replace("。", "!"))
    c = _write(tmp_path / "old" / "x" / "a" / "index.html", page.replace("。", "?"))
    # in any order, from any working folder
    assert [r.id for r in read_inputs([str(b), str(a)])] == ["b/index.html", "a/index.html"]
    # as many folders as it takes; a file without a namesake keeps its bare name
    assert [r.id for r in read_inputs([a, c, b])] == ["site/a/index.html", "x/a/index.html", "b/index.html"]
    assert [r.id for r in read_inputs([a])] == ["index.html"]


# --- jsonl -----------------------------------------------------------------------------------------------------

JSONL_LINES = [
    '{"id": 1, "text": "米国は反発している。", "date": "2022-02-03", "title": "見出し", '
    '"url": "https://x.jp/1", "outlet": "X"}',
    "",
    '{"id": "a", "text": "欧州は懸念を示した。"',
    "[1, 2]",
    '{"id": "b", "title": "本文なし"}',
    '{"id": "c", "text": "   "}',
    '{"id": 1, "text": "同じIDの記事。"}',
    '{"text": "IDのない記事。", "date": "2021-12-31T11:54:00+09:00"}',
    '{"id": "d", "text": "日付が壊れた記事。", "date": "12月31日"}',
    '"just a string"',
]
JSONL_EXPECTED = [  # (line number, Article id or the start of the Skipped reason)
    (1, "1"),
    (3, "malformed JSON: Expecting ',' delimiter at column"),
    (4, "record is not a JSON object"),
    (5, "record has no text"),
    (6, "record has no text"),
    (7, "duplicate id '1' (first on line 1)"),
    (8, "news:8"),
    (9, "d"),
    (10, "record is not a JSON object"),
]


def test_jsonl_every_line_becomes_an_article_or_a_skipped(tmp_path):
    path = _write(tmp_path / "news.jsonl", "\n".join(JSONL_LINES) + "\n")
    records = list(read_file(path))
    assert [r.record for r in records] == [line for line, _ in JSONL_EXPECTED]
    for record, (_, expected) in zip(records, JSONL_EXPECTED, strict=True):
        if isinstance(record, Article):
            assert record.id == expected
        else:
            assert record.reason.startswith(expected), record.reason
        assert record.source == str(path)


def test_jsonl_fields(tmp_path):
    path = _write(tmp_path / "news.jsonl", "\n".join(JSONL_LINES))
    articles = {r.id: r for r in read_file(path) if isinstance(r, Article)}
    first = articles["1"]
    assert (first.text, first.title, first.url, first.outlet) == (
        "米国は反発している。",
        "見出し",
        "https://x.jp/1",
        "X",
    )
    assert first.date == dt.date(2022, 2, 3)
    assert articles["news:8"].date == dt.date(2021, 12, 31)
    assert articles["d"].date is None  # a bad date keeps the record


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-31", dt.date(2021, 12, 31)),
        ("2021-12-31T11:54:00+09:00", dt.date(2021, 12, 31)),
        ("2021-12-31 11:54", dt.date(2021, 12, 31)),
        ("2021/12/31", None),
        ("2021-02-30", None),
        ("12月31日", None),
        ("", None),
        (20211231, None),
        (None, None),
    ],
)
def test_jsonl_date_parsing(tmp_path, value, expected):
    path = _write(tmp_path / "d.jsonl", json.dumps({"id": "x", "text": "本文。", "date": value}, ensure_ascii=False))
    assert _only(list(read_file(path))).date == expected


def test_jsonl_in_legacy_encoding(tmp_path):
    path = _write(tmp_path / "sjis.jsonl", json.dumps({"id": "s", "text": JAPANESE}, ensure_ascii=False), "cp932")
    assert _only(list(read_file(path))).text == JAPANESE


# --- html ------------------------------------------------------------------------------------------------------

HTML_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>米、東欧に3000人派兵 | ニュース</title>
<meta property="article:published_time" content="2022-02-03T00:22:00+09:00">
<style>body { color: red; } .secret-style {}</style>
<script>alert(1)</script></head>
<body>
<nav><ul><li><a href="/">ホーム</a></li><li><a href="/world">国際ニュース一覧</a></li></ul></nav>
<header><p>サイトヘッダーの宣伝文です。今すぐ登録してください。</p></header>
<article>
<h1>米、東欧に3000人派兵</h1>
<p>米政府は2日、緊迫化するウクライナ情勢を踏まえ、数日中に3000人規模の米軍部隊を東欧に派遣すると発表した。</p>
<script>document.write("tracking pixel")</script>
<p>国防総省のカービー報道官は「必要とあらばわれわれはNATOの同盟国を守る用意を整える」と述べた。</p>
<p>ロシアはNATOの東方不拡大に加え、東欧諸国に配備された部隊を撤収するよう要求している。</p>
</article>
<aside>関連記事: 米ロ首脳が電話会談</aside>
<footer>Copyright 2022 Example News. 無断転載を禁じます。</footer>
</body></html>"""
HTML_BODY = (
    "米政府は2日、緊迫化するウクライナ情勢を踏まえ",
    "カービー報道官は「必要とあらば",
    "部隊を撤収するよう要求している。",
)
HTML_JUNK = ("alert", "color", "secret-style", "tracking pixel", "国際ニュース一覧", "宣伝文", "無断転載", "関連記事")


@pytest.mark.parametrize("extractor", ["trafilatura", "selectolax"])
def test_html_keeps_body_without_scripts_styles_or_menus(tmp_path, monkeypatch, extractor):
    if extractor == "selectolax":  # force the fallback path
        monkeypatch.setattr(kg.ingest, "_trafilatura_article", lambda html: ("", None, None))
    path = _write(tmp_path / "page.html", HTML_PAGE)
    article = _only(list(read_file(path)))
    assert article.id == "page.html"
    assert article.date == dt.date(2022, 2, 3)
    assert article.title and "東欧に3000人派兵" in article.title
    for fragment in HTML_BODY:
        assert fragment in article.text
    for junk in HTML_JUNK:
        assert junk not in article.text
    assert len(article.text.split("\n\n")) == 3


def test_html_fallback_without_paragraph_tags_drops_scripts(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.ingest, "_trafilatura_article", lambda html: ("", None, None))
    html = (
        "<html><head><style>div { color: red }</style></head><body><nav>メニュー一覧</nav>"
        "<div>米国は反発している。<script>alert(1)</script><br>欧州は懸念を示した。</div></body></html>"
    )
    article = _only(list(read_file(_write(tmp_path / "bare.htm", html))))
    assert article.text.split("\n\n") == ["米国は反発している。", "欧州は懸念を示した。"]


def test_html_without_text_is_skipped(tmp_path):
    path = _write(tmp_path / "blank.htm", "<html><head><script>alert(1)</script></head><body></body></html>")
    skipped = _only(list(read_file(path)))
    assert isinstance(skipped, Skipped)
    assert "no article text" in skipped.reason


# --- scraped pages (seeds) -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "date", "paragraphs"),
    [
        (
            PAGES[0],
            "ロシア、ウクライナ終戦交渉で「東欧駐留NATO軍の撤退」要求か イギリス・フランス首脳がアメリカ説得へ",
            None,
            6,
        ),
        (PAGES[1], "米、東欧に3000人派兵 ウクライナ巡りロシア抑止へ", dt.date(2022, 2, 3), 24),
        (
            PAGES[2],
            "トランプ氏が描く「ウクライナ戦争終結」の条件とは?米露首脳会談で浮上した「資源アクセス」という打開策",
            None,
            11,
        ),
        (PAGES[3], "米ロ首脳が電話会談 ウクライナめぐる緊張で双方が「関係崩壊」を警告", dt.date(2021, 12, 31), 11),
    ],
)
def test_seed_page_title_date_and_paragraphs(name, title, date, paragraphs):
    article = _only(_seed(name))
    assert (article.id, article.title, article.date) == (name, title, date)
    assert len(article.text.split("\n\n")) == paragraphs
    assert title not in article.text


@pytest.mark.parametrize(
    ("name", "junk"),
    [
        (PAGES[0], "メインメニューへスキップ"),
        (PAGES[0], "コメント0"),
        (PAGES[0], "佐藤美穂"),
        (PAGES[0], "CP-2023-0299@fastviewkorea.com"),
        (PAGES[0], "「集団安全保障の名の下に!」イランとロシア、核協議で“強固な連携”を確認"),
        (PAGES[0], "こんな記事も読まれています"),
        (PAGES[0], "70代運転の車が「突然暴走」"),
        (PAGES[0], "cosmosfarm_share_buttons"),
        (PAGES[1], "40%引きでご購読"),
        (PAGES[1], "当社AIが選択した株式戦略"),
        (PAGES[1], "発行済"),
        (PAGES[1], "<対話は平行線>"),
        (PAGES[1], "リスク開示書"),
        (PAGES[1], "Fusion Media"),
        (PAGES[1], "上記内容は英語版を翻訳したもの"),
        (PAGES[2], "荒巻俊"),
        (PAGES[2], "[ニュース] ランキング"),
        (PAGES[2], "「私を批判したから殺された」トランプ"),
        (PAGES[2], "エンタメ"),
        (PAGES[3], "最新記事"),
        (PAGES[3], "米ロ対立"),
        (PAGES[3], "トムソンロイター・ジャパン"),
        (PAGES[3], "誤って1日に2度ワクチンを打たれた男性"),
        (PAGES[3], "核開発の断念を迫るトランプ政権が攻撃を開始。"),
        (PAGES[3], "メールマガジンのご登録"),
        (PAGES[3], "ニューズウィーク日本版別冊"),
    ],
)
def test_seed_page_boilerplate_is_dropped(name, junk):
    assert junk not in _only(_seed(name)).text


@needs_gold
@pytest.mark.parametrize("name", [*PAGES, DIGEST])
def test_every_gold_paragraph_is_kept(name):
    texts = [a.text for a in _seed(name)]
    joined = "\n\n".join(texts)
    for paragraph in _gold_texts(name):
        if paragraph in GOLD_BOILERPLATE:
            assert paragraph not in joined, "page furniture leaked into the text"
        else:
            assert paragraph in joined, paragraph


@needs_gold
def test_gold_boilerplate_table_is_about_real_gold_rows():
    gold = {text for name in (*PAGES, DIGEST) for text in _gold_texts(name)}
    assert gold >= GOLD_BOILERPLATE


def test_related_box_mid_article_does_not_cut_the_story(tmp_path):
    page = "\n".join(
        [
            "トップ > 国際",
            "米ロ外相がジュネーブで会談 ウクライナ情勢めぐり協議",
            "2022年1月21日 18時30分",
            "ブリンケン国務長官とラブロフ外相は21日、ジュネーブで会談した。",
            "両外相は協議を続けることで一致した。",
            "関連記事",
            "・米ロ首脳が電話会談",
            "・NATO外相会合",
            "ラブロフ氏は「米国の回答を待つ」と述べた。",
            "ブリンケン氏は来週、書面で回答すると明らかにした。",
            "コメント(3)",
            "ランキング",
            "• 1 株価が急落。市場は混乱。",
            "• 2 円安が進む。",
            "© 2022 Example",
        ]
    )
    article = _only(list(read_file(_write(tmp_path / "p.txt", page))))
    assert article.text.split("\n\n") == [
        "ブリンケン国務長官とラブロフ外相は21日、ジュネーブで会談した。",
        "両外相は協議を続けることで一致した。",
        "ラブロフ氏は「米国の回答を待つ」と述べた。",
        "ブリンケン氏は来週、書面で回答すると明らかにした。",
    ]
    assert article.title == "米ロ外相がジュネーブで会談 ウクライナ情勢めぐり協議"
    assert article.date == dt.date(2022, 1, 21)


def test_hard_wrapped_page_is_joined_back_into_paragraphs(tmp_path):
    first = (
        "バイデン米大統領とロシアのプーチン大統領は30日、電話会談を行い、約50分間にわたり協議した。"
        "ウクライナ情勢を巡る緊張が高まれば関係が決裂すると警告した。"
    )
    second = (
        "ホワイトハウスのサキ報道官は声明で「バイデン大統領はロシアに対し"
        "緊張をエスカレートさせないよう要請した」と明らかにした。"
    )
    wrapped = ["\n".join(text[i : i + 36] for i in range(0, len(text), 36)) for text in (first, second)]
    headlines = (
        "人気の記事一覧をこちらでご覧いただけます、毎日更新中\n日本の若者が海外就職に憧れる理由とそのギャップを探る"
    )
    page = "\n\n".join(["米ロ首脳が電話会談 双方が関係崩壊を警告", *wrapped, "ランキング", headlines])
    article = _only(list(read_file(_write(tmp_path / "w.txt", page))))
    assert article.text.split("\n\n") == [first, second]


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("2021年12月31日(金)11時54分", dt.date(2021, 12, 31)),
        ("発行済 2022-02-03 00:22", dt.date(2022, 2, 3)),
        ("2022/02/03", dt.date(2022, 2, 3)),
        ("２０２２年２月３日", dt.date(2022, 2, 3)),
        ("2022年2月30日", None),
        ("12月31日", None),
        ("記者 山田太郎", None),
    ],
)
def test_page_date_comes_from_the_header_only(tmp_path, dateline, expected):
    page = f"見出しの行はここにあります\n{dateline}\n本文は2020年1月1日の出来事を伝える。\n続きの段落である。"
    article = _only(list(read_file(_write(tmp_path / "d.txt", page))))
    assert article.date == expected


def test_page_without_prose_is_skipped(tmp_path):
    path = _write(tmp_path / "menu.txt", "ホーム\nニュース一覧\n• 記事1\n• 記事2\n")
    skipped = _only(list(read_file(path)))
    assert isinstance(skipped, Skipped)
    assert "no article text" in skipped.reason


# --- digests ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def digest() -> list[Article]:
    records = _seed(DIGEST)
    assert all(isinstance(r, Article) for r in records)
    return records


def _digest_paragraph(articles: list[Article], start: str) -> Article:
    return next(a for a in articles if a.text.startswith(start))


def test_digest_yields_one_article_per_paragraph(digest):
    lines = [line.strip() for line in (SEEDS / DIGEST).read_text(encoding="utf-8").splitlines() if line.strip()]
    sources = [line for line in lines if re.search(r"/[^/]+\.20\d{0,2}$", line)]
    texts = [a.text for a in digest]
    assert len(digest) == 228
    assert [a.record for a in digest] == list(range(1, len(digest) + 1))
    assert [a.id for a in digest] == [f"{DIGEST}#p{n}" for n in range(1, len(digest) + 1)]
    assert {a.source for a in digest} == {str(SEEDS / DIGEST)}
    assert all(line in texts for line in lines if "。" in line and line not in sources)  # no sentence is lost
    headings = [line for line in lines if line not in texts and line not in sources]
    assert all("。" not in h for h in headings)
    assert len(texts) + len(headings) + len(sources) == len(lines)  # every line accounted for
    assert all(a.date is None and a.title and a.outlet for a in digest)


@pytest.mark.parametrize(
    ("start", "title", "outlet", "year"),
    [
        (
            "12月1日、外国大使認証式に",
            "米露首脳会談でも止まらない ロシアによるウクライナ侵攻の危機",
            "Yahoo!ニュース",
            2021,
        ),
        (
            "(前略)1991年のソ連崩壊",
            "ロシア「ウクライナ侵攻計画」プーチンの強気の背景にある中国との“準同盟”関係",
            "現代ビジネス | 講談社",
            2021,
        ),
        (
            "ここはオバマ大統領らが",
            "1:1スケールのワシントンD.C.、そのリアリティに迫る![ホワイトハウス編]",
            "ファミ通.com",
            2019,
        ),
        (
            "ドイツの報道官は21日遅くの声明で",
            "ロシアvs米国 プーチン大統領はウクライナ侵攻を決断しますか?",
            "KWP News/九州と世界のニュース",
            2021,
        ),
        (
            "ロシアは9日、米国の圧力に屈して",
            "ウクライナ巡る10日からの協議、米ロ悲観的 「進展期待できず」",
            "REUTERS",
            None,
        ),
        ("露国境付近でのNATOの活動", "露「ウクライナ侵攻せず」 米国に再回答、対話は継続", "産経ニュース", 2022),
    ],
)
def test_digest_source_lines(digest, start, title, outlet, year):
    article = _digest_paragraph(digest, start)
    assert (article.title, article.outlet, article.year) == (title, outlet, year)


@pytest.mark.parametrize(
    ("start", "month"),
    [
        ("12月1日、外国大使認証式に", 12),  # its own date
        ("米欧とロシアの相互不信は根強い。", 12),  # carried from the paragraph before
        ("両首脳の会談は、6月にジュネーブで", 12),  # 「6月に」 looks back: ignored
        ("ジョージア外務省の声明には、「2008年4月", 12),  # another year's month: ignored
        ("ロシアのプーチン大統領は12月31日深夜", 1),  # a 2022 source: 「12月31日」 is last year, 「1月1日」 fits
        ("北大西洋条約機構(NATO)は7日、外相会合", 1),  # carried within 2022
        ("NATOロシア理事会は冷戦期", 1),  # 「19年7月」 is another year
        ("1月10日、ウクライナ危機をめぐって", 1),
        ("ロシア外務省は2月17日", 2),
        ("ロシアは2021年12月17日にも", None),  # a 2022 source quoting 2021: no month for 2022
        ("ここはオバマ大統領らが", None),  # a 2019 source: nothing to carry
    ],
)
def test_digest_month_hints(digest, start, month):
    assert _digest_paragraph(digest, start).month == month


def test_digest_synthetic(tmp_path):
    digest_text = "\n".join(
        [
            "【まとめ】ウクライナ危機",
            "12月の動き",
            "プーチン大統領は7日、バイデン大統領とオンラインで会談した。",
            "米ロ首脳がオンライン会談/朝日新聞デジタル.2021",
            "ロシアは13日、新たな提案を示した。",
            "ロシアが新提案/日経 | 日本経済新聞.2021",
            "見出しだけの行",
            "「引用だけの段落」",
            "ロシア、要求を公表/REUTERS.2021",
            "出典のない最後の段落である。",
        ]
    )
    path = _write(tmp_path / "d.txt", digest_text)
    articles = list(read_file(path))
    assert [(a.id, a.record) for a in articles] == [(f"d.txt#p{n}", n) for n in (1, 2, 3, 4)]
    first, second, quote, last = articles
    assert (first.outlet, first.year, first.month) == ("朝日新聞デジタル", 2021, 12)  # month from the heading
    assert (second.outlet, second.month) == ("日経 | 日本経済新聞", 12)  # carried
    assert (quote.text, quote.title, quote.outlet) == ("「引用だけの段落」", "ロシア、要求を公表", "REUTERS")
    assert (last.title, last.outlet, last.year, last.month) == ("【まとめ】ウクライナ危機", None, None, None)


# --- boundaries ------------------------------------------------------------------------------------------------


def test_ingest_never_imports_spacy_or_rdflib():
    code = (
        "import sys; from kg.ingest import read_inputs; "
        f"list(read_inputs([{str(SEEDS)!r}])); "
        "print(sorted(m for m in ('spacy', 'rdflib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
