"""The deterministic legacy database generator: same seed, same bytes; every promised case present."""
import math
import re
import unicodedata
from datetime import datetime

import psycopg
import pytest
from django.core.management import CommandError, call_command

from mcpmanager.legacy.exporter import export_legacy
from mcpmanager.legacy.generator import RawJSON, generate
from mcpmanager.legacy.tables import FREE_TEXT_ENUM_VALUES, LEGACY_ENUMS, TABLES

from .conftest import server_conninfo

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def slug(name: str) -> str:
    """The mapping's slug rule, before collision suffixes (consolidated-schema.md, tenants)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:50].strip("-")


@pytest.fixture
def db(legacy_db):
    with psycopg.connect(legacy_db(rows=24, seed=7)) as conn:
        yield conn


def column(conn, sql):
    return [row[0] for row in conn.execute(sql)]


def test_same_seed_gives_byte_identical_exports(legacy_export):
    first, second = legacy_export(rows=15, seed=42), legacy_export(rows=15, seed=42)
    other = legacy_export(rows=15, seed=43)
    for name in TABLES:
        assert (first / f"{name}.jsonl").read_bytes() == (second / f"{name}.jsonl").read_bytes(), name
    assert (first / "users.jsonl").read_bytes() != (other / "users.jsonl").read_bytes()


def test_row_counts_and_log_scaling(legacy_db):
    with psycopg.connect(legacy_db(rows=5, seed=1, scale_logs=3)) as conn:
        for name in TABLES:
            count = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            expected = 15 if name in ("audit_logs", "fastmcp_audit_log", "request_logs") else 5
            assert count == expected, name


def test_tenant_names_collide_or_vanish_when_slugged(db):
    names = column(db, "SELECT name FROM tenants")
    slugs = [slug(name) for name in names]
    assert slugs.count("acme-research") == 3
    assert "acmeresearch" in slugs  # "ACME—Research!": the em dash is dropped, not replaced
    assert {"日本語", "🚀🚀🚀"} <= set(names) and "" in slugs
    assert any(not name.isascii() and slug(name) for name in names)


def test_users_cover_provider_and_tenant_cases(db):
    cases = dict(db.execute(
        "SELECT (auth_provider IS NOT NULL)::text || (auth_provider_id IS NOT NULL)::text, count(*) "
        "FROM users GROUP BY 1"
    ).fetchall())
    assert set(cases) == {"truetrue", "falsefalse", "truefalse", "falsetrue"}
    assert db.execute("SELECT count(*) FROM users WHERE tenant_id IS NULL").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM users WHERE tenant_id IS NOT NULL").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM users WHERE full_name IS NULL").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM users WHERE email <> lower(email)").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM users WHERE username !~ '^[ -~]*$'").fetchone()[0] > 0


def test_every_enum_value_is_used(db):
    for table in TABLES.values():
        for col in table.columns:
            if col.is_enum:
                used = set(column(db, f'SELECT DISTINCT "{col.name}"::text FROM {table.name}'))
                assert used == set(col.enum.labels), (table.name, col.name)
    scopes = set(column(db, "SELECT DISTINCT json_array_elements_text(scopes) FROM enhanced_api_keys"))
    assert scopes == set(LEGACY_ENUMS["APIKeyScope"].values)


def test_free_text_enum_columns_hold_only_listed_values(db):
    for (table, name), allowed in FREE_TEXT_ENUM_VALUES.items():
        assert set(column(db, f"SELECT DISTINCT {name} FROM {table}")) == set(allowed)


def test_api_key_scopes_include_unknown_values(db):
    scopes = set(column(db, "SELECT DISTINCT json_array_elements_text(scopes) FROM api_keys"))
    assert {"READ", "servers:*"} <= scopes


def test_optional_foreign_keys_are_sometimes_null(db):
    for table in TABLES.values():
        for col in table.foreign_keys:
            if col.nullable:
                nulls = db.execute(f"SELECT count(*) FROM {table.name} WHERE {col.name} IS NULL").fetchone()[0]
                assert nulls > 0, (table.name, col.name)


def test_json_shapes(db):
    kinds = column(db, "SELECT settings::text FROM tenants")
    assert "{}" in kinds
    assert any('"a": {"b": {"c"' in doc for doc in kinds)  # nested
    assert any("\\u540d" in doc for doc in kinds)  # unicode, escaped as SQLAlchemy writes it
    assert max(len(doc) for doc in kinds) > 50_000  # large
    assert db.execute("SELECT count(*) FROM mcp_servers WHERE tags::text = '[]'").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM server_access_control WHERE allowed_days::text <> '[]'").fetchone()[0] > 0


def test_floats_include_non_finite_values(db):
    values = column(db, "SELECT avg_response_time FROM mcp_servers WHERE avg_response_time IS NOT NULL")
    assert any(math.isnan(v) for v in values)
    assert math.inf in values and -math.inf in values


def test_timestamps_at_dst_changes_and_year_boundaries(db):
    stamps = set(column(db, "SELECT created_at FROM tenants"))
    assert datetime(2025, 3, 30, 1, 0) in stamps
    assert datetime(2025, 10, 26, 0, 30, 0, 1) in stamps
    assert datetime(2024, 12, 31, 23, 59, 59, 999999) in stamps


def test_fastmcp_audit_users_and_methods(db):
    users = set(column(db, "SELECT user_id FROM fastmcp_audit_log"))
    assert {"anonymous", "unknown"} <= users and any(UUID.match(u) for u in users)
    methods = column(db, "SELECT method FROM fastmcp_audit_log")
    assert any(m.startswith("tools/call:") for m in methods)
    assert any(not m.startswith("tools/call:") for m in methods)


def test_data_is_clean_for_the_mapping(db):
    assert db.execute("SELECT count(*) - count(DISTINCT lower(email)) FROM users").fetchone()[0] == 0
    assert db.execute(
        "SELECT count(*) FROM (SELECT tenant_id, name FROM mcp_servers GROUP BY 1, 2 HAVING count(*) > 1) d"
    ).fetchone()[0] == 0
    for table, key in (("server_tools", "name"), ("server_resources", "uri_template"), ("circuit_breakers", "1")):
        dupes = db.execute(
            f"SELECT count(*) FROM (SELECT server_id, {key} FROM {table} GROUP BY 1, 2 HAVING count(*) > 1) d"
        ).fetchone()[0]
        assert dupes == 0, table
    for table in TABLES.values():
        assert all(UUID.match(i) for i in column(db, f"SELECT id FROM {table.name}")), table.name
        for col in table.columns:
            if col.is_json:
                bad = db.execute(
                    f"SELECT count(*) FROM {table.name} WHERE {col.name}::text LIKE '%\\u0000%' "
                    f"OR (json_typeof({col.name}) = 'object' AND {col.name}::jsonb ? '_legacy')"
                ).fetchone()[0]
                assert bad == 0, (table.name, col.name)
    legacy_names = set(column(db, "SELECT DISTINCT table_name FROM data_retention_policies"))
    assert legacy_names <= set(TABLES)


def test_extra_rows_are_completed_and_row_hook_rewrites(legacy_db):
    def hook(table, row):
        if table == "tenants" and row["name"] == "Globex":
            return None  # dropped
        return row

    conninfo = legacy_db(
        rows=3,
        extra_rows={
            "users": [{"email": "USER0@EXAMPLE.COM"}],
            "tenants": [{"name": "Globex"}, {"settings": RawJSON('{"a": 1, "a": 2}')}],
        },
        row_hook=hook,
    )
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM users WHERE lower(email) = 'user0@example.com'").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM tenants WHERE name = 'Globex'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM tenants WHERE settings::text = '{\"a\": 1, \"a\": 2}'").fetchone()[0] == 1


def test_extra_rows_reject_unknown_tables_and_columns(legacy_db):
    with pytest.raises(ValueError, match="unknown table"):
        legacy_db(rows=2, extra_rows={"nope": [{}]})
    with pytest.raises(ValueError, match="unknown column"):
        legacy_db(rows=2, extra_rows={"tenants": [{"slug": "x"}]})


def test_command_generates_into_a_scratch_database(legacy_db, capsys):
    conninfo = legacy_db(empty=True)
    call_command("generate_legacy_db", "--db", conninfo, "--rows", "4", "--seed", "3", "--scale-logs", "2")
    assert "Generated 96 legacy rows (seed 3)" in capsys.readouterr().out
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SELECT count(*) FROM request_logs").fetchone()[0] == 8


def test_command_refuses_a_database_that_already_has_legacy_tables(legacy_db):
    conninfo = legacy_db(rows=2)
    with pytest.raises(CommandError, match="already has legacy tables"):
        call_command("generate_legacy_db", "--db", conninfo, "--rows", "2")


def test_command_refuses_the_django_database(settings):
    url = f"postgres://postgres@127.0.0.1:5432/{settings.DATABASES['default']['NAME']}"
    with pytest.raises(CommandError, match="Django database"):
        call_command("generate_legacy_db", "--db", url)


def test_command_reports_an_unreachable_database():
    with pytest.raises(CommandError, match="cannot connect"):
        call_command("generate_legacy_db", "--db", server_conninfo("h7_no_such_database"))
