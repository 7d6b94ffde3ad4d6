"""Password sign-in through the admin's form and BetterAuthBackend."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from audit.models import AuditLog
from mcpmanager.auth import messages, signin_audit
from mcpmanager.auth.backends import BetterAuthBackend
from mcpmanager.auth.roles import group_name, permission_names
from tenancy.models import User as BetterAuthUser
from tests.factories.tenancy import TenantFactory, UserFactory

from .support import (
    PASSWORD,
    enable_two_factor,
    form_errors,
    make_user,
    sign_in,
    signed_in_user_id,
)

pytestmark = pytest.mark.django_db

UserModel = get_user_model()
NOW = timezone.now
WRONG = "not-the-password-9f3k"


def refused(response):
    assert response.status_code == 200
    assert form_errors(response) == [messages.SIGN_IN_REFUSED]


def sign_in_rows(**filters):
    return AuditLog.objects.filter(event_type=signin_audit.EVENT_SIGN_IN, **filters)


# --- every refusal looks the same ------------------------------------------------


REFUSALS = {
    "unknown email": (lambda: None, "nobody@example.com", PASSWORD, signin_audit.UNKNOWN_EMAIL),
    "wrong password": (lambda: make_user(email="w@example.com"), "w@example.com", WRONG, signin_audit.WRONG_PASSWORD),
    "banned forever": (
        lambda: make_user(email="b@example.com", banned=True, ban_reason="spam"),
        "b@example.com", PASSWORD, signin_audit.BANNED,
    ),
    "banned until later": (
        lambda: make_user(email="bl@example.com", banned=True, ban_expires=NOW() + timedelta(days=1)),
        "bl@example.com", PASSWORD, signin_audit.BANNED,
    ),
    "inactive": (lambda: make_user(email="i@example.com", is_active=False), "i@example.com", PASSWORD, signin_audit.INACTIVE),
    "role user": (lambda: make_user("user", email="u@example.com"), "u@example.com", PASSWORD, signin_audit.NO_ADMIN_ROLE),
    "role readonly": (
        lambda: make_user("readonly", email="r@example.com"), "r@example.com", PASSWORD, signin_audit.NO_ADMIN_ROLE
    ),
    "roles without admin access": (
        lambda: make_user("server_owner,service", email="so@example.com"), "so@example.com", PASSWORD,
        signin_audit.NO_ADMIN_ROLE,
    ),
    "no credential account": (lambda: UserFactory(email="sso@example.com", role="admin"), "sso@example.com", PASSWORD,
                              signin_audit.WRONG_PASSWORD),
}


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
def test_each_refusal_shows_the_same_message_and_creates_no_session(client, case):
    make, email, password, reason = case
    make()
    response = sign_in(client, email, password)
    refused(response)
    assert signed_in_user_id(client) is None
    assert not UserModel.objects.filter(username__startswith="ba:").exists()
    row = sign_in_rows().get()
    assert (row.success, row.risk_level, row.actor_type, row.metadata["reason"]) == (False, "medium", "anonymous", reason)
    assert row.metadata["email"] == email
    assert password not in str(row.__dict__)


def test_a_two_factor_user_gets_no_session_on_the_password_alone(client, better_auth_secret):
    user = make_user(email="tf@example.com")
    enable_two_factor(user, better_auth_secret)
    response = sign_in(client, "tf@example.com")
    assert response.status_code == 302 and response.url == "/admin/login/two-factor/"
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302  # still signed out
    assert not sign_in_rows(success=True).exists()


def test_a_refused_sign_in_does_not_reveal_a_ban_through_a_wrong_password(client):
    make_user(email="b@example.com", banned=True)
    refused(sign_in(client, "b@example.com", WRONG))
    assert sign_in_rows().get().metadata["reason"] == signin_audit.WRONG_PASSWORD


# --- bans -------------------------------------------------------------------------


def test_an_expired_ban_is_cleared_and_sign_in_proceeds(client):
    user = make_user(email="e@example.com", banned=True, ban_reason="timed", ban_expires=NOW() - timedelta(minutes=1))
    response = sign_in(client, "e@example.com")
    assert response.status_code == 302 and response.url == "/admin/"
    user.refresh_from_db()
    assert (user.banned, user.ban_reason, user.ban_expires) == (False, None, None)
    assert signed_in_user_id(client) is not None


def test_an_expired_ban_is_kept_when_the_password_is_wrong(client):
    user = make_user(email="e@example.com", banned=True, ban_expires=NOW() - timedelta(minutes=1))
    refused(sign_in(client, "e@example.com", WRONG))
    user.refresh_from_db()
    assert user.banned is True


# --- success ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "support", "staff"])
def test_each_admin_role_signs_in_as_staff_with_its_group(client, role):
    tenant = TenantFactory()
    ba_user = make_user(role, email=f"{role}@Example.com".lower(), name=f"The {role}", tenant=tenant)
    response = sign_in(client, f"{role.upper()}@EXAMPLE.COM")  # looked up lower-cased
    assert response.status_code == 302 and response.url == "/admin/"
    django_user = UserModel.objects.get(username=f"ba:{ba_user.id}")
    assert str(django_user.pk) == signed_in_user_id(client)
    assert (django_user.email, django_user.first_name) == (ba_user.email, f"The {role}")
    assert (django_user.is_staff, django_user.is_superuser, django_user.is_active) == (True, False, True)
    assert not django_user.has_usable_password()
    assert [g.name for g in django_user.groups.all()] == [group_name(role)]
    assert client.get("/admin/").status_code == 200
    row = sign_in_rows(success=True).get()
    assert (row.actor_id, row.actor_email, row.resource_id, row.tenant_id) == (
        ba_user.id, ba_user.email, ba_user.id, tenant.id
    )
    assert row.metadata["method"] == "password" and row.risk_level == "low"
    assert row.request_id and row.http_path == "/admin/login/"


def _all_model_permissions() -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.filter(content_type__app_label__in=["tenancy", "registry", "audit"])
        .select_related("content_type")
    }


@pytest.mark.parametrize("role", list(settings.ADMIN_ROLE_PERMISSIONS))
def test_permissions_follow_the_role_table_exactly(client, role):
    ba_user = make_user(role)
    sign_in(client, ba_user.email)
    user = UserModel.objects.get(username=f"ba:{ba_user.id}")
    granted = permission_names(role)
    assert {name for name in granted if not user.has_perm(name)} == set()
    denied = _all_model_permissions() - granted
    assert {name for name in denied if user.has_perm(name)} == set()


def test_several_roles_get_the_union_of_their_groups(client):
    ba_user = make_user("staff,support,user")
    sign_in(client, ba_user.email)
    user = UserModel.objects.get(username=f"ba:{ba_user.id}")
    assert {g.name for g in user.groups.all()} == {"role:support", "role:staff"}
    assert user.has_perm("audit.view_auditlog") and user.has_perm("registry.view_mcpserver")


def test_sign_in_refreshes_an_existing_django_user(client):
    ba_user = make_user("admin", name="Old")
    sign_in(client, ba_user.email)
    client.logout()
    BetterAuthUser.objects.filter(pk=ba_user.pk).update(role="staff", name="New", email="new@example.com")
    sign_in(client, "new@example.com")
    user = UserModel.objects.get(username=f"ba:{ba_user.id}")
    assert (user.first_name, user.email) == ("New", "new@example.com")
    assert [g.name for g in user.groups.all()] == ["role:staff"]


def test_sign_in_stamps_last_login_at(client):
    ba_user = make_user(last_login_at=None)
    before = NOW()
    sign_in(client, ba_user.email)
    ba_user.refresh_from_db()
    assert ba_user.last_login_at >= before


# --- every request re-checks -------------------------------------------------------


def _signed_in(client, role="admin", **fields):
    ba_user = make_user(role, **fields)
    assert sign_in(client, ba_user.email).status_code == 302
    assert client.get("/admin/").status_code == 200
    return ba_user


@pytest.mark.parametrize(
    "change",
    [
        {"role": "user"},
        {"banned": True},
        {"banned": True, "ban_expires": timezone.now() + timedelta(hours=1)},
        {"is_active": False},
    ],
    ids=["demoted", "banned", "banned for an hour", "deactivated"],
)
def test_a_change_in_better_auth_signs_them_out_at_the_next_request(client, change):
    ba_user = _signed_in(client)
    BetterAuthUser.objects.filter(pk=ba_user.pk).update(**change)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_a_deleted_better_auth_user_is_signed_out(client):
    ba_user = _signed_in(client)
    BetterAuthUser.objects.filter(pk=ba_user.pk).delete()
    assert client.get("/admin/").status_code == 302


def test_a_role_change_between_admin_roles_takes_effect_at_the_next_request(client):
    ba_user = _signed_in(client, "admin")
    BetterAuthUser.objects.filter(pk=ba_user.pk).update(role="staff")
    assert client.get("/admin/").status_code == 200
    user = UserModel.objects.get(username=f"ba:{ba_user.id}")
    assert [g.name for g in user.groups.all()] == ["role:staff"]
    assert not user.has_perm("tenancy.change_tenant") and user.has_perm("registry.view_mcpserver")


def test_get_user_costs_one_query(django_assert_num_queries, client):
    ba_user = _signed_in(client)
    user = UserModel.objects.get(username=f"ba:{ba_user.id}")
    with django_assert_num_queries(1):
        assert BetterAuthBackend().get_user(user.pk) == user


def test_sign_in_refusal_is_a_decision_on_the_standing():
    backend, now = BetterAuthBackend(), timezone.now()
    from mcpmanager.auth.backends import Standing

    ok = Standing(role="support", banned=False, ban_expires=None, is_active=True)
    assert backend.sign_in_refusal(ok) is None
    assert backend.sign_in_refusal(Standing("support", True, now - timedelta(seconds=1), True)) is None
    assert backend.sign_in_refusal(Standing("support", True, now + timedelta(seconds=60), True)) == "banned"
    assert backend.sign_in_refusal(Standing("support", False, None, False)) == "inactive"
    assert backend.sign_in_refusal(Standing("user,readonly", False, None, True)) == "no_admin_role"
    assert backend.sign_in_refusal(Standing("", False, None, True)) == "no_admin_role"


# --- break-glass ----------------------------------------------------------------------


def test_a_createsuperuser_account_signs_in_with_its_django_password(client):
    UserModel.objects.create_superuser("rescue", "rescue@example.com", "django-pass-123")
    response = sign_in(client, "rescue", "django-pass-123")
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    row = sign_in_rows(success=True).get()
    assert row.actor_id == "django:rescue" and row.metadata == {"break_glass": True, "method": "break_glass"}
    assert row.risk_level == "high"


def test_a_break_glass_account_with_a_wrong_password_is_refused(client):
    UserModel.objects.create_superuser("rescue", "rescue@example.com", "django-pass-123")
    refused(sign_in(client, "rescue", "nope"))
    assert signed_in_user_id(client) is None


def test_a_non_staff_django_account_is_refused(client):
    UserModel.objects.create_user("plain", "plain@example.com", "django-pass-123")
    refused(sign_in(client, "plain", "django-pass-123"))
    assert sign_in_rows().get().metadata["reason"] == signin_audit.NO_ADMIN_ROLE


def test_a_mapped_django_user_cannot_sign_in_by_its_django_username(client):
    ba_user = _signed_in(client)
    client.logout()
    mapped = UserModel.objects.get(username=f"ba:{ba_user.id}")
    mapped.set_password("x-password-1")  # even if someone gave it one
    mapped.save()
    refused(sign_in(client, mapped.username, "x-password-1"))


def test_force_login_is_not_audited_as_a_sign_in(client):
    client.force_login(UserModel.objects.create_superuser("rescue", "r@example.com", "pw-123456"))
    assert not sign_in_rows().exists()
