"""Which sentences can carry a fact: a cheap pass over raw text, so GiNZA parses only those (``kg build --parse
cues``).

A sentence is kept when it holds a cue of some rule — a quote bracket, 旨, によると, or a surface form of a lemma
the rules read: the reporting predicates, reporting verbs, stance nouns, demand and rejection cues and meeting
nouns of kg/resources (through kg.lexicon), and the few lemma sets the frame rules keep in their own modules
(meeting verbs, source verbs, demand nouns). The cues are derived from those lists, never listed here: add a
lemma to a lexicon file and the filter keeps its sentences. The sentence before a kept one is kept too (a
speaker or topic carried over, 同氏 and 同日 pointing back).

A sentence left out is not dropped: kg.nlp runs the tokenizer alone over it, so the paragraph's text, offsets,
dates (found by pattern over the whole text), and the personal names the morphology tags (Sudachi's 人名, what
carries a full name to a later bare family name) are all still there; only its dependency parse and named
entities are missing, and no rule finds a fact in a sentence with no cue.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon

MODES = ("all", "cues")
# a verb's ending (the lemma's last kana) → the endings of its conjugated stems (書く → 書か 書き 書け 書こ 書い)
GODAN = {"う": "わいうえおっ", "く": "かきくけこい", "ぐ": "がぎぐげごい", "す": "さしすせそ", "つ": "たちつてとっ",
         "ぬ": "なにぬねのん", "ぶ": "ばびぶべぼん", "む": "まみむめもん", "る": "らりるれろっ"}
SURU = ("し", "す", "さ", "せ")  # 要求する: 要求し, 要求す(る), 要求さ(れ), 要求せ(よ)
ZURU = ("じ", "ず", "ぜ")  # 応ずる
E_I_ROW = set("えけげせぜてでねへべぺめれいきぎしじちぢにひびぴみり")  # 述べる, 応じる: ichidan verbs drop る
KANA = re.compile(r"[ぁ-ん]+")
MARKERS = ("「", "旨")  # a quote, a readout (…旨述べ)
CLAUSE = "と"  # what a clause-reporting light verb needs before it (…とした, …としている)
BEFORE = 1  # sentences kept before each cue sentence (a carried speaker or topic)


def forms(lemma: str) -> set[str]:
    """The surface stems a lemma shows up as, each long or specific enough to search raw text for; a short
    all-kana verb (する, ある, いう) gives none (its sentences are found by the complement it needs)."""
    if lemma.endswith("する"):
        base, ends = lemma[:-2], SURU
    elif lemma.endswith("ずる"):
        base, ends = lemma[:-2], ZURU
    elif len(lemma) >= 2 and lemma[-1] == "る" and lemma[-2] in E_I_ROW:
        base, ends = lemma[:-1], ("",)  # 述べる → 述べ, 応じる → 応じ: an ichidan stem does not change
    elif len(lemma) >= 2 and lemma[-1] in GODAN:
        base, ends = lemma[:-1], GODAN[lemma[-1]]  # 語る → 語ら 語り 語っ …
    else:
        base, ends = lemma, ("",)  # a noun (会談, 要求, コメント) or a stem already (述べ, 言っ)
    out = {base + e for e in ends}
    return {f for f in out if not KANA.fullmatch(f) or len(f) >= 3}


def cue_words(lex: Lexicon) -> set[str]:
    """Every surface form that marks a sentence as one a rule may read."""
    from kg.extract import demanded, met, said  # the lemma sets the frame rules keep beside the lexicon

    # a reporting predicate is searched for itself when what it reports is unmarked (a clause: …と述べた, …ことを
    #明らかにした); one that reports only a quote, a 旨 or a との/という before a stance noun (ある, 行う, 出す)
    # is found by that marker or noun
    lemmas: set[str] = {lemma for lemma, kinds in lex.reporting.items() if kinds & {"clause", "koto"}}
    lemmas |= set(lex.reporting_verbs) | set(lex.stance_nouns) | set(lex.demand_cues)
    lemmas |= set(lex.rejection_cues) | {n for n, _ in lex.meeting_nouns}
    lemmas |= set(met.MEETING_VERBS) | set(said.SOURCE_LEMMAS) | set(demanded.DEMAND_NOUNS)
    words = {f for lemma in lemmas for f in forms(lemma)}
    for lemma, kinds in lex.reporting.items():  # a light verb (する, とする) reports a clause only: …とした
        if not forms(lemma) and "clause" in kinds and lemma.endswith("する"):
            stem = lemma[:-2]
            words |= {(stem if stem.startswith(CLAUSE) else CLAUSE + stem) + e for e in SURU}
    return words | set(MARKERS)


_PATTERNS: dict[str, re.Pattern] = {}  # by the lexicon's version (hashing a whole Lexicon per piece is slow)


def _pattern(lex: Lexicon) -> re.Pattern:
    if lex.version not in _PATTERNS:
        words = sorted(cue_words(lex), key=lambda w: (-len(w), w))
        _PATTERNS[lex.version] = re.compile("|".join(map(re.escape, words)))
    return _PATTERNS[lex.version]


def signature(lex: Lexicon) -> str:
    """What the filter keeps depends on: the cue pattern (a parse made with other cues is another parse)."""
    return _pattern(lex).pattern


def kept(text: str, lex: Lexicon, *, before: int | None = None) -> list[tuple[int, int, bool]]:
    """``(start, end, keep)`` for each sentence of ``text`` (cut as kg.extract.context cuts a paragraph: at
    。！？ outside brackets), ``keep`` when it holds a cue or is one of the ``before`` sentences before one that
    does."""
    from kg.extract.context import split_sentences

    spans = split_sentences(text)
    pattern = _pattern(lex)
    cue = [pattern.search(text, s, e) is not None for s, e in spans]
    before = BEFORE if before is None else before
    keep = [any(cue[i : i + before + 1]) for i in range(len(spans))]
    return [(s, e, k) for (s, e), k in zip(spans, keep, strict=True)]


def segments(text: str, lex: Lexicon) -> list[tuple[int, int, bool]]:
    """``text`` as runs of whole sentences ``(start, end, parse)`` that tile it: the kept sentences joined into
    runs to parse, the others into runs for the tokenizer alone (text outside every sentence — a trailing
    space — goes with the run before it)."""
    runs: list[list] = []
    for s, e, k in kept(text, lex):
        if runs and runs[-1][2] == k and runs[-1][1] == s:
            runs[-1][1] = e
        elif runs:
            runs[-1][1] = s  # close any gap between sentences
            if runs[-1][2] == k:
                runs[-1][1] = e
            else:
                runs.append([s, e, k])
        else:
            runs.append([0, e, k])
    if runs:
        runs[-1][1] = len(text)
    else:
        runs = [[0, len(text), False]] if text else []
    return [(s, e, k) for s, e, k in runs]
