"""Parallel staging (worker processes) gives exactly the serial outcome: same report, same rows."""
import json

import pytest

from mcpmanager.legacy.importer.errors import ImportFailed
from mcpmanager.legacy.importer.run import ImportOptions, run_import
from mcpmanager.legacy.tables import TABLE_ORDER
from mcpmanager.management.commands.import_legacy import _conninfo
from tests.legacy.import_exports import line_of, row, write_export
from tests.legacy.import_support import clean_import_tables, snapshot

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["clean_import_tables"]


def _report(directory, workers: int, **options) -> dict:
    report = run_import(directory, _conninfo(), ImportOptions(workers=workers, parallel_min_rows=1, **options))
    data = json.loads(report.to_json())
    data.pop("seconds")
    return data


def test_parallel_report_equals_serial(export_dir):
    serial = _report(export_dir, workers=0, dry_run=True)
    parallel = _report(export_dir, workers=2, dry_run=True)
    assert parallel == serial
    assert serial["zero_loss"] and serial["checksums_equal"]


def test_parallel_rows_equal_serial(export_dir):
    _report(export_dir, workers=0)
    serial_rows = snapshot()
    again = _report(export_dir, workers=2)  # the same export again, staged in parallel: all already present
    assert again["rows_written"] == 0 and again["zero_loss"]
    assert snapshot() == serial_rows


def test_parallel_lists_errors_like_serial(tmp_path):
    tenants = [row("tenants") for _ in range(3)]
    logs = [line_of(row("audit_logs", tenant_id=tenants[0]["id"])) for _ in range(30)]
    logs[4] = line_of(row("audit_logs", success="yes"))  # reader error
    logs[11] = line_of(row("audit_logs", details={"_legacy": 1}))  # mapping error (G9)
    logs[25] = "{not json"
    directory = write_export(tmp_path / "export", {"tenants": tenants, "audit_logs": logs})
    allow = frozenset(t for t in TABLE_ORDER if t not in ("tenants", "audit_logs"))
    failures = []
    for workers in (0, 2):
        with pytest.raises(ImportFailed) as caught:
            run_import(directory, _conninfo(), ImportOptions(workers=workers, parallel_min_rows=1, allow_missing=allow))
        failures.append((caught.value.errors, caught.value.total))
    assert failures[0] == failures[1]
    assert failures[0][1] == 3, failures[0]
