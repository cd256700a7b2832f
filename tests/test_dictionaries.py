"""Native dictionary loading, layering, lint, stats and add-actor."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from eventcoder import Coder
from eventcoder.actors import find_hits
from eventcoder.dictionaries import DictionaryError, load_dictionaries
from eventcoder.dictionaries.lint import lint, stats
from eventcoder.dictionaries.native import parse_dict_date, pluralize
from eventcoder.text import split_sentences
from tests.conftest import MINI, REPO


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_bad_rows_are_reported_with_file_and_line_and_the_rest_loads(tmp_path):
    d = tmp_path / "dicts"
    write(d / "actors" / "a.csv", "kind,code,name,aliases,from,to,note\n"
          "country,RUS,Russia,Russian,,,\n"
          "country,russia-bad,Ruritania,,,,\n"          # line 3: code not CAMEO-shaped
          "person,RUSGOV,Ivan Example,,2020-13-01,,\n"   # line 4: bad month
          "person,RUSGOV,Olga Example,,2021-01-01,2020-01-01,\n"  # line 5: inverted
          "# a comment\n"
          "country,UKR,Ukraine,,,,\n")
    write(d / "verbs" / "v.csv", "code,verb,pattern,note\n190,attack,,\n99,explode,,\n36,meet,,\n"
          "040,meet,&NOPE +,\n")
    dset = load_dictionaries([d])
    msgs = {(p.origin.file.split("/", 1)[1], p.origin.line): p.message for p in dset.problems}
    assert "not CAMEO-shaped" in msgs[("actors/a.csv", 3)]
    assert "2020-13-01" in msgs[("actors/a.csv", 4)]
    assert "inverted" in msgs[("actors/a.csv", 5)]
    assert "unknown CAMEO event code '99'" in msgs[("verbs/v.csv", 3)]
    assert "leading zero" in msgs[("verbs/v.csv", 4)]
    assert "unknown synonym set" in msgs[("verbs/v.csv", 5)]
    assert {"Russia", "Ukraine"} <= set(dset.actors)
    assert "attack" in dset.verbs
    with pytest.raises(DictionaryError, match=r"a.csv:3"):
        load_dictionaries([d], strict=True)


def test_wrong_header_is_one_clear_error(tmp_path):
    d = tmp_path / "dicts"
    write(d / "agents.csv", "role,word\nMIL,troops\n")
    write(d / "verbs" / "v.csv", "code,verb,pattern\n190,attack,\n")
    dset = load_dictionaries([d])
    assert len(dset.problems) == 1 and "header lacks column(s) code, phrase" in dset.problems[0].message


def test_layering_overrides_and_extends(tmp_path):
    mine = tmp_path / "mine"
    write(mine / "actors" / "x.csv", "kind,code,name,aliases,from,to,note\n"
          "person,GBRGOV,Keir Starmer,Starmer,2024-07-05,,\nperson,GBRELI,Keir Starmer,,,,\n"
          "country,XYZ,Ukraine,,,,\n")
    assert Coder(["default", mine]).dictionaries.name == "default+mine"
    coder = Coder([MINI, mine])
    got = [e.triple() for e in coder.code_text("Starmer met Putin.", date="2025-01-01")]
    assert got == [("GBRGOV", "RUSGOV", "040")]
    assert coder.dictionaries.actors["Ukraine"].default.code == "XYZ"  # the user layer wins
    assert "default" not in coder.dictionaries.name and "mine" in coder.dictionaries.name


def test_partial_dates_widen():
    assert parse_dict_date("2021", end=False) == dt.date(2021, 1, 1)
    assert parse_dict_date("2021", end=True) == dt.date(2021, 12, 31)
    assert parse_dict_date("2024-02", end=True) == dt.date(2024, 2, 29)
    with pytest.raises(ValueError):
        parse_dict_date("12/2021", end=False)


@pytest.mark.parametrize("word,plural", [("soldier", "soldiers"), ("army", "armies"), ("policeman", "policemen"),
                                          ("foreign minister", "foreign ministers"), ("embassy", "embassies"),
                                          ("chief", "chiefs"), ("spokesperson", "spokespeople")])
def test_pluralize(word, plural):
    assert pluralize(word) == plural


def test_lint_flags_conflicting_phrases(tmp_path):
    d = tmp_path / "dicts"
    write(d / "actors" / "a.csv", "kind,code,name,aliases,from,to,note\ncountry,GEO,Georgia,,,,\n"
          "place,USA,Georgia State,Georgia,,,\n")
    problems = lint(load_dictionaries([d]))
    assert any("'georgia' belongs to several actors" in p.message for p in problems)


def test_stats_counts(tmp_path):
    s = stats(load_dictionaries([MINI]))
    assert (s.countries, s.persons, s.persons_dated, s.organisations) == (8, 4, 4, 2)
    assert s.patterns == 34 and "190" not in s.codes_missing and "010" in s.codes_missing


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_add_actor_cli_appends_valid_rows_and_refuses_overlaps(tmp_path):
    d = tmp_path / "mydicts"
    ok = run_cli("dict", "add-actor", "Keir Starmer", "gbrgov", "--dir", d, "--from", "2024-07-05",
                 "--alias", "Starmer", "--note", "Prime Minister")
    assert ok.returncode == 0, ok.stderr
    bad = run_cli("dict", "add-actor", "Keir Starmer", "GBROPP", "--dir", d, "--from", "2024-01-01", "--to",
                  "2024-08-01")
    assert bad.returncode != 0 and "overlap" in bad.stderr
    shape = run_cli("dict", "add-actor", "Someone", "GB", "--dir", d)
    assert shape.returncode != 0 and "CAMEO-shaped" in shape.stderr
    lines = (d / "actors" / "added.csv").read_text().splitlines()
    assert lines == ["kind,code,name,aliases,from,to,note",
                     "person,GBRGOV,Keir Starmer,Starmer,2024-07-05,,Prime Minister"]
    coder = Coder([MINI, d])
    assert [e.triple() for e in coder.code_text("Starmer met Putin.", date="2025-03-01")] == [
        ("GBRGOV", "RUSGOV", "040")]


def test_gapped_phrases_let_noun_modifiers_stand_between_their_words(tmp_path):
    mine = tmp_path / "mine"
    write(mine / "actors" / "x.csv", "kind,code,name,aliases,from,to,note\n"
          "org,RUSMED,Russia ... Radio,,,,\n"
          "org,UKRTV,Ukrainian ... ... TV,,,,\n"  # line 3: the gap stands between two words only once
          "org,IGOUNOMED,UN ... TV,,,,\n")  # upper-case acronyms: exact case, as without a gap
    write(mine / "agents.csv", "code,phrase,plural,note\nSPY,security ... service,,\n")
    coder = Coder([MINI, mine])
    assert [str(p.origin).rsplit("/", 1)[1] for p in coder.dictionaries.problems] == ["x.csv:3"]

    def hits(text):
        return [(" ".join(sent.words[h.start:h.end]), h.code) for sent in split_sentences(text)
                for h in find_hits(sent, coder.lexicon, None)]

    assert hits("Russia state-run radio said so.") == [("Russia state - run radio", "RUSMED")]
    assert hits("Russia radio said so.") == [("Russia radio", "RUSMED")]  # an empty gap
    assert hits("UN state TV said so.") == [("UN state TV", "IGOUNOMED")]
    assert all(code != "IGOUNOMED" for _, code in hits("Un state TV said so."))
    assert hits("The federal security intelligence service said so.") == [
        ("security intelligence service", "SPY")]
    assert [e.triple() for e in coder.code_text("Russia state-run radio accused Ukraine.")] == [
        ("RUSMED", "UKR", "112")]
    # no function word, verb form, other name or more than four tokens in the gap
    for text in ("The security and intelligence service said so.", "Russia accused the radio.",
                 "Russia accused radio hosts.", "Russia , Ukraine radio said so.",
                 "Russia one two three four five radio said so."):
        assert all(code != "RUSMED" and code != "SPY" for _, code in hits(text)), text
