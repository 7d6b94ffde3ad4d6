"""Run the drift check on a database: Django's, or one named by a conninfo.

Which check runs where: `check_schema_drift` is registered (apps.py) under
the tag SCHEMA_TAG and not as a database-tagged check, because Django only
runs those with `check --database`; ours must run on a plain `check`,
`runserver` and the test suite.

`databases` (Django 5.2): None on plain `check` and `runserver`; the aliases
named with `check --database`; `[alias]` from `migrate` (so Django's test
database creation runs this check after Drizzle's migrations); the aliases
whose test databases the test runner set up. We run when it is None or holds
"default", the only database our models live on; when a caller lists
other aliases only (or none, like a test run without database tests) it has
not allowed us to touch "default", which may then still name a
non-test database.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict
from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models

from mcpmanager.db.errors import database_label

from . import messages as m
from .drift import find_drift

SCHEMA_TAG = "schema"
# The apps whose unmanaged models map Drizzle's tables in schema public.
DRIZZLE_APPS = ("tenancy", "registry", "audit")
CONNECT_TIMEOUT = 5


def drizzle_models(app_configs=None) -> list[type[models.Model]]:
    """The unmanaged, non-proxy models of DRIZZLE_APPS (within `app_configs`)."""
    configs = app_configs if app_configs is not None else apps.get_app_configs()
    return [
        model
        for config in configs
        if config.label in DRIZZLE_APPS
        for model in config.get_models()
        if not model._meta.managed and not model._meta.proxy
    ]


def check_schema_drift(app_configs=None, databases=None, **kwargs) -> list[CheckMessage]:
    """The registered system check (see the module docstring for `databases`)."""
    if databases is not None and DEFAULT_DB_ALIAS not in databases:
        return []
    model_list = drizzle_models(app_configs)
    if app_configs is not None and not model_list:
        return []  # e.g. `check admin`: none of our models asked for
    return check_django_database(connections[DEFAULT_DB_ALIAS], model_list, settings.DRIZZLE_MIGRATIONS_DIR)


def check_django_database(connection, model_list, migrations_dir) -> list[CheckMessage]:
    """find_drift on a Django connection; one message if it cannot connect."""
    label = database_label(connection.settings_dict)
    opened_here = connection.connection is None
    try:
        connection.ensure_connection()
    except (DatabaseError, ImproperlyConfigured) as exc:
        return [_unreachable(label, exc)]
    try:
        return _find_drift_or_unreachable(connection.connection, label, model_list, migrations_dir)
    finally:
        # Do not leave a connection open that nobody asked for (runserver's
        # main thread never serves a request); leave a caller's own alone.
        if opened_here and not connection.in_atomic_block:
            connection.close()


def check_conninfo(
    conninfo: str,
    model_list: Iterable[type[models.Model]],
    migrations_dir: str | Path | None = None,
) -> list[CheckMessage]:
    """find_drift on the database `conninfo` names (a URL or key=value string)."""
    label = conninfo_label(conninfo)
    try:
        conn = psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.Error as exc:
        return [_unreachable(label, exc)]
    with conn:
        return _find_drift_or_unreachable(conn, label, model_list, migrations_dir)


def conninfo_label(conninfo: str) -> str:
    try:
        params = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "?"
    return database_label(
        {"HOST": params.get("host"), "PORT": params.get("port"), "NAME": params.get("dbname")}
    )


def _find_drift_or_unreachable(conn, label, model_list, migrations_dir) -> list[CheckMessage]:
    try:
        return find_drift(conn, model_list, migrations_dir)
    except psycopg.OperationalError as exc:  # the connection broke mid-check
        return [_unreachable(label, exc)]


def _unreachable(label: str, exc: BaseException) -> CheckMessage:
    # libpq's first line says what failed; the rest are generic suggestions.
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    reason = lines[0] if lines else type(exc).__name__
    return m.build(m.W_UNREACHABLE, m.UNREACHABLE, m.UNREACHABLE_HINT, target=label, reason=reason)
