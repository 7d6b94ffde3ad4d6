"""Rows that belong to a tenant or a server and go when their owner goes.

Django's delete confirmation asks for the delete permission on every related
model it collects. Health checks and metrics are read-only on their own pages
(nobody deletes history rows one by one), and tenant-scoped tokens have no
page for most roles; yet deleting a tenant or a server deletes them by
design (spec 3.2/3.3, ON DELETE CASCADE). Whoever may delete the owner may
delete these with it.
"""


def owned_models():
    from registry import models as registry
    from tenancy import models as tenancy

    return (
        tenancy.TenantMember, tenancy.TenantInvitation, tenancy.TenantUsage, tenancy.ApiToken, tenancy.ApiUsage,
        registry.McpTool, registry.McpResource, registry.McpPrompt, registry.McpServerDependency,
        registry.McpServerHealthCheck, registry.ServerMetric, registry.ServerAccessControl,
        registry.RoutingRule, registry.CircuitBreaker, registry.ConnectionPool, registry.RequestQueue,
        registry.RateLimitConfig, registry.PerformanceAlert, registry.SystemConfig,
    )


def without_owned(perms_needed: set) -> set:
    """The permissions still missing once owned rows are granted with their owner."""
    return perms_needed - {model._meta.verbose_name for model in owned_models()}
