"""Scratch databases for the drift check: one template per session, built
with the real Drizzle migrations, cloned (fast) for every mutation test."""
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connections
from psycopg import sql
from psycopg.conninfo import make_conninfo

from mcpmanager.checks import drizzle_models
from mcpmanager.checks.drift import mapped_fields
from mcpmanager.drizzle.migrator import migrate


def server_conninfo(dbname: str) -> str:
    """Conninfo for `dbname` on the server of Django's default database."""
    params = connections["default"].get_connection_params()
    for key in ("cursor_factory", "context", "options", "prepare_threshold"):
        params.pop(key, None)  # Django-only keys and the search path of schema django
    params["dbname"] = dbname
    return make_conninfo(**{k: v for k, v in params.items() if v not in (None, "")})


def _admin():
    return psycopg.connect(server_conninfo("postgres"), autocommit=True)


def _create(name: str, template: str | None = None) -> None:
    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with _admin() as admin:
        admin.execute(query)


def _drop(name: str) -> None:
    with _admin() as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def template_db():
    """A database migrated with drizzle/migrations, used only as a template."""
    name = f"h5_drift_tmpl_{uuid.uuid4().hex[:10]}"
    _create(name)
    try:
        with psycopg.connect(server_conninfo(name), autocommit=True) as conn:
            migrate(conn, settings.DRIZZLE_MIGRATIONS_DIR)
        yield name  # no connection may stay open: CREATE DATABASE … TEMPLATE needs none
    finally:
        _drop(name)


@pytest.fixture
def scratch_conninfo(template_db):
    """Conninfo of a fresh clone of the template, dropped after the test."""
    name = f"h5_drift_{uuid.uuid4().hex[:12]}"
    _create(name, template=template_db)
    try:
        yield server_conninfo(name)
    finally:
        _drop(name)


@pytest.fixture
def scratch(scratch_conninfo):
    """An autocommit psycopg connection to a fresh clone of the template."""
    with psycopg.connect(scratch_conninfo, autocommit=True) as conn:
        yield conn


def model_for_table(table: str):
    return next(model for model in drizzle_models() if model._meta.db_table == table)


def field_for_column(model, column: str):
    return next(field for field in mapped_fields(model) if field.column == column)
