"""The pure mapping functions (no database)."""
from mcpmanager.legacy.importer.report import LegacyTableReport
from mcpmanager.legacy.importer.transform import (
    TARGET_COLUMNS, assign_slugs, base_slug, fastmcp_audit_log, translate_retention_target, users,
)
from tests.legacy.import_exports import row


def _as_dict(target, values):
    return dict(zip(TARGET_COLUMNS[target], values))


def test_slugs_follow_the_spec_algorithm():
    assert base_slug("Ünïcödé Société GmbH") == "unicode-societe-gmbh"
    assert base_slug("日本語") == "tenant"
    assert base_slug("  --Trim Me--  ") == "trim-me"
    assert base_slug("x" * 60 + " y") == "x" * 50
    tenants = [{"id": "b", "name": "Acme"}, {"id": "a", "name": "ACME"}, {"id": "c", "name": "acme 2"}]
    assert assign_slugs(tenants) == {"a": "acme", "b": "acme-2", "c": "acme-2-2"}


def test_user_with_provider_tenant_and_upper_case_email():
    report = LegacyTableReport("users")
    legacy = row("users", email="Ann@Example.COM", full_name=None, auth_provider="github",
                 auth_provider_id="7", tenant_id="t1", role="readonly")
    out = dict((t, _as_dict(t, v)) for t, v in users(legacy, report))
    assert out["user"]["email"] == "ann@example.com"
    assert out["user"]["name"] == legacy["username"]
    assert out["user"]["metadata"] == {"_legacy": {"email": "Ann@Example.COM", "full_name": None}}
    assert out["account"] == {"id": legacy["id"], "created_at": legacy["created_at"], "updated_at": legacy["updated_at"],
                              "account_id": "7", "provider_id": "github", "user_id": legacy["id"]}
    assert out["tenant_member"]["role"] == "viewer" and out["tenant_member"]["joined_at"] == legacy["created_at"]


def test_partial_provider_is_kept_in_legacy_metadata():
    report = LegacyTableReport("users")
    out = users(row("users", auth_provider="azure", full_name="A"), report)
    assert [t for t, _ in out] == ["user"]
    assert _as_dict("user", out[0][1])["metadata"] == {"_legacy": {"auth_provider": "azure", "auth_provider_id": None}}
    assert report.warnings == {"partial provider": 1}


def test_fastmcp_row_becomes_an_mcp_request():
    legacy = row("fastmcp_audit_log", user_id="anonymous", method="tools/call:search", error_code=-32603,
                 tenant_id="tid", user_roles=["r"], duration_ms=5)
    out = _as_dict("audit_log", fastmcp_audit_log(legacy, LegacyTableReport("f"))[0][1])
    assert out["actor_type"] == "anonymous" and out["resource_type"] == "mcp_tool" and out["resource_name"] == "search"
    assert out["error_code"] == "-32603" and out["tenant_id"] is None
    assert out["metadata"]["token_tenant_id"] == "tid" and out["metadata"]["token_roles"] == ["r"]


def test_retention_translation():
    assert translate_retention_target("audit_logs", "timestamp", {"success": False}) == (
        "audit_log", "occurred_at", {"success": False, "event_type": {"$ne": "mcp.request"}}, True)
    assert translate_retention_target("fastmcp_audit_log", "timestamp", {}) == (
        "audit_log", "occurred_at", {"event_type": "mcp.request"}, True)
    assert translate_retention_target("sessions", "last_activity", {})[3] is False
    assert translate_retention_target("nope", "x", {}) == ("nope", "x", {}, False)
