"""Tenants, their members, invitations and daily usage (spec 3.2).

Unmanaged: the tables belong to Drizzle (drizzle/schema/tenancy.ts); field
names are the column names, FKs are named without `_id`.
"""
import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from mcpmanager.fields import EnumField
from tenancy.choices import InvitationStatus, TenantPlan, TenantRole, TenantStatus

# Same patterns as the CHECKs `tenant_slug_check` and `tenant_usage_metric_check`.
TENANT_SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TENANT_SLUG_MAX_LENGTH = 63
USAGE_METRIC_PATTERN = r"^[a-z][a-z0-9_.]*$"


def new_tenant_id() -> str:
    """Python-side twin of the column default `gen_random_uuid()::text`."""
    return str(uuid.uuid4())


class Tenant(models.Model):
    id = models.TextField(primary_key=True, default=new_tenant_id)
    name = models.TextField()
    slug = models.TextField(unique=True)
    description = models.TextField(null=True, blank=True)
    status = EnumField(enum_name="tenant_status", choices=TenantStatus.choices, default=TenantStatus.ACTIVE)
    plan = EnumField(enum_name="tenant_plan", choices=TenantPlan.choices, null=True, blank=True)
    settings = models.JSONField(default=dict, blank=True)
    # Keys max_servers, max_users, max_api_calls_per_day, max_api_tokens; absent = unlimited.
    limits = models.JSONField(default=dict, blank=True)
    features = models.JSONField(default=dict, blank=True)
    billing_email = models.TextField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_reason = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Advanced by the touch_updated_at trigger on every UPDATE.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "tenant"
        verbose_name = "tenant"
        verbose_name_plural = "tenants"
        ordering = ["name"]  # tenant_name_idx
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__regex=TENANT_SLUG_PATTERN)
                & Q(LessThanOrEqual(Length("slug"), TENANT_SLUG_MAX_LENGTH)),
                name="tenant_slug_check",
            ),
        ]

    def __str__(self):
        return self.name


class TenantMember(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, db_column="tenant_id", related_name="members")
    user = models.ForeignKey(
        "tenancy.User", on_delete=models.CASCADE, db_column="user_id", related_name="tenant_memberships"
    )
    role = EnumField(enum_name="tenant_role", choices=TenantRole.choices, default=TenantRole.MEMBER)
    invited_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="invited_by",
        related_name="invited_tenant_members",
        null=True,
        blank=True,
    )
    joined_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "tenant_member"
        verbose_name = "tenant member"
        verbose_name_plural = "tenant members"
        constraints = [
            models.UniqueConstraint(fields=["tenant", "user"], name="tenant_member_tenant_id_user_id_key"),
        ]

    def __str__(self):
        # Also the audit rows' resource_name: pages listing members select_related user and tenant.
        user = self.user.email if self.user_id else "?"
        tenant = self.tenant.name if self.tenant_id else "?"
        return f"{user} in {tenant} ({self.role})"


class TenantInvitation(models.Model):
    SECRET_FIELDS = frozenset({"token_hash"})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, db_column="tenant_id", related_name="invitations"
    )
    email = models.TextField()
    role = EnumField(enum_name="tenant_role", choices=TenantRole.choices, default=TenantRole.MEMBER)
    token_hash = models.TextField(unique=True)
    status = EnumField(
        enum_name="invitation_status", choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="invited_by",
        related_name="sent_tenant_invitations",
        null=True,
        blank=True,
    )
    accepted_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="accepted_by",
        related_name="accepted_tenant_invitations",
        null=True,
        blank=True,
    )
    message = models.TextField(null=True, blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "tenant_invitation"
        verbose_name = "tenant invitation"
        verbose_name_plural = "tenant invitations"
        constraints = [
            # A unique index in the DB; one pending invitation per address and tenant.
            models.UniqueConstraint(
                fields=["tenant", "email"],
                condition=Q(status=InvitationStatus.PENDING),
                name="tenant_invitation_tenant_id_email_pending_key",
            ),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="tenant_invitation_email_check"),
        ]

    def __str__(self):
        # Pages listing invitations select_related the tenant.
        tenant = self.tenant.name if self.tenant_id else "?"
        return f"Invitation of {self.email} to {tenant}"


class TenantUsage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, db_column="tenant_id", related_name="usage")
    period_start = models.DateField()  # a UTC day
    metric = models.TextField()
    value = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "tenant_usage"
        verbose_name = "tenant usage"
        verbose_name_plural = "tenant usage"
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "metric", "period_start"],
                name="tenant_usage_tenant_id_metric_period_start_key",
            ),
            models.CheckConstraint(condition=Q(metric__regex=USAGE_METRIC_PATTERN), name="tenant_usage_metric_check"),
        ]

    def __str__(self):
        return f"{self.tenant_id} {self.metric} {self.period_start}: {self.value}"
