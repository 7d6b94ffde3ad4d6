"""Our PostgreSQL backend keeps Django's tables out of Drizzle's schema."""
import copy
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from mcpmanager.db.base import DatabaseWrapper

ROOT = Path(__file__).resolve().parents[2]
DJANGO_TABLES = {"django_migrations", "django_content_type", "django_session", "django_admin_log", "auth_user"}


def wrapper_with(**changes) -> DatabaseWrapper:
    settings_dict = copy.deepcopy(connection.settings_dict)
    settings_dict.update(changes)
    return DatabaseWrapper(settings_dict, alias="probe")


@pytest.mark.django_db
def test_django_tables_live_in_the_django_schema_only():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name = ANY(%s)",
            [list(DJANGO_TABLES)],
        )
        found = cursor.fetchall()
    assert {name for schema, name in found if schema == "django"} == DJANGO_TABLES
    assert [name for schema, name in found if schema == "public"] == []


@pytest.mark.django_db
def test_a_search_path_that_would_put_django_tables_in_public_is_refused():
    options = {**connection.settings_dict["OPTIONS"], "options": "-c search_path=public"}
    probe = wrapper_with(OPTIONS=options)
    with pytest.raises(ImproperlyConfigured, match="ALTER ROLE .* SET search_path = django, public"):
        probe.ensure_connection()
    probe.close()


@pytest.mark.django_db
def test_search_path_set_on_the_role_works_without_connection_options():
    """What PgBouncer in transaction mode needs: no startup options at all."""
    role = f"mcp_role_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(**admin_params(), autocommit=True)  # roles must be committed to be seen
    admin.execute(f"CREATE ROLE {role} LOGIN")
    admin.execute(f"ALTER ROLE {role} SET search_path = django, public")
    options = {k: v for k, v in connection.settings_dict["OPTIONS"].items() if k != "options"}
    probe = wrapper_with(OPTIONS=options, USER=role, PASSWORD="")
    try:
        probe.ensure_connection()
        with probe.cursor() as cursor:
            cursor.execute("SELECT current_setting('search_path')")
            assert cursor.fetchone()[0] == "django, public"
    finally:
        probe.close()
        admin.execute(f"DROP ROLE {role}")
        admin.close()


def admin_params() -> dict:
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "options"):
        params.pop(key, None)
    return params


def run_manage(*args, env_overrides):
    env = {**os.environ, "SECRET_KEY": "x", **env_overrides}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "url, expected",
    [
        ("postgres://postgres@127.0.0.1:1/mcp", "127.0.0.1:1/mcp"),
        ("postgres://postgres@127.0.0.1:5432/no_such_database_xyz", "127.0.0.1:5432/no_such_database_xyz"),
    ],
)
def test_unreachable_database_is_one_clear_line(url, expected):
    result = run_manage("migrate", env_overrides={"DATABASE_URL": url})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: cannot connect to PostgreSQL at {expected}: ")


def test_with_db_creates_the_database_on_a_given_server():
    name = f"withdb_{uuid.uuid4().hex[:8]}"
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    probe = "import os, psycopg; print(psycopg.connect(os.environ['DATABASE_URL']).info.dbname)"
    try:
        result = subprocess.run(
            [sys.executable, "scripts/with_db.py", sys.executable, "-c", probe],
            cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == name
    finally:
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")


def test_with_db_starts_an_embedded_server_when_database_url_is_unset(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["EMBEDDED_PGDATA"] = str(tmp_path / "pg")
    probe = "import os, psycopg; c = psycopg.connect(os.environ['DATABASE_URL']); print(c.info.dbname, c.execute('select 1').fetchone()[0])"
    result = subprocess.run(
        [sys.executable, "scripts/with_db.py", sys.executable, "-c", probe],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "mcpmanager 1"


def test_with_db_names_an_unreachable_server():
    result = subprocess.run(
        [sys.executable, "scripts/with_db.py", "true"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/mcp"},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().startswith("error: cannot connect to PostgreSQL at 127.0.0.1:1/mcp")
