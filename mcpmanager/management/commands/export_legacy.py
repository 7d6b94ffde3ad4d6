"""Export the legacy SQLModel database into the format of legacy-export.md."""
from django.core.management.base import BaseCommand, CommandError

from mcpmanager.legacy.exporter import ExportError, TableExport, export_legacy


class Command(BaseCommand):
    help = (
        "Read the legacy backend's 21 tables in one read-only REPEATABLE READ snapshot and write "
        "OUT_DIR/manifest.json plus one <table>.jsonl per table (mode 0700/0600)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="source",
            required=True,
            metavar="URL",
            help="Legacy database, e.g. postgres://user@host:5432/mcp_registry.",
        )
        parser.add_argument("out_dir", metavar="OUT_DIR", help="New or empty directory to write to.")
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows fetched per round trip.")

    def handle(self, *args, source, out_dir, batch_size, verbosity=1, **options):
        progress = self.report_table if verbosity >= 1 else None
        try:
            manifest = export_legacy(source, out_dir, batch_size=batch_size, progress=progress)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        if verbosity >= 1:
            total = sum(entry["rows"] for entry in manifest["tables"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Exported {total} rows from {len(manifest['tables'])} tables to {out_dir} "
                    f"(snapshot {manifest['exported_at']})."
                )
            )

    def report_table(self, result: TableExport):
        self.stdout.write(
            f"{result.table}: {result.rows} rows in {result.seconds:.2f}s "
            f"({result.rows_per_second:,.0f} rows/s)"
        )
