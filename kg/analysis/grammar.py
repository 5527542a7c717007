"""Shared Japanese grammar over GiNZA's dependency parse: cases, predicates, voice, polarity, coordination.

Plain functions over spaCy tokens, no lexicon and no model: the tests build Docs by hand (``Doc(Vocab(),
words=…, heads=…, deps=…, pos=…, lemmas=…)``) so a failure says whether the parse or the rule broke.

GiNZA's conventions this module relies on (UD Japanese):
- a case particle is a ``case`` child after its noun (米国 ←case― に); multi-word particles hang their other
  words as ``fixed`` on the first (に ←fixed― 対し ←fixed― て);
- a サ変 noun used as a verb is tagged VERB and takes する as ``aux`` (批判 ←aux― し ←aux― た);
- auxiliaries (れる, ない, た, ます, よう) are ``aux`` children of the predicate;
- coordinated nouns are ``conj``, or — for lists cut by 、 — ``nmod`` with a ``punct`` 、 and no case.
"""

from __future__ import annotations

NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
PREDICATIVE = {"VERB", "ADJ"}
PASSIVE = {"れる", "られる"}
CAUSATIVE = {"せる", "させる"}
NEGATION = {"ない", "ぬ", "ず", "ん", "ねえ"}
PAST = {"た", "だ"}
# the particle a phrase ends with → the role of the argument it marks
ROLES = (
    ("に対して", "addressee"), ("に対し", "addressee"), ("に向け", "addressee"), ("へ", "addressee"),
    ("によると", "reporter"), ("によれば", "reporter"), ("によって", "agent"), ("により", "agent"), ("による", "agent"),
    ("について", "about"), ("に関して", "about"), ("に関し", "about"), ("をめぐり", "about"), ("を巡り", "about"),
    ("からは", "source"), ("から", "source"), ("よりは", "source"), ("より", "source"),
    ("では", "setting"), ("には", "dative"), ("とは", "partner"), ("とも", "partner"),
    ("は", "topic"), ("も", "topic"), ("が", "subject"), ("を", "object"), ("に", "dative"), ("と", "partner"),
    ("との", "partner"), ("で", "place"), ("の", "genitive"), ("まで", "until"),
)


def case_of(tok) -> str:
    """The particles that end ``tok``'s phrase, joined: 米国に対し → 「に対し」, 大臣からは → 「からは」, '' if none."""
    parts: list[str] = []
    for c in tok.children:
        # a case particle; or で that GiNZA tagged as a copula though its tag says 格助詞 (委員会で、…答弁した)
        if c.i > tok.i and (c.dep_ == "case" and c.pos_ == "ADP" or c.dep_ == "cop" and c.tag_.startswith("助詞")):
            parts.append(c.text + "".join(f.text for f in c.children if f.dep_ == "fixed"))
    return "".join(parts)


def role_of(case: str) -> str | None:
    """The argument role a particle marks (は → topic, に対し → addressee …), None for an unmarked phrase."""
    for particle, role in ROLES:
        if case.startswith(particle):
            return role
    return None


def auxiliaries(tok) -> list:
    """The auxiliaries of a predicate, in order (求め ← られ ← た: [られ, た])."""
    return [c for c in tok.children if c.dep_ == "aux" and c.i > tok.i]


def is_predicate(tok) -> bool:
    """A verb or adjective, or a サ変 noun ending a sentence (…の撤退を要求。); not a word of a particle (に対し)."""
    if tok.dep_ == "fixed":
        return False
    if tok.pos_ in PREDICATIVE:
        return True
    if tok.pos_ == "NOUN" and "サ変" in tok.tag_ and tok.dep_ == "ROOT":
        return True
    return tok.pos_ == "NOUN" and any(a.lemma_ == "する" for a in auxiliaries(tok))


def voice(tok) -> str:
    """active | passive | causative, from the auxiliaries (求め-られ-た: passive)."""
    lemmas = [a.lemma_ for a in auxiliaries(tok)]
    if any(lem in CAUSATIVE for lem in lemmas):
        return "causative"
    if any(lem in PASSIVE for lem in lemmas):
        return "passive"
    return "active"


def negated(tok) -> bool:
    """求めない, 求めず, 要求しなかった: an auxiliary of negation."""
    return any(a.lemma_ in NEGATION for a in auxiliaries(tok))


def tense(tok) -> str:
    """past (述べた, 述べました) or nonpast (述べる, 求めます)."""
    return "past" if any(a.lemma_ in PAST and a.pos_ == "AUX" for a in auxiliaries(tok)) else "nonpast"


def has_aux(tok, *lemmas: str) -> bool:
    return any(a.lemma_ in lemmas or a.text in lemmas for a in auxiliaries(tok))


def phrase_start(tok) -> int:
    """The first token of the phrase ``tok`` heads, not counting a coordinated list before it nor a phrase the
    parse hung under it that has a case of its own (ジョンソン氏は ← 1日: ジョンソン氏は is not part of 1日)."""
    first = tok.left_edge.i
    for c in tok.children:
        if c.i < tok.i and (is_conjunct(c) or lifted(c)):
            first = max(first, c.right_edge.i + 1)
    # 即時辞任を: a noun used as an adverb right before the phrase, on the same predicate, belongs to it
    doc = tok.doc
    while first > 0 and doc[first - 1].dep_ == "advmod" and doc[first - 1].tag_.startswith("名詞") \
            and doc[first - 1].head.i == tok.head.i:
        first -= 1
    while first < tok.i and tok.doc[first].is_punct:
        first += 1
    return first


def lifted(c) -> bool:
    """A phrase marked as topic or subject that the parse hung under a noun: it belongs to the predicate."""
    return c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ in NOMINAL and case_of(c)[:1] in ("は", "が", "も")


def is_conjunct(c) -> bool:
    """A child coordinated with its head: conj, or a list item cut by 、/と/や (イギリス、ドイツ、フランスは)."""
    if c.dep_ == "conj":
        return True
    if c.dep_ != "nmod" or c.pos_ not in NOMINAL:
        return False
    case = case_of(c)
    if case in ("と", "や", "及び", "および", "とか"):
        return True
    return not case and any(k.dep_ == "punct" and k.text in "、,，" and k.i > c.i for k in c.children)


def conjuncts(tok) -> list:
    """``tok`` and the items coordinated with it, left to right (イギリス、ドイツ、フランス → three tokens)."""
    out = [tok]
    for c in tok.children:
        if c.i < tok.i and is_conjunct(c) or c.dep_ == "conj" and c.i > tok.i:
            out.extend(conjuncts(c))
    return sorted(out, key=lambda t: t.i)


def governor(tok):
    """The predicate ``tok``'s clause is chained to or embedded in (述べ、…付け加えた; 会談を行い、…確認した;
    …を要請することを発表した), or None."""
    head = tok.head
    if head.i == tok.i:
        return None
    if tok.dep_ in ("advcl", "conj", "ccomp", "csubj") and head.i > tok.i:
        return head
    if tok.dep_ == "acl" and head.lemma_ in EMBEDDING_NOUNS and head.head.i != head.i and head.head.i > head.i:
        return head.head
    return None


# nouns whose clause is the content of the predicate they hang on (…を求める考えを示した: 求める is 示す's)
# words that open a sentence or clause and link it to the one before (また、 一方で、): no part of a subject, a claim or
# a name; longest first, so その一方で is not read as その + 一方で
CONNECTIVES = ("その一方で", "その一方", "これに対して", "これに対し", "そのうえで", "その上で", "一方で", "一方",
               "また", "さらに", "ただし", "ただ", "なお", "しかし", "同時に", "まず")
CONNECTIVE = "(?:" + "|".join(CONNECTIVES) + ")"
EMBEDDING_NOUNS = {"こと", "旨", "の", "考え", "方針", "意向", "姿勢", "構え", "意思"}


def light_lemma(tok) -> str:
    """The lemma of a predicate, 明らかにする and the like made one (明らか ←advcl― する: 明らかにする)."""
    if tok.lemma_ == "する":
        for c in tok.children:
            if c.i == tok.i - 2 and c.pos_ == "ADJ" and tok.doc[c.i + 1].text == "に":
                return c.lemma_ + "にする"
    return tok.lemma_
