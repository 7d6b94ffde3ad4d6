"""factory-boy factories for the registry app's models.

Required FKs are SubFactories; nullable ones default to None (a global server,
a global rule) and are set by the caller or through a trait. Columns under a
unique constraint get sequences.
"""
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from registry import choices
from registry.models import (
    CircuitBreaker,
    ConnectionPool,
    FeatureFlag,
    MaintenanceWindow,
    McpPrompt,
    McpResource,
    McpServer,
    McpServerDependency,
    McpServerHealthCheck,
    McpTool,
    PerformanceAlert,
    RateLimitConfig,
    RequestQueue,
    RoutingRule,
    ServerAccessControl,
    ServerMetric,
    SystemAnnouncement,
    SystemConfig,
)
from tests.factories.tenancy import ApiTokenFactory, TenantFactory, UserFactory


class McpServerFactory(DjangoModelFactory):
    class Meta:
        model = McpServer

    name = factory.Sequence(lambda n: f"server-{n}")
    version = "1.0.0"
    endpoint_url = factory.Sequence(lambda n: f"https://mcp-{n}.example.test/mcp")
    transport = choices.TransportType.HTTP
    tenant = None  # global server

    class Params:
        with_tenant = factory.Trait(tenant=factory.SubFactory(TenantFactory))


class McpToolFactory(DjangoModelFactory):
    class Meta:
        model = McpTool

    server = factory.SubFactory(McpServerFactory)
    name = factory.Sequence(lambda n: f"tool_{n}")
    input_schema = factory.LazyFunction(lambda: {"type": "object", "properties": {}})


class McpResourceFactory(DjangoModelFactory):
    class Meta:
        model = McpResource

    server = factory.SubFactory(McpServerFactory)
    uri = factory.Sequence(lambda n: f"file:///data/{n}.txt")
    mime_type = "text/plain"


class McpPromptFactory(DjangoModelFactory):
    class Meta:
        model = McpPrompt

    server = factory.SubFactory(McpServerFactory)
    name = factory.Sequence(lambda n: f"prompt_{n}")


class McpServerDependencyFactory(DjangoModelFactory):
    class Meta:
        model = McpServerDependency

    server = factory.SubFactory(McpServerFactory)
    depends_on_server = factory.SubFactory(McpServerFactory)


class McpServerHealthCheckFactory(DjangoModelFactory):
    class Meta:
        model = McpServerHealthCheck

    server = factory.SubFactory(McpServerFactory)
    status = choices.ServerHealth.HEALTHY
    response_time_ms = 12.5
    http_status = 200


class ServerMetricFactory(DjangoModelFactory):
    class Meta:
        model = ServerMetric

    server = factory.SubFactory(McpServerFactory)
    response_time_ms = 20.0
    requests_per_second = 3.5


class ServerAccessControlFactory(DjangoModelFactory):
    class Meta:
        model = ServerAccessControl

    server = factory.SubFactory(McpServerFactory)

    class Params:
        # The admin requires exactly one principal; pick it with a trait.
        for_user = factory.Trait(user=factory.SubFactory(UserFactory))
        for_tenant = factory.Trait(tenant=factory.SubFactory(TenantFactory))
        for_api_token = factory.Trait(api_token=factory.SubFactory(ApiTokenFactory))


class RoutingRuleFactory(DjangoModelFactory):
    class Meta:
        model = RoutingRule

    name = factory.Sequence(lambda n: f"rule-{n}")


class CircuitBreakerFactory(DjangoModelFactory):
    class Meta:
        model = CircuitBreaker

    server = factory.SubFactory(McpServerFactory)
    service_name = factory.LazyAttribute(lambda o: o.server.name)


class ConnectionPoolFactory(DjangoModelFactory):
    class Meta:
        model = ConnectionPool

    server = factory.SubFactory(McpServerFactory)
    pool_name = factory.Sequence(lambda n: f"pool-{n}")
    transport = choices.TransportType.HTTP


class RequestQueueFactory(DjangoModelFactory):
    class Meta:
        model = RequestQueue

    server = factory.SubFactory(McpServerFactory)
    queue_name = factory.Sequence(lambda n: f"queue-{n}")


class RateLimitConfigFactory(DjangoModelFactory):
    class Meta:
        model = RateLimitConfig

    name = factory.Sequence(lambda n: f"limit-{n}")
    scope = choices.RateLimitScope.GLOBAL
    window_seconds = 60
    max_requests = 100


class PerformanceAlertFactory(DjangoModelFactory):
    class Meta:
        model = PerformanceAlert

    name = factory.Sequence(lambda n: f"alert-{n}")
    metric_name = "response_time_ms"
    threshold_value = 500.0
    comparison_operator = choices.ComparisonOperator.GT


class MaintenanceWindowFactory(DjangoModelFactory):
    class Meta:
        model = MaintenanceWindow

    title = factory.Sequence(lambda n: f"Maintenance {n}")
    scheduled_start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    scheduled_end = factory.LazyAttribute(lambda o: o.scheduled_start + timedelta(hours=2))


class SystemConfigFactory(DjangoModelFactory):
    class Meta:
        model = SystemConfig

    key = factory.Sequence(lambda n: f"setting.{n}")
    value = factory.LazyFunction(lambda: {"enabled": True})
    category = "general"


class FeatureFlagFactory(DjangoModelFactory):
    class Meta:
        model = FeatureFlag

    key = factory.Sequence(lambda n: f"flag_{n}")
    name = factory.Sequence(lambda n: f"Flag {n}")


class SystemAnnouncementFactory(DjangoModelFactory):
    class Meta:
        model = SystemAnnouncement

    title = factory.Sequence(lambda n: f"Announcement {n}")
    message = "Planned upgrade tonight."


# Every registry model's factory, for tests that cover all models alike.
REGISTRY_FACTORIES = (
    McpServerFactory,
    McpToolFactory,
    McpResourceFactory,
    McpPromptFactory,
    McpServerDependencyFactory,
    McpServerHealthCheckFactory,
    ServerMetricFactory,
    ServerAccessControlFactory,
    RoutingRuleFactory,
    CircuitBreakerFactory,
    ConnectionPoolFactory,
    RequestQueueFactory,
    RateLimitConfigFactory,
    PerformanceAlertFactory,
    MaintenanceWindowFactory,
    SystemConfigFactory,
    FeatureFlagFactory,
    SystemAnnouncementFactory,
)
