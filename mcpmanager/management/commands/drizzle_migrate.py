"""Apply Drizzle's SQL migrations on Django's default database connection."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from mcpmanager.drizzle.migrator import MigrationError, migrate, pending_migrations


class Command(BaseCommand):
    help = (
        "Apply pending Drizzle migrations (drizzle/migrations) on drizzle-orm's ledger "
        "drizzle.__drizzle_migrations, all in one transaction."
    )
    # The drift check reports every table as missing until this command has
    # run: like Django's `migrate`, do not let system checks block it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="List pending migrations and exit non-zero if there are any; apply nothing.",
        )
        parser.add_argument(
            "--migrations-dir",
            type=Path,
            default=None,
            help="Folder holding meta/_journal.json (default: settings.DRIZZLE_MIGRATIONS_DIR).",
        )

    def handle(self, *args, check=False, migrations_dir=None, **options):
        folder = migrations_dir or Path(settings.DRIZZLE_MIGRATIONS_DIR)
        connection.ensure_connection()
        try:
            if check:
                self.report_pending(pending_migrations(connection.connection, folder))
            else:
                self.report_applied(migrate(connection.connection, folder))
        except MigrationError as exc:
            raise CommandError(str(exc)) from exc

    def report_pending(self, pending):
        if not pending:
            self.stdout.write("No pending migrations.")
            return
        for migration in pending:
            self.stdout.write(f"Pending: {migration.tag}")
        raise CommandError(f"{len(pending)} pending migration(s).")

    def report_applied(self, applied):
        if not applied:
            self.stdout.write("No pending migrations.")
            return
        for migration in applied:
            self.stdout.write(migration.tag)
        self.stdout.write(self.style.SUCCESS(f"Applied {len(applied)} migration(s)."))
