from html import unescape

import pytest

from audit.models import AuditLog
from registry.models import McpServer, McpServerHealthCheck
from tests.factories.registry import (
    McpPromptFactory,
    McpResourceFactory,
    McpServerDependencyFactory,
    McpServerFactory,
    McpServerHealthCheckFactory,
    McpToolFactory,
)
from tests.factories.tenancy import TenantFactory
from tests.tenancy_admin.support import admin_url, client_for, form_data, staff_member

pytestmark = pytest.mark.django_db


def test_list_shows_tenant_transport_health_last_check_and_tool_count(admin_web):
    tenant = TenantFactory(name="Acme")
    server = McpServerFactory(tenant=tenant, transport="sse", health_status="degraded")
    McpToolFactory.create_batch(3, server=server)
    McpServerFactory(name="lonely")
    response = admin_web.get(admin_url(McpServer, "changelist"))
    headers = [str(h["text"]).lower() for h in response.context["result_headers"]]
    assert headers[1:] == ["name", "tenant", "transport", "health status", "last health check at", "tools",
                           "is active"]
    counts = {s.name: s.tool_count for s in response.context["cl"].result_list}
    assert counts == {server.name: 3, "lonely": 0}


def test_filters_and_prefix_search(admin_web):
    tenant = TenantFactory()
    McpServerFactory(name="alpha", transport="http", health_status="healthy", tenant=tenant,
                     endpoint_url="https://alpha.example.test/mcp")
    McpServerFactory(name="beta", transport="stdio", health_status="unhealthy", is_active=False)
    url = admin_url(McpServer, "changelist")

    def names(params):
        return {s.name for s in admin_web.get(url, params).context["cl"].result_list}

    assert names({"transport__exact": "stdio"}) == {"beta"}
    assert names({"health_status__exact": "healthy"}) == {"alpha"}
    assert names({"tenant__id__exact": tenant.pk}) == {"alpha"}
    assert names({"is_active__exact": "0"}) == {"beta"}
    assert names({"q": "alp"}) == {"alpha"}
    assert names({"q": "https://alpha.example"}) == {"alpha"}
    assert names({"q": "lpha"}) == set()


def test_detail_shows_tools_resources_prompts_dependencies_and_latest_health_checks(admin_web):
    server = McpServerFactory(capabilities={"tools": {"listChanged": True}})
    McpToolFactory(server=server, name="search_docs")
    McpResourceFactory(server=server, uri="file:///readme.md")
    McpPromptFactory(server=server, name="summarize")
    upstream = McpServerFactory(name="upstream-db")
    downstream = McpServerFactory(name="downstream-ui")
    McpServerDependencyFactory(server=server, depends_on_server=upstream)
    McpServerDependencyFactory(server=downstream, depends_on_server=server)
    McpServerHealthCheckFactory.create_batch(25, server=server)
    response = admin_web.get(admin_url(server, "change"))
    html = response.content.decode()
    lower = html.lower()
    assert "depends on" in lower and "required by" in lower
    for shown in ("search_docs", "file:///readme.md", "summarize", "upstream-db", "downstream-ui"):
        assert shown in html
    checks = [f for f in response.context["inline_admin_formsets"] if f.formset.model is McpServerHealthCheck][0]
    assert len(checks.formset.forms) == 20
    newest = McpServerHealthCheck.objects.filter(server=server).order_by("-checked_at")[:20]
    assert [f.instance.pk for f in checks.formset.forms] == [c.pk for c in newest]
    assert '"tools": {\n    "listChanged": true\n  }' in unescape(html)  # pretty JSON


def test_auth_config_shows_keys_with_masked_values(admin_web):
    server = McpServerFactory(auth_type="bearer", auth_config={"token": "sk-live-123", "header": "X-Api"})
    html = admin_web.get(admin_url(server, "change")).content.decode()
    assert "sk-live-123" not in html and "X-Api" not in html
    assert "token" in html and "header" in html


def test_saving_a_server_keeps_auth_config_and_audits_without_it(admin_web):
    server = McpServerFactory(auth_config={"token": "sk-live-123"})
    data = form_data(admin_web.get(admin_url(server, "change")))
    data["description"] = "now documented"
    assert admin_web.post(admin_url(server, "change"), data).status_code == 302
    server.refresh_from_db()
    assert server.auth_config == {"token": "sk-live-123"} and server.description == "now documented"
    row = AuditLog.objects.get(resource_type="mcp_server", action="update")
    assert "auth_config" not in row.changes and "sk-live-123" not in str(row.changes)


def test_staff_may_read_the_registry_but_not_change_it():
    _person, django_user = staff_member("staff")
    web = client_for(django_user)
    server = McpServerFactory()
    assert web.get(admin_url(McpServer, "changelist")).status_code == 200
    assert web.get(admin_url(server, "change")).status_code == 200
    assert web.post(admin_url(server, "change"), {"name": "x"}).status_code == 403
    assert web.get(admin_url(server, "delete")).status_code == 403


def test_admin_deletes_a_server_with_its_health_history(admin_web):
    server = McpServerFactory()
    McpServerHealthCheckFactory.create_batch(3, server=server)
    McpToolFactory(server=server)
    response = admin_web.post(admin_url(server, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not McpServer.objects.exists() and not McpServerHealthCheck.objects.exists()
    assert AuditLog.objects.get(action="delete").resource_id == server.pk


def test_health_checks_and_metrics_are_read_only_even_for_superusers(superuser_web):
    check = McpServerHealthCheckFactory()
    assert superuser_web.get(admin_url(check, "change")).status_code == 200
    assert superuser_web.post(admin_url(check, "change"), {}).status_code == 403
    assert superuser_web.get(admin_url(McpServerHealthCheck, "add")).status_code == 403
