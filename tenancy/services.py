"""What admins do to tenants and people, beyond editing a row.

Every function takes keyword-only arguments, runs in one transaction, locks
the row it changes, and writes its audit_log row through audit.services, so
the change and its record commit or roll back together. Bad input raises
`TenancyServiceError`, whose message the admin shows as is.
"""
import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from audit import services as audit
from audit.services import Actor
from mcpmanager.services import ServiceError, locked
from tenancy.choices import USER_ROLES, InvitationStatus, TenantStatus
from tenancy.models import Session, Tenant, TenantInvitation, User

REASON_MAX_LENGTH = 1000
# How long an invitation token is valid, from its creation or its resend.
INVITATION_VALIDITY = timedelta(days=7)


class TenancyServiceError(ServiceError):
    """A refused tenancy operation."""


def _clean_reason(reason: str | None, *, required: bool) -> str | None:
    reason = (reason or "").strip()
    if not reason:
        if required:
            raise TenancyServiceError("A reason is required.")
        return None
    if len(reason) > REASON_MAX_LENGTH:
        raise TenancyServiceError(f"The reason is too long ({len(reason)} characters; at most {REASON_MAX_LENGTH}).")
    return reason


def _locked(model, pk):
    return locked(model, pk, error=TenancyServiceError)


def _save(instance, fields, before: dict) -> dict:
    """Save `fields` and return the audit diff against `before` (secrets masked)."""
    instance.save(update_fields=fields)
    instance.refresh_from_db(fields=fields)
    return audit.diff(before, audit.snapshot(instance), secrets=audit.secret_fields(type(instance)))


def _record(actor, instance, *, event_type, action, changes=None, risk_level="medium", **extra):
    tenant_id = instance.pk if isinstance(instance, Tenant) else getattr(instance, "tenant_id", None)
    return audit.record_event(
        actor=actor,
        event_type=event_type,
        action=action,
        resource_type=instance._meta.db_table,
        resource_id=instance.pk,
        resource_name=str(instance),
        tenant_id=tenant_id,
        changes=changes,
        risk_level=risk_level,
        **extra,
    )


# --- Tenants -----------------------------------------------------------------


@transaction.atomic
def suspend_tenant(*, actor: Actor, tenant: Tenant, reason: str) -> Tenant:
    reason = _clean_reason(reason, required=True)
    tenant = _locked(Tenant, tenant.pk)
    before = audit.snapshot(tenant)
    if tenant.status == TenantStatus.SUSPENDED:
        raise TenancyServiceError(f"Tenant “{tenant}” is already suspended.")
    tenant.status = TenantStatus.SUSPENDED
    tenant.suspended_at = timezone.now()
    tenant.suspended_reason = reason
    changes = _save(tenant, ["status", "suspended_at", "suspended_reason"], before)
    _record(actor, tenant, event_type="tenant.suspend", action="suspend", changes=changes,
            risk_level="high", description=f"Suspended: {reason}")
    return tenant


@transaction.atomic
def reactivate_tenant(*, actor: Actor, tenant: Tenant) -> Tenant:
    tenant = _locked(Tenant, tenant.pk)
    before = audit.snapshot(tenant)
    if tenant.status == TenantStatus.ACTIVE:
        raise TenancyServiceError(f"Tenant “{tenant}” is already active.")
    tenant.status = TenantStatus.ACTIVE
    tenant.suspended_at = None
    tenant.suspended_reason = None
    changes = _save(tenant, ["status", "suspended_at", "suspended_reason"], before)
    _record(actor, tenant, event_type="tenant.reactivate", action="reactivate", changes=changes)
    return tenant


@transaction.atomic
def delete_tenant_servers(*, actor: Actor, tenant: Tenant) -> int:
    """Delete the servers a tenant owns (with their tools, checks, grants …),
    one audit row each; the caller then deletes the tenant in the same
    transaction (mcp_server.tenant_id is ON DELETE RESTRICT)."""
    from registry.models import McpServer

    servers = list(McpServer.objects.select_for_update().filter(tenant_id=tenant.pk).order_by("name"))
    for server in servers:
        _record(
            actor, server, event_type="mcp_server.delete", action="delete", risk_level="high",
            changes={name: {"before": value, "after": None} for name, value in audit.snapshot(server).items()
                     if name not in McpServer.SECRET_FIELDS},
            description=f"Deleted with tenant “{tenant}”.",
        )
        server.delete()
    return len(servers)


def new_invitation_token() -> tuple[str, str]:
    """A fresh invitation token and the SHA-256 hex digest stored for it."""
    token = secrets.token_urlsafe(32)
    return token, hashlib.sha256(token.encode()).hexdigest()


def prepare_invitation(invitation: TenantInvitation) -> str | None:
    """Give a new invitation its token hash (server side; never typed in a
    form) and a lower-cased e-mail; returns the token to hand to the invitee
    once, or None for an existing invitation."""
    invitation.email = (invitation.email or "").strip().lower()
    if invitation.token_hash:
        return None
    token, invitation.token_hash = new_invitation_token()
    return token


def _locked_pending_invitation(invitation: TenantInvitation) -> TenantInvitation:
    invitation = _locked(TenantInvitation, invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise TenancyServiceError(
            f"The invitation for {invitation.email} is {invitation.status}; only pending invitations can change."
        )
    return invitation


@transaction.atomic
def revoke_invitation(*, actor: Actor, invitation: TenantInvitation) -> TenantInvitation:
    """The token stops working (Better-Auth accepts only pending invitations)."""
    invitation = _locked_pending_invitation(invitation)
    before = audit.snapshot(invitation)
    invitation.status = InvitationStatus.REVOKED
    invitation.revoked_at = timezone.now()
    changes = _save(invitation, ["status", "revoked_at"], before)
    _record(actor, invitation, event_type="tenant_invitation.revoke", action="revoke", changes=changes,
            description=f"Invitation for {invitation.email} revoked.")
    return invitation


@transaction.atomic
def resend_invitation(*, actor: Actor, invitation: TenantInvitation) -> tuple[TenantInvitation, str]:
    """A new token replaces the old one (which stops working) and is valid for
    INVITATION_VALIDITY from now; an expiry already further out is kept.
    Returns the invitation and the new token, to be shown once: only its
    SHA-256 is stored, and the audit diff masks it."""
    invitation = _locked_pending_invitation(invitation)
    before = audit.snapshot(invitation)
    token, invitation.token_hash = new_invitation_token()
    invitation.expires_at = max(invitation.expires_at, timezone.now() + INVITATION_VALIDITY)
    changes = _save(invitation, ["token_hash", "expires_at"], before)
    _record(actor, invitation, event_type="tenant_invitation.resend", action="resend", changes=changes,
            description=f"Invitation for {invitation.email} resent with a new token.")
    return invitation, token


# --- Users -------------------------------------------------------------------


def _delete_sessions(user: User) -> int:
    deleted, _ = Session.objects.filter(user_id=user.pk).delete()
    return deleted


@transaction.atomic
def ban_user(*, actor: Actor, user: User, reason: str, expires_at: datetime | None = None) -> User:
    """Ban and sign out: Better-Auth checks a ban only when a session is
    created, so the user's live sessions are deleted with the ban."""
    reason = _clean_reason(reason, required=True)
    if expires_at is not None and expires_at <= timezone.now():
        raise TenancyServiceError("The ban expiry must be in the future (leave it empty for a permanent ban).")
    user = _locked(User, user.pk)
    before = audit.snapshot(user)
    user.banned = True
    user.ban_reason = reason
    user.ban_expires = expires_at
    changes = _save(user, ["banned", "ban_reason", "ban_expires"], before)
    revoked = _delete_sessions(user)
    _record(actor, user, event_type="user.ban", action="ban", changes=changes, risk_level="high",
            description=f"Banned: {reason}", metadata={"sessions_revoked": revoked})
    return user


@transaction.atomic
def unban_user(*, actor: Actor, user: User) -> User:
    user = _locked(User, user.pk)
    before = audit.snapshot(user)
    if not user.banned:
        raise TenancyServiceError(f"{user} is not banned.")
    user.banned = False
    user.ban_reason = None
    user.ban_expires = None
    changes = _save(user, ["banned", "ban_reason", "ban_expires"], before)
    _record(actor, user, event_type="user.unban", action="unban", changes=changes)
    return user


@transaction.atomic
def revoke_sessions(*, actor: Actor, user: User) -> int:
    """Sign the user out of the frontend everywhere; returns the count."""
    user = _locked(User, user.pk)
    revoked = _delete_sessions(user)
    _record(actor, user, event_type="user.revoke_sessions", action="revoke_sessions",
            description=f"{revoked} session(s) revoked.", metadata={"sessions_revoked": revoked})
    return revoked


def clean_roles(roles) -> str:
    """The stored form of a role list: known roles, de-duplicated, in the
    order given, comma-separated without spaces (CHECK user_role_check)."""
    if isinstance(roles, str):
        roles = roles.split(",")
    cleaned = []
    for role in roles:
        role = role.strip()
        if role not in USER_ROLES:
            raise TenancyServiceError(f"Unknown role “{role}”; the roles are {', '.join(USER_ROLES)}.")
        if role not in cleaned:
            cleaned.append(role)
    if not cleaned:
        raise TenancyServiceError("A user needs at least one role.")
    return ",".join(cleaned)


def role_change_risk(before: str, after: str) -> str:
    granted = set(after.split(",")) - set(before.split(","))
    return "high" if "admin" in granted else "medium"


@transaction.atomic
def set_roles(*, actor: Actor, user: User, roles) -> User:
    role = clean_roles(roles)
    user = _locked(User, user.pk)
    if role == user.role:
        return user
    before = audit.snapshot(user)
    user.role = role
    changes = _save(user, ["role"], before)
    _record(actor, user, event_type="user.role_change", action="role_change", changes=changes,
            risk_level=role_change_risk(before["role"], role),
            description=f"Roles {before['role']} -> {role}.")
    return user
