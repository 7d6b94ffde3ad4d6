"""The 403 page: the admin's look, what happened, the way back; nothing more."""
import pytest
from django.urls import reverse

from tests.factories.tenancy import TenantFactory
from tests.tenancy_admin.support import admin_url, client_for, staff_member

pytestmark = pytest.mark.django_db


def test_staff_opening_a_tenant_gets_the_styled_access_denied_page():
    person, django_user = staff_member("staff")
    tenant = TenantFactory(name="Secret Corp")
    response = client_for(django_user).get(admin_url(tenant, "change"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "403.html" in [t.name for t in response.templates]
    assert "admin/base_site.html" in [t.name for t in response.templates]
    assert "<h1>Access denied</h1>" in html and "You do not have permission to open this page." in html
    assert f'href="{reverse("admin:index")}"' in html and "Back to the admin home page" in html
    assert person.email in html, "the page does not say who is signed in"
    assert "admin/css/base.css" in html, "not styled like the admin"
    # Nothing about the refused object or the reason leaks.
    assert "Secret Corp" not in html and str(tenant.pk) not in html
    assert "Django administration" not in html


def test_the_tenant_list_is_refused_the_same_way():
    _person, django_user = staff_member("staff")
    response = client_for(django_user).get(admin_url(TenantFactory(), "changelist"))
    assert response.status_code == 403 and "<h1>Access denied</h1>" in response.content.decode()
