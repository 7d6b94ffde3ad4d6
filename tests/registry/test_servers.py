"""McpServer and its declarations: unique names, ON DELETE rules, secrets."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import RestrictedError

from registry.models import (
    CircuitBreaker,
    ConnectionPool,
    McpPrompt,
    McpResource,
    McpServer,
    McpServerDependency,
    McpServerHealthCheck,
    McpTool,
    PerformanceAlert,
    RateLimitConfig,
    RequestQueue,
    ServerAccessControl,
    ServerMetric,
)
from tests.factories.registry import (
    CircuitBreakerFactory,
    ConnectionPoolFactory,
    McpPromptFactory,
    McpResourceFactory,
    McpServerDependencyFactory,
    McpServerFactory,
    McpServerHealthCheckFactory,
    McpToolFactory,
    PerformanceAlertFactory,
    RateLimitConfigFactory,
    RequestQueueFactory,
    ServerAccessControlFactory,
    ServerMetricFactory,
)
from tests.factories.tenancy import TenantFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every model owned by a server (mcp_server.id ON DELETE CASCADE).
SERVER_CHILDREN = [
    (McpToolFactory, McpTool),
    (McpResourceFactory, McpResource),
    (McpPromptFactory, McpPrompt),
    (McpServerHealthCheckFactory, McpServerHealthCheck),
    (ServerMetricFactory, ServerMetric),
    (ServerAccessControlFactory, ServerAccessControl),
    (CircuitBreakerFactory, CircuitBreaker),
    (ConnectionPoolFactory, ConnectionPool),
    (RequestQueueFactory, RequestQueue),
    (RateLimitConfigFactory, RateLimitConfig),
    (PerformanceAlertFactory, PerformanceAlert),
]


def make_children(server):
    ids = {model: factory(server=server).pk for factory, model in SERVER_CHILDREN}
    ids[McpServerDependency] = McpServerDependencyFactory(server=server).pk
    ids["required_by"] = McpServerDependencyFactory(depends_on_server=server).pk
    return ids


def surviving(ids):
    model_of = {"required_by": McpServerDependency}
    return [key for key, pk in ids.items() if model_of.get(key, key).objects.filter(pk=pk).exists()]


def test_new_server_gets_a_text_uuid_id():
    server = McpServerFactory()
    assert isinstance(server.pk, str) and len(server.pk) == 36
    assert McpServer.objects.get(pk=server.pk).name == server.name


def test_legacy_text_ids_are_kept_verbatim():
    server = McpServerFactory(id="legacy-server-0042")
    assert McpServer.objects.filter(pk="legacy-server-0042").exists()
    assert McpToolFactory(server=server).server_id == "legacy-server-0042"


def test_deleting_a_server_through_the_orm_deletes_its_children():
    server = McpServerFactory()
    ids = make_children(server)
    server.delete()
    assert surviving(ids) == []


def test_the_database_cascades_a_server_delete_by_itself():
    server = McpServerFactory()
    ids = make_children(server)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM mcp_server WHERE id = %s", [server.pk])
    assert surviving(ids) == []


def test_tenant_with_servers_cannot_be_deleted_through_the_orm():
    server = McpServerFactory(with_tenant=True)
    with pytest.raises(RestrictedError), transaction.atomic():
        server.tenant.delete()
    assert McpServer.objects.filter(pk=server.pk).exists()


def test_tenant_with_servers_cannot_be_deleted_in_the_database():
    server = McpServerFactory(with_tenant=True)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM tenant WHERE id = %s", [server.tenant_id])
    assert McpServer.objects.filter(pk=server.pk).exists()


def test_tenant_without_servers_can_be_deleted():
    tenant = TenantFactory()
    tenant.delete()


def test_deleting_the_owner_keeps_the_server_without_owner():
    owner = UserFactory()
    server = McpServerFactory(owner=owner)
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "user" WHERE id = %s', [owner.pk])
    server.refresh_from_db()
    assert server.owner_id is None


def test_two_global_servers_with_the_same_name_conflict():
    McpServerFactory(name="weather")
    with pytest.raises(IntegrityError), transaction.atomic():
        McpServerFactory(name="weather")


def test_model_validation_reports_the_global_name_clash():
    McpServerFactory(name="weather")
    duplicate = McpServerFactory.build(name="weather")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.validate_constraints()
    assert "already exists" in str(excinfo.value)


def test_the_same_name_is_allowed_per_tenant_and_globally():
    global_server = McpServerFactory(name="weather")
    first = McpServerFactory(name="weather", with_tenant=True)
    second = McpServerFactory(name="weather", with_tenant=True)
    assert len({global_server.pk, first.pk, second.pk}) == 3
    with pytest.raises(IntegrityError), transaction.atomic():
        McpServerFactory(name="weather", tenant=first.tenant)


@pytest.mark.parametrize(
    ("factory", "unique_field", "value"),
    [
        (McpToolFactory, "name", "search"),
        (McpPromptFactory, "name", "summarize"),
        (McpResourceFactory, "uri", "file:///a"),
    ],
)
def test_declarations_are_unique_per_server(factory, unique_field, value):
    first = factory(**{unique_field: value})
    factory(**{unique_field: value})  # another server: allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(server=first.server, **{unique_field: value})


def test_dependencies_link_two_servers_both_ways():
    dependency = McpServerDependencyFactory()
    assert list(dependency.server.dependencies.all()) == [dependency]
    assert list(dependency.depends_on_server.dependents.all()) == [dependency]
    with pytest.raises(IntegrityError), transaction.atomic():
        McpServerDependencyFactory(server=dependency.server, depends_on_server=dependency.depends_on_server)


def test_a_server_cannot_depend_on_itself():
    server = McpServerFactory()
    with pytest.raises(ValidationError):
        McpServerDependencyFactory.build(server=server, depends_on_server=server).validate_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        McpServerDependencyFactory(server=server, depends_on_server=server)


def test_tags_filter_by_element():
    tagged = McpServerFactory(tags=["weather", "beta", "weather"])
    McpServerFactory(tags=["search"])
    assert list(McpServer.objects.filter(tags__contains=["weather"])) == [tagged]
    assert list(McpServer.objects.filter(tags__contains=["beta", "weather"])) == [tagged]
    assert not McpServer.objects.filter(tags__contains=["weather", "search"]).exists()
    assert list(McpTool.objects.filter(tags__contains=["x"])) == []


def test_auth_config_is_the_only_secret_and_never_in_str():
    server = McpServerFactory(name="billing", auth_type="bearer", auth_config={"token": "s3cr3t-value"})
    assert McpServer.SECRET_FIELDS == frozenset({"auth_config"})
    assert "s3cr3t" not in str(server)
    assert McpServer.objects.get(pk=server.pk).auth_config == {"token": "s3cr3t-value"}


def test_str_prefers_display_name():
    assert str(McpServerFactory(name="wx", display_name="Weather")) == "Weather"
    assert str(McpServerFactory(name="wx2")) == "wx2"
