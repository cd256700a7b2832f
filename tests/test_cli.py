"""The real CLI, run as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from tests.conftest import MINI, REPO


def run_cli(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "eventcoder.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\nstdout:{proc.stdout}\nstderr:{proc.stderr}")
    return proc


def test_version():
    from eventcoder import __version__
    assert run_cli("--version").stdout.strip() == f"eventcoder {__version__}"


def test_code_jsonl_end_to_end(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a1", "date": "2022-02-24", "text": "Russian troops attacked Ukraine. Putin will meet Biden."},
        {"id": "a2", "date": "2021-12-13", "text": "Ukraine was attacked by Russia."},
        {"id": "bad-date", "date": "not a date", "text": "Russia attacked Ukraine."},
        {"id": "empty", "date": "2021-12-13", "text": "   "},
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken json\n", encoding="utf-8")
    out = tmp_path / "events.parquet"
    rej = tmp_path / "rejects.jsonl"
    proc = run_cli("code", src, "-o", out, "-d", MINI, "--workers", "1", "--rejects", rej)
    assert "coded 2 documents" in proc.stdout
    df = pd.read_parquet(out)
    assert sorted(zip(df.doc_id, df.source_code, df.target_code, df.event_code, strict=False)) == [
        ("a1", "RUSGOV", "USAGOV", "036"), ("a1", "RUSMIL", "UKR", "190"), ("a2", "RUS", "UKR", "190")]
    rejects = [json.loads(line) for line in rej.read_text().splitlines()]
    where = {r["location"] for r in rejects if r["severity"] == "error"}
    assert {"line 3", "line 4", "line 5"} <= where
    assert all(r["source"].endswith("in.jsonl") for r in rejects)


def test_code_strict_stops_with_nonzero_exit(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x", "date": "2021-01-01", "text": "Russia attacked Ukraine."}\n{oops\n')
    proc = run_cli("code", src, "-o", tmp_path / "o.parquet", "-d", MINI, "--workers", "1", "--strict",
                   check=False)
    assert proc.returncode != 0
    assert "in.jsonl" in proc.stderr and "line 2" in proc.stderr


def test_explain_prints_actors_and_events():
    proc = run_cli("explain", "Ukraine was attacked by Russian troops.", "--date", "2022-02-24", "-d", MINI)
    assert "RUSMIL -> UKR" in proc.stdout
    assert "passive" in proc.stdout
    assert "agent 'troops'" in proc.stdout


def test_explain_with_the_petrarch_options():
    proc = run_cli("explain", "Britain attacked Ukraine, a senior Russian official said.", "-d", MINI,
                   "--comma-clauses", "petrarch", "--new-actor-length", "3")
    assert "comma clauses dropped: coded as 'Britain attacked Ukraine .'" in proc.stdout
    bad = run_cli("explain", "Russia attacked Ukraine.", "-d", MINI, "--comma-clauses", "2,8", check=False)
    assert bad.returncode != 0 and "MIN,MAX,BMIN,BMAX,EMIN,EMAX" in bad.stderr


def test_unreadable_dictionary_is_a_clear_error(tmp_path):
    proc = run_cli("explain", "Russia attacked Ukraine.", "-d", tmp_path / "nope", check=False)
    assert proc.returncode != 0
    assert "nope" in (proc.stderr + proc.stdout)


def test_mixed_corpus_codes_good_records_exactly_like_a_clean_corpus(tmp_path):
    good = [{"id": f"g{i}", "date": f"2022-03-0{1 + i % 9}", "text": t} for i, t in enumerate([
        "Russian troops attacked Ukraine.", "Putin will meet Biden in Geneva.", "Ukraine was attacked by Russia.",
        "Police in Kyiv attacked Russian troops.", "Russia and China met on Monday."])]
    bad_lines = ['{"id": "b1", "date": "2022-13-45", "text": "Russia attacked Ukraine."}',
                 '{"id": "b2", "date": "2022-03-01", "text": ""}', "{not json",
                 '{"id": "g0", "date": "2022-03-01", "text": "duplicate id"}', '["a list"]',
                 '{"id": "b3", "date": "2022-03-01", "text": "Russia \\u0000attacked <b>Ukraine</b>."}']
    clean = tmp_path / "clean.jsonl"
    clean.write_text("\n".join(json.dumps(g) for g in good) + "\n")
    mixed = tmp_path / "mixed.jsonl"
    lines = []
    for i, g in enumerate(good):
        lines.append(json.dumps(g))
        lines.append(bad_lines[i])
    lines.append(bad_lines[-1])
    mixed.write_text("\n".join(lines) + "\n")
    rej = tmp_path / "rejects.jsonl"
    run_cli("code", clean, "-o", tmp_path / "clean.parquet", "-d", MINI, "--workers", "1")
    run_cli("code", mixed, "-o", tmp_path / "mixed.parquet", "-d", MINI, "--workers", "1", "--rejects", rej,
            "--dedup", "one-a-day")
    cols = ["doc_id", "sentence_id", "source_code", "target_code", "event_code", "event_id"]
    a = pd.read_parquet(tmp_path / "clean.parquet")[cols].sort_values("event_id").reset_index(drop=True)
    b = pd.read_parquet(tmp_path / "mixed.parquet")
    assert a.equals(b[b.doc_id.str.startswith("g")][cols].sort_values("event_id").reset_index(drop=True))
    rejects = [json.loads(line) for line in rej.read_text().splitlines()]
    errors = {r["location"]: r["reason"] for r in rejects if r["severity"] == "error"}
    assert set(errors) == {"line 2", "line 4", "line 6", "line 8", "line 10"}  # every bad record, by line
    assert "duplicate" in errors["line 8"] and "line 1" in errors["line 8"]
    # the repaired record (NUL byte, HTML) is coded and reported as a warning
    assert any(r["severity"] == "warning" and r["location"] == "line 11" for r in rejects)
    assert set(b.doc_id) >= {"b3"}
    one_a_day = pd.read_parquet(tmp_path / "mixed.one-a-day.parquet")
    assert one_a_day.n_merged.sum() == len(b)
