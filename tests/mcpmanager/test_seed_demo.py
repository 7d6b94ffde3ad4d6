from io import StringIO

import pytest
from django.core.management import call_command

from audit.models import AuditLog
from mcpmanager import demo
from registry.models import McpServer, McpServerHealthCheck, McpTool
from tenancy.models import Account, Tenant, TenantMember, User
from tenancy.passwords import verify_password

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_loads_tenants_servers_audit_rows_and_one_login_per_role():
    output = seed()
    assert Tenant.objects.count() == len(demo.TENANTS)
    assert TenantMember.objects.count() == len(demo.MEMBERS)
    assert McpServer.objects.count() == len(demo.SERVERS)
    assert McpTool.objects.count() == sum(len(tools) for *_, tools in demo.SERVERS)
    assert McpServerHealthCheck.objects.exists()
    assert AuditLog.objects.count() == 5
    for login in demo.DEMO_LOGINS:
        user = User.objects.get(email=login.email)
        assert user.role == login.role
        account = Account.objects.get(user=user, provider_id="credential")
        assert account.account_id == user.id
        assert verify_password(demo.DEMO_PASSWORD, account.password)
        assert login.email in output
    assert demo.DEMO_PASSWORD in output


def test_seed_demo_twice_writes_nothing_the_second_time():
    seed()
    counts = (User.objects.count(), McpServer.objects.count(), AuditLog.objects.count())
    output = seed()
    assert "already present" in output
    assert (User.objects.count(), McpServer.objects.count(), AuditLog.objects.count()) == counts
