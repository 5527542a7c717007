"""Benchmark the store: pyoxigraph (what `kg query` runs on) against rdflib.Graph.query, side by side.

    .venv/bin/python bench/bench_store.py                      # ~1,000,000 triples
    .venv/bin/python bench/bench_store.py --triples 100000     # a quicker run

A synthetic graph shaped like ours — actors with aliases, long Japanese claim texts with evidence, demands
with addressees, dated meetings with participants and places, documents with provenance — is built with
``kg.graph.add_extraction`` (so its triples are exactly the ones the pipeline makes) and written as TriG (one
named graph per document: the layout ``kg push`` writes and the canned queries read).
Each engine then runs in a fresh process of its own: load time, the growth of its peak resident memory
while loading, and the median latency of every canned query (as ``kg query GRAPH NAME`` runs it, all rows
read), of its first page (``--limit 100``), of a deeper page (``--offset 1000 --limit 100``) and of each
with ``--actor`` bound. rdflib queries run in a forked
child that is killed after ``--rdflib-timeout`` seconds (the ratio is then a lower bound, shown as ``>``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import multiprocessing as mp
import os
import random
import resource
import select
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ACTOR = "プーチン"  # the --actor value the bound runs use
PAGE = 100  # the --limit of the paged runs
DEEP = 1000  # the --offset of the deeper page
TRIPLES_PER_DOCUMENT = 107  # about what synthesize() makes per document; sets the number of documents

SURNAMES = (
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "清水",
    "山崎",
)
GIVEN = (
    "太郎",
    "花子",
    "一郎",
    "健",
    "誠",
    "直子",
    "浩",
    "学",
    "美穂",
    "大輔",
    "翔",
    "陽子",
    "剛",
    "明",
    "由美",
    "恵",
    "隆",
    "亮",
    "智子",
    "修",
)
STATES = (
    "アメリカ合衆国",
    "ロシア",
    "中国",
    "ウクライナ",
    "日本",
    "フランス",
    "ドイツ",
    "イギリス",
    "ポーランド",
    "インド",
    "トルコ",
    "韓国",
)
ORGS = (
    "北大西洋条約機構",
    "国際連合",
    "欧州連合",
    "欧州安全保障協力機構",
    "国際原子力機関",
    "世界保健機関",
    "タス通信",
    "共同通信",
)
TITLES = ("大統領", "首相", "外相", "国務長官", "報道官", "事務総長", "国防相", "大使")
FRAGMENTS = (
    "ウクライナ情勢をめぐり",
    "北大西洋条約機構の東方拡大について",
    "安全保障上の懸念に真剣に向き合うべきであり",
    "対話による外交的な解決を目指す考えを改めて示したうえで",
    "国境付近に集結した部隊の撤収を求め",
    "制裁の発動も辞さない構えを強調し",
    "エネルギー供給の安定が欠かせないとの認識を示し",
    "同盟国との緊密な連携を確認したとして",
    "軍事侵攻の脅威は依然として高いと警告し",
    "停戦合意の履行を双方に促した上で",
    "人道回廊の設置に向けた協議を急ぐべきだとし",
    "国際法に基づく秩序を守る決意を表明した",
)
MEASURES = ("制裁の解除", "部隊の撤収", "停戦", "NATOの拡大停止", "捕虜の交換", "人道支援の拡大", "原発の安全確保")
MEETING_NOUNS = ("首脳会談", "電話会談", "外相会談", "協議", "会合", "理事会")
PLACES = ("ジュネーブ", "ブリュッセル", "北京", "モスクワ", "ワシントン", "ウィーン", "東京", "イスタンブール")
OUTLETS = ("共同通信", "NHK", "朝日新聞", "日本経済新聞", "読売新聞")


# ---- the synthetic graph ---------------------------------------------------------------------


def actors(n: int, rng: random.Random) -> list:
    """n actors: people with titles as their surface forms, states, organisations; Putin is one of them."""
    from kg.model import ActorRef

    out = [ActorRef("プーチン大統領", "ウラジーミル・プーチン", "Person", "http://www.wikidata.org/entity/Q7747")]
    out += [ActorRef(s, s, "State") for s in STATES] + [ActorRef(o, o, "Organization") for o in ORGS]
    while len(out) < n:
        i = len(out)
        name = f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{i}"
        out.append(ActorRef(f"{name[:2]}{rng.choice(TITLES)}", name, "Person", f"http://www.wikidata.org/entity/Q{i}"))
    return out


def text(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(FRAGMENTS) for _ in range(parts)) + "と述べた"


def extraction(i: int, pool: list, rng: random.Random):
    """One synthetic document: 4 claims (one reported by an agency), 2 demands, 1 meeting, 4 mentions."""
    from kg.model import Article, Demand, Evidence, Extraction, Meeting, Quote

    date = dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500)
    art = Article(
        f"doc{i}", "…", f"synthetic/{i // 1000}.jsonl", date if i % 10 else None, f"記事{i} " + text(rng, 1),
        outlet=rng.choice(OUTLETS), year=date.year, record=i,
    )  # fmt: skip
    who = rng.sample(pool[:200], 2) + rng.sample(pool, 2)  # a few actors in most articles, as in the news
    pos = 0

    def ev(sentence: str, rule: str) -> Evidence:
        nonlocal pos
        pos += len(sentence) + 1
        return Evidence(sentence, pos - len(sentence) - 1, pos - 1, rule)

    quotes = []
    for k in range(4):
        claim = text(rng, rng.randint(2, 5))
        sentence = f"{who[k].text}は「{claim}」と述べた。"
        quotes.append(Quote(who[k], claim, ev(sentence, "quotes.direct.v1"), direct=k != 3,
                            reported_by=pool[-1] if k == 3 else None))  # fmt: skip
    demands = tuple(
        Demand(who[k], m, ev(f"{who[k].text}は{who[k + 1].text}に{m}を求めた。", "demands.v1"), addressee=who[k + 1])
        for k, m in enumerate(rng.sample(MEASURES, 2))
    )
    noun = rng.choice(MEETING_NOUNS)
    meeting = Meeting(
        noun, ev(f"{who[0].text}と{who[1].text}は{date.day}日、{noun}を行った。", "meetings.v1"),
        date=date if i % 3 else None, date_text=f"{date.day}日", participants=(who[0], who[1]),
        place=rng.choice(PLACES), kind="Phone" if "電話" in noun else "InPerson", status="Held",
    )  # fmt: skip
    return Extraction(art, quotes=tuple(quotes), demands=demands, meetings=(meeting,), mentions=tuple(who))


def synthesize(n_triples: int, *, seed: int = 5):
    """An rdflib Graph of about ``n_triples`` triples built with kg.graph.add_extraction."""
    from kg.graph import add_extraction, new_graph

    rng = random.Random(seed)
    n_docs = max(n_triples // TRIPLES_PER_DOCUMENT, 1)
    pool = actors(max(n_docs // 5, 50), rng)
    g = new_graph()
    for i in range(n_docs):
        add_extraction(g, extraction(i, pool, rng))
    return g


# ---- measuring -------------------------------------------------------------------------------


def queries() -> list[tuple[str, str, dict, int | None, int]]:
    """(label, SPARQL, bindings, limit, offset): every canned query with all rows, its first page, a
    deeper page, and with ?actorName bound."""
    from kg import store

    out = []
    for name in store.canned_queries():
        sparql = store.resolve_query(name)
        out.append((name, sparql, {}, None, 0))
        out.append((f"{name} --limit {PAGE}", sparql, {}, PAGE, 0))
        out.append((f"{name} --offset {DEEP}", sparql, {}, PAGE, DEEP))
        if "actorName" in store.query_parameters(sparql):
            out.append((f"{name} --actor", sparql, {"actorName": ACTOR}, None, 0))
    return out


def _rss_mb() -> float:
    """Peak resident memory of this process in MB: VmHWM (Linux), which, unlike ru_maxrss, does not carry
    over the parent's peak through fork and exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _in_fork(fn, timeout: float):
    """fn() in a forked child, its JSON result back; None when it runs past ``timeout`` (child killed)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(r)
        try:
            data = json.dumps(fn()).encode()
        except BaseException as e:  # report, never fall back into the parent's code
            data = json.dumps({"error": repr(e)}).encode()
        with os.fdopen(w, "wb") as f:
            f.write(data)
        os._exit(0)
    os.close(w)
    try:
        if not select.select([r], [], [], timeout)[0]:
            os.kill(pid, signal.SIGKILL)
            return None
        chunks = []
        while chunk := os.read(r, 1 << 16):
            chunks.append(chunk)
        return json.loads(b"".join(chunks))
    finally:
        os.close(r)
        os.waitpid(pid, 0)


def run_engine(engine: str, path: str, reps: int, timeout: float) -> dict:
    """In a fresh process: load ``path`` with ``engine``, then time every query. Returns plain data."""
    import gc

    from kg import store

    gc.collect()
    base = _rss_mb()
    t0 = time.perf_counter()
    if engine == "pyoxigraph":
        db = store.load(Path(path))
    else:
        from rdflib import Dataset

        db = Dataset(default_union=True)  # the canned queries read facts in their documents' graphs
        db.parse(path, format="trig")
    load_s = time.perf_counter() - t0
    out = {"load_s": load_s, "memory_mb": _rss_mb() - base, "triples": len(db), "queries": {}}
    for label, sparql, bindings, limit, offset in queries():
        if engine == "pyoxigraph":

            def once(sparql=sparql, bindings=bindings, limit=limit, offset=offset):
                t = time.perf_counter()
                n = len(store.run_query(db, sparql, bindings=bindings or None, limit=limit, offset=offset))
                return time.perf_counter() - t, n

            once()  # warm up
            runs = [once() for _ in range(reps)]
        else:
            from rdflib import Literal, Variable

            init = {Variable(k): Literal(v) for k, v in bindings.items()}

            def once(sparql=sparql, init=init, limit=limit, offset=offset):
                t = time.perf_counter()
                stop = None if limit is None else offset + limit
                n = len(list(itertools.islice(db.query(sparql, initBindings=init), offset, stop)))
                return time.perf_counter() - t, n

            runs = []
            for _ in range(reps):
                got = _in_fork(once, timeout)
                if got is None or "error" in got:
                    runs = got
                    break
                runs.append(got)
        if runs is None:
            out["queries"][label] = {"timeout": timeout}
        elif isinstance(runs, dict):
            out["queries"][label] = runs
        else:
            out["queries"][label] = {"median_s": statistics.median(s for s, _ in runs), "rows": runs[0][1]}
    return out


def _child(engine: str, path: str, reps: int, timeout: float, conn) -> None:
    conn.send(run_engine(engine, path, reps, timeout))
    conn.close()


def measure(engine: str, path: Path, reps: int, timeout: float) -> dict:
    # a spawned process: its peak memory is its own, not the parent's graph
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_child, args=(engine, str(path), reps, timeout, child))
    p.start()
    child.close()
    try:
        return parent.recv()
    finally:
        p.join()


# ---- report ----------------------------------------------------------------------------------


def _ms(q: dict) -> str:
    if "timeout" in q:
        return f">{q['timeout'] * 1000:,.0f}"
    if "error" in q:
        return "error"
    return f"{q['median_s'] * 1000:,.1f}"


def report(ox: dict, rl: dict | None, *, triples: int, file_mb: float) -> str:
    lines = [f"graph: {triples:,} triples, TriG {file_mb:,.0f} MB", ""]
    head = f"{'':26s} {'pyoxigraph':>12s}"
    if rl:
        head += f" {'rdflib':>12s} {'ratio':>8s}"
    lines.append(head + "   rows")
    load = f"{'load (s)':26s} {ox['load_s']:>12.2f}"
    mem = f"{'peak memory (MB)':26s} {ox['memory_mb']:>12,.0f}"
    if rl:
        load += f" {rl['load_s']:>12.2f} {rl['load_s'] / ox['load_s']:>7.1f}×"
        mem += f" {rl['memory_mb']:>12,.0f} {rl['memory_mb'] / max(ox['memory_mb'], 1):>7.1f}×"
    lines += [load, mem]
    for label, q in ox["queries"].items():
        line = f"{label + ' (ms)':26s} {_ms(q):>12s}"
        if rl:
            r = rl["queries"].get(label, {})
            if "median_s" in r:
                ratio = f"{r['median_s'] / q['median_s']:.1f}×"
            elif "timeout" in r:
                ratio = f">{r['timeout'] / q['median_s']:.0f}×"
            else:
                ratio = "-"
            line += f" {_ms(r):>12s} {ratio:>8s}"
            if "rows" in r and r["rows"] != q["rows"]:
                line += f"  (rdflib rows: {r['rows']})"
        lines.append(f"{line}   {q.get('rows', '')}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1M)")
    ap.add_argument("--reps", type=int, default=5, help="runs per query on pyoxigraph (median)")
    ap.add_argument("--rdflib-reps", type=int, default=1, help="runs per query on rdflib")
    ap.add_argument("--rdflib-timeout", type=float, default=300.0, help="stop an rdflib query after this many s")
    ap.add_argument("--no-rdflib", action="store_true", help="measure pyoxigraph only")
    ap.add_argument("--keep", type=Path, help="also write the synthetic graph here (TriG)")
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    args = ap.parse_args(argv)

    from kg import store

    t0 = time.perf_counter()
    g = synthesize(args.triples)
    n = len(g)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "synthetic.trig"
        store.export(g, path, fmt="trig")
        del g
        print(f"synthesized {n:,} triples in {time.perf_counter() - t0:.0f} s → {path}", file=sys.stderr)
        ox = measure("pyoxigraph", path, args.reps, args.rdflib_timeout)
        rl = None if args.no_rdflib else measure("rdflib", path, args.rdflib_reps, args.rdflib_timeout)
        file_mb = path.stat().st_size / 1e6
    print(report(ox, rl, triples=n, file_mb=file_mb))
    if args.json:
        args.json.write_text(json.dumps({"pyoxigraph": ox, "rdflib": rl}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
