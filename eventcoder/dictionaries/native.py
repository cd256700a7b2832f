"""Load the native CSV dictionary format (see docs/dictionary-format.md).

Every problem is reported with file and line and the rest of the file still loads; in strict mode
the first problem raises ``DictionaryError``.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from .. import cameo
from .model import (
    ACTOR_CODE_RE,
    ACTOR_KINDS,
    PHRASE_GAP,
    ROLE_CODE_RE,
    Actor,
    Agent,
    CodePeriod,
    DictionarySet,
    Discard,
    Element,
    Issue,
    Origin,
    ProblemCollector,
    Verb,
    VerbPattern,
    misplaced_gap,
)

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

def read_rows(path: Path, display: str, required: tuple[str, ...], out: ProblemCollector) -> Iterator[tuple[Origin, dict]]:
    """CSV rows as dicts with their file:line; comment and blank lines skipped."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.error(Origin(display, 0), f"cannot read file: {exc}")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.error(Origin(display, line), f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
        text = raw.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    numbered = [(i, ln) for i, ln in enumerate(lines, 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not numbered:
        return
    reader = csv.reader([ln for _, ln in numbered])
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        out.error(Origin(display, numbered[0][0]), f"bad CSV header: {exc}")
        return
    missing = [c for c in required if c not in header]
    if missing:
        out.error(Origin(display, numbered[0][0]),
                  f"header lacks column(s) {', '.join(missing)}; expected at least: {','.join(required)}")
        return
    for lineno, _ in numbered[1:]:
        origin = Origin(display, lineno)
        try:
            values = next(reader)
        except csv.Error as exc:
            out.error(origin, f"bad CSV: {exc}")
            continue
        except StopIteration:
            break
        if len(values) > len(header):
            extra = [v for v in values[len(header):] if v.strip()]
            if extra:
                out.error(origin, f"{len(values)} fields but the header has {len(header)}: "
                          "quote fields that contain commas")
                continue
        row = {h: (values[j].strip() if j < len(values) else "") for j, h in enumerate(header)}
        yield origin, row


def parse_dict_date(value: str, end: bool) -> dt.date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; partial dates widen to the period's first/last day."""
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"bad date {value!r}: write YYYY-MM-DD (or YYYY-MM, YYYY)")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    try:
        if m.group(3):
            day = int(m.group(3))
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"bad date {value!r}: {exc}") from None


def _phrases(name: str, aliases: str) -> list[str]:
    out = [name] if name else []
    out += [a.strip() for a in aliases.split(";") if a.strip()]
    return out


def load_actor_file(path: Path, display: str, out: ProblemCollector) -> None:
    actors = out.dset.actors
    for origin, row in read_rows(path, display, ("code", "name"), out):
        name = row.get("name", "")
        code = row.get("code", "").upper()
        kind = (row.get("kind") or "country").lower()
        if not name:
            out.error(origin, "empty name: every row needs the actor's name")
            continue
        if not ACTOR_CODE_RE.match(code):
            out.error(origin, f"actor code {code!r} is not CAMEO-shaped: 3 letters (or ---) plus 3-letter groups, e.g. RUSGOV")
            continue
        if kind not in ACTOR_KINDS:
            out.error(origin, f"unknown kind {kind!r}; use one of {', '.join(ACTOR_KINDS)}")
            continue
        try:
            start = parse_dict_date(row["from"], end=False) if row.get("from") else None
            end = parse_dict_date(row["to"], end=True) if row.get("to") else None
        except ValueError as exc:
            out.error(origin, str(exc))
            continue
        if start and end and start > end:
            out.error(origin, f"date range is inverted: from {start} is after to {end}")
            continue
        actor = actors.get(name)
        if actor is None:
            actor = actors[name] = Actor(name=name, kind=kind)
        for phrase in _phrases(name, row.get("aliases", "")):
            if misplaced_gap(phrase):
                out.warn(origin, f"phrase {phrase!r}: a '{PHRASE_GAP}' gap must stand between two words")
            if phrase not in actor.phrases:
                actor.phrases.append(phrase)
        period = CodePeriod(code, start, end, origin)
        if start is None and end is None:
            if actor.default is not None and actor.default.origin.file == display:
                out.error(origin, f"{name!r} already has a default (undated) code at {actor.default.origin}",
                          severity="warning")
            actor.default = period
            continue
        clash = next((p for p in actor.periods if _overlaps(p, period)), None)
        if clash is not None:
            if clash.origin.file == display:
                out.error(origin, f"period {start or '…'}..{end or '…'} of {name!r} overlaps {clash.origin}")
                continue
            # A later layer overrides what an earlier one said about the same days.
            actor.periods.remove(clash)
        actor.periods.append(period)


def _overlaps(a: CodePeriod, b: CodePeriod) -> bool:
    lo = max(a.start or dt.date.min, b.start or dt.date.min)
    hi = min(a.end or dt.date.max, b.end or dt.date.max)
    return lo <= hi


def load_agent_file(path: Path, display: str, out: ProblemCollector) -> None:
    for origin, row in read_rows(path, display, ("code", "phrase"), out):
        raw = row["code"].upper()
        prefix = raw.endswith("~")  # "NGO~": the role goes before the country ("MSF Kenya" -> NGOKEN)
        code = raw.strip("~")
        phrase = row["phrase"].lower()
        if not phrase:
            out.error(origin, "empty phrase")
            continue
        if not ROLE_CODE_RE.match(code):
            out.error(origin, f"agent code {code!r} must be one or more 3-letter role codes, e.g. MIL or GOV")
            continue
        if misplaced_gap(phrase):
            out.warn(origin, f"phrase {phrase!r}: a '{PHRASE_GAP}' gap must stand between two words")
        out.dset.agents[phrase] = Agent(code, phrase, origin, prefix=prefix)
        plural = row.get("plural", "").lower()
        if plural == "-":
            continue
        plural = plural or pluralize(phrase)
        if plural != phrase and plural not in out.dset.agents:
            out.dset.agents[plural] = Agent(code, plural, origin, prefix=prefix)


def pluralize(phrase: str) -> str:
    """English plural of a noun phrase's last word (regular rules plus the -man/-men family)."""
    head, _, last = phrase.rpartition(" ")
    w = last
    if w.endswith("man") and not w.endswith(("human", "german", "ottoman")):
        p = w[:-3] + "men"
    elif w.endswith("person"):
        p = w[:-6] + "people"
    elif re.search(r"[^aeiou]y$", w):
        p = w[:-1] + "ies"
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        p = w + "es"
    elif w.endswith("f") and not w.endswith(("ff", "chief")):
        p = w[:-1] + "ves"
    else:
        p = w + "s"
    return f"{head} {p}" if head else p


def load_synset_file(path: Path, display: str, out: ProblemCollector) -> None:
    for origin, row in read_rows(path, display, ("set", "phrase"), out):
        name = row["set"].upper()
        if not name.startswith("&"):
            name = "&" + name
        if not re.match(r"^&[A-Z0-9_]+$", name):
            out.error(origin, f"bad synonym set name {row['set']!r}: use &LETTERS")
            continue
        if not row["phrase"]:
            out.error(origin, "empty phrase")
            continue
        out.dset.synsets.setdefault(name, []).append(row["phrase"].lower())


def load_verb_file(path: Path, display: str, out: ProblemCollector) -> None:
    for origin, row in read_rows(path, display, ("code", "verb"), out):
        code = row["code"]
        verb = " ".join(row["verb"].lower().split())
        pattern = row.get("pattern", "")
        if not verb:
            out.error(origin, "empty verb")
            continue
        if code in ("---", ""):
            code_value = None
        elif cameo.is_code(code):
            code_value = code
        elif code.isdigit() and cameo.is_code(code.zfill(3)) and len(code) == 2:
            out.error(origin, f"event code {code!r} lost its leading zero; write {code.zfill(3)!r} (quote it in spreadsheets)")
            continue
        else:
            out.error(origin, f"unknown CAMEO event code {code!r} (see eventcoder/data/cameo_events.csv)")
            continue
        roles = row.get("roles", "").lower()
        if roles not in ("", "speaker", "person", "place", "mutual"):
            out.error(origin, f"roles {roles!r} must be empty, 'speaker', 'person', 'place' or 'mutual'")
            continue
        reverse = row.get("reverse_code", "") or None
        if reverse is not None and not cameo.is_code(reverse):
            out.error(origin, f"unknown CAMEO event code {reverse!r} in reverse_code")
            continue
        try:
            before, after = parse_pattern(pattern, out.dset.synsets)
        except ValueError as exc:
            out.error(origin, str(exc))
            continue
        gap = row.get("gap", "")
        if gap and not (gap.isdigit() and 0 <= int(gap) <= 20):
            out.error(origin, f"gap {gap!r} must be a whole number from 0 to 20")
            continue
        add_verb_pattern(out.dset, VerbPattern(code_value, verb, before, after, pattern, origin,
                                               reverse_code=reverse, roles=roles, gap=int(gap) if gap else 3))
        forms = row.get("forms", "").lower().split()
        if forms:
            out.dset.verbs[verb].extra_forms.update(forms)


def add_verb_pattern(dset: DictionarySet, pattern: VerbPattern) -> None:
    words = pattern.verb.split()
    verb = dset.verbs.get(pattern.verb)
    if verb is None:
        verb = dset.verbs[pattern.verb] = Verb(pattern.verb, words[0], tuple(words[1:]))
    if not pattern.before and not pattern.after:
        verb.default = pattern
        return
    # Appended now, ordered once by finalize_verbs(): a later identical pattern replaces the earlier one.
    verb.patterns.append(pattern)


def finalize_verbs(dset: DictionarySet) -> None:
    """Drop patterns a later row repeats (same text), then order each verb's patterns most specific first
    (stable: among equals, file order)."""
    for verb in dset.verbs.values():
        if len(verb.patterns) < 2:
            continue
        last = {p.text: i for i, p in enumerate(verb.patterns)}
        kept = [p for i, p in enumerate(verb.patterns) if last[p.text] == i]
        kept.sort(key=lambda p: -(len(p.before) + len(p.after)))
        verb.patterns = kept


_OPTIONS: dict[int, tuple[list[str], int, tuple[tuple[str, ...], ...]]] = {}


def _synset_options(synsets: dict[str, list[str]], name: str) -> tuple[tuple[str, ...], ...]:
    """A set's phrases as token tuples, built once per member list (and rebuilt if the list grew)."""
    members = synsets[name]
    hit = _OPTIONS.get(id(members))
    if hit is None or hit[0] is not members or hit[1] != len(members):
        if len(_OPTIONS) > 5000:
            _OPTIONS.clear()
        hit = _OPTIONS[id(members)] = (members, len(members),
                                       tuple(tuple(t for w in p.split() for t in _word_tokens(w)) for p in members))
    return hit[2]


_PLAIN = re.compile(r"[^\W_]+\Z")


def _word_tokens(word: str) -> tuple[str, ...]:
    """A pattern word as the text tokenizer splits it: "de-escalate" -> de - escalate, "women's" -> women 's."""
    word = word.lower()
    if _PLAIN.match(word):
        return (word,)
    from ..text import fold, tokenizer
    return tuple(fold(t.text) for t in tokenizer()(word) if not t.text.isspace()) or (word,)


def parse_pattern(text: str, synsets: dict[str, list[str]]) -> tuple[tuple[Element, ...], tuple[Element, ...]]:
    """Parse a native pattern into (elements before the verb, elements after it)."""
    before: list[Element] = []
    after: list[Element] = []
    target = after
    seen_verb = False
    for chunk in text.split():
        parts = chunk.split("_")
        for k, part in enumerate(parts):
            if not part:
                continue
            adjacent = k > 0
            if part == "*":
                if seen_verb:
                    raise ValueError("pattern has two '*' (the verb may appear once)")
                seen_verb = True
                before, after = after, []
                target = after
                continue
            if part == "+":
                el = Element("target", adjacent=adjacent)
            elif part == "%":
                el = Element("compound", adjacent=adjacent)
            elif part == "^":
                el = Element("skip", adjacent=adjacent)
            elif part == "$":
                el = Element("source", adjacent=adjacent)
            elif part.startswith("&"):
                name = part.upper()
                if name not in synsets:
                    raise ValueError(f"unknown synonym set {part!r}: define it in verbs/synsets*.csv first")
                opts = _synset_options(synsets, name)
                el = Element("set", options=opts, adjacent=adjacent)
            else:
                exact = part.startswith("=")  # "=effort", "=no_longer": these forms only, not "efforts"
                w = part.lstrip("=").lower()
                if not w:
                    raise ValueError(f"'=' without a word in {chunk!r}")
                ws = _word_tokens(w)
                if adjacent and target and target[-1].kind == "word":
                    prev = target.pop()
                    target.append(Element("word", words=prev.words + ws, adjacent=prev.adjacent,
                                          exact=prev.exact or exact))
                    continue
                el = Element("word", words=ws, adjacent=adjacent, exact=exact)
            target.append(el)
    # Before the verb, "_" ties an element to its right-hand neighbour (or to the verb): "in_*" means
    # "in" directly before the verb. Move the flags accordingly.
    if before:
        shifted = [Element(e.kind, e.words, e.options, adjacent=(before[i + 1].adjacent if i + 1 < len(before)
                                                                 else _verb_adjacent(text)), exact=e.exact)
                   for i, e in enumerate(before)]
        before = shifted
    if sum(e.kind == "target" for e in before + after) > 1:
        raise ValueError("pattern has more than one '+' (one target slot per pattern)")
    return tuple(before), tuple(after)


def _verb_adjacent(text: str) -> bool:
    """Is the element right before '*' joined to it with '_' ("in_*")?"""
    k = text.find("*")
    return k > 0 and text[k - 1] == "_"


def load_discard_file(path: Path, display: str, out: ProblemCollector) -> None:
    for origin, row in read_rows(path, display, ("phrase",), out):
        scope = (row.get("scope") or "sentence").lower()
        if scope not in ("sentence", "story"):
            out.error(origin, f"scope {scope!r} must be 'sentence' or 'story'")
            continue
        if row["phrase"]:
            out.dset.discards.append(Discard(row["phrase"].lower(), scope, origin))


def load_issue_file(path: Path, display: str, out: ProblemCollector) -> None:
    for origin, row in read_rows(path, display, ("code", "phrase"), out):
        if row["phrase"]:
            out.dset.issues.append(Issue(row["code"], row["phrase"].lower(), origin))


def load_native_directory(root: Path, dset: DictionarySet, strict: bool = False, label: str | None = None) -> None:
    """Load one native dictionary directory into ``dset`` (later directories override earlier ones)."""
    out = ProblemCollector(dset, strict)
    label = label or root.name

    def disp(p: Path) -> str:
        return f"{label}/{p.relative_to(root).as_posix()}"

    for p in sorted((root / "actors").glob("*.csv")) if (root / "actors").is_dir() else []:
        load_actor_file(p, disp(p), out)
    for p in sorted(root.glob("agents*.csv")):
        load_agent_file(p, disp(p), out)
    verb_dir = root / "verbs"
    if verb_dir.is_dir():
        # Synonym sets first: patterns refer to them.
        for p in sorted(verb_dir.glob("synsets*.csv")):
            load_synset_file(p, disp(p), out)
        for p in sorted(verb_dir.glob("*.csv")):
            if not p.name.startswith("synsets"):
                load_verb_file(p, disp(p), out)
    for p in sorted(root.glob("discards*.csv")):
        load_discard_file(p, disp(p), out)
    for p in sorted(root.glob("issues*.csv")):
        load_issue_file(p, disp(p), out)
    dset.sources.append(str(root))


def native_files(root: Path) -> list[Path]:
    """The files a native directory contributes, in load order (used for the content hash)."""
    files = []
    if (root / "actors").is_dir():
        files += sorted((root / "actors").glob("*.csv"))
    files += sorted(root.glob("agents*.csv"))
    if (root / "verbs").is_dir():
        files += sorted((root / "verbs").glob("*.csv"))
    files += sorted(root.glob("discards*.csv")) + sorted(root.glob("issues*.csv"))
    return files
