"""Single sign-on from the frontend: Better-Auth's session cookie signs
people in to the admin.

The cookie `better-auth.session_token` (`__Secure-better-auth.session_token`
on HTTPS) holds the URL-encoded `<token>.<signature>`, the signature being
standard base64 of HMAC-SHA256(secret, token). A valid signature, a session
row with that token and a future expires_at, and a user the backend's
sign_in_refusal accepts sign the person in. The Django session remembers the
Better-Auth session id; each request re-checks that row (one query), so
deleting it (sign-out, ban, revoked sessions) signs them out here too.
"""
import base64
import hashlib
import hmac
from urllib.parse import unquote

from django.contrib import auth
from django.core import signing
from django.utils import timezone

from tenancy.models import Session

from . import accounts, keys, signin_audit as audit
from .backends import BetterAuthBackend, Standing

COOKIE = "better-auth.session_token"
SECURE_COOKIE = f"__Secure-{COOKIE}"
SESSION_KEY = "mcp_auth_better_auth_session"  # Django session -> Better-Auth session id
BACKEND_PATH = "mcpmanager.auth.backends.BetterAuthBackend"
# Set on admin logout so the still-present frontend cookie does not sign the
# person straight back in; holds the (signed) Better-Auth session id.
OPT_OUT_COOKIE = "mcp_admin_sso_off"
OPT_OUT_SALT = "mcpmanager.auth.sso.opt-out"
SAFE_METHODS = ("GET", "HEAD")
# Django session -> the Better-Auth session last refused, so a refused cookie
# is audited once per browser session rather than on every page it requests.
REFUSED_KEY = "mcp_auth_sso_refused"


def sign(token: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), token.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def token_from_cookie(raw_value: str | None, secret: str) -> str | None:
    """The session token of a correctly signed cookie value, else None."""
    if not raw_value or not secret:
        return None
    token, dot, signature = unquote(raw_value).rpartition(".")
    if not dot or not token:
        return None
    if not hmac.compare_digest(signature.encode(), sign(token, secret).encode()):
        return None
    return token


def cookie_name(request) -> str:
    return SECURE_COOKIE if request.is_secure() else COOKIE


def live_session(token: str):
    return (
        Session.objects.select_related("user")
        .filter(token=token, expires_at__gt=timezone.now())
        .first()
    )


def opt_out_value(session_id: str) -> str:
    return signing.get_cookie_signer(salt=OPT_OUT_SALT).sign(session_id)


def opted_out(request, session_id: str) -> bool:
    raw = request.COOKIES.get(OPT_OUT_COOKIE)
    if not raw:
        return False
    try:
        return signing.get_cookie_signer(salt=OPT_OUT_SALT).unsign(raw) == session_id
    except signing.BadSignature:
        return False


class BetterAuthSessionMiddleware:
    """Place after AuthenticationMiddleware. Inactive without a secret."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.backend = BetterAuthBackend()

    def __call__(self, request):
        if keys.configured():
            self.process(request)
        return self.get_response(request)

    def process(self, request) -> None:
        session_id = request.session.get(SESSION_KEY)
        if session_id is not None:
            self._recheck(request, session_id)
        elif not request.user.is_authenticated and request.method in SAFE_METHODS:
            # Only safe methods: login() rotates the CSRF token, which would
            # fail the CSRF check of the very POST that carried the cookie.
            self._sign_in(request)

    def _recheck(self, request, session_id: str) -> None:
        alive = Session.objects.filter(pk=session_id, expires_at__gt=timezone.now()).exists()
        if alive:
            return
        ba_user_id = accounts.better_auth_id(request.user) if request.user.is_authenticated else None
        auth.logout(request)
        audit.record_sso_sign_out(request, ba_user_id=ba_user_id, session_id=session_id)

    def _sign_in(self, request) -> None:
        token = token_from_cookie(request.COOKIES.get(cookie_name(request)), keys.signing_secret())
        if token is None:
            return
        session = live_session(token)
        if session is None or opted_out(request, session.pk):
            return
        ba_user = session.user
        reason = self.backend.sign_in_refusal(Standing.of(ba_user))
        if reason:
            if request.session.get(REFUSED_KEY) != session.pk:
                audit.record_refusal(request, reason=reason, ba_user=ba_user, method="sso")
                request.session[REFUSED_KEY] = session.pk
            return
        user = accounts.django_user_for(ba_user, method="sso")
        setattr(user, audit.SSO_SESSION_ID, session.pk)
        auth.login(request, user, backend=BACKEND_PATH)
        request.session[SESSION_KEY] = session.pk
