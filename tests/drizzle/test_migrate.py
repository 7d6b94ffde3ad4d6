"""drizzle/scripts/migrate.mjs: drizzle-orm's migrator over $DATABASE_URL."""

import json
import uuid
from urllib.parse import quote, urlsplit

import psycopg
from psycopg import sql

from .conftest import DRIZZLE_DIR, database_url, run_node

JOURNAL = json.loads((DRIZZLE_DIR / "migrations" / "meta" / "_journal.json").read_text())


def test_ledger_records_every_journal_entry(scratch_db_url):
    with psycopg.connect(scratch_db_url) as conn:
        ledger = conn.execute("SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY id").fetchall()
    assert [int(when) for (when,) in ledger] == [entry["when"] for entry in JOURNAL["entries"]]


def test_second_run_applies_nothing(scratch_db_url):
    result = run_node("migrate.mjs", env={"DATABASE_URL": scratch_db_url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("migrate: applied ")
    with psycopg.connect(scratch_db_url) as conn:
        assert conn.execute("SELECT count(*) FROM drizzle.__drizzle_migrations").fetchone()[0] == len(JOURNAL["entries"])


def test_tables_land_in_public_whatever_the_search_path():
    name = f"test_drizzle_path_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        with psycopg.connect(database_url(name), autocommit=True) as conn:
            conn.execute("CREATE SCHEMA django")  # as Django's `migrate` does, first on its search_path
        url = database_url(name) + "?options=" + quote("-c search_path=django,public")
        result = run_node("migrate.mjs", env={"DATABASE_URL": url})
        assert result.returncode == 0, result.stderr
        with psycopg.connect(database_url(name)) as conn:
            counts = dict(conn.execute("SELECT schemaname, count(*) FROM pg_tables GROUP BY 1").fetchall())
        assert counts.get("django") is None
        assert counts["public"] == 38
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_unix_socket_url(scratch_db_url):
    with psycopg.connect(scratch_db_url) as conn:
        socket_dir = conn.execute("SHOW unix_socket_directories").fetchone()[0].split(",")[0].strip()
    parts = urlsplit(scratch_db_url)
    url = f"postgres://{parts.username}@{quote(socket_dir, safe='')}{parts.path}"
    result = run_node("migrate.mjs", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr


def test_missing_database_url_fails():
    result = run_node("migrate.mjs", env={"DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


def test_unreachable_database_fails_with_the_server_message():
    result = run_node("migrate.mjs", env={"DATABASE_URL": database_url("test_drizzle_no_such_database")})
    assert result.returncode == 1
    assert 'migrate: failed: database "test_drizzle_no_such_database" does not exist' in result.stderr
