"""History pages: audit log, security events, request log (and the other
history tables), read-only for everyone.

Built for tens of millions of rows: newest first on the (occurred_at DESC,
id DESC) index, no full COUNT(*) (LargeTableAdminMixin), filters that never
SELECT DISTINCT (mcpmanager.admin.history_filters), exact search only, the
tenant name of a page's rows in one query, streamed CSV export of the
current filter (CsvExportMixin, permission `export_<model>`).
"""
from django.contrib import admin, messages
from django.db.models import Q
from django.template.loader import render_to_string

from audit.models import AuditLog, ErrorLog, RateLimitViolation, RequestLog, SecurityEvent, SystemEvent
from mcpmanager.admin import LargeTableAdminMixin, ReadOnlyAdminMixin
from mcpmanager.admin import history_filters as f
from mcpmanager.admin.export import CsvExportMixin
from mcpmanager.admin.filters import MAX_INPUT_LENGTH
from mcpmanager.admin.history import (
    actor_email_condition,
    change_display_rows,
    mask_secrets,
    secret_keys_for,
    tenant_names,
)
from mcpmanager.admin.json import pretty_json_html

NOT_SORTABLE = ()  # sorting by another column would leave the index


class HistoryAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, CsvExportMixin, admin.ModelAdmin):
    """Shared by the history pages: read-only, large-table paging, exact search."""

    sortable_by = NOT_SORTABLE
    show_facets = admin.ShowFacets.NEVER
    keyset_pagination = True  # older/newer by (time, id) cursor past the numbered pages
    # Rows per FETCH of the export cursor: the first row waits for the first
    # chunk (2,000 wide rows took ~80 ms; 250 take ~10 ms), later chunks stream.
    export_chunk_size = 250
    exact_search_columns: tuple = ()  # (column, ...) matched with = only

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if len(term) > MAX_INPUT_LENGTH:
            messages.warning(request, f"Search terms are limited to {MAX_INPUT_LENGTH} characters.")
            return queryset.none(), False
        return queryset.filter(self.search_condition(term)), False

    def search_condition(self, term) -> Q:
        condition = Q()
        for column in self.exact_search_columns:
            condition |= Q(**{column: term})
        return condition

    def prepare_results(self, request, rows):
        """Tenant names for the page's rows: one query, "(deleted)" when gone."""
        names = tenant_names(getattr(row, "tenant_id", None) for row in rows)
        for row in rows:
            row.tenant_label = names.get(row.tenant_id) if getattr(row, "tenant_id", None) else None

    @admin.display(description="tenant")
    def tenant(self, obj):
        if not obj.tenant_id:
            return "—"
        label = getattr(obj, "tenant_label", None)
        if label is None:  # detail page: a single look-up
            label = tenant_names([obj.tenant_id]).get(obj.tenant_id)
        return f"{label} ({obj.tenant_id})"


@admin.register(AuditLog)
class AuditLogAdmin(HistoryAdmin):
    list_display = ("occurred_at", "event_type", "action", "actor", "tenant", "resource", "success", "risk_level")
    list_display_links = ("occurred_at",)
    list_filter = (
        f.TenantFilter, f.ActorFilter, f.ActionFilter, f.EventTypeFilter, f.ResourceTypeFilter,
        f.ResourceIdFilter, f.RiskFilter, f.SuccessFilter, f.OccurredSinceFilter, f.OccurredUntilFilter,
    )
    ordering = ("-occurred_at", "-id")  # audit_log_occurred_at_id_idx
    search_fields = ("resource_id", "request_id")  # shows the box; matching is exact, see search_condition
    search_help_text = (
        "Exact match, case-sensitive: a resource id or a request id; an email address finds "
        "that person's actions. No partial matches."
    )
    fieldsets = (
        ("Event", {"fields": ("occurred_at", "event_type", "action", "success", "risk_level", "description",
                              "error_code", "error_message")}),
        ("Actor", {"fields": ("actor_type", "actor_id", "actor_email", "actor_ip", "actor_user_agent")}),
        ("Resource", {"fields": ("tenant", "resource_type", "resource_id", "resource_name")}),
        ("Changes", {"fields": ("changes_table",)}),
        ("Request", {"fields": ("request_id", "session_id", "trace_id", "http_method", "http_path",
                                "http_status", "duration_ms")}),
        ("Metadata", {"fields": ("metadata_pretty",)}),
    )
    export_fields = (
        "occurred_at", "event_type", "action", "actor_type", "actor_id", "actor_email", "actor_ip", "tenant_id",
        "resource_type", "resource_id", "resource_name", "success", "risk_level", "description", "error_code",
        "error_message", "request_id", "http_method", "http_path", "http_status", "duration_ms", "changes",
        "metadata",
    )

    def search_condition(self, term):
        if "@" in term:
            return actor_email_condition(term)
        # audit_log_resource_id_occurred_at_idx, audit_log_request_id_idx.
        return Q(resource_id=term) | Q(request_id=term)

    @admin.display(description="actor")
    def actor(self, obj):
        return obj.actor_email or obj.actor_id or obj.actor_type

    @admin.display(description="resource")
    def resource(self, obj):
        if not obj.resource_type:
            return "—"
        return f"{obj.resource_type}: {obj.resource_name or obj.resource_id or ''}"

    @admin.display(description="changes (before → after)")
    def changes_table(self, obj):
        rows = change_display_rows(obj.changes, obj.resource_type)
        return render_to_string("admin/audit/_change_rows.html", {"rows": rows})

    @admin.display(description="metadata")
    def metadata_pretty(self, obj):
        return pretty_json_html(mask_secrets(obj.metadata, secret_keys_for(obj.resource_type)))


@admin.register(SecurityEvent)
class SecurityEventAdmin(HistoryAdmin):
    list_display = ("occurred_at", "event_type", "severity", "status", "user_id", "tenant", "ip_address")
    list_display_links = ("occurred_at",)
    list_filter = (
        f.SecurityStatusFilter, f.SecuritySeverityFilter, f.UserIdFilter, f.IpAddressFilter,
        f.OccurredSinceFilter, f.OccurredUntilFilter,
    )
    ordering = ("-occurred_at", "-id")  # security_event_occurred_at_idx
    search_fields = ("user_id", "ip_address")
    exact_search_columns = ("user_id", "ip_address")  # security_event_{user_id,ip_address}_occurred_at_idx
    search_help_text = "Exact match: a user id or an IP address."
    readonly_fields = ("tenant", "details_pretty")
    exclude = ("details",)

    @admin.display(description="details")
    def details_pretty(self, obj):
        return pretty_json_html(mask_secrets(obj.details))


@admin.register(RequestLog)
class RequestLogAdmin(HistoryAdmin):
    list_display = ("requested_at", "http_method", "http_path", "status_code", "duration_ms", "tenant",
                    "user_id", "server_id", "ip_address")
    list_display_links = ("requested_at",)
    list_filter = (
        f.TenantFilter, f.UserIdFilter, f.ServerIdFilter, f.StatusCodeFilter, f.IpAddressFilter,
        f.RequestedSinceFilter, f.RequestedUntilFilter,
    )
    ordering = ("-requested_at", "-id")  # request_log_requested_at_id_idx
    search_fields = ("request_id",)
    exact_search_columns = ("request_id",)  # request_log_request_id_key
    search_help_text = "Exact match: a request id."
    readonly_fields = ("tenant", "headers_pretty", "query_params_pretty", "metadata_pretty")
    exclude = ("headers", "query_params", "metadata")

    @admin.display(description="headers")
    def headers_pretty(self, obj):
        return pretty_json_html(mask_secrets(obj.headers))

    @admin.display(description="query parameters")
    def query_params_pretty(self, obj):
        return pretty_json_html(mask_secrets(obj.query_params))

    @admin.display(description="metadata")
    def metadata_pretty(self, obj):
        return pretty_json_html(mask_secrets(obj.metadata))


class SimpleHistoryAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
    sortable_by = NOT_SORTABLE
    show_facets = admin.ShowFacets.NEVER
    keyset_pagination = True  # where ordering is (-time, -id)


@admin.register(ErrorLog)
class ErrorLogAdmin(SimpleHistoryAdmin):
    list_display = ("last_seen_at", "service", "environment", "level", "status", "error_type",
                    "occurrence_count")
    list_filter = (("status", admin.ChoicesFieldListFilter), ("level", admin.ChoicesFieldListFilter))
    ordering = ("-last_seen_at",)  # error_log_{status,level}_last_seen_at_idx when filtered


@admin.register(SystemEvent)
class SystemEventAdmin(SimpleHistoryAdmin):
    list_display = ("occurred_at", "event_type", "source", "severity", "title", "resource_type", "resource_id")
    list_filter = (f.EventTypeFilter, f.OccurredSinceFilter, f.OccurredUntilFilter)
    ordering = ("-occurred_at", "-id")  # system_event_occurred_at_idx


@admin.register(RateLimitViolation)
class RateLimitViolationAdmin(SimpleHistoryAdmin):
    list_display = ("occurred_at", "action", "observed_value", "limit_value", "window_seconds", "tenant_id",
                    "ip_address")
    list_filter = (f.OccurredSinceFilter, f.OccurredUntilFilter)
    ordering = ("-occurred_at", "-id")  # rate_limit_violation_occurred_at_idx
