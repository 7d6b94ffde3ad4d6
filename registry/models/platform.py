"""Platform configuration: settings, feature flags, maintenance, announcements."""
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from mcpmanager.fields import EnumField
from registry.choices import AnnouncementLevel, MaintenanceStatus


class SystemConfig(models.Model):
    # `value` is a secret only when `is_sensitive` is set: the admin then shows
    # "set / not set" and accepts a replacement, never the value itself.
    SECRET_FIELDS = frozenset({"value"})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.TextField()
    # Any JSON value (object, list, string, number, boolean); no DB default.
    value = models.JSONField()
    description = models.TextField(null=True, blank=True)
    category = models.TextField()
    is_sensitive = models.BooleanField(default=False)
    is_runtime_configurable = models.BooleanField(default=True)  # false = read-only in the admin
    version = models.IntegerField(default=1)
    # Null = global setting; set = tenant override.
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.CASCADE,
        db_column="tenant_id",
        related_name="config_overrides",
        null=True,
        blank=True,
    )
    updated_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="updated_by",
        related_name="updated_system_configs",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "system_config"
        verbose_name = "system setting"
        verbose_name_plural = "system settings"
        ordering = ["category", "key"]  # system_config_category_key_idx
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "key"], name="system_config_tenant_id_key_key", nulls_distinct=False
            ),
        ]

    def __str__(self):
        return f"{self.key} (tenant {self.tenant_id})" if self.tenant_id else self.key


class FeatureFlag(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.TextField(unique=True)
    name = models.TextField()
    description = models.TextField(null=True, blank=True)
    is_enabled = models.BooleanField(default=False)  # master switch
    rollout_percentage = models.IntegerField(default=0)
    # {tenant_ids: [], user_ids: [], roles: []}: always-on lists.
    targeting = models.JSONField(default=dict, blank=True)
    tags = ArrayField(models.TextField(), default=list, blank=True)
    owner = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="owner_id",
        related_name="owned_feature_flags",
        null=True,
        blank=True,
    )
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "feature_flag"
        verbose_name = "feature flag"
        verbose_name_plural = "feature flags"
        ordering = ["key"]  # feature_flag_key_key
        constraints = [
            models.CheckConstraint(condition=Q(key__regex=r"^[a-z][a-z0-9_]*$"), name="feature_flag_key_check"),
            models.CheckConstraint(
                condition=Q(rollout_percentage__gte=0, rollout_percentage__lte=100),
                name="feature_flag_rollout_percentage_check",
            ),
        ]

    def __str__(self):
        return self.key


class MaintenanceWindow(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.TextField()
    description = models.TextField(null=True, blank=True)
    status = EnumField(
        enum_name="maintenance_status",
        choices=MaintenanceStatus.choices,
        default=MaintenanceStatus.SCHEDULED,
    )
    scheduled_start = models.DateTimeField()
    scheduled_end = models.DateTimeField()
    actual_start = models.DateTimeField(null=True, blank=True)
    actual_end = models.DateTimeField(null=True, blank=True)
    # mcp_server ids (no FK on array elements); empty = none specifically.
    affected_server_ids = ArrayField(models.TextField(), default=list, blank=True)
    # tenant ids; empty = all tenants.
    affected_tenant_ids = ArrayField(models.TextField(), default=list, blank=True)
    notify_users = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="created_by",
        related_name="created_maintenance_windows",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "maintenance_window"
        verbose_name = "maintenance window"
        verbose_name_plural = "maintenance windows"
        constraints = [
            models.CheckConstraint(
                condition=Q(scheduled_end__gt=F("scheduled_start")), name="maintenance_window_period_check"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.scheduled_start:%Y-%m-%d %H:%M})"


class SystemAnnouncement(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.TextField()
    message = models.TextField()
    level = EnumField(
        enum_name="announcement_level", choices=AnnouncementLevel.choices, default=AnnouncementLevel.INFO
    )
    target_roles = ArrayField(models.TextField(), default=list, blank=True)  # empty = everyone
    target_tenant_ids = ArrayField(models.TextField(), default=list, blank=True)  # empty = all tenants
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_dismissible = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="created_by",
        related_name="created_announcements",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "system_announcement"
        verbose_name = "system announcement"
        verbose_name_plural = "system announcements"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="system_announcement_period_check",
            ),
        ]

    def __str__(self):
        return f"[{self.level}] {self.title}"
