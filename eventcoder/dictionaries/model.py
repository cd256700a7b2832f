"""The in-memory dictionary model: what every dictionary format (native CSV, PETRARCH) loads into.

Plain data classes only; matching lives in ``eventcoder.actors`` and ``eventcoder.verbs``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

ACTOR_CODE_RE = re.compile(r"^(?:[A-Z0-9]{3}|---)(?:[A-Z0-9]{3})*$")
ROLE_CODE_RE = re.compile(r"^(?:[A-Z0-9]{3})+$")

ACTOR_KINDS = ("country", "place", "person", "org", "group")

# A word of its own inside an actor or agent phrase: a few noun-phrase modifiers may stand there in the text
# ("Ruritania ... Television" matches "Ruritania state-run television"). PETRARCH writes it as a blank (``_`` joins
# words that must be adjacent).
PHRASE_GAP = "..."


def misplaced_gap(phrase: str) -> bool:
    """A PHRASE_GAP that does not stand between two words ("... Television", "Ruritania ... ... TV")."""
    words = phrase.split()
    return PHRASE_GAP in words and (words[0] == PHRASE_GAP or words[-1] == PHRASE_GAP or any(
        a == b == PHRASE_GAP for a, b in zip(words, words[1:])))


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an entry came from: shown in lint messages, `explain` and the pattern_id column."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Problem:
    """A dictionary error or warning, with enough context to fix it."""

    origin: Origin
    message: str
    severity: str = "error"  # "error": the entry was skipped; "warning": loaded but suspicious

    def __str__(self) -> str:
        return f"{self.origin}: {self.severity}: {self.message}"


class DictionaryError(Exception):
    """Raised in strict mode at the first problem; the message names file and line."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class ProblemCollector:
    """Problems go to ``dset.problems``; in strict mode the first error raises (shared by all loaders)."""

    def __init__(self, dset: DictionarySet, strict: bool):
        self.dset = dset
        self.strict = strict

    def error(self, origin: Origin, message: str, severity: str = "error") -> None:
        problem = Problem(origin, message, severity)
        self.dset.problems.append(problem)
        if self.strict and severity == "error":
            raise DictionaryError(problem)

    def warn(self, origin: Origin, message: str) -> None:
        self.error(origin, message, "warning")


@dataclass(frozen=True, slots=True)
class CodePeriod:
    # A PETRARCH "coded compound" writes several codes joined by "/" ("FRO/BIL/SAM"): the mention
    # stands for each of them (one event per code). Native dictionaries never contain "/".
    code: str
    start: dt.date | None
    end: dt.date | None
    origin: Origin

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Actor:
    """A named actor: one name, many phrases, one code per period (plus an undated default)."""

    name: str
    kind: str
    phrases: list[str] = field(default_factory=list)
    periods: list[CodePeriod] = field(default_factory=list)
    default: CodePeriod | None = None

    def code_at(self, day: dt.date | None) -> CodePeriod | None:
        """The code period in force on ``day``; the default when none is, or when the day is unknown."""
        if day is not None:
            for p in self.periods:
                if p.contains(day):
                    return p
        if self.default is not None:
            return self.default
        if day is None and self.periods:
            # Unknown date and no default: the most recent period is the best guess.
            return max(self.periods, key=lambda p: p.start or dt.date.min)
        return None


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic agent noun or title: adds a role to a country (``troops`` → MIL)."""

    code: str
    phrase: str
    origin: Origin
    # PETRARCH "NGO~": the role goes *before* the actor code (NGO + GON = NGOGON) instead of after it.
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a verb pattern.

    kind: "word" (``words`` must match adjacent tokens), "set" (any phrase of ``options``),
    "target" (+), "source" ($), "verb" (*); from PETRARCH dictionaries also "compound" (%: a
    compound actor whose members are source and target of each other) and "skip" (^: skip one
    actor/noun phrase).
    """

    kind: str
    words: tuple[str, ...] = ()
    options: tuple[tuple[str, ...], ...] = ()
    # Joined with "_" to its neighbour on the verb's side, so no gap is allowed there: in
    # ``VerbPattern.after`` to the previous element (or the verb), in ``VerbPattern.before`` to the
    # next element (or the verb).
    adjacent: bool = False
    # A "word" element that matches only the form written, not its plural (PETRARCH pattern words; native
    # syntax ``=word``).
    exact: bool = False


@dataclass(frozen=True, slots=True)
class VerbPattern:
    code: str | None  # None: a filter pattern that deliberately yields no event
    verb: str  # verb phrase as written ("pile up")
    before: tuple[Element, ...]  # elements that precede the verb, nearest last
    after: tuple[Element, ...]  # elements that follow the verb
    text: str  # the pattern as written
    origin: Origin
    # PETRARCH paired code "[042:043]": the target also does ``reverse_code`` to the source
    # ("A visited B" is also "B hosted A"). With ``code`` None ("[:173]") only the reverse event exists.
    reverse_code: str | None = None
    # "speaker": the source is whoever says the sentence (a quote's speaker, a saying verb's subject) and the
    # target is the verb's own subject: '"Russia would face consequences," Truss said' is GBR threatens RUS.
    # "mutual": a compound subject with no object acts on each other ("Armenian and Azerbaijani troops clashed").
    # "person": the pattern applies only when its target is a named person ("killed commander Soleimani" is an
    # assassination, 186; "killed 20 soldiers" is not); "place": only when it is a country, region or city as
    # such ("captured Goma" occupies territory, 192; "captured 20 soldiers" does not).
    roles: str = ""
    # Tokens allowed between two elements. PETRARCH patterns let any words stand between their words
    # (within the clause); the native format allows up to 3 ("launched an attack": "an").
    gap: int = 3

    @property
    def specificity(self) -> int:
        return len(self.before) + len(self.after)


@dataclass(slots=True)
class Verb:
    """A verb (possibly phrasal): its default code and its patterns, most specific first."""

    phrase: str
    head: str  # the inflected word ("pile" of "pile up")
    particles: tuple[str, ...]
    default: VerbPattern | None = None
    patterns: list[VerbPattern] = field(default_factory=list)
    extra_forms: set[str] = field(default_factory=set)  # irregular forms given by a dictionary


@dataclass(frozen=True, slots=True)
class Discard:
    phrase: str
    scope: str  # "sentence" | "story"
    origin: Origin


@dataclass(frozen=True, slots=True)
class Issue:
    code: str  # "~" / "~~": PETRARCH exclusion phrase (sentence / story): no issue coded when present
    phrase: str
    origin: Origin


@dataclass(frozen=True, slots=True)
class Transformation:
    """A PETRARCH-2 verb transformation, e.g. ``~ a (a b ATTACK) SAY = a b 015``: when the
    embedded event matches ``pattern`` the result is (``source``, ``target``, ``code``); ``code``
    may be a variable (``Q``) passing the embedded code through."""

    pattern: str  # left-hand side as written: "a (a b ATTACK) SAY"
    source: str
    target: str
    code: str
    origin: Origin


@dataclass(slots=True)
class DictionarySet:
    """Everything the coder needs, merged from one or more layered dictionary directories."""

    actors: dict[str, Actor] = field(default_factory=dict)  # by name
    agents: dict[str, Agent] = field(default_factory=dict)  # by phrase (lower case)
    verbs: dict[str, Verb] = field(default_factory=dict)  # by phrase
    synsets: dict[str, list[str]] = field(default_factory=dict)  # "&NAME" -> phrases
    discards: list[Discard] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    transformations: list[Transformation] = field(default_factory=list)  # PETRARCH-2 only
    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # directories/files loaded, in order
    content_hash: str = ""
    name: str = ""

    def pattern_count(self) -> int:
        return sum(len(v.patterns) + (v.default is not None) for v in self.verbs.values())
