"""The single writer of audit_log rows for everything done through the admin.

Callers (the audited admin mixin, sign-in, admin actions) describe what
happened; this module works out who did it and from where, masks secrets, and
inserts the row on the caller's connection, so the row commits or rolls back
with the change it describes.
"""
import datetime
import decimal
import uuid
from dataclasses import dataclass, field

from django.conf import settings

from audit.models import AuditLog

REDACTED = "***REDACTED***"
BETTER_AUTH_USERNAME_PREFIX = "ba:"  # Django users mapped from Better-Auth users


@dataclass(frozen=True)
class Actor:
    id: str | None
    email: str | None
    type: str = "user"  # audit_actor_type
    ip: str | None = None
    user_agent: str | None = None
    request_id: str | None = None
    session_id: str | None = None
    metadata: dict = field(default_factory=dict)


def client_ip(request) -> str | None:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def actor_from_request(request, *, user=None) -> Actor:
    """Who acts: a Better-Auth user (Django username `ba:<id>`), a break-glass
    Django user, or nobody (failed sign-ins)."""
    user = user if user is not None else getattr(request, "user", None)
    common = dict(
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT"),
        request_id=getattr(request, "request_id", None) or request.META.get("HTTP_X_REQUEST_ID"),
    )
    if user is None or not user.is_authenticated:
        return Actor(id=None, email=None, type="anonymous", **common)
    if user.username.startswith(BETTER_AUTH_USERNAME_PREFIX):
        return Actor(id=user.username[len(BETTER_AUTH_USERNAME_PREFIX):], email=user.email, **common)
    return Actor(id=f"django:{user.username}", email=user.email or None, metadata={"break_glass": True}, **common)


def _plain(value):
    """A JSON-safe rendering of a model field value for `changes`."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def secret_fields(model) -> frozenset:
    return getattr(model, "SECRET_FIELDS", frozenset())


def snapshot(instance) -> dict:
    """Field name -> value for every concrete field (FKs by their id)."""
    return {f.name: _plain(f.value_from_object(instance)) for f in instance._meta.concrete_fields}


def diff(before: dict, after: dict, *, secrets=frozenset()) -> dict:
    """{field: {"before": old, "after": new}} for the fields that changed;
    secret fields are recorded as changed, never with their values."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name in secrets:
            changes[name] = {"before": REDACTED, "after": REDACTED}
        else:
            changes[name] = {"before": old, "after": new}
    return changes


def record_event(
    *,
    actor: Actor,
    event_type: str,
    action: str,
    resource_type: str | None = None,
    resource_id=None,
    resource_name: str | None = None,
    tenant_id: str | None = None,
    changes: dict | None = None,
    description: str | None = None,
    success: bool = True,
    risk_level: str = "low",
    error_message: str | None = None,
    metadata: dict | None = None,
    http_method: str | None = None,
    http_path: str | None = None,
) -> AuditLog:
    return AuditLog.objects.create(
        event_type=event_type,
        action=action,
        actor_type=actor.type,
        actor_id=actor.id,
        actor_email=actor.email,
        actor_ip=actor.ip,
        actor_user_agent=actor.user_agent,
        request_id=actor.request_id,
        session_id=actor.session_id,
        tenant_id=tenant_id,
        resource_type=resource_type,
        resource_id=None if resource_id is None else str(resource_id),
        resource_name=resource_name,
        description=description,
        changes=changes or {},
        metadata={**actor.metadata, **(metadata or {})},
        success=success,
        risk_level=risk_level,
        error_message=error_message,
        http_method=http_method,
        http_path=http_path,
    )
