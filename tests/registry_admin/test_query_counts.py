"""Every registry page costs the same number of queries for 10 rows as for 100."""
import pytest

from registry import models
from tests.factories import registry as f
from tests.factories.tenancy import TenantFactory, UserFactory
from tests.tenancy_admin.support import admin_url, queries_for

pytestmark = pytest.mark.django_db


def assert_constant(client, url, grow, django_assert_max_num_queries):
    grow(10)
    with_10 = queries_for(client, url())
    grow(90)
    with django_assert_max_num_queries(with_10):
        assert client.get(url()).status_code == 200


def batch(factory, **kwargs):
    return lambda n: factory.create_batch(n, **kwargs)


def servers_with_tools(n):
    for _ in range(n):
        f.McpToolFactory(server=f.McpServerFactory(tenant=TenantFactory(), owner=UserFactory()))


FACTORIES = {
    models.McpServer: servers_with_tools,
    models.McpTool: batch(f.McpToolFactory),
    models.McpResource: batch(f.McpResourceFactory),
    models.McpPrompt: batch(f.McpPromptFactory),
    models.McpServerDependency: batch(f.McpServerDependencyFactory),
    models.McpServerHealthCheck: batch(f.McpServerHealthCheckFactory),
    models.ServerMetric: batch(f.ServerMetricFactory),
    models.ServerAccessControl: batch(f.ServerAccessControlFactory, for_user=True),
    models.RoutingRule: batch(f.RoutingRuleFactory, tenant=None),
    models.CircuitBreaker: batch(f.CircuitBreakerFactory),
    models.ConnectionPool: batch(f.ConnectionPoolFactory),
    models.RequestQueue: batch(f.RequestQueueFactory),
    models.RateLimitConfig: batch(f.RateLimitConfigFactory),
    models.PerformanceAlert: lambda n: [f.PerformanceAlertFactory(server=f.McpServerFactory()) for _ in range(n)],
    models.MaintenanceWindow: batch(f.MaintenanceWindowFactory),
    models.SystemConfig: lambda n: [f.SystemConfigFactory(tenant=TenantFactory(), is_sensitive=i % 2 == 0)
                                    for i in range(n)],
    models.FeatureFlag: lambda n: [f.FeatureFlagFactory(owner=UserFactory()) for _ in range(n)],
    models.SystemAnnouncement: batch(f.SystemAnnouncementFactory),
}


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_changelists(admin_web, django_assert_max_num_queries, model):
    assert_constant(admin_web, lambda: admin_url(model, "changelist"), FACTORIES[model],
                    django_assert_max_num_queries)


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_change_pages(admin_web, django_assert_max_num_queries, model):
    FACTORIES[model](1)
    obj = model.objects.order_by("created_at").first()
    assert_constant(admin_web, lambda: admin_url(obj, "change"), FACTORIES[model], django_assert_max_num_queries)


def test_server_change_page_with_many_children(admin_web, django_assert_max_num_queries):
    server = f.McpServerFactory(tenant=TenantFactory(), owner=UserFactory())

    def grow(n):
        for _ in range(n):
            f.McpToolFactory(server=server)
            f.McpResourceFactory(server=server)
            f.McpPromptFactory(server=server)
            f.McpServerDependencyFactory(server=server)
            f.McpServerDependencyFactory(depends_on_server=server)
            f.McpServerHealthCheckFactory(server=server)

    assert_constant(admin_web, lambda: admin_url(server, "change"), grow, django_assert_max_num_queries)


def test_server_list_for_staff(django_assert_max_num_queries):
    from tests.tenancy_admin.support import client_for, staff_member

    web = client_for(staff_member("staff")[1])
    assert_constant(web, lambda: admin_url(models.McpServer, "changelist"), servers_with_tools,
                    django_assert_max_num_queries)
