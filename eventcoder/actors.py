"""Actor recognition: dictionary phrases in a sentence, composed into actor mentions.

"British Foreign Secretary Liz Truss" is three dictionary hits (a country adjective, an agent
title, a person) but one mention with one code; "Russian troops" is RUS + MIL = RUSMIL;
"the foreign minister of Ukraine" is UKRGOV; "police" alone is ---COP. Mentions joined by
"and" form a coordinated group, which yields one event per member.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import compress

from .dictionaries.model import PHRASE_GAP, Origin
from .lexicon import CASE_CAP, CASE_EXACT, CASE_TITLE, Lexicon, PhraseEntry, hit_role, segments, title_words
from .text import Sentence

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
                         "our", "my", "your", "some", "several", "many", "two", "three", "both", "all",
                         "other", "another", "top", "senior", "former", "ex", "then", "new", "acting",
                         "unnamed", "unidentified", "local", "armed", "fellow", "pro", "anti"})
PREPOSITIONS = frozenset({"in", "at", "near", "on", "of", "from", "to", "with", "against", "by", "for", "into",
                          "onto", "inside", "outside", "across", "throughout", "within", "around", "over",
                          "toward", "towards", "between", "among", "amid", "along", "behind", "beyond",
                          "through", "under", "upon", "without", "about", "after", "before", "during",
                          "including", "like", "than", "via", "off"})
# Prepositions that put an actor in a place ("in Kathmandu", "near Kyiv").
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"})
# Function words that may not sit inside a composed mention ("Russian state television" may).
_NOT_MODIFIERS = frozenset({"and", "or", "but", "that", "which", "who", "said", "says", "is", "was", "were",
                            "are", "has", "have", "had", "will", "would", "not", "to", "be", "been", "it",
                            "he", "she", "they", "we", "i", "as", "if", "than", "then", "also"}) | PREPOSITIONS
_JOIN_POSSESSIVE = frozenset({"'s", "'"})
_PERSON_ROLES = frozenset({"GOV", "ELI", "OPP", "JUD", "LEG", "REL", "MED", "HRI", "BUS", "EDU", "HLH"})
# Heads that make any agent a person ("army chief", "police commander", "rebel leader"), whatever its role.
_PERSON_HEADS = frozenset({"chief", "commander", "general", "officer", "official", "leader", "spokesman",
                           "spokeswoman", "spokesperson", "colonel", "admiral", "brigadier", "lieutenant",
                           "marshal", "commissioner", "sergeant", "policeman", "policewoman", "soldier"})
_COORD = frozenset({"and", "or", "nor", "&"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_POSSESSIVES = _POSSESSIVE_PRONOUNS
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those"}) | _POSSESSIVE_PRONOUNS
# "X-protected", "X-made" ...: X qualifies a thing ("the UN-protected enclave"); "X-led" is kept ("the
# Saudi-led coalition" is Saudi Arabia's).
_MADE_BY = frozenset({"protected", "made", "built", "supplied", "brokered", "drafted", "sponsored", "funded",
                      "financed", "owned", "run", "held", "controlled", "occupied", "administered", "annexed",
                      "manufactured", "designed", "born", "based", "educated", "trained", "armed", "backed",
                      "supported", "allied", "aligned", "installed", "appointed", "imposed", "mediated"})


@dataclass(slots=True)
class Hit:
    """One dictionary phrase found in the sentence."""

    start: int
    end: int
    entry: PhraseEntry
    code: str  # actor code at the sentence date, or the agent's role code
    origin: Origin
    role: str  # "country" (bare country/place code), "named" (person/org/...), "agent"
    attributive: bool = False  # "pro-EU", "anti-Israel": what someone is for or against

    @property
    def label(self) -> str:
        e = self.entry
        if e.agent is not None:
            return f"agent {e.agent.phrase!r} [{e.agent.code}]"
        return f"{e.actor.kind} {e.actor.name!r} [{self.code}]"


@dataclass(slots=True)
class Mention:
    """A composed actor mention: its tokens, its code, and the hits it was built from."""

    start: int
    end: int
    code: str
    text: str
    hits: list[Hit]
    prep: str | None = None  # preposition right before it ("in Moscow"), determiners skipped
    group: int = -1  # coordination group id (index of the first member)
    person: bool = False  # a single person-like mention (for he/she)

    @property
    def country(self) -> str:
        return self.code[:3]

    def recoded(self, code: str) -> Mention:
        """The same mention with another code ("Georgians" as GEOCVL, "its warships" as RUSMIL)."""
        return replace(self, code=code)


@dataclass(slots=True)
class SentenceActors:
    hits: list[Hit]
    mentions: list[Mention]
    by_start: dict[int, Mention] = field(default_factory=dict)
    by_end: dict[int, Mention] = field(default_factory=dict)  # keyed by mention.end
    covered: set[int] = field(default_factory=set)  # token indexes inside dictionary hits

    def group_of(self, m: Mention) -> list[Mention]:
        return [x for x in self.mentions if x.group == m.group]


def find_hits(sent: Sentence, lex: Lexicon, date: dt.date | None) -> list[Hit]:
    words, lower = sent.words, sent.lower
    n = len(lower)
    hits: list[Hit] = []
    by_length = lex.phrases_by_length
    folded = tuple(lower)
    nxt = 0  # first token not yet inside a hit
    for i in compress(range(n), map(by_length.__contains__, lower)):
        if i < nxt:
            continue
        # one dict lookup per phrase length present for this first word, longest first; the first entry
        # whose case rule fits wins
        for k, table in by_length[lower[i]]:
            if i + k > n:
                continue
            found = table.get(folded[i:i + k])
            if not found:
                continue
            for e in found:
                if e.case == CASE_EXACT and tuple(words[i:i + k]) != e.exact:
                    continue
                if e.case == CASE_CAP and not _capitalised(words[i]):
                    continue
                if e.case == CASE_TITLE and not all(_capitalised(words[i + j]) for j in title_words(e.exact)):
                    continue
                nxt = i + k
                if e.agent is not None:
                    hit = Hit(i, nxt, e, e.agent.code, e.agent.origin, "agent")
                else:
                    # an actor with no code at this date ("the Soviet Union" in 2021) still owns its words:
                    # "Union" must not become the labour-union agent
                    fixed = e.fixed or _code_at(e, date)
                    hit = None if fixed is None else Hit(i, nxt, e, fixed[0], fixed[1], fixed[2])
                    if hit is not None and hit.code.startswith("MNC") and nxt < n and words[nxt][:1].isupper() \
                            and words[nxt].isalpha() and lower[nxt] not in by_length:
                        hit = None  # "the Apple Daily newspaper": a company name inside a longer name is not it
                    if nxt + 1 < n and lower[nxt] in ("-", "–") and lower[nxt + 1] in _MADE_BY:
                        hit = None  # "the UN-protected enclave", "Iranian-made drones": not an actor of the event
                if hit is not None:
                    if i and lower[i - 1] in _ATTRIBUTIVE_MARKS:
                        hit.attributive = (i >= 2 and lower[i - 1] in ("-", "–") and lower[i - 2] in (
                            "pro", "anti", "non")) or lower[i - 1] in ("pro-", "anti-", "non-")
                    hits.append(hit)
                break
            if nxt > i:
                break
    if lex.gapped:
        hits = _with_gapped(sent, lex, date, hits)
    return hits


# At most this many tokens stand in the gap of a gapped phrase ("state - run" of "Ruritania state-run television").
_GAP_TOKENS = 4


def _with_gapped(sent: Sentence, lex: Lexicon, date: dt.date | None, hits: list[Hit]) -> list[Hit]:
    """Add the hits of phrases with a gap ("Ruritania ... Television"). One replaces the phrases it covers when it
    has more words than the phrase at its start; it never cuts another phrase in half nor has a name in its gap."""
    words, lower = sent.words, sent.lower
    n = len(lower)
    inflected = lex.inflected
    gapped = lex.gapped
    for i in compress(range(n), map(gapped.__contains__, lower)):
        best: tuple[int, int, list[int], PhraseEntry] | None = None  # (-words, end, gap tokens, entry)
        for g in gapped[lower[i]]:
            j0 = i + len(g.head)
            if tuple(lower[i:j0]) != g.head:
                continue
            # the index finds the entries whose words after the first gap are there; _gapped_match checks all
            for j in range(j0, min(n, j0 + _GAP_TOKENS) + 1):
                if j > j0 and not _gap_word(lower, j - 1, inflected):
                    break
                for k, table in g.after:
                    for e in table.get(tuple(lower[j:j + k]), ()):
                        m = _gapped_match(e, words, lower, i, inflected)
                        if m is not None:
                            key = (-(len(e.tokens) - e.tokens.count(PHRASE_GAP)), m[0], m[1], e)
                            if best is None or key[:2] < best[:2]:
                                best = key
        if best is None:
            continue
        size, end, gap, e = -best[0], best[1], best[2], best[3]
        inside = [h for h in hits if h.start < end and h.end > i]
        if any(h.start < i or h.end > end or (h.role != "agent" and any(h.start <= k < h.end for k in gap))
               for h in inside):
            continue
        head = next((h for h in inside if h.start == i), None)
        if head is not None and len(head.entry.tokens) - head.entry.tokens.count(PHRASE_GAP) >= size:
            continue
        if e.agent is not None:
            hit = Hit(i, end, e, e.agent.code, e.agent.origin, "agent")
        else:
            fixed = e.fixed or _code_at(e, date)
            if fixed is None:
                continue
            hit = Hit(i, end, e, fixed[0], fixed[1], fixed[2])
        hits = sorted([h for h in hits if h not in inside] + [hit], key=lambda h: h.start)
    return hits


def _gap_word(lower: list[str], j: int, inflected: frozenset[str]) -> bool:
    """May token ``j`` stand in a phrase's gap? Noun-phrase modifiers: not function words, nor verb forms unless
    hyphenated to the word before ("state-run"); hyphens and possessive marks."""
    w = lower[j]
    return w in ("-", "–") or w in _JOIN_POSSESSIVE or (
        w[0].isalnum() and w not in _NOT_MODIFIERS and w not in _ARTICLES
        and (w not in inflected or lower[j - 1] in ("-", "–")))


def _gapped_match(e: PhraseEntry, words: list[str], lower: list[str], i: int,
                  inflected: frozenset[str]) -> tuple[int, list[int]] | None:
    """(end, gap token indexes) of the gapped phrase ``e`` starting at token ``i``, else None. Each run of
    adjacent words is taken at its first place after up to _GAP_TOKENS gap words."""
    if e.case in (CASE_CAP, CASE_TITLE) and not _capitalised(words[i]):  # (a gap's words have their own case)
        return None
    exact = e.exact if e.case == CASE_EXACT else None
    toks, n = e.tokens, len(lower)
    gap: list[int] = []
    j = i
    for s, seg in enumerate(segments(toks)):
        k = len(seg)
        if s:
            limit = min(n, j + _GAP_TOKENS)
            while tuple(lower[j:j + k]) != seg:
                if j >= limit or not _gap_word(lower, j, inflected):
                    return None
                gap.append(j)
                j += 1
        elif tuple(lower[j:j + k]) != seg:
            return None
        j += k
    if exact is not None and [words[x] for x in range(i, j) if x not in gap] != [t for t in exact if t != PHRASE_GAP]:
        return None
    return j, gap


_ATTRIBUTIVE_MARKS = frozenset({"-", "–", "pro-", "anti-", "non-"})


def _capitalised(word: str) -> bool:
    c = word[0]
    return c.isupper() or not c.isalpha()


def _code_at(e: PhraseEntry, date: dt.date | None) -> tuple[str, Origin, str] | None:
    """(code, origin, role) of a dated actor's entry at ``date``; None when it has no code then."""
    period = e.actor.code_at(date)
    if period is None:
        return None  # the actor has no code for this date (e.g. a state that no longer exists)
    return period.code, period.origin, hit_role(period.code, e.actor.kind)


def compose(sent: Sentence, hits: list[Hit], verb_like: set[int]) -> SentenceActors:
    """Merge adjacent hits into mentions, then mark coordinated groups."""
    lower, words = sent.lower, sent.words
    groups: list[list[Hit]] = []
    # "pro-EU protesters": the EU is what the protesters are for, not who they are
    hits = [h for k, h in enumerate(hits) if not (h.attributive and k + 1 < len(hits)
                                                  and hits[k + 1].role == "agent" and hits[k + 1].start == h.end)]
    # "on his first official foreign visit", "its military operations": an agent word that modifies a noun
    hits = [h for k, h in enumerate(hits) if not _modifies_noun(h, lower, verb_like, hits[k + 1] if k + 1 < len(hits)
                                                                 else None)]
    for h in hits:
        if groups and _joins(groups[-1], h, lower, verb_like):
            groups[-1].append(h)
        else:
            groups.append([h])
    mentions: list[Mention] = []
    skip: set[int] = set()
    for gi, g in enumerate(groups):
        if gi in skip:
            continue
        owner = next((k for k, h in enumerate(g[:-1]) if h.role == "country" and lower[h.end] in _JOIN_POSSESSIVE),
                     -1)
        # the code depends only on what _code_key holds of each hit: the same few combinations recur all corpus long
        key = (owner, *map(_code_key, g))
        code = _CODE_MEMO.get(key)
        if code is None:
            if len(_CODE_MEMO) > 200_000:
                _CODE_MEMO.clear()
            code = _CODE_MEMO[key] = _compose_code(g, g[owner] if owner >= 0 else None)
        start, end = g[0].start, g[-1].end
        # Absorb a following unknown proper name ("US envoy Karen Donfried") into the mention.
        while end < len(words) and end not in verb_like and words[end][:1].isupper() and words[end].isalpha() \
                and lower[end] not in _NOT_MODIFIERS and any(x.role == "agent" for x in g) \
                and not any(x.role == "named" for x in g):
            end += 1
        # "the European Union (EU)": the acronym in brackets belongs to the name
        close = _bracketed_acronym(words, end)
        if close:
            if gi + 1 < len(groups) and groups[gi + 1][0].start > end and groups[gi + 1][-1].end < close:
                skip.add(gi + 1)
            end = close
        m = Mention(start, end, code, _span_text(sent, start, end), g, prep=_prep_before(lower, start, words))
        m.person = any(x.entry.actor is not None and x.entry.actor.kind == "person" for x in g) or (
            g[-1].role == "agent" and not g[-1].entry.tokens[-1].endswith("s")
            and (g[-1].code[:3] in _PERSON_ROLES or g[-1].entry.tokens[-1] in _PERSON_HEADS)
        )  # "the minister", "the army chief" can be "he"; "troop", "police", "the army" cannot
        mentions.append(m)
    _coordinate(mentions, sent, verb_like)
    _ethnic_groups(mentions, lower)
    out = SentenceActors(hits, mentions)
    for m in mentions:
        out.by_start[m.start] = m
        out.by_end[m.end] = m
    for h in hits:
        out.covered.update(range(h.start, h.end))
    return out


def _ethnic_groups(mentions: list[Mention], lower: list[str]) -> None:
    """"ethnic Albanian villagers in Kosovo", "ethnic Russians in Ukraine": a demonym after "ethnic" names a
    people, not the state; its country is the place the sentence puts them in (else unknown)."""
    for m in mentions:
        if m.start == 0 or lower[m.start - 1] != "ethnic" or m.hits[0].role != "country":
            continue
        place = next((p for p in mentions if p.start >= m.end and p.prep in ("in", "from", "of")
                      and p.hits[0].role == "country" and p.code[:3] != m.code[:3] and len(p.code) == 3), None)
        m.code = (place.code[:3] if place is not None else "---") + m.code[3:]


_QUANTIFYING = frozenset({"a", "an", "any", "no", "every", "each", "first", "this", "that"})


def _modifies_noun(h: Hit, lower: list[str], verb_like: set[int], following: Hit | None) -> bool:
    """An agent word after a possessive pronoun and before a plain noun is an adjective: "his first official
    foreign visit" (not an official), "its military operations"."""
    if h.role != "agent" or h.end >= len(lower) or (following is not None and following.start == h.end):
        return False
    nxt = lower[h.end]
    if not nxt.isalpha() or nxt in _NOT_MODIFIERS or h.end in verb_like:
        return False
    if h.entry.tokens == ("official",) and h.start > 0 and lower[h.start - 1] in _QUANTIFYING \
            and not nxt.endswith("s"):
        return True  # "any official contact", "an official visit": the adjective, not an official
    j = h.start - 1
    while j >= 0 and h.start - j <= 2 and lower[j] not in _POSSESSIVE_PRONOUNS and lower[j].isalpha() \
            and lower[j] not in _NOT_MODIFIERS and j not in verb_like:
        j -= 1
    return j >= 0 and lower[j] in _POSSESSIVE_PRONOUNS


def _bracketed_acronym(words: list[str], end: int) -> int:
    """The end of "( EU )" right at ``end`` (one or two upper-case tokens in brackets), else 0."""
    if end >= len(words) or words[end] != "(":
        return 0
    for close in (end + 2, end + 3):
        if close < len(words) and words[close] == ")":
            inner = words[end + 1:close]
            return close + 1 if all(w.isupper() and w.replace(".", "").isalpha() for w in inner) else 0
    return 0


def _joins(group: list[Hit], h: Hit, lower: list[str], verb_like: set[int]) -> bool:
    last = group[-1]
    gap = lower[last.end:h.start]
    if not gap:
        return True
    if len(gap) == 1 and gap[0] in _JOIN_POSSESSIVE:
        return True  # "Russia's foreign minister"
    if gap[0] in _JOIN_POSSESSIVE and h.role == "agent" and _modifiers(gap[1:], last.end + 1, verb_like):
        return True  # "Italy's awful and evil minister"
    roles = {x.role for x in group}
    if len(gap) == 2 and gap[1] == "the":
        gap = gap[:1]  # "the foreign minister of the Netherlands", "a spokesman for the Pakistani Taliban"
    if len(gap) == 1 and gap[0] in ("of", "from", "in") and roles == {"agent"} and h.role in ("country", "named") \
            and not (group[0].start > 0 and lower[group[0].start - 1] in _POSSESSIVES):
        # "the foreign minister of Ukraine", "troops from Chad", "police in Kenya" (but "withdrew its troops
        # from Syria": the troops are the subject's)
        return True
    if gap == ["for"] and roles == {"agent"} and h.role in ("country", "named") \
            and last.entry.tokens[-1].startswith("spokes"):
        return True  # "a spokesman for Germany's foreign ministry"
    if h.role == "agent" and len(gap) <= 2 and all(
            w.isalpha() and w not in _NOT_MODIFIERS and w not in ("a", "an", "the")
            and (last.end + k) not in verb_like
            for k, w in enumerate(gap)):
        return "country" in roles or "named" in roles  # "Russian state television"
    if h.role == "agent" and len(gap) <= 4 and any(c.isdigit() for w in gap for c in w) and all(
            (w.replace("-", "").isalnum() or w in ("-", "–")) and w not in _NOT_MODIFIERS
            and (last.end + k) not in verb_like for k, w in enumerate(gap)):
        return "country" in roles or "named" in roles  # "Thai F-16 jets", "Russian Su-25 aircraft"
    return False


def _modifiers(words: list[str], at: int, verb_like: set[int]) -> bool:
    """One or two plain adjectives, or two joined by and/or/a comma: "new", "awful and evil"."""
    if len(words) == 3 and words[1] in ("and", "or", ","):
        pairs = [(words[0], at), (words[2], at + 2)]
    elif len(words) <= 2:
        pairs = [(w, at + k) for k, w in enumerate(words)]
    else:
        return False
    return all(w.isalpha() and w not in _NOT_MODIFIERS and w not in _ARTICLES and k not in verb_like
               for w, k in pairs)


# (owner position, _code_key of each hit) -> the code _compose_code gives them
_CODE_MEMO: dict[tuple, str] = {}


def _code_key(h: Hit) -> tuple:
    """Everything of a hit that _compose_code reads."""
    e = h.entry
    return h.role, h.code, e.agent is not None and e.agent.prefix, e.actor.kind if e.actor is not None else ""


def _compose_code(group: list[Hit], owner: Hit | None = None) -> str:
    """The code of one mention. ``owner``: a possessive country ("Italy's minister Tajani")."""
    named = [h for h in group if h.role == "named"]
    countries = [h for h in group if h.role == "country"]
    prefixed = [h for h in group if h.role == "agent" and h.entry.agent.prefix]
    agents = [h for h in group if h.role == "agent" and not h.entry.agent.prefix]
    if named:
        head = named[-1]
        # "NATO troops" -> IGOWSTNAT + MIL, "the leader of Hamas"; a code that already has a role keeps
        # it ("Hamas fighters", "ELN rebels"); a person's code already carries the role.
        primary = head.entry.actor.kind != "person" and not (_chunks(head.code) & ROLE_CODES)
        code = _add_roles(head.code, agents, primary)
    elif countries:
        code = _add_roles((owner or countries[-1]).code, agents, True)
    elif agents:
        code = _add_roles("---", agents, True)
    else:
        code = "---"
    if prefixed and (named or countries):
        # prefix agents put their role first: "MSF Kenya" -> NGO + KEN, "an MSF Austria diplomat" -> NGOARNGOV
        code = prefixed[-1].code + code
    return code


def _add_roles(base: str, agents: list[Hit], primary: bool) -> str:
    """Append the agents' roles to ``base``: the head noun's primary role (the last one: "government
    troops" are MIL), when ``primary`` allows one, and every other code in order ("Danish Islamist media"
    -> DNK + MUS + MED), none twice."""
    roles = [a.code for a in agents]
    head = max((k for k, r in enumerate(roles) if r[:3] in ROLE_CODES), default=-1)
    for k, r in enumerate(roles):
        if r[:3] in ROLE_CODES and (k != head or not primary):
            continue
        if r not in _chunks(base) and not base.endswith(r):
            base += r
    return base


ROLE_CODES = frozenset({"GOV", "MIL", "REB", "COP", "OPP", "JUD", "LEG", "BUS", "MED", "CVL", "EDU", "REF", "HLH",
                        "LAB", "ELI", "SPY", "CRM", "HRI", "ENV", "AGR", "REL", "UAF", "SEP", "INS", "PTY", "RAD"})


def _chunks(code: str) -> set[str]:
    return {code[i:i + 3] for i in range(3, len(code), 3)}


def _coordinate(mentions: list[Mention], sent: Sentence, verb_like: set[int] = frozenset()) -> None:
    """Give "A and B", "A, B and C", "A as well as B" the same group id."""
    lower = sent.lower
    for i, m in enumerate(mentions):
        if m.group < 0:
            m.group = i
    extra: list[Mention] = []
    i = 0
    while i < len(mentions) - 1:
        j = i
        chain = [i]
        closed = False
        while j + 1 < len(mentions):
            gap = lower[mentions[j].end:mentions[j + 1].start]
            gap = [w for w in gap if w not in DETERMINERS or w in ("all", "both")]
            # "France and the evil awful Ghana", "Morocco, the awful France, and good Ghana": modifiers
            # of the next member do not break the list
            start = mentions[j + 1].start
            k = 0
            while len(gap) > 1 and k < 3 and gap[-1].isalpha() and gap[-1] not in _NOT_MODIFIERS \
                    and ((start - 1 - k) not in verb_like or gap[-1] in _PLACE_ADJECTIVES):
                gap = gap[:-1]
                k += 1
            if gap in ([","],) and not closed:
                chain.append(j + 1)
                j += 1
                continue
            if gap and (gap[-1] in _COORD or gap[-2:] == ["well", "as"]) and all(
                    w in _COORD or w in (",", "as", "well") for w in gap):
                chain.append(j + 1)
                closed = True
                j += 1
                continue
            break
        if closed and len(chain) == 2 and "," in lower[mentions[chain[0]].end:mentions[chain[1]].start] \
                and mentions[chain[1]].end in verb_like:
            # "withdrew from the city of Kherson, and Ukrainian troops entered": ", and" opens a clause
            chain.pop()
            closed = False
            j = chain[-1]
        if closed and len(chain) >= 2 and (_clause_join(mentions[chain[0]], mentions[chain[-1]], lower, verb_like) or (
                mentions[chain[0]].prep == "by" and mentions[chain[-1]].end in verb_like)):
            # ("was shot down by Russia and Baku demanded ...": an agent phrase ends before a new clause)
            # "Russia warned the government and China praised Ukraine": "and" joins two clauses
            chain.pop()
            closed = len(chain) >= 2
            j = chain[-1]
        if closed:
            # Only members up to the last explicit conjunction belong to the list.
            for k in chain:
                mentions[k].group = mentions[i].group
                # "into the World Trade Center and the Pentagon": later members share the first's preposition
                if mentions[k].prep is None:
                    mentions[k].prep = mentions[chain[0]].prep
            extra.extend(_share_role(mentions, chain, sent))
        i = max(j, i + 1) if closed else i + 1
    mentions.extend(extra)


def nationals(m: Mention, sent: Sentence) -> bool:
    """"Georgians", "two Americans": a country's people named by a plural demonym (not the state itself)."""
    e = m.hits[0].entry
    return len(m.code) == 3 and m.end - m.start == 1 and e.actor is not None and e.actor.kind == "country" \
        and e.phrase != e.actor.name and sent.words[m.start].endswith("s")


def _attributive_abbreviation(m: Mention, sent: Sentence) -> bool:
    """"US and British activists", "UK and French diplomats": a country abbreviation before "and" is used
    like an adjective."""
    word = sent.words[m.start]
    return m.end - m.start == 1 and 2 <= len(word.replace(".", "")) <= 3 and word.replace(".", "").isupper()


def _clause_join(first: Mention, last: Mention, lower: list[str], verb_like: set[int]) -> bool:
    """An object list cannot end in a new clause's subject: verb before the first, verb after the last."""
    j = first.start - 1
    while j >= 0 and lower[j] in DETERMINERS:
        j -= 1
    return j >= 0 and j in verb_like and last.end in verb_like


def _share_role(mentions: list[Mention], chain: list[int], sent: Sentence) -> list[Mention]:
    """"the leaders of Russia and China": the role of the first member extends to bare countries;
    "Danish media and government": the country of the first member extends to bare agents;
    "lawmakers and officials in France and Ghana": every agent of every country (the mentions
    this needs beyond the list's own are returned, to be added to the sentence's)."""
    members = [mentions[k] for k in chain]
    cross = _cross_product(members, sent)
    if cross is not None:
        return cross
    first = mentions[chain[0]]
    last = mentions[chain[-1]]
    if last.hits[-1].role == "agent" and len(last.code) > 3 and last.code[:3] != "---":
        # "American and Russian troops": the head noun's role belongs to every bare adjective before it;
        # "Israeli and Hamas delegations": the role only, not the group that owns the last member
        role = last.code[3:] if all(h.role != "named" for h in last.hits) else "".join(
            h.code for h in last.hits if h.role == "agent")
        for k in chain[:-1]:
            m = mentions[k]
            if len(m.code) == 3 and (all(h.entry.adjective for h in m.hits) or _attributive_abbreviation(m, sent)):
                m.code += role
    if first.code[:3] != "---":
        for k in chain[1:]:
            m = mentions[k]
            if m.code.startswith("---") and all(h.role == "agent" for h in m.hits):
                m.code = first.code[:3] + m.code[3:]
    if len(first.code) <= 3 or first.hits[0].role != "agent":
        return []
    role = first.code[3:]
    for k in chain[1:]:
        m = mentions[k]
        if len(m.code) == 3:
            m.code += role
    return []


def _cross_product(members: list[Mention], sent: Sentence) -> list[Mention] | None:
    """Bare agents, then "AGENT in/of/from COUNTRY", then bare countries: one member per agent and country,
    each with the text of the whole list ("police and soldiers in Kenya and Uganda")."""
    pivot = next((k for k, m in enumerate(members) if m.hits[0].role == "agent" and m.hits[-1].role == "country"
                  and len(m.hits) == 2), None)
    if not pivot:  # None, or no bare agent before it
        return None
    agents, countries = members[:pivot + 1], members[pivot:]
    if not all(m.code.startswith("---") and all(h.role == "agent" for h in m.hits) for m in agents[:-1]) or \
            not all(len(m.code) == 3 and m.hits[-1].role == "country" for m in countries[1:]):
        return None
    codes = [c.hits[-1].code + a.code[3:] for a in agents for c in countries]
    text = _span_text(sent, members[0].start, members[-1].end)
    for m, code in zip(members, codes):
        m.code, m.text = code, text
    return [Mention(members[-1].start, members[-1].end, code, text, members[-1].hits, members[-1].prep,
                    members[-1].group) for code in codes[len(members):]]


# "Thousands of protesters", "members of the Russian army": "of" after these is not a prepositional phrase.
QUANTIFIERS = frozenset({"thousands", "hundreds", "dozens", "millions", "scores", "tens", "number", "group",
                         "groups", "members", "member", "some", "many", "most", "all", "one", "two", "three",
                         "several", "couple", "lot", "lots", "majority", "delegation", "team", "teams", "unit",
                         "units", "contingent", "bunch", "handful", "crowd", "crowds", "band", "rest", "each",
                         "none", "both", "leaders", "leader", "head", "chief", "representatives", "envoys",
                         "ministers", "officials", "troops", "forces", "soldiers", "supporters", "thousand",
                         "hundred", "million"})


_PLACE_ADJECTIVES = frozenset({"occupied", "northern", "southern", "eastern", "western", "central", "disputed",
                               "annexed", "besieged", "contested", "entire", "whole", "north", "south", "east",
                               "west", "northeastern", "northwestern", "southeastern", "southwestern", "coastal",
                               "breakaway", "restive", "neighbouring", "neighboring", "rebel-held", "remote"})


_ARTICLES3 = frozenset({"the", "a", "an"})


def _prep_before(lower: list[str], start: int, words: list[str] | None = None) -> str | None:
    j = start - 1
    if words is not None and j > 0 and words[j][:1].isupper() and words[j].isalpha() and lower[j - 1] in _ARTICLES3:
        j -= 1  # "on the Nuseirat refugee camp": a name the dictionaries lack may stand before the noun
    while j >= 0 and (lower[j] in DETERMINERS or lower[j] in _PLACE_ADJECTIVES):
        j -= 1
    if j >= 0 and lower[j] in PREPOSITIONS:
        if lower[j] == "of" and j >= 1 and (lower[j - 1] in QUANTIFIERS or lower[j - 1].isdigit()):
            return None
        return lower[j]
    return None


def _span_text(sent: Sentence, start: int, end: int) -> str:
    a = sent.starts[start]
    b = sent.starts[end - 1] + len(sent.words[end - 1])
    return sent.text[a:b]
