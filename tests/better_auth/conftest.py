"""Runs the real better-auth package (drizzle/better-auth/compat-check.ts) once
against a scratch database migrated with the project's Drizzle migrations.

No Django database is used: the scratch databases are created, migrated and
dropped here with psycopg, so these tests need no ``django_db`` mark.
"""
import json
import os
import secrets
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row

from mcpmanager.drizzle.migrator import migrate

REPO = Path(__file__).resolve().parents[2]
DRIZZLE_DIR = REPO / "drizzle"
MIGRATIONS_DIR = DRIZZLE_DIR / "migrations"
COMPAT_CHECK = "better-auth/compat-check.ts"
TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class CompatRun:
    """compat-check.ts's outcome: its JSON, and a connection to the database it used."""

    data: dict
    results: dict
    conn: psycopg.Connection
    secret: str


def _database_url(dbname: str) -> str:
    """DATABASE_URL's server (user, host, port) with another database name."""
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    return urlunsplit(server._replace(path=f"/{dbname}", query=""))


@pytest.fixture(scope="module")
def scratch_database():
    """A factory of empty databases; all are dropped when the module ends."""
    created = []

    def create() -> str:
        name = f"h6_better_auth_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_database_url("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        created.append(name)
        return _database_url(name)

    yield create
    with psycopg.connect(_database_url("postgres"), autocommit=True) as admin:
        for name in created:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run_compat_check(database_url: str, secret: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BETTER_AUTH_")}
    env.update(DATABASE_URL=database_url, BETTER_AUTH_SECRET=secret, NO_COLOR="1")
    return subprocess.run(
        ["npx", "--no-install", "tsx", COMPAT_CHECK],
        cwd=DRIZZLE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )


@pytest.fixture(scope="module")
def compat_run(scratch_database) -> CompatRun:
    url = scratch_database()
    with psycopg.connect(url) as conn:
        migrate(conn, MIGRATIONS_DIR)
    secret = secrets.token_urlsafe(32)
    done = run_compat_check(url, secret)
    assert done.returncode == 0, f"compat-check.ts failed:\n{done.stderr}\n{done.stdout}"
    data = json.loads(done.stdout)
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
        yield CompatRun(data=data, results=data["results"], conn=conn, secret=secret)
