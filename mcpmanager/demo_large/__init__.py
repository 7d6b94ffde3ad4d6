"""The large demo data set behind `seed_demo --scale large`: 200 tenants, 20,000
users, 2,000 MCP servers with 40,000 tools, 1M health checks, 2M request logs
and 10M audit rows over 18 months, written with set-based SQL.

It starts from the small data set (demo.seed_small: the named tenants,
servers and the demo sign-ins) and generates the rest up to exact totals
(plan.py). Everything runs in the caller's one transaction, so a failed run
leaves nothing behind; a system_config row (MARKER_KEY) written last marks a
finished run. Seeding refuses a database that holds data without that marker.
"""
from django.db import connection
from django.utils import timezone

from mcpmanager import demo
from registry.models import SystemConfig
from tenancy.models import User
from tenancy.passwords import hash_password

from . import functions, maps
from .bulk import Progress, apply_session_settings, indexes_built_after
from .history import AUDIT_ROWS, REQUESTS, catalog_params
from .plan import Layout, Plan, layout_for, plan_for
from .tables import ACCOUNTS, HEALTH_CHECKS, MEMBERS, PROMPTS, RESOURCES, SERVERS, TENANTS, TOOLS, USERS

__all__ = ["MARKER_KEY", "Plan", "plan_for", "seeded_marker", "tables_with_rows", "seed", "analyze"]

MARKER_KEY = "demo.data_set"
WINDOW_DAYS = 548  # 18 months of history
HEALTH_WINDOW_SECONDS = 7 * 86400  # each server's recent health history
CHUNK_ROWS = 1_000_000  # rows per statement of the big tables: one progress line each
SEEDED_TABLES = (
    "tenant",
    "user",
    "account",
    "tenant_member",
    "mcp_server",
    "mcp_tool",
    "mcp_resource",
    "mcp_prompt",
    "mcp_server_health_check",
    "request_log",
    "audit_log",
)
# Any row in these means the database is not empty.
DATA_TABLES = ("tenant", "user", "mcp_server", "audit_log", "request_log")


def seeded_marker() -> dict | None:
    """The marker of a finished large seed ({"scale", "factor", "seeded_at"}), if any."""
    return SystemConfig.objects.filter(tenant=None, key=MARKER_KEY).values_list("value", flat=True).first()


def tables_with_rows() -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def _row_counts(cursor, tables) -> dict:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _staff() -> tuple[list[str], list[str]]:
    """Ids and e-mails of the demo sign-ins, in DEMO_LOGINS order (admin first)."""
    emails = [login.email for login in demo.DEMO_LOGINS]
    ids = dict(User.objects.filter(email__in=emails).values_list("email", "id"))
    return [ids[email] for email in emails], emails


def _layout_params(layout: Layout) -> dict:
    return {
        "tenants": layout.tenants,
        "servers": layout.servers,
        "resources": layout.resources,
        "prompts": layout.prompts,
        "user_first": layout.user_first,
        "user_count": layout.user_count,
        "server_first": layout.server_first,
        "server_count": layout.server_count,
        "server_rank": layout.server_rank,
        "tool_count": layout.tool_count,
        "first_global": layout.first_global_server,
        "global_servers": layout.global_servers,
    }


def seed(plan: Plan, write) -> Progress:
    """Write the large data set; call inside transaction.atomic() on an empty
    database. `write` receives one progress line per table (and per chunk of
    the big ones)."""
    progress = Progress(write)
    with progress.step("small data set"):
        demo.seed_small()
    anchor = timezone.now()
    staff_ids, staff_emails = _staff()
    with connection.cursor() as cursor:
        existing = _row_counts(cursor, SEEDED_TABLES)
        layout = layout_for(plan, existing)
        base = {
            "anchor": anchor,
            "anchor_epoch": anchor.timestamp(),
            "days": WINDOW_DAYS,
            **_layout_params(layout),
            **catalog_params(),
        }
        apply_session_settings(cursor)
        functions.define(cursor)
        with progress.step("lookup maps"):
            maps.build(cursor, base)

        # Each table seeds random() itself, so its rows stay the same when
        # another table's statement changes.
        def insert(table: str, sql: str, seed_value: float, **params) -> None:
            with progress.step(table) as step:
                cursor.execute("SELECT setseed(%s)", [seed_value])
                cursor.execute(sql, {**base, **params})
                step["rows"] = cursor.rowcount

        insert("tenant", TENANTS, 0.11)
        insert("user", USERS, 0.12)
        insert("account", ACCOUNTS, 0.13, password=hash_password(demo.DEMO_PASSWORD))
        insert("tenant_member", MEMBERS, 0.14)
        insert("mcp_server", SERVERS, 0.15)
        insert("mcp_tool", TOOLS, 0.16)
        insert("mcp_resource", RESOURCES, 0.17)
        insert("mcp_prompt", PROMPTS, 0.18)
        slots = -(-layout.health_checks // layout.servers)  # checks per server, rounded up
        health = {"slots": slots, "step": max(60, HEALTH_WINDOW_SECONDS // slots)}
        _load_big(
            cursor, progress, "mcp_server_health_check", HEALTH_CHECKS, layout.health_checks, {**base, **health}, 0.19
        )
        history = {**base, "staff_ids": staff_ids, "staff_emails": staff_emails}
        _load_big(cursor, progress, "request_log", REQUESTS, layout.requests, history, 0.20)
        _load_big(cursor, progress, "audit_log", AUDIT_ROWS, layout.audit_rows, history, 0.21)
        for signature in functions.FUNCTIONS:
            cursor.execute(f"DROP FUNCTION pg_temp.{signature}")
    SystemConfig.objects.create(
        key=MARKER_KEY,
        value={"scale": "large", "factor": plan.factor, "seeded_at": anchor.isoformat()},
        category="demo",
        description="Written by `seed_demo --scale large` when it finished; a second run then writes nothing.",
        is_runtime_configurable=False,
    )
    return progress


def _load_big(cursor, progress: Progress, table: str, sql: str, total: int, params: dict, seed_value: float) -> None:
    """Insert rows 1..total in statements of CHUNK_ROWS (a progress line
    each), then build the table's indexes."""
    with progress.step(table) as step:
        step["rows"] = 0
        cursor.execute("SELECT setseed(%s)", [seed_value])
        with indexes_built_after(cursor, table) as timing:
            for lo in range(1, total + 1, CHUNK_ROWS):
                hi = min(total, lo + CHUNK_ROWS - 1)
                cursor.execute(sql, {**params, "lo": lo, "hi": hi, "total": total})
                step["rows"] += cursor.rowcount
                if total > CHUNK_ROWS:
                    progress.chunk(table, hi, total)
        step["detail"] = f"indexes {timing['seconds']:.1f} s"


def analyze(progress: Progress, tables=SEEDED_TABLES) -> None:
    """Refresh the planner's statistics (the admin's estimated counts read
    pg_class.reltuples). Outside a transaction VACUUM runs too, so the fresh
    rows are all-visible and index-only scans work from the first query."""
    vacuum = not connection.in_atomic_block
    with connection.cursor() as cursor, progress.step("VACUUM ANALYZE" if vacuum else "ANALYZE"):
        for table in tables:
            cursor.execute(f'{"VACUUM (ANALYZE)" if vacuum else "ANALYZE"} "{table}"')
