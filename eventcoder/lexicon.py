"""The compiled, lookup-ready form of a dictionary set.

Phrases are tokenised exactly like the text and indexed by their first token, verbs by every
inflected form: matching a sentence is then a dict lookup per token instead of a scan over
tens of thousands of phrases or patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .dictionaries.model import PHRASE_GAP, Actor, Agent, DictionarySet, Verb
from .text import fold, tokenizer

# Case rules for named-actor phrases (see docs/dictionary-format.md).
# CASE_TITLE: a mixed-case name of several words ("Islamic State", "White House"): each word the dictionary
# capitalises must be capitalised in the text too ("a strict Islamic state" is no group).
CASE_ANY, CASE_CAP, CASE_EXACT, CASE_TITLE = 0, 1, 2, 3


@dataclass(slots=True)  # not frozen: tens of thousands are built at start-up, frozen init is slower
class PhraseEntry:
    tokens: tuple[str, ...]  # folded tokens
    exact: tuple[str, ...]  # original-case tokens (for CASE_EXACT)
    case: int
    actor: Actor | None = None
    agent: Agent | None = None
    phrase: str = ""
    adjective: bool = False  # a demonym/adjective alias ("Russian", "Israeli"): what follows is its noun
    # (code, origin, role) of an actor whose code does not depend on the date (no dated periods)
    fixed: tuple | None = None


@dataclass(slots=True)
class VerbForm:
    verb: Verb
    tag: str  # Penn tag of this form: VB, VBD, VBG, VBN, VBP, VBZ


class VerbForms(list):
    """The dictionary verbs a word form belongs to (``VerbForm`` items), and whether one reading is past."""

    __slots__ = ("past",)

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self.past = False  # a VBD or VBN reading: set by finish() once the list is complete
        self.finish()

    def finish(self) -> None:
        self.past = any(vf.tag in ("VBD", "VBN") for vf in self)


@dataclass(slots=True)
class Lexicon:
    dictionaries: DictionarySet
    phrases: dict[str, list[PhraseEntry]] = field(default_factory=dict)  # first token -> longest first
    # first token -> [(length, {tokens: entries in bucket order})], longest first: one lookup per length
    phrases_by_length: dict[str, list[tuple[int, dict[tuple[str, ...], list[PhraseEntry]]]]] = \
        field(default_factory=dict)
    verb_forms: dict[str, VerbForms] = field(default_factory=dict)
    discards: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # verb phrase -> index_patterns(verb): only the patterns whose first word occurs near the verb are
    # ever tried. Built on a verb's first use (fast start).
    pattern_index: dict[str, tuple[dict[str, tuple[int, ...]], tuple[int, ...], list]] = field(default_factory=dict)

    def patterns_of(self, verb: Verb) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...], list]:
        idx = self.pattern_index.get(verb.phrase)
        if idx is None:
            idx = self.pattern_index[verb.phrase] = index_patterns(verb)
        return idx
    # Forms that are not bare infinitives ("met", "attacked"): they cannot sit inside a noun phrase.
    inflected: frozenset[str] = frozenset()
    # The last two words of multi-word synonym-set members ("medical supply", "relief supply"): a verb
    # form right after such a modifier is the head noun ("medical supplies were flown").
    noun_bigrams: frozenset[tuple[str, str]] = frozenset()
    verb_prefixes: frozenset[str] = frozenset()  # first parts of hyphenated verb forms ("de" of "de-escalate")
    # first token -> the phrases with a PHRASE_GAP ("Ruritania ... Television") grouped for lookup; derived from
    # ``phrases`` by gapped_index() (they stay there too: a literal "..." in the text is an elision)
    gapped: dict[str, list[GapGroup]] = field(default_factory=dict)


def fixed_code(actor: Actor) -> tuple | None:
    """(code, origin, role) of an actor whose code does not depend on the date, else None."""
    if actor.periods or actor.default is None:
        return None
    d = actor.default
    return d.code, d.origin, hit_role(d.code, actor.kind)


def hit_role(code: str, kind: str) -> str:
    """A bare country or place code ("RUS") is a "country" hit; anything else named is "named"."""
    return "country" if len(code) == 3 and kind in ("country", "place") else "named"


_ADJ_SUFFIXES = ("ian", "ean", "ese", "ish", "ch", "i", "ic", "can", "ran", "ern", "ine", "ite", "ist")


def _adjective(phrase: str, actor: Actor) -> bool:
    """Is this alias an adjective/demonym ("Russian", "Houthi", "Western") rather than a name?"""
    if phrase == actor.name or " " in phrase or actor.kind not in ("country", "place", "group", "org"):
        return False
    return phrase.lower().endswith(_ADJ_SUFFIXES) and not phrase.lower().endswith(("stan", "land"))


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenizer()(phrase) if not t.text.isspace())


@cache  # one entry per dictionary phrase of mixed case: asked for at every match
def title_words(tokens: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of the capitalised words of a name, parts after a hyphen aside ("Guinea-bissau" is sometimes written so)."""
    return tuple(j for j, t in enumerate(tokens) if t[:1].isupper() and (j == 0 or tokens[j - 1] not in ("-", "–")))


def _case_mode(tokens: tuple[str, ...]) -> int:
    joined = "".join(t for t in tokens if t != PHRASE_GAP)  # "UN ... TV" is an acronym phrase too
    if joined.isalpha() and joined.isupper() and len(joined) <= 5:
        return CASE_EXACT
    first = next((c for c in joined if c.isalpha()), "")
    if not first.isupper():
        return CASE_ANY
    if not joined.isupper() and len(title_words(tokens)) > 1:
        return CASE_TITLE
    return CASE_CAP


def verb_forms(head: str) -> dict[str, set[str]]:
    """form -> Penn tags, for a verb lemma (regular and irregular inflections)."""
    from lemminflect import (  # slow: only on a cache miss
        getAllInflections,
        getAllInflectionsOOV,
        getAllLemmas,
    )

    infl = getAllInflections(head, upos="VERB")
    if not infl:
        # A dictionary verb written as an inflected form (PETRARCH's "SAID", "SANK") is that form only, with
        # its own tags: "is said to ..." is then a passive, and no "saided" is invented.
        tags = {tag for lemma in getAllLemmas(head, upos="VERB").get("VERB", ()) if lemma != head
                for tag, forms in getAllInflections(lemma, upos="VERB").items() if head in forms}
        if tags:
            if tags & {"VBD", "VBN"}:
                tags |= {"VBD", "VBN"}
            return {head: tags}
        infl = getAllInflectionsOOV(head, upos="VERB")
    infl = dict(infl)
    # lemminflect lists a form once when tags share it ("attacked" is VBD and VBN).
    if "VBN" not in infl and "VBD" in infl:
        infl["VBN"] = infl["VBD"]
    if "VBD" not in infl and "VBN" in infl:
        infl["VBD"] = infl["VBN"]
    out: dict[str, set[str]] = {head: {"VB", "VBP"}}
    for tag, forms in infl.items():
        for f in forms:
            out.setdefault(f.lower(), set()).add(tag)
    return out


_SIMPLE = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")


def _special(phrase: str) -> bool:
    """Does the tokenizer have an exception for one of these words ("cannot" -> "can not")?"""
    rules = _tokenizer_rules()
    return any(w in rules or w.lower() in rules for w in phrase.split())


@lru_cache(maxsize=1)
def _tokenizer_rules() -> frozenset[str]:
    return frozenset(tokenizer().rules or ())


class Memo:
    """Phrase tokenisations and verb inflections: the slow part of compiling, cached between runs."""

    def __init__(self, phrases: dict[str, list[str]] | None = None, forms: dict[str, dict[str, list[str]]] | None = None):
        self.phrases = phrases or {}
        self.forms = forms or {}
        self.misses = 0

    def tokens(self, phrase: str) -> tuple[str, ...]:
        if _SIMPLE.match(phrase) and not _special(phrase):
            return tuple(phrase.split())  # letters and spaces: the tokenizer would split on spaces only
        toks = self.phrases.get(phrase)
        if toks is None:
            self.misses += 1
            toks = self.phrases[phrase] = list(tokenize_phrase(phrase))
        return tuple(toks)

    def verb_forms(self, head: str) -> dict[str, list[str]]:
        f = self.forms.get(head)
        if f is None:
            self.misses += 1
            f = self.forms[head] = {k: sorted(v) for k, v in verb_forms(head).items()}
        return f


def compile_lexicon(dset: DictionarySet, memo: Memo | None = None) -> Lexicon:
    memo = memo or Memo()
    lex = Lexicon(dset)
    entries: list[PhraseEntry] = []
    for actor in dset.actors.values():
        fixed = fixed_code(actor)
        for phrase in actor.phrases:
            toks = memo.tokens(phrase)
            if toks:
                entries.append(PhraseEntry(tuple(fold(t) for t in toks), toks, _case_mode(toks), actor=actor,
                                           phrase=phrase, adjective=_adjective(phrase, actor), fixed=fixed))
    for agent in dset.agents.values():
        toks = memo.tokens(agent.phrase)
        if toks:
            entries.append(PhraseEntry(tuple(fold(t) for t in toks), toks, CASE_ANY, agent=agent, phrase=agent.phrase))
    for e in entries:
        lex.phrases.setdefault(e.tokens[0], []).append(e)
    for first, bucket in lex.phrases.items():
        # Longest first; for equal phrases the later-loaded entry (a user layer) comes first.
        bucket.reverse()
        bucket.sort(key=lambda e: -len(e.tokens))
        grouped: dict[int, dict[tuple[str, ...], list[PhraseEntry]]] = {}
        for e in bucket:
            grouped.setdefault(len(e.tokens), {}).setdefault(e.tokens, []).append(e)
        lex.phrases_by_length[first] = sorted(grouped.items(), key=lambda kv: -kv[0])
    lex.gapped = gapped_index(lex.phrases)
    for verb in dset.verbs.values():
        forms = memo.verb_forms(verb.head)
        if verb.extra_forms:
            forms = {k: list(v) for k, v in forms.items()}
            for extra in verb.extra_forms:
                forms[extra] = sorted(set(forms.get(extra, [])) | {"VBD", "VBN"})
        for form, tags in forms.items():
            for tag in tags:
                lex.verb_forms.setdefault(form, VerbForms()).append(VerbForm(verb, tag))
    for vfs in lex.verb_forms.values():
        vfs.finish()
    lex.inflected = frozenset(f for f, vfs in lex.verb_forms.items()
                              if vfs[0].tag not in ("VB", "VBP") or vfs[-1].tag not in ("VB", "VBP")
                              or any(v.tag not in ("VB", "VBP") for v in vfs))
    lex.verb_prefixes = frozenset(f.split("-", 1)[0] for f in lex.verb_forms if "-" in f)
    lex.noun_bigrams = frozenset(
        (toks[-2], toks[-1]) for members in dset.synsets.values() for phrase in members
        if len(toks := phrase.split()) >= 2 and toks[-1] in lex.verb_forms and toks[-2].isalpha())
    for d in dset.discards:
        toks = tuple(fold(t) for t in memo.tokens(d.phrase))
        if toks:
            lex.discards.setdefault(toks[0], []).append((toks, d.scope))
    return lex


@dataclass(slots=True)
class GapGroup:
    """The gapped phrases that begin with the same words (``head``): by the words after the first gap, as
    ``phrases_by_length`` groups contiguous phrases (longest first, then the phrases with most words)."""

    head: tuple[str, ...]
    after: list[tuple[int, dict[tuple[str, ...], list[PhraseEntry]]]]


def segments(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A gapped phrase's runs of adjacent words: ("a", "...", "b", "c") -> [("a",), ("b", "c")]."""
    out: list[list[str]] = [[]]
    for t in tokens:
        if t == PHRASE_GAP:
            out.append([])
        else:
            out[-1].append(t)
    return [tuple(x) for x in out]


def gapped_index(phrases: dict[str, list[PhraseEntry]]) -> dict[str, list[GapGroup]]:
    """The entries of ``phrases`` with a PHRASE_GAP between two words, by first token."""
    out: dict[str, list[GapGroup]] = {}
    for first, bucket in phrases.items():
        groups: dict[tuple[str, ...], dict[tuple[str, ...], list[PhraseEntry]]] = {}
        for e in bucket:
            if PHRASE_GAP in e.tokens[1:-1]:
                segs = segments(e.tokens)
                if all(segs):
                    groups.setdefault(segs[0], {}).setdefault(segs[1], []).append(e)
        for head, by_next in groups.items():
            by_len: dict[int, dict[tuple[str, ...], list[PhraseEntry]]] = {}
            for nxt, entries in by_next.items():
                entries.sort(key=lambda e: -(len(e.tokens) - e.tokens.count(PHRASE_GAP)))
                by_len.setdefault(len(nxt), {})[nxt] = entries
            out.setdefault(first, []).append(GapGroup(head, sorted(by_len.items(), key=lambda kv: -kv[0])))
    return out


def index_patterns(verb: Verb) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...], list]:
    """(anchor word -> ranks, ranks of patterns with no literal word, patterns in rank order).

    A pattern's rank is its place in the order patterns are tried: most specific first, then as
    listed. A pattern is anchored by the first literal word (or the first words of a set's options)
    of its elements, after-elements first."""
    ranked = sorted(enumerate(verb.patterns), key=lambda kv: (-kv[1].specificity, kv[0]))
    by_word: dict[str, list[int]] = {}
    unanchored: list[int] = []
    for rank, (_, p) in enumerate(ranked):
        el = next((e for e in (*p.after, *p.before) if e.kind in ("word", "set")), None)
        if el is None:
            unanchored.append(rank)
            continue
        anchors = {el.words[0]} if el.kind == "word" else {o[0] for o in el.options if o}
        for a in anchors:
            by_word.setdefault(a, []).append(rank)
    return {w: tuple(r) for w, r in by_word.items()}, tuple(unanchored), [p for _, p in ranked]
