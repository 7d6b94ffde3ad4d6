"""Fill a scratch database with a deterministic legacy dataset (tests, benchmarks, rehearsals)."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import OperationalError, errors
from psycopg.conninfo import conninfo_to_dict

from mcpmanager.legacy.generator import generate


class Command(BaseCommand):
    help = (
        "Create the 21 legacy tables in an empty scratch database and fill them with N seeded "
        "rows each (the three log tables with N*K). Never the Django database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--db", required=True, metavar="URL", help="Empty scratch database.")
        parser.add_argument("--rows", type=int, default=20, help="Rows per table (default 20).")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--scale-logs",
            type=int,
            default=1,
            metavar="K",
            help="audit_logs, fastmcp_audit_log and request_logs get N*K rows (default 1).",
        )

    def handle(self, *args, db, rows, seed, scale_logs, verbosity=1, **options):
        if rows < 1 or scale_logs < 1:
            raise CommandError("--rows and --scale-logs must be at least 1.")
        self.refuse_django_database(db)
        try:
            result = generate(db, rows=rows, seed=seed, scale_logs=scale_logs)
        except OperationalError as exc:
            raise CommandError(f"cannot connect to {db_label(db)}: {one_line(exc)}") from None
        except errors.DuplicateObject:
            raise CommandError(f"{db_label(db)} already has legacy tables; use an empty database.") from None
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Generated {result.total} legacy rows (seed {seed}) in {db_label(db)}.")
            )
        if verbosity >= 2:
            for table, count in result.rows.items():
                self.stdout.write(f"{table}: {count}")

    def refuse_django_database(self, url: str):
        target = conninfo_to_dict(url)
        ours = settings.DATABASES["default"]
        same_host = (target.get("host") or "") in ("", ours.get("HOST") or "", "localhost", "127.0.0.1")
        if target.get("dbname") == ours.get("NAME") and same_host:
            raise CommandError("--db points at the Django database; give a scratch database.")


def db_label(url: str) -> str:
    params = conninfo_to_dict(url)
    return f"database {params.get('dbname', '?')} on {params.get('host') or 'local socket'}"


def one_line(exc: Exception) -> str:
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
