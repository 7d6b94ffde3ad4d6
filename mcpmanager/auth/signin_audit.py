"""audit_log rows for sign-in events, written through audit.services.

Successful sign-ins are recorded from Django's user_logged_in signal, but
only for users our flows marked with how they signed in (SIGN_IN_METHOD), so
test helpers such as force_login do not invent sign-ins. Refusals are
recorded where they are decided. Never a password, code or token in a row.
"""
from django.utils import timezone

from audit.services import BETTER_AUTH_USERNAME_PREFIX, Actor, actor_from_request, record_event
from tenancy.models import User as BetterAuthUser

EVENT_SIGN_IN = "auth.sign_in"
EVENT_TWO_FACTOR = "auth.two_factor"
EVENT_TWO_FACTOR_LOCKOUT = "auth.two_factor_lockout"
EVENT_SSO_SIGN_OUT = "auth.sso_sign_out"
ACTION_SIGN_IN = "sign_in"
ACTION_SIGN_OUT = "sign_out"

# Attributes our flows set on the Django user they are about to log in.
SIGN_IN_METHOD = "mcp_sign_in_method"  # "password", "totp", "sso", "break_glass"
BETTER_AUTH_USER = "mcp_better_auth_user"  # the tenancy.User behind it, if any
SSO_SESSION_ID = "mcp_better_auth_session_id"

# Refusal reasons (audit metadata; never shown on the form).
UNKNOWN_EMAIL = "unknown_email"
WRONG_PASSWORD = "wrong_password"
BANNED = "banned"
INACTIVE = "inactive"
NO_ADMIN_ROLE = "no_admin_role"
TWO_FACTOR_UNAVAILABLE = "two_factor_unavailable"
INVALID_CODE = "invalid_code"
LOCKED = "locked"
SESSION_ENDED = "session_ended"


def _request_fields(request) -> dict:
    return {"http_method": request.method, "http_path": request.path[:2048]} if request is not None else {}


def _actor(request, user=None):
    if request is None:
        return Actor(id=None, email=None, type="anonymous")
    return actor_from_request(request, user=user)


def record_sign_in(request, user) -> None:
    """Receiver of user_logged_in: stamps last_login_at and writes the row."""
    method = getattr(user, SIGN_IN_METHOD, None)
    if method is None:
        return
    ba_user = getattr(user, BETTER_AUTH_USER, None)
    if ba_user is not None:
        BetterAuthUser.objects.filter(pk=ba_user.pk).update(last_login_at=timezone.now())
    break_glass = not user.username.startswith(BETTER_AUTH_USERNAME_PREFIX)
    metadata = {"method": method}
    if getattr(user, SSO_SESSION_ID, None):
        metadata["better_auth_session_id"] = getattr(user, SSO_SESSION_ID)
    record_event(
        actor=_actor(request, user),
        event_type=EVENT_SIGN_IN,
        action=ACTION_SIGN_IN,
        resource_type="user" if ba_user is not None else "django_user",
        resource_id=ba_user.pk if ba_user is not None else user.pk,
        resource_name=ba_user.email if ba_user is not None else user.get_username(),
        tenant_id=ba_user.tenant_id if ba_user is not None else None,
        description=("Break-glass sign-in" if break_glass else f"Signed in to the admin ({method})"),
        risk_level="high" if break_glass else "low",
        metadata=metadata,
        **_request_fields(request),
    )


def on_user_logged_in(sender, request, user, **kwargs):
    record_sign_in(request, user)


def record_refusal(
    request,
    *,
    reason: str,
    email: str | None = None,
    ba_user=None,
    event_type: str = EVENT_SIGN_IN,
    risk_level: str = "medium",
    method: str = "password",
) -> None:
    """A refused sign-in step. `email` is the address typed (lower-cased),
    kept to trace guessing; the password never reaches this function."""
    record_event(
        actor=_actor(request),
        event_type=event_type,
        action=ACTION_SIGN_IN,
        resource_type="user" if ba_user is not None else None,
        resource_id=ba_user.pk if ba_user is not None else None,
        resource_name=ba_user.email if ba_user is not None else None,
        tenant_id=ba_user.tenant_id if ba_user is not None else None,
        description=f"Admin sign-in refused: {reason.replace('_', ' ')}",
        success=False,
        risk_level=risk_level,
        error_message=reason,
        metadata={"reason": reason, "method": method, **({"email": email[:254]} if email else {})},
        **_request_fields(request),
    )


def record_sso_sign_out(request, *, ba_user_id, session_id) -> None:
    record_event(
        actor=_actor(request),
        event_type=EVENT_SSO_SIGN_OUT,
        action=ACTION_SIGN_OUT,
        resource_type="user",
        resource_id=ba_user_id,
        description="Signed out of the admin: the Better-Auth session ended or the user may no longer sign in",
        metadata={"reason": SESSION_ENDED, "better_auth_session_id": session_id},
        **_request_fields(request),
    )
