"""SecretsHiddenMixin and PrettyJSONMixin on real pages."""
import pytest
from django.contrib import admin as django_admin
from django.utils.html import escape

from mcpmanager.admin.json import pretty_json
from tests.admin_machinery.conftest import MACHINERY_URLS
from tests.admin_machinery.support import form_data
from tests.factories.registry import McpServerFactory, SystemConfigFactory
from tests.factories.tenancy import TenantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(MACHINERY_URLS)]

SECRET = "sk-live-NEVER-SHOW-THIS"


@pytest.fixture
def server():
    return McpServerFactory(name="alpha", auth_config={"token": SECRET, "header": "X-Key"})


def test_secret_values_are_absent_from_change_list_and_history_pages(su_client, server):
    pages = [
        f"/machinery/registry/mcpserver/{server.pk}/change/",
        "/machinery/registry/mcpserver/",
        f"/machinery/registry/mcpserver/{server.pk}/history/",
        f"/machinery/registry/mcpserver/{server.pk}/delete/",
    ]
    for url in pages:
        response = su_client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url


def test_json_secrets_show_their_keys_with_masked_values(su_client, server):
    html = su_client.get(f"/machinery/registry/mcpserver/{server.pk}/change/").content.decode()
    assert "auth_config: token: ••••••••, header: ••••••••" in html


def test_secrets_are_not_searchable_nor_listed(rf, superuser):
    from tests.admin_machinery.site import site
    from registry.models import McpServer

    request = rf.get("/")
    request.user = superuser
    model_admin = site._registry[McpServer]
    assert "auth_config" not in model_admin.get_list_display(request)
    assert model_admin.get_search_fields(request) == ["name"]
    assert "auth_config" not in model_admin.get_readonly_fields(request, McpServer())


def test_searching_for_a_secret_value_finds_nothing(su_client, server):
    response = su_client.get("/machinery/registry/mcpserver/", {"q": SECRET})
    assert response.context["cl"].result_count == 0


def test_sensitive_setting_hides_its_value_and_a_plain_one_shows_it(su_client):
    sensitive = SystemConfigFactory(key="smtp.password", value={"password": SECRET}, is_sensitive=True)
    plain = SystemConfigFactory(key="ui.theme", value={"theme": "dark-blue"})
    html = su_client.get(f"/machinery/registry/systemconfig/{sensitive.pk}/change/").content.decode()
    assert SECRET not in html and "value: password: ••••••••" in html
    assert "dark-blue" in su_client.get(f"/machinery/registry/systemconfig/{plain.pk}/change/").content.decode()


def test_sensitive_setting_survives_a_save_of_its_other_fields(su_client):
    sensitive = SystemConfigFactory(key="smtp.password", value={"password": SECRET}, is_sensitive=True)
    url = f"/machinery/registry/systemconfig/{sensitive.pk}/change/"
    assert su_client.post(url, form_data(su_client.get(url), category="mail")).status_code == 302
    sensitive.refresh_from_db()
    assert (sensitive.category, sensitive.value) == ("mail", {"password": SECRET})


def test_json_is_edited_pretty_printed(su_client):
    tenant = TenantFactory(limits={"max_servers": 10, "max_users": 25})
    tenant.refresh_from_db()  # jsonb's own key order
    html = su_client.get(f"/machinery/tenancy/tenant/{tenant.pk}/change/").content.decode()
    assert escape(pretty_json(tenant.limits)) + "</textarea>" in html
    assert "\n  &quot;max_servers&quot;: 10" in html
    assert "font-family: monospace" in html


@pytest.mark.parametrize("bad", ['{"max_users": 5', "{max_users: 5}", "[1, 2,]", "nope"])
def test_invalid_json_is_a_form_error_naming_the_field(su_client, bad):
    tenant = TenantFactory(limits={"max_users": 5})
    url = f"/machinery/tenancy/tenant/{tenant.pk}/change/"
    response = su_client.post(url, form_data(su_client.get(url), limits=bad))
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["limits"]
    assert message.startswith("Limits is not valid JSON:")
    tenant.refresh_from_db()
    assert tenant.limits == {"max_users": 5}


def test_emptied_non_null_json_gets_its_default_not_a_500(su_client):
    tenant = TenantFactory(limits={"max_users": 5})
    url = f"/machinery/tenancy/tenant/{tenant.pk}/change/"
    assert su_client.post(url, form_data(su_client.get(url), limits="")).status_code == 302
    tenant.refresh_from_db()
    assert tenant.limits == {}


def test_view_only_users_see_json_pretty_and_read_only(viewer_client):
    tenant = TenantFactory(limits={"max_servers": 10, "max_users": 25})
    response = viewer_client.get(f"/machinery/tenancy/tenant/{tenant.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    tenant.refresh_from_db()
    assert '<pre class="mcp-json">' + escape(pretty_json(tenant.limits)) + "</pre>" in html
    assert "<textarea" not in html


def test_view_only_server_page_hides_secrets_too(viewer_client, server):
    html = viewer_client.get(f"/machinery/registry/mcpserver/{server.pk}/change/").content.decode()
    assert SECRET not in html and "token: ••••••••" in html


def test_the_machinery_package_registers_nothing_on_the_default_site():
    import mcpmanager.admin  # noqa: F401  (what autodiscover imports)

    assert not [
        model for model, model_admin in django_admin.site._registry.items()
        if type(model_admin).__module__.startswith("mcpmanager.admin")
    ]
