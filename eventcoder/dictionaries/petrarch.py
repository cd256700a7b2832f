"""Load PETRARCH (and TABARI-style) ``.txt`` dictionaries into the dictionary model.

The formats are those of the PETRARCH-1/-2 dictionary files (verbs, actors, agents, discards,
issues). Where PETRARCH's own reader was buggy the behaviour here is the documented intent, not
the bug. Decisions, for the record:

Reading
  * UTF-8; ``#`` and ``;`` (legacy TABARI) start a comment anywhere on a line; ``<!-- ... -->``
    comments may be inline or span lines; a line starting with ``<!`` is a comment. Control
    characters are dropped with a warning.
  * Every problem is a ``Problem`` naming file and line; the rest of the file still loads; in
    strict mode the first error raises ``DictionaryError``.

Verbs (``CAMEO.2.0.txt``, ``PETR.Validate.verbs.txt``)
  * Synonym sets ``&NAME`` with ``+member`` lines may be defined anywhere in the file (all are
    read before any pattern); a member may be another set (``+&TIETYPES``), which is expanded.
    Members match plurals too (the engine does that), so PETRARCH's ``_`` "no plural" mark has no
    effect.
  * ``--- NAME [code] ---`` opens a block; ``[---]`` (or no code) = the bare verbs code nothing.
    Every verb line of the block (``HURRY {HURRIES HURRIED}``, ``ASK [020]``, ``+ASK_FOR {...}``,
    ``WIRE_+TAP``, ``LASH OUT``) shares *all* the block's patterns; its own ``[code]`` overrides
    the block code as its default. ``+`` marks the inflected word of a multi-word verb (the first
    word when unmarked); words before it become adjacent words before the verb in every pattern.
    A verb written as an inflected form (``SAID``, ``SANK``) is that word only, with its own tags
    ("is said to" is a passive). A verb listed in several blocks collects the patterns of all of
    them; a ``---`` default never replaces a real one; two different real defaults: the later
    wins, with a warning.
  * Patterns ``- before * after [code]``: ``*`` verb, ``+`` target, ``$`` source, ``%`` compound
    actor, ``^`` skip an actor/noun phrase, ``&SET``, words; a space allows up to the engine's gap,
    ``_`` requires adjacency (``IN_ *`` is ``IN *``, as in PETRARCH). Without ``*`` every element
    precedes the verb (PETRARCH-1). PETRARCH-2 groupings ``(PP ...)`` and ``{NP ...}`` are
    flattened to their words; ``A/B`` alternatives become a generated set ``&ALTAB``.
    Hyphenated words are split like the tokenizer splits text (``peace-keeping`` -> peace - keeping).
  * Codes are stored as written (``903``, ``075A``, ``210a`` are not CAMEO but the PETRARCH
    validation suite compares them as strings). A paired code ``[042:043]`` means the source does
    042 to the target *and* the target does 043 to the source: ``VerbPattern.code`` = ``042``,
    ``reverse_code`` = ``043``; ``[:173]`` has only the reverse event.
  * ``~ a (a b ATTACK) SAY = a b 015`` transformations are kept in ``DictionarySet.transformations``.

Actors (``Phoenix.*.actors.txt``)
  * A record is a primary phrase, ``+synonym`` lines and ``[CODE]`` / ``[CODE <date]`` /
    ``[CODE >date]`` / ``[CODE date-date]`` restrictions, on the phrase line or on their own lines.
    Date limits are inclusive; where restrictions overlap the earlier one wins (PETRARCH order),
    and periods are stored split so that they no longer overlap. The first undated code is the
    default. The last record of a file is kept (PETRARCH dropped it).
  * Dates are ``YYYYMMDD`` or ``YYMMDD``; a two-digit year 00-30 is 20YY, 31-99 is 19YY (the
    KEDS/TABARI rule these dictionaries were written against: ``730717-070723`` is 1973-2007).
  * The same primary phrase twice (within a set) is one actor: phrases and periods are pooled, the
    first default stays (a different later one is a warning). A later *layer* overrides defaults.
  * ``_`` joins words that must be adjacent; a blank between words lets a few noun-phrase
    modifiers stand between them (``RURITANIA TELEVISION`` matches "Ruritania state-run
    television"), as PETRARCH's documented syntax says: the phrase gets a ``PHRASE_GAP``
    ("Ruritania ... Television"). Phrases are stored title-cased ("Port Royal", leading "the" and
    "al-" kept lower so that they match in any case) because PETRARCH matches case-insensitively
    while upper-case phrases would be exact-case acronyms for the engine. ``/`` in a code
    (``FRO/BIL/SAM``) is kept: a coded compound, one event per code.
  * PETRARCH has no actor kinds: records whose codes all have 3 characters are ``country``,
    other dated records ``person``, the rest ``org``.

Agents (``Phoenix.agents.txt``): ``PHRASE {plural} [~CODE]`` (blank and ``_`` as for actors);
``{}`` = no plural; ``CODE~`` puts the role before the actor code (``Agent.prefix``);
``!PERSON! = MAN, MEN`` substitution sets expand in place (no plurals of the expansions). Regular
plurals use the native rules
(``attorney`` -> ``attorneys``, not PETRARCH's ``attornies``).

Discards: ``+phrase`` = whole story, otherwise the sentence. Matching is on whole tokens: the
TABARI "stem unless it ends in ``_``" distinction is not kept.

Issues: ``phrase [CODE]`` with ``n:`` (noun: singular and plural), ``v:`` (verb forms) and
``a+b`` ("a b" and "a-b") expansions; ``~phrase`` / ``~~phrase`` exclusions get code ``~`` / ``~~``.
"""

from __future__ import annotations

import configparser
import csv
import datetime as dt
import gc
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .model import (
    PHRASE_GAP,
    Actor,
    Agent,
    CodePeriod,
    DictionarySet,
    Discard,
    Element,
    Issue,
    Origin,
    Problem,
    ProblemCollector,
    Transformation,
    Verb,
    VerbPattern,
)
from .native import pluralize

# PETRARCH's "space = any words may come between", bounded to a clause-sized window
PETRARCH_GAP = 10

KINDS = ("actors", "agents", "verbs", "discards", "issues")
_KIND_WORDS = (("verb", "verbs"), ("actor", "actors"), ("agent", "agents"), ("discard", "discards"),
               ("issue", "issues"))
_VALIDATION_NAME = re.compile(r"validat|unittest|unit[._-]test", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W\d_])")
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_OPEN = re.compile(r"^([<>])\s*(\d+)$")
_FAST_CODE = re.compile(r"^([A-Za-z][A-Za-z0-9/]*|---)(?:\s+([<>])\s*(\d{6}|\d{8})|\s+(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))?$")
_CAP = re.compile(r"(^|[\s\-./(])([^\W\d_])")
_LOWER_LEAD = frozenset({"the", "a", "an"})
_LOWER_INNER = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "da",
                          "do", "dos", "van", "von", "der", "den"})



# ---------------------------------------------------------------------------------------------
# Which files
# ---------------------------------------------------------------------------------------------

def classify_file(path: Path) -> str | None:
    """``verbs``/``actors``/``agents``/``discards``/``issues`` from the name, else from the content."""
    name = path.name.lower()
    if "record" in name:
        return None
    for word, kind in _KIND_WORDS:
        if word in name:
            return kind
    try:
        head = path.read_bytes()[:65536].decode("utf-8", errors="replace")
    except OSError:
        return None
    if re.search(r"^---.*\[[^\]]*\]\s*---", head, re.M) or re.search(r"^-\s.*\*.*\[", head, re.M):
        return "verbs"
    if "<ISSUE" in head:
        return "issues"
    if re.search(r"\[\s*~|~\s*\]", head):
        return "agents"
    if re.search(r"^\S.*\[\s*[A-Za-z0-9-]{3,}[^\]]*\]", head, re.M):
        return "actors"
    return None


def _config_plan(root: Path) -> list[tuple[str, Path]] | None:
    """Files named by a PETR_config.ini in the directory, when there is one."""
    for ini in sorted(root.glob("*.ini")):
        parser = configparser.ConfigParser()
        try:
            parser.read(ini, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError):
            continue
        if not parser.has_section("Dictionaries"):
            continue
        sec = parser["Dictionaries"]
        plan: list[tuple[str, Path]] = []
        for key, kind in (("actorfile_list", "actors"), ("agentfile_name", "agents"),
                          ("verbfile_name", "verbs"), ("discardfile_name", "discards"),
                          ("issuefile_name", "issues")):
            for name in (sec.get(key) or "").replace("\n", ",").split(","):
                if name.strip():
                    plan.append((kind, root / name.strip()))
        return plan
    return None


def _plan(path: Path, kinds: dict | None = None) -> list[tuple[str, Path]]:
    """(kind, file) pairs in load order."""
    order = {k: i for i, k in enumerate(KINDS)}
    if kinds:
        base = path if path.is_dir() else path.parent
        plan = []
        for kind, names in kinds.items():
            if kind not in order:
                raise ValueError(f"unknown PETRARCH dictionary kind {kind!r}; use one of {', '.join(KINDS)}")
            if isinstance(names, str | Path):
                names = [names]
            plan += [(kind, base / Path(n)) for n in names]
        return sorted(plan, key=lambda kp: order[kp[0]])
    if path.is_file():
        kind = classify_file(path)
        return [(kind or "unknown", path)]
    plan = _config_plan(path)
    if plan is None:
        found = [(classify_file(p), p) for p in sorted(path.glob("*.txt"))]
        found = [(k, p) for k, p in found if k is not None]
        # A folder holding an operational set and the validation-suite dictionaries (as PETRARCH's
        # own data folder does) loads the operational set; the validation files load on their own.
        regular = [(k, p) for k, p in found if not _VALIDATION_NAME.search(p.name)]
        plan = regular or found
    return sorted(plan, key=lambda kp: order.get(kp[0], len(order)))


def petrarch_files(path: Path) -> list[Path]:
    """The files ``load_petrarch(path, ...)`` reads, in load order (used for the content hash)."""
    return [p for _, p in _plan(Path(path))]


# ---------------------------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------------------------

def _read_lines(path: Path, display: str, out: ProblemCollector) -> list[tuple[int, str]]:
    """(line number, text) of the meaningful lines, comments removed, trailing blanks stripped."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.error(Origin(display, 0), f"cannot read file: {exc}")
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.error(Origin(display, line), f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
        text = raw.decode("utf-8-sig", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    result: list[tuple[int, str]] = []
    comment_from = 0
    has_xml = "<!" in text
    has_control = _CONTROL.search(text) is not None
    for n, line in enumerate(text.split("\n"), 1):
        if has_xml:
            if comment_from:
                end = line.find("-->")
                if end < 0:
                    continue
                line = line[end + 3:]
                comment_from = 0
            while "<!--" in line:
                start = line.find("<!--")
                end = line.find("-->", start + 4)
                if end < 0:
                    line = line[:start]
                    comment_from = n
                    break
                line = line[:start] + " " + line[end + 3:]
            if line.lstrip().startswith("<!"):
                continue
        k = line.find("#")
        if k >= 0:
            line = line[:k]
        k = line.find(";")
        if k >= 0:
            line = line[:k]
        if has_control and _CONTROL.search(line):
            out.warn(Origin(display, n), "control character(s) removed: " + ", ".join(
                sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(line)})))
            line = _CONTROL.sub("", line)
        line = line.rstrip()
        if line and not line.isspace():
            result.append((n, line))
    if comment_from:
        out.warn(Origin(display, comment_from), "'<!--' comment is never closed with '-->': the rest of the file was skipped")
    return result


def _words(text: str) -> str:
    """PETRARCH phrase -> space separated words (``_`` and blanks both separate)."""
    return " ".join(text.replace("_", " ").split())


def _gapped_words(text: str) -> str:
    """PETRARCH actor/agent phrase -> space separated words: ``_`` joins adjacent words, a blank lets
    other words stand between them (a PHRASE_GAP): ``RURITANIA TELEVISION`` -> ``RURITANIA ... TELEVISION``."""
    chunks = (_words(c) for c in text.split())
    return f" {PHRASE_GAP} ".join(c for c in chunks if c)


def _split_hyphens(word: str) -> list[str]:
    """Split a word the way the tokenizer splits text: ``cease-fire`` -> cease - fire."""
    if "-" not in word:
        return [word]
    parts = _HYPHEN.split(word)
    out: list[str] = []
    for i, p in enumerate(parts):
        if i:
            out.append("-")
        if p:
            out.append(p)
    return out


def _token_phrase(text: str) -> str:
    """Lower-case, ``_``/blank separated PETRARCH phrase as space separated tokens."""
    return " ".join(w for word in _words(text).lower().split() for w in _split_hyphens(word))


def _upper_match(m: re.Match) -> str:
    return m.group(1) + m.group(2).upper()


def _title(phrase: str) -> str:
    """``PORT ROYAL`` -> ``Port Royal``; ``THE VALLEY`` -> ``the Valley``."""
    words = phrase.lower().split()
    out = [w.capitalize() if w.isalpha() else _CAP.sub(_upper_match, w) for w in words]
    if len(out) > 1 and words[0] in _LOWER_LEAD:
        out[0] = words[0]
    for i in range(1, len(out)):
        if words[i] in _LOWER_INNER:
            out[i] = words[i]
    if words and words[0].startswith(("al-", "el-")):
        out[0] = words[0][:3] + out[0][3:]  # "al-Qaeda": matched in any case, as news writes it both ways
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Verbs
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Tok:
    element: Element
    render: str  # the element in native pattern syntax


@dataclass(slots=True)
class _VerbLine:
    phrase: str
    pre: tuple[str, ...]  # words that must directly precede the inflected word
    forms: set[str]
    code: str | None  # the line's own code, None = the block's
    origin: Origin


@dataclass(slots=True)
class _PatLine:
    before: list[_Tok]
    after: list[_Tok]
    code: str | None
    reverse: str | None
    origin: Origin


@dataclass(slots=True)
class _Block:
    code: str
    origin: Origin
    verbs: list[_VerbLine] = field(default_factory=list)
    patterns: list[_PatLine] = field(default_factory=list)


def _word_tok(words: tuple[str, ...], adjacent: bool) -> _Tok:
    """Pattern words match only as written (PETRARCH: "* EFFORT" does not match "efforts"; a synonym
    set's members do match their plurals)."""
    return _Tok(Element("word", words=words, adjacent=adjacent, exact=True), "=" + "_".join(words))


def _parse_code(text: str) -> tuple[str | None, str | None]:
    """``042:043`` -> ("042", "043"); ``---`` -> (None, None); ``:173`` -> (None, "173")."""
    main, _, rev = text.partition(":")
    main, rev = main.strip(), rev.strip()
    return (None if main in ("", "---") else main), (None if rev in ("", "---") else rev)


def _render(before: Sequence[_Tok], after: Sequence[_Tok]) -> str:
    """Native pattern syntax for the elements (what ``native.parse_pattern`` reads back)."""
    text = "".join(t.render + ("_" if t.element.adjacent else " ") for t in before)
    tail = "".join(("_" if t.element.adjacent else " ") + t.render for t in after)
    if before or (after and after[0].element.adjacent):
        return (text + "*" + tail).strip()
    return tail.strip()


class _VerbReader:
    def __init__(self, dset: DictionarySet, out: ProblemCollector, display: str):
        self.dset = dset
        self.out = out
        self.display = display
        self.alt_sets: dict[tuple[tuple[str, ...], ...], str] = {}
        self.pending: dict[str, dict[str, VerbPattern]] = {}  # verb -> pattern text -> pattern
        self.set_options: dict[str, tuple[tuple[str, ...], ...]] = {}

    # -- synonym sets -------------------------------------------------------------------------
    def synsets(self, defs: list[tuple[str, Origin, list[tuple[str, Origin]]]]) -> None:
        raw: dict[str, list[tuple[str, Origin]]] = {}
        for name, origin, members in defs:
            if not re.match(r"^&[A-Z0-9]+$", name):
                self.out.error(origin, f"bad synonym set name {name!r}: use & followed by letters and digits")
                continue
            if not members:
                self.out.warn(origin, f"synonym set {name} has no '+member' lines")
            raw.setdefault(name, []).extend(members)
        resolved: dict[str, list[str]] = {}

        def resolve(name: str, stack: tuple[str, ...]) -> list[str]:
            if name in resolved:
                return resolved[name]
            phrases: list[str] = []
            for text, origin in raw.get(name, ()):
                if text.startswith("&"):
                    inner = text.rstrip("_").upper()
                    if inner in stack:
                        self.out.error(origin, f"synonym set {name} contains itself through {inner}")
                    elif inner in raw:
                        phrases += resolve(inner, stack + (inner,))
                    elif inner in self.dset.synsets:
                        phrases += self.dset.synsets[inner]
                    else:
                        self.out.error(origin, f"synonym set {inner} used in {name} is not defined")
                    continue
                phrase = _token_phrase(text)
                if not phrase:
                    self.out.error(origin, "empty synonym set member")
                    continue
                phrases.append(phrase)
            resolved[name] = phrases
            return phrases

        for name in raw:
            members = self.dset.synsets.setdefault(name, [])
            for p in resolve(name, (name,)):
                if p not in members:
                    members.append(p)

    # -- patterns -----------------------------------------------------------------------------
    def _element(self, tok: str, adjacent: bool, origin: Origin) -> _Tok:
        specials = {"+": "target", "$": "source", "%": "compound", "^": "skip"}
        if tok in specials:
            return _Tok(Element(specials[tok], adjacent=adjacent), tok)
        if tok.startswith("&"):
            name = tok.rstrip("_").upper()
            opts = self.set_options.get(name)
            if opts is None:
                if name not in self.dset.synsets:
                    raise ValueError(f"synonym set {tok} is not defined in this file")
                opts = self.set_options[name] = tuple(tuple(p.split()) for p in self.dset.synsets[name])
            return _Tok(Element("set", options=opts, adjacent=adjacent), name)
        if "/" in tok.strip("/"):
            alts = [_token_phrase(a) for a in tok.split("/") if a]
            opts = tuple(tuple(a.split()) for a in alts)
            name = self.alt_sets.get(opts)
            if name is None:
                base = "&ALT" + "".join(re.sub(r"[^A-Z0-9]", "", a.upper()) for a in alts)
                name, k = base, 1
                while name in self.dset.synsets and self.dset.synsets[name] != alts:
                    k += 1
                    name = f"{base}{k}"
                self.dset.synsets[name] = alts
                self.alt_sets[opts] = name
            return _Tok(Element("set", options=opts, adjacent=adjacent), name)
        words = tuple(w for part in tok.lower().split() for w in _split_hyphens(part))
        if not words:
            raise ValueError(f"empty word in pattern near {tok!r}")
        return _word_tok(words, adjacent)

    def pattern(self, body: str, origin: Origin) -> tuple[list[_Tok], list[_Tok]]:
        if "|" in body:
            raise ValueError("TABARI disjunctive sets ('|') are not supported: define a synonym set")
        body = body.replace("\t", " ")
        for ch in "(){}":
            body = body.replace(ch, " ")
        body = re.sub(r"_+(?=\s|$)", " ", body)  # "IN_ *" is "IN *"; a final "_" means nothing
        body = re.sub(r"(?<=\s)_+", " ", body)
        toks: list[tuple[str, bool]] = []  # (token, joined to the previous token with "_")
        for chunk in body.split():
            first = True
            for part in chunk.strip("_").split("_"):
                if part:
                    toks.append((part, not first))
                    first = False
        if not toks:
            raise ValueError("empty pattern")
        stars = [i for i, (t, _) in enumerate(toks) if t == "*"]
        if len(stars) > 1:
            raise ValueError("pattern has more than one '*' (the verb appears once)")
        v = stars[0] if stars else len(toks)  # no '*': everything precedes the verb (PETRARCH-1)
        before: list[_Tok] = []
        for i in range(v):
            joined_next = i + 1 < len(toks) and toks[i + 1][1]
            t = self._element(toks[i][0], joined_next, origin)
            if before and before[-1].element.kind == "word" and before[-1].element.adjacent \
                    and t.element.kind == "word":
                prev = before.pop()
                t = _word_tok(prev.element.words + t.element.words, t.element.adjacent)
            before.append(t)
        after: list[_Tok] = []
        for i in range(v + 1, len(toks)):
            t = self._element(toks[i][0], toks[i][1], origin)
            if after and t.element.adjacent and t.element.kind == "word" and after[-1].element.kind == "word":
                prev = after.pop()
                t = _word_tok(prev.element.words + t.element.words, prev.element.adjacent)
            after.append(t)
        if sum(t.element.kind == "target" for t in before + after) > 1:
            raise ValueError("pattern has more than one '+' (one target slot per pattern)")
        return before, after

    # -- verb lines ---------------------------------------------------------------------------
    def verb_line(self, text: str, origin: Origin) -> _VerbLine:
        code = None
        m = _BRACKET.search(text)
        if m:
            code = m.group(1).strip()
            text = text[:m.start()] + " " + text[m.end():]
        if "[" in text or "]" in text:
            raise ValueError("unbalanced '[' ']' in verb line")
        forms: list[str] = []
        if "{" in text or "}" in text:
            a, b = text.find("{"), text.find("}")
            if a < 0 or b < a:
                raise ValueError("unbalanced '{' '}' in verb line")
            forms = text[a + 1:b].replace(",", " ").split()
            text = text[:a] + " " + text[b + 1:]
        words = [w for w in re.split(r"[_\s]+", text.strip()) if w]
        if not words:
            raise ValueError("verb line without a verb")
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        if len(marked) > 1:
            raise ValueError("more than one '+' in a multi-word verb: mark only the inflected word")
        k = marked[0] if marked else 0
        words = [w.lstrip("+").lower() for w in words]
        if not all(words):
            raise ValueError("empty word in verb line")
        extra: set[str] = set()
        for f in forms:
            parts = [p for p in f.split("_") if p]
            pm = [i for i, p in enumerate(parts) if p.startswith("+")]
            j = pm[0] if pm else (k if len(parts) == len(words) else 0)
            if parts:
                extra.add(parts[j].lstrip("+").lower())
        phrase = " ".join(words[k:])
        return _VerbLine(phrase, tuple(words[:k]), extra, code, origin)

    # -- the file -----------------------------------------------------------------------------
    def load(self, lines: list[tuple[int, str]]) -> None:
        out, display = self.out, self.display
        items: list[tuple[str, int, str]] = []  # (kind, line, text)
        defs: list[tuple[str, Origin, list[tuple[str, Origin]]]] = []
        in_set = False
        for n, line in lines:
            s = line.strip()
            origin = Origin(display, n)
            if s.startswith("&"):
                name = s.split()[0].rstrip("_").upper()
                defs.append((name, origin, []))
                in_set = True
                continue
            if s.startswith("+") and in_set:
                defs[-1][2].append((s[1:].strip(), origin))
                continue
            in_set = False
            if s.startswith("---"):
                items.append(("block", n, s))
            elif s.startswith("-"):
                items.append(("pattern", n, s[1:]))
            elif s.startswith("~"):
                items.append(("transform", n, s[1:]))
            else:
                items.append(("verb", n, s))
        self.synsets(defs)

        block: _Block | None = None
        warned_headless = False
        for kind, n, s in items:
            origin = Origin(display, n)
            try:
                if kind == "block":
                    if block is not None:
                        self.emit(block)
                    codes = _BRACKET.findall(s)
                    if len(codes) > 1:
                        out.warn(origin, f"block header has {len(codes)} codes; the first, [{codes[0].strip()}], is used")
                    block = _Block(codes[0].strip() if codes else "---", origin)
                elif kind == "verb":
                    vl = self.verb_line(s, origin)
                    if block is None:
                        if not warned_headless:
                            out.warn(origin, "verb lines before the first '--- NAME [code] ---' header: "
                                     "they form a block with no default code")
                            warned_headless = True
                        block = _Block("---", origin)
                    block.verbs.append(vl)
                elif kind == "pattern":
                    if block is None:
                        raise ValueError("pattern outside a '--- NAME [code] ---' verb block")
                    m = list(_BRACKET.finditer(s))
                    if not m or s.count("[") != s.count("]"):
                        raise ValueError("pattern lacks its [code] (or a '[' / ']' is unbalanced)")
                    code, rev = _parse_code(m[-1].group(1))
                    before, after = self.pattern(s[:m[-1].start()], origin)
                    block.patterns.append(_PatLine(before, after, code, rev, origin))
                else:
                    self.transformation(s, origin)
            except ValueError as exc:
                out.error(origin, f"{exc}; line skipped")
        if block is not None:
            self.emit(block)  # the last block of the file
        self.finish()

    def transformation(self, s: str, origin: Origin) -> None:
        lhs, eq, rhs = s.partition("=")
        result = rhs.split()
        if not eq or len(result) != 3 or lhs.count("(") != lhs.count(")") or not lhs.strip():
            raise ValueError("transformation must read '~ a (b c VERB) VERB = x y CODE'")
        self.dset.transformations.append(Transformation(" ".join(lhs.split()), result[0], result[1], result[2], origin))

    def emit(self, block: _Block) -> None:
        if not block.verbs:
            if block.patterns:
                self.out.warn(block.origin, f"verb block has {len(block.patterns)} pattern(s) but no verb lines")
            return
        plain = [(tuple(t.element for t in p.before), tuple(t.element for t in p.after), _render(p.before, p.after), p)
                 for p in block.patterns]
        for v in block.verbs:
            code, rev = _parse_code(v.code if v.code is not None else block.code)
            pending = self.pending.setdefault(v.phrase, {})
            if v.pre:
                words = tuple(w for p in v.pre for w in _split_hyphens(p))
                pre = [_Tok(Element("word", words=words, adjacent=True), "_".join(words))]
                default = VerbPattern(code, v.phrase, (pre[0].element,), (), _render(pre, []), v.origin, rev,
                                      gap=PETRARCH_GAP)
                pending.pop(default.text, None)
                pending[default.text] = default
                for p in block.patterns:
                    before = p.before + pre
                    vp = VerbPattern(p.code, v.phrase, tuple(t.element for t in before),
                                     tuple(t.element for t in p.after), _render(before, p.after), p.origin, p.reverse,
                                     gap=PETRARCH_GAP)
                    pending.pop(vp.text, None)
                    pending[vp.text] = vp
            else:
                self.add_default(VerbPattern(code, v.phrase, (), (), "", v.origin, rev))
                for before, after, text, p in plain:
                    if not text:  # "- * [code]": the verb alone, i.e. its default
                        self.add_default(VerbPattern(p.code, v.phrase, (), (), "", p.origin, p.reverse))
                        continue
                    pending.pop(text, None)
                    pending[text] = VerbPattern(p.code, v.phrase, before, after, text, p.origin, p.reverse,
                                                gap=PETRARCH_GAP)
            if v.forms:
                self.verb(v.phrase).extra_forms.update(v.forms)

    def verb(self, phrase: str) -> Verb:
        verb = self.dset.verbs.get(phrase)
        if verb is None:
            words = phrase.split()
            verb = self.dset.verbs[phrase] = Verb(phrase, words[0], tuple(words[1:]))
        return verb

    def finish(self) -> None:
        """Attach the collected patterns (as ``native.add_verb_pattern`` would, one by one, but in one sort)."""
        for phrase, pending in self.pending.items():
            if not pending:
                continue
            verb = self.verb(phrase)
            verb.patterns = [p for p in verb.patterns if p.text not in pending] + list(pending.values())
            verb.patterns.sort(key=lambda p: -(len(p.before) + len(p.after)))
        self.pending.clear()

    def add_default(self, pattern: VerbPattern) -> None:
        verb = self.verb(pattern.verb)
        old = verb.default
        if old is not None and (old.code, old.reverse_code) != (pattern.code, pattern.reverse_code):
            if pattern.code is None and pattern.reverse_code is None:
                return  # a "---" block never removes a code another block gives
            if old.code is not None or old.reverse_code is not None:
                self.out.warn(pattern.origin, f"verb {pattern.verb!r} already has default code "
                              f"{_code_text(old)} from {old.origin}; {_code_text(pattern)} is used")
        verb.default = pattern


def _code_text(p: VerbPattern) -> str:
    main = p.code or "---"
    return f"[{main}:{p.reverse_code}]" if p.reverse_code else f"[{main}]"


# ---------------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def parse_petrarch_date(text: str) -> dt.date:
    """``YYYYMMDD`` or ``YYMMDD`` (00-30 -> 20YY, 31-99 -> 19YY)."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r}: write YYYYMMDD (or YYMMDD)")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"bad date {text!r}: no such day") from None


@dataclass(slots=True)
class _Restriction:
    code: str
    start: dt.date | None
    end: dt.date | None
    dated: bool
    origin: Origin


@dataclass(slots=True)
class _Record:
    name: str
    origin: Origin
    phrases: list[str] = field(default_factory=list)
    codes: list[_Restriction] = field(default_factory=list)


def _restrictions(text: str, origin: Origin, out: ProblemCollector) -> list[_Restriction]:
    found: list[_Restriction] = []
    for m in _BRACKET.finditer(text):
        body = m.group(1).strip()
        fast = _FAST_CODE.match(body)
        if fast is not None:  # the common, well-formed cases
            code, op, day, d1, d2 = fast.groups()
            try:
                if op is None and d1 is None:
                    found.append(_Restriction(code, None, None, False, origin))
                    continue
                if op is not None:
                    when = parse_petrarch_date(day)
                    start, end = (None, when) if op == "<" else (when, None)
                    found.append(_Restriction(code, start, end, True, origin))
                    continue
                start, end = parse_petrarch_date(d1), parse_petrarch_date(d2)
                if start <= end:
                    found.append(_Restriction(code, start, end, True, origin))
                    continue
            except ValueError:
                pass  # reported with details below
        code, _, rest = body.partition(" ")
        code, rest = code.strip(), rest.strip()
        if not code or code[0] in "<>" or (re.fullmatch(r"[\d<>\-]+", code) and re.search(r"\d", code)):
            out.error(origin, f"[{body}] has no actor code; restriction skipped")
            continue
        if re.search(r"\d{6}", code):
            out.error(origin, f"[{body}]: put a blank between the code and its date; restriction skipped")
            continue
        if not rest:
            found.append(_Restriction(code, None, None, False, origin))
            continue
        try:
            if (r := _RANGE.match(rest)) is not None:
                start, end = parse_petrarch_date(r.group(1)), parse_petrarch_date(r.group(2))
                if end < start:
                    raise ValueError(f"date range {rest!r} ends before it starts")
            elif (o := _OPEN.match(rest)) is not None:
                day = parse_petrarch_date(o.group(2))
                start, end = (None, day) if o.group(1) == "<" else (day, None)
            else:
                raise ValueError(f"cannot read the date restriction {rest!r}: use <DATE, >DATE or DATE-DATE")
        except ValueError as exc:
            out.error(origin, f"[{body}]: {exc}; restriction skipped")
            continue
        found.append(_Restriction(code, start, end, True, origin))
    if text.count("[") != text.count("]"):
        out.error(origin, "unbalanced '[' ']'")
    return found


def _subtract(lo: dt.date, hi: dt.date, taken: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The parts of [lo, hi] not covered by the ``taken`` intervals (all inclusive)."""
    parts = [(lo, hi)]
    one = dt.timedelta(days=1)
    for a, b in taken:
        nxt = []
        for x, y in parts:
            if b < x or a > y:
                nxt.append((x, y))
                continue
            if a > x:
                nxt.append((x, a - one))
            if b < y:
                nxt.append((b + one, y))
        parts = nxt
    return parts


def _guess_kind(rec_codes: list[_Restriction]) -> str:
    """PETRARCH has no kinds: 3-character codes only -> country; dated -> person; else org."""
    if all(len(c) == 3 for r in rec_codes for c in r.code.split("/")):
        return "country"
    return "person" if any(r.dated for r in rec_codes) else "org"


class _ActorReader:
    def __init__(self, dset: DictionarySet, out: ProblemCollector, display: str, fresh: set[str]):
        self.dset = dset
        self.out = out
        self.display = display
        self.fresh = fresh  # actor names created by this load call (same set: merge, first default wins)

    def load(self, lines: list[tuple[int, str]]) -> None:
        rec: _Record | None = None
        for n, line in lines:
            s = line.strip()
            origin = Origin(self.display, n)
            if "---STOP---" in s:
                break
            if s.startswith("["):
                if rec is None:
                    self.out.error(origin, "code line before any actor phrase; skipped")
                    continue
                rec.codes += _restrictions(s, origin, self.out)
                continue
            synonym = s.startswith("+")
            phrase_text = s[1:] if synonym else s
            k = phrase_text.find("[")
            codes_text = phrase_text[k:] if k >= 0 else ""
            phrase = _title(_gapped_words(phrase_text[:k] if k >= 0 else phrase_text))
            if not phrase:
                self.out.error(origin, "empty actor phrase; line skipped")
                continue
            if synonym:
                if rec is None:
                    self.out.error(origin, f"synonym {phrase!r} before any actor; skipped")
                    continue
                rec.phrases.append(phrase)
            else:
                if rec is not None:
                    self.commit(rec)
                rec = _Record(phrase, origin, [phrase])
            if codes_text:
                rec.codes += _restrictions(codes_text, origin, self.out)
        if rec is not None:
            self.commit(rec)  # PETRARCH-1 lost the last record of every file

    def commit(self, rec: _Record) -> None:
        if not rec.codes:
            self.out.warn(rec.origin, f"actor {rec.name!r} has no code; skipped")
            return
        actors = self.dset.actors
        actor = actors.get(rec.name)
        same_set = actor is not None and rec.name in self.fresh
        if actor is None:
            actor = actors[rec.name] = Actor(name=rec.name, kind=_guess_kind(rec.codes))
            self.fresh.add(rec.name)
        for p in rec.phrases:
            if p not in actor.phrases:
                actor.phrases.append(p)
        taken = [(p.start or dt.date.min, p.end or dt.date.max) for p in actor.periods]
        new_default = None
        for r in rec.codes:
            if not r.dated:
                if new_default is None:
                    new_default = r
                elif r.code != new_default.code:
                    self.out.warn(r.origin, f"{rec.name!r} has a second undated code [{r.code}]; "
                                  f"[{new_default.code}] (line {new_default.origin.line}) is the default")
                continue
            lo, hi = r.start or dt.date.min, r.end or dt.date.max
            parts = _subtract(lo, hi, taken)
            if not parts:
                self.out.warn(r.origin, f"restriction [{r.code}] of {rec.name!r} is covered by earlier ones and never applies")
                continue
            for a, b in parts:
                actor.periods.append(CodePeriod(r.code, None if a == dt.date.min else a,
                                                None if b == dt.date.max else b, r.origin))
            taken.append((lo, hi))
        if new_default is not None:
            period = CodePeriod(new_default.code, None, None, new_default.origin)
            if actor.default is None or not same_set:
                actor.default = period
            elif actor.default.code != period.code:
                self.out.warn(new_default.origin, f"duplicate actor {rec.name!r}: default [{period.code}] ignored, "
                              f"[{actor.default.code}] from {actor.default.origin} kept")


# ---------------------------------------------------------------------------------------------
# Agents, discards, issues
# ---------------------------------------------------------------------------------------------

def _load_agents(lines: list[tuple[int, str]], display: str, out: ProblemCollector) -> None:
    subs: dict[str, list[str]] = {}
    agents = out.dset.agents
    seen: dict[str, Agent] = {}
    for n, line in lines:
        s = line.strip()
        origin = Origin(display, n)
        if "=" in s and "[" not in s:
            m = re.match(r"^!([^!\s]+)!\s*=\s*(.*)$", s)
            if not m:
                out.error(origin, "substitution set must read '!NAME! = A, B, C'; line skipped")
                continue
            subs[m.group(1).upper()] = [_words(x).lower() for x in m.group(2).split(",") if x.strip()]
            continue
        if "[" not in s or "]" not in s:
            out.error(origin, "agent line needs a code in brackets, e.g. SOLDIER [~MIL]; line skipped")
            continue
        k = s.find("[")
        code = s[k + 1:s.find("]", k)].strip().replace(" ", "")
        head = s[:k]
        prefix = code.endswith("~") and not code.startswith("~")
        role = code.strip("~")
        if not role or "~" in role:
            out.error(origin, f"bad agent code [{code}]: write [~ROLE] (after the actor) or [ROLE~] (before it)")
            continue
        if "~" not in code:
            out.warn(origin, f"agent code [{code}] has no '~'; taken as [~{code}]")
        plural: str | None = None  # None: generate
        if "{" in head or "}" in head:
            a, b = head.find("{"), head.find("}")
            if a < 0 or b < a:
                out.error(origin, "unbalanced '{' '}'; line skipped")
                continue
            plural = _gapped_words(head[a + 1:b]).lower()
            head = head[:a] + head[b + 1:]
        phrase = _gapped_words(head).lower()
        if not phrase:
            out.error(origin, "empty agent phrase; line skipped")
            continue
        if "!" in phrase:
            try:
                variants = _substitute(phrase, subs)
            except ValueError as exc:
                out.error(origin, f"{exc}; line skipped")
                continue
            forms = [(v, "") for v in variants]  # expansions get no extra plural
        else:
            if plural is None:
                plural = pluralize(phrase)
            forms = [(phrase, plural)]
        for p, pl in forms:
            prev = seen.get(p)
            if prev is not None and (prev.code, prev.prefix) != (role, prefix):
                out.warn(origin, f"agent {p!r} was [{_agent_code(prev)}] at {prev.origin}; now [{code}]")
            agents[p] = seen[p] = Agent(role, p, origin, prefix)
            if pl and pl != p and pl not in agents:
                agents[pl] = Agent(role, pl, origin, prefix)


def _agent_code(a: Agent) -> str:
    return f"{a.code}~" if a.prefix else f"~{a.code}"


def _substitute(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!([^!\s]*)!", phrase)
    if m is None:
        if "!" in phrase:
            raise ValueError(f"substitution marker in {phrase!r} is not closed with '!'")
        return [" ".join(phrase.split())]
    name = m.group(1).upper()
    if name not in subs:
        raise ValueError(f"substitution set !{name}! is not defined (define it above: !{name}! = A, B)")
    out: list[str] = []
    for item in subs[name]:
        out += _substitute(phrase[:m.start()] + item + phrase[m.end():], subs)
    return out


def _load_discards(lines: list[tuple[int, str]], display: str, out: ProblemCollector) -> None:
    for n, line in lines:
        s = line.strip()
        scope = "sentence"
        if s.startswith("+"):
            scope, s = "story", s[1:]
        phrase = _words(s).lower()
        if not phrase:
            out.error(Origin(display, n), "empty discard phrase")
            continue
        out.dset.discards.append(Discard(phrase, scope, Origin(display, n)))


def _verb_forms_regular(word: str) -> list[str]:
    """PETRARCH's ``v:`` expansion: the regular forms (-s, -ed, -ing), spelled sensibly."""
    if re.search(r"[^aeiou]y$", word):
        return [word, word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    if word.endswith("e"):
        return [word, word + "s", word + "d", word[:-1] + "ing"]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word, word + "es", word + "ed", word + "ing"]
    return [word, word + "s", word + "ed", word + "ing"]


def _expand_issue(phrase: str) -> list[str]:
    """``n:crime against humanity`` -> crime/crimes ...; ``v:purge``; ``pre+k`` -> pre k / pre-k."""
    variants = [[]]
    for word in phrase.split():
        if word.startswith("n:"):
            w = word[2:]
            alts = [w, pluralize(w)]
        elif word.startswith("v:"):
            alts = _verb_forms_regular(word[2:])
        else:
            alts = [word]
        more = []
        for a in alts:
            more += [a.replace("+", " "), a.replace("+", "-")] if "+" in a else [a]
        alts = list(dict.fromkeys(more))
        variants = [v + [a] for v in variants for a in alts]
    return [" ".join(v) for v in variants]


def _load_issues(lines: list[tuple[int, str]], display: str, out: ProblemCollector) -> None:
    for n, line in lines:
        s = line.strip()
        origin = Origin(display, n)
        if s.startswith("<"):
            continue  # <ISSUE CATEGORY="..."> section markers
        if s.startswith("~"):
            code = "~~" if s.startswith("~~") else "~"
            text = s[len(code):]
        else:
            if "[" not in s or "]" not in s:
                out.warn(origin, "issue phrase without [CODE]; skipped")
                continue
            k = s.find("[")
            code = s[k + 1:s.find("]", k)].strip()
            text = s[:k]
            if not code:
                out.error(origin, "empty issue code")
                continue
        phrase = " ".join(text.lower().split())
        if not phrase:
            out.error(origin, "empty issue phrase")
            continue
        for p in _expand_issue(phrase):
            out.dset.issues.append(Issue(code, p, origin))


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------

def load_petrarch(path: Path, dset: DictionarySet, strict: bool = False, kinds: dict | None = None) -> None:
    """Load a PETRARCH dictionary file, or a folder of them, into ``dset``.

    ``kinds`` names the files explicitly (``{"verbs": "CAMEO.2.0.txt", "actors": [...]}``),
    relative to ``path`` (a folder) or its folder; otherwise a ``PETR_config.ini`` in the folder
    names them, or they are recognised by name and content (see ``classify_file``).
    """
    path = Path(path)
    # Tens of thousands of long-lived objects: pausing the cyclic GC meanwhile saves about a third
    # of the time (nothing here creates reference cycles).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _load(path, dset, strict, kinds)
    finally:
        if gc_was_enabled:
            gc.enable()
    dset.sources.append(str(path))


def _load(path: Path, dset: DictionarySet, strict: bool, kinds: dict | None) -> None:
    out = ProblemCollector(dset, strict)
    fresh: set[str] = set()
    for kind, f in _plan(path, kinds):
        display = f.name
        if not f.is_file():
            out.error(Origin(display, 0), f"{kind} dictionary {f} not found")
            continue
        if kind == "unknown":
            out.error(Origin(display, 0), "cannot tell which kind of PETRARCH dictionary this is; put verbs, actors, "
                      "agents, discards or issues in its name (e.g. Phoenix.agents.txt)")
            continue
        lines = _read_lines(f, display, out)
        if kind == "verbs":
            _VerbReader(dset, out, display).load(lines)
        elif kind == "actors":
            _ActorReader(dset, out, display, fresh).load(lines)
        elif kind == "agents":
            _load_agents(lines, display, out)
        elif kind == "discards":
            _load_discards(lines, display, out)
        else:
            _load_issues(lines, display, out)


# ---------------------------------------------------------------------------------------------
# Import to the native format
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class ImportReport:
    """What ``import_petrarch`` wrote, and what the native format could not say."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # "file:line: what was not expressible"
    problems: list[Problem] = field(default_factory=list)  # from loading the PETRARCH set


_NATIVE_ACTOR_CODE = re.compile(r"^(?:[A-Z0-9]{3}|---)(?:[A-Z0-9]{3})*$")
_NATIVE_ROLE_CODE = re.compile(r"^(?:[A-Z0-9]{3})+$")


def _writer(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]], comment: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {comment}\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def import_petrarch(path: Path, out_dir: Path, strict: bool = False, kinds: dict | None = None) -> ImportReport:
    """Convert a PETRARCH dictionary set into native CSV files in ``out_dir``.

    Writes ``actors/actors.csv``, ``agents.csv``, ``verbs/verbs.csv``, ``verbs/synsets.csv``,
    ``discards.csv``, ``issues.csv`` and ``IMPORT-NOTES.txt`` (everything the native format cannot
    express, with its PETRARCH file:line). Loading ``out_dir`` natively gives the same model.
    """
    from .. import cameo
    from .native import parse_pattern

    dset = DictionarySet()
    load_petrarch(Path(path), dset, strict=strict, kinds=kinds)
    out_dir = Path(out_dir)
    rep = ImportReport(out_dir, problems=list(dset.problems))
    src = Path(path).name
    note = rep.notes.append

    actor_rows = []
    for a in dset.actors.values():
        rows = []
        if a.default is not None:
            rows.append([a.kind, a.default.code, a.name, "", "", "", str(a.default.origin)])
        for p in a.periods:
            rows.append([a.kind, p.code, a.name, "", _iso(p.start), _iso(p.end), str(p.origin)])
        aliases = [p for p in a.phrases if p != a.name]
        if aliases:
            rows[0][3] = "; ".join(aliases)
        for r in rows:
            if not _NATIVE_ACTOR_CODE.match(r[1]):
                what = "a coded compound (one event per code)" if "/" in r[1] else "not CAMEO-shaped"
                note(f"{r[6]}: actor {a.name!r} code {r[1]!r} is {what}: the native loader rejects it")
        if any(";" in p for p in a.phrases):
            note(f"{a.default.origin if a.default else a.periods[0].origin}: actor {a.name!r} has a phrase with ';', "
                 "which native aliases cannot hold")
        actor_rows += rows
    rep.counts["actors"] = _writer(out_dir / "actors" / "actors.csv",
                                   ("kind", "code", "name", "aliases", "from", "to", "note"), actor_rows,
                                   f"imported from PETRARCH dictionaries {src}")

    agent_rows = []
    for ag in dset.agents.values():
        code = f"{ag.code}~" if ag.prefix else ag.code
        if ag.prefix:
            note(f"{ag.origin}: agent {ag.phrase!r} [{code}] puts its role before the actor code; "
                 f"the native format has no way to say that yet (written as {code!r}, which it rejects)")
        elif not _NATIVE_ROLE_CODE.match(ag.code):
            note(f"{ag.origin}: agent {ag.phrase!r} code {ag.code!r} is not 3-letter role codes: the native loader rejects it")
        agent_rows.append([code, ag.phrase, "-", str(ag.origin)])
    rep.counts["agents"] = _writer(out_dir / "agents.csv", ("code", "phrase", "plural", "note"), agent_rows,
                                   f"imported from PETRARCH dictionaries {src}; every plural is its own row")

    verb_rows = []
    bad_codes: dict[str, list[str]] = {}
    paired: dict[str, int] = {}  # pattern origin -> rows
    misread: dict[str, str] = {}  # pattern origin -> pattern the native parser reads differently
    with_forms = []
    for v in dset.verbs.values():
        forms = " ".join(sorted(v.extra_forms))
        if forms:
            with_forms.append(f"{v.phrase} {{{forms}}}")
        for i, p in enumerate(([v.default] if v.default is not None else []) + v.patterns):
            origin = str(p.origin)
            if p.reverse_code:
                paired[origin] = paired.get(origin, 0) + 1
            if any(e.adjacent for e in p.before) and origin not in misread:
                try:
                    back = parse_pattern(p.text, dset.synsets)
                except ValueError as exc:
                    back = exc
                if back != (p.before, p.after):
                    misread[origin] = p.text
            for c in (p.code, p.reverse_code):
                if c is not None and not cameo.is_code(c):
                    bad_codes.setdefault(c, []).append(origin)
            verb_rows.append([p.code or "---", v.phrase, p.text, p.reverse_code or "", forms if i == 0 else "",
                              str(p.gap), origin])
        if v.default is None and not v.patterns:
            note(f"verb {v.phrase!r} has neither a default nor patterns; not imported")
    for origin, text in misread.items():
        note(f"{origin}: pattern {text!r}: the native parser loses the '_' adjacency of words before the verb "
             "(it will allow a gap there)")
    for c, where in sorted(bad_codes.items()):
        note(f"{where[0]}: event code {c!r} is not in the CAMEO table ({len(where)} row(s)): the native loader rejects it")
    rep.counts["verbs"] = _writer(out_dir / "verbs" / "verbs.csv",
                                  ("code", "verb", "pattern", "reverse_code", "forms", "gap", "note"), verb_rows,
                                  f"imported from PETRARCH dictionaries {src}")
    rep.counts["synsets"] = _writer(out_dir / "verbs" / "synsets.csv", ("set", "phrase"),
                                    ([name, p] for name, ps in dset.synsets.items() for p in ps),
                                    f"imported from PETRARCH dictionaries {src}")
    rep.counts["discards"] = _writer(out_dir / "discards.csv", ("phrase", "scope", "note"),
                                     ([d.phrase, d.scope, str(d.origin)] for d in dset.discards),
                                     f"imported from PETRARCH dictionaries {src}")
    rep.counts["issues"] = _writer(out_dir / "issues.csv", ("code", "phrase", "note"),
                                   ([i.code, i.phrase, str(i.origin)] for i in dset.issues),
                                   f"imported from PETRARCH dictionaries {src}")
    for t in dset.transformations:
        note(f"{t.origin}: transformation '~ {t.pattern} = {t.source} {t.target} {t.code}' cannot be expressed natively")
    rep.files = [out_dir / n for n in ("actors/actors.csv", "agents.csv", "verbs/verbs.csv", "verbs/synsets.csv",
                                       "discards.csv", "issues.csv")]
    notes_path = out_dir / "IMPORT-NOTES.txt"
    with notes_path.open("w", encoding="utf-8") as fh:
        fh.write(f"Import of PETRARCH dictionaries {path}\n")
        fh.write("Written: " + ", ".join(f"{k} {v}" for k, v in rep.counts.items()) + " rows\n\n")
        fh.write("Not expressible in the native format (or not read by it yet):\n")
        fh.writelines(f"  {n}\n" for n in rep.notes)
        if not rep.notes:
            fh.write("  nothing\n")
        if rep.problems:
            fh.write("\nProblems while reading the PETRARCH files:\n")
            fh.writelines(f"  {p}\n" for p in rep.problems)
    rep.files.append(notes_path)
    return rep
