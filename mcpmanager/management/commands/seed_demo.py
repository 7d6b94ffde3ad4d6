from django.core.management.base import BaseCommand

from mcpmanager import demo


class Command(BaseCommand):
    help = "Load the demo data set (tenants, users, MCP servers, audit rows) and print the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small"], default="small", help="Size of the data set.")

    def handle(self, *args, scale, **options):
        if demo.demo_present():
            self.stdout.write("Demo data already present; nothing written.")
        else:
            demo.seed_small()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("\nDemo sign-ins (password for each: %s):" % demo.DEMO_PASSWORD)
        for login in demo.DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<8} {login.email}")
        self.stdout.write("\nAdmin: http://127.0.0.1:8000/admin/\n")
