"""Related objects are links only for viewers who may open them (staff may
view servers, not tenants or users); dependencies are named by their servers."""
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission

from audit.models import AuditLog
from registry.models import McpServerDependency
from tenancy.admin.links import related_link
from tests.factories.registry import McpServerDependencyFactory, McpServerFactory
from tests.factories.tenancy import TenantFactory, TenantMemberFactory, UserFactory
from tests.tenancy_admin.support import admin_url, client_for, form_data, queries_for, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def server():
    server = McpServerFactory(name="github", tenant=TenantFactory(name="Acme"),
                              owner=UserFactory(email="owner@acme.test"))
    McpServerDependencyFactory(server=server, depends_on_server=McpServerFactory(name="web-search"),
                               dependency_type="optional")
    return server


def _readonly_html(response, name):
    """The rendered read-only value of field `name` on a change page."""
    for fieldset in response.context["adminform"]:
        for line in fieldset:
            for field in line:
                if field.field["name"] == name:
                    return str(field.contents())
    raise AssertionError(f"{name} is not on the page")


def test_staff_see_the_tenant_and_owner_as_text_not_links_to_a_403(server):
    _person, django_user = staff_member("staff")
    response = client_for(django_user).get(admin_url(server, "change"))
    assert response.status_code == 200
    assert _readonly_html(response, "tenant") == "Acme"
    assert _readonly_html(response, "owner") == "owner@acme.test"
    html = response.content.decode()
    assert admin_url(server.tenant, "change") not in html and admin_url(server.owner, "change") not in html
    assert 'class="form-row field-tenant' in html, "the row lost its field class"
    # Servers they may open stay links.
    assert admin_url(server.dependencies.get().depends_on_server, "change") in html


def test_those_who_may_view_tenants_and_users_get_links(server, support_web):
    response = support_web.get(admin_url(server, "change"))
    assert _readonly_html(response, "tenant") == f'<a href="{admin_url(server.tenant, "change")}">Acme</a>'
    assert _readonly_html(response, "owner") == f'<a href="{admin_url(server.owner, "change")}">owner@acme.test</a>'


def test_inline_rows_follow_the_same_rule(django_user_model):
    """A person who may view users and memberships but not tenants: the
    membership rows on the user page name the tenant without a link."""
    member = TenantMemberFactory(tenant=TenantFactory(name="Acme"))
    reader = django_user_model.objects.create(username="reader", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(
        content_type__app_label="tenancy", codename__in=["view_user", "view_tenantmember"]))
    response = client_for(reader).get(admin_url(member.user, "change"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Acme" in html and admin_url(member.tenant, "change") not in html

    reader.user_permissions.add(Permission.objects.get(codename="view_tenant"))
    html = client_for(reader).get(admin_url(member.user, "change")).content.decode()
    assert f'<a href="{admin_url(member.tenant, "change")}">Acme</a>' in html


def test_related_link_helper(server, rf):
    request = rf.get("/")
    request.user = staff_member("staff")[1]
    assert related_link(request, admin.site, server.tenant) == "Acme"
    assert related_link(request, admin.site, None) == "-"
    assert related_link(request, admin.site, server).startswith(f'<a href="{admin_url(server, "change")}">')


def test_dependencies_are_named_by_their_servers(server, admin_web):
    dependency = McpServerDependency.objects.get(server=server)
    assert str(dependency) == "github -> web-search (optional)"
    html = admin_web.get(admin_url(server, "change")).content.decode()
    assert "github -&gt; web-search (optional)" in html
    listing = admin_web.get(admin_url(McpServerDependency, "changelist"))
    assert listing.status_code == 200
    page = admin_web.get(admin_url(dependency, "change")).content.decode()
    assert "github -&gt; web-search (optional)" in page


def test_a_dependency_change_is_audited_under_a_readable_name(server, admin_web):
    dependency = McpServerDependency.objects.get(server=server)
    page = admin_web.get(admin_url(dependency, "change"))
    data = form_data(page)
    data["dependency_type"] = "required"
    response = admin_web.post(admin_url(dependency, "change"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    entry = AuditLog.objects.get(resource_type="mcp_server_dependency", resource_id=str(dependency.pk))
    assert entry.resource_name == "github -> web-search (required)"


def test_server_page_labels_cost_no_query_per_dependency(server, admin_web, django_assert_max_num_queries):
    for _ in range(5):
        McpServerDependencyFactory(server=server)
        McpServerDependencyFactory(depends_on_server=server)
    with_5 = queries_for(admin_web, admin_url(server, "change"))
    for _ in range(30):
        McpServerDependencyFactory(server=server)
        McpServerDependencyFactory(depends_on_server=server)
    with django_assert_max_num_queries(with_5):
        html = admin_web.get(admin_url(server, "change")).content.decode()
    assert html.count("github -&gt; ") >= 36 and html.count(" -&gt; github (") == 35
