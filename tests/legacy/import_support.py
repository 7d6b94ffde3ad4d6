"""Running the importer from tests, and looking at the database it wrote."""
from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from psycopg import sql

from mcpmanager.legacy.importer.transform import TARGET_ORDER
from mcpmanager.management.commands.import_legacy import _conninfo


def run_import(*args, report: Path | None = None) -> tuple[str, dict | None]:
    """Run `manage.py import_legacy` in-process; (stdout, JSON report if asked for)."""
    out = StringIO()
    argv = [str(a) for a in args]
    if report is not None:
        argv += ["--report", str(report)]
    try:
        call_command("import_legacy", *argv, stdout=out)
    finally:
        run_import.last_stdout = out.getvalue()
    data = json.loads(report.read_text()) if report is not None else None
    return out.getvalue(), data


def connect() -> psycopg.Connection:
    return psycopg.connect(**_conninfo(), autocommit=True)


def counts() -> dict[str, int]:
    """Rows per consolidated table the import writes to."""
    with connect() as conn:
        return {
            t: conn.execute(sql.SQL("SELECT count(*) FROM public.{}").format(sql.Identifier(t))).fetchone()[0]
            for t in TARGET_ORDER
        }


def snapshot() -> dict[str, list]:
    """Every row of every table the import writes to, for 'database unchanged' assertions."""
    with connect() as conn:
        return {
            t: conn.execute(
                sql.SQL("SELECT to_jsonb(x)::text FROM public.{} x ORDER BY 1").format(sql.Identifier(t))
            ).fetchall()
            for t in TARGET_ORDER
        }


@pytest.fixture(autouse=True)
def clean_import_tables(django_db_blocker):
    """Empty the consolidated tables after each test: pytest-django's flush only knows
    Django's tables, and audit_log/request_log refuse TRUNCATE (append-only triggers),
    so this truncates with triggers off (superuser session_replication_role)."""
    yield
    with django_db_blocker.unblock(), connect() as conn:
        with conn.transaction():
            conn.execute("SET LOCAL session_replication_role = replica")
            conn.execute(
                sql.SQL("TRUNCATE {} CASCADE").format(
                    sql.SQL(", ").join(sql.Identifier("public", t) for t in TARGET_ORDER)
                )
            )
