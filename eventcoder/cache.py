"""Fast start: compiled dictionary sets are cached on disk.

Two kinds of cache file live in the user's cache directory, both JSON only — never pickle or
anything executable:

* ``compiled-<key>.json``: a snapshot of the whole compiled Lexicon (see ``eventcoder.snapshot``). A
  warm start rebuilds the objects from it instead of parsing and compiling the dictionary files. Its
  key hashes everything the result depends on: the bytes and names of the dictionary files (and,
  for PETRARCH folders, which kind each file was read as), the paths as given, the source of the
  modules that parse and compile them, and the versions of the tokenizer and inflection tables.
* ``lexicon-<content hash>-<versions>.json``: phrase tokenisations and verb inflections, the slow
  sub-steps of a compile (keyed by the dictionary files, the library versions and the source of the
  tokenizing code), so a set whose snapshot is missing (other code, first use) still compiles quickly.

Deleting either is always safe; a damaged, foreign or stale file is ignored and rebuilt. Old files
are pruned (least recently used first) so the directory stays small.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from . import __version__, snapshot
from .dictionaries import default_dictionary_dir, detect_format, load_dictionaries, resolve_roots
from .dictionaries.native import native_files
from .lexicon import Lexicon, Memo, compile_lexicon

CACHE_FORMAT = "1"  # of the memo files; snapshots have snapshot.LAYOUT
KEEP_FILES = 100  # per kind of cache file (a test run alone writes dozens of tiny ones)
KEEP_BYTES = 256 * 1024 * 1024  # snapshots of large sets are ~10 MB


def cache_dir() -> Path:
    """``$EVENTCODER_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventcoder``, else ``~/.cache/eventcoder``."""
    env = os.environ.get("EVENTCODER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventcoder"


@lru_cache(maxsize=1)
def _versions() -> str:
    """What the memo's tokenisations and inflections depend on: library versions and our tokenizer code."""
    import lemminflect
    import spacy
    here = Path(__file__).resolve().parent
    try:
        code = hashlib.sha256(b"".join((here / m).read_bytes() for m in ("text.py", "lexicon.py"))).hexdigest()[:16]
    except OSError:
        code = "?"
    return (f"{CACHE_FORMAT}-{__version__}-spacy{spacy.__version__}-lemminflect{getattr(lemminflect, '__version__', '?')}"
            f"-code{code}")


def load_compiled(paths: Sequence[str | Path] | None, strict: bool = False, use_cache: bool = True) -> Lexicon:
    """The compiled dictionary set ``paths`` (``None``: the shipped defaults), from the cache when it can.

    ``use_cache=False`` (or ``$EVENTCODER_NO_CACHE``) parses and compiles without reading or writing it.
    """
    # Loading builds hundreds of thousands of small objects and no cycles worth collecting:
    # the cyclic garbage collector would only rescan them again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_compiled(paths, strict, use_cache)
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                # What the load built lives as long as the coder: move it straight to the oldest
                # generation (freeze + unfreeze does that in constant time; everything stays collectable)
                # instead of letting the next two young collections scan all of it (~0.1 s).
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _load_compiled(paths: Sequence[str | Path] | None, strict: bool, use_cache: bool) -> Lexicon:
    if not use_cache or os.environ.get("EVENTCODER_NO_CACHE"):
        return compile_lexicon(load_dictionaries(paths, strict=strict))
    key = snapshot_key(paths)
    snap_path = cache_dir() / f"compiled-{key[:40]}.json" if key else None
    if snap_path is not None:
        lex = _read_snapshot(snap_path, key, strict)
        if lex is not None:
            return lex
    dset = load_dictionaries(paths, strict=strict)
    # (a checkout with other tokenizer code has its own memo: no rewriting each other's)
    versions = hashlib.sha256(_versions().encode()).hexdigest()[:8]
    path = cache_dir() / f"lexicon-{dset.content_hash[:32]}-{versions}.json"
    memo = _read(path)
    lex = compile_lexicon(dset, memo)
    if memo.misses:
        _write_json(path, {"versions": _versions(), "phrases": memo.phrases, "forms": memo.forms}, "lexicon-")
    if snap_path is not None:
        _write_snapshot(snap_path, key, lex)  # before anything uses lex (its lazy indexes are still empty)
    return lex


# ---------------------------------------------------------------------------------------------
# Whole-Lexicon snapshots
# ---------------------------------------------------------------------------------------------

# The modules whose code decides what a dictionary set compiles to (and the data they read).
_CODE = ("__init__.py", "cache.py", "snapshot.py", "lexicon.py", "text.py", "cameo.py", "dictionaries/*.py",
         "data/*")


@lru_cache(maxsize=1)
def _code_fingerprint() -> str | None:
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    try:
        for pattern in _CODE:
            for f in sorted(here.glob(pattern)):
                if f.is_file():
                    data = f.read_bytes()
                    h.update(f"{f.relative_to(here).as_posix()}\n{len(data)}\n".encode())
                    h.update(data)
    except OSError:
        return None
    return h.hexdigest()


def snapshot_key(paths: Sequence[str | Path] | None) -> str | None:
    """The key of the snapshot of ``load_compiled(paths)``; None when it cannot be cached."""
    code = _code_fingerprint()
    if code is None:
        return None
    try:
        roots = resolve_roots(paths)
        default = default_dictionary_dir()
        h = hashlib.sha256(f"snapshot\n{snapshot.LAYOUT}\n{_versions()}\n{code}\n".encode())
        for root in roots:
            if not root.exists():
                return None  # load_dictionaries reports it
            fmt = detect_format(root)
            h.update(f"root\n{root}\n{root == default}\n{fmt}\n".encode())
            if fmt == "native":
                plan = [("native", f) for f in native_files(root)]
            else:
                from .dictionaries.petrarch import _plan
                plan = _plan(root)
            for kind, f in plan:
                name = f.relative_to(root).as_posix() if f.is_relative_to(root) else str(f)
                try:
                    data = f.read_bytes()
                except OSError:
                    h.update(f"{kind}\n{name}\nmissing\n".encode())
                    continue
                h.update(f"{kind}\n{name}\n{len(data)}\n".encode())
                h.update(data)
    except (OSError, ValueError):
        return None  # load_dictionaries reports it
    return h.hexdigest()


def _read_snapshot(path: Path, key: str, strict: bool) -> Lexicon | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        data = json.loads(raw)
        if data.get("key") != key:
            return None
        lex = snapshot.decode(data["snapshot"])
    except Exception:  # damaged or foreign: compile again (and overwrite it)
        return None
    if strict and any(p.severity == "error" for p in lex.dictionaries.problems):
        return None  # a strict load must raise at the first error: let the loaders do it
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return lex


def _write_snapshot(path: Path, key: str, lex: Lexicon) -> None:
    try:
        data = snapshot.encode(lex)
    except snapshot.Unsupported:
        return
    _write_json(path, {"key": key, "snapshot": data}, "compiled-")


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------

def _read(path: Path) -> Memo:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("versions") != _versions():
            return Memo()
        return Memo(data["phrases"], data["forms"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Memo()


def _write_json(path: Path, data: dict, prefix: str) -> None:
    try:
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):  # not representable (e.g. a lone surrogate): just not cached
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + prefix, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path.parent, prefix)
    except OSError:
        pass  # a read-only home must not stop coding; the next start compiles again


def _prune(directory: Path, prefix: str) -> None:
    """Keep the most recently used files of this kind: at most KEEP_FILES, KEEP_BYTES in all."""
    found = []
    for f in directory.glob(prefix + "*.json"):
        try:
            st = f.stat()
        except OSError:
            continue
        found.append((st.st_mtime, st.st_size, f))
    found.sort(reverse=True)
    total = 0
    for n, (_, size, f) in enumerate(found):
        total += size
        if n >= KEEP_FILES or (n > 0 and total > KEEP_BYTES):
            f.unlink(missing_ok=True)
