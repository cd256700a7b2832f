"""The compiled-dictionary cache: a warm start must give exactly what a fresh compile gives."""

from __future__ import annotations

import gc
import json
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from eventcoder import Coder, cache, snapshot
from eventcoder.dictionaries import DictionaryError, load_dictionaries
from eventcoder.dictionaries.model import Actor, Agent, Verb
from eventcoder.lexicon import Lexicon, PhraseEntry, VerbForm

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

SENTENCES = [
    ("Russian troops attacked Ukraine.", "2022-02-24"),
    ("The French president met the German chancellor in Berlin on Tuesday.", "2021-05-04"),
    ("Israeli police arrested dozens of protesters, officials said.", "2023-03-01"),
    ("Iran accused the United States of violating the agreement.", "2019-06-20"),
    ("China and India agreed to pull back their soldiers from the border.", "2020-09-10"),
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(d))
    monkeypatch.delenv("EVENTCODER_NO_CACHE", raising=False)
    return d


def snapshots(d: Path) -> list[Path]:
    return sorted(d.glob("compiled-*.json"))


def from_snapshot(paths, monkeypatch, strict: bool = False) -> Lexicon:
    """load_compiled that fails if it parses the dictionary files instead of reading the snapshot."""
    def no_parse(*a, **k):
        raise AssertionError("parsed the dictionaries: the snapshot was not used")
    with monkeypatch.context() as m:
        m.setattr(cache, "load_dictionaries", no_parse)
        return cache.load_compiled(paths, strict=strict)


def _flat(value):
    """A Lexicon index with the set's actors, agents and verbs replaced by their names (cheap to compare)."""
    if isinstance(value, dict):
        return {k: _flat(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if all(isinstance(v, str) for v in value):
            return value
        return [_flat(v) for v in value]
    names = _FIELDS.get(type(value))
    if names is not None:
        return tuple([_ref(getattr(value, n)) for n in names])
    return value


_FIELDS = {cls: [f.name for f in fields(cls)] for cls in (PhraseEntry, VerbForm)}


def _ref(value):
    if isinstance(value, Actor):
        return ("actor", value.name)
    if isinstance(value, Agent):
        return ("agent", value.phrase)
    if isinstance(value, Verb):
        return ("verb", value.phrase)
    return value


def assert_same(cached: Lexicon, fresh: Lexicon) -> None:
    # (with a million objects about, the cyclic GC would take most of the time)
    enabled = gc.isenabled()
    gc.disable()
    try:
        _assert_same(cached, fresh)
    finally:
        if enabled:
            gc.enable()


def _assert_same(cached: Lexicon, fresh: Lexicon) -> None:
    assert cached is not fresh
    assert cached.dictionaries == fresh.dictionaries
    for lex in (cached, fresh):
        # Entries point to the set's own actors, agents and verbs (so comparing those by name suffices).
        d = lex.dictionaries
        agents = {id(g) for g in d.agents.values()}
        for bucket in lex.phrases.values():
            for e in bucket:
                assert e.actor is None or e.actor is d.actors[e.actor.name]
                assert e.agent is None or id(e.agent) in agents
        for first, groups in lex.phrases_by_length.items():
            grouped = [e for _, by_tokens in groups for entries in by_tokens.values() for e in entries]
            assert sorted(map(id, grouped)) == sorted(map(id, lex.phrases[first]))
        for vfs in lex.verb_forms.values():
            assert all(vf.verb is d.verbs[vf.verb.phrase] for vf in vfs)
    for f in fields(Lexicon):
        if f.name != "dictionaries":
            assert _flat(getattr(cached, f.name)) == _flat(getattr(fresh, f.name)), f.name
    for name in ("phrases", "phrases_by_length", "discards"):  # in the same order, too
        assert list(getattr(cached, name)) == list(getattr(fresh, name)), name


def assert_codes_alike(cached: Lexicon, fresh: Lexicon) -> None:
    a, b = Coder(cached), Coder(fresh)
    for text, date in SENTENCES:
        assert a.code_text(text, date=date) == b.code_text(text, date=date), text


def test_snapshot_knows_every_field():
    assert snapshot.schema_ok(), "update eventcoder/snapshot.py: " + "; ".join(snapshot.schema_differences())


def test_warm_load_equals_fresh_compile(cache_dir, monkeypatch):
    fresh = cache.load_compiled([MINI], use_cache=False)
    assert not cache_dir.exists()  # use_cache=False neither reads nor writes
    first = cache.load_compiled([MINI])  # compiles and writes the snapshot
    assert len(snapshots(cache_dir)) == 1
    warm = from_snapshot([MINI], monkeypatch)
    assert_same(first, fresh)
    assert_same(warm, fresh)
    assert_codes_alike(warm, fresh)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["default", "phoenix"])
def test_large_sets_warm_load_equals_fresh_compile(which, request, monkeypatch):
    # The user's cache directory, like every other test: the snapshot is usually there already.
    paths = None if which == "default" else \
        [request.getfixturevalue("shared_dir") / "reference" / "petrarch" / "dictionaries"]
    monkeypatch.setenv("EVENTCODER_NO_CACHE", "1")
    fresh = cache.load_compiled(paths)  # parses and compiles everything, with no cache at all
    monkeypatch.delenv("EVENTCODER_NO_CACHE")
    cache.load_compiled(paths)  # writes the snapshot if it is missing
    warm = from_snapshot(paths, monkeypatch)
    assert_same(warm, fresh)
    assert_codes_alike(warm, fresh)


def test_damaged_or_foreign_snapshot_is_ignored_and_rebuilt(cache_dir, monkeypatch):
    fresh = cache.load_compiled([MINI], use_cache=False)
    cache.load_compiled([MINI])
    [path] = snapshots(cache_dir)
    good = path.read_bytes()
    data = json.loads(good)
    wrong_key = dict(data, key="0" * 64)
    bad_actors = dict(data, snapshot=dict(data["snapshot"], actors=[["junk"]]))
    bad_index = dict(data, snapshot=dict(data["snapshot"], files=[]))
    for damage in (b"", b"\x00\xff garbage", good[: len(good) // 2], b"[]", b'{"key": 1}', json.dumps(wrong_key).encode(),
                   json.dumps(bad_actors).encode(), json.dumps(bad_index).encode()):
        path.write_bytes(damage)
        lex = cache.load_compiled([MINI])
        assert_same(lex, fresh)
        assert path.read_bytes() != damage  # rewritten
        assert_same(from_snapshot([MINI], monkeypatch), fresh)


def test_changing_a_dictionary_file_invalidates_the_snapshot(tmp_path, cache_dir, monkeypatch):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    before = cache.load_compiled([root])
    assert "Zork" not in before.dictionaries.actors
    actor_file = sorted((root / "actors").glob("*.csv"))[0]
    assert actor_file.read_text(encoding="utf-8").startswith("kind,code,name,aliases,from,to,note")
    with actor_file.open("a", encoding="utf-8") as fh:
        fh.write("country,ZRK,Zork,Zorkian,,,\n")
    after = cache.load_compiled([root])
    assert after.dictionaries.actors["Zork"].default.code == "ZRK"
    assert_same(after, cache.load_compiled([root], use_cache=False))
    assert len(snapshots(cache_dir)) == 2
    # renaming a file changes the origins of its entries: a new snapshot too
    actor_file.rename(actor_file.with_name("zz_" + actor_file.name))
    renamed = cache.load_compiled([root])
    assert renamed.dictionaries.actors["Zork"].default.origin.file.endswith("/zz_" + actor_file.name)
    assert_same(renamed, cache.load_compiled([root], use_cache=False))


def test_same_files_under_another_name_keep_their_own_labels(tmp_path, cache_dir, monkeypatch):
    a, b = tmp_path / "one", tmp_path / "two"
    shutil.copytree(MINI, a)
    shutil.copytree(MINI, b)
    la, lb = cache.load_compiled([a]), cache.load_compiled([b])
    assert la.dictionaries.sources == [str(a)] and lb.dictionaries.sources == [str(b)]
    assert next(iter(la.dictionaries.actors.values())).phrases  # sanity
    origins_b = {p.origin.file.split("/")[0] for act in lb.dictionaries.actors.values() for p in act.periods}
    assert origins_b <= {"two"}
    assert_same(from_snapshot([b], monkeypatch), cache.load_compiled([b], use_cache=False))


def test_code_changes_invalidate_the_snapshot(cache_dir, monkeypatch):
    key = cache.snapshot_key([MINI])
    assert key and key == cache.snapshot_key([MINI])
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "another version of the parser")
    assert cache.snapshot_key([MINI]) not in (None, key)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: None)
    assert cache.snapshot_key([MINI]) is None  # cannot tell the code's version: no snapshot
    cache.load_compiled([MINI])
    assert not snapshots(cache_dir)


def test_strict_load_still_raises_on_a_warm_cache(tmp_path, cache_dir):
    root = tmp_path / "broken"
    shutil.copytree(MINI, root)
    actor_file = sorted((root / "actors").glob("*.csv"))[0]
    assert actor_file.read_text(encoding="utf-8").startswith("kind,code,name,aliases,from,to,note")
    with actor_file.open("a", encoding="utf-8") as fh:
        fh.write("country,not a code!,Nowhere,,,,\n")
    lax = cache.load_compiled([root])
    assert any(p.severity == "error" for p in lax.dictionaries.problems)
    assert snapshots(cache_dir)
    with pytest.raises(DictionaryError):
        cache.load_compiled([root], strict=True)
    with pytest.raises(DictionaryError):
        load_dictionaries([root], strict=True)


def test_missing_dictionary_path_still_raises(tmp_path, cache_dir):
    with pytest.raises(FileNotFoundError):
        cache.load_compiled([tmp_path / "nowhere"])


def test_old_cache_files_are_pruned(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "KEEP_FILES", 3)
    cache_dir.mkdir(parents=True)
    for i in range(6):
        (cache_dir / f"compiled-old{i}.json").write_text("{}")
    cache.load_compiled([MINI])
    left = snapshots(cache_dir)
    assert len(left) == 3 and cache.snapshot_key([MINI])[:40] in " ".join(p.name for p in left)


def test_memo_of_other_tokenizer_code_is_not_reused(cache_dir, monkeypatch):
    # The memo holds tokenisations: after a change to the tokenizer (text.py) they must be redone.
    assert "-code" in cache._versions()
    monkeypatch.setattr(cache, "_versions", lambda: "tokenizer A")
    cache.load_compiled([MINI])
    monkeypatch.setattr(cache, "_versions", lambda: "tokenizer B")
    cache.load_compiled([MINI])
    memos = sorted(cache_dir.glob("lexicon-*.json"))
    assert len(memos) == 2
    assert sorted(json.loads(p.read_text(encoding="utf-8"))["versions"] for p in memos) == ["tokenizer A",
                                                                                             "tokenizer B"]
    assert len(snapshots(cache_dir)) == 2  # the snapshot key has the versions too


def test_unwritable_cache_directory_does_not_stop_loading(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(blocker))
    monkeypatch.delenv("EVENTCODER_NO_CACHE", raising=False)
    assert_same(cache.load_compiled([MINI]), cache.load_compiled([MINI], use_cache=False))


def test_loaded_objects_go_to_the_oldest_generation(cache_dir):
    assert gc.isenabled()
    lex = cache.load_compiled([MINI])
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing left frozen
    assert not any(o is lex for o in gc.get_objects(0)) and not any(o is lex for o in gc.get_objects(1))
    assert any(o is lex for o in gc.get_objects(2))
    # An application that froze its own objects (before a fork) keeps them frozen.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        cache.load_compiled([MINI])
        assert gc.get_freeze_count() >= frozen and gc.isenabled()
    finally:
        gc.unfreeze()
    # A caller that paused the collector finds it paused.
    gc.disable()
    try:
        cache.load_compiled([MINI])
        assert not gc.isenabled()
    finally:
        gc.enable()
