"""Verb recognition and verb-pattern matching.

A verb is found by a dict lookup of each token's form (all inflections of every dictionary
verb are indexed), then its patterns are tried, most specific first, against the words around
it. Only the few patterns of the verbs actually present are ever tried.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .actors import _PLACE_ADJECTIVES, PLACE_PREPS, PREPOSITIONS, Mention, SentenceActors
from .dictionaries.model import Element, Verb, VerbPattern
from .lexicon import Lexicon, VerbForms
from .text import Sentence

MAX_GAP = 3  # tokens allowed between two pattern elements (articles, adjectives, numbers)
_SLOTS = ("target", "source", "compound")  # PETRARCH "%": a slot that only a coordinated list ("A and B") fills
_PLACE_PREPS = PLACE_PREPS | {"during"}  # a target slot does not reach across these

# A form right after one of these is an adjective or adverb ("very close", "extremely tense").
_INTENSIFIERS = frozenset({"very", "quite", "extremely", "rather", "fairly", "increasingly", "highly"})

# A verb form right after one of these is a noun ("an attack", "their talks").
_NOUN_CONTEXT = frozenset({"a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "our",
                           "my", "your", "whose", "every", "each", "any", "'s", "'", "such", "no", "further",
                           "new", "recent", "latest", "first", "last", "another", "massive", "major",
                           "two", "three", "four", "five", "several", "many", "more", "most", "some", "of",
                           "million", "billion", "trillion"})  # "a $1.5 billion loan"
# Adjectives that only qualify nouns ("in retaliation for Western sanctions"), unless part of a name
# ("Amnesty International documented ...").
_NOUN_ADJECTIVES = frozenset({"western", "international", "economic", "financial", "additional", "punitive",
                              "sweeping", "unilateral", "retaliatory", "tough", "tougher", "harsh", "harsher"})


@dataclass(slots=True)
class VerbHit:
    index: int  # the inflected head word
    end: int  # after the particles of a phrasal verb
    verbs: list[Verb]  # candidate dictionary verbs with this form (most often one)
    tags: frozenset[str]
    # verbs with fewer particles that also fit ("agree" under "agree to"): (verb, end after its particles);
    # their patterns are tried when the longer phrasal verb has none that matches
    fallbacks: tuple = ()

    @property
    def participle(self) -> bool:
        return "VBN" in self.tags

    @property
    def gerund(self) -> bool:
        return self.tags == _VBG


_VBG = frozenset({"VBG"})


def find_verbs(sent: Sentence, lex: Lexicon, actors: SentenceActors) -> list[VerbHit]:
    lower, words = sent.lower, sent.words
    covered = actors.covered
    adjective_ends = {h.end for h in actors.hits if h.entry.adjective}
    hits: list[VerbHit] = []
    n = len(lower)
    i = 0
    while i < n:
        head_end = i + 1
        forms = lex.verb_forms.get(lower[i])
        if i + 2 < n and lower[i + 1] == "-" and (joined := lex.verb_forms.get(f"{lower[i]}-{lower[i + 2]}") or (
                lower[i] in _REPEAT_PREFIXES and lex.verb_forms.get(lower[i + 2]))):
            # a hyphenated verb ("de-escalated", "re-establish") is one verb, not its last part; "re-export",
            # "co-sponsor" are the verb itself, with the prefix in its clause ("a request to re-export")
            forms, head_end = joined, i + 3
        if forms and head_end == i + 1 and i >= 2 and lower[i - 1] == "-" and lower[i - 2] not in _VERB_PREFIXES \
                and all(vf.tag in ("VBN", "VBD") for vf in forms):
            # "Iran-backed militias", "U.S.-led coalition", "rebel-held town": an adjective, not an event
            i += 1
            continue
        if not forms or i in covered or (i > 0 and words[i][:1].isupper() and words[i].isalpha()
                                          and not words[i].isupper()):
            i += 1
            continue
        prev = lower[i - 1] if i > 0 else ""
        if prev == "'" and _opening_quote(sent, i - 1):
            prev = lower[i - 2] if i > 1 else ""  # "would 'pay a price'": a quotation mark, not a possessive
        if (prev in _NOUN_ADJECTIVES and i - 1 not in covered) or (prev in _NOUN_CONTEXT and not (prev == "each" and _past(forms))) or prev in _INTENSIFIERS or (
                prev.isdigit()) or (i in adjective_ends and not _past(forms)) or (
                not _past(forms) and (prev, _singular(lower[i])) in lex.noun_bigrams) or (
                prev in _NOUN_AFTER and not any(vf.tag in ("VBD", "VBN", "VBG") for vf in forms)) or (
                not _past(forms) and _after_determiner(lower, i, covered, lex)
                and not _participle_with_object(lower, i, forms, actors)) or (
                prev in _ADJECTIVE_AFTER and all(vf.tag in ("VBD", "VBN") for vf in forms)) or (
                not _past(forms) and i >= 2 and prev.endswith("ed") and prev in lex.inflected
                and lower[i - 2] in _ADJECTIVE_AFTER) or (
                lower[i][-1:] == "s" and not _past(forms) and _plural_noun_slot(i, prev, lower, hits, actors, lex)) or (
                # "a Hamas bomb", "an Islamic State target": an article, an actor, then the form: a noun
                not _past(forms) and i in actors.by_end and actors.by_end[i].start > 0
                and lower[actors.by_end[i].start - 1] in ("a", "an")) or (
                prev in ("and", "or", ",") and i >= 2 and lower[i - 2].endswith("ings") and lower[i].endswith("s")
                and not _past(forms)):  # "killings and rapes": a list of nouns
            # "an attack", "two strikes", "Russian attacks", "U.S.-led strikes": nouns;
            # "in occupied areas", "other detained leaders": adjectives
            i += 1
            continue
        if prev in ("and", "or", ",") and lower[i] in _PLACE_ADJECTIVES and i + 1 in actors.by_start \
                and i - 1 in actors.by_end and actors.by_end[i - 1].prep is not None:
            # "targets in Baghdad and occupied Kuwait": a list of places
            i += 1
            continue
        best_len = -1
        chosen: list[Verb] = []
        tags: set[str] = set()
        fitting: list[tuple[int, Verb]] = []
        for vf in forms:
            parts = vf.verb.particles
            k = len(parts)
            if k and tuple(lower[head_end:head_end + k]) != parts:
                continue
            fitting.append((k, vf.verb))
            if k > best_len:
                best_len, chosen, tags = k, [], set()
            if k == best_len:
                if vf.verb not in chosen:
                    chosen.append(vf.verb)
                tags.add(vf.tag)
        if not chosen:
            i += 1
            continue
        nxt_word = lower[head_end + best_len] if head_end + best_len < n else ""
        if nxt_word == "of" and not _past(forms) and not any(_takes_of(v) for v in chosen):
            # "military support of some NATO countries": a noun, unless the verb takes "of" (warn of)
            i += 1
            continue
        if len(chosen) > 1:
            # A form a dictionary lists itself ("left" under LEFT) beats an inflection of another verb (leave).
            w = lower[i]
            chosen.sort(key=lambda v: not (v.head == w or w in v.extra_forms))
        fallbacks: list[tuple[Verb, int]] = []
        for k, v in sorted(fitting, key=lambda kv: -kv[0]):
            if k < best_len and all(v is not f[0] for f in fallbacks):
                fallbacks.append((v, head_end + k))
        hits.append(VerbHit(i, head_end + best_len, chosen, frozenset(tags), tuple(fallbacks)))
        i = head_end + best_len
    return hits


_REPEAT_PREFIXES = frozenset({"re", "co", "pre"})
# "re-elected", "co-sponsored", "un-", "pre-": a prefix before the hyphen leaves the verb a verb
_VERB_PREFIXES = frozenset({"re", "co", "de", "pre", "un", "mis", "over", "under", "out", "cross", "counter",
                            "double", "self", "ill", "inter", "non", "sub", "super", "semi", "multi", "anti"})


# A present-tense form right after these is a noun: "during attacks on", "amid strikes".
_NOUN_AFTER = frozenset({"during", "amid", "despite", "following", "against", "in", "on", "for", "with", "from",
                         "into", "onto", "upon", "aboard", "without", "over", "about", "under", "between", "among",
                         "through", "via"})
# A form that can only be past tense or participle, right after these, is an adjective ("in occupied areas").
# A present form after such an adjective is a noun ("ahead of planned protests", "amid renewed attacks").
_ADJECTIVE_AFTER = frozenset({"in", "of", "from", "into", "on", "at", "with", "among", "to", "for", "other",
                              "amid", "after", "before", "during", "despite", "over", "against", "about",
                              "between", "without", "under", "by", "following"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                          "my", "your", "whose", "every", "each", "any", "no", "another"})


def _plural_noun_slot(i: int, prev: str, lower: list[str], hits: list[VerbHit], actors: SentenceActors,
                      lex: Lexicon) -> bool:
    """Can no verb stand at token ``i``, so that an -s form there is a plural noun? Right after a past verb or a
    gerund ("discussed sanctions", "sparking protests"), in a prepositional phrase ("with glide bombs", "called
    for strikes"), or after an actor inside one ("the consequences of U.S. strikes": a verb's subject stands in
    no such phrase)."""
    if hits and hits[-1].end == i and not hits[-1].tags.isdisjoint(("VBD", "VBN", "VBG")):
        return True
    if (prev.endswith("ing") and len(prev) > 5 and prev.isalpha()) or prev in PREPOSITIONS:
        return True
    if i >= 2 and lower[i - 2] in PREPOSITIONS and prev.isalpha() and i - 1 not in actors.covered \
            and prev not in lex.verb_forms:
        return True
    m = actors.by_end.get(i)
    return m is not None and m.prep is not None


def _after_determiner(lower: list[str], i: int, covered: set[int], lex: Lexicon) -> bool:
    """"a brief private visit": a determiner, then only plain modifiers, then the form: a noun."""
    words = 0
    j = i - 1
    while j >= 0 and words < 3:
        w = lower[j]
        if w in _DETERMINERS:
            return True
        if w == "to":  # "a commission to investigate": an infinitive
            return False
        j -= 1
        if w in ("-", "–"):
            continue  # "a large-scale attack": the hyphen does not count
        words += 1
        if w.endswith("ed") and w in lex.inflected and j >= 0 and lower[j] in _DETERMINERS:
            continue  # "the armed attack"
        if j + 1 in covered or not w.isalpha() or w in lex.inflected or w.endswith("ly"):
            return False
    return False


def _opening_quote(sent: Sentence, k: int) -> bool:
    """Is the apostrophe at token ``k`` an opening quotation mark (space before, none after)?"""
    if k == 0:
        return True
    before = sent.starts[k - 1] + len(sent.words[k - 1])
    return sent.starts[k] > before and k + 1 < len(sent.words) and sent.starts[k + 1] == sent.starts[k] + 1


def _participle_with_object(lower: list[str], i: int, forms, actors: SentenceActors) -> bool:
    """"a law banning the UN agency": an -ing form with its own object after a noun is a verb, not a noun
    ("the bombing of the city" is a noun)."""
    if not lower[i].endswith("ing") or lower[i - 1] in _DETERMINERS or i + 1 >= len(lower):
        return False
    return lower[i + 1] in ("the", "a", "an", "all", "any") or i + 1 in actors.by_start


def _takes_of(verb: Verb) -> bool:
    return any(p.after and p.after[0].kind == "word" and p.after[0].words[0] == "of" for p in verb.patterns)


def _past(forms: VerbForms) -> bool:
    return forms.past


@dataclass(slots=True)
class PatternMatch:
    pattern: VerbPattern
    target: Mention | None  # the mention in the "+" slot
    source: Mention | None  # the mention in the "$" slot
    end: int  # token index after the last matched element
    words: frozenset[int] = frozenset()  # token indexes matched by the pattern's literal words
    # PETRARCH "%" before the verb: the source slot holds a list ("A and B") whose members act on each other
    # (after the verb "%" is a target slot that only a list fills)
    mutual: bool = False


def singulars(sent: Sentence) -> list[str]:
    if sent.sing is None:
        sent.sing = list(map(_SINGULAR.__getitem__, sent.lower))
    return sent.sing


class _SingularCache(dict):
    """word -> naive singular, computed on first sight (bounded: cleared when it grows too large)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 200_000:
            self.clear()
        s = self[word] = _singular(word)
        return s


_SINGULAR = _SingularCache()


def candidate_patterns(verb: Verb, index, hit: VerbHit, sent: Sentence, limit: int) -> list[VerbPattern]:
    """Patterns of ``verb`` whose anchor word occurs near the verb (as written or singular), most specific
    first. ``index`` is ``lexicon.index_patterns(verb)``: anchor word -> ranks, unanchored ranks, and the
    patterns in rank order."""
    if index is None:
        return verb.patterns
    by_word, unanchored, ordered = index
    if by_word:
        lo = max(0, hit.index - 12)
        window = set(sent.lower[lo:limit])
        window.update(singulars(sent)[lo:limit])
        common = by_word.keys() & window
        if common:
            found = set(unanchored)
            for w in common:
                found.update(by_word[w])
            return [ordered[r] for r in sorted(found)]
    return [ordered[r] for r in unanchored]


def match_verb(verb: Verb, hit: VerbHit, sent: Sentence, actors: SentenceActors, limit: int,
               index=None, starts_with: tuple[str, ...] = (), passive_from: int = -1) -> PatternMatch | None:
    """The most specific pattern of ``verb`` that matches around ``hit``, else its default.

    With ``starts_with``, only patterns whose first element after the verb begins with these words
    count, and there is no default (a shorter verb standing in for a phrasal one: "agree" + "to ...").
    ``passive_from``: where a passive verb's auxiliary chain starts; a pattern's first object noun may then
    stand in the subject right before it ("Sanctions were imposed on Iran" for "impose &SANCTION on +").
    """
    n = len(starts_with)
    candidates = candidate_patterns(verb, index, hit, sent, limit)
    for p in candidates:
        if n and not (p.after and p.after[0].kind == "word" and p.after[0].words[:n] == starts_with):
            continue
        m = _match_pattern(p, hit, sent, actors, limit)
        if m is not None:
            return m
    if passive_from > 0 and not n:
        for p in candidates:
            m = _match_passive(p, hit, sent, actors, limit, passive_from)
            if m is not None:
                return m
    if verb.default is not None and not n:
        return PatternMatch(verb.default, None, None, hit.end)
    return None


def _match_passive(p: VerbPattern, hit: VerbHit, sent: Sentence, actors: SentenceActors, limit: int,
                   chain_start: int) -> PatternMatch | None:
    """``p`` with its first element after the verb found in the passive subject (the four words before the
    auxiliary chain) and the rest after the verb."""
    if p.before or len(p.after) < 2 or p.after[0].kind not in ("word", "set") or p.code is None:
        return None
    first = p.after[0]
    for k in range(chain_start - 1, max(-1, chain_start - 5), -1):
        r = _element_at(first, k, sent, actors)
        if r is None or r[0] > chain_start:
            continue
        m = _match_pattern(replace(p, after=p.after[1:]), hit, sent, actors, limit)
        if m is None:
            return None
        return PatternMatch(p, m.target, m.source, m.end, m.words | frozenset(range(k, r[0])), m.mutual)
    return None


def _match_pattern(p: VerbPattern, hit: VerbHit, sent: Sentence, actors: SentenceActors,
                   limit: int) -> PatternMatch | None:
    slots: dict[str, Mention] = {}
    pos = hit.end
    words: set[int] = set()
    wide = False
    for el in p.after:
        if el.kind == "skip":  # PETRARCH "^": skip a noun phrase; the next element may stand further away
            pos = _skip_forward(pos, sent, actors, limit)
            wide = True
            continue
        found = _find_forward(el, pos, sent, actors, limit, slots, words, max(p.gap, 8) if wide else p.gap, wide)
        if found is None:
            return None
        wide = False
        pos = found
    back = hit.index
    for el in reversed(p.before):
        if el.kind == "skip":
            back = _skip_backward(back, actors)
            wide = True
            continue
        found = _find_backward(el, back, sent, actors, slots, words, max(p.gap, 8) if wide else p.gap)
        if found is None:
            return None
        wide = False
        back = found
    if (p.roles == "person" and not named_person(slots.get("target"))) or (
            p.roles == "place" and not named_place(slots.get("target"))):
        return None
    return PatternMatch(p, slots.get("target"), slots.get("source"), pos, frozenset(words), "%" in slots)


# "^" looks this far for the actor of the noun phrase it skips ("at the Kremlin", "their Tuareg populations")
_SKIP_REACH = 4


def _skip_forward(pos: int, sent: Sentence, actors: SentenceActors, limit: int) -> int:
    """After the actor mention of the next noun phrase ("with Eritrea", "the Kremlin"), else ``pos`` (plain
    words: the next element's wider gap covers them)."""
    start = pos + 1 if pos < limit and sent.lower[pos] in PREPOSITIONS else pos
    for k in range(start, min(limit, start + _SKIP_REACH)):
        m = actors.by_start.get(k)
        if m is not None:
            return m.end
        w = sent.lower[k]
        if not w.isalnum() or w in PREPOSITIONS or w in ("and", "or", "that", "which", "who"):
            break  # the noun phrase ended before any actor
    return pos


def _skip_backward(pos: int, actors: SentenceActors) -> int:
    for k in range(pos, max(0, pos - _SKIP_REACH), -1):
        m = actors.by_end.get(k)
        if m is not None:
            return m.start
    return pos


def named_person(m: Mention | None) -> bool:
    """A person the dictionaries name, or a title followed by a name ("journalist Jamal Khashoggi")."""
    if m is None:
        return False
    last = m.hits[-1]
    return any(h.entry.actor is not None and h.entry.actor.kind == "person" for h in m.hits) or (
        m.end > last.end and last.role == "agent" and not last.entry.tokens[-1].endswith("s"))


def named_place(m: Mention | None) -> bool:
    """A country, region or city as such ("captured Goma"), not its government, army or people."""
    return m is not None and len(m.code) == 3 and all(h.role == "country" for h in m.hits)


def person_pattern(verb: Verb) -> VerbPattern | None:
    """The verb's "+" pattern for a named person as object, used when the person is the passive subject."""
    return next((p for p in verb.patterns if p.roles == "person" and len(p.after) == 1 and not p.before
                 and p.after[0].kind == "target"), None)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _word_at(sent: Sentence, k: int, words: tuple[str, ...], exact: bool = False) -> bool:
    lower = sent.lower
    if k + len(words) > len(lower):
        return False
    if exact:
        return tuple(lower[k:k + len(words)]) == words
    sing = singulars(sent)
    return all(lower[k + j] == w or sing[k + j] == w for j, w in enumerate(words))


def _element_at(el: Element, k: int, sent: Sentence, actors: SentenceActors) -> tuple[int, Mention | None] | None:
    """If ``el`` matches starting at token ``k``: (end index, mention for slots)."""
    if el.kind == "word":
        if _word_at(sent, k, el.words, el.exact):
            return k + len(el.words), None
        return None
    if el.kind == "set":
        for opt in el.options:
            if _word_at(sent, k, opt):
                return k + len(opt), None
        return None
    if el.kind in _SLOTS:
        m = actors.by_start.get(k)
        if m is None:
            return None
        if el.kind == "compound":
            group = actors.group_of(m)
            return (max(x.end for x in group), m) if _is_list(group) else None
        return m.end, m
    return None


def _is_list(group: list[Mention]) -> bool:
    return len({x.code for x in group}) >= 2


_BORDER_NOUNS = frozenset({"border", "borders", "frontier", "boundary"})
_ATTRIBUTION_VERBS = frozenset({"said", "says", "told", "added", "stated", "reported", "announced", "wrote"})


def _attribution_after(k: int, lower: list[str], actors: SentenceActors) -> bool:
    """Does ", X said" start at ``k`` (an actor, at most two words into it, then a saying verb)?"""
    for j in range(k, min(len(lower), k + 3)):
        m = actors.by_start.get(j)
        if m is not None:
            return m.end < len(lower) and lower[m.end] in _ATTRIBUTION_VERBS
    return False


def _find_forward(el: Element, pos: int, sent: Sentence, actors: SentenceActors, limit: int,
                  slots: dict[str, Mention], words: set[int], max_gap: int = MAX_GAP,
                  across_places: bool = False) -> int | None:
    gap = 0 if el.adjacent else max_gap
    if el.kind in _SLOTS and not el.adjacent:
        gap = max(4, max_gap)
    lower = sent.lower
    if el.kind in ("word", "set"):
        # only the few positions the gap allows can hold the element's first word
        firsts = (el.words[0],) if el.kind == "word" else {o[0] for o in el.options if o}
        sing = singulars(sent)
        for k in range(pos, min(limit, _last_start(lower, pos, limit, gap) + 1)):
            if lower[k] in ("with", "to") and k > pos and lower[k - 1] in _BORDER_NOUNS and (k - 1) not in words:
                continue  # "drills near the border with South Korea": the border's "with", not the verb's
            if lower[k] in firsts or sing[k] in firsts:
                r = _element_at(el, k, sent, actors)
                if r is not None:
                    words.update(range(k, r[0]))
                    return r[0]
        return None
    k = pos
    skipped = 0
    while k < limit:
        r = _element_at(el, k, sent, actors)
        if r is not None:
            if r[1] is not None:
                slots["target" if el.kind == "compound" else el.kind] = r[1]
            else:
                words.update(range(k, r[0]))
            return r[0]
        # a target slot does not reach across a place phrase ("meet him in Geneva" is not "meet Geneva"),
        # unless the pattern skipped a phrase to get there ("Tabaski ^ $": "with Eritrea next week at X")
        if lower[k] in _PLACE_PREPS and not across_places:
            return None
        if lower[k] == "," and _attribution_after(k + 1, lower, actors):
            return None  # "will defend its ally, Biden said": the speaker is no object
        # hyphens do not count against the gap: "a 72-hour ceasefire"
        if lower[k] not in ("-", "–"):
            skipped += 1
        if skipped > gap:
            return None
        k += 1
    return None


def _last_start(lower: list[str], pos: int, limit: int, gap: int) -> int:
    """The last index an element may start at: at most ``gap`` tokens skipped, hyphens not counted."""
    skipped = 0
    k = pos
    while k < limit:
        if lower[k] not in ("-", "–"):
            if skipped == gap:
                return k
            skipped += 1
        k += 1
    return limit - 1


_ARTICLE_WORDS = frozenset({("the",), ("a",), ("an",)})


def _find_backward(el: Element, pos: int, sent: Sentence, actors: SentenceActors,
                   slots: dict[str, Mention], words: set[int], max_gap: int = MAX_GAP) -> int | None:
    gap = 0 if el.adjacent else max_gap
    # an article before the verb ("the * at +": the noun "fire") belongs to it only when no actor stands
    # between them: "The United States fired ... at Russia" is no noun
    article = el.kind == "word" and el.words in _ARTICLE_WORDS
    for k in range(pos - 1, max(-1, pos - 2 - gap), -1):
        if article and k in actors.covered:
            return None
        if el.kind in _SLOTS:
            m = actors.by_end.get(k + 1)
            if m is None:
                continue
            if el.kind != "compound":
                slots[el.kind] = m
                return m.start
            group = actors.group_of(m)
            if _is_list(group):
                slots["source"] = slots["%"] = m
                return min(x.start for x in group)
            continue
        widths = {len(el.words)} if el.kind == "word" else {len(o) for o in el.options}
        for width in sorted(widths, reverse=True):
            start = k - width + 1
            r = _element_at(el, start, sent, actors) if start >= 0 else None
            if r is not None and r[0] == k + 1:
                words.update(range(start, k + 1))
                return start
    return None
