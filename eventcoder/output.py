"""The Parquet contract: Arrow schema, file metadata, and streaming writers.

Column names and types are a public interface (R and pandas scripts depend on them): change
them only with a version bump and a note in the README.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__, cameo
from .events import Event

SCHEMA_VERSION = "1"

SCHEMA = pa.schema([
    pa.field("event_id", pa.string(), nullable=False),
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("sentence_id", pa.int32(), nullable=False),
    pa.field("date", pa.date32()),
    pa.field("source_code", pa.string()),
    pa.field("source_country", pa.string()),
    pa.field("source_role", pa.string()),
    pa.field("source_text", pa.string()),
    pa.field("target_code", pa.string()),
    pa.field("target_country", pa.string()),
    pa.field("target_role", pa.string()),
    pa.field("target_text", pa.string()),
    pa.field("event_code", pa.string(), nullable=False),
    pa.field("event_root", pa.string(), nullable=False),
    pa.field("quad_class", pa.int8()),  # null only for codes outside the CAMEO table (user dictionaries)
    pa.field("goldstein", pa.float32()),
    pa.field("trigger_text", pa.string()),
    pa.field("pattern_id", pa.string()),
    pa.field("sentence", pa.string()),
])

ROW_GROUP_SIZE = 50_000


def file_metadata(dictionary_name: str, dictionary_hash: str, extra: dict | None = None) -> dict[bytes, bytes]:
    meta = {
        "eventcoder_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "dictionaries": dictionary_name,
        "dictionary_hash": dictionary_hash,
        "cameo_version": cameo.CAMEO_VERSION,
        "cameo_table_version": cameo.TABLE_VERSION,
        "quad_class_convention": cameo.QUAD_CONVENTION,
        "goldstein_convention": cameo.GOLDSTEIN_CONVENTION,
    }
    if extra:
        meta.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in extra.items()})
    return {f"eventcoder.{k}".encode(): str(v).encode() for k, v in meta.items()}


def events_to_table(events: list[Event], metadata: dict[bytes, bytes] | None = None) -> pa.Table:
    # column by column: one comprehension per column is much cheaper than appending field by field
    event_code = [e.event_code for e in events]
    source_code = [e.source_code for e in events]
    target_code = [e.target_code for e in events]
    table = cameo.table()
    entries = {c: table.get(c) for c in set(event_code)}
    cols: dict[str, list] = {"event_id": [e.event_id for e in events], "doc_id": [e.doc_id for e in events],
                             "sentence_id": [e.sentence_id for e in events], "date": [e.date for e in events]}
    cols["source_text"] = [e.source_text or None for e in events]
    cols["target_text"] = [e.target_text or None for e in events]
    for side, codes in (("source", source_code), ("target", target_code)):
        cols[f"{side}_code"] = [c or None for c in codes]
        cols[f"{side}_country"] = [c[:3] or None for c in codes]
        cols[f"{side}_role"] = [c[3:6] or None for c in codes]
    cols["event_code"] = event_code
    cols["event_root"] = [entries[c].root if entries[c] else c[:2] for c in event_code]
    cols["quad_class"] = [entries[c].quad_class if entries[c] else None for c in event_code]
    cols["goldstein"] = [entries[c].goldstein if entries[c] else None for c in event_code]
    cols["trigger_text"] = [e.trigger_text for e in events]
    cols["pattern_id"] = [e.pattern_id for e in events]
    cols["sentence"] = [e.sentence for e in events]
    schema = SCHEMA.with_metadata(metadata) if metadata else SCHEMA
    return pa.Table.from_pydict({f.name: cols[f.name] for f in SCHEMA}, schema=schema)


class EventWriter:
    """Streams events into one Parquet file, a row group at a time.

    The file is written under a temporary name and renamed on ``close()``, so a crash never
    leaves a partial file that looks complete.
    """

    def __init__(self, path: str | Path, metadata: dict[bytes, bytes] | None = None,
                 row_group_size: int = ROW_GROUP_SIZE):
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.metadata = metadata
        self.schema = SCHEMA.with_metadata(metadata) if metadata else SCHEMA
        self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        self.buffer: list[Event] = []
        self.row_group_size = row_group_size
        self.rows = 0

    def write(self, events: Iterable[Event]) -> None:
        self.buffer.extend(events)
        if len(self.buffer) >= self.row_group_size:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.writer.write_table(events_to_table(self.buffer, self.metadata))
            self.rows += len(self.buffer)
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self.writer.close()
        with open(self.tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_events(path: str | Path, events: Iterable[Event], metadata: dict[bytes, bytes] | None = None) -> int:
    with EventWriter(path, metadata) as w:
        w.write(events)
    return w.rows
