import pytest

from audit.models import AuditLog
from tenancy.models import Tenant
from tests.factories.tenancy import TenantFactory
from tests.tenancy_admin.support import admin_url, form_data

pytestmark = pytest.mark.django_db


def test_two_edits_of_one_tenant_the_second_is_refused_and_sees_the_first(admin_web):
    tenant = TenantFactory(name="Original", description="first text")
    url = admin_url(tenant, "change")
    form_a = form_data(admin_web.get(url))  # two people open the form
    form_b = form_data(admin_web.get(url))

    form_a["name"] = "Renamed by A"
    assert admin_web.post(url, form_a).status_code == 302

    form_b["name"] = "Renamed by B"
    form_b["description"] = "B's text"
    refused = admin_web.post(url, form_b)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "changed by someone else" in html
    assert "Renamed by A" in html and "Renamed by B" not in html  # the current values are shown
    tenant.refresh_from_db()
    assert (tenant.name, tenant.description) == ("Renamed by A", "first text")
    assert AuditLog.objects.filter(resource_type="tenant", action="update").count() == 1

    form_c = form_data(admin_web.get(url))  # reloaded: saves again
    form_c["description"] = "B's text"
    assert admin_web.post(url, form_c).status_code == 302
    assert Tenant.objects.get(pk=tenant.pk).description == "B's text"
