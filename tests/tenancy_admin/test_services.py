from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditLog
from audit.services import Actor
from tenancy import services
from tenancy.models import Session, Tenant, User
from tests.factories.registry import McpServerFactory, McpToolFactory
from tests.factories.tenancy import SessionFactory, TenantFactory, UserFactory

pytestmark = pytest.mark.django_db
ACTOR = Actor(id="actor-1", email="actor@example.com", ip="203.0.113.9", request_id="req-9")


def audit_rows(event_type):
    return list(AuditLog.objects.filter(event_type=event_type))


def test_ban_sets_the_ban_deletes_every_session_and_audits_the_count():
    user = UserFactory()
    SessionFactory.create_batch(3, user=user)
    other = SessionFactory()
    expires = timezone.now() + timedelta(days=3)

    services.ban_user(actor=ACTOR, user=user, reason="  spam  ", expires_at=expires)

    user.refresh_from_db()
    assert (user.banned, user.ban_reason, user.ban_expires) == (True, "spam", expires)
    assert not Session.objects.filter(user=user).exists()
    assert Session.objects.filter(pk=other.pk).exists()
    [row] = audit_rows("user.ban")
    assert (row.resource_type, row.resource_id, row.actor_id, row.risk_level) == ("user", user.id, "actor-1", "high")
    assert row.metadata["sessions_revoked"] == 3
    assert row.changes["banned"] == {"before": False, "after": True}


@pytest.mark.parametrize("reason, expires_in, message", [
    ("", None, "A reason is required."),
    ("x" * (services.REASON_MAX_LENGTH + 1), None, "too long"),
    ("spam", -1, "must be in the future"),
])
def test_ban_refusals_change_nothing(reason, expires_in, message):
    user = UserFactory()
    SessionFactory(user=user)
    expires = None if expires_in is None else timezone.now() + timedelta(hours=expires_in)
    with pytest.raises(services.TenancyServiceError, match=message):
        services.ban_user(actor=ACTOR, user=user, reason=reason, expires_at=expires)
    user.refresh_from_db()
    assert not user.banned and Session.objects.filter(user=user).count() == 1
    assert not audit_rows("user.ban")


def test_unban_clears_reason_and_expiry():
    user = UserFactory(banned=True, ban_reason="spam", ban_expires=timezone.now() + timedelta(days=1))
    services.unban_user(actor=ACTOR, user=user)
    user.refresh_from_db()
    assert (user.banned, user.ban_reason, user.ban_expires) == (False, None, None)
    [row] = audit_rows("user.unban")
    assert row.changes["ban_reason"] == {"before": "spam", "after": None}


def test_unban_of_a_user_not_banned_is_refused():
    with pytest.raises(services.TenancyServiceError, match="is not banned"):
        services.unban_user(actor=ACTOR, user=UserFactory())
    assert not audit_rows("user.unban")


def test_revoke_sessions_deletes_them_and_records_the_count():
    user = UserFactory()
    SessionFactory.create_batch(2, user=user)
    assert services.revoke_sessions(actor=ACTOR, user=user) == 2
    assert not Session.objects.filter(user=user).exists()
    [row] = audit_rows("user.revoke_sessions")
    assert row.metadata["sessions_revoked"] == 2 and "2 session(s)" in row.description


def test_suspend_and_reactivate_round_trip_with_two_audit_rows():
    tenant = TenantFactory()
    services.suspend_tenant(actor=ACTOR, tenant=tenant, reason="unpaid invoices")
    tenant.refresh_from_db()
    assert tenant.status == "suspended" and tenant.suspended_reason == "unpaid invoices" and tenant.suspended_at
    [suspended] = audit_rows("tenant.suspend")
    assert (suspended.tenant_id, suspended.risk_level) == (tenant.id, "high")
    assert suspended.changes["status"] == {"before": "active", "after": "suspended"}

    services.reactivate_tenant(actor=ACTOR, tenant=tenant)
    tenant.refresh_from_db()
    assert (tenant.status, tenant.suspended_at, tenant.suspended_reason) == ("active", None, None)
    [reactivated] = audit_rows("tenant.reactivate")
    assert reactivated.changes["status"] == {"before": "suspended", "after": "active"}


def test_suspend_refusals():
    tenant = TenantFactory(status="suspended")
    with pytest.raises(services.TenancyServiceError, match="already suspended"):
        services.suspend_tenant(actor=ACTOR, tenant=tenant, reason="again")
    with pytest.raises(services.TenancyServiceError, match="reason is required"):
        services.suspend_tenant(actor=ACTOR, tenant=TenantFactory(), reason="   ")
    with pytest.raises(services.TenancyServiceError, match="already active"):
        services.reactivate_tenant(actor=ACTOR, tenant=TenantFactory())


def test_a_row_deleted_meanwhile_is_a_clear_refusal():
    tenant = TenantFactory()
    Tenant.objects.filter(pk=tenant.pk).delete()
    with pytest.raises(services.TenancyServiceError, match="no longer exists"):
        services.suspend_tenant(actor=ACTOR, tenant=tenant, reason="x")


@pytest.mark.parametrize("before, roles, stored, risk", [
    ("user", ["admin"], "admin", "high"),
    ("admin", ["support", "staff", "support"], "support,staff", "medium"),
    ("user", "user,admin", "user,admin", "high"),
])
def test_set_roles_stores_better_auth_format_and_rates_admin_grants_high(before, roles, stored, risk):
    user = UserFactory(role=before)
    services.set_roles(actor=ACTOR, user=user, roles=roles)
    user.refresh_from_db()
    assert user.role == stored
    [row] = audit_rows("user.role_change")
    assert row.risk_level == risk and row.changes == {"role": {"before": before, "after": stored}}


@pytest.mark.parametrize("roles, message", [([], "at least one role"), (["root"], "Unknown role"),
                                            ("admin, support ,", "Unknown role")])
def test_set_roles_refuses_unknown_or_no_roles(roles, message):
    user = UserFactory(role="user")
    with pytest.raises(services.TenancyServiceError, match=message):
        services.set_roles(actor=ACTOR, user=user, roles=roles)
    assert User.objects.get(pk=user.pk).role == "user"


def test_delete_tenant_servers_deletes_children_and_audits_each_server_without_secrets():
    tenant = TenantFactory()
    servers = McpServerFactory.create_batch(2, tenant=tenant, auth_config={"token": "s3cr3t"})
    McpToolFactory(server=servers[0])
    assert services.delete_tenant_servers(actor=ACTOR, tenant=tenant) == 2
    rows = audit_rows("mcp_server.delete")
    assert sorted(r.resource_id for r in rows) == sorted(s.id for s in servers)
    assert all("auth_config" not in r.changes and "s3cr3t" not in str(r.changes) for r in rows)


def test_prepare_invitation_hashes_a_fresh_token():
    from tenancy.models import TenantInvitation
    import hashlib

    invitation = TenantInvitation(email=" Someone@Example.COM ")
    token = services.prepare_invitation(invitation)
    assert invitation.email == "someone@example.com"
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert services.prepare_invitation(invitation) is None  # existing hash kept
