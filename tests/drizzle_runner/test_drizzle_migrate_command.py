"""`manage.py drizzle_migrate` on the pytest-django test database.

The test database is built by mcpmanager.db.creation, which applies
settings.DRIZZLE_MIGRATIONS_DIR with the runner; the tests that need other
migrations copy that folder and extend it (the test transaction undoes them).
"""
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from mcpmanager.drizzle.migrator import read_migrations

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("drizzle_migrate", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def extended_folder(tmp_path) -> Path:
    """The project's migrations plus one newer migration, "9999_h4_extra"."""
    folder = tmp_path / "migrations"
    shutil.copytree(settings.DRIZZLE_MIGRATIONS_DIR, folder)
    journal_path = folder / "meta" / "_journal.json"
    journal = json.loads(journal_path.read_text())
    last_when = max((e["when"] for e in journal["entries"]), default=0)
    journal["entries"].append(
        {"idx": len(journal["entries"]), "version": "7", "when": last_when + 1000,
         "tag": "9999_h4_extra", "breakpoints": True}
    )
    journal_path.write_text(json.dumps(journal))
    (folder / "9999_h4_extra.sql").write_text('CREATE TABLE "h4_extra" ("id" integer);\n')
    return folder


def test_check_passes_on_the_test_database():
    assert run("--check") == "No pending migrations.\n"


def test_migrate_without_pending_migrations_says_so():
    assert run() == "No pending migrations.\n"


def test_check_lists_pending_migrations_and_fails(extended_folder):
    out = StringIO()
    with pytest.raises(CommandError, match="1 pending migration"):
        call_command("drizzle_migrate", "--check", "--migrations-dir", str(extended_folder), stdout=out)

    assert out.getvalue() == "Pending: 9999_h4_extra\n"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('public.h4_extra')")
        assert cursor.fetchone()[0] is None


def test_migrate_applies_pending_migrations_into_public(extended_folder):
    lines = run("--migrations-dir", str(extended_folder)).splitlines()

    assert lines == ["9999_h4_extra", "Applied 1 migration(s)."]
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('public.h4_extra') IS NOT NULL")
        assert cursor.fetchone()[0]
    assert run("--check", "--migrations-dir", str(extended_folder)) == "No pending migrations.\n"


def test_changed_migration_file_is_a_command_error(extended_folder):
    changed = read_migrations(extended_folder)[0].path
    changed.write_text(changed.read_text() + "\n-- edited\n")

    with pytest.raises(CommandError) as excinfo:
        run("--migrations-dir", str(extended_folder))

    assert str(changed) in str(excinfo.value)
    assert "was changed after it was applied" in str(excinfo.value)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('public.h4_extra')")
        assert cursor.fetchone()[0] is None


def test_missing_journal_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="not found"):
        run("--migrations-dir", str(tmp_path))


def test_system_checks_do_not_block_the_command():
    # The drift check fails on an unmigrated database, which this command fixes.
    from mcpmanager.management.commands.drizzle_migrate import Command

    assert Command.requires_system_checks == []
