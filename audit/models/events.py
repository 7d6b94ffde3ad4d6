"""Triaged events: security events, error groups, system events (spec 3.5).

Unmanaged: the tables belong to Drizzle (drizzle/schema/audit.ts). Subject
ids are plain columns without FK (history); the workflow fields
`resolved_by` / `acknowledged_by` are FKs to the user, SET NULL on delete.
"""
import uuid

from django.db import models
from django.utils import timezone

from audit.choices import ErrorLevel, ErrorStatus, EventSeverity, SecurityEventStatus
from mcpmanager.fields import EnumField


class SecurityEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now)
    event_type = models.TextField()
    severity = EnumField(enum_name="event_severity", choices=EventSeverity.choices, default=EventSeverity.MEDIUM)
    status = EnumField(
        enum_name="security_event_status", choices=SecurityEventStatus.choices, default=SecurityEventStatus.OPEN
    )
    user_id = models.TextField(null=True, blank=True)
    tenant_id = models.TextField(null=True, blank=True)
    api_token_id = models.UUIDField(null=True, blank=True)
    ip_address = models.TextField(null=True, blank=True)
    user_agent = models.TextField(null=True, blank=True)
    description = models.TextField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="resolved_by",
        related_name="resolved_security_events",
        null=True,
        blank=True,
    )
    resolution = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Advanced by the touch_updated_at trigger on every UPDATE.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "security_event"
        verbose_name = "security event"
        verbose_name_plural = "security events"
        ordering = ["-occurred_at", "-id"]  # security_event_occurred_at_idx
        permissions = [("export_securityevent", "Can export security events as CSV")]

    def __str__(self):
        return f"{self.event_type} ({self.severity}, {self.status})"


class ErrorLog(models.Model):
    """One row per error group (service, environment, fingerprint)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.TextField()
    environment = models.TextField()
    fingerprint = models.TextField()
    level = EnumField(enum_name="error_level", choices=ErrorLevel.choices, default=ErrorLevel.ERROR)
    status = EnumField(enum_name="error_status", choices=ErrorStatus.choices, default=ErrorStatus.OPEN)
    error_type = models.TextField()
    message = models.TextField()
    stack_trace = models.TextField(null=True, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    occurrence_count = models.BigIntegerField(default=1)
    last_request_id = models.TextField(null=True, blank=True)
    last_trace_id = models.TextField(null=True, blank=True)
    last_user_id = models.TextField(null=True, blank=True)
    tenant_id = models.TextField(null=True, blank=True)
    http_method = models.TextField(null=True, blank=True)
    http_path = models.TextField(null=True, blank=True)
    context = models.JSONField(default=dict, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="resolved_by",
        related_name="resolved_errors",
        null=True,
        blank=True,
    )
    resolution = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "error_log"
        verbose_name = "error"
        verbose_name_plural = "errors"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "environment", "fingerprint"],
                name="error_log_service_environment_fingerprint_key",
            ),
        ]

    def __str__(self):
        return f"{self.service}/{self.environment}: {self.error_type}"


class SystemEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now)
    event_type = models.TextField()
    source = models.TextField()  # emitting component
    severity = EnumField(enum_name="event_severity", choices=EventSeverity.choices, default=EventSeverity.INFO)
    title = models.TextField()
    description = models.TextField(null=True, blank=True)
    tenant_id = models.TextField(null=True, blank=True)
    resource_type = models.TextField(null=True, blank=True)
    resource_id = models.TextField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="acknowledged_by",
        related_name="acknowledged_system_events",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "system_event"
        verbose_name = "system event"
        verbose_name_plural = "system events"
        ordering = ["-occurred_at", "-id"]  # system_event_occurred_at_idx

    def __str__(self):
        return self.title
