"""mcp_server.auth_config: values replaced, added and removed from the change
form without ever reaching the page or the audit log."""
import pytest

from audit.models import AuditLog
from audit.services import REDACTED
from registry.admin.auth_config import NEW_KEY, NEW_VALUE, remove_field, value_field
from registry.models import McpServer
from tests.factories.registry import McpServerFactory
from tests.tenancy_admin.support import admin_url, client_for, form_data, staff_member

pytestmark = pytest.mark.django_db

SECRETS = {"header": "X-Secret-Header-777", "token": "sk-live-123456"}  # sorted: header=0, token=1


@pytest.fixture
def server():
    return McpServerFactory(auth_type="bearer", auth_config=dict(SECRETS))


def open_form(web, server):
    response = web.get(admin_url(server, "change"))
    assert response.status_code == 200
    return response, form_data(response)


def assert_no_values(html, *values):
    for value in (*SECRETS.values(), *values):
        assert value not in html


def audit_rows(server):
    return list(AuditLog.objects.filter(resource_type="mcp_server", resource_id=str(server.pk), action="update"))


def test_form_has_one_password_input_per_key_and_no_value(admin_web, server):
    response, data = open_form(admin_web, server)
    html = response.content.decode()
    assert_no_values(html)
    for name in (value_field(0), value_field(1), NEW_VALUE):
        assert f'type="password" name="{name}"' in html
    assert f'name="{remove_field(0)}"' in html and f'name="{NEW_KEY}"' in html
    assert "New value for “token”" in html and "Remove “header”" in html
    assert not data.get(value_field(0)) and not data.get(value_field(1))  # nothing prefilled


def test_blank_inputs_keep_every_value(admin_web, server):
    _response, data = open_form(admin_web, server)
    data["description"] = "documented"
    assert admin_web.post(admin_url(server, "change"), data).status_code == 302
    server.refresh_from_db()
    assert server.auth_config == SECRETS and server.description == "documented"
    (row,) = audit_rows(server)
    assert "auth_config" not in row.changes


def test_replace_add_and_remove_keys_in_one_save_audits_key_names_only(admin_web, server):
    _response, data = open_form(admin_web, server)
    data.update({value_field(1): "sk-rotated-999", remove_field(0): "on", NEW_KEY: "user",
                 NEW_VALUE: "svc-account-42", "auth_type": "basic"})
    assert admin_web.post(admin_url(server, "change"), data).status_code == 302
    server.refresh_from_db()
    assert server.auth_config == {"token": "sk-rotated-999", "user": "svc-account-42"}
    assert server.auth_type == "basic"
    (row,) = audit_rows(server)
    assert row.changes["auth_config"] == {
        "before": {"header": REDACTED, "token": REDACTED},
        "after": {"token": REDACTED, "user": REDACTED},
    }
    assert row.changes["auth_type"] == {"before": "bearer", "after": "basic"}
    text = str(row.changes) + str(row.metadata) + str(row.description)
    assert_no_values(text, "sk-rotated-999", "svc-account-42")


def test_the_page_after_saving_shows_keys_not_values(admin_web, server):
    _response, data = open_form(admin_web, server)
    data.update({NEW_KEY: "user", NEW_VALUE: "svc-account-42"})
    admin_web.post(admin_url(server, "change"), data)
    html = admin_web.get(admin_url(server, "change")).content.decode()
    assert_no_values(html, "svc-account-42")
    assert "New value for “user”" in html


@pytest.mark.parametrize(
    "changes, error_field",
    [
        ({NEW_KEY: "token", NEW_VALUE: "sk-dup-000"}, NEW_KEY),  # key exists
        ({NEW_KEY: "user"}, NEW_VALUE),  # name without value
        ({NEW_VALUE: "orphan-value-55"}, NEW_KEY),  # value without name
        ({value_field(1): "sk-new-111", remove_field(1): "on"}, value_field(1)),  # replace and remove
        ({value_field(1): "x" * 10_001}, value_field(1)),  # too long
    ],
)
def test_refusals_rerender_without_any_value(admin_web, server, changes, error_field):
    _response, data = open_form(admin_web, server)
    data.update(changes)
    response = admin_web.post(admin_url(server, "change"), data)
    assert response.status_code == 200
    assert error_field in response.context["adminform"].form.errors
    html = response.content.decode()
    assert_no_values(html, *(v for k, v in changes.items() if k != NEW_KEY and v != "on"))
    server.refresh_from_db()
    assert server.auth_config == SECRETS
    assert audit_rows(server) == []


def test_stale_form_is_refused_by_the_optimistic_lock(admin_web, server):
    _response, stale = open_form(admin_web, server)
    _response, fresh = open_form(admin_web, server)
    fresh[value_field(1)] = "sk-first-writer"
    assert admin_web.post(admin_url(server, "change"), fresh).status_code == 302

    stale.update({value_field(1): "sk-second-writer", NEW_KEY: "user", NEW_VALUE: "svc-late-1"})
    refused = admin_web.post(admin_url(server, "change"), stale)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "changed by someone else" in html
    assert_no_values(html, "sk-first-writer", "sk-second-writer", "svc-late-1")
    server.refresh_from_db()
    assert server.auth_config == {"header": SECRETS["header"], "token": "sk-first-writer"}
    assert len(audit_rows(server)) == 1


def test_add_form_can_set_a_first_key(admin_web):
    response = admin_web.get(admin_url(McpServer, "add"))
    html = response.content.decode()
    assert f'type="password" name="{NEW_VALUE}"' in html
    data = form_data(response)
    data.update({"name": "fresh", "version": "1.0.0", "endpoint_url": "https://fresh.example.test/mcp",
                 "transport": "http", "auth_type": "bearer", NEW_KEY: "token", NEW_VALUE: "sk-born-1"})
    assert admin_web.post(admin_url(McpServer, "add"), data).status_code == 302
    created = McpServer.objects.get(name="fresh")
    assert created.auth_config == {"token": "sk-born-1"}
    row = AuditLog.objects.get(resource_type="mcp_server", action="create")
    assert "sk-born-1" not in str(row.changes)


@pytest.mark.parametrize("role", ["support", "staff"])
def test_support_and_staff_see_no_inputs_and_cannot_change(role, server):
    web = client_for(staff_member(role)[1])
    html = web.get(admin_url(server, "change")).content.decode()
    assert_no_values(html)
    assert 'type="password"' not in html and NEW_KEY not in html
    response = web.post(admin_url(server, "change"), {value_field(1): "sk-hijack", NEW_KEY: "x", NEW_VALUE: "y"})
    assert response.status_code == 403
    server.refresh_from_db()
    assert server.auth_config == SECRETS
