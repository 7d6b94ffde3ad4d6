"""The legacy table definitions against the facts of legacy-export.md, Part B."""
import hashlib

import psycopg
import pytest

from mcpmanager.legacy.tables import (
    EMPTY_SHA256,
    LEGACY_ENUMS,
    TABLE_ORDER,
    TABLES,
    legacy_ddl,
    legacy_drop_ddl,
)

# Part B: columns per table, the three common ones included.
COLUMN_COUNTS = {
    "tenants": 7, "users": 12, "sessions": 11, "api_keys": 15, "enhanced_api_keys": 27,
    "audit_logs": 16, "request_logs": 20, "fastmcp_audit_log": 15, "mcp_servers": 17,
    "server_tools": 12, "server_resources": 10, "server_metrics": 13, "server_access_control": 20,
    "routing_rules": 11, "system_configs": 11, "circuit_breakers": 17, "connection_pools": 19,
    "request_queues": 18, "data_retention_policies": 16, "materialized_views": 17,
    "performance_alerts": 18,
}


def test_the_21_tables_with_their_column_counts():
    assert len(TABLES) == 21
    assert {name: len(table.columns) for name, table in TABLES.items()} == COLUMN_COUNTS


def test_every_table_starts_with_the_common_columns():
    for table in TABLES.values():
        assert table.column_names[:3] == ("id", "created_at", "updated_at")
        assert [c.kind for c in table.columns[:3]] == ["str", "datetime", "datetime"]


def test_export_order_puts_every_fk_parent_before_its_children():
    position = {name: index for index, name in enumerate(TABLE_ORDER)}
    for table in TABLES.values():
        for column in table.foreign_keys:
            assert position[column.fk.split(".")[0]] < position[table.name], (table.name, column.name)


def test_spot_checks():
    users = TABLES["users"]
    assert users.column_names[3:] == (
        "username", "email", "full_name", "role", "is_active",
        "auth_provider", "auth_provider_id", "tenant_id", "user_metadata",
    )
    assert users.column("email").unique and users.column("email").max_length == 255
    assert users.column("auth_provider").max_length == 50 and users.column("auth_provider").nullable
    assert users.column("tenant_id").fk == "tenants.id"
    assert users.column("role").kind == "enum:UserRole"
    assert TABLES["fastmcp_audit_log"].column("user_id").fk is None
    assert TABLES["enhanced_api_keys"].column("scopes").kind == "json_list_enum:APIKeyScope"
    assert TABLES["server_access_control"].column("allowed_days").kind == "json_list_int"
    assert TABLES["server_access_control"].column("api_key_id").fk == "enhanced_api_keys.id"
    assert TABLES["request_logs"].column("target_server_id").fk == "mcp_servers.id"
    assert TABLES["request_logs"].column("method").max_length == 10
    assert TABLES["sessions"].column("user_id").nullable is False


def test_secret_and_omitted_columns():
    secrets = {
        (table.name, column.name) for table in TABLES.values() for column in table.columns if column.secret
    }
    assert secrets == {
        ("api_keys", "key_hash"), ("enhanced_api_keys", "key_hash"), ("enhanced_api_keys", "salt"),
        ("system_configs", "value"), ("sessions", "session_token"), ("sessions", "session_data"),
    }
    omitted = {
        (table.name, column.name) for table in TABLES.values() for column in table.columns
        if column.exported_as_null
    }
    assert omitted == {("sessions", "session_token"), ("sessions", "session_data")}


def test_enums_values_and_upper_case_labels():
    assert LEGACY_ENUMS["CircuitBreakerState"].values == ("closed", "open", "half_open")
    assert LEGACY_ENUMS["CircuitBreakerState"].labels == ("CLOSED", "OPEN", "HALF_OPEN")
    assert LEGACY_ENUMS["CircuitBreakerState"].value_of("HALF_OPEN") == "half_open"
    with pytest.raises(ValueError):
        LEGACY_ENUMS["TenantStatus"].value_of("active")  # values are not labels
    pg_types = {enum.pg_type for enum in LEGACY_ENUMS.values() if enum.pg_type}
    assert pg_types == {"tenantstatus", "userrole", "transporttype", "serverstatus", "circuitbreakerstate"}
    assert LEGACY_ENUMS["APIKeyScope"].values == ("read", "write", "admin", "proxy", "metrics", "health")


def test_empty_sha256_is_the_digest_of_nothing():
    assert EMPTY_SHA256 == hashlib.sha256(b"").hexdigest()


def test_ddl_builds_the_legacy_schema(legacy_db):
    conninfo = legacy_db(empty=True)
    with psycopg.connect(conninfo) as conn:
        conn.execute(legacy_ddl())
        columns = conn.execute(
            "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, udt_name "
            "FROM information_schema.columns WHERE table_schema = 'public'"
        ).fetchall()
        by_key = {(t, c): rest for t, c, *rest in columns}
        assert len({t for t, _ in by_key}) == 21
        assert len(by_key) == sum(COLUMN_COUNTS.values())
        assert by_key[("users", "email")] == ["character varying", 255, "NO", "varchar"]
        assert by_key[("tenants", "id")] == ["character varying", None, "NO", "varchar"]
        assert by_key[("tenants", "status")][3] == "tenantstatus"
        assert by_key[("tenants", "settings")][0] == "json"
        assert by_key[("mcp_servers", "avg_response_time")][0] == "double precision"
        assert by_key[("audit_logs", "timestamp")][0] == "timestamp without time zone"
        labels = conn.execute(
            "SELECT array_agg(enumlabel ORDER BY enumsortorder) FROM pg_enum e "
            "JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'circuitbreakerstate'"
        ).fetchone()[0]
        assert labels == ["CLOSED", "OPEN", "HALF_OPEN"]
        indexes = dict(conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
        ).fetchall())
        assert "UNIQUE" in indexes["ix_users_email"]
        assert "UNIQUE" not in indexes["ix_tenants_name"]
        assert "ix_sessions_user_id" in indexes and "ix_request_logs_request_id" in indexes
        fk_rules = conn.execute(
            "SELECT DISTINCT confdeltype FROM pg_constraint WHERE contype = 'f'"
        ).fetchall()
        assert fk_rules == [("a",)]  # NO ACTION everywhere
        fk_count = conn.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'f'").fetchone()[0]
        assert fk_count == sum(len(t.foreign_keys) for t in TABLES.values()) == 25
        conn.execute(legacy_drop_ddl())
        left = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
        assert left == 0
