"""The sign-in paths against artefacts made by the real better-auth package
(tests/auth/conftest.py runs drizzle/better-auth/compat-check.ts once):
its password hash, its signed session cookie and its encrypted TOTP secret,
copied into the Django test database with the secret that made them."""
import time

import pytest
from django.utils.dateparse import parse_datetime

from mcpmanager.auth import messages, sso, totp
from tests.better_auth.support import parse_set_cookie
from tests.factories.tenancy import AccountFactory, SessionFactory, TwoFactorFactory, UserFactory

from .support import TWO_FACTOR_URL, form_errors, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def real(real_better_auth, settings):
    settings.BETTER_AUTH_SECRET = real_better_auth["secret"]
    settings.BETTER_AUTH_SECRETS = ""
    return real_better_auth


def copy_user(real, *, role="admin", two_factor=False):
    user = UserFactory(id=real["userId"], email=real["email"], role=role, two_factor_enabled=two_factor)
    AccountFactory(user=user, password=real["passwordHash"])
    if two_factor:
        TwoFactorFactory(user=user, secret=real["twoFactorSecretEncrypted"], verified=True)
    return user


def test_the_real_hash_signs_in_and_a_wrong_password_does_not(client, real):
    copy_user(real)
    assert form_errors(sign_in(client, real["email"], real["password"] + "x")) == [messages.SIGN_IN_REFUSED]
    # Better-Auth lower-cases emails; the mixed-case address it was signed up with works too.
    response = sign_in(client, real["mixedCaseEmail"], real["password"])
    assert response.status_code == 302 and signed_in_user_id(client) is not None


def test_the_real_cookie_signs_in(client, real):
    user = copy_user(real)
    SessionFactory(user=user, token=real["sessionToken"], expires_at=parse_datetime(real["sessionExpiresAt"]))
    name, value, _ = parse_set_cookie(real["sessionCookie"])
    assert name == sso.COOKIE
    client.cookies[name] = value
    assert client.get("/admin/").status_code == 200
    assert client.session[sso.SESSION_KEY]


def test_the_real_cookie_signed_with_another_secret_is_refused(client, real, settings):
    user = copy_user(real)
    SessionFactory(user=user, token=real["sessionToken"], expires_at=parse_datetime(real["sessionExpiresAt"]))
    settings.BETTER_AUTH_SECRET = real["secret"] + "-rotated"
    name, value, _ = parse_set_cookie(real["sessionCookie"])
    client.cookies[name] = value
    assert client.get("/admin/").status_code == 302


def test_the_real_encrypted_totp_secret_decrypts_and_verifies(real):
    key = totp.totp_key(real["twoFactorSecretEncrypted"])
    assert key == real["totpSecretPlain"].encode()
    sample = real["totpSample"]  # a code better-auth generated, with its time
    assert totp.verify(key, sample["code"], sample["unixTime"])
    assert not totp.verify(key, sample["code"], sample["unixTime"] + 120)


def test_the_two_factor_step_with_the_real_secret(client, real):
    copy_user(real, two_factor=True)
    response = sign_in(client, real["email"], real["password"])
    assert response.url == TWO_FACTOR_URL and signed_in_user_id(client) is None
    code = totp.code_at(real["totpSecretPlain"].encode(), time.time())
    assert client.post(TWO_FACTOR_URL, {"code": code}).status_code == 302
    assert signed_in_user_id(client) is not None
