"""The command line: parse options, call the library, show progress and summaries.

No coding logic lives here.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Dictionary-driven CAMEO event coder: news text in, dated event rows in Parquet out.")
dict_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Inspect, check and extend dictionaries.")
app.add_typer(dict_app, name="dict")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventcoder {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    pass


class InputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    parquet = "parquet"
    txt = "txt"
    petrarch_xml = "petrarch-xml"


DictOpt = Annotated[list[Path] | None, typer.Option(
    "--dictionaries", "-d", help="Dictionary directory (native) or PETRARCH files; repeat to layer a user "
    "set on top of the defaults, e.g. -d default -d mine. 'default' means the shipped set.")]


CommaOpt = Annotated[str | None, typer.Option(
    "--comma-clauses", help="Drop short comma-delimited clauses before coding, as PETRARCH-1 does: 'petrarch' "
    "for its defaults, or word-count limits MIN,MAX,BMIN,BMAX,EMIN,EMAX (internal, initial, terminal clause; "
    "a max of 0 turns that kind off). Off by default.")]
NewActorOpt = Annotated[int, typer.Option(
    "--new-actor-length", help="Also code a subject or object no dictionary names when its noun phrase has at "
    "most N words, with the phrase as its code (PETRARCH's new_actor_length). 0 = off.")]


def _comma_rules(value: str | None):
    """``--comma-clauses``: 'petrarch' or six integers."""
    if not value:
        return None
    from .commas import CommaRules
    if value.strip().lower() == "petrarch":
        return CommaRules()
    try:
        numbers = [int(x) for x in value.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) != 6 or min(numbers) < 0:
        raise typer.BadParameter("write 'petrarch' or six non-negative integers MIN,MAX,BMIN,BMAX,EMIN,EMAX",
                                 param_hint="--comma-clauses")
    return CommaRules(*numbers)


def _dict_paths(dictionaries: list[Path] | None) -> tuple[str, ...] | None:
    if not dictionaries:
        return None
    from .dictionaries import default_dictionary_dir
    return tuple(str(default_dictionary_dir()) if str(p) == "default" else str(p) for p in dictionaries)


class _Progress:
    """A one-line progress display on stderr: documents, sentences/s, chunks, ETA."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.tty = sys.stderr.isatty()

    def __call__(self, docs: int, sents: int, done: int, total: int) -> None:
        now = time.perf_counter()
        if not self.tty or (now - self.last < 0.2 and done < total):
            return
        self.last = now
        el = max(now - self.t0, 1e-9)
        frac = done / total if total else 1.0
        eta = f"{(el / frac - el):6.0f}s" if 0 < frac < 1 else "     -"
        sys.stderr.write(f"\r  {docs:>10,} documents  {sents:>12,} sentences  {sents / el:>9,.0f} sent/s  "
                         f"chunks {done}/{total}  ETA {eta} ")
        sys.stderr.flush()

    def end(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


@app.command("code")
def code_cmd(
    inputs: Annotated[list[Path], typer.Argument(help="Input files or directories (JSONL, CSV, TSV, Parquet, "
                                                      ".txt, PETRARCH XML; .gz too).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="OUT.parquet for one file, or a directory for "
                                         "a dataset of part files.")],
    dictionaries: DictOpt = None,
    fmt: Annotated[InputFormat | None, typer.Option("--format", help="Input format (default: by extension).")] = None,
    id_field: Annotated[str, typer.Option(help="Field/column holding the document id.")] = "id",
    date_field: Annotated[str, typer.Option(help="Field/column holding the date.")] = "date",
    text_field: Annotated[str, typer.Option(help="Field/column holding the text.")] = "text",
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes (0 = all cores).")] = 0,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address tcp://HOST:PORT, or 'local' "
                                                  "for a LocalCluster (needs eventcoder[dask]).")] = None,
    resume: Annotated[bool, typer.Option(help="Keep finished chunks of an interrupted run; code the rest.")] = False,
    rejects: Annotated[Path | None, typer.Option(help="Write every skipped or repaired record (JSON Lines).")] = None,
    strict: Annotated[bool, typer.Option(help="Stop at the first bad record or dictionary entry.")] = False,
    allow_monadic: Annotated[bool, typer.Option(help="Also write events with a source but no target.")] = False,
    model: Annotated[str | None, typer.Option(help="Installed trained spaCy pipeline (e.g. en_core_web_sm) whose "
                                              "dependency parse picks source and target; slower.")] = None,
    dedup: Annotated[str | None, typer.Option(help="'one-a-day': also write OUT.one-a-day.parquet with one "
                                              "event per date, source, target and code (never the default).")] = None,
    report_unknown_actors: Annotated[int, typer.Option(
        help="After coding, list the N most frequent capitalised phrases no dictionary knows.")] = 0,
    comma_clauses: CommaOpt = None,
    new_actor_length: NewActorOpt = 0,
) -> None:
    """Code articles into CAMEO events and write them to Parquet."""
    import os

    from .corpus import CorpusError, ReaderOptions
    from .dictionaries import DictionaryError
    from .parallel import CodingConfig, run

    reader = ReaderOptions(format=fmt.value if fmt else None, id_field=id_field, date_field=date_field,
                           text_field=text_field, strict=strict)
    config = CodingConfig(dictionaries=_dict_paths(dictionaries), reader=reader, require_dyad=not allow_monadic,
                          strict_dictionaries=strict, model=model, comma_clauses=_comma_rules(comma_clauses),
                          new_actor_length=new_actor_length)
    n_workers = workers or os.cpu_count() or 1
    progress = _Progress()
    try:
        result = run(inputs, output, config, workers=n_workers, scheduler=scheduler, resume=resume,
                     progress=progress)
    except (CorpusError, DictionaryError, FileNotFoundError, OSError) as exc:
        progress.end()
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    progress.end()
    all_rejects = result.rejects
    if rejects is not None:
        rejects.parent.mkdir(parents=True, exist_ok=True)
        with open(rejects, "w", encoding="utf-8") as fh:
            for r in all_rejects:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    _print_summary(result, all_rejects, rejects)
    if dedup is not None:
        if dedup != "one-a-day":
            typer.echo("error: --dedup takes 'one-a-day'", err=True)
            raise typer.Exit(2)
        import pyarrow.parquet as pq

        from .analysis import read_table
        from .exports import dedup_one_a_day
        target = output.with_name(output.stem + ".one-a-day.parquet") if output.suffix == ".parquet" \
            else output.with_name(output.name + ".one-a-day.parquet")
        table = dedup_one_a_day(read_table(output))
        pq.write_table(table, target, compression="zstd")
        typer.echo(f"  one-a-day  {table.num_rows:,} events in {target} (raw rows kept in {output})")
    if report_unknown_actors:
        from .unknown import unknown_actor_report
        typer.echo("\nFrequent capitalised phrases no dictionary knows (candidates to add):")
        for phrase, count in unknown_actor_report(inputs, config, report_unknown_actors):
            typer.echo(f"  {count:>7,}  {phrase}")


def _print_summary(result, rejects: list[dict], rejects_path: Path | None) -> None:
    errors = [r for r in rejects if r.get("severity", "error") == "error"]
    warnings = [r for r in rejects if r.get("severity") == "warning"]
    el = max(result.seconds, 1e-9)
    lines = [
        f"eventcoder {__version__}: coded {result.documents:,} documents, {result.sentences:,} sentences "
        f"-> {result.events:,} events",
        f"  output     {result.output}",
        f"  time       {result.seconds:.1f} s ({result.sentences / el:,.0f} sentences/s)",
    ]
    if result.skipped_chunks:
        lines.append(f"  resumed    {result.skipped_chunks} chunk(s) were already done and kept")
    lines.append(f"  skipped    {len(errors):,} record(s)" + (f"; repaired {len(warnings):,}" if warnings else ""))
    reasons = Counter(_reason_kind(r["reason"]) for r in errors + warnings)
    for reason, n in reasons.most_common(8):
        lines.append(f"    {n:>7,}  {reason}")
    for r in errors[:5]:
        lines.append(f"    e.g. {r['source']} {r['location']}: {r['reason']}")
    if rejects and rejects_path is None:
        lines.append("  (use --rejects FILE.jsonl to keep the full list)")
    elif rejects_path is not None:
        lines.append(f"  rejects    {rejects_path}")
    typer.echo("\n".join(lines))


def _reason_kind(reason: str) -> str:
    return reason.split(":")[0].split(";")[0][:70]


@app.command("explain")
def explain_cmd(
    text: Annotated[str, typer.Argument(help="A sentence (or short text) to code.")],
    date: Annotated[str | None, typer.Option(help="Article date YYYY-MM-DD (date-restricted actors).")] = None,
    dictionaries: DictOpt = None,
    model: Annotated[str | None, typer.Option(help="Trained spaCy pipeline for the parse (optional).")] = None,
    comma_clauses: CommaOpt = None,
    new_actor_length: NewActorOpt = 0,
) -> None:
    """Show how a sentence is coded: actors, verbs, patterns, events."""
    from .coder import Coder
    from .dictionaries import DictionaryError

    try:
        coder = Coder(list(_dict_paths(dictionaries) or []) or None, model=model,
                      comma_clauses=_comma_rules(comma_clauses), new_actor_length=new_actor_length)
    except (DictionaryError, FileNotFoundError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for tr in coder.explain(text, date):
        typer.echo(f"sentence {tr.sentence.index}: {tr.sentence.text}")
        if tr.discarded_by:
            typer.echo(f"  discarded: matches discard phrase {tr.discarded_by!r}")
            continue
        if tr.reduced:
            typer.echo(f"  comma clauses dropped: coded as {tr.reduced!r}")
        typer.echo("  actors:" if tr.actors else "  actors: none found")
        for a in tr.actors:
            typer.echo(f"    {a}")
        if tr.mentions:
            typer.echo("  mentions: " + "; ".join(f"{t} = {c}" for t, c in tr.mentions))
        for v in tr.verbs:
            flags = f" [{', '.join(v.flags)}]" if v.flags else ""
            typer.echo(f"  verb {v.trigger!r} ({v.verb}){flags}")
            if v.pattern:
                typer.echo(f"    pattern {v.pattern} -> {v.code}")
            if v.subject or v.target:
                typer.echo(f"    source {', '.join(v.subject) or '-'}; target {', '.join(v.target) or '-'}")
            typer.echo(f"    => {v.outcome}")
        for e in tr.events:
            from . import cameo
            typer.echo(f"  EVENT {e.source_code} -> {e.target_code}  {e.event_code} "
                       f"({cameo.lookup(e.event_code).name})  [{e.pattern_id}]")


class ExportFormat(str, Enum):
    phoenix = "phoenix"
    icews = "icews"
    plover = "plover"
    csv = "csv"


@app.command("export")
def export_cmd(
    events: Annotated[Path, typer.Argument(help="eventcoder Parquet output (file or dataset directory).")],
    to: Annotated[ExportFormat, typer.Option("--to", help="Target format.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file.")],
) -> None:
    """Write the events as Phoenix TSV, ICEWS-style TSV, PLOVER JSON Lines or plain CSV."""
    from .exports import export

    n = export(events, to.value, output)
    typer.echo(f"wrote {n:,} rows to {output} ({to.value})")


@app.command("summary")
def summary_cmd(
    events: Annotated[Path, typer.Argument(help="eventcoder Parquet output (file or dataset directory).")],
    top: Annotated[int, typer.Option(help="How many dyads to list.")] = 10,
) -> None:
    """Counts by root, quad class, top dyads and per month."""
    from .summary import format_summary, summarize

    typer.echo(format_summary(summarize(events, top)))


@app.command("report")
def report_cmd(
    events: Annotated[Path, typer.Argument(help="eventcoder Parquet output (file or dataset directory).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
    top: Annotated[int, typer.Option(help="How many dyads to chart.")] = 10,
) -> None:
    """A self-contained HTML page: events per week by quad class, top dyads, Goldstein trends."""
    from .report import write_report

    typer.echo(f"wrote {write_report(events, output, top)}")


@app.command("dedup")
def dedup_cmd(
    events: Annotated[Path, typer.Argument(help="eventcoder Parquet output (file or dataset directory).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Deduplicated Parquet file.")],
    mode: Annotated[str, typer.Option(help="Only 'one-a-day' for now.")] = "one-a-day",
) -> None:
    """One event per (date, source, target, code), with n_merged and merged_event_ids columns."""
    import pyarrow.parquet as pq

    from .analysis import read_table
    from .exports import dedup_one_a_day

    if mode != "one-a-day":
        typer.echo("error: --mode must be one-a-day", err=True)
        raise typer.Exit(2)
    table = read_table(events)
    out = dedup_one_a_day(table)
    pq.write_table(out, output, compression="zstd")
    typer.echo(f"{table.num_rows:,} events -> {out.num_rows:,} one-a-day events in {output}")


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Hand-coded sentences, JSON Lines (see tests/devset/README.md).")],
    dictionaries: DictOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many disagreements.")] = 0,
) -> None:
    """Precision/recall by CAMEO root against your own hand-coded sentences."""
    from .coder import Coder
    from .evaluate import evaluate, load_gold

    ev = evaluate(Coder(list(_dict_paths(dictionaries) or []) or None), load_gold(gold))
    typer.echo(ev.table())
    for e in ev.errors[:show_errors]:
        typer.echo(f"\n{e['id']}: {e['text']}\n  expected {e['expected']}\n  produced {e['produced']}")


@app.command("validate")
def validate_cmd(
    records: Annotated[Path, typer.Argument(help="PETRARCH validation records (e.g. PETR.UnitTest.records.xml).")],
    dictionary_dir: Annotated[Path | None, typer.Option(help="Where the <Environment> dictionaries live "
                                                        "(default: ../dictionaries beside the records).")] = None,
    events_out: Annotated[Path | None, typer.Option(help="Also write the coded events (doc_id = record id) "
                                                    "as Parquet.")] = None,
    max_failures: Annotated[int, typer.Option(help="How many failures to list (-1: all).")] = 30,
    category: Annotated[list[str] | None, typer.Option(help="Only these categories (repeat).")] = None,
    floor: Annotated[int | None, typer.Option(help="Exit non-zero when fewer records pass (for CI).")] = None,
) -> None:
    """Code PETRARCH validation records and compare with their expected events (PETRARCH-1 criterion)."""
    from .validate import run_validation

    try:
        report = run_validation(records, dictionary_dir, categories=category)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(report.format_report(None if max_failures < 0 else max_failures))
    if events_out is not None:
        from .output import write_events
        n = write_events(events_out, report.events)
        typer.echo(f"wrote {n} events to {events_out}")
    if floor is not None and report.passed < floor:
        typer.echo(f"error: {report.passed} records passed, below the floor of {floor}", err=True)
        raise typer.Exit(1)


@dict_app.command("import-petrarch")
def dict_import_petrarch(
    source: Annotated[Path, typer.Argument(help="A PETRARCH/TABARI dictionary file or folder.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for the native CSV set.")],
) -> None:
    """Convert PETRARCH dictionaries you have into the native CSV format (see IMPORT-NOTES.txt after)."""
    from .dictionaries.petrarch import import_petrarch

    rep = import_petrarch(source, output)
    for p in rep.problems[:20]:
        typer.echo(str(p), err=True)
    if len(rep.problems) > 20:
        typer.echo(f"... {len(rep.problems) - 20} more problem(s)", err=True)
    counts = ", ".join(f"{n:,} {k}" for k, n in rep.counts.items())
    typer.echo(f"wrote {output}: {counts}")
    if rep.notes:
        typer.echo(f"{len(rep.notes)} note(s) on what the native format expresses differently: "
                   f"{output / 'IMPORT-NOTES.txt'}")


def _load(dictionaries: list[Path] | None, strict: bool = False):
    from .dictionaries import DictionaryError, load_dictionaries
    try:
        return load_dictionaries(list(_dict_paths(dictionaries) or []) or None, strict=strict)
    except (DictionaryError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@dict_app.command("lint")
def dict_lint(
    directories: Annotated[list[Path] | None, typer.Argument(help="Dictionary directories (default: the shipped set).")] = None,
    warnings_fail: Annotated[bool, typer.Option("--warnings-fail", help="Exit non-zero on warnings too.")] = False,
) -> None:
    """Check dictionaries: syntax (file:line), unknown CAMEO codes, date ranges, conflicting phrases."""
    from .dictionaries.lint import lint

    dset = _load(directories)
    problems = lint(dset)
    for p in problems:
        typer.echo(str(p))
    errors = sum(p.severity == "error" for p in problems)
    warns = len(problems) - errors
    typer.echo(f"{dset.name}: {errors} error(s), {warns} warning(s)")
    if errors or (warnings_fail and warns):
        raise typer.Exit(1)


@dict_app.command("stats")
def dict_stats(dictionaries: DictOpt = None) -> None:
    """Count actors, persons with date ranges, organisations, verb patterns and CAMEO coverage."""
    from .dictionaries.lint import stats

    dset = _load(dictionaries)
    typer.echo(f"dictionary set {dset.name} (hash {dset.content_hash[:12]})")
    for line in stats(dset).lines():
        typer.echo("  " + line)


@dict_app.command("add-actor")
def dict_add_actor(
    name: Annotated[str, typer.Argument(help="The actor's name as it appears in text, e.g. 'Keir Starmer'.")],
    code: Annotated[str, typer.Argument(help="CAMEO actor code, e.g. GBRGOV.")],
    directory: Annotated[Path, typer.Option("--dir", help="Your dictionary directory (created if needed).")] = Path("mydicts"),
    kind: Annotated[str, typer.Option(help="country, place, person, org or group.")] = "person",
    start: Annotated[str | None, typer.Option("--from", help="First day the code holds (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day the code holds (YYYY-MM-DD).")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another phrase for the actor (repeat).")] = None,
    note: Annotated[str, typer.Option(help="Free text, e.g. the office.")] = "",
) -> None:
    """Append a valid actor entry to your own dictionary directory (layer it with -d default -d DIR)."""
    from .dictionaries.lint import add_actor, lint
    from .dictionaries.model import ACTOR_KINDS

    if kind not in ACTOR_KINDS:
        typer.echo(f"error: kind must be one of {', '.join(ACTOR_KINDS)}", err=True)
        raise typer.Exit(2)
    try:
        path = add_actor(directory, name, code, kind=kind, start=start, end=end, aliases=alias, note=note)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    problems = [p for p in lint(_load([directory])) if p.severity == "error"]
    for p in problems:
        typer.echo(str(p), err=True)
    typer.echo(f"added {name!r} [{code.upper()}] to {path}")
    if problems:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
