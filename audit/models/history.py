"""Insert-only history: audit log, request log, rate-limit violations (spec 3.4, 3.5).

Unmanaged: the tables belong to Drizzle (drizzle/schema/audit.ts, api.ts).
`audit_log` and `request_log` are append-only in the database (UPDATE, DELETE
and TRUNCATE raise, except DELETE under the role `mcp_retention`). Actor,
tenant, server and token ids are plain columns without FK: history outlives
the rows it names.
"""
import uuid

from django.db import models
from django.utils import timezone

from audit.choices import AuditActorType, AuditRisk
from mcpmanager.fields import EnumField
from registry.choices import RateLimitAction


class AuditLog(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now)
    event_type = models.TextField()  # dotted, e.g. tenant.update, mcp.request
    action = models.TextField()
    actor_type = EnumField(enum_name="audit_actor_type", choices=AuditActorType.choices)
    actor_id = models.TextField(null=True, blank=True)
    actor_email = models.TextField(null=True, blank=True)
    actor_ip = models.TextField(null=True, blank=True)
    actor_user_agent = models.TextField(null=True, blank=True)
    tenant_id = models.TextField(null=True, blank=True)
    resource_type = models.TextField(null=True, blank=True)
    resource_id = models.TextField(null=True, blank=True)
    resource_name = models.TextField(null=True, blank=True)
    description = models.TextField(null=True, blank=True)
    # {field: {"before": ..., "after": ...}}; secret columns as "***REDACTED***".
    changes = models.JSONField(default=dict, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    success = models.BooleanField(default=True)
    error_code = models.TextField(null=True, blank=True)
    error_message = models.TextField(null=True, blank=True)
    request_id = models.TextField(null=True, blank=True)
    session_id = models.TextField(null=True, blank=True)
    trace_id = models.TextField(null=True, blank=True)
    http_method = models.TextField(null=True, blank=True)
    http_path = models.TextField(null=True, blank=True)
    http_status = models.IntegerField(null=True, blank=True)
    duration_ms = models.FloatField(null=True, blank=True)
    risk_level = EnumField(enum_name="audit_risk", choices=AuditRisk.choices, default=AuditRisk.LOW)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "audit_log"
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        ordering = ["-occurred_at", "-id"]  # audit_log_occurred_at_id_idx
        permissions = [("export_auditlog", "Can export audit log as CSV")]

    def __str__(self):
        return f"{self.event_type} {self.action} by {self.actor_type}:{self.actor_id or '-'}"


class RequestLog(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request_id = models.TextField(unique=True)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    user_id = models.TextField(null=True, blank=True)
    tenant_id = models.TextField(null=True, blank=True)
    server_id = models.TextField(null=True, blank=True)
    ip_address = models.TextField(null=True, blank=True)
    http_method = models.TextField()
    http_path = models.TextField()
    query_params = models.JSONField(default=dict, blank=True)
    # Writers drop Authorization, Cookie and X-API-Key before storing.
    headers = models.JSONField(default=dict, blank=True)
    status_code = models.IntegerField(null=True, blank=True)
    duration_ms = models.FloatField(null=True, blank=True)
    response_size_bytes = models.BigIntegerField(null=True, blank=True)
    error_type = models.TextField(null=True, blank=True)
    error_message = models.TextField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "request_log"
        verbose_name = "request log entry"
        verbose_name_plural = "request log"
        ordering = ["-requested_at", "-id"]  # request_log_requested_at_id_idx
        permissions = [("export_requestlog", "Can export request log as CSV")]

    def __str__(self):
        return f"{self.http_method} {self.http_path} ({self.request_id})"


class RateLimitViolation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now)
    # The only FK: the violation outlives its config (SET NULL).
    rate_limit_config = models.ForeignKey(
        "registry.RateLimitConfig",
        on_delete=models.SET_NULL,
        db_column="rate_limit_config_id",
        related_name="violations",
        null=True,
        blank=True,
    )
    api_token_id = models.UUIDField(null=True, blank=True)
    user_id = models.TextField(null=True, blank=True)
    tenant_id = models.TextField(null=True, blank=True)
    server_id = models.TextField(null=True, blank=True)
    ip_address = models.TextField(null=True, blank=True)
    http_method = models.TextField(null=True, blank=True)
    http_path = models.TextField(null=True, blank=True)
    limit_value = models.IntegerField()
    observed_value = models.IntegerField()
    window_seconds = models.IntegerField()
    action = EnumField(enum_name="rate_limit_action", choices=RateLimitAction.choices)  # action taken
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "rate_limit_violation"
        verbose_name = "rate-limit violation"
        verbose_name_plural = "rate-limit violations"
        ordering = ["-occurred_at", "-id"]  # rate_limit_violation_occurred_at_idx

    def __str__(self):
        return f"{self.action}: {self.observed_value}/{self.limit_value} in {self.window_seconds}s"
