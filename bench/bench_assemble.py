"""Benchmark the streaming assembly into an on-disk Oxigraph store (``kg build --store``), without parsing.

    .venv/bin/python bench/bench_assemble.py --documents 10000 --json
    .venv/bin/python bench/bench_assemble.py --documents 1000 --check     # also compare with the in-memory build

Synthetic extraction records shaped like real ones (an article of ~700 characters, its mentions, up to three
quotes, now and then a demand or a meeting: ~35 triples a document, about what the seeds and Wikinews give; full
katakana names with titles, bare family names, states, organisations, described speakers the rules left untyped
and the parser typed elsewhere, dates over five years, meetings reported by several articles) go through
``kg.assemble.StoreAssembly``: the same streaming assembly, bulk loading, corpus-wide merges and description as
``kg build --store``. Prints one JSON line:
``documents``, ``peak_rss_mb`` (the process's peak resident memory), ``docs_per_s`` (documents over the whole
run: assembly, loading, merges and description, the making of the synthetic records taken out),
``docs_per_cpu_s`` (the same over the CPU time of every thread: on a shared machine the wall clock measures the
neighbours too), the time of each part and what the merges did.

``--check`` builds the same records in memory too (kg.assemble.GraphAssembly, today's ``kg build``) and says
whether the two graphs are the same, quad for quad (tests/test_assemble.py runs it on a few hundred).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.model import ActorRef, Article, Demand, Evidence, Extraction, Meeting, Quote  # noqa: E402

SYLLABLES = ("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
             "ガギグゲゴザジズゼゾダデドバビブベボパピプペポ")
STATES = ("アメリカ", "ロシア", "中国", "ウクライナ", "日本", "フランス", "ドイツ", "イギリス", "ポーランド", "トルコ")
ORGS = ("北大西洋条約機構", "国際連合", "欧州連合", "国際原子力機関", "世界保健機関", "赤十字国際委員会")
TITLES = ("大統領", "首相", "外相", "報道官", "大統領補佐官", "補佐官", "国防相", "大使", "選手", "監督")
DESCRIBED = ("関係者", "政府高官", "専門家", "当局者", "消息筋")
FRAGMENTS = (
    "ウクライナ情勢をめぐり", "安全保障上の懸念に真剣に向き合うべきであり", "対話による外交的な解決を目指す考えを示し",
    "国境付近に集結した部隊の撤収を求め", "制裁の発動も辞さない構えを強調し", "エネルギー供給の安定が欠かせないとし",
    "同盟国との緊密な連携を確認した", "停戦合意の履行を双方に促した", "国際法に基づく秩序を守る決意を表明した",
)
MEASURES = ("制裁の解除", "部隊の撤収", "即時停戦", "捕虜の交換", "人道支援の拡大", "原発の安全確保")
MEETING_NOUNS = ("首脳会談", "電話会談", "外相会談", "協議", "会合", "理事会")
PLACES = ("ジュネーブ", "ブリュッセル", "北京", "モスクワ", "ワシントン", "ウィーン")
OUTLETS = ("ウィキニュース", "共同通信", "NHK", "朝日新聞")
RULES = ("said.frame.v1", "quotes.direct.v1", "demanded.frame.v1", "met.frame.v1", "meetings.v1")
START = dt.date(2019, 1, 1)
DAYS = 5 * 365


def _katakana(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


class Synthetic:
    """The record source: a fixed pool of names (so articles share people, states and meetings), then one
    Extraction per document from its own random stream (document i is the same whatever N is)."""

    def __init__(self, seed: int = 1) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.families = sorted({_katakana(rng, rng.randint(3, 5)) for _ in range(400)})
        self.given = sorted({_katakana(rng, rng.randint(2, 4)) for _ in range(60)})
        # full names: most families have one, some two (two people of one family stay apart)
        self.full = [f"{rng.choice(self.given)}・{f}" for f in self.families]
        self.full += [f"{rng.choice(self.given)}・{f}" for f in self.families[::7]]

    def person(self, rng: random.Random) -> ActorRef:
        r = rng.random()
        title = rng.choice(TITLES)
        if r < 0.45:  # a full name with a title
            name = rng.choice(self.full)
            return ActorRef(name + title, name, "Person")
        if r < 0.75:  # a bare family name (one node per document until the merge joins it)
            name = rng.choice(self.families)
            return ActorRef(name + title, name, "Person")
        if r < 0.85:  # a kanji name, typed Person here and there as Actor
            name = "山田" + rng.choice("一二三四五六七八九十")
            return ActorRef(name + title, name, rng.choice(("Person", "Person", "Actor")))
        name = rng.choice(DESCRIBED)  # a described speaker no rule typed
        return ActorRef(name, name, "Actor")

    def actor(self, rng: random.Random) -> ActorRef:
        r = rng.random()
        if r < 0.5:
            return self.person(rng)
        if r < 0.8:
            s = rng.choice(STATES)
            return ActorRef(s + "政府" if rng.random() < 0.3 else s, s, "State")
        o = rng.choice(ORGS)  # an organisation, now and then typed Person by a rule
        return ActorRef(o, o, "Person" if rng.random() < 0.05 else "Organization", country=None)

    def document(self, i: int) -> Extraction:
        rng = random.Random(self.seed * 1_000_003 + i)
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        sentences = ["".join(rng.sample(FRAGMENTS, 3)) + "。" for _ in range(rng.randint(6, 9))]
        text = "\n".join(sentences[j] + sentences[j + 1] for j in range(0, len(sentences) - 1, 2))
        spans, at = [], 0
        for line in text.split("\n"):
            for s in range(2):
                part = line[: line.index("。") + 1] if s == 0 else line[line.index("。") + 1 :]
                start = text.index(part, at)
                spans.append((start, start + len(part)))
                at = start + len(part)

        def evidence(k: int) -> Evidence:
            s, e = spans[k % len(spans)]
            return Evidence(text[s:e], s, e, rng.choice(RULES))

        outlet = rng.choice(OUTLETS)
        article = Article(f"syn-{i:08d}", text, "synthetic.jsonl", date=day, title=f"記事{i}", outlet=outlet,
                          url=f"https://ja.wikinews.org/wiki/{i}" if outlet == "ウィキニュース" else None, record=i)
        quotes = tuple(Quote(self.actor(rng), sentences[k % len(sentences)][:30], evidence(k),
                             direct=rng.random() < 0.6, confidence=rng.choice((0.5, 0.7, 0.8, 0.85)))
                       for k in rng.sample(range(len(spans)), rng.choice((0, 0, 0, 1, 1, 2, 3))))
        demands = (Demand(self.actor(rng), rng.choice(MEASURES), evidence(rng.randrange(len(spans))),
                          addressee=self.actor(rng) if rng.random() < 0.6 else None),) if rng.random() < 0.25 else ()
        meetings = ()
        if rng.random() < 0.35:
            when = day - dt.timedelta(days=rng.randrange(3))
            participants = tuple(dict.fromkeys(
                ActorRef(s, s, "State") for s in rng.sample(STATES[:4], rng.randint(1, 2))))
            if rng.random() < 0.4:
                participants += (self.person(rng),)
            label = rng.choice(MEETING_NOUNS) if rng.random() < 0.8 else f"第{rng.randint(1, 30)}回米ロ戦略対話"
            meetings = (Meeting(label, evidence(rng.randrange(len(spans))), date=when if rng.random() < 0.8 else None,
                                date_text=f"{when.day}日", participants=participants,
                                place=rng.choice(PLACES) if rng.random() < 0.5 else None,
                                kind=rng.choice(("InPerson", "Phone", "Video")),
                                status=rng.choice(("Held", "Held", "Planned")),
                                confidence=rng.choice((0.6, 0.7, 0.75))),)
        mentions = tuple(self.actor(rng) for _ in range(rng.randint(1, 4)))
        parser_types = tuple(ActorRef(d, d, rng.choice(("Person", "Organization"))) for d in DESCRIBED
                             if rng.random() < 0.1)
        return Extraction(article, quotes=quotes, demands=demands, meetings=meetings, mentions=mentions,
                          parser_types=parser_types)

    def __call__(self, n: int) -> Iterator[Extraction]:
        return (self.document(i) for i in range(n))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int, folder: Path, *, seed: int = 1, lexicon_version: str = "bench") -> dict:
    from kg.assemble import StoreAssembly

    source = Synthetic(seed)
    make = make_cpu = 0.0  # making the synthetic records is not the build's work: it is taken out
    t0, c0 = time.perf_counter(), _cpu()
    with StoreAssembly(folder) as asm:
        for i in range(n):
            m0, mc0 = time.perf_counter(), _cpu()
            ex = source.document(i)
            make, make_cpu = make + time.perf_counter() - m0, make_cpu + _cpu() - mc0
            asm.add(ex)
        t1 = time.perf_counter()
        asm.finish(lexicon_version)
        quads = len(asm.store)
    t2, c2 = time.perf_counter(), _cpu()
    return {"documents": n, "peak_rss_mb": round(peak_rss_mb(), 1), "docs_per_s": round(n / (t2 - t0 - make), 1),
            "docs_per_cpu_s": round(n / (c2 - c0 - make_cpu), 1), "assemble_s": round(t1 - t0 - make, 1),
            "merge_s": round(t2 - t1, 1), "quads": quads, "merged": asm.merged,
            "load_avg": round(os.getloadavg()[0], 1)}


def _cpu() -> float:
    """CPU seconds of this process, every thread (the store's loader runs several): on a shared machine the
    wall clock says as much about the neighbours as about the build."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def same_as_in_memory(n: int, folder: Path, *, seed: int = 1) -> tuple[bool, int, int]:
    """Build the same records in memory (today's build) and into a store: (same quads?, quads in memory,
    quads in the store)."""
    from kg.assemble import GraphAssembly
    from kg.store import from_graph, open_store

    mem = GraphAssembly()
    for ex in Synthetic(seed)(n):
        mem.add(ex)
    mem.finish("bench")
    a, b = set(from_graph(mem.graph)), set(open_store(folder))
    return a == b, len(a), len(b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--store", type=Path, help="where to build the store (default: a temporary folder)")
    ap.add_argument("--json", action="store_true", help="one JSON line")
    ap.add_argument("--check", action="store_true", help="also compare with the in-memory build")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-assemble-") as tmp:
        folder = args.store or Path(tmp) / "store"
        out = run(args.documents, folder, seed=args.seed)
        if args.check:
            same, mem, store = same_as_in_memory(args.documents, folder, seed=args.seed)
            out.update(same_as_in_memory=same, quads_in_memory=mem)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>18}  {v}")


if __name__ == "__main__":
    main()
