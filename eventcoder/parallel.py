"""Partition-level parallelism: every chunk of input is coded by ``code_partition`` into its own
Parquet part file. The same function runs in-process, on a process pool, or on a Dask cluster.

Workers never exchange spaCy Docs: each reads its slice, codes it, writes its part, and returns
a small summary. A manifest records finished chunks so ``--resume`` codes only what is missing.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .commas import CommaRules
from .corpus import Chunk, ReaderOptions, Reject, iter_chunk, plan_chunks
from .output import EventWriter, file_metadata

MANIFEST = "_manifest.json"


@dataclass(frozen=True)
class CodingConfig:
    """Everything a worker needs; small and picklable."""

    dictionaries: tuple[str, ...] | None = None
    reader: ReaderOptions = field(default_factory=ReaderOptions)
    require_dyad: bool = True
    strict_dictionaries: bool = False
    model: str | None = None  # optional trained spaCy pipeline for source/target from its parse
    comma_clauses: CommaRules | None = None  # PETRARCH-1 comma-clause deletion (off by default)
    new_actor_length: int = 0  # PETRARCH's new actors: unnamed noun phrases up to N words (0 = off)


@dataclass
class PartitionSummary:
    chunk: str
    part: str
    documents: int = 0
    sentences: int = 0
    events: int = 0
    rows: int = 0
    seconds: float = 0.0
    sha256: str = ""
    rejects: list[dict] = field(default_factory=list)
    error: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


_CODERS: dict = {}


def _coder(config: CodingConfig):
    """One compiled coder per worker process (dictionaries load once, from the cache)."""
    key = (config.dictionaries, config.require_dyad, config.strict_dictionaries, config.model, config.comma_clauses,
           config.new_actor_length)
    if key not in _CODERS:
        from .coder import Coder
        _CODERS[key] = Coder(list(config.dictionaries) if config.dictionaries else None,
                             require_dyad=config.require_dyad, strict=config.strict_dictionaries,
                             model=config.model, comma_clauses=config.comma_clauses,
                             new_actor_length=config.new_actor_length)
    return _CODERS[key]


def code_partition(chunk: Chunk, output: str | Path, config: CodingConfig,
                   on_document: Callable[[int, int], None] | None = None) -> PartitionSummary:
    """Code one chunk of input into the Parquet file ``output`` (written atomically)."""
    t0 = time.perf_counter()
    coder = _coder(config)
    summary = PartitionSummary(chunk=chunk.key(), part=str(output))
    rejects: list[Reject] = []
    meta = file_metadata(coder.dictionaries.name, coder.dictionaries.content_hash, {"chunk": chunk.key()})
    with EventWriter(output, meta) as writer:
        for article in iter_chunk(chunk, config.reader, rejects.append):
            events, n_sent = coder.code_document(article)
            writer.write(events)
            summary.documents += 1
            summary.sentences += n_sent
            summary.events += len(events)
            if on_document is not None:
                on_document(1, n_sent)
    summary.rows = writer.rows
    summary.sha256 = file_sha256(output)
    summary.rejects = [r.to_dict() for r in rejects]
    summary.seconds = time.perf_counter() - t0
    return summary


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# -- the run: plan, dispatch, record ---------------------------------------------------------

@dataclass
class RunResult:
    output: str
    summaries: list[PartitionSummary]
    skipped_chunks: int
    seconds: float

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.summaries)

    @property
    def sentences(self) -> int:
        return sum(s.sentences for s in self.summaries)

    @property
    def events(self) -> int:
        return sum(s.events for s in self.summaries)

    @property
    def rejects(self) -> list[dict]:
        return [r for s in self.summaries for r in s.rejects]


class Manifest:
    """Which chunks are done, with their row counts and part-file hashes (JSON, rewritten atomically)."""

    def __init__(self, directory: Path, inputs_key: str):
        self.path = directory / MANIFEST
        self.inputs_key = inputs_key
        self.done: dict[str, dict] = {}
        if self.path.exists():
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("inputs_key") == inputs_key:
                self.done = data.get("chunks", {})

    def valid(self, key: str, directory: Path) -> PartitionSummary | None:
        entry = self.done.get(key)
        if not entry:
            return None
        part = directory / Path(entry["part"]).name
        if not part.exists() or file_sha256(part) != entry["sha256"]:
            return None
        s = PartitionSummary(**entry)
        s.part = str(part)
        return s

    def record(self, s: PartitionSummary) -> None:
        entry = s.to_dict()
        entry["part"] = Path(s.part).name
        self.done[s.chunk] = entry
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"inputs_key": self.inputs_key, "chunks": self.done}, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)


def _inputs_key(chunks: Sequence[Chunk], config: CodingConfig, dict_hash: str) -> str:
    h = hashlib.sha256()
    for c in chunks:
        st = os.stat(c.path)
        h.update(f"{c.key()}|{st.st_size}|{int(st.st_mtime)}\n".encode())
    h.update(repr((config.reader, config.require_dyad, dict_hash)).encode())
    if config.comma_clauses is not None or config.new_actor_length:  # (keys of default runs stay as they were)
        h.update(repr((config.comma_clauses, config.new_actor_length)).encode())
    return h.hexdigest()


def run(inputs: Sequence[str | Path], output: str | Path, config: CodingConfig, *, workers: int = 1,
        scheduler=None, resume: bool = False, merge: bool | None = None,
        chunk_bytes: int | None = None,
        progress: Callable[[int, int, int, int], None] | None = None) -> RunResult:
    """Code ``inputs`` into ``output``: a ``.parquet`` file (merged) or a dataset directory of parts.

    ``progress(documents, sentences, chunks_done, chunks_total)`` is called as work completes.
    """
    t0 = time.perf_counter()
    output = Path(output)
    merge = output.suffix == ".parquet" if merge is None else merge
    parts_dir = output.with_name(output.name + ".parts") if merge else output
    total_bytes = sum(os.path.getsize(p) for p in _paths(inputs))
    if chunk_bytes is None and os.environ.get("EVENTCODER_CHUNK_BYTES"):
        chunk_bytes = int(os.environ["EVENTCODER_CHUNK_BYTES"])
    if chunk_bytes is None:
        chunk_bytes = max(1 << 20, min(64 << 20, total_bytes // max(1, workers * 8) or (1 << 20)))
    chunks = plan_chunks(inputs, config.reader, target_bytes=chunk_bytes)
    coder = _coder(config)  # loads (and caches) dictionaries once here, before forking workers
    key = _inputs_key(chunks, config, coder.dictionaries.content_hash)
    if parts_dir.exists() and not resume:
        _clear_parts(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    for stray in parts_dir.glob(".*.tmp"):
        stray.unlink()  # temporaries of a killed run are never complete
    manifest = Manifest(parts_dir, key)
    summaries: list[PartitionSummary] = []
    todo: list[tuple[int, Chunk]] = []
    for i, c in enumerate(chunks):
        done = manifest.valid(c.key(), parts_dir) if resume else None
        if done is not None:
            summaries.append(done)
        else:
            todo.append((i, c))
    skipped = len(summaries)
    docs = sum(s.documents for s in summaries)
    sents = sum(s.sentences for s in summaries)
    if progress:
        progress(docs, sents, skipped, len(chunks))

    def part_path(i: int) -> Path:
        return parts_dir / f"part-{i:05d}.parquet"

    def finished(s: PartitionSummary) -> None:
        nonlocal docs, sents
        manifest.record(s)
        summaries.append(s)
        if progress:
            progress(docs, sents, len(summaries), len(chunks))

    if scheduler is not None:
        from .distributed import run_on_dask
        for s in run_on_dask(scheduler, [(c, str(part_path(i))) for i, c in todo], config):
            docs += s.documents
            sents += s.sentences
            finished(s)
    elif workers <= 1:
        for i, c in todo:
            def on_doc(d: int, n: int) -> None:
                nonlocal docs, sents
                docs += d
                sents += n
                if progress and docs % 50 == 0:
                    progress(docs, sents, len(summaries), len(chunks))
            finished(code_partition(c, part_path(i), config, on_doc))
    else:
        for s in _run_pool(todo, part_path, config, workers):
            docs += s.documents
            sents += s.sentences
            finished(s)

    summaries.sort(key=lambda s: s.part)
    if merge:
        merge_parts([s.part for s in summaries], output)
        shutil.rmtree(parts_dir, ignore_errors=True)
    return RunResult(str(output), summaries, skipped, time.perf_counter() - t0)


def _paths(inputs: Sequence[str | Path]) -> Iterator[str]:
    for p in inputs:
        p = Path(p)
        if p.is_dir():
            for f in p.rglob("*"):
                if f.is_file():
                    yield str(f)
        elif p.exists():
            yield str(p)


def _clear_parts(parts_dir: Path) -> None:
    for f in parts_dir.glob("part-*.parquet"):
        f.unlink()
    for f in parts_dir.glob(".part-*.tmp"):
        f.unlink()
    (parts_dir / MANIFEST).unlink(missing_ok=True)


def _run_pool(todo: list[tuple[int, Chunk]], part_path: Callable[[int], Path], config: CodingConfig,
              workers: int) -> Iterator[PartitionSummary]:
    import multiprocessing as mp
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context("spawn")
    forked = ctx.get_start_method() == "fork"
    if forked:
        # What every worker would otherwise do for itself after the fork: pyarrow imports pandas on its
        # first array (about 0.3 s), and the collector would scan (and so copy) the inherited dictionaries.
        pa.array([], type=pa.string())
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            pending = {pool.submit(code_partition, c, part_path(i), config) for i, c in todo}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
    finally:
        if forked:
            gc.unfreeze()


def merge_parts(parts: Sequence[str | Path], output: str | Path) -> int:
    """Concatenate part files, row group by row group, into one Parquet file (atomic rename)."""
    output = Path(output)
    meta = None
    rows = 0
    writer = None
    tmp = output.with_name(f".{output.name}.merge.tmp")
    try:
        for p in parts:
            pf = pq.ParquetFile(p)
            if writer is None:
                meta = dict(pf.schema_arrow.metadata or {})
                meta.pop(b"eventcoder.chunk", None)
                writer = pq.ParquetWriter(tmp, pf.schema_arrow.with_metadata(meta), compression="zstd")
            for g in range(pf.num_row_groups):
                t = pf.read_row_group(g)
                writer.write_table(t.replace_schema_metadata(meta))
                rows += t.num_rows
        if writer is None:
            from .output import SCHEMA
            writer = pq.ParquetWriter(tmp, SCHEMA, compression="zstd")
        writer.close()
        writer = None
        os.replace(tmp, output)
    finally:
        if writer is not None:
            writer.close()
        if tmp.exists():
            tmp.unlink()
    return rows
