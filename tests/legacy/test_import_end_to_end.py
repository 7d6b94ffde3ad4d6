"""Generate a legacy DB -> export -> import -> every legacy row is rebuilt from
the consolidated tables by the inverse mapping (invariants 12 and 13)."""
import json

import pytest

from mcpmanager.legacy.importer.transform import RENAMES, TENANT_ROLE_OF
from mcpmanager.legacy.tables import TABLE_ORDER
from tests.legacy.import_inverse import differences, fetch_targets, rebuild
from tests.legacy.import_support import clean_import_tables, connect, counts, run_import, snapshot

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["clean_import_tables"]  # autouse fixture: empty the consolidated tables after each test


def _exported(directory, table):
    with open(directory / f"{table}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_every_row_round_trips_and_second_run_writes_nothing(legacy_export, tmp_path):
    directory = legacy_export(rows=24, seed=7)
    stdout, report = run_import(directory, report=tmp_path / "report.json")

    assert report["committed"] and report["zero_loss"] and report["checksums_equal"], stdout
    assert "Committed:" in stdout
    for name, table in report["legacy_tables"].items():
        assert table["balanced"], name
        assert table["checksum"] is None or table["checksum"]["equal"], name

    with connect() as conn:
        extra = {"account": fetch_targets(conn, "account")}
        members = {(m["tenant_id"], m["user_id"]): m for m in fetch_targets(conn, "tenant_member").values()}
        cache = {}
        for legacy in TABLE_ORDER:
            rows = _exported(directory, legacy)
            if legacy == "sessions":
                assert report["legacy_tables"]["sessions"]["dropped_by_rule"] == {
                    "R1: legacy sessions not imported": len(rows)}
                continue
            target = RENAMES[legacy][0]
            cache.setdefault(target, fetch_targets(conn, target))
            for exported in rows:
                stored = cache[target][exported["id"]]
                assert differences(legacy, exported, rebuild(legacy, stored, extra)) == [], (legacy, exported["id"])
                if legacy == "users" and exported["tenant_id"] is not None:
                    member = members[(exported["tenant_id"], exported["id"])]
                    assert member["role"] == TENANT_ROLE_OF.get(exported["role"], "member")
                if legacy == "api_keys":
                    assert stored["legacy_source"] == "api_keys" and stored["salt"] is None
                if legacy == "fastmcp_audit_log":
                    assert stored["event_type"] == "mcp.request" and stored["tenant_id"] is None

    users = _exported(directory, "users")
    written = counts()
    assert written["account"] == sum(1 for u in users if u["auth_provider"] and u["auth_provider_id"])
    assert written["tenant_member"] == sum(1 for u in users if u["tenant_id"])
    assert written["api_token"] == len(_exported(directory, "api_keys")) + len(_exported(directory, "enhanced_api_keys"))
    assert written["audit_log"] == len(_exported(directory, "audit_logs")) + len(_exported(directory, "fastmcp_audit_log"))
    slugs = [t["slug"] for t in cache["tenant"].values()]
    assert len(set(slugs)) == len(slugs)

    before = snapshot()
    stdout, again = run_import(directory, report=tmp_path / "again.json")
    assert snapshot() == before
    assert again["rows_written"] == 0 and again["zero_loss"]
    assert "Nothing to write: every row is already present." in stdout
    for name, table in again["legacy_tables"].items():
        if name != "sessions":
            assert table["imported"] == 0 and table["already_present"] == table["rows_read"], name


def test_dry_run_prints_the_report_and_writes_nothing(export_dir, tmp_path):
    before = snapshot()
    stdout, report = run_import(export_dir, "--dry-run", report=tmp_path / "r.json")
    assert snapshot() == before
    assert report["dry_run"] and not report["committed"] and report["rows_written"] > 0
    assert "Dry run:" in stdout and '"legacy_tables"' in stdout
