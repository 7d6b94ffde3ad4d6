"""Helpers of the sign-in tests: Better-Auth users with real credentials,
their encrypted TOTP secret, their signed session cookie."""
import base64
import hashlib
import hmac
import secrets
import time
from urllib.parse import quote

from django.urls import reverse
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt

from mcpmanager.auth import totp
from tenancy.passwords import hash_password
from tests.factories.tenancy import AccountFactory, SessionFactory, TwoFactorFactory, UserFactory

PASSWORD = "correct horse battery staple"
LOGIN_URL = "/admin/login/"
TWO_FACTOR_URL = "/admin/login/two-factor/"
# One scrypt hash shared by every user: hashing costs ~50 ms each.
_HASH = hash_password(PASSWORD)


def make_user(role="admin", *, password_hash=None, **fields):
    user = UserFactory(role=role, **fields)
    AccountFactory(user=user, password=password_hash or _HASH)
    return user


def encrypt(secret: str, plain: str) -> str:
    """Better-Auth's symmetricEncrypt: hex(nonce || XChaCha20-Poly1305(sha256(secret)))."""
    nonce = secrets.token_bytes(24)
    key = hashlib.sha256(secret.encode()).digest()
    return (nonce + crypto_aead_xchacha20poly1305_ietf_encrypt(plain.encode(), None, nonce, key)).hex()


def enable_two_factor(user, better_auth_secret: str, *, totp_secret=None, **fields):
    totp_secret = totp_secret or secrets.token_urlsafe(24)[:32]
    user.two_factor_enabled = True
    user.save(update_fields=["two_factor_enabled"])
    row = TwoFactorFactory(user=user, secret=encrypt(better_auth_secret, totp_secret), verified=True, **fields)
    return row, totp_secret


def current_code(totp_secret: str) -> str:
    return totp.code_at(totp_secret.encode(), time.time())


def wrong_code(totp_secret: str) -> str:
    key, now = totp_secret.encode(), time.time()
    valid = {totp.code_at(key, now + step * 30) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def signed_cookie(token: str, secret: str) -> str:
    signature = base64.b64encode(hmac.new(secret.encode(), token.encode(), hashlib.sha256).digest()).decode()
    return quote(f"{token}.{signature}", safe="")


def live_session(user, **fields):
    return SessionFactory(user=user, **fields)


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"email": email, "password": password, **extra})


def form_errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def admin_index():
    return reverse("admin:index")
