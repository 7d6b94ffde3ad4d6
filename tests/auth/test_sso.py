"""Single sign-on from the frontend's Better-Auth session cookie."""
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import timezone

from audit.models import AuditLog
from mcpmanager.auth import signin_audit, sso
from tenancy.models import Session

from .support import live_session, make_user, sign_in, signed_cookie, signed_in_user_id

pytestmark = pytest.mark.django_db

UserModel = get_user_model()


def with_cookie(client, session, secret, name=sso.COOKIE):
    client.cookies[name] = signed_cookie(session.token, secret)


def test_token_from_cookie_checks_the_signature():
    value = signed_cookie("tok.en-with.dots", "s3cret")
    assert sso.token_from_cookie(value, "s3cret") == "tok.en-with.dots"
    assert sso.token_from_cookie(value, "other") is None
    assert sso.token_from_cookie("tok.en", "s3cret") is None
    assert sso.token_from_cookie("no-dot", "s3cret") is None
    assert sso.token_from_cookie("", "s3cret") is None
    assert sso.token_from_cookie(value, "") is None


def test_a_valid_cookie_signs_them_in(client, better_auth_secret):
    user = make_user("staff", last_login_at=None)
    session = live_session(user)
    with_cookie(client, session, better_auth_secret)
    assert client.get("/admin/").status_code == 200
    assert client.session[sso.SESSION_KEY] == session.pk
    django_user = UserModel.objects.get(username=f"ba:{user.id}")
    assert [g.name for g in django_user.groups.all()] == ["role:staff"]
    row = AuditLog.objects.get(event_type=signin_audit.EVENT_SIGN_IN, success=True)
    assert row.metadata["method"] == "sso" and row.metadata["better_auth_session_id"] == session.pk
    assert session.token not in str(row.__dict__)
    user.refresh_from_db()
    assert user.last_login_at is not None
    # Later requests reuse the Django session: one sign-in row, not one per request.
    assert client.get("/admin/").status_code == 200
    assert AuditLog.objects.filter(event_type=signin_audit.EVENT_SIGN_IN).count() == 1


@pytest.mark.parametrize(
    "spoil",
    [
        lambda c, s, secret: with_cookie(c, s, secret + "x"),  # signed with another secret
        lambda c, s, secret: c.cookies.__setitem__(sso.COOKIE, s.token),  # unsigned
        lambda c, s, secret: (
            with_cookie(c, s, secret), Session.objects.filter(pk=s.pk).update(expires_at=timezone.now())
        ),
        lambda c, s, secret: (with_cookie(c, s, secret), Session.objects.filter(pk=s.pk).delete()),
        lambda c, s, secret: with_cookie(c, s, secret, name=sso.SECURE_COOKIE),  # __Secure- over plain HTTP
    ],
    ids=["bad signature", "unsigned", "expired session", "deleted session", "secure name over http"],
)
def test_a_bad_cookie_does_not_sign_in(client, better_auth_secret, spoil):
    session = live_session(make_user("admin"))
    spoil(client, session, better_auth_secret)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert signed_in_user_id(client) is None


def test_the_secure_cookie_name_is_used_over_https(client, better_auth_secret):
    session = live_session(make_user("admin"))
    with_cookie(client, session, better_auth_secret, name=sso.SECURE_COOKIE)
    assert client.get("/admin/", secure=True).status_code == 200
    client.logout()
    client.cookies.clear()
    with_cookie(client, session, better_auth_secret)  # the plain name on HTTPS is ignored
    assert client.get("/admin/", secure=True).status_code == 302


@pytest.mark.parametrize(
    "fields",
    [{"role": "user"}, {"banned": True}, {"is_active": False}],
    ids=["no admin role", "banned", "inactive"],
)
def test_the_sign_in_rules_apply_to_single_sign_on(client, better_auth_secret, fields):
    session = live_session(make_user(**{"role": "admin", **fields}))
    with_cookie(client, session, better_auth_secret)
    assert client.get("/admin/").status_code == 302
    assert signed_in_user_id(client) is None
    row = AuditLog.objects.get(event_type=signin_audit.EVENT_SIGN_IN)
    assert row.success is False and row.metadata["method"] == "sso"


def test_a_refused_cookie_is_audited_once_per_browser_session(client, better_auth_secret):
    session = live_session(make_user(role="user"))
    with_cookie(client, session, better_auth_secret)
    for _ in range(3):
        assert client.get("/admin/").status_code == 302
    assert AuditLog.objects.filter(event_type=signin_audit.EVENT_SIGN_IN, success=False).count() == 1
    # Once their role allows it, the same cookie signs them in.
    session.user.role = "admin"
    session.user.save()
    assert client.get("/admin/").status_code == 200


def test_an_expired_ban_does_not_block_single_sign_on(client, better_auth_secret):
    user = make_user("admin", banned=True, ban_expires=timezone.now() - timedelta(minutes=5))
    with_cookie(client, live_session(user), better_auth_secret)
    assert client.get("/admin/").status_code == 200


def test_deleting_the_session_row_signs_them_out_of_the_admin(client, better_auth_secret):
    session = live_session(make_user("admin"))
    with_cookie(client, session, better_auth_secret)
    assert client.get("/admin/").status_code == 200
    Session.objects.filter(pk=session.pk).delete()  # frontend sign-out, ban, revoked sessions
    response = client.get("/admin/")
    assert response.status_code == 302 and signed_in_user_id(client) is None
    row = AuditLog.objects.get(event_type=signin_audit.EVENT_SSO_SIGN_OUT)
    assert row.resource_id == session.user_id and row.metadata["better_auth_session_id"] == session.pk


def test_an_expiring_session_row_signs_them_out(client, better_auth_secret):
    session = live_session(make_user("admin"))
    with_cookie(client, session, better_auth_secret)
    assert client.get("/admin/").status_code == 200
    Session.objects.filter(pk=session.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/admin/").status_code == 302


def test_a_ban_after_sign_in_signs_them_out(client, better_auth_secret):
    user = make_user("admin")
    with_cookie(client, live_session(user), better_auth_secret)
    assert client.get("/admin/").status_code == 200
    type(user).objects.filter(pk=user.pk).update(banned=True)
    assert client.get("/admin/").status_code == 302


def test_the_recheck_costs_one_query(client, better_auth_secret, django_assert_num_queries):
    with_cookie(client, live_session(make_user("admin")), better_auth_secret)
    assert client.get("/admin/").status_code == 200
    request = RequestFactory().get("/admin/")
    request.session = client.session
    assert request.session[sso.SESSION_KEY]  # loads the Django session first
    request.user = UserModel.objects.get(username__startswith="ba:")
    with django_assert_num_queries(1):
        sso.BetterAuthSessionMiddleware(lambda r: None).process(request)
    assert request.user.is_authenticated


def test_no_sign_in_on_a_post(client, better_auth_secret):
    with_cookie(client, live_session(make_user("admin")), better_auth_secret)
    client.post("/admin/login/", {"email": "x@example.com", "password": "y"})
    assert signed_in_user_id(client) is None


def test_without_a_secret_the_cookie_is_ignored(client, better_auth_secret, settings):
    with_cookie(client, live_session(make_user("admin")), better_auth_secret)
    settings.BETTER_AUTH_SECRET = ""
    assert client.get("/admin/").status_code == 302


def test_logging_out_keeps_them_out_while_the_cookie_lives(client, better_auth_secret):
    session = live_session(make_user("admin"))
    with_cookie(client, session, better_auth_secret)
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert client.get("/admin/").status_code == 302  # not straight back in
    # A new frontend session (signed in again there) does sign them in.
    with_cookie(client, live_session(session.user), better_auth_secret)
    assert client.get("/admin/").status_code == 200


def test_a_password_sign_in_is_not_tied_to_a_better_auth_session(client, better_auth_secret):
    user = make_user("admin")
    sign_in(client, user.email)
    assert sso.SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 200
