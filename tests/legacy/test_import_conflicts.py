"""Idempotency and conflicts (G11), unique-key clashes, orphans, R3."""
import pytest
from django.core.management.base import CommandError

from tests.legacy.import_exports import missing_except, row, write_export
from tests.legacy.import_support import clean_import_tables, connect, counts, run_import, snapshot

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["clean_import_tables"]


def _export(tmp_path, name="e", **tables):
    return write_export(tmp_path / name, tables), missing_except(*tables)


def test_changed_row_is_a_conflict_listing_table_id_and_columns(tmp_path):
    tenant = row("tenants", name="Acme")
    directory, allow = _export(tmp_path, tenants=[tenant])
    run_import(directory, *allow)
    with connect() as conn:
        conn.execute("UPDATE tenant SET name = 'Changed', description = 'new' WHERE id = %s", [tenant["id"]])
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        run_import(directory, *allow, report=tmp_path / "r.json")
    message = str(excinfo.value)
    assert f"table tenants id {tenant['id']}: conflicts with the existing tenant row" in message
    assert "differing columns: updated_at, name, description" in message
    assert snapshot() == before

    stdout, report = run_import(directory, *allow, "--on-conflict=existing", report=tmp_path / "r.json")
    assert report["legacy_tables"]["tenants"]["conflicts_kept_existing"] == 1
    assert report["conflicts"][0]["resolution"] == "existing kept"
    assert snapshot() == before

    stdout, report = run_import(directory, *allow, "--on-conflict=legacy", report=tmp_path / "r.json")
    assert report["legacy_tables"]["tenants"]["conflicts_overwritten"] == 1
    with connect() as conn:
        assert conn.execute("SELECT name, description FROM tenant").fetchone() == ("Acme", None)


def test_append_only_conflict_cannot_take_the_export_side(tmp_path):
    log = row("audit_logs")
    directory, allow = _export(tmp_path, audit_logs=[log])
    run_import(directory, *allow)
    changed = {**log, "action": "other"}
    directory2, _ = _export(tmp_path, "e2", audit_logs=[changed])
    with pytest.raises(CommandError, match="append-only"):
        run_import(directory2, *allow, "--on-conflict=legacy")


def test_unique_clash_with_an_existing_row_of_another_id(tmp_path):
    first = row("users", email="same@example.com")
    run_import(_export(tmp_path, "a", users=[first])[0], *missing_except("users"))
    second = row("users", email="Same@Example.com")
    directory, allow = _export(tmp_path, "b", users=[second])
    with pytest.raises(CommandError) as excinfo:
        run_import(directory, *allow)
    assert f"id {second['id']}): column email: unique key user_email_key is already taken" in str(excinfo.value)
    assert first["id"] in str(excinfo.value)


def test_lower_cased_email_collision_in_the_export(tmp_path):
    a, b = row("users", email="x@example.com"), row("users", email="X@example.com")
    directory, allow = _export(tmp_path, users=[a, b])
    with pytest.raises(CommandError) as excinfo:
        run_import(directory, *allow)
    assert "e-mails equal once lower-cased" in str(excinfo.value)
    assert a["id"] in str(excinfo.value) and b["id"] in str(excinfo.value)


def test_key_hash_collision_never_prints_the_hash(tmp_path):
    secret = "s3cr3t-hash-value"
    a = row("api_keys", key_hash=secret)
    b = row("enhanced_api_keys", key_hash=secret)
    directory, allow = _export(tmp_path, api_keys=[a], enhanced_api_keys=[b])
    with pytest.raises(CommandError) as excinfo:
        run_import(directory, *allow)
    assert "api_token_key_hash_key" in str(excinfo.value) and secret not in str(excinfo.value)


def test_id_collision_between_merged_tables(tmp_path):
    a = row("audit_logs")
    b = row("fastmcp_audit_log", id=a["id"])
    directory, allow = _export(tmp_path, audit_logs=[a], fastmcp_audit_log=[b])
    with pytest.raises(CommandError, match="appears in more than one legacy table"):
        run_import(directory, *allow)


def test_orphan_fails_unless_orphans_null(tmp_path):
    ghost = "99999999-9999-4999-8999-999999999999"
    user = row("users", tenant_id=ghost)
    directory, allow = _export(tmp_path, users=[user])
    with pytest.raises(CommandError) as excinfo:
        run_import(directory, *allow)
    assert f"users.jsonl:1 (table users, id {user['id']}): column tenant_id: references tenant id {ghost}" in str(excinfo.value)
    assert counts()["user"] == 0

    stdout, report = run_import(directory, *allow, "--orphans=null", report=tmp_path / "r.json")
    nulled = {(n["legacy_table"], n["id"], n["column"], n["references"]) for n in report["nulled_references"]}
    assert ("users", user["id"], "tenant_id", ghost) in nulled
    with connect() as conn:
        assert conn.execute("SELECT tenant_id FROM \"user\"").fetchone() == (None,)
    assert counts()["tenant_member"] == 0


def test_non_nullable_orphan_fails_even_with_orphans_null(tmp_path):
    tool = row("server_tools", server_id="no-such-server")
    directory, allow = _export(tmp_path, server_tools=[tool])
    with pytest.raises(CommandError, match="column server_id: references mcp_server id no-such-server"):
        run_import(directory, *allow, "--orphans=null")


def test_duplicate_tools_fail_without_keep_latest_and_r3_keeps_the_latest(tmp_path):
    server = row("mcp_servers")
    old = row("server_tools", server_id=server["id"], name="search", updated_at="2025-01-01T00:00:00.000000")
    new = row("server_tools", server_id=server["id"], name="search", updated_at="2025-06-01T00:00:00.000000")
    directory, allow = _export(tmp_path, mcp_servers=[server], server_tools=[old, new])
    with pytest.raises(CommandError, match="--keep-latest=server_tools"):
        run_import(directory, *allow)
    stdout, report = run_import(directory, *allow, "--keep-latest=server_tools", report=tmp_path / "r.json")
    tools = report["legacy_tables"]["server_tools"]
    assert tools["dropped_by_rule"] == {"R3: superseded duplicate": 1}
    assert tools["dropped_ids"]["R3: superseded duplicate"] == [old["id"]]
    assert tools["balanced"] and tools["checksum"]["equal"]
    with connect() as conn:
        assert conn.execute("SELECT id::text FROM mcp_tool").fetchall() == [(new["id"],)]


def test_duplicate_json_keys_are_listed_and_make_the_import_lossy(tmp_path):
    tenant = row("tenants")
    text = (
        '{"id":"%s","created_at":"%s","updated_at":"%s","name":"T","description":null,"status":"active",'
        '"settings":{"a":1,"a":2}}' % (tenant["id"], tenant["created_at"], tenant["updated_at"])
    )
    directory, allow = _export(tmp_path, tenants=[text])
    stdout, report = run_import(directory, *allow, report=tmp_path / "r.json")
    assert report["duplicate_json_keys"] == [
        {"legacy_table": "tenants", "id": tenant["id"], "column": "settings", "path": "$.a"}]
    assert report["lossy"] == {"duplicate JSON keys": 1} and report["zero_loss"] is False
    with connect() as conn:
        assert conn.execute("SELECT settings FROM tenant").fetchone() == ({"a": 2},)
