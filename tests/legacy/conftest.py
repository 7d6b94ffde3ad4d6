"""Fixtures for the legacy export/import tests.

A legacy database is a scratch PostgreSQL database (never Django's test
database), created on the server of DATABASE_URL and dropped after the test:

    def test_x(legacy_db):
        conninfo = legacy_db(rows=20, seed=1)               # generated and filled
        conninfo = legacy_db(extra_rows={"users": [{...}]}) # plus injected rows
        conninfo = legacy_db(empty=True)                    # empty database, no tables

    def test_y(export_dir):          # a fresh copy of the default export (rows=20, seed=0)
        ...                          # free to corrupt: each test gets its own copy

    def test_z(legacy_export):
        out = legacy_export(rows=5, seed=3)                 # generate + export, returns the dir
        out = legacy_export(conninfo=existing_conninfo)     # export an existing legacy DB

Tests using these need no django_db mark.
"""
from __future__ import annotations

import itertools
import os
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from mcpmanager.legacy.exporter import export_legacy
from mcpmanager.legacy.generator import generate

DEFAULT_ROWS = 20
DEFAULT_SEED = 0
_names = itertools.count()


def server_conninfo(dbname: str = "postgres") -> str:
    """Conninfo for `dbname` on the server that DATABASE_URL points to."""
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mcpmanager")
    return make_conninfo(url, dbname=dbname)


def create_scratch_database() -> str:
    name = f"legacy_scratch_{os.getpid()}_{next(_names)}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server_conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def drop_scratch_database(name: str) -> None:
    with psycopg.connect(server_conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def legacy_db():
    """Factory: legacy_db(rows=20, seed=0, empty=False, **generate() kwargs) -> conninfo."""
    created: list[str] = []

    def make(*, rows: int = DEFAULT_ROWS, seed: int = DEFAULT_SEED, empty: bool = False, **kwargs):
        name = create_scratch_database()
        created.append(name)
        conninfo = server_conninfo(name)
        if not empty:
            generate(conninfo, rows=rows, seed=seed, **kwargs)
        return conninfo

    yield make
    for name in created:
        drop_scratch_database(name)


@pytest.fixture
def legacy_export(legacy_db, tmp_path):
    """Factory: legacy_export(conninfo=None, **legacy_db kwargs) -> export directory."""
    dirs = itertools.count()

    def make(conninfo: str | None = None, **kwargs) -> Path:
        out = tmp_path / f"export-{next(dirs)}"
        export_legacy(conninfo or legacy_db(**kwargs), out)
        return out

    return make


@pytest.fixture(scope="session")
def _default_export(tmp_path_factory):
    name = create_scratch_database()
    try:
        conninfo = server_conninfo(name)
        generate(conninfo, rows=DEFAULT_ROWS, seed=DEFAULT_SEED)
        out = tmp_path_factory.mktemp("legacy-default") / "export"
        export_legacy(conninfo, out)
    finally:
        drop_scratch_database(name)
    return out


@pytest.fixture
def export_dir(_default_export, tmp_path) -> Path:
    """A private copy (modes kept) of the export of the default generated database."""
    out = tmp_path / "export"
    shutil.copytree(_default_export, out)
    return out


def dbname_of(conninfo: str) -> str:
    return conninfo_to_dict(conninfo)["dbname"]
