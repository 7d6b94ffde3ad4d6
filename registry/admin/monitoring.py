"""Health checks and metrics (insert-only time series: read-only, never
counted in full) and performance alerts (configuration: editable)."""
from django.contrib import admin

from mcpmanager.admin import LargeTableAdminMixin, ReadOnlyAdminMixin
from tenancy.admin.base import PageAdmin
from registry.models import McpServerHealthCheck, PerformanceAlert, ServerMetric
from tenancy.admin.forms import LimitedModelForm


@admin.register(McpServerHealthCheck)
class McpServerHealthCheckAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, PageAdmin):
    list_display = ("checked_at", "server", "status", "response_time_ms", "http_status", "error_message")
    list_filter = ("status",)  # an enum: static choices
    list_select_related = ("server",)
    ordering = ("-checked_at",)  # mcp_server_health_check_checked_at_idx; ?server__exact=<id> for one server


@admin.register(ServerMetric)
class ServerMetricAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, PageAdmin):
    list_display = (
        "measured_at", "server", "response_time_ms", "requests_per_second", "error_rate", "cpu_usage",
        "memory_usage_mb", "active_connections",
    )
    list_select_related = ("server",)
    ordering = ("-measured_at",)  # server_metric_measured_at_idx


@admin.register(PerformanceAlert)
class PerformanceAlertAdmin(PageAdmin):
    form = LimitedModelForm
    list_display = (
        "name", "server", "metric_name", "comparison_operator", "threshold_value", "is_active", "is_triggered",
        "last_triggered_at",
    )
    list_filter = ("is_triggered", "is_active", "comparison_operator")
    list_select_related = ("server",)
    raw_id_fields = ("server",)
    readonly_fields = (
        "is_triggered", "first_triggered_at", "last_triggered_at", "trigger_count", "last_notification_at",
        "created_at", "updated_at",
    )
    ordering = ("-is_triggered", "-last_triggered_at", "name")  # triggered first
