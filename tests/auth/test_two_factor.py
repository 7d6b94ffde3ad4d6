"""The TOTP step after a correct password, with Better-Auth's lock-out counters."""
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditLog
from mcpmanager.auth import messages, signin_audit, totp, two_factor
from tests.better_auth.support import totp as reference_totp

from .support import (
    TWO_FACTOR_URL,
    current_code,
    enable_two_factor,
    encrypt,
    form_errors,
    make_user,
    sign_in,
    signed_in_user_id,
    wrong_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tf_user(better_auth_secret):
    user = make_user("support", email="tf@example.com")
    row, secret = enable_two_factor(user, better_auth_secret)
    return user, row, secret


def at_code_step(client, user):
    response = sign_in(client, user.email, next="/admin/audit/")
    assert response.status_code == 302 and response.url == TWO_FACTOR_URL
    return response


def send_code(client, code):
    return client.post(TWO_FACTOR_URL, {"code": code})


def rows(event_type, **filters):
    return AuditLog.objects.filter(event_type=event_type, **filters)


# --- TOTP itself ------------------------------------------------------------------


def test_totp_matches_the_rfc_6238_reference():
    key = b"12345678901234567890"  # RFC 6238 appendix B, SHA-1
    assert totp.hotp(key, 59 // 30, digits=8) == "94287082"
    assert totp.hotp(key, 1111111109 // 30, digits=8) == "07081804"
    assert totp.code_at(key, 1234567890) == reference_totp(key.decode(), 1234567890)


def test_totp_accepts_one_step_either_side_and_no_more():
    key, now = b"k" * 32, 1_700_000_015.0
    for step, accepted in [(-2, False), (-1, True), (0, True), (1, True), (2, False)]:
        assert totp.verify(key, totp.code_at(key, now + 30 * step), now) is accepted, step


def test_decrypt_reads_plain_hex_and_the_versioned_envelope(settings, better_auth_secret):
    stored = encrypt(better_auth_secret, "abc")
    assert totp.decrypt(stored) == "abc"
    settings.BETTER_AUTH_SECRETS = "2:newer-secret, 1:older-secret"
    assert totp.decrypt("$ba$1$" + encrypt("older-secret", "v1")) == "v1"
    assert totp.decrypt("$ba$2$" + encrypt("newer-secret", "v2")) == "v2"
    with pytest.raises(totp.UndecryptableSecret):
        totp.decrypt("$ba$2$" + encrypt("older-secret", "v2"))
    with pytest.raises(totp.UndecryptableSecret):
        totp.decrypt("$ba$x$00")
    with pytest.raises(totp.UndecryptableSecret):
        totp.decrypt("zz" * 40)


def test_an_imported_base32_secret_is_decoded_to_its_bytes(better_auth_secret):
    assert totp.totp_key(encrypt(better_auth_secret, "base32:jbswy3dpehpk3pxp")) == b"Hello!\xde\xad\xbe\xef"
    assert totp.totp_key(encrypt(better_auth_secret, "plain-secret")) == b"plain-secret"


# --- the step -------------------------------------------------------------------------


def test_the_right_code_signs_them_in_and_resets_the_counters(client, tf_user):
    user, row, secret = tf_user
    row.failed_verification_count = 3
    row.save()
    at_code_step(client, user)
    assert client.get(TWO_FACTOR_URL).status_code == 200
    response = send_code(client, current_code(secret))
    assert response.status_code == 302 and response.url == "/admin/audit/"
    assert signed_in_user_id(client) is not None
    assert two_factor.SESSION_KEY not in client.session
    row.refresh_from_db()
    assert (row.failed_verification_count, row.locked_until) == (0, None)
    success = rows(signin_audit.EVENT_SIGN_IN, success=True).get()
    assert success.metadata["method"] == "totp" and success.actor_id == user.id
    user.refresh_from_db()
    assert user.last_login_at is not None


def test_a_code_with_spaces_is_accepted(client, tf_user):
    user, _, secret = tf_user
    at_code_step(client, user)
    code = current_code(secret)
    assert send_code(client, f"{code[:3]} {code[3:]}").status_code == 302
    assert signed_in_user_id(client) is not None


def test_a_wrong_code_is_refused_counted_and_audited(client, tf_user):
    user, row, secret = tf_user
    at_code_step(client, user)
    response = send_code(client, wrong_code(secret))
    assert response.status_code == 200 and form_errors(response) == [messages.TWO_FACTOR_INVALID]
    assert signed_in_user_id(client) is None
    row.refresh_from_db()
    assert row.failed_verification_count == 1
    failure = rows(signin_audit.EVENT_TWO_FACTOR).get()
    assert (failure.success, failure.risk_level, failure.metadata["reason"]) == (False, "medium", "invalid_code")
    assert wrong_code(secret) not in str(failure.__dict__)


def test_five_wrong_codes_end_the_challenge(client, tf_user):
    user, row, secret = tf_user
    at_code_step(client, user)
    for _ in range(two_factor.CHALLENGE_ATTEMPTS - 1):
        assert send_code(client, wrong_code(secret)).status_code == 200
    response = send_code(client, wrong_code(secret))
    assert response.status_code == 302 and response.url == "/admin/login/"
    assert send_code(client, current_code(secret)).url == "/admin/login/"  # no challenge left
    assert signed_in_user_id(client) is None
    row.refresh_from_db()
    assert row.failed_verification_count == two_factor.CHALLENGE_ATTEMPTS


def test_the_tenth_consecutive_failure_locks_the_account(client, tf_user):
    user, row, secret = tf_user
    row.failed_verification_count = two_factor.MAX_FAILED_VERIFICATIONS - 1
    row.save()
    at_code_step(client, user)
    response = send_code(client, wrong_code(secret))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.failed_verification_count == two_factor.MAX_FAILED_VERIFICATIONS
    lock = row.locked_until - timezone.now()
    assert timedelta(seconds=two_factor.LOCK_SECONDS - 30) < lock <= timedelta(seconds=two_factor.LOCK_SECONDS)
    assert rows(signin_audit.EVENT_TWO_FACTOR_LOCKOUT, risk_level="high").count() == 1
    # Locked: even the right code is refused, with the lock-out message.
    at_code_step(client, user)
    response = send_code(client, current_code(secret))
    assert response.url == "/admin/login/" and signed_in_user_id(client) is None
    page = client.get(response.url)
    assert messages.TWO_FACTOR_LOCKED in [str(m) for m in page.context["messages"]]


def test_an_expired_lock_is_cleared_and_the_right_code_works(client, tf_user):
    user, row, secret = tf_user
    row.failed_verification_count = two_factor.MAX_FAILED_VERIFICATIONS
    row.locked_until = timezone.now() - timedelta(seconds=1)
    row.save()
    at_code_step(client, user)
    assert send_code(client, current_code(secret)).status_code == 302
    assert signed_in_user_id(client) is not None
    row.refresh_from_db()
    assert (row.failed_verification_count, row.locked_until) == (0, None)


def test_an_expired_challenge_sends_them_back_to_sign_in(client, tf_user):
    user, _, secret = tf_user
    at_code_step(client, user)
    session = client.session
    session[two_factor.SESSION_KEY]["expires"] = time.time() - 1
    session.save()
    response = send_code(client, current_code(secret))
    assert response.url == "/admin/login/" and signed_in_user_id(client) is None


def test_the_code_step_without_a_password_step_redirects_to_sign_in(client, tf_user):
    assert client.get(TWO_FACTOR_URL).url == "/admin/login/"
    assert send_code(client, "123456").url == "/admin/login/"


def test_a_ban_between_the_steps_refuses_the_code(client, tf_user):
    user, _, secret = tf_user
    at_code_step(client, user)
    user.banned = True
    user.save(update_fields=["banned"])
    response = send_code(client, current_code(secret))
    assert response.url == "/admin/login/" and signed_in_user_id(client) is None


def test_an_unverified_two_factor_row_cannot_be_used(client, tf_user):
    user, row, secret = tf_user
    row.verified = False
    row.save()
    at_code_step(client, user)
    response = send_code(client, current_code(secret))
    assert response.url == "/admin/login/" and signed_in_user_id(client) is None


def test_a_secret_encrypted_under_another_key_is_refused(client, tf_user):
    user, row, secret = tf_user
    row.secret = encrypt("some-other-secret", secret)
    row.save()
    at_code_step(client, user)
    response = send_code(client, current_code(secret))
    assert response.url == "/admin/login/" and signed_in_user_id(client) is None
    assert rows(signin_audit.EVENT_TWO_FACTOR).get().metadata["reason"] == "two_factor_unavailable"


def test_without_a_secret_a_two_factor_user_is_pointed_to_single_sign_on(client, tf_user, settings):
    user, _, _ = tf_user
    settings.BETTER_AUTH_SECRET = ""
    response = sign_in(client, user.email)
    assert response.status_code == 200
    assert form_errors(response) == [messages.TWO_FACTOR_UNAVAILABLE]
    assert signed_in_user_id(client) is None and two_factor.SESSION_KEY not in client.session
    assert rows(signin_audit.EVENT_SIGN_IN).get().metadata["reason"] == "two_factor_unavailable"


def test_without_a_secret_a_wrong_password_still_gets_the_generic_message(client, tf_user, settings):
    user, _, _ = tf_user
    settings.BETTER_AUTH_SECRET = ""
    assert form_errors(sign_in(client, user.email, "nope-nope")) == [messages.SIGN_IN_REFUSED]
