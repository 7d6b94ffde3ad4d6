"""Gateway state and policy: access grants, routing, breakers, pools, queues, rate limits."""
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from mcpmanager.fields import EnumField
from registry.choices import (
    CircuitBreakerState,
    LoadBalancingAlgorithm,
    RateLimitAction,
    RateLimitScope,
    TransportType,
)

from .servers import McpServer


class ServerAccessControl(models.Model):
    """A grant on one server to a user, a tenant or an API token.

    The admin form requires exactly one principal; the schema does not,
    because legacy rows may not satisfy it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="access_grants"
    )
    user = models.ForeignKey(
        "tenancy.User",
        on_delete=models.CASCADE,
        db_column="user_id",
        related_name="server_access_grants",
        null=True,
        blank=True,
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.CASCADE,
        db_column="tenant_id",
        related_name="server_access_grants",
        null=True,
        blank=True,
    )
    api_token = models.ForeignKey(
        "tenancy.ApiToken",
        on_delete=models.CASCADE,
        db_column="api_token_id",
        related_name="server_access_grants",
        null=True,
        blank=True,
    )
    can_read = models.BooleanField(default=True)
    can_write = models.BooleanField(default=False)
    can_admin = models.BooleanField(default=False)
    can_proxy = models.BooleanField(default=True)
    allowed_methods = ArrayField(models.TextField(), default=list, blank=True)  # empty = all
    denied_methods = ArrayField(models.TextField(), default=list, blank=True)
    access_start_at = models.DateTimeField(null=True, blank=True)
    access_end_at = models.DateTimeField(null=True, blank=True)
    # 0 = Monday … 6 = Sunday; empty = every day.
    allowed_days = ArrayField(models.IntegerField(), default=list, blank=True)
    # 0–23 UTC; empty = all hours.
    allowed_hours = ArrayField(models.IntegerField(), default=list, blank=True)
    is_active = models.BooleanField(default=True)
    last_access_at = models.DateTimeField(null=True, blank=True)
    access_count = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "server_access_control"
        verbose_name = "server access grant"
        verbose_name_plural = "server access grants"

    def __str__(self):
        if self.user_id:
            principal = f"user {self.user_id}"
        elif self.tenant_id:
            principal = f"tenant {self.tenant_id}"
        elif self.api_token_id:
            principal = f"API token {self.api_token_id}"
        else:
            principal = "nobody"
        return f"{principal} on {self.server_id}"


class RoutingRule(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.TextField()
    description = models.TextField(null=True, blank=True)
    conditions = models.JSONField(default=dict, blank=True)
    # Ordered mcp_server ids; no FK is possible on array elements.
    target_server_ids = ArrayField(models.TextField(), default=list, blank=True)
    load_balancing_strategy = EnumField(
        enum_name="load_balancing_algorithm",
        choices=LoadBalancingAlgorithm.choices,
        default=LoadBalancingAlgorithm.ROUND_ROBIN,
    )
    priority = models.IntegerField(default=100)  # lower = evaluated first
    is_active = models.BooleanField(default=True)
    # Null = global rule.
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.CASCADE,
        db_column="tenant_id",
        related_name="routing_rules",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "routing_rule"
        verbose_name = "routing rule"
        verbose_name_plural = "routing rules"

    def __str__(self):
        return f"{self.name} (priority {self.priority})"


class CircuitBreaker(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # One breaker per server (circuit_breaker_server_id_key): a one-to-one FK.
    server = models.OneToOneField(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="circuit_breaker"
    )
    service_name = models.TextField()
    state = EnumField(
        enum_name="circuit_breaker_state",
        choices=CircuitBreakerState.choices,
        default=CircuitBreakerState.CLOSED,
    )
    failure_count = models.IntegerField(default=0)
    success_count = models.IntegerField(default=0)
    failure_threshold = models.IntegerField(default=5)
    success_threshold = models.IntegerField(default=2)
    timeout_ms = models.IntegerField(default=60000)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_state_change_at = models.DateTimeField(default=timezone.now)
    total_requests = models.BigIntegerField(default=0)
    total_failures = models.BigIntegerField(default=0)
    total_timeouts = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "circuit_breaker"
        verbose_name = "circuit breaker"
        verbose_name_plural = "circuit breakers"

    def __str__(self):
        return f"{self.service_name} ({self.state})"


class ConnectionPool(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="connection_pools"
    )
    pool_name = models.TextField()
    transport = EnumField(enum_name="transport_type", choices=TransportType.choices)
    max_size = models.IntegerField(default=10)
    min_size = models.IntegerField(default=2)
    timeout_ms = models.IntegerField(default=30000)
    idle_timeout_ms = models.IntegerField(default=300000)
    active_connections = models.IntegerField(default=0)
    idle_connections = models.IntegerField(default=0)
    pending_requests = models.IntegerField(default=0)
    is_healthy = models.BooleanField(default=True)
    last_health_check_at = models.DateTimeField(null=True, blank=True)
    total_connections_created = models.BigIntegerField(default=0)
    total_connections_closed = models.BigIntegerField(default=0)
    connection_errors = models.BigIntegerField(default=0)
    avg_connection_time_ms = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "connection_pool"
        verbose_name = "connection pool"
        verbose_name_plural = "connection pools"

    def __str__(self):
        return self.pool_name


class RequestQueue(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="request_queues"
    )
    queue_name = models.TextField()
    max_size = models.IntegerField(default=1000)
    processing_timeout_ms = models.IntegerField(default=60000)
    priority_levels = models.IntegerField(default=3)
    current_size = models.IntegerField(default=0)
    processing_count = models.IntegerField(default=0)
    is_accepting_requests = models.BooleanField(default=True)
    last_processed_at = models.DateTimeField(null=True, blank=True)
    total_enqueued = models.BigIntegerField(default=0)
    total_processed = models.BigIntegerField(default=0)
    total_timeouts = models.BigIntegerField(default=0)
    total_errors = models.BigIntegerField(default=0)
    avg_processing_time_ms = models.FloatField(null=True, blank=True)
    avg_wait_time_ms = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "request_queue"
        verbose_name = "request queue"
        verbose_name_plural = "request queues"
        ordering = ["-current_size"]  # request_queue_current_size_idx: fullest first

    def __str__(self):
        return self.queue_name


class RateLimitConfig(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.TextField(unique=True)
    description = models.TextField(null=True, blank=True)
    scope = EnumField(enum_name="rate_limit_scope", choices=RateLimitScope.choices)
    # At most one target (rate_limit_config_target_check); none = every principal in scope.
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.CASCADE,
        db_column="tenant_id",
        related_name="rate_limit_configs",
        null=True,
        blank=True,
    )
    user = models.ForeignKey(
        "tenancy.User",
        on_delete=models.CASCADE,
        db_column="user_id",
        related_name="rate_limit_configs",
        null=True,
        blank=True,
    )
    api_token = models.ForeignKey(
        "tenancy.ApiToken",
        on_delete=models.CASCADE,
        db_column="api_token_id",
        related_name="rate_limit_configs",
        null=True,
        blank=True,
    )
    server = models.ForeignKey(
        McpServer,
        on_delete=models.CASCADE,
        db_column="server_id",
        related_name="rate_limit_configs",
        null=True,
        blank=True,
    )
    ip_network = models.TextField(null=True, blank=True)
    window_seconds = models.IntegerField()
    max_requests = models.IntegerField()
    burst = models.IntegerField(null=True, blank=True)
    action = EnumField(
        enum_name="rate_limit_action", choices=RateLimitAction.choices, default=RateLimitAction.BLOCK
    )
    priority = models.IntegerField(default=100)  # lower wins
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "rate_limit_config"
        verbose_name = "rate limit"
        verbose_name_plural = "rate limits"
        ordering = ["name"]  # rate_limit_config_name_key
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    Func(
                        F("tenant"),
                        F("user"),
                        F("api_token"),
                        F("server"),
                        F("ip_network"),
                        function="num_nonnulls",
                        output_field=models.IntegerField(),
                    ),
                    1,
                ),
                name="rate_limit_config_target_check",
            ),
            models.CheckConstraint(
                condition=Q(window_seconds__gt=0, max_requests__gte=0),
                name="rate_limit_config_window_check",
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.max_requests}/{self.window_seconds}s per {self.scope}"
