import argparse

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mcpmanager import demo, demo_large


class Command(BaseCommand):
    help = (
        "Load the demo data set (tenants, users, MCP servers, audit rows) and print the demo sign-ins. "
        "--scale small (the default, what `make run` serves) skips a database that already has it; "
        "--scale large (200 tenants, 20,000 users, 2,000 servers, 10M audit rows; minutes) needs an "
        "empty database and skips one where it already finished."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small", help="Size of the data set.")
        # For tests and quick trials: every large count times this (0 < factor <= 1).
        parser.add_argument("--factor", type=float, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, scale, factor, verbosity, **options):
        if scale == "small":
            if factor is not None:
                raise CommandError("--factor applies to --scale large only.")
            self.seed_small()
        else:
            self.seed_large(1.0 if factor is None else factor, verbosity)
        self.stdout.write("\nDemo sign-ins (password for each: %s):" % demo.DEMO_PASSWORD)
        for login in demo.DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<8} {login.email}")
        self.stdout.write("\nAdmin: http://127.0.0.1:8000/admin/\n")

    def seed_small(self):
        if demo.demo_present():
            self.stdout.write("Demo data already present; nothing written.")
        else:
            demo.seed_small()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def seed_large(self, factor, verbosity):
        if not 0 < factor <= 1:
            raise CommandError(f"--factor must be in (0, 1], not {factor}.")
        marker = demo_large.seeded_marker()
        if marker is not None:
            self.stdout.write(
                f"Large demo data (factor {marker.get('factor')}, seeded {marker.get('seeded_at')}) "
                "already present; nothing written."
            )
            return
        found = demo_large.tables_with_rows()
        if found:
            raise CommandError(
                f"--scale large needs an empty database, but {', '.join(found)} already hold rows. "
                "Create a new database, run `drizzle_migrate` and `migrate` on it, and seed that."
            )
        plan = demo_large.plan_for(factor)

        def write(line):
            if verbosity >= 1:
                self.stdout.write(line)
                self.stdout.flush()  # progress lines as they happen, also into a pipe

        write(f"Seeding the large demo data set (factor {factor}):")
        with transaction.atomic():
            progress = demo_large.seed(plan, write)
        demo_large.analyze(progress)
        self.stdout.write(self.style.SUCCESS(f"Large demo data loaded in {progress.elapsed:.1f} s."))
