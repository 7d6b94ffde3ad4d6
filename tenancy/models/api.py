"""Gateway API tokens and their hourly usage roll-ups (spec 3.4).

Unmanaged: the tables belong to Drizzle (drizzle/schema/api.ts); field names
are the column names, FKs are named without `_id`. Personal keys created
through Better-Auth are `ApiKey` (auth.py), a different table and scheme.
"""
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mcpmanager.fields import EnumArrayField, EnumField
from tenancy.choices import ApiKeyScope

# Where a row was imported from (CHECK `api_token_legacy_source_check`); NULL = native.
LEGACY_SOURCES = ("api_keys", "enhanced_api_keys")


class ApiToken(models.Model):
    SECRET_FIELDS = frozenset({"key_hash", "salt"})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.TextField()
    description = models.TextField(null=True, blank=True)
    key_hash = models.TextField(unique=True)
    key_prefix = models.TextField()
    salt = models.TextField(null=True, blank=True)
    user = models.ForeignKey(
        "tenancy.User",
        on_delete=models.CASCADE,
        db_column="user_id",
        related_name="api_tokens",
        null=True,
        blank=True,
    )
    # CASCADE: SET NULL would widen a tenant token to a global one.
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.CASCADE,
        db_column="tenant_id",
        related_name="api_tokens",
        null=True,
        blank=True,
    )
    scopes = EnumArrayField(
        EnumField(enum_name="api_key_scope", choices=ApiKeyScope.choices), default=list, blank=True
    )
    permissions = models.JSONField(default=list, blank=True)
    # mcp_server ids (no FK: an array); empty = all servers.
    allowed_servers = ArrayField(models.TextField(), default=list, blank=True)
    allowed_methods = ArrayField(models.TextField(), default=list, blank=True)
    # Addresses or CIDR networks exactly as written; empty = any.
    ip_whitelist = ArrayField(models.TextField(), default=list, blank=True)
    rate_limit_per_hour = models.IntegerField(null=True, blank=True)
    rate_limit_per_day = models.IntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    total_requests = models.BigIntegerField(default=0)
    total_errors = models.BigIntegerField(default=0)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.IntegerField(default=0)
    last_failed_attempt_at = models.DateTimeField(null=True, blank=True)
    is_locked = models.BooleanField(default=False)
    locked_until = models.DateTimeField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    legacy_source = models.TextField(
        choices=[(s, s) for s in LEGACY_SOURCES], null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Advanced by the touch_updated_at trigger on every UPDATE.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "api_token"
        verbose_name = "API token"
        verbose_name_plural = "API tokens"
        constraints = [
            models.CheckConstraint(
                condition=Q(legacy_source__in=LEGACY_SOURCES) | Q(legacy_source__isnull=True),
                name="api_token_legacy_source_check",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"


class ApiUsage(models.Model):
    """Hourly roll-up per token and server."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Usage roll-ups are owned by their token.
    api_token = models.ForeignKey(
        ApiToken, on_delete=models.CASCADE, db_column="api_token_id", related_name="usage"
    )
    # History references: plain columns without FK.
    tenant_id = models.TextField(null=True, blank=True)
    server_id = models.TextField(null=True, blank=True)  # null = not server-bound
    period_start = models.DateTimeField()  # start of the UTC hour
    request_count = models.BigIntegerField(default=0)
    error_count = models.BigIntegerField(default=0)
    total_duration_ms = models.FloatField(default=0)
    bytes_in = models.BigIntegerField(default=0)
    bytes_out = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "api_usage"
        verbose_name = "API usage"
        verbose_name_plural = "API usage"
        ordering = ["-period_start"]  # api_usage_period_start_idx
        constraints = [
            # server_id NULL counts as equal: one unbound roll-up per token and hour.
            models.UniqueConstraint(
                fields=["api_token", "server_id", "period_start"],
                name="api_usage_api_token_id_server_id_period_start_key",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        return f"{self.api_token_id} {self.server_id or '-'} {self.period_start:%Y-%m-%d %H:00}"
