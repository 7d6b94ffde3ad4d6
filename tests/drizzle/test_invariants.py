"""Spec section 5, invariants 1-8, checked on a database built by the committed
Drizzle migrations (drizzle/scripts/migrate.mjs)."""

import datetime as dt

import psycopg
import pytest
from psycopg import errors, sql

from .expected_schema import (
    APPEND_ONLY_TABLES,
    BETTER_AUTH_TABLES,
    CHECKS,
    DATE_COLUMNS,
    ENUMS,
    FOREIGN_KEYS,
    ID_TYPES,
    INDEXES_AND_UNIQUES,
    INSERT_ONLY_TABLES,
    JSONB_WITHOUT_DEFAULT,
    LEGACY_ENUMS,
    LEGACY_TEXT_ID_TABLES,
    NULLABLE_JSONB,
    NULLS_NOT_DISTINCT,
)

RETENTION_ROLE = "mcp_retention"
ON_DELETE = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


@pytest.fixture(scope="module")
def db(scratch_db_url):
    with psycopg.connect(scratch_db_url, autocommit=True) as conn:
        yield conn


def rows(db, query, *params):
    return db.execute(query, params).fetchall()


def columns(db):
    """(table, column) -> (data_type, udt_name, is_nullable, column_default, datetime_precision)."""
    return {
        (t, c): rest
        for t, c, *rest in rows(
            db,
            """SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
               FROM information_schema.columns WHERE table_schema = 'public'""",
        )
    }


# --- invariant 1: tables, primary keys, id types ---------------------------------


def test_exactly_the_spec_tables_exist(db):
    tables = {t for (t,) in rows(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert len(ID_TYPES) == 38
    assert tables == set(ID_TYPES)


def test_primary_keys_are_named_and_typed_per_table(db):
    pks = {
        t: (name, cols)
        for t, name, cols in rows(
            db,
            """SELECT c.conrelid::regclass::text, c.conname,
                      array(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a
                            ON a.attrelid = c.conrelid AND a.attnum = k)
               FROM pg_constraint c WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace""",
        )
    }
    cols = columns(db)
    for table, id_type in ID_TYPES.items():
        key = f'"{table}"' if table == "user" else table  # regclass quotes the reserved word
        assert pks[key] == (f"{table}_pkey", ["id"]), table
        data_type, _, nullable, default, _ = cols[(table, "id")]
        assert (data_type, nullable) == (id_type, "NO"), table
        if table in BETTER_AUTH_TABLES:
            assert default is None, table
        elif table in LEGACY_TEXT_ID_TABLES:
            assert default == "(gen_random_uuid())::text", table
        else:
            assert default == "gen_random_uuid()", table


# --- invariant 2: foreign keys ---------------------------------------------------


def test_foreign_keys_match_spec_names_and_delete_rules(db):
    found = rows(
        db,
        """SELECT c.conname, cl.relname, a.attname, fcl.relname, fa.attname,
                  c.confdeltype, c.confupdtype, cardinality(c.conkey)
           FROM pg_constraint c
           JOIN pg_class cl ON cl.oid = c.conrelid
           JOIN pg_class fcl ON fcl.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
           WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace""",
    )
    actual = set()
    for name, table, column, target, target_column, on_delete, on_update, width in found:
        assert name == f"{table}_{column}_fkey"
        assert (target_column, ON_DELETE[on_update], width) == ("id", "NO ACTION", 1), name
        actual.add((table, column, target, ON_DELETE[on_delete]))
    assert actual == FOREIGN_KEYS


# --- invariant 3: timestamps -----------------------------------------------------


def test_every_timestamp_is_timestamptz_6_and_only_period_start_is_a_date(db):
    temporal = {
        key: (data_type, precision)
        for key, (data_type, _, _, _, precision) in columns(db).items()
        if data_type.startswith(("timestamp", "time ", "date", "interval"))
    }
    dates = {key for key, (data_type, _) in temporal.items() if data_type == "date"}
    assert dates == DATE_COLUMNS
    wrong = {key: v for key, v in temporal.items() if key not in DATE_COLUMNS and v != ("timestamp with time zone", 6)}
    assert wrong == {}


# --- invariant 4: jsonb ------------------------------------------------------------


def test_no_json_and_every_jsonb_is_not_null_with_default(db):
    cols = columns(db)
    assert [key for key, v in cols.items() if v[1] in ("json", "_json")] == []
    jsonb = {key: v for key, v in cols.items() if v[1] == "jsonb"}
    assert {key for key, v in jsonb.items() if v[2] == "YES"} == NULLABLE_JSONB
    assert {key for key, v in jsonb.items() if v[3] is None} == JSONB_WITHOUT_DEFAULT
    bad_defaults = {key: v[3] for key, v in jsonb.items() if v[3] not in (None, "'{}'::jsonb", "'[]'::jsonb")}
    assert bad_defaults == {}


# --- invariant 5: created_at / updated_at and the touch trigger --------------------


def test_created_at_and_updated_at_columns(db):
    cols = columns(db)
    for table in ID_TYPES:
        assert tuple(cols[(table, "created_at")][2:4]) == ("NO", "now()"), table
        if table in INSERT_ONLY_TABLES:
            assert (table, "updated_at") not in cols, table
        else:
            assert tuple(cols[(table, "updated_at")][2:4]) == ("NO", "now()"), table


def test_touch_trigger_on_every_table_with_updated_at(db):
    triggers = rows(
        db,
        """SELECT c.relname, t.tgname, p.proname, t.tgtype, t.tgenabled
           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
           WHERE NOT t.tgisinternal AND p.proname = 'touch_updated_at'""",
    )
    # tgtype 19 = ROW (1) | BEFORE (2) | UPDATE (16)
    assert {(table, name, tgtype, enabled) for table, name, _, tgtype, enabled in triggers} == {
        (table, f"{table}_touch_updated_at", 19, "O") for table in set(ID_TYPES) - INSERT_ONLY_TABLES
    }


def updated_at_after(db, table_sql, row_id, assignment):
    db.execute(sql.SQL("UPDATE {} SET {} WHERE id = %s").format(sql.SQL(table_sql), sql.SQL(assignment)), (row_id,))
    return db.execute(sql.SQL("SELECT updated_at FROM {} WHERE id = %s").format(sql.SQL(table_sql)), (row_id,)).fetchone()[0]


def test_update_always_moves_updated_at_forward(db):
    past = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    (tenant_id,) = db.execute(
        "INSERT INTO tenant (name, slug, updated_at) VALUES ('Touch', 'touch', %s) RETURNING id", (past,)
    ).fetchone()
    assert db.execute("SELECT updated_at FROM tenant WHERE id = %s", (tenant_id,)).fetchone()[0] == past  # INSERT untouched

    moved = updated_at_after(db, "tenant", tenant_id, "name = 'Touched'")
    assert moved > past

    older = updated_at_after(db, "tenant", tenant_id, "updated_at = '1999-01-01'")
    assert older > moved

    # A value in the future (clock skew, import) still advances, by a microsecond.
    future = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    db.execute("ALTER TABLE tenant DISABLE TRIGGER tenant_touch_updated_at")
    db.execute("UPDATE tenant SET updated_at = %s WHERE id = %s", (future, tenant_id))
    db.execute("ALTER TABLE tenant ENABLE TRIGGER tenant_touch_updated_at")
    assert updated_at_after(db, "tenant", tenant_id, "description = 'x'") == future + dt.timedelta(microseconds=1)


def test_two_updates_in_one_transaction_get_distinct_updated_at(db):
    db.execute("""INSERT INTO "user" (id, name, email) VALUES ('touch-user', 'T', 'touch@example.com')""")
    with db.transaction():  # now() is the same for both statements
        first = updated_at_after(db, '"user"', "touch-user", "name = 'A'")
        second = updated_at_after(db, '"user"', "touch-user", "name = 'B'")
    assert second == first + dt.timedelta(microseconds=1)


# --- invariant 6: enums ------------------------------------------------------------


def test_enums_have_exactly_the_spec_values(db):
    found = {}
    for name, label in rows(
        db,
        """SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
           WHERE t.typnamespace = 'public'::regnamespace ORDER BY t.typname, e.enumsortorder""",
    ):
        found.setdefault(name, []).append(label)
    assert found == {name: values for name, (values, _) in ENUMS.items()}


def test_each_enum_is_used_by_exactly_the_spec_columns(db):
    used = {}
    for key, (data_type, udt, *_rest) in columns(db).items():
        type_name = udt.removeprefix("_") if data_type == "ARRAY" else udt
        if data_type in ("USER-DEFINED", "ARRAY") and type_name in ENUMS:
            used.setdefault(type_name, set()).add(key)
    assert used == {name: cols for name, (_, cols) in ENUMS.items()}
    user_defined = {key for key, v in columns(db).items() if v[0] == "USER-DEFINED"}
    assert user_defined <= set().union(*(cols for _, cols in ENUMS.values()))


def test_no_legacy_upper_case_enum_type_exists(db):
    assert rows(db, "SELECT typname FROM pg_type WHERE typname = ANY(%s)", list(LEGACY_ENUMS)) == []


# --- invariant 7: indexes, unique and check constraints -----------------------------


def test_every_listed_index_and_unique_constraint_exists_on_its_table(db):
    indexes = {name: table for table, name in rows(db, "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'")}
    uniques = {
        name: table
        for name, table in rows(
            db,
            """SELECT c.conname, cl.relname FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid
               WHERE c.contype = 'u' AND c.connamespace = 'public'::regnamespace""",
        )
    }
    expected = {name: table for table, names in INDEXES_AND_UNIQUES.items() for name in names}
    missing = {name: table for name, table in expected.items() if indexes.get(name) != table}
    assert missing == {}
    # Every unique constraint and every non-pkey index of the database is one the spec lists.
    assert set(uniques) <= set(expected)
    assert {name for name in indexes if not name.endswith("_pkey")} == set(expected)


def test_nulls_not_distinct_constraints(db):
    found = {
        name
        for (name,) in rows(
            db,
            """SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               WHERE i.indnullsnotdistinct AND c.relnamespace = 'public'::regnamespace""",
        )
    }
    assert found == NULLS_NOT_DISTINCT


def test_nulls_not_distinct_blocks_a_second_global_server_name(db):
    insert = "INSERT INTO mcp_server (name, version, endpoint_url, transport) VALUES ('dup', '1', 'http://x', 'http')"
    db.execute(insert)
    with pytest.raises(errors.UniqueViolation, match="mcp_server_tenant_id_name_key"):
        db.execute(insert)


def test_every_named_check_exists(db):
    found = {
        (table, name)
        for table, name in rows(
            db,
            """SELECT cl.relname, c.conname FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid
               WHERE c.contype = 'c' AND c.connamespace = 'public'::regnamespace""",
        )
    }
    assert found == {(table, name) for table, names in CHECKS.items() for name in names}


# --- invariant 8: append-only history -----------------------------------------------


@pytest.fixture(scope="module")
def retention_role(db):
    """The deployment creates mcp_retention; here the test does (cluster-wide, kept)."""
    try:
        db.execute(
            f"""DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RETENTION_ROLE}') THEN
                    CREATE ROLE {RETENTION_ROLE} NOLOGIN;
                  END IF;
                END $$"""
        )
    except (errors.DuplicateObject, errors.UniqueViolation):
        pass  # created concurrently by another test run
    db.execute(f"GRANT SELECT, DELETE ON audit_log, request_log TO {RETENTION_ROLE}")
    return RETENTION_ROLE


def insert_history_row(db, table):
    if table == "audit_log":
        query = "INSERT INTO audit_log (event_type, action, actor_type) VALUES ('t.test', 'test', 'system') RETURNING id"
    else:
        query = """INSERT INTO request_log (request_id, http_method, http_path)
                   VALUES (gen_random_uuid()::text, 'GET', '/') RETURNING id"""
    return db.execute(query).fetchone()[0]


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {table} SET created_at = now() WHERE id = %(id)s",
        "DELETE FROM {table} WHERE id = %(id)s",
        "TRUNCATE {table}",
    ],
    ids=["update", "delete", "truncate"],
)
def test_history_rejects_changes(db, table, statement):
    row_id = insert_history_row(db, table)
    with pytest.raises(errors.ObjectNotInPrerequisiteState, match=f"{table} is append-only") as raised:
        db.execute(statement.format(table=table), {"id": row_id})
    assert raised.value.diag.sqlstate == "55000"
    assert db.execute(f"SELECT count(*) FROM {table} WHERE id = %s", (row_id,)).fetchone()[0] == 1


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_retention_role_may_delete_history(db, retention_role, table):
    row_id = insert_history_row(db, table)
    with db.transaction():
        db.execute(f"SET LOCAL ROLE {retention_role}")
        deleted = db.execute(f"DELETE FROM {table} WHERE id = %s", (row_id,)).rowcount
    assert deleted == 1
    assert db.execute(f"SELECT count(*) FROM {table} WHERE id = %s", (row_id,)).fetchone()[0] == 0


def test_history_triggers_are_installed(db):
    found = {
        (table, name, tgtype)
        for table, name, tgtype in rows(
            db,
            """SELECT c.relname, t.tgname, t.tgtype FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
               JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND p.proname = 'forbid_history_change'""",
        )
    }
    # 27 = ROW | BEFORE | DELETE (8) | UPDATE (16); 34 = BEFORE | TRUNCATE (32), statement level.
    assert found == {
        (table, f"{table}_{suffix}", tgtype)
        for table in APPEND_ONLY_TABLES
        for suffix, tgtype in (("append_only", 27), ("no_truncate", 34))
    }
