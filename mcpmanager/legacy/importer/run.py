"""The import, end to end, in ONE transaction on a dedicated psycopg connection.

Why a dedicated connection (not Django's): the import owns its transaction
from BEGIN to COMMIT/ROLLBACK explicitly, runs COPY, temp tables and named
cursors, and never mixes with whatever Django's connection is doing. It uses
the same settings (connection parameters, search_path) as Django's default
database. If the process dies (even SIGKILL), the server rolls the open
transaction back: nothing is written until the final COMMIT.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import psycopg

from mcpmanager.legacy.tables import TABLE_ORDER, TABLES

from . import load
from .checksum import KEY_COLUMNS, ExportChecksum, database_checksum
from .errors import ErrorList, ImportFailed
from .integrity import Integrity
from .manifest import verify_export
from .parallel import PARALLEL_MIN_ROWS, ParallelStager, can_run_parallel, default_workers, mapping_error_message
from .reader import TableReader
from .report import ImportReport, counter_dict
from .transform import (
    APPEND_ONLY, R1, R3_KEYS, RENAMES, TARGET_ORDER, TARGETS_OF, TRANSFORMS, UUID_COLUMNS, MappingError,
    assign_slugs, legacy_column, tenant_row,
)

ProgressFn = Callable[[str, int, float, bool], None]


@dataclass
class ImportOptions:
    dry_run: bool = False
    orphans: str = "fail"  # or "null"
    on_conflict: str = "fail"  # or "legacy", "existing"
    keep_latest: frozenset[str] = field(default_factory=frozenset)
    allow_missing: frozenset[str] = field(default_factory=frozenset)
    # Performance only (the outcome is identical): worker processes staging big tables
    # (None = one per CPU; 0 or 1 = serial), and the size from which a table goes parallel.
    workers: int | None = None
    parallel_min_rows: int = PARALLEL_MIN_ROWS


def run_import(export_dir: Path, conninfo: dict, options: ImportOptions,
               progress: ProgressFn | None = None, report: ImportReport | None = None) -> ImportReport:
    """Verify, stage, check, merge and (unless dry run) commit. Raises ImportFailed with the report filled."""
    started = time.monotonic()
    report = report or ImportReport(str(export_dir))
    report.dry_run = options.dry_run
    report.options = {
        "orphans": options.orphans, "on_conflict": options.on_conflict,
        "keep_latest": sorted(options.keep_latest), "allow_missing": sorted(options.allow_missing),
    }
    bad = sorted(set(options.keep_latest) - set(R3_KEYS))
    if bad:
        raise ImportFailed([f"--keep-latest applies to {', '.join(R3_KEYS)} only, not {', '.join(bad)}"])
    manifest = verify_export(Path(export_dir), options.allow_missing)  # before any database access
    report.exported_at, report.source = manifest.exported_at, manifest.source
    for name in TABLE_ORDER:
        table_report = report.legacy(name)
        if name in manifest.files:
            table_report.rows_in_export = manifest.files[name].rows
        else:
            table_report.status = "not exported"

    with psycopg.connect(**conninfo, autocommit=False) as conn:
        try:
            _Import(conn, manifest, options, report, progress or (lambda *a: None)).run()
        except BaseException:
            conn.rollback()
            raise
        finally:
            report.seconds = round(time.monotonic() - started, 3)
        if options.dry_run:
            conn.rollback()
        else:
            conn.commit()
            report.committed = True
    return report


class _Import:
    def __init__(self, conn, manifest, options: ImportOptions, report: ImportReport, progress: ProgressFn):
        self.conn = conn
        self.manifest = manifest
        self.options = options
        self.report = report
        self.progress = progress
        self.errors = ErrorList()
        self.sources = list(TABLE_ORDER)  # _src = index of the legacy table
        self.checksums: dict[str, ExportChecksum] = {}
        self.r3_digests: dict[str, dict[str, int]] = {}
        workers = default_workers() if options.workers is None else options.workers
        self.stager = ParallelStager(workers) if workers >= 2 else None

    def fail_if_errors(self) -> None:
        if self.errors:
            self.report.errors = list(self.errors.messages)
            self.report.error_count = self.errors.count
            self.errors.raise_if_any()

    def run(self) -> None:
        targets = [t for t in TARGET_ORDER if any(
            t in TARGETS_OF[legacy] for legacy in self.manifest.files if legacy in TARGETS_OF)]
        self.catalog = catalog = load.target_catalog(self.conn, targets)
        self.writers = {t: load.StagingWriter(self.conn, t, catalog[t]) for t in targets}
        try:
            for legacy in TABLE_ORDER:
                if legacy in self.manifest.files:
                    self.stage_table(legacy)
        finally:
            if self.stager is not None:
                self.stager.close()
        for writer in self.writers.values():
            writer.flush()
        self.fail_if_errors()

        staged = [t for t in targets if self.writers[t].rows]
        for target in staged:
            self.conn.execute(f"ANALYZE stg_{target}")
        integrity = Integrity(self.conn, self.sources, staged, self.errors, self.report)
        integrity.check_duplicate_ids()
        self.fail_if_errors()  # later checks assume unique ids
        integrity.apply_keep_latest(self.options.keep_latest)
        self._remove_r3_from_checksums()
        integrity.check_unique_keys()
        integrity.check_lowercase_emails()
        integrity.check_orphans(self.options.orphans)
        integrity.check_dangling_lists()
        non_empty = {t: not load.target_is_empty(self.conn, t) for t in staged}
        self.check_conflicts([t for t in staged if non_empty[t]])
        self.fail_if_errors()

        self.progress("writing", 0, 0.0, False)
        for target in staged:
            self.merge(target, non_empty[target])
        self.database_checksums()

    # --- stage -----------------------------------------------------------------------------

    def stage_table(self, legacy: str) -> None:
        table_file = self.manifest.files[legacy]
        table = TABLES[legacy]
        table_report = self.report.legacy(legacy)
        reader = TableReader(table_file.path, table, self.errors, UUID_COLUMNS.get(legacy, frozenset()))
        src = self.sources.index(legacy)
        checksum = ExportChecksum(legacy) if legacy in KEY_COLUMNS else None
        self.checksums[legacy] = checksum
        keep_digests = {} if legacy in self.options.keep_latest else None
        started = last = time.monotonic()
        count = 0
        progress = self.progress

        if self._parallel(legacy):
            target = RENAMES[legacy][0]
            tick = self._ticker(legacy, started)
            with self.writers[target].streaming():
                reader = self.stager.stage(
                    legacy, table_file.path, self.catalog[target], UUID_COLUMNS.get(legacy, frozenset()), src,
                    self.writers[target], table_report, self.errors, checksum, tick,
                )
            self._reader_results(legacy, reader, reader.imprecise_numbers, reader.rows_staged, started)
            return
        if legacy == "sessions":
            for _line, _row in reader:
                count += 1
            table_report.dropped_by_rule[R1] = reader.rows_read
        else:
            rows = reader
            slugs = None
            if legacy == "tenants":  # small: slugs need every tenant, in id order
                rows = list(reader)
                slugs = assign_slugs(row for _, row in rows)
            transform = TRANSFORMS.get(legacy)
            writers = self.writers
            errors = self.errors
            with writers[RENAMES[legacy][0]].streaming():
                for line, row in rows:
                    try:
                        out = tenant_row(row, slugs[row["id"]], table_report) if slugs is not None \
                            else transform(row, table_report)
                    except MappingError as exc:
                        errors.add(mapping_error_message(legacy, exc, line, row))
                        continue
                    if checksum is not None:
                        digest = checksum.add(row)
                        if keep_digests is not None:
                            keep_digests[row["id"]] = digest
                    for target, values in out:
                        writers[target].add(values, src, line)
                    count += 1
                    if not count & 0x3FF:
                        now = time.monotonic()
                        if now - last >= 0.5:
                            last = now
                            progress(legacy, count, now - started, False)
        if keep_digests is not None:
            self.r3_digests[legacy] = keep_digests
        self._reader_results(legacy, reader, reader.parser.imprecise_numbers, count, started)

    def _parallel(self, legacy: str) -> bool:
        return (
            self.stager is not None and can_run_parallel(legacy) and legacy not in self.options.keep_latest
            and self.manifest.files[legacy].rows >= self.options.parallel_min_rows
        )

    def _ticker(self, legacy: str, started: float):
        last = [started]

        def tick(count: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.5:
                last[0] = now
                self.progress(legacy, count, now - started, False)
        return tick

    def _reader_results(self, legacy: str, reader, imprecise_numbers: int, count: int, started: float) -> None:
        table_report = self.report.legacy(legacy)
        table_report.rows_read = reader.rows_read
        table_report.non_finite_floats = counter_dict(reader.non_finite)
        self.report.add_lossy("duplicate JSON keys", reader.duplicate_json_key_count)
        self.report.add_lossy("JSON numbers beyond double precision", imprecise_numbers)
        for row_id, column, path in reader.duplicate_json_keys:
            self.report.duplicate_json_keys.append({"legacy_table": legacy, "id": row_id, "column": column, "path": path})
        self.progress(legacy, count, time.monotonic() - started, True)

    def _remove_r3_from_checksums(self) -> None:
        for legacy, digests in self.r3_digests.items():
            for row_id in self.report.legacy(legacy).dropped_ids.get("R3: superseded duplicate", []):
                self.checksums[legacy].remove(digests[row_id])
        self.r3_digests.clear()

    # --- conflicts and merge -----------------------------------------------------------------

    def check_conflicts(self, targets: list[str]) -> None:
        mode = self.options.on_conflict
        for target in targets:
            for src, row_id, columns in load.find_conflicts(self.conn, target):
                legacy = self.sources[src]
                entry = {
                    "table": target, "legacy_table": legacy, "id": row_id,
                    "columns": columns, "legacy_columns": [legacy_column(legacy, c) for c in columns],
                }
                if mode == "fail":
                    entry["resolution"] = "none (import failed)"
                    self.errors.add(
                        f"table {legacy} id {row_id}: conflicts with the existing {target} row "
                        f"(differing columns: {', '.join(columns)}); pass --on-conflict=legacy or "
                        f"--on-conflict=existing to choose a side"
                    )
                elif mode == "legacy" and target in APPEND_ONLY:
                    entry["resolution"] = "none (append-only table)"
                    self.errors.add(
                        f"table {legacy} id {row_id}: conflicts with the existing {target} row "
                        f"(differing columns: {', '.join(columns)}); {target} is append-only, "
                        f"so only --on-conflict=existing can resolve it"
                    )
                else:
                    entry["resolution"] = "export wins" if mode == "legacy" else "existing kept"
                self.report.conflicts.append(entry)

    def merge(self, target: str, non_empty: bool) -> None:
        target_report = self.report.target(target)
        if not non_empty:
            new = load.staged_by_source(self.conn, target)
            same, differs = {}, {}
            target_report.written = load.insert_new(self.conn, target, only_new=False)
        else:
            new = load.count_by_source(self.conn, target, "new")
            same = load.count_by_source(self.conn, target, "same")
            differs = load.count_by_source(self.conn, target, "differs")
            if differs and self.options.on_conflict == "legacy":
                target_report.updated = load.overwrite_differing(self.conn, target)
            elif differs:
                target_report.kept_existing = sum(differs.values())
            target_report.already_present = sum(same.values())
            target_report.written = load.insert_new(self.conn, target, only_new=True)
        for src in set(new) | set(same) | set(differs):
            legacy = self.sources[src]
            table_report = self.report.legacy(legacy)
            if RENAMES[legacy][0] != target:  # derived rows (account, tenant_member)
                table_report.derived_rows[target] = new.get(src, 0) + same.get(src, 0) + differs.get(src, 0)
                continue
            table_report.imported += new.get(src, 0)
            table_report.already_present += same.get(src, 0)
            if self.options.on_conflict == "legacy":
                table_report.conflicts_overwritten += differs.get(src, 0)
            else:
                table_report.conflicts_kept_existing += differs.get(src, 0)
        self.progress(f"wrote {target}", target_report.written + target_report.updated, 0.0, True)

    def database_checksums(self) -> None:
        for legacy, checksum in self.checksums.items():
            if checksum is None:
                continue
            target = RENAMES[legacy][0]
            if target not in self.writers or not self.writers[target].rows:
                digest, rows = f"{0:064x}", 0
            else:
                digest, rows = database_checksum(self.conn, legacy, self.sources.index(legacy))
            self.report.legacy(legacy).checksum = {
                "columns": list(checksum.columns),
                "export": checksum.hexdigest(), "export_rows": checksum.rows,
                "database": digest, "database_rows": rows,
                "equal": digest == checksum.hexdigest() and rows == checksum.rows,
            }
