from django.core.management.base import BaseCommand, CommandError

from mcpmanager.auth.roles import GROUP_PREFIX, MissingPermissions, role_table, sync_role_groups


class Command(BaseCommand):
    help = "Create or refresh the 'role:<role>' groups from settings.ADMIN_ROLE_PERMISSIONS."

    def add_arguments(self, parser):
        parser.add_argument("roles", nargs="*", help="Only these roles (default: every role in the table).")

    def handle(self, *args, roles, **options):
        unknown = sorted(set(roles) - set(role_table()))
        if unknown:
            raise CommandError(f"Unknown role(s): {', '.join(unknown)}; the table has {', '.join(role_table())}.")
        try:
            groups = sync_role_groups(roles or None)
        except MissingPermissions as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] >= 2:
            for role, group in groups.items():
                self.stdout.write(f"{GROUP_PREFIX}{role}: {group.permissions.count()} permission(s)")
        if options["verbosity"] >= 1:
            self.stdout.write(f"Synced {len(groups)} role group(s).")
