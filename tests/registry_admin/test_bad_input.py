"""Bad input on registry pages: a form error or a 4xx, never a 500, nothing written."""
import pytest

from audit.models import AuditLog
from registry.models import McpServer, McpServerDependency, McpTool
from tests.factories.registry import McpServerFactory, McpToolFactory
from tests.factories.tenancy import TenantFactory
from tests.tenancy_admin.support import admin_url, form_data, messages_of, post_action

pytestmark = pytest.mark.django_db


def server_form(client, server, **changes):
    data = form_data(client.get(admin_url(server, "change")))
    data.update(changes)
    return data


@pytest.mark.parametrize("changes, message", [
    ({"capabilities": '{"tools": '}, "Capabilities is not valid JSON"),
    ({"transport": "carrier-pigeon"}, "Select a valid choice. carrier-pigeon is not one of the available choices."),
    ({"auth_type": "magic"}, "Select a valid choice."),
    ({"owner": "no-such-user"}, "Select a valid choice."),
    ({"tenant": "no-such-tenant"}, "Select a valid choice."),
    ({"name": "n" * 10_001}, "Ensure this value has at most 10000 characters"),
    ({"version": ""}, "This field is required."),
])
def test_server_form_errors_write_nothing(admin_web, changes, message):
    server = McpServerFactory(name="keep-me")
    response = admin_web.post(admin_url(server, "change"), server_form(admin_web, server, **changes))
    assert response.status_code == 200 and message in response.content.decode()
    stored = McpServer.objects.get(pk=server.pk)
    assert (stored.name, stored.transport, stored.capabilities) == ("keep-me", "http", {})
    assert not AuditLog.objects.exists()


def test_duplicate_server_name_in_a_tenant_is_a_form_error(admin_web):
    tenant = TenantFactory()
    McpServerFactory(tenant=tenant, name="taken")
    server = McpServerFactory(tenant=tenant, name="free")
    response = admin_web.post(admin_url(server, "change"), server_form(admin_web, server, name="taken"))
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert McpServer.objects.get(pk=server.pk).name == "free"


def test_duplicate_global_server_name_is_a_form_error_too(admin_web):
    McpServerFactory(name="global-one")
    server = McpServerFactory(name="other")
    response = admin_web.post(admin_url(server, "change"), server_form(admin_web, server, name="global-one"))
    assert response.status_code == 200 and "already exists" in response.content.decode()


def test_duplicate_tool_name_in_the_inline_is_a_form_error(admin_web):
    server = McpServerFactory()
    McpToolFactory(server=server, name="search")
    page = admin_web.get(admin_url(server, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data.update({f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-1-name": "search", f"{prefix}-1-is_active": "on"})
    response = admin_web.post(admin_url(server, "change"), data)
    assert response.status_code == 200 and "duplicate" in response.content.decode().lower()
    assert McpTool.objects.count() == 1


def test_a_server_depending_on_itself_is_a_form_error(admin_web):
    server = McpServerFactory()
    data = {"server": server.pk, "depends_on_server": server.pk, "dependency_type": "required"}
    response = admin_web.post(admin_url(McpServerDependency, "add"), data)
    assert response.status_code == 200 and "A server cannot depend on itself." in response.content.decode()
    assert not McpServerDependency.objects.exists()


def test_tampered_actions_on_the_server_list(admin_web):
    server = McpServerFactory()
    unknown = post_action(admin_web, McpServer, "wipe", [server.pk], follow=True)
    assert "No action selected." in messages_of(unknown)
    forged = post_action(admin_web, McpServer, "delete_selected", ["forged-id"], post="yes")
    assert forged.status_code in (200, 302)
    assert McpServer.objects.filter(pk=server.pk).exists() and not AuditLog.objects.exists()


def test_malformed_uuid_in_a_tool_action_is_a_400(admin_web):
    tool = McpToolFactory()
    response = post_action(admin_web, McpTool, "delete_selected", ["'; DROP TABLE mcp_tool; --"], post="yes")
    assert response.status_code == 400 and "is not a MCP tool id" in response.content.decode()
    assert McpTool.objects.filter(pk=tool.pk).exists()
