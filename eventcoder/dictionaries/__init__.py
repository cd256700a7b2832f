"""Dictionary sets: where they live, how they load and layer, and their content hash."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from .model import DictionaryError, DictionarySet, Problem
from .native import finalize_verbs, load_native_directory, native_files

__all__ = ["DictionaryError", "DictionarySet", "Problem", "default_dictionary_dir", "load_dictionaries",
           "dictionary_files", "content_hash", "resolve_roots"]

FORMAT_VERSION = "1"


def default_dictionary_dir() -> Path:
    """The shipped default set: inside the wheel, or the repository's ``dictionaries/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_dictionaries", here.parent / "dictionaries"):
        if (candidate / "verbs").is_dir() or (candidate / "actors").is_dir():
            return candidate
    raise FileNotFoundError("the default dictionaries are missing from this installation; reinstall eventcoder")


def detect_format(path: Path) -> str:
    """``native`` for a directory in our CSV layout, ``petrarch`` for PETRARCH/TABARI files."""
    if path.is_dir():
        if (path / "verbs").is_dir() or (path / "actors").is_dir() or any(path.glob("agents*.csv")):
            return "native"
        if any(path.glob("*.txt")):
            return "petrarch"
        raise FileNotFoundError(f"{path}: neither a native dictionary directory (actors/, verbs/, agents.csv) "
                                "nor a folder of PETRARCH .txt dictionaries")
    if path.suffix.lower() == ".txt" or path.suffix.lower() == ".xml":
        return "petrarch"
    raise FileNotFoundError(f"{path}: not a dictionary directory")


def dictionary_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if detect_format(p) == "native":
            files += native_files(p)
        else:
            from .petrarch import petrarch_files
            files += petrarch_files(p)
    return files


def content_hash(paths: Sequence[Path]) -> str:
    """SHA-256 over the set's files (names and bytes) and the format version: the cache key."""
    h = hashlib.sha256(f"eventcoder-dict-format-{FORMAT_VERSION}\n".encode())
    for root in paths:
        h.update(f"layer\n{detect_format(root)}\n".encode())
        for f in dictionary_files([root]):
            h.update(f.name.encode() + b"\n")
            h.update(f.read_bytes())
            h.update(b"\n--\n")
    return h.hexdigest()


def resolve_roots(paths: Sequence[str | Path] | None) -> list[Path]:
    """The directories/files ``load_dictionaries(paths)`` loads, in order."""
    # "default" names the shipped set, so a user layer reads -d default -d mine
    return [default_dictionary_dir() if str(p) == "default" else Path(p) for p in paths] if paths \
        else [default_dictionary_dir()]


def load_dictionaries(paths: Sequence[str | Path] | None = None, strict: bool = False) -> DictionarySet:
    """Load and layer dictionary directories (later ones extend and override earlier ones).

    ``None`` loads the shipped defaults. Problems are collected in ``DictionarySet.problems``;
    with ``strict=True`` the first one raises ``DictionaryError``.
    """
    roots = resolve_roots(paths)
    dset = DictionarySet()
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(f"dictionary path {root} does not exist")
        if detect_format(root) == "native":
            label = "default" if root == default_dictionary_dir() else root.name
            load_native_directory(root, dset, strict=strict, label=label)
        else:
            from .petrarch import load_petrarch
            load_petrarch(root, dset, strict=strict)
    finalize_verbs(dset)
    dset.content_hash = content_hash(roots)
    dset.name = "+".join("default" if r == default_dictionary_dir() else r.name for r in roots)
    return dset
