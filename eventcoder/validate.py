"""Run PETRARCH validation records (``PETR.UnitTest.records.xml``) through the coder.

A records file names its dictionaries in ``<Environment>`` (resolved in ``dictionary_dir``,
by default ``../dictionaries`` beside the records file), sets sticky options with ``<Config
option=".." value=".."/>`` between records, and holds ``<Sentence date id category
sentence="true|false">`` records, each with ``<Text>`` and the expected ``<EventCoding
sourcecode targetcode eventcode/>`` (or ``noevents="True"``, or ``error="..."``).

A record passes when the produced (source, target, code) triples equal the expected ones as a
multiset (the PETRARCH-1 criterion: one to one, a duplicate or a missing event fails). Only
``sentence="true"`` records in the ``<Include>`` categories count. ``error="storydiscard"``,
``"sentencediscard"`` and ``"dateline"`` expect no events; ``error="bad_input_parse"`` tests
PETRARCH's parse-tree reader and is skipped (this coder reads no parse trees).

A missing actor (no target with ``require_dyad`` false) is ``---`` on both sides, as PETRARCH
writes it. Codes are compared as strings: the validation dictionaries use WEIS-style codes (``903``,
``075A``) that are not CAMEO, so this works on triples and never on the Parquet schema.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as StdET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .commas import CommaRules
from .dictionaries.model import DictionarySet
from .dictionaries.petrarch import load_petrarch
from .events import Event

Triple = tuple[str, str, str]

# <Config> options the coder honours; the rest are reported as ignored. Records before any <Config>
# run with PETRARCH-1's defaults (its config.ini): comma-clause deletion 2..8 internal, 2..8 terminal,
# initial off; no new actors.
SUPPORTED_OPTIONS = ("require_dyad", "new_actor_length", "comma_min", "comma_max", "comma_bmin", "comma_bmax",
                     "comma_emin", "comma_emax")
_COMMA_OPTIONS = {"comma_min": "min", "comma_max": "max", "comma_bmin": "bmin", "comma_bmax": "bmax",
                  "comma_emin": "emin", "comma_emax": "emax"}
_NO_EVENT_ERRORS = frozenset({"storydiscard", "sentencediscard", "dateline"})
_SKIPPED_ERRORS = {"bad_input_parse": "tests PETRARCH's parse-tree reader; this coder reads no parse trees"}
_ENV_KINDS = {"verbfile": "verbs", "actorfile": "actors", "agentfile": "agents", "discardfile": "discards",
              "issuefile": "issues"}


@dataclass(slots=True)
class ValidationRecord:
    id: str
    category: str
    date: dt.date | None
    sentence: bool
    text: str
    expected: list[Triple]
    noevents: bool
    error: str  # the expected error kind, "" when none
    options: dict[str, str]  # the sticky <Config> options in force
    line: int = 0  # line of the <Sentence> tag, when known
    date_error: str = ""


@dataclass(slots=True)
class ValidationSuite:
    path: Path
    dictionaries: dict[str, list[str]]  # kind -> file names from <Environment>
    include: set[str] | None  # categories to run (None: all)
    records: list[ValidationRecord]
    environment_options: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class RecordResult:
    record: ValidationRecord
    status: str  # "pass", "fail", "skip"
    produced: list[Triple] = field(default_factory=list)
    reason: str = ""  # why skipped

    @property
    def expected(self) -> list[Triple]:
        return self.record.expected


@dataclass(slots=True)
class ValidationReport:
    suite: ValidationSuite
    dictionary_dir: Path
    results: list[RecordResult]
    events: list[Event]
    dictionary_problems: list[str] = field(default_factory=list)

    @property
    def counted(self) -> list[RecordResult]:
        return [r for r in self.results if r.status != "skip"]

    @property
    def passed(self) -> int:
        return sum(r.status == "pass" for r in self.results)

    @property
    def failed(self) -> int:
        return sum(r.status == "fail" for r in self.results)

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def failures(self) -> list[RecordResult]:
        return [r for r in self.results if r.status == "fail"]

    @property
    def skipped(self) -> list[RecordResult]:
        return [r for r in self.results if r.status == "skip"]

    def by_category(self) -> dict[str, tuple[int, int]]:
        """category -> (passed, failed), in the order categories first appear."""
        out: dict[str, list[int]] = {}
        for r in self.counted:
            c = out.setdefault(r.record.category, [0, 0])
            c[0 if r.status == "pass" else 1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}

    def unsupported_options(self) -> dict[str, Counter]:
        """Options the records set that the coder has no equivalent for: option -> values used."""
        seen: dict[str, Counter] = {}
        for r in self.counted:
            for k, v in r.record.options.items():
                if k not in SUPPORTED_OPTIONS and k != "stop_on_error":
                    seen.setdefault(k, Counter())[v] += 1
        return seen

    def format_report(self, max_failures: int | None = None) -> str:
        lines = [f"PETRARCH validation: {self.suite.path}",
                 f"dictionaries: {self.dictionary_dir} "
                 + ", ".join(f"{k}={'+'.join(v)}" for k, v in self.suite.dictionaries.items())]
        if self.dictionary_problems:
            lines.append(f"dictionary problems: {len(self.dictionary_problems)} (first: {self.dictionary_problems[0]})")
        unsupported = self.unsupported_options()
        if unsupported:
            lines.append("options not supported by this coder (ignored): " + "; ".join(
                f"{k} ({', '.join(f'{v}: {n} records' for v, n in c.items())})" for k, c in unsupported.items()))
        lines.append("")
        width = max([len("category")] + [len(c) for c in self.by_category()])
        lines.append(f"{'category':<{width}}  records  passed  failed   pass %")
        for cat, (p, f) in self.by_category().items():
            n = p + f
            lines.append(f"{cat:<{width}}  {n:7d}  {p:6d}  {f:6d}  {100 * p / n:6.1f}")
        n = self.total
        lines.append(f"{'TOTAL':<{width}}  {n:7d}  {self.passed:6d}  {self.failed:6d}  "
                     f"{(100 * self.passed / n if n else 0):6.1f}")
        if self.skipped:
            lines.append("")
            lines.append(f"skipped: {len(self.skipped)}")
            for r in self.skipped:
                lines.append(f"  {r.record.id} [{r.record.category}]: {r.reason}")
        fails = self.failures
        if fails:
            lines.append("")
            lines.append(f"failures: {len(fails)}")
            for r in fails[:max_failures]:
                rec = r.record
                lines.append(f"- {rec.id} [{rec.category}] {rec.date or 'no date'} (line {rec.line})")
                lines.append(f"    text:     {rec.text}")
                lines.append(f"    expected: {_fmt_triples(rec.expected, rec)}")
                lines.append(f"    produced: {_fmt_triples(r.produced, None)}")
            if max_failures is not None and len(fails) > max_failures:
                lines.append(f"  ... {len(fails) - max_failures} more")
        return "\n".join(lines)


def _fmt_triples(triples: list[Triple], rec: ValidationRecord | None) -> str:
    if rec is not None and rec.error:
        return f"(error {rec.error!r}: no events)"
    if not triples:
        return "(no events)"
    return "  ".join(f"{s or '-'}>{t or '-'}:{c}" for s, t, c in triples)


# ---------------------------------------------------------------------------------------------
# Parsing the records file
# ---------------------------------------------------------------------------------------------

def _parse_xml(path: Path):
    try:
        return SafeET.parse(str(path))
    except DefusedXmlException as exc:
        raise ValueError(f"{path}: refused unsafe XML ({exc.__class__.__name__}): entity declarations and "
                         "external references are not allowed in records files") from None
    except StdET.ParseError as exc:
        line = getattr(exc, "position", (0, 0))[0]
        raise ValueError(f"{path}:{line}: not well-formed XML: {exc}") from None


def _sentence_lines(path: Path) -> list[int]:
    """Line numbers of the ``<Sentence`` tags, in order (ElementTree does not keep them)."""
    out = []
    in_comment = False
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            k = 0
            while k < len(line):
                if in_comment:
                    e = line.find("-->", k)
                    if e < 0:
                        break
                    in_comment, k = False, e + 3
                    continue
                c = line.find("<!--", k)
                s = line.find("<Sentence", k)
                if s >= 0 and (c < 0 or s < c):
                    if not line.startswith("<Sentences", s):
                        out.append(n)
                    k = s + 9
                    continue
                if c < 0:
                    break
                in_comment, k = True, c + 4
    return out


def _date(value: str) -> tuple[dt.date | None, str]:
    v = value.strip()
    try:
        if len(v) == 8 and v.isdigit():
            return dt.date(int(v[:4]), int(v[4:6]), int(v[6:8])), ""
        return dt.date.fromisoformat(v), ""
    except ValueError:
        return None, f"bad date {value!r}: write YYYYMMDD"


def _attr(el, name: str) -> str:
    for k, v in el.attrib.items():
        if k.lower() == name:
            return v.strip()
    return ""


def parse_records(path: str | Path) -> ValidationSuite:
    """Read a PETRARCH validation records file (safely: no entities, no external references)."""
    path = Path(path)
    root = _parse_xml(path).getroot()
    dictionaries: dict[str, list[str]] = {}
    include: set[str] | None = None
    env_options: dict[str, str] = {}
    env = root.find("Environment")
    if env is not None:
        for child in env:
            tag = child.tag.lower()
            text = (child.text or "").strip()
            if tag in _ENV_KINDS and text:
                dictionaries.setdefault(_ENV_KINDS[tag], []).extend(t.strip() for t in text.split(",") if t.strip())
            elif tag == "include" and text:
                include = set(text.split())
            elif tag == "config":
                env_options[_attr(child, "option").lower()] = _attr(child, "value")
    options = dict(env_options)
    records: list[ValidationRecord] = []
    lines = _sentence_lines(path)
    container = root.find("Sentences")
    elements = list(container) if container is not None else [e for e in root if e.tag in ("Sentence", "Config")]
    k = 0
    for el in elements:
        tag = el.tag
        if tag == "Config":
            options[_attr(el, "option").lower()] = _attr(el, "value")
            continue
        if tag == "Stop":
            break
        if tag != "Sentence":
            continue
        line = lines[k] if k < len(lines) else 0
        k += 1
        expected: list[Triple] = []
        noevents = False
        error = ""
        for ec in el.findall("EventCoding"):
            if _attr(ec, "noevents").lower() == "true":
                noevents = True
                continue
            if _attr(ec, "error"):
                error = _attr(ec, "error")
                continue
            expected.append((_attr(ec, "sourcecode"), _attr(ec, "targetcode"), _attr(ec, "eventcode")))
        text_el = el.find("Text")
        text = " ".join((text_el.text or "").split()) if text_el is not None else ""
        day, date_error = _date(_attr(el, "date")) if _attr(el, "date") else (None, "record has no date")
        records.append(ValidationRecord(
            id=_attr(el, "id") or f"line-{line}", category=_attr(el, "category"), date=day,
            sentence=_attr(el, "sentence").lower() == "true", text=text, expected=expected, noevents=noevents,
            error=error, options=dict(options), line=line, date_error=date_error))
    return ValidationSuite(path, dictionaries, include, records, env_options)


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------

def default_dictionary_dir(records_path: Path) -> Path:
    """``../dictionaries`` beside the records file (PETRARCH's layout), else the records' own folder."""
    records_path = Path(records_path)
    candidate = records_path.resolve().parent.parent / "dictionaries"
    return candidate if candidate.is_dir() else records_path.resolve().parent


def load_suite_dictionaries(suite: ValidationSuite, dictionary_dir: Path, strict: bool = False) -> DictionarySet:
    dset = DictionarySet()
    load_petrarch(Path(dictionary_dir), dset, strict=strict, kinds=suite.dictionaries or None)
    dset.name = "+".join(n for names in suite.dictionaries.values() for n in names) or Path(dictionary_dir).name
    return dset


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes", "on")


def _int_option(options: dict[str, str], name: str, default: int) -> int:
    try:
        return int(options[name].strip())
    except (KeyError, ValueError):
        return default


def coder_options(options: dict[str, str]) -> dict:
    """``Coder`` keyword arguments for the sticky <Config> options of a record."""
    base = CommaRules()
    rules = CommaRules(**{field: _int_option(options, name, getattr(base, field))
                          for name, field in _COMMA_OPTIONS.items()})
    return {"require_dyad": _truthy(options.get("require_dyad", "true")), "comma_clauses": rules,
            "new_actor_length": _int_option(options, "new_actor_length", 0), "intent_codes": False}


class _Coders:
    """One coder per distinct set of options (a records file switches them a handful of times)."""

    def __init__(self, dset: DictionarySet):
        from .lexicon import compile_lexicon

        self.lexicon = compile_lexicon(dset)  # compiled once, shared
        self.coders: dict[tuple, object] = {}

    def __call__(self, options: dict[str, str]):
        from .coder import Coder

        kw = coder_options(options)
        key = tuple(sorted(kw.items()))
        coder = self.coders.get(key)
        if coder is None:
            coder = self.coders[key] = Coder(self.lexicon, **kw)
        return coder


def run_validation(records: str | Path | ValidationSuite, dictionary_dir: str | Path | None = None, *,
                   dictionaries: DictionarySet | None = None, strict: bool = False,
                   categories: Iterable[str] | None = None) -> ValidationReport:
    """Code every counted record and compare its triples with the expected ones.

    ``dictionaries`` overrides the <Environment> files (e.g. to try the Phoenix set);
    ``categories`` restricts the run further than the file's <Include>.
    """
    suite = records if isinstance(records, ValidationSuite) else parse_records(records)
    ddir = Path(dictionary_dir) if dictionary_dir is not None else default_dictionary_dir(suite.path)
    dset = dictionaries if dictionaries is not None else load_suite_dictionaries(suite, ddir, strict=strict)
    wanted = set(categories) if categories is not None else None
    coders = _Coders(dset)
    results: list[RecordResult] = []
    events: list[Event] = []
    for rec in suite.records:
        if not rec.sentence:
            continue
        if suite.include is not None and rec.category not in suite.include:
            continue
        if wanted is not None and rec.category not in wanted:
            continue
        if rec.error in _SKIPPED_ERRORS:
            results.append(RecordResult(rec, "skip", reason=f"expects error {rec.error!r}: {_SKIPPED_ERRORS[rec.error]}"))
            continue
        if rec.date_error:
            results.append(RecordResult(rec, "skip", reason=rec.date_error))
            continue
        produced_events = coders(rec.options).code_text(rec.text, date=rec.date, doc_id=rec.id)
        events.extend(produced_events)
        produced = [_petrarch_triple(e) for e in produced_events]
        expected = [] if (rec.noevents or rec.error in _NO_EVENT_ERRORS) else rec.expected
        ok = Counter(produced) == Counter(expected)
        results.append(RecordResult(rec, "pass" if ok else "fail", produced))
    problems = [str(p) for p in dset.problems if p.severity == "error"]
    return ValidationReport(suite, ddir, results, events, problems)


def _petrarch_triple(e: Event) -> Triple:
    """PETRARCH writes a missing actor as ``---``; the coder leaves it empty."""
    return (e.source_code or "---", e.target_code or "---", e.event_code)


def validation_events(records: str | Path | ValidationSuite, dictionary_dir: str | Path | None = None, *,
                      dictionaries: DictionarySet | None = None, all_records: bool = False) -> list[Event]:
    """The events coded from the records (``doc_id`` = record id, the record's date), e.g. for ``--events-out``.

    By default the counted records (as ``run_validation``); ``all_records`` codes every record with
    a text, whatever its category or ``sentence`` flag. Event codes may be non-CAMEO (validation
    dictionaries): write them as triples/CSV, not through the Parquet schema.
    """
    if not all_records:
        return run_validation(records, dictionary_dir, dictionaries=dictionaries).events
    suite = records if isinstance(records, ValidationSuite) else parse_records(records)
    ddir = Path(dictionary_dir) if dictionary_dir is not None else default_dictionary_dir(suite.path)
    dset = dictionaries if dictionaries is not None else load_suite_dictionaries(suite, ddir)
    coders = _Coders(dset)
    events: list[Event] = []
    for rec in suite.records:
        if rec.text:
            events.extend(coders(rec.options).code_text(rec.text, date=rec.date, doc_id=rec.id))
    return events


__all__ = ["ValidationRecord", "ValidationSuite", "RecordResult", "ValidationReport", "parse_records",
           "run_validation", "validation_events", "load_suite_dictionaries", "default_dictionary_dir"]
