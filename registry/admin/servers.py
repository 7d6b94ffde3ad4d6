"""MCP servers and what they declare: tools, resources, prompts, dependencies.

The server detail shows its tools, resources and prompts (editable), its
dependencies both ways and its latest health checks (read-only). Foreign
keys in inline rows are read-only links from select_related rows, so a page
costs the same number of queries for 10 children as for 100.
"""
from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet

from audit.services import snapshot as audit_snapshot
from registry import services
from registry.admin import auth_config
from tenancy.admin.actions import run_for_each
from tenancy.admin.base import PageAdmin
from registry.models import (
    CircuitBreaker,
    McpPrompt,
    McpResource,
    McpServer,
    McpServerDependency,
    McpServerHealthCheck,
    McpTool,
)
from tenancy.admin.counts import count_of
from tenancy.admin.forms import LimitedModelForm
from tenancy.admin.inlines import ReadOnlyRowInline, RowInline
from tenancy.admin.ownership import without_owned
from tenancy.admin.search import PrefixSearchMixin, as_typed

LATEST_HEALTH_CHECKS = 20


class ToolInline(RowInline):
    model = McpTool
    form = LimitedModelForm
    fields = ("name", "is_active", "total_calls", "error_count", "avg_execution_time_ms", "last_used_at")
    readonly_fields = ("total_calls", "error_count", "avg_execution_time_ms", "last_used_at")
    extra = 0
    show_change_link = True
    ordering = ("name",)


class ResourceInline(RowInline):
    model = McpResource
    form = LimitedModelForm
    fields = ("uri", "is_template", "name", "mime_type", "is_active", "access_count", "last_accessed_at")
    readonly_fields = ("access_count", "last_accessed_at")
    extra = 0
    show_change_link = True
    ordering = ("uri",)


class PromptInline(RowInline):
    model = McpPrompt
    form = LimitedModelForm
    fields = ("name", "title", "is_active", "use_count", "last_used_at")
    readonly_fields = ("use_count", "last_used_at")
    extra = 0
    show_change_link = True
    ordering = ("name",)


class DependsOnInline(ReadOnlyRowInline):
    model = McpServerDependency
    fk_name = "server"
    fields = ("depends_on_server", "dependency_type", "description")
    verbose_name = "depends on"
    verbose_name_plural = "depends on (edit under MCP server dependencies)"
    show_change_link = True

    def get_queryset(self, request):
        # Both servers: each row's label (str) names them.
        return super().get_queryset(request).select_related("server", "depends_on_server")


class RequiredByInline(ReadOnlyRowInline):
    model = McpServerDependency
    fk_name = "depends_on_server"
    fields = ("server", "dependency_type", "description")
    verbose_name = "required by"
    verbose_name_plural = "required by"
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("server", "depends_on_server")


class LatestFirstFormSet(BaseInlineFormSet):
    """Only the newest LATEST_HEALTH_CHECKS rows (the slice comes after the
    formset's own filter on the server, which a sliced queryset refuses)."""

    def get_queryset(self):
        if not hasattr(self, "_latest"):
            self._latest = super().get_queryset().order_by("-checked_at", "-id")[:LATEST_HEALTH_CHECKS]
        return self._latest


class HealthCheckInline(ReadOnlyRowInline):
    model = McpServerHealthCheck
    formset = LatestFirstFormSet
    fields = ("checked_at", "status", "response_time_ms", "http_status", "error_message")
    verbose_name_plural = f"latest health checks (newest {LATEST_HEALTH_CHECKS})"


@admin.register(McpServer)
class McpServerAdmin(PrefixSearchMixin, PageAdmin):
    form = LimitedModelForm
    list_display = (
        "name", "tenant", "transport", "health_status", "last_health_check_at", "tool_count", "is_active",
    )
    list_filter = ("health_status", "transport", "tenant", "is_active", "is_public")
    list_select_related = ("tenant",)
    search_fields = ("name", "endpoint_url")
    search_help_text = "Name or endpoint URL: exact or starting with."
    prefix_search = {"name": as_typed, "endpoint_url": as_typed}
    ordering = ("-updated_at", "-id")
    list_per_page = 50
    raw_id_fields = ("owner",)
    fieldsets = (
        (None, {"fields": ("name", "display_name", "description", "version", "endpoint_url", "transport", "tags")}),
        ("Ownership", {"fields": ("tenant", "owner", "is_public", "is_active")}),
        ("Health (reported by the gateway)", {"fields": (
            "health_status", "last_health_check_at", "avg_response_time_ms", "success_rate",
            "active_connections", "request_count", "error_count", "health_metadata",
        )}),
        ("Declared", {"fields": ("capabilities", "server_metadata"), "classes": ("collapse",)}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
        # The secrets summary (auth_config keys, values masked) joins this one,
        # and so do the auth_config inputs (registry/admin/auth_config.py).
        ("Authentication", {"fields": ("auth_type",)}),
    )
    actions = ("reset_circuit_breakers",)
    readonly_fields = (
        "health_status", "last_health_check_at", "avg_response_time_ms", "success_rate", "active_connections",
        "request_count", "error_count", "health_metadata", "created_at", "updated_at",
    )
    inlines = (ToolInline, ResourceInline, PromptInline, DependsOnInline, RequiredByInline, HealthCheckInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tool_count=count_of(McpTool, "server"))

    @admin.display(description="tools", ordering="tool_count")
    def tool_count(self, obj):
        return obj.tool_count

    def get_deleted_objects(self, objs, request):
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return to_delete, counts, without_owned(perms_needed), protected

    # --- auth_config: values replaced, never shown ------------------------------

    def _may_edit_auth(self, request, obj) -> bool:
        return self.has_add_permission(request) if obj is None else self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._may_edit_auth(request, obj):
            return fieldsets
        names = auth_config.form_field_names(auth_config.current_keys(obj))
        return [
            (name, {**opts, "fields": [*opts["fields"], *names]}) if name == "Authentication" else (name, opts)
            for name, opts in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._may_edit_auth(request, obj):
            kwargs["form"] = auth_config.auth_config_form(
                kwargs.get("form", self.form), auth_config.current_keys(obj)
            )
        return super().get_form(request, obj, change=change, **kwargs)

    def log_change(self, request, obj, message):
        before = getattr(obj, "_audit_before", None) or {}
        after = audit_snapshot(obj)
        if before.get(auth_config.AUTH_FIELD) == after.get(auth_config.AUTH_FIELD):
            return super().log_change(request, obj, message)
        return auth_config.auth_config_change_row(request, obj, before=before, after=after)

    # --- actions -------------------------------------------------------------

    @admin.action(description="Reset the circuit breakers of selected servers", permissions=("change",))
    def reset_circuit_breakers(self, request, queryset):
        with_breaker = queryset.filter(pk__in=CircuitBreaker.objects.values("server_id"))
        if not with_breaker.exists():
            self.message_user(request, "None of the selected servers has a circuit breaker; nothing was changed.",
                              messages.WARNING)
            return
        run_for_each(
            self, request, with_breaker,
            lambda *, actor, mcpserver: services.reset_server_breakers(actor=actor, server=mcpserver),
            done=lambda n: f"Reset the circuit breaker of {n} server(s).",
        )


@admin.register(McpTool)
class McpToolAdmin(PrefixSearchMixin, PageAdmin):
    form = LimitedModelForm
    list_display = ("name", "server", "is_active", "total_calls", "error_count", "last_used_at")
    list_filter = ("is_active",)
    list_select_related = ("server",)
    search_fields = ("name",)
    search_help_text = "Tool name: exact or starting with (across servers)."
    prefix_search = {"name": as_typed}
    raw_id_fields = ("server",)
    readonly_fields = (
        "total_calls", "success_count", "error_count", "avg_execution_time_ms", "last_used_at", "created_at",
        "updated_at",
    )
    ordering = ("name",)


@admin.register(McpResource)
class McpResourceAdmin(PrefixSearchMixin, PageAdmin):
    form = LimitedModelForm
    list_display = ("uri", "name", "server", "mime_type", "is_template", "is_active", "access_count")
    list_filter = ("is_active", "is_template")
    list_select_related = ("server",)
    search_fields = ("uri",)
    search_help_text = "URI: exact or starting with."
    prefix_search = {"uri": as_typed}
    raw_id_fields = ("server",)
    readonly_fields = ("access_count", "avg_size_bytes", "last_accessed_at", "created_at", "updated_at")
    ordering = ("-created_at", "-id")


@admin.register(McpPrompt)
class McpPromptAdmin(PrefixSearchMixin, PageAdmin):
    form = LimitedModelForm
    list_display = ("name", "title", "server", "is_active", "use_count", "last_used_at")
    list_filter = ("is_active",)
    list_select_related = ("server",)
    search_fields = ("name",)
    search_help_text = "Prompt name: exact or starting with."
    prefix_search = {"name": as_typed}
    raw_id_fields = ("server",)
    readonly_fields = ("use_count", "last_used_at", "created_at", "updated_at")
    ordering = ("-created_at", "-id")


class DependencyForm(LimitedModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("server") and cleaned.get("server") == cleaned.get("depends_on_server"):
            raise forms.ValidationError("A server cannot depend on itself.")
        return cleaned


@admin.register(McpServerDependency)
class McpServerDependencyAdmin(PageAdmin):
    form = DependencyForm
    list_display = ("server", "depends_on_server", "dependency_type", "created_at")
    list_filter = ("dependency_type",)
    list_select_related = ("server", "depends_on_server")
    raw_id_fields = ("server", "depends_on_server")
    readonly_fields = ("created_at", "updated_at")
    ordering = ("-created_at", "-id")

    def get_queryset(self, request):
        # The change page's title and audit rows name both servers (str).
        return super().get_queryset(request).select_related("server", "depends_on_server")
