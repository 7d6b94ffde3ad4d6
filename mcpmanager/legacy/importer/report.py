"""The import report (4.2): data first (plain dataclasses -> JSON), human summary second.

No credential value ever appears: rows are named by table, id and column.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass
class LegacyTableReport:
    table: str
    status: str = "exported"  # or "not exported" (absent from the manifest, allowed by --allow-missing)
    rows_in_export: int | None = None
    rows_read: int = 0
    imported: int = 0
    already_present: int = 0  # merged: same id, identical through the mapping
    conflicts_kept_existing: int = 0  # --on-conflict=existing
    conflicts_overwritten: int = 0  # --on-conflict=legacy
    dropped_by_rule: dict[str, int] = field(default_factory=dict)  # "R1: …" -> rows
    dropped_ids: dict[str, list[str]] = field(default_factory=dict)  # R3 only
    value_drops: dict[str, int] = field(default_factory=dict)  # R2
    derived_rows: dict[str, int] = field(default_factory=dict)  # target -> rows derived (account, tenant_member)
    legacy_preserved: dict[str, int] = field(default_factory=dict)  # `_legacy` key -> rows
    non_finite_floats: dict[str, int] = field(default_factory=dict)  # column -> values
    warnings: dict[str, int] = field(default_factory=dict)
    checksum: dict | None = None  # {"columns", "export", "database", "equal"}

    @property
    def accounted(self) -> int:
        return (
            self.imported
            + self.already_present
            + self.conflicts_kept_existing
            + self.conflicts_overwritten
            + sum(self.dropped_by_rule.values())
        )

    @property
    def balanced(self) -> bool:
        return self.status != "exported" or self.rows_read == self.accounted == (self.rows_in_export or 0)

    def warn(self, what: str, n: int = 1) -> None:
        self.warnings[what] = self.warnings.get(what, 0) + n

    def preserve(self, key: str) -> None:
        self.legacy_preserved[key] = self.legacy_preserved.get(key, 0) + 1


@dataclass
class TargetTableReport:
    table: str
    written: int = 0
    already_present: int = 0
    updated: int = 0
    kept_existing: int = 0


@dataclass
class ImportReport:
    export_dir: str
    exported_at: str | None = None
    source: str | None = None
    options: dict = field(default_factory=dict)
    dry_run: bool = False
    committed: bool = False
    legacy_tables: dict[str, LegacyTableReport] = field(default_factory=dict)
    target_tables: dict[str, TargetTableReport] = field(default_factory=dict)
    conflicts: list[dict] = field(default_factory=list)  # {table, id, legacy_table, columns, resolution}
    orphans: list[dict] = field(default_factory=list)  # {legacy_table, id, column, references}
    nulled_references: list[dict] = field(default_factory=list)
    dangling_references: list[dict] = field(default_factory=list)  # ids in JSON lists matching no server
    lossy: dict[str, int] = field(default_factory=dict)
    duplicate_json_keys: list[dict] = field(default_factory=list)  # {legacy_table, id, column, path}
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    seconds: float = 0.0

    def legacy(self, table: str) -> LegacyTableReport:
        if table not in self.legacy_tables:
            self.legacy_tables[table] = LegacyTableReport(table)
        return self.legacy_tables[table]

    def target(self, table: str) -> TargetTableReport:
        if table not in self.target_tables:
            self.target_tables[table] = TargetTableReport(table)
        return self.target_tables[table]

    def add_lossy(self, what: str, n: int) -> None:
        if n:
            self.lossy[what] = self.lossy.get(what, 0) + n

    @property
    def rows_written(self) -> int:
        return sum(t.written + t.updated for t in self.target_tables.values())

    @property
    def checksums_equal(self) -> bool:
        return all(t.checksum is None or t.checksum["equal"] for t in self.legacy_tables.values())

    @property
    def zero_loss(self) -> bool:
        return (
            not self.error_count
            and not any(self.lossy.values())
            and all(t.balanced for t in self.legacy_tables.values())
            and self.checksums_equal
        )

    def as_dict(self) -> dict:
        data = asdict(self)
        for name, table in self.legacy_tables.items():
            data["legacy_tables"][name]["balanced"] = table.balanced
        data["rows_written"] = self.rows_written
        data["checksums_equal"] = self.checksums_equal
        data["zero_loss"] = self.zero_loss
        return data

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)

    def summary(self) -> str:
        """Human summary: one line per legacy table, then targets, problems and the verdict."""
        lines = [f"Legacy export {self.export_dir} (exported {self.exported_at})"]
        lines.append(f"{'legacy table':<26}{'export':>9}{'read':>9}{'imported':>10}{'present':>9}{'dropped':>9}  notes")
        for t in self.legacy_tables.values():
            if t.status != "exported":
                lines.append(f"{t.table:<26}{'—':>9}  not exported")
                continue
            notes = []
            for rule, n in t.dropped_by_rule.items():
                notes.append(f"{rule}: {n}")
            for rule, n in t.value_drops.items():
                notes.append(f"{rule}: {n}")
            if t.conflicts_kept_existing:
                notes.append(f"kept existing: {t.conflicts_kept_existing}")
            if t.conflicts_overwritten:
                notes.append(f"overwritten: {t.conflicts_overwritten}")
            for target, n in t.derived_rows.items():
                notes.append(f"derived {target}: {n}")
            if t.legacy_preserved:
                notes.append("_legacy: " + ", ".join(f"{k} {n}" for k, n in t.legacy_preserved.items()))
            if t.non_finite_floats:
                notes.append("non-finite: " + ", ".join(f"{k} {n}" for k, n in t.non_finite_floats.items()))
            for what, n in t.warnings.items():
                notes.append(f"warning {what}: {n}")
            if t.checksum is not None and not t.checksum["equal"]:
                notes.append("CHECKSUM MISMATCH")
            if not t.balanced:
                notes.append("ROW COUNTS DO NOT BALANCE")
            lines.append(
                f"{t.table:<26}{t.rows_in_export or 0:>9}{t.rows_read:>9}{t.imported:>10}"
                f"{t.already_present:>9}{sum(t.dropped_by_rule.values()):>9}  {'; '.join(notes)}"
            )
        lines.append(f"{'target table':<26}{'written':>9}{'present':>9}{'updated':>9}")
        for t in self.target_tables.values():
            lines.append(f"{t.table:<26}{t.written:>9}{t.already_present:>9}{t.updated:>9}")
        for title, items in (
            ("conflicts", self.conflicts),
            ("orphans", self.orphans),
            ("nulled references", self.nulled_references),
            ("dangling references (kept)", self.dangling_references),
            ("duplicate JSON keys (last value kept)", self.duplicate_json_keys),
        ):
            if items:
                lines.append(f"{title}: {len(items)}")
                lines.extend(f"  {_describe(item)}" for item in items[:20])
                if len(items) > 20:
                    lines.append(f"  … {len(items) - 20} more (see the JSON report)")
        if self.lossy:
            lines.append("lossy: " + ", ".join(f"{k}: {n}" for k, n in self.lossy.items()))
        if self.error_count:
            lines.append(f"errors: {self.error_count}")
            lines.extend(f"  {e}" for e in self.errors[:20])
        checks = "equal" if self.checksums_equal else "DIFFERENT"
        lines.append(f"key-column checksums export vs database: {checks}")
        lines.append(f"zero-loss verdict: {'yes' if self.zero_loss else 'NO'}")
        if self.error_count:
            lines.append("Import FAILED: nothing was written.")
        elif self.dry_run:
            lines.append(f"Dry run: {self.rows_written} row(s) would be written; rolled back, nothing was written.")
        elif self.rows_written == 0:
            lines.append("Nothing to write: every row is already present.")
        else:
            lines.append(f"Committed: {self.rows_written} row(s) written.")
        return "\n".join(lines)


def _describe(item: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in item.items())


def counter_dict(counter: Counter) -> dict[str, int]:
    return {k: v for k, v in counter.items() if v}
