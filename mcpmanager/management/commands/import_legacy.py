"""Import a legacy export (legacy-export.md) into the consolidated schema, in one transaction."""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from mcpmanager.legacy.importer.errors import ImportFailed
from mcpmanager.legacy.importer.report import ImportReport
from mcpmanager.legacy.importer.run import ImportOptions, run_import
from mcpmanager.legacy.importer.transform import R3_KEYS
from mcpmanager.legacy.tables import TABLE_ORDER


class Command(BaseCommand):
    help = (
        "Import a legacy export directory (manifest.json + <table>.jsonl) into the consolidated tables. "
        "Verifies the files first, then loads everything in ONE transaction: any error leaves the "
        "database exactly as before. Running the same export again writes nothing."
    )
    # The importer reads the schema from the catalog; the model drift check must not block it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("export_dir", type=Path, help="the export directory")
        parser.add_argument("--dry-run", action="store_true", help="do everything, print the full report, roll back")
        parser.add_argument("--report", type=Path, help="write the JSON report to this file")
        parser.add_argument("--orphans", choices=["fail", "null"], default="fail",
                            help="a reference to a row missing everywhere: fail (default) or set it NULL and list it")
        parser.add_argument("--on-conflict", choices=["fail", "legacy", "existing"], default="fail",
                            help="an existing row with the same id but different values: fail (default), "
                                 "take the export's values (legacy) or keep the database's (existing)")
        parser.add_argument("--keep-latest", action="append", default=[], choices=sorted(R3_KEYS),
                            metavar="TABLE", help="rule R3: keep the latest of duplicates under the new unique key")
        parser.add_argument("--allow-missing", action="append", default=[], choices=list(TABLE_ORDER),
                            metavar="TABLE", help="allow this legacy table to be absent from the export")

    def handle(self, *args, **opts):
        options = ImportOptions(
            dry_run=opts["dry_run"], orphans=opts["orphans"], on_conflict=opts["on_conflict"],
            keep_latest=frozenset(opts["keep_latest"]), allow_missing=frozenset(opts["allow_missing"]),
        )
        report = ImportReport(str(opts["export_dir"]))
        progress = _Progress(self.stdout, self.stdout.isatty(), report)
        try:
            run_import(opts["export_dir"], _conninfo(), options, progress, report)
        except ImportFailed as exc:
            report.errors = exc.errors
            report.error_count = exc.total
            self._write_report(report, opts["report"])
            self.stdout.write(report.summary())
            raise CommandError(f"import failed, nothing was written:\n{exc.summary()}") from None
        self._write_report(report, opts["report"])
        self.stdout.write(report.summary())
        if opts["dry_run"]:
            self.stdout.write(report.to_json())

    def _write_report(self, report, path):
        if path:
            path.write_text(report.to_json() + "\n", encoding="utf-8")


def _conninfo() -> dict:
    """Django's default database parameters, for the importer's own psycopg connection."""
    params = connections["default"].get_connection_params()
    for key in ("cursor_factory", "context", "server_side_binding", "prepare_threshold"):
        params.pop(key, None)
    return params


class _Progress:
    """Per table: a bar on a terminal, plain lines otherwise."""

    def __init__(self, out, tty: bool, report: ImportReport):
        self.out = out
        self.tty = tty
        self.report = report

    def __call__(self, table: str, rows: int, seconds: float, done: bool) -> None:
        rate = rows / seconds if seconds > 0 else 0.0
        if table == "writing":
            self._line("writing: comparing with existing rows and inserting")
            return
        text = f"{table}: {rows} rows" + (f" ({rate:,.0f} rows/s)" if seconds else "") + (" done" if done else "")
        if self.tty:
            legacy = self.report.legacy_tables.get(table)
            total = (legacy.rows_in_export if legacy else None) or rows or 1
            bar = "#" * (30 * min(rows, total) // total)
            sys.stdout.write(f"\r{table:<26}[{bar:<30}] {rows:>10} rows {rate:>10,.0f}/s")
            if done:
                sys.stdout.write("\n")
            sys.stdout.flush()
        else:
            self._line(text)

    def _line(self, text: str) -> None:
        if self.tty:
            sys.stdout.write("\n")
        self.out.write(text)
        self.out.flush()
