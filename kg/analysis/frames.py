"""A sentence, analysed once into predicate–argument frames.

Every predicate of a sentence (a verb, an adjective, a サ変 noun used as a verb) becomes a ``Frame``: its lemma
(述べました → 述べる, 求めます → 求める), voice, polarity, tense and modality; its arguments by case (topic は,
subject が, object を, addressee に対し/へ, dative に, source から, partner と, place で, agent による), each
conjunct of a coordination its own argument, with the actor mentions it heads (``actors``) kept apart from the
ones that only qualify it (日本の気象庁: 日本 qualifies); and its complements: a quote 「…」と, a clause …と, …旨,
…との/という + noun, …よう, …ことを.

Extractors (kg.extract) are plain functions over these frames; they never look at the parse themselves.
Offsets are characters in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.analysis.grammar import (
    NOMINAL,
    case_of,
    conjuncts,
    governor,
    has_aux,
    is_predicate,
    lifted,
    light_lemma,
    negated,
    phrase_start,
    role_of,
    tense,
    voice,
)
from kg.model import ActorRef

PLAN_NOUNS = {"予定", "方針", "見通し", "計画", "見込み", "意向", "考え", "構え", "方向", "調整"}
CLAUSE_NOUNS = {"旨": "mune", "こと": "koto"}
LIGHT = {"ある", "行う", "する", "示す", "出す", "発表", "表明", "伝える", "明らか", "繰り返す"}
QUOTE_END = "」』"


@dataclass(frozen=True)
class Arg:
    """One argument of a predicate: a phrase and the particle that marks it."""

    role: str  # topic | subject | object | addressee | dative | source | partner | place | setting | agent | …
    case: str  # the particles as written: は, が, を, に対し, からは …
    start: int
    end: int  # the phrase, without its particle
    text: str
    head: int  # token index in the Doc
    actors: tuple[ActorRef, ...] = ()  # the actors the phrase names (米国, 河野大臣, 両首脳 → both)
    qualifiers: tuple[ActorRef, ...] = ()  # actors that only qualify it (日本の気象庁: 日本)
    conjunct: bool = False  # one item of a coordination (イギリス、ドイツ、フランスは: three args)


@dataclass(frozen=True)
class Complement:
    """What a predicate reports or asks for: quote | clause | mune (…旨) | tono (…との考え) | yo (…よう) | koto."""

    kind: str
    start: int
    end: int  # the content, without its brackets or its と/よう/旨
    text: str
    quotes: tuple[tuple[int, int], ...] = ()  # each 「…」 of a quote complement, brackets included
    noun: str | None = None  # the noun that carries it (考え, 旨, 声明 …)


@dataclass(frozen=True)
class Frame:
    index: int  # the predicate's token index in the Doc
    lemma: str
    start: int
    end: int  # the predicate with its auxiliaries
    voice: str = "active"  # active | passive | causative
    negated: bool = False
    tense: str = "past"  # past | nonpast
    modality: tuple[str, ...] = ()  # planned | desire | obligation | request
    args: tuple[Arg, ...] = ()
    complements: tuple[Complement, ...] = ()
    nouns: tuple[str, ...] = ()  # lemmas of the nouns a light verb carries (会談を行う: 会談; 発言がある: 発言)
    governor: int | None = None  # the frame this clause is chained to (述べ、…付け加えた)
    dep: str = "ROOT"
    in_quote: bool = False
    head: int = -1  # the token the predicate hangs on (a noun for a relative clause: …図りたい姿勢)

    def role(self, *roles: str) -> list[Arg]:
        return [a for a in self.args if a.role in roles]


@dataclass
class SentenceFrames:
    frames: tuple[Frame, ...] = ()
    by_index: dict[int, Frame] = field(init=False, repr=False)  # the frames by predicate token, derived

    def __post_init__(self) -> None:
        self.by_index = {f.index: f for f in self.frames}

    def scope(self, frame: Frame) -> list[Frame]:
        """Where ``frame``'s subject can stand: itself, the frames it is chained to, and the clauses chained to it
        before it (チュニジア人の女性は写真を渡すことを拒み、対価を求めた: the topic hangs on 拒み)."""
        before = [f for f in self.frames if f.governor == frame.index and f.start < frame.start and not f.in_quote
                  and f.dep in ("advcl", "conj") and not any(c.start <= f.start < c.end for c in frame.complements)]
        return [frame, *self.governing(frame), *before]

    def governing(self, frame: Frame) -> Iterable[Frame]:
        """The frames ``frame`` is chained to, nearest first."""
        seen = {frame.index}
        f = frame
        while f.governor is not None and f.governor in self.by_index and f.governor not in seen:
            f = self.by_index[f.governor]
            seen.add(f.index)
            yield f


def _end(tok) -> int:
    return tok.idx + len(tok.text)


def _mentions_in(sent, a: int, b: int):
    return [m for m in sent.mentions if m.start < b and m.end > a and not sent.in_quote(m.start)]


COORDINATED = re.compile(r"[^ぁ-んの、,，]{0,6}(?:と|、|・|及び|および)(?=[^、,，])")
HEAD_TAIL = re.compile(r"[^ぁ-んの、,，]{0,6}|[^ぁ-んの、,，]{0,5}(?:ら|たち|さん)")


def _actors(sent, a: int, b: int) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]:
    """Actors named in [a, b) of the sentence: the one that heads the phrase (日本共産党の志位委員長: 志位; 米政府
    高官3人: 米政府), and the ones that only qualify it (日本の気象庁: 日本; FIFAのスポンサー4社: FIFA)."""
    text = sent.text
    found = _mentions_in(sent, a, b)
    head = None
    for m in reversed(found):
        if m.actor.type == "State" and _bracketed(text, a, m.start):
            continue  # ウィットロック選手(イギリス): a state glossed in brackets qualifies the phrase, not heads it
        if HEAD_TAIL.fullmatch(text[m.end : b]):
            head = m
            break
    heads = tuple(dict.fromkeys(head.actors)) if head is not None else ()
    for m in found:  # 前原誠司国土交通大臣と大阪府の橋下徹知事が: a list the parse left as one phrase
        c = COORDINATED.match(text, m.end, b) if m is not head and head is not None else None
        if c and not re.search(r"[ぁ-ゖ]", text[c.end() : b].replace("の", "")) \
                and not _affiliation(m, head, c.group()):  # not …と会談したX
            heads = tuple(dict.fromkeys((*m.actors, *heads)))
    quals = tuple(dict.fromkeys(x for m in found if m is not head for x in m.actors if x not in heads))
    return heads, quals


def _bracketed(text: str, a: int, at: int) -> bool:
    """``at`` lies inside a bracket opened after ``a``."""
    before = text[a:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def _affiliation(m, head, joint: str) -> bool:
    """インテル株式会社・マーケティング本部長の平野氏: a body joined by ・ to the person who heads the phrase is where
    that person works, not a second party of a list."""
    return joint.endswith("・") and m.actor.type == "Organization" and head.actor.type == "Person"


def _arg(sent, tok, s0: int, case: str, role: str, *, conjunct: bool = False) -> Arg:
    doc = tok.doc
    first = doc[phrase_start(tok)]
    a, b = first.idx - s0, _end(tok) - s0
    # a title after the head (河野 大臣): the mention may run a little past the head token
    heads, quals = _actors(sent, a, b)
    return Arg(role, case, a, b, sent.text[a:b], tok.i, heads, quals, conjunct)


def _args_of(sent, tok, s0: int) -> list[Arg]:
    out: list[Arg] = []
    outside = not sent.in_quote(tok.idx - s0)
    for c in tok.children:
        # 選手(イギリス)も: a noun the tokenizer merged with its bracket comes tagged SYM, its tag still a noun's
        nominal = c.pos_ in NOMINAL or c.pos_ == "SYM" and c.tag_.startswith("名詞")
        if c.i > tok.i or not nominal and not (c.pos_ == "VERB" and case_of(c) in ("が", "は")):
            continue
        if outside and sent.in_quote(c.idx - s0):
            continue  # a phrase of the quote the parse hung on the verb that reports it
        case = case_of(c)
        role = role_of(case)
        if role is None:
            if c.dep_ in ("nsubj", "obj", "obl", "iobj"):
                role = "time" if _is_time(c) else None
            if role is None:
                continue
        if role == "genitive":
            continue
        items = conjuncts(c)
        for item in items:
            if item is not c and role == "time" and case_of(item) == "と" and not _is_time(item):
                # メーラー外相と19日会談した: the parse joined a partner to the date
                out.append(_arg(sent, item, s0, "と", "partner"))
                continue
            out.append(_arg(sent, item, s0, case, role, conjunct=len(items) > 1))
        for k in c.children:  # ジョンソン氏は ← 1日: lifted to the predicate
            if k.i < c.i and lifted(k):
                for item in conjuncts(k):
                    out.append(_arg(sent, item, s0, case_of(k), role_of(case_of(k)) or "topic"))
    return sorted(out, key=lambda a: a.start)


def _is_time(tok) -> bool:
    return tok.text.endswith(("日", "月", "年", "午前", "午後", "夜", "朝")) or any(
        c.pos_ == "NUM" for c in tok.children)


def _quote_group(sent, end: int) -> tuple[tuple[int, int], ...]:
    """The quotes that end at ``end`` (past an aside: 「…」(シャーマン氏)と) and the ones chained before them."""
    text = sent.text
    if text.startswith("など", end - 2) and text[end - 3 : end - 2] in QUOTE_END:  # 「A」、「B」などと批判した
        end -= 2
    if end > 0 and text[end - 1] in ")）":
        opener = text.rfind("(" if text[end - 1] == ")" else "（", 0, end)
        if opener > 0 and text[opener - 1] in QUOTE_END and end - opener < 40:
            end = opener
    group: list[tuple[int, int]] = []
    for s, e in reversed(sent.quotes):
        if e == end and not group or group and e <= group[0][0] and text[e : group[0][0]] in ("", "、", ",", "，"):
            group.insert(0, (s, e))
        elif group:
            break
    return tuple(group)


def _to_position(sent, c, s0: int) -> int | None:
    """Where the と that ends clause ``c`` stands (sentence offset), when it is the complementiser."""
    for k in c.children:
        if k.i > c.i and k.dep_ in ("case", "mark") and k.text == "と":
            return k.idx - s0
    return None


def _marked_to(c) -> bool:
    """…見つかったと9月6日に発表した: GiNZA may tag the complementiser と as a subordinating conjunction (SCONJ,
    as ``mark`` or ``case``), which ``case_of`` does not read as a particle."""
    return any(k.i > c.i and k.text == "と" and (k.dep_ == "mark" or k.dep_ == "case" and k.pos_ == "SCONJ")
               for k in c.children)


def _clause_complements(sent, p, s0: int) -> list[Complement]:
    doc = p.doc
    text = sent.text
    out: list[Complement] = []
    for c in p.children:
        if c.i > p.i:
            continue
        case = case_of(c).removeprefix("など")  # …必要だなどと話した: the clause ends in など before its と
        if not case and c.pos_ not in NOMINAL and _marked_to(c):
            case = "と"
        if case.startswith("と") and not case.startswith(("との", "とは", "とも", "とともに", "と共に", "とと")):
            at = _to_position(sent, c, s0)
            if at is None:
                continue
            quotes = _quote_group(sent, at)
            if quotes:
                out.append(Complement("quote", quotes[0][0], at, text[quotes[0][0] : at], quotes))
            elif c.pos_ not in NOMINAL or any(k.dep_ in ("aux", "cop") for k in c.children) or c.pos_ == "NUM":
                a = doc[c.left_edge.i].idx - s0
                out.append(Complement("clause", a, at, text[a:at]))
        elif has_aux(c, "よう", "ように") or case.startswith("よう"):
            a, b = doc[c.left_edge.i].idx - s0, _end(c) - s0
            rest = text[b:]
            for aux in (k for k in c.children if k.dep_ == "aux"):
                if aux.lemma_ == "よう" or aux.text.startswith("よう"):
                    b = aux.idx - s0
                    break
            else:
                b = _end(c) - s0 if not rest.startswith("よう") else b
            out.append(Complement("yo", a, b, text[a:b]))
        elif c.pos_ in NOMINAL:
            found = _noun_complements(sent, c, s0)
            if not found and c.lemma_ == "旨":  # …重要である旨述べ with the clause hung on the verb, not on 旨
                k = next((k for k in p.children if k.i < c.i and k.dep_ in ("advcl", "ccomp", "acl")
                          and max([k.i] + [x.i for x in k.children if x.dep_ in ("aux", "cop")]) + 1 >= c.i - 1), None)
                if k is not None:
                    a, b = doc[k.left_edge.i].idx - s0, c.idx - s0
                    found = [Complement("mune", a, b, text[a:b], noun="旨")]
            out.extend(found)
            for k in c.children:  # …旨の発言があった: the clause hangs on 旨, 旨 on the noun
                if k.i < c.i and k.lemma_ == "旨" and case_of(k) == "の":
                    out.extend(replace(x, noun=c.lemma_) for x in _noun_complements(sent, k, s0))
    return out


def _noun_complements(sent, n, s0: int) -> list[Complement]:
    """…旨, …ことを, …との考え/という見方: a clause a noun carries."""
    doc = n.doc
    text = sent.text
    kind = CLAUSE_NOUNS.get(n.lemma_)
    out: list[Complement] = []
    for k in n.children:
        if k.i > n.i or k.dep_ not in ("acl", "nmod", "advcl", "ccomp"):
            continue
        a = doc[k.left_edge.i].idx - s0
        b = _end(k) - s0
        aux = [x for x in k.children if x.dep_ in ("aux", "cop") and x.i > k.i]
        if aux:
            j = aux[-1].i
            while j + 1 < n.i and doc[j + 1].dep_ == "fixed" and doc[j + 1].head.i in (k.i, *(x.i for x in aux)):
                j += 1  # …一時的であること: GiNZA hangs ある on the copula で as fixed
            b = _end(doc[j]) - s0
        tail = text[b : n.idx - s0]
        if kind and k.dep_ in ("acl", "advcl", "ccomp") and tail in ("", "の"):
            out.append(Complement(kind, a, b, text[a:b], noun=n.lemma_))
        elif tail == "と" and _quote_group(sent, b):  # 「…」と理解を示した, 「…」と懸念を表明した
            quotes = _quote_group(sent, b)
            out.append(Complement("quote", quotes[0][0], b, text[quotes[0][0] : b], quotes, noun=n.lemma_))
        elif tail.startswith(("との", "という", "といった", "とする")):
            quotes = _quote_group(sent, b)
            out.append(Complement("quote" if quotes else "tono", a, b, text[a:b], quotes, noun=n.lemma_))
    return out


def _modality(p) -> tuple[str, ...]:
    out: list[str] = []
    if has_aux(p, "たい"):
        out.append("desire")
    if has_aux(p, "べし", "べき"):
        out.append("obligation")
    if p.dep_ == "acl" and p.head.lemma_ in PLAN_NOUNS:
        out.append("planned")
    doc = p.doc
    j = max([p.i] + [a.i for a in p.children if a.dep_ == "aux" and a.i > p.i]) + 1
    if j < len(doc) and doc[j].lemma_ in PLAN_NOUNS:
        out.append("planned")
    return tuple(out)


def frames(doc, sent) -> SentenceFrames:
    """Every predicate of ``sent`` (a kg.extract.context.Sentence) with its arguments and complements."""
    s0 = sent.start
    span = doc.char_span(s0, s0 + len(sent.text), alignment_mode="expand")
    if span is None:
        return SentenceFrames()
    out: list[Frame] = []
    for tok in span:
        if not is_predicate(tok):
            continue
        args = _args_of(sent, tok, s0)
        comps = _clause_complements(sent, tok, s0)
        nouns: list[str] = []
        if tok.lemma_ in LIGHT or tok.pos_ == "VERB":
            for c in tok.children:
                if c.i < tok.i and c.pos_ in NOMINAL and case_of(c)[:1] in ("を", "が", "は", "も", "に"):
                    nouns.append(c.lemma_)
        auxes = [a for a in tok.children if a.dep_ == "aux" and a.i > tok.i]
        end = _end(auxes[-1]) if auxes else _end(tok)
        gov = governor(tok)
        out.append(Frame(
            index=tok.i, lemma=light_lemma(tok), start=tok.idx - s0, end=end - s0, voice=voice(tok),
            negated=negated(tok), tense=tense(tok), modality=_modality(tok), args=tuple(args),
            complements=tuple(comps), nouns=tuple(nouns), governor=gov.i if gov is not None else None,
            dep=tok.dep_, in_quote=sent.in_quote(tok.idx - s0), head=tok.head.i,
        ))
    # a connective form (会談し、…確認した; 会談して) has no tense of its own: it takes the one of the clause it
    # is chained to
    by_index = {f.index: f for f in out}
    for n, f in enumerate(out):
        g = f
        while g.dep in ("advcl", "conj") and g.tense == "nonpast" and g.governor in by_index and \
                connective(sent.text, g):
            g = by_index[g.governor]
        if g is not f and g.tense != f.tense:
            out[n] = replace(f, tense=g.tense)
    return SentenceFrames(tuple(out))


def connective(text: str, f: Frame) -> bool:
    """The predicate ends in a connective form: 会談し、 会談して 行い、 会談するとともに (not 会談する, 会談した)."""
    tail, last = text[f.end : f.end + 1], text[f.end - 1 : f.end]
    return tail in ("、", ",", "，") and last not in "うくすつぬむるぐぶ" or tail in ("て", "で") \
        or last in ("し", "い", "り", "き", "ち", "び", "み") \
        or text.startswith(("とともに", "と共に", "と同時に"), f.end)
