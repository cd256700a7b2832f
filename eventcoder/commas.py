"""PETRARCH-1's comma-clause deletion, as an option of the coder (off by default).

PETRARCH-1 (after TABARI) drops short comma-delimited stretches from a sentence before coding it, on
the theory that they are asides ("Austria, a senior official said on Saturday, will ...") whose actors
would otherwise be taken for the main clause's. Lengths are counted in words (tokens that begin with
a letter):

* an *initial* clause (start of the sentence to the first comma) of ``bmin``..``bmax`` words;
* a *terminal* clause (last comma to the final full stop) of ``emin``..``emax`` words;
* an *internal* clause (between two commas) of ``min``..``max`` words.

A maximum of 0 turns that kind off. The commas themselves stay, so a comma left after a deleted
terminal clause can still close an internal one. Commas inside a noun phrase (an actor list "Morocco,
the awful France, and good Ghana", an apposition, adjectives "complete, full") are not clause
commas: PETRARCH's parser kept them inside the phrase, and so does ``phrase_commas``. PETRARCH-1's
defaults are ``CommaRules()``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from .actors import PREPOSITIONS, SentenceActors
from .clauses import FUTURE, NEGATORS, SPECULATIVE, appositive
from .text import Sentence

_ENDERS = frozenset({".", "!", "?"})


@dataclass(frozen=True, slots=True)
class CommaRules:
    """Word-count windows of the comma clauses that are dropped (PETRARCH-1's defaults)."""

    min: int = 2
    max: int = 8
    bmin: int = 0
    bmax: int = 0  # initial clauses: off
    emin: int = 2
    emax: int = 8

    @property
    def active(self) -> bool:
        return bool(self.max or self.bmax or self.emax)


_FUNCTION_WORDS = PREPOSITIONS | FUTURE | SPECULATIVE | NEGATORS | {
    "the", "a", "an", "and", "or", "but", "it", "he", "she", "they", "we", "i", "you", "this", "that", "these",
    "those", "its", "their", "his", "her", "our", "is", "are", "was", "were", "be", "has", "have", "had", "who",
    "which", "what", "when", "where", "while", "as", "so", "if", "then", "also"}


def phrase_commas(sent: Sentence, actors: SentenceActors, verb_forms: Collection[str],
                  inflected: Collection[str]) -> set[int]:
    """The commas inside noun phrases, which a parser would not take for clause boundaries: between the
    members of an actor list, around an apposition ("Oman, the state's closest partner, ..."), between
    two adjectives ("restore complete, full diplomatic ties"). ``verb_forms``/``inflected``: the
    dictionaries' verb forms (all, and those that cannot be nouns)."""
    words, lower = sent.words, sent.lower
    out: set[int] = set()
    for m in actors.mentions:
        group = actors.group_of(m)
        if len(group) > 1:
            out.update(k for k in range(min(x.start for x in group), max(x.end for x in group)) if lower[k] == ",")
    commas = [k for k, w in enumerate(lower) if w == ","]
    for a, b in zip(commas, commas[1:]):
        if a in actors.by_end and appositive(lower, a + 1, b, actors, [k for k in range(a, b) if lower[k] in inflected]):
            out.update((a, b))
    for k in commas:
        if 0 < k < len(lower) - 1 and all(words[q].isalpha() and words[q].islower() and lower[q] not in _FUNCTION_WORDS
                                          and lower[q] not in verb_forms for q in (k - 1, k + 1)):
            out.add(k)
    return out


def _words(lower: list[str], a: int, b: int) -> int:
    return sum(1 for w in lower[a:b] if w[:1].isalpha())


def drop_comma_clauses(sent: Sentence, rules: CommaRules, protected: set[int]) -> Sentence | None:
    """``sent`` without the comma clauses ``rules`` delete, or None when nothing is deleted.

    ``protected``: token indexes of commas that are not clause boundaries (``phrase_commas``).
    """
    lower = sent.lower
    keep = [True] * len(lower)
    commas = [k for k, w in enumerate(lower) if w == "," and k not in protected]
    if not commas or not rules.active:
        return None
    end = len(lower)
    while end > 0 and not lower[end - 1][:1].isalnum() and lower[end - 1] not in _ENDERS:
        end -= 1  # closing quotes and brackets after the full stop
    if end > 0 and lower[end - 1] in _ENDERS:
        end -= 1

    def delete(a: int, b: int) -> None:
        for k in range(a, b):
            keep[k] = False

    if rules.bmax and rules.bmin <= _words(lower, 0, commas[0]) <= rules.bmax:
        delete(0, commas[0])
    if rules.emax and commas[-1] < end and rules.emin <= _words(lower, commas[-1] + 1, end) <= rules.emax:
        delete(commas[-1] + 1, end)
    if rules.max:
        for a, b in zip(commas, commas[1:]):
            if rules.min <= _words(lower, a + 1, b) <= rules.max:
                delete(a + 1, b)
    if all(keep):
        return None
    out: list[int] = []  # the kept tokens, without commas left with nothing on one side
    for k in (k for k in range(len(lower)) if keep[k]):
        if lower[k] in _ENDERS and out and lower[out[-1]] == ",":
            out.pop()  # ", ." -> "."
        if lower[k] == "," and (not out or lower[out[-1]] == ","):
            continue  # a leading comma, ", ,"
        out.append(k)
    while out and lower[out[-1]] == ",":
        out.pop()
    return replace(sent, words=[sent.words[k] for k in out], lower=[lower[k] for k in out],
                   starts=[sent.starts[k] for k in out], sing=None)
