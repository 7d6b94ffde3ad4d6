"""Choices for the tenancy app's PostgreSQL enums (spec section 2) and user roles.

Each `TextChoices` holds exactly the values of one pg enum, in the enum's
order; a test compares them with `pg_enum` and the drift check relies on it.
"""
from django.db import models


class TenantStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    DISABLED = "disabled", "Disabled"


class TenantPlan(models.TextChoices):
    FREE = "free", "Free"
    TEAM = "team", "Team"
    BUSINESS = "business", "Business"
    ENTERPRISE = "enterprise", "Enterprise"


class TenantRole(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class ApiKeyScope(models.TextChoices):
    READ = "read", "Read"
    WRITE = "write", "Write"
    ADMIN = "admin", "Admin"
    PROXY = "proxy", "Proxy"
    METRICS = "metrics", "Metrics"
    HEALTH = "health", "Health"


# pg enum name -> TextChoices, for the enum test and the drift check.
ENUM_CHOICES = {
    "tenant_status": TenantStatus,
    "tenant_plan": TenantPlan,
    "tenant_role": TenantRole,
    "invitation_status": InvitationStatus,
    "api_key_scope": ApiKeyScope,
}

# `user.role` is not an enum: Better-Auth's admin plugin stores one or more of
# these, comma-separated without spaces (CHECK `user_role_check`).
USER_ROLES = ("admin", "support", "staff", "server_owner", "user", "readonly", "service")
DEFAULT_USER_ROLE = "user"
