from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditLog
from tenancy.models import Session, User
from tests.factories.tenancy import (
    AccountFactory,
    ApiKeyFactory,
    SessionFactory,
    TenantFactory,
    TwoFactorFactory,
    UserFactory,
)
from tests.tenancy_admin.support import admin_url, form_data, post_action

pytestmark = pytest.mark.django_db


def test_list_shows_email_name_role_home_tenant_banned_and_last_sign_in(admin_web):
    tenant = TenantFactory(name="Acme")
    UserFactory(email="ann@example.com", name="Ann", role="admin,support", tenant=tenant, banned=True,
                last_login_at=timezone.now())
    response = admin_web.get(admin_url(User, "changelist"), {"q": "ann"})
    headers = [str(h["text"]).lower() for h in response.context["result_headers"]]
    assert headers[1:] == ["email", "name", "role", "tenant", "banned", "is active", "last login at"]
    [row] = response.context["cl"].result_list
    assert (row.email, row.tenant.name, row.role) == ("ann@example.com", "Acme", "admin,support")


@pytest.mark.parametrize("term, found", [
    ("ann@", {"ann@example.com"}), ("ANN@EXAMPLE.COM", {"ann@example.com"}), ("annie", {"bob@example.com"}),
    ("Bob", {"bob@example.com"}), ("example", set()),
])
def test_search_is_exact_or_prefix_on_email_username_and_name(admin_web, term, found):
    UserFactory(email="ann@example.com", name="Ann", username="a1")
    UserFactory(email="bob@example.com", name="Bob", username="annie")
    response = admin_web.get(admin_url(User, "changelist"), {"q": term})
    assert {u.email for u in response.context["cl"].result_list} == found


def test_role_filter_matches_a_role_inside_the_comma_separated_list(admin_web, admin_member):
    UserFactory(email="a@example.com", role="support,admin")
    UserFactory(email="b@example.com", role="server_owner")
    UserFactory(email="c@example.com", role="admin")
    response = admin_web.get(admin_url(User, "changelist"), {"role": "admin"})
    emails = {u.email for u in response.context["cl"].result_list} - {admin_member[0].email}
    assert emails == {"a@example.com", "c@example.com"}
    response = admin_web.get(admin_url(User, "changelist"), {"banned__exact": "1"})
    assert not response.context["cl"].result_list


def test_people_are_not_added_here(admin_web, superuser_web):
    assert admin_web.get(admin_url(User, "add")).status_code == 403
    assert superuser_web.get(admin_url(User, "add")).status_code == 403


def test_role_edit_stores_comma_separated_roles_and_audits_the_change_as_such(admin_web):
    person = UserFactory(role="user")
    page = admin_web.get(admin_url(person, "change"))
    data = form_data(page)
    data["role"] = ["support", "admin"]
    response = admin_web.post(admin_url(person, "change"), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.role == "support,admin"
    [row] = AuditLog.objects.filter(event_type="user.role_change")
    assert row.risk_level == "high" and row.changes == {"role": {"before": "user", "after": "support,admin"}}
    assert not AuditLog.objects.filter(resource_type="user", action="update").exists()  # nothing else changed


def test_role_edit_with_other_fields_writes_the_role_row_and_an_update_row(admin_web):
    person = UserFactory(role="admin")
    page = admin_web.get(admin_url(person, "change"))
    data = form_data(page)
    data["role"] = ["staff"]
    data.pop("is_active")
    assert admin_web.post(admin_url(person, "change"), data).status_code == 302
    assert AuditLog.objects.get(event_type="user.role_change").risk_level == "medium"
    assert AuditLog.objects.get(resource_type="user", action="update").changes == {
        "is_active": {"before": True, "after": False}
    }


@pytest.mark.parametrize("roles, error", [([], "This field is required."), (["root"], "Select a valid choice."),
                                          (["admin,root"], "Select a valid choice.")])
def test_role_edit_refuses_unknown_or_missing_roles(admin_web, roles, error):
    person = UserFactory(role="user")
    page = admin_web.get(admin_url(person, "change"))
    data = form_data(page)
    data["role"] = roles
    response = admin_web.post(admin_url(person, "change"), data)
    assert response.status_code == 200 and error in response.content.decode()
    assert User.objects.get(pk=person.pk).role == "user"
    assert not AuditLog.objects.exists()


def test_ban_action_asks_reason_and_expiry_then_bans_and_signs_out(admin_web):
    people = UserFactory.create_batch(2)
    for person in people:
        SessionFactory.create_batch(2, user=person)
    ids = [p.pk for p in people]
    page = post_action(admin_web, User, "ban_users", ids)
    assert page.status_code == 200 and b'name="expires_at"' in page.content
    past = post_action(admin_web, User, "ban_users", ids, apply="1", reason="abuse", expires_at="2001-01-01 00:00")
    assert b"must be in the future" in past.content and not User.objects.filter(banned=True).exists()

    expires = (timezone.now() + timedelta(days=2)).replace(microsecond=0, second=0)
    response = post_action(admin_web, User, "ban_users", ids, apply="1", reason="abuse",
                           expires_at=expires.strftime("%Y-%m-%d %H:%M"))
    assert response.status_code == 302
    assert set(User.objects.filter(pk__in=ids).values_list("banned", "ban_reason", "ban_expires")) == {
        (True, "abuse", expires)
    }
    assert not Session.objects.filter(user_id__in=ids).exists()
    rows = AuditLog.objects.filter(event_type="user.ban")
    assert sorted(r.resource_id for r in rows) == sorted(ids)
    assert {r.metadata["sessions_revoked"] for r in rows} == {2}


def test_unban_and_revoke_sessions_actions(admin_web):
    banned = UserFactory(banned=True, ban_reason="x", ban_expires=timezone.now() + timedelta(days=1))
    other = UserFactory()
    SessionFactory.create_batch(3, user=other)
    assert post_action(admin_web, User, "unban_users", [banned.pk, other.pk]).status_code == 302
    banned.refresh_from_db()
    assert (banned.banned, banned.ban_reason, banned.ban_expires) == (False, None, None)
    assert AuditLog.objects.filter(event_type="user.unban").count() == 1

    assert post_action(admin_web, User, "revoke_all_sessions", [other.pk]).status_code == 302
    assert not Session.objects.filter(user=other).exists()
    assert AuditLog.objects.get(event_type="user.revoke_sessions").metadata["sessions_revoked"] == 3


def test_support_sees_users_but_cannot_ban(support_web):
    person = UserFactory()
    SessionFactory(user=person)
    assert support_web.get(admin_url(person, "change")).status_code == 200
    post_action(support_web, User, "ban_users", [person.pk], apply="1", reason="x")
    assert not User.objects.get(pk=person.pk).banned and Session.objects.filter(user=person).exists()


def test_user_detail_shows_sessions_accounts_two_factor_and_keys_without_secrets(admin_web):
    person = UserFactory(two_factor_enabled=True)
    session = SessionFactory(user=person, ip_address="198.51.100.7", user_agent="Firefox/131")
    account = AccountFactory(user=person)
    github = AccountFactory(user=person, provider_id="github", account_id="gh-42", access_token="gho_secret_tok",
                            refresh_token="ghr_refresh", id_token="id.jwt.token", password=None)
    locked = timezone.now() + timedelta(minutes=10)
    two_factor = TwoFactorFactory(user=person, locked_until=locked)
    key = ApiKeyFactory(reference=person, name="ci key", request_count=17)
    html = admin_web.get(admin_url(person, "change")).content.decode()
    for shown in ("198.51.100.7", "Firefox/131", "credential", "gh-42", "ci key", key.start, "17"):
        assert shown in html
    for secret in (session.token, account.password, github.access_token, github.refresh_token, github.id_token,
                   two_factor.secret, two_factor.backup_codes, key.key):
        assert secret not in html
    assert "two-factor locked until" in html.lower()
