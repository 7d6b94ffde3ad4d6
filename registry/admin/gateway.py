"""Gateway policy and state: access grants, routing, breakers, pools, queues,
rate limits."""
from django import forms
from django.contrib import admin

from registry import services
from tenancy.admin.actions import run_for_each
from tenancy.admin.base import PageAdmin
from registry.models import (
    CircuitBreaker,
    ConnectionPool,
    McpServer,
    RateLimitConfig,
    RequestQueue,
    RoutingRule,
    ServerAccessControl,
)
from tenancy.admin.forms import LimitedModelForm

PRINCIPALS = ("user", "tenant", "api_token")


class AccessGrantForm(LimitedModelForm):
    def clean(self):
        cleaned = super().clean()
        given = [name for name in PRINCIPALS if cleaned.get(name)]
        if len(given) != 1:
            raise forms.ValidationError("Grant access to exactly one of: a user, a tenant or an API token.")
        if any(not 0 <= day <= 6 for day in cleaned.get("allowed_days") or []):
            raise forms.ValidationError("Allowed days are 0 (Monday) to 6 (Sunday).")
        if any(not 0 <= hour <= 23 for hour in cleaned.get("allowed_hours") or []):
            raise forms.ValidationError("Allowed hours are 0 to 23 (UTC).")
        return cleaned


@admin.register(ServerAccessControl)
class ServerAccessControlAdmin(PageAdmin):
    form = AccessGrantForm
    list_display = ("server", "principal", "can_read", "can_write", "can_admin", "can_proxy", "is_active")
    list_filter = ("is_active", "can_write", "can_admin")
    list_select_related = ("server", "user", "tenant", "api_token")
    raw_id_fields = ("server", "user", "tenant", "api_token")
    readonly_fields = ("last_access_at", "access_count", "created_at", "updated_at")
    ordering = ("-created_at", "-id")

    @admin.display(description="granted to")
    def principal(self, obj):
        return obj.user or obj.tenant or obj.api_token or "nobody"


@admin.register(RoutingRule)
class RoutingRuleAdmin(PageAdmin):
    form = LimitedModelForm
    list_display = ("name", "priority", "load_balancing_strategy", "tenant", "is_active")
    list_filter = ("is_active", "load_balancing_strategy")
    list_select_related = ("tenant",)
    raw_id_fields = ("tenant",)
    readonly_fields = ("dangling_targets", "created_at", "updated_at")
    ordering = ("priority", "id")  # lower = evaluated first

    @admin.display(description="targets that are not servers")
    def dangling_targets(self, obj):
        # Array elements can't carry a foreign key: flag ids with no server.
        known = set(McpServer.objects.filter(pk__in=obj.target_server_ids).values_list("pk", flat=True))
        missing = [server_id for server_id in obj.target_server_ids if server_id not in known]
        return ", ".join(missing) or "none"


@admin.register(CircuitBreaker)
class CircuitBreakerAdmin(PageAdmin):
    form = LimitedModelForm
    list_display = ("service_name", "server", "state", "failure_count", "success_count", "last_state_change_at")
    list_filter = ("state",)
    list_select_related = ("server",)
    raw_id_fields = ("server",)
    readonly_fields = (
        "failure_count", "success_count", "last_failure_at", "last_success_at", "total_requests",
        "total_failures", "total_timeouts", "created_at", "updated_at",
    )
    ordering = ("state", "-last_state_change_at")  # circuit_breaker_state_idx
    actions = ("reset_breakers",)

    @admin.action(description="Reset selected circuit breakers (close, clear counts)", permissions=("change",))
    def reset_breakers(self, request, queryset):
        run_for_each(
            self, request, queryset.select_related("server"),
            lambda *, actor, circuitbreaker: services.reset_circuit_breaker(actor=actor, breaker=circuitbreaker),
            done=lambda n: f"Reset {n} circuit breaker(s).",
        )


@admin.register(ConnectionPool)
class ConnectionPoolAdmin(PageAdmin):
    form = LimitedModelForm
    list_display = ("pool_name", "server", "transport", "active_connections", "idle_connections", "max_size",
                    "is_healthy")
    list_filter = ("is_healthy", "transport")
    list_select_related = ("server",)
    raw_id_fields = ("server",)
    readonly_fields = (
        "active_connections", "idle_connections", "pending_requests", "last_health_check_at",
        "total_connections_created", "total_connections_closed", "connection_errors", "avg_connection_time_ms",
        "created_at", "updated_at",
    )
    ordering = ("pool_name", "id")


@admin.register(RequestQueue)
class RequestQueueAdmin(PageAdmin):
    form = LimitedModelForm
    list_display = ("queue_name", "server", "current_size", "max_size", "processing_count",
                    "is_accepting_requests")
    list_filter = ("is_accepting_requests",)
    list_select_related = ("server",)
    raw_id_fields = ("server",)
    readonly_fields = (
        "current_size", "processing_count", "last_processed_at", "total_enqueued", "total_processed",
        "total_timeouts", "total_errors", "avg_processing_time_ms", "avg_wait_time_ms", "created_at", "updated_at",
    )
    ordering = ("-current_size", "id")  # fullest first


class RateLimitForm(LimitedModelForm):
    def clean(self):
        cleaned = super().clean()
        targets = [name for name in ("tenant", "user", "api_token", "server", "ip_network") if cleaned.get(name)]
        if len(targets) > 1:
            raise forms.ValidationError(
                f"A rate limit applies to at most one target; this one names {', '.join(targets)}."
            )
        return cleaned


@admin.register(RateLimitConfig)
class RateLimitConfigAdmin(PageAdmin):
    form = RateLimitForm
    list_display = ("name", "scope", "max_requests", "window_seconds", "action", "priority", "is_active")
    list_filter = ("scope", "action", "is_active")
    raw_id_fields = ("tenant", "user", "api_token", "server")
    readonly_fields = ("created_at", "updated_at")
    ordering = ("name",)
