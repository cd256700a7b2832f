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

import spacy
from spacy.attrs import IDX, LENGTH

_IDX_LENGTH = [IDX, LENGTH]

# Sentences longer than this are cut into windows: it bounds the work per sentence on garbage input.
MAX_SENTENCE_TOKENS = 120

_ENDERS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»", "''"})
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
    where: dict[str, list[int]] | None = None  # word -> token indexes, filled on first use


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
    # offsets through one array call: much cheaper than a Python Token object per token
    toks = [(text[i:i + n], i) for i, n in doc.to_array(_IDX_LENGTH).tolist()] if len(doc) else []
    n = len(toks)
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    while i < n:
        word = toks[i][0]
        if word.isspace():
            if "\n" in word and i > start:
                spans.append((start, i))
                start = i + 1
            elif i == start:
                start = i + 1
            i += 1
            continue
        if word in _ENDERS:
            j = i + 1
            while j < n and toks[j][0] in _CLOSERS:
                j += 1
            if j >= n or _can_start(toks[j][0]):
                spans.append((start, j))
                start = j
                i = j
                continue
        i += 1
    if start < n:
        spans.append((start, n))

    out: list[Sentence] = []
    for a, b in spans:
        while a < b and toks[a][0].isspace():
            a += 1
        while b > a and toks[b - 1][0].isspace():
            b -= 1
        for wa in range(a, b, max_tokens):
            wb = min(b, wa + max_tokens)
            first = toks[wa][1]
            last_word, last_idx = toks[wb - 1]
            stext = text[first:last_idx + len(last_word)]
            words = [w for w, _ in toks[wa:wb] if not w.isspace()]
            starts = [k - first for w, k in toks[wa:wb] if not w.isspace()]
            if any("_" in w for w in words):
                words, starts = _split_joined(words, starts)
            if not words:
                continue
            folded = stext.lower()
            if len(folded) == len(stext):  # lower() kept offsets: slice instead of folding word by word
                folded = folded.replace("’", "'").replace("‘", "'")
                lower = [folded[k:k + len(w)] for w, k in zip(words, starts)]
            else:
                lower = [fold(w) for w in words]
            out.append(Sentence(len(out), stext, words, lower, starts, first))
    return out


def _split_joined(words: list[str], starts: list[int]) -> tuple[list[str], list[int]]:
    """"Dol_Amroth" (TABARI/PETRARCH texts join phrases with "_"): the words it joins."""
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


def _can_start(word: str) -> bool:
    c = word[0]
    return c.isupper() or c.isdigit() or word in _OPENERS or c in "“‘\"'(["
