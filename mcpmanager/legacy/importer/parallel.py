"""Parallel staging of a large legacy table.

Parsing, validating, transforming and COPY-encoding a line costs far more
Python time than the server needs to ingest it, so for big tables that work
runs in worker processes, one chunk of lines at a time. The importing
process only reads the file, hands out chunks, folds each chunk's results
(errors, counters, checksum) into the report in line order and writes the
chunk's COPY bytes. The outcome is the same as staging the table serially:
same rows in the same order, same messages, same counts.

Memory stays flat: at most `WINDOW_PER_WORKER` chunks per worker are in
flight. Workers use the spawn start method (the importing process holds an
open connection and a COPY writer thread, which a fork would copy) and exit
when the importing process disappears, even after a SIGKILL.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from mcpmanager.legacy.tables import TABLES

from .checksum import MOD, ExportChecksum
from .errors import ErrorList
from .load import encode_row, encoders_for
from .reader import TableReader
from .report import LegacyTableReport
from .transform import RENAMES, TARGET_COLUMNS, TRANSFORMS, MappingError, legacy_column

CHUNK_LINES = 4_000
WINDOW_PER_WORKER = 3
PARALLEL_MIN_ROWS = 50_000  # below this, starting workers costs more than it saves
MAX_WORKERS = 4


def default_workers() -> int:
    """Worker processes for this machine: one per CPU (the server mostly waits meanwhile), capped."""
    return max(0, min(MAX_WORKERS, os.cpu_count() or 1))


def can_run_parallel(legacy: str) -> bool:
    """Tables whose rows map one-to-one to a single target and need no other rows (not tenants, users, sessions)."""
    return legacy in TRANSFORMS and legacy != "users"


def mapping_error_message(legacy: str, exc: MappingError, line: int, row: dict) -> str:
    table = TABLES[legacy]
    column = legacy_column(legacy, exc.column) if exc.column in table.column_names else exc.column
    return f"{legacy}.jsonl:{line}: column {column}: {exc} (table {legacy}, id {row['id']})"


@dataclass
class ChunkResult:
    data: bytes
    rows: int  # rows encoded into `data`
    rows_read: int
    error_messages: list[str]
    error_count: int
    warnings: dict[str, int]
    legacy_preserved: dict[str, int]
    value_drops: dict[str, int]
    non_finite: Counter
    duplicate_json_keys: list[tuple[str, str, str]]
    duplicate_json_key_count: int
    imprecise_numbers: int
    checksum_total: int
    checksum_rows: int


@dataclass
class StagedTable:
    """The merged results of all chunks: what stage_table reads from a TableReader, and more."""

    rows_read: int = 0
    rows_staged: int = 0
    non_finite: Counter = field(default_factory=Counter)
    duplicate_json_keys: list[tuple[str, str, str]] = field(default_factory=list)
    duplicate_json_key_count: int = 0
    imprecise_numbers: int = 0


# --- worker side ------------------------------------------------------------------

def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(parent: int) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def stage_chunk(legacy: str, setup: tuple, lines: list[bytes], start: int, with_checksum: bool) -> ChunkResult:
    """Validate, transform and encode one chunk of a table's lines (in a worker process)."""
    catalog, uuid_columns, src, path = setup  # a few kB per chunk of thousands of lines
    encoders = encoders_for(TARGET_COLUMNS[RENAMES[legacy][0]], catalog)
    errors = ErrorList()
    reader = TableReader(Path(path), TABLES[legacy], errors, uuid_columns)
    report = LegacyTableReport(legacy)
    checksum = ExportChecksum(legacy) if with_checksum else None
    transform = TRANSFORMS[legacy]
    out: list[str] = []
    for line, row in reader.rows(lines, start):
        try:
            produced = transform(row, report)
        except MappingError as exc:
            errors.add(mapping_error_message(legacy, exc, line, row))
            continue
        if checksum is not None:
            checksum.add(row)
        for _target, values in produced:
            out.append(encode_row(encoders, values, src, line))
    return ChunkResult(
        data="".join(out).encode("utf-8"), rows=len(out), rows_read=reader.rows_read,
        error_messages=errors.messages, error_count=errors.count, warnings=report.warnings,
        legacy_preserved=report.legacy_preserved, value_drops=report.value_drops, non_finite=reader.non_finite,
        duplicate_json_keys=reader.duplicate_json_keys, duplicate_json_key_count=reader.duplicate_json_key_count,
        imprecise_numbers=reader.parser.imprecise_numbers,
        checksum_total=checksum.total if checksum else 0, checksum_rows=checksum.rows if checksum else 0,
    )


# --- importing process side ----------------------------------------------------------

class ParallelStager:
    """A pool of workers, started on first use and stopped by close()."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None

    def _pool(self):
        if self.pool is None:
            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(self.workers, initializer=_init_worker, initargs=(os.getpid(),))
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def stage(self, legacy: str, path: Path, catalog: dict, uuid_columns: frozenset[str], src: int,
              writer, table_report: LegacyTableReport, errors: ErrorList, checksum: ExportChecksum | None,
              tick) -> StagedTable:
        """Stage one table through the workers into `writer` (inside its streaming()); returns the merged state."""
        pool = self._pool()
        setup = (catalog, uuid_columns, src, str(path))
        staged = StagedTable()
        pending: deque = deque()
        window = self.workers * WINDOW_PER_WORKER
        count = 0
        with open(path, "rb") as handle:
            start = 1
            while True:
                lines = list(islice(handle, CHUNK_LINES))
                if not lines:
                    break
                pending.append(pool.apply_async(stage_chunk, (legacy, setup, lines, start, checksum is not None)))
                start += len(lines)
                if len(pending) >= window:
                    count += self._merge(pending.popleft().get(), staged, writer, table_report, errors, checksum)
                    tick(count)
        while pending:
            count += self._merge(pending.popleft().get(), staged, writer, table_report, errors, checksum)
            tick(count)
        staged.rows_staged = count
        return staged

    @staticmethod
    def _merge(result: ChunkResult, staged: StagedTable, writer, table_report: LegacyTableReport,
               errors: ErrorList, checksum: ExportChecksum | None) -> int:
        for message in result.error_messages:
            errors.add(message)
        errors.count += result.error_count - len(result.error_messages)
        for key, n in result.warnings.items():
            table_report.warn(key, n)
        for key, n in result.legacy_preserved.items():
            table_report.legacy_preserved[key] = table_report.legacy_preserved.get(key, 0) + n
        for key, n in result.value_drops.items():
            table_report.value_drops[key] = table_report.value_drops.get(key, 0) + n
        staged.rows_read += result.rows_read
        staged.non_finite.update(result.non_finite)
        room = 1000 - len(staged.duplicate_json_keys)
        staged.duplicate_json_keys.extend(result.duplicate_json_keys[:max(0, room)])
        staged.duplicate_json_key_count += result.duplicate_json_key_count
        staged.imprecise_numbers += result.imprecise_numbers
        if checksum is not None:
            checksum.total = (checksum.total + result.checksum_total) % MOD
            checksum.rows += result.checksum_rows
        if result.rows:
            writer.add_encoded(result.data, result.rows)
        return result.rows
