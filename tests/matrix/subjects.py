"""One small row per admin page for the matrix to open, change, delete and
act on; each can be deleted on its own (no RESTRICT references to it)."""
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import audit as audit_f, registry as registry_f, tenancy as tenancy_f


@dataclass
class Subjects:
    pk: dict = field(default_factory=dict)  # model label -> primary key of its subject
    selection: dict = field(default_factory=dict)  # model label -> ids posted with an action

    def add(self, obj, *also_selected):
        label = obj._meta.label_lower
        self.pk[label] = obj.pk
        self.selection[label] = [obj.pk, *(o.pk for o in also_selected)]
        return obj


def build_subjects() -> Subjects:
    s = Subjects()
    now = timezone.now()
    tenant = tenancy_f.TenantFactory(name="Matrix Tenant", slug="matrix-tenant")
    # Selected with the active tenant, so "reactivate" has a tenant to act on.
    suspended = tenancy_f.TenantFactory(status="suspended", suspended_at=now, suspended_reason="matrix")
    s.add(tenant, suspended)
    person = tenancy_f.UserFactory(email="person@matrix.example", tenant=tenant)
    tenancy_f.SessionFactory(user=person)
    # Selected with the person, so "unban" has a banned user to act on.
    banned = tenancy_f.UserFactory(email="banned@matrix.example", banned=True, ban_reason="matrix")
    s.add(person, banned)
    s.add(tenancy_f.TenantMemberFactory(tenant=tenant, user=person))
    s.add(tenancy_f.TenantInvitationFactory(tenant=tenant))
    s.add(tenancy_f.ApiTokenFactory(user=person))

    server = s.add(registry_f.McpServerFactory(name="matrix-server"))
    s.add(registry_f.McpToolFactory(server=server))
    s.add(registry_f.McpResourceFactory(server=server))
    s.add(registry_f.McpPromptFactory(server=server))
    s.add(registry_f.McpServerDependencyFactory(server=server))
    s.add(registry_f.McpServerHealthCheckFactory(server=server))
    s.add(registry_f.ServerMetricFactory(server=server))
    s.add(registry_f.ServerAccessControlFactory(server=server, for_tenant=True))
    s.add(registry_f.RoutingRuleFactory())
    s.add(registry_f.CircuitBreakerFactory(server=server))
    s.add(registry_f.ConnectionPoolFactory(server=server))
    s.add(registry_f.RequestQueueFactory(server=server))
    s.add(registry_f.RateLimitConfigFactory())
    s.add(registry_f.PerformanceAlertFactory())
    s.add(registry_f.MaintenanceWindowFactory())
    s.add(registry_f.SystemConfigFactory())
    s.add(registry_f.FeatureFlagFactory())
    s.add(registry_f.SystemAnnouncementFactory())

    s.add(audit_f.AuditLogFactory(tenant_id=str(tenant.pk)))
    s.add(audit_f.SecurityEventFactory())
    s.add(audit_f.RequestLogFactory())
    s.add(audit_f.ErrorLogFactory())
    s.add(audit_f.SystemEventFactory())
    s.add(audit_f.RateLimitViolationFactory())

    s.add(Group.objects.create(name="matrix-group"))
    s.add(get_user_model().objects.create_user("matrix-person", "matrix-person@example.com", "pw"))
    return s
