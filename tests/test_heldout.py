"""The held-out test set: hand-coded sentences that nobody tuning the coder looks at.

tests/devset/heldout.jsonl has the same format and coding conventions as the development set
(tests/devset/devset.jsonl, see tests/devset/README.md) but was written separately, so it measures
how well the dictionaries and rules generalise beyond the sentences they were tuned on. Its figures
are printed for reporting. The only accuracy assertion is a low sanity floor: do NOT tune the coder
to this file, and do not change its codings to match the coder's output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventcoder import Coder
from eventcoder.cameo import is_code
from eventcoder.evaluate import evaluate, load_gold

HELDOUT = Path(__file__).resolve().parent / "devset" / "heldout.jsonl"

# A sanity floor only: a broken coder or loader falls below it; ordinary changes never should.
HELDOUT_ROOT_F1_SANITY_FLOOR = 0.30

ACTOR = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")


def test_heldout_is_well_formed():
    lines = HELDOUT.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) == len(lines)
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert len({r["text"] for r in records}) == len(records), "duplicate sentences"
    for r in records:
        assert set(r) <= {"id", "date", "text", "events", "note"}, r["id"]
        assert re.fullmatch(r"held-\d{4}", r["id"]), r["id"]
        assert re.fullmatch(r"(199\d|20[0-2]\d)-[01]\d-[0-3]\d", r["date"]), r["id"]
        assert r["text"].strip() == r["text"] and r["text"], r["id"]
        for e in r["events"]:
            assert set(e) == {"source", "target", "code"}, r["id"]
            assert is_code(e["code"]) and len(e["code"]) >= 3, f"{r['id']}: unknown CAMEO code {e['code']!r}"
            assert ACTOR.fullmatch(e["source"]) and ACTOR.fullmatch(e["target"]), r["id"]
        triples = [(e["source"], e["target"], e["code"]) for e in r["events"]]
        assert len(set(triples)) == len(triples), f"{r['id']}: repeated event"


def test_heldout_size_and_coverage():
    gold = load_gold(HELDOUT)
    assert len(gold) >= 300
    roots = {e["code"][:2] for g in gold for e in g["events"]}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    for root in sorted(roots):
        n = sum(any(e["code"][:2] == root for e in g["events"]) for g in gold)
        assert n >= 10, f"root {root}: only {n} sentences"
    assert sum(not g["events"] for g in gold) >= 25
    years = {int(g["date"][:4]) for g in gold}
    assert min(years) <= 1995 and max(years) >= 2025


@pytest.fixture(scope="module")
def default_coder():
    return Coder()


def test_heldout_precision_recall_by_root(default_coder):
    ev = evaluate(default_coder, load_gold(HELDOUT))
    print("\n" + ev.table())
    assert ev.overall.f1 >= HELDOUT_ROOT_F1_SANITY_FLOOR
