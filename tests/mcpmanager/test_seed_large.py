"""`seed_demo --scale large`, at --factor 0.001 so each seed takes about a second."""
import re
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from audit.models import AuditLog, RequestLog
from mcpmanager import demo, demo_large
from mcpmanager.demo_large.plan import TARGETS, allocate, plan_for
from registry.models import McpPrompt, McpResource, McpServer, McpServerHealthCheck, McpTool
from tenancy.models import Account, Tenant, TenantMember, User
from tenancy.passwords import verify_password

pytestmark = pytest.mark.django_db

FACTOR = 0.001
MODELS = {
    "tenant": Tenant,
    "user": User,
    "account": Account,
    "mcp_server": McpServer,
    "mcp_tool": McpTool,
    "mcp_resource": McpResource,
    "mcp_prompt": McpPrompt,
    "mcp_server_health_check": McpServerHealthCheck,
    "request_log": RequestLog,
    "audit_log": AuditLog,
}


def seed_large(factor=FACTOR) -> str:
    out = StringIO()
    call_command("seed_demo", "--scale", "large", "--factor", str(factor), stdout=out)
    return out.getvalue()


def rows(sql: str, params=None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def schema_objects() -> set[tuple[str, str]]:
    """Every index and constraint of schema public, by name and definition."""
    return set(
        rows(
            """
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace
            """
        )
    )


def fingerprint() -> tuple:
    """Digests of the generated rows. Only those: the small set's ids (and so
    the staff actors' ids) are random on every run."""
    return rows(
        """SELECT (SELECT md5(string_agg(concat_ws('|', id, slug, plan, status), ',' ORDER BY id))
                   FROM tenant WHERE description LIKE 'Customer %'),
                  (SELECT md5(string_agg(concat_ws('|', id, email, role, banned), ',' ORDER BY id))
                   FROM "user" WHERE username IS NOT NULL),
                  (SELECT md5(string_agg(concat_ws('|', id, event_type, action, actor_id, tenant_id, resource_id,
                                                   risk_level, success), ',' ORDER BY id))
                   FROM audit_log
                   WHERE request_id LIKE 'req\\_%' AND coalesce(actor_email, '') NOT LIKE '%@example.com')"""
    )[0]


@dataclass
class Seeded:
    output: str
    schema_before: set
    fingerprints: tuple  # of a first run (rolled back) and of the kept run


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """One seed shared by the checks of TestSeededData, inside a transaction
    rolled back after the class (each test's own transaction nests in it as
    a savepoint). A first run, rolled back, shows the rows are reproducible."""
    with django_db_blocker.unblock(), transaction.atomic():
        schema_before = schema_objects()
        with transaction.atomic():
            seed_large()
            first = fingerprint()
            transaction.set_rollback(True)
        output = seed_large()
        yield Seeded(output, schema_before, (first, fingerprint()))
        transaction.set_rollback(True)


def test_plan_scales_every_target_with_floors():
    assert plan_for(1.0).totals == {**TARGETS, "account": TARGETS["user"]}
    assert plan_for(0.001).totals == {
        "tenant": 20,  # floor: enough tenants for a visible skew
        "user": 100,  # floor: five per tenant
        "account": 100,
        "mcp_server": 30,
        "mcp_tool": 60,
        "mcp_resource": 30,
        "mcp_prompt": 30,
        "mcp_server_health_check": 1_000,
        "request_log": 2_000,
        "audit_log": 10_000,
    }
    assert plan_for(0.5)["audit_log"] == 5_000_000


def test_allocate_splits_exactly_with_minimum_and_skew():
    sizes = allocate(19_992, [1 / r for r in range(1, 198)], minimum=1)
    assert sum(sizes) == 19_992 and min(sizes) >= 1
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 20 * sizes[len(sizes) // 2]
    assert allocate(3, [1.0] * 5, minimum=1) == [1, 1, 1, 0, 0]  # fewer rows than parts


class TestSeededData:
    """Read-only checks on one seed at --factor 0.001."""

    def test_counts_match_the_plan_in_every_table(self, seeded):
        plan = plan_for(FACTOR)
        for table, model in MODELS.items():
            assert model.objects.count() == plan[table], table
        # Every user but the three platform staff belongs to a tenant.
        assert TenantMember.objects.count() == plan["user"] - len(demo.DEMO_LOGINS)
        for table in ("tenant", "audit_log", "request_log"):
            assert re.search(rf"{table}\s+[\d,]+ rows\s+[\d.]+ s", seeded.output), table
        assert "Large demo data loaded" in seeded.output


    def test_constraints_indexes_and_statistics_hold(self, seeded):
        # Indexes and constraints dropped for the bulk load are back, identical.
        assert schema_objects() == seeded.schema_before
        assert rows("SELECT count(*) FROM tenant WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$'") == [(0,)]
        assert rows('SELECT count(*) FROM "user" WHERE email <> lower(email)') == [(0,)]
        # Every user has one credential account, every bulk member is in its home tenant.
        assert rows(
            """SELECT count(*) FROM "user" u
               WHERE (SELECT count(*) FROM account a WHERE a.user_id = u.id AND a.provider_id = 'credential') <> 1"""
        ) == [(0,)]
        assert rows('SELECT count(*) FROM tenant_member m JOIN "user" u ON u.id = m.user_id WHERE u.tenant_id <> m.tenant_id') == [(0,)]
        # Every generated tenant has an owner (the small set has what demo.MEMBERS gives it).
        small_without_owner = {slug for slug, *_ in demo.TENANTS} - {slug for *_, slug, role in demo.MEMBERS if role == "owner"}
        without_owner = rows(
            "SELECT slug FROM tenant t WHERE NOT EXISTS (SELECT 1 FROM tenant_member m WHERE m.tenant_id = t.id AND m.role = 'owner')"
        )
        assert {slug for (slug,) in without_owner} == small_without_owner
        # History rows name real users, tenants, servers and tools.
        assert rows(
            """SELECT count(*) FILTER (WHERE u.id IS NULL), count(*) FILTER (WHERE t.id IS NULL) FROM audit_log a
               LEFT JOIN "user" u ON u.id = a.actor_id LEFT JOIN tenant t ON t.id = a.tenant_id
               WHERE a.actor_type = 'user' AND a.tenant_id IS NOT NULL"""
        ) == [(0, 0)]
        assert rows(
            """SELECT count(*) FROM audit_log a LEFT JOIN mcp_tool t ON t.id::text = a.resource_id
               WHERE a.resource_type = 'mcp_tool' AND (t.id IS NULL OR a.action <> 'tools/call:' || t.name)"""
        ) == [(0,)]
        assert rows(
            """SELECT count(*) FROM request_log r LEFT JOIN mcp_server s ON s.id = r.server_id
               LEFT JOIN "user" u ON u.id = r.user_id WHERE s.id IS NULL OR u.id IS NULL"""
        ) == [(0,)]
        # ANALYZE ran: the admin's estimated count is close to the truth.
        ((estimate,),) = rows("SELECT reltuples FROM pg_class WHERE oid = 'audit_log'::regclass")
        assert estimate == pytest.approx(AuditLog.objects.count(), rel=0.05)


    def test_history_is_skewed_spread_over_18_months_and_mostly_routine(self, seeded):
        per_tenant = [n for (n,) in rows("SELECT count(*) FROM audit_log GROUP BY tenant_id HAVING tenant_id IS NOT NULL ORDER BY 1 DESC")]
        assert per_tenant[0] > 5 * per_tenant[len(per_tenant) // 2]
        per_actor = [n for (n,) in rows("SELECT count(*) FROM audit_log WHERE actor_type = 'user' GROUP BY actor_id ORDER BY 1 DESC")]
        assert per_actor[0] > 10 * per_actor[len(per_actor) // 2]

        ((span_days, oldest_quarter, newest_quarter),) = rows(
            """SELECT extract(epoch FROM max(occurred_at) - min(occurred_at)) / 86400,
                      count(*) FILTER (WHERE occurred_at < min_at + interval '91 days'),
                      count(*) FILTER (WHERE occurred_at > max_at - interval '91 days')
               FROM audit_log, (SELECT min(occurred_at) min_at, max(occurred_at) max_at FROM audit_log) b"""
        )
        assert 530 < span_days <= 548
        assert newest_quarter > 2 * oldest_quarter  # the platform grew

        total = AuditLog.objects.count()
        routine = AuditLog.objects.filter(risk_level="low", success=True).count()
        assert routine > 0.85 * total
        assert AuditLog.objects.filter(success=False).count() > 0.02 * total
        assert AuditLog.objects.filter(risk_level__in=["high", "critical"]).count() > 0
        event_types = set(AuditLog.objects.values_list("event_type", flat=True).distinct())
        assert {"mcp.request", "user.sign_in", "tenant.update", "api_token.create"} <= event_types
        assert AuditLog.objects.filter(action__startswith="tools/call:").count() > 0.5 * total
        assert not AuditLog.objects.filter(actor_type="user", request_id__isnull=True, event_type="mcp.request").exists()
        assert RequestLog.objects.filter(status_code__gte=500).exists()


    def test_demo_logins_and_generated_users_sign_in_with_the_demo_password(self, seeded):
        for login in demo.DEMO_LOGINS:
            account = Account.objects.get(user__email=login.email, provider_id="credential")
            assert account.user.role == login.role
            assert verify_password(demo.DEMO_PASSWORD, account.password)
        generated = Account.objects.filter(user__email__endswith=".example").exclude(user__email__endswith="acme.example").first()
        assert verify_password(demo.DEMO_PASSWORD, generated.password)
        assert not verify_password("wrong-password", generated.password)

    def test_same_rows_on_every_run(self, seeded):
        first, kept = seeded.fingerprints
        assert None not in first
        assert first == kept

    def test_second_run_writes_nothing(self, seeded):
        counts = {table: model.objects.count() for table, model in MODELS.items()}
        output = seed_large()
        assert "already present; nothing written" in output and "factor 0.001" in output
        assert {table: model.objects.count() for table, model in MODELS.items()} == counts


def test_refuses_a_database_that_already_has_data():
    call_command("seed_demo", stdout=StringIO())  # the small set
    with pytest.raises(CommandError, match="needs an empty database.*tenant"):
        seed_large()
    assert AuditLog.objects.count() == 5


@pytest.mark.parametrize(
    "args, message",
    [
        (["--factor", "0.5"], "--factor applies to --scale large only"),
        (["--scale", "large", "--factor", "0"], r"--factor must be in \(0, 1\]"),
        (["--scale", "large", "--factor", "2"], r"--factor must be in \(0, 1\]"),
    ],
)
def test_bad_factor_is_refused(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_demo", *args, stdout=StringIO())
    assert not Tenant.objects.exists()
