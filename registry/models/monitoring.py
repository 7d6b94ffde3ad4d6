"""Health and performance of MCP servers: health checks, metrics, alerts.

`mcp_server_health_check` and `server_metric` are insert-only time series
(no `updated_at`); `performance_alert` is edited configuration plus state.
"""
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from mcpmanager.fields import EnumField
from registry.choices import ComparisonOperator, ServerHealth

from .servers import McpServer


class McpServerHealthCheck(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="health_checks"
    )
    checked_at = models.DateTimeField(default=timezone.now)
    status = EnumField(enum_name="server_health", choices=ServerHealth.choices)
    response_time_ms = models.FloatField(null=True, blank=True)
    http_status = models.IntegerField(null=True, blank=True)
    error_message = models.TextField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "mcp_server_health_check"
        verbose_name = "MCP server health check"
        verbose_name_plural = "MCP server health checks"
        ordering = ["-checked_at"]  # mcp_server_health_check_checked_at_idx

    def __str__(self):
        return f"{self.server_id} {self.status} at {self.checked_at:%Y-%m-%d %H:%M:%S}"


class ServerMetric(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="metrics"
    )
    measured_at = models.DateTimeField(default=timezone.now)
    response_time_ms = models.FloatField(null=True, blank=True)
    requests_per_second = models.FloatField(null=True, blank=True)
    error_rate = models.FloatField(null=True, blank=True)
    cpu_usage = models.FloatField(null=True, blank=True)
    memory_usage_mb = models.FloatField(null=True, blank=True)
    active_connections = models.IntegerField(null=True, blank=True)
    connection_pool_size = models.IntegerField(null=True, blank=True)
    custom_metrics = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "server_metric"
        verbose_name = "server metric"
        verbose_name_plural = "server metrics"
        ordering = ["-measured_at"]  # server_metric_measured_at_idx

    def __str__(self):
        return f"{self.server_id} metrics at {self.measured_at:%Y-%m-%d %H:%M:%S}"


class PerformanceAlert(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.TextField()
    description = models.TextField(null=True, blank=True)
    # Null = the alert watches every server.
    server = models.ForeignKey(
        McpServer,
        on_delete=models.CASCADE,
        db_column="server_id",
        related_name="performance_alerts",
        null=True,
        blank=True,
    )
    metric_name = models.TextField()
    threshold_value = models.FloatField()
    comparison_operator = EnumField(enum_name="comparison_operator", choices=ComparisonOperator.choices)
    duration_minutes = models.IntegerField(default=5)
    is_active = models.BooleanField(default=True)
    is_triggered = models.BooleanField(default=False)
    first_triggered_at = models.DateTimeField(null=True, blank=True)
    last_triggered_at = models.DateTimeField(null=True, blank=True)
    trigger_count = models.BigIntegerField(default=0)
    notification_channels = ArrayField(models.TextField(), default=list, blank=True)
    cooldown_minutes = models.IntegerField(default=60)
    last_notification_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "performance_alert"
        verbose_name = "performance alert"
        verbose_name_plural = "performance alerts"

    def __str__(self):
        return f"{self.name} ({self.metric_name} {self.comparison_operator} {self.threshold_value})"
