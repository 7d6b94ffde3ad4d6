"""List filters of the history pages (audit app). Each one is an equality or range on
the leading column(s) of an index of spec 3.5, combined with the
`occurred_at DESC` ordering those indexes end with; none reads the history
table to build its choices."""

from audit.choices import EventSeverity, SecurityEventStatus
from mcpmanager.admin.filters import BooleanChoicesFilter, DateBoundFilter, InputFilter, StaticChoicesFilter
from mcpmanager.admin.history import actor_email_condition, known_resource_types

TENANT_CHOICES_LIMIT = 1000


class TenantFilter(StaticChoicesFilter):
    """Choices from the (small) tenant table; `<table>_tenant_id_…_idx`."""

    title = "tenant"
    parameter_name = "tenant_id"
    field = "tenant_id"

    def lookups(self, request, model_admin):
        from tenancy.models import Tenant

        return list(Tenant.objects.order_by("name").values_list("id", "name")[:TENANT_CHOICES_LIMIT])


class ActorFilter(InputFilter):
    """Exact actor id (audit_log_actor_id_occurred_at_idx), or an email: the rows
    stamped with it (audit_log_actor_email_occurred_at_idx) and those of whoever
    has it now (actor ids)."""

    title = "actor (id or email)"
    parameter_name = "actor"
    placeholder = "user id or email"

    def filter_value(self, queryset, value):
        if "@" in value:
            return queryset.filter(actor_email_condition(value))
        return queryset.filter(actor_id=value)


class ActionFilter(InputFilter):
    title = "action"
    parameter_name = "action"
    field = "action"  # audit_log_action_occurred_at_idx
    placeholder = "e.g. update, tools/call:search"


class EventTypeFilter(InputFilter):
    title = "event type"
    parameter_name = "event_type"
    field = "event_type"  # audit_log_event_type_occurred_at_idx
    placeholder = "e.g. tenant.update"


class ResourceTypeFilter(StaticChoicesFilter):
    title = "resource type"
    parameter_name = "resource_type"
    field = "resource_type"  # audit_log_resource_idx

    def lookups(self, request, model_admin):
        return [(name, name) for name in known_resource_types()]


class ResourceIdFilter(InputFilter):
    """audit_log_resource_id_occurred_at_idx, or audit_log_resource_idx with a type."""

    title = "resource id"
    parameter_name = "resource_id"
    placeholder = "exact id"

    field = "resource_id"


class RiskFilter(StaticChoicesFilter):
    """Only the levels the partial index audit_log_risk_level_occurred_at_idx covers."""

    title = "risk level"
    parameter_name = "risk"
    static_choices = (("high", "High"), ("critical", "Critical"), ("high+critical", "High or critical"))

    def filter_value(self, queryset, value):
        return queryset.filter(risk_level__in=value.split("+"))


class SuccessFilter(BooleanChoicesFilter):
    """Failures: the partial index audit_log_failed_occurred_at_idx. Successes
    are most rows: walking audit_log_occurred_at_id_idx fills a page at once."""

    title = "success"
    parameter_name = "success"
    field = "success"


class OccurredSinceFilter(DateBoundFilter):
    title = "from (date)"
    parameter_name = "since"
    field = "occurred_at"
    bound = "since"


class OccurredUntilFilter(DateBoundFilter):
    title = "until (date, inclusive)"
    parameter_name = "until"
    field = "occurred_at"
    bound = "until"


class RequestedSinceFilter(OccurredSinceFilter):
    field = "requested_at"


class RequestedUntilFilter(OccurredUntilFilter):
    field = "requested_at"


class UserIdFilter(InputFilter):
    title = "user id"
    parameter_name = "user_id"
    field = "user_id"


class ServerIdFilter(InputFilter):
    title = "server id"
    parameter_name = "server_id"
    field = "server_id"


class IpAddressFilter(InputFilter):
    title = "IP address"
    parameter_name = "ip_address"
    field = "ip_address"


class StatusCodeFilter(InputFilter):
    title = "status code"
    parameter_name = "status_code"
    placeholder = "e.g. 500"

    def filter_value(self, queryset, value):
        if not value.isdigit() or len(value) > 3:
            return self.refuse(queryset, f"“{value[:50]}” is not an HTTP status code.")
        return queryset.filter(status_code=int(value))


class SecurityStatusFilter(StaticChoicesFilter):
    """security_event_status_severity_idx leads with status."""

    title = "status"
    parameter_name = "status"
    field = "status"
    static_choices = tuple(SecurityEventStatus.choices)


class SecuritySeverityFilter(StaticChoicesFilter):
    title = "severity"
    parameter_name = "severity"
    field = "severity"
    static_choices = tuple(EventSeverity.choices)


__all__ = [name for name in dir() if name.endswith("Filter")]
