"""Fixtures for the Drizzle schema tests: the drizzle dir, a node runner, and a
scratch database migrated by drizzle/scripts/migrate.mjs."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

DRIZZLE_DIR = Path(__file__).resolve().parents[2] / "drizzle"
DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def database_url(dbname: str) -> str:
    """$DATABASE_URL (or the local default) pointed at another database."""
    parts = urlsplit(os.environ.get("DATABASE_URL") or DEFAULT_SERVER_URL)
    return urlunsplit(parts._replace(path=f"/{dbname}"))


def run_node(script: str, *args: str, env: dict | None = None, timeout: int = 180):
    """Run a drizzle/scripts/*.mjs script with node from the drizzle dir."""
    node = shutil.which("node")
    assert node, "node is required to run the Drizzle scripts"
    return subprocess.run(
        [node, str(DRIZZLE_DIR / "scripts" / script), *args],
        cwd=DRIZZLE_DIR,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def scratch_db_url():
    """A fresh database with every Drizzle migration applied; dropped afterwards."""
    name = f"test_drizzle_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = database_url(name)
    try:
        result = run_node("migrate.mjs", env={"DATABASE_URL": url})
        assert result.returncode == 0, f"migrate.mjs failed:\n{result.stdout}\n{result.stderr}"
        yield url
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
