"""Tokens and sentences: spaCy's rule tokenizer plus a sentence splitter that survives news text.

No trained model is needed. The splitter works on the tokenizer's output: spaCy already keeps
abbreviations such as "U.S.", "Gen." and "Dec." as single tokens, so a sentence ends at a
stand-alone ".", "!" or "?" (plus any closing quotes or brackets) when the next token can start a
sentence, and at every paragraph break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH

_IDX_LENGTH_SPACE = [IDX, LENGTH, IS_SPACE]

# Sentences longer than this are cut into windows: it bounds the work per sentence on garbage input.
MAX_SENTENCE_TOKENS = 120

_ENDERS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»", "''"})
_AMBIGUOUS_QUOTES = frozenset({'"', "'"})
# Titles and abbreviations the tokenizer may split from their dot ("Lt", ".") before a capitalised name.
_ABBREVIATIONS = frozenset({"lt", "col", "maj", "gen", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig", "cmdr", "cdr",
                            "gov", "sen", "rep", "pres", "rev", "prof", "dr", "mr", "mrs", "ms", "st", "ft", "mt",
                            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                            "corp", "inc", "ltd", "co", "vs", "supt", "insp", "amb", "hon", "sr", "jr", "messrs"})
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})  # "No. 2"
_OPENERS = frozenset({'"', "“", "‘", "(", "[", "«", "'", "``", "-", "—", "–"})

# "MOSCOW, Dec 13 (Reuters) -", "WASHINGTON (AP) --", "KYIV, Ukraine —": a dateline is not part of any clause.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\((?:[A-Za-z .]{1,30})\))?\s*(?:-{1,2}|—|–)\s+"
)


@dataclass(slots=True)
class Sentence:
    """One sentence: its text, its tokens, and where it sits in the document."""

    index: int  # 0-based position in the document
    text: str
    words: list[str]  # token texts
    lower: list[str]  # lower-cased, apostrophes folded to '
    starts: list[int]  # character offset of each token within ``text``
    offset: int = 0  # character offset of the sentence within the document text
    sing: list[str] | None = None  # naive singular of each lower-cased token, filled on first use


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's English rule tokenizer (no trained pipeline); "U.S.-led" is split like "Saudi-led"."""
    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)[-–](?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp.tokenizer


def fold(word: str) -> str:
    return word.lower().replace("’", "'").replace("‘", "'")


def strip_dateline(text: str) -> str:
    """Remove a leading news dateline so the city is not coded as an actor."""
    m = _DATELINE.match(text[:120])
    return text[m.end():] if m else text


def split_sentences(text: str, max_tokens: int = MAX_SENTENCE_TOKENS) -> list[Sentence]:
    """Split ``text`` into sentences with their tokens."""
    doc = tokenizer()(text)
    n = len(doc)
    if not n:
        return []
    # offsets through one array call: much cheaper than a Python Token object per token
    arr = doc.to_array(_IDX_LENGTH_SPACE)
    idx, lens, _ = arr.T.tolist()
    toks = [text[i:i + k] for i, k in zip(idx, lens)]
    spaces = np.flatnonzero(arr[:, 2]).tolist()  # whitespace tokens
    # Only whitespace tokens and sentence-final punctuation can end a sentence: visit just those.
    spans: list[tuple[int, int]] = []
    start = 0
    for i in sorted(chain(spaces, compress(range(n), map(_ENDERS.__contains__, toks)))):
        word = toks[i]
        if word in _ENDERS:
            if word == "." and i and idx[i] == idx[i - 1] + lens[i - 1] and _abbreviation(toks, i - 1, n):
                continue  # "Lt. Col. John Smith", "No. 2": the tokenizer left the title's dot apart
            j = i + 1
            # closing quotes and brackets stay with the sentence; a quote with a space before it and none
            # after opens the next one ('... on Jan. 5. "We are ready," he said.')
            while j < n and toks[j] in _CLOSERS and not (
                    toks[j] in _AMBIGUOUS_QUOTES and idx[j] > idx[j - 1] + lens[j - 1]
                    and j + 1 < n and idx[j + 1] == idx[j] + lens[j]):
                j += 1
            if j >= n or _can_start(toks[j]):
                spans.append((start, j))
                start = j
        elif "\n" in word and i > start:
            spans.append((start, i))
            start = i + 1
        elif i == start:
            start = i + 1
    if start < n:
        spans.append((start, n))

    # Lower-case the whole text once when that gives what lower-casing each sentence would: every
    # character keeps its length, and no capital sigma (whose lower case depends on its neighbours).
    folded_text = text.lower()
    lower_all = None
    if len(folded_text) == len(text) and "Σ" not in text:
        folded_text = folded_text.replace("’", "'").replace("‘", "'")
        lower_all = [folded_text[i:i + k] for i, k in zip(idx, lens)]
    space_set = set(spaces)
    out: list[Sentence] = []
    for a, b in spans:
        while a < b and a in space_set:
            a += 1
        while b > a and b - 1 in space_set:
            b -= 1
        for wa in range(a, b, max_tokens):
            wb = min(b, wa + max_tokens)
            first = idx[wa]
            stext = text[first:idx[wb - 1] + lens[wb - 1]]
            if space_set and not space_set.isdisjoint(range(wa, wb)):
                keep = [k for k in range(wa, wb) if k not in space_set]
                if not keep:
                    continue
                words = [toks[k] for k in keep]
                starts = [idx[k] - first for k in keep]
                lower = [lower_all[k] for k in keep] if lower_all is not None else None
            else:
                words = toks[wa:wb]
                starts = [k - first for k in idx[wa:wb]]
                lower = lower_all[wa:wb] if lower_all is not None else None
            if "_" in stext and any("_" in w for w in words):
                words, starts = _split_joined(words, starts)
                lower = None
            if lower is None:
                folded = stext.lower()
                if len(folded) == len(stext):  # lower() kept offsets: slice instead of folding word by word
                    folded = folded.replace("’", "'").replace("‘", "'")
                    lower = [folded[k:k + len(w)] for w, k in zip(words, starts)]
                else:
                    lower = [fold(w) for w in words]
            out.append(Sentence(len(out), stext, words, lower, starts, first))
    return out


def _split_joined(words: list[str], starts: list[int]) -> tuple[list[str], list[int]]:
    """"Dar_es_Salaam" (TABARI/PETRARCH texts join phrases with "_"): the words it joins."""
    out_w: list[str] = []
    out_s: list[int] = []
    for w, k in zip(words, starts):
        if "_" not in w or not w.replace("_", ""):
            out_w.append(w)
            out_s.append(k)
            continue
        at = k
        for part in w.split("_"):
            if part:
                out_w.append(part)
                out_s.append(at)
            at += len(part) + 1
    return out_w, out_s


def _abbreviation(toks: list[str], k: int, n: int) -> bool:
    """Is token ``k`` a title or abbreviation whose dot follows it ("Lt", "Col", "No" before a number)?"""
    w = toks[k].lower()
    if w in _NUMBER_ABBREVIATIONS:
        return k + 2 < n and toks[k + 2][:1].isdigit()
    return w in _ABBREVIATIONS and toks[k][:1].isupper()


def _can_start(word: str) -> bool:
    c = word[0]
    return c.isupper() or c.isdigit() or word in _OPENERS or c in "“‘\"'(["
