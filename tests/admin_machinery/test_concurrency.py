"""OptimisticLockMixin: two edits racing on the same row; the later one loses."""
import pytest

from audit.models import AuditLog
from mcpmanager.admin.concurrency import CONFLICT_MESSAGE, MISSING_TOKEN_MESSAGE, TOKEN_FIELD
from tests.admin_machinery.conftest import MACHINERY_URLS
from tests.admin_machinery.support import form_data
from tests.factories.tenancy import TenantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(MACHINERY_URLS)]


def change_url(tenant):
    return f"/machinery/tenancy/tenant/{tenant.pk}/change/"


def test_the_form_carries_the_rows_updated_at(su_client):
    tenant = TenantFactory()
    page = su_client.get(change_url(tenant))
    assert f'name="{TOKEN_FIELD}"' in page.content.decode()
    assert form_data(page)[TOKEN_FIELD] == tenant.updated_at.isoformat()


def test_second_of_two_racing_edits_is_refused_and_overwrites_nothing(su_client):
    tenant = TenantFactory(name="Original", limits={"max_users": 5})
    url = change_url(tenant)
    form_a = form_data(su_client.get(url), name="Edit A", limits='{"max_users": 50}')
    form_b = form_data(su_client.get(url), name="Edit B")

    assert su_client.post(url, form_b).status_code == 302
    refused = su_client.post(url, form_a)

    assert refused.status_code == 200
    form = refused.context["adminform"].form
    expected = CONFLICT_MESSAGE.format(name="tenant")
    assert form.non_field_errors() == [expected]
    assert expected.split(";")[0] in refused.content.decode()
    # The page shows the current values (B's), not A's.
    assert form["name"].value() == "Edit B"
    tenant.refresh_from_db()
    assert (tenant.name, tenant.limits) == ("Edit B", {"max_users": 5})
    assert AuditLog.objects.filter(resource_id=tenant.pk).count() == 1  # B's only


def test_resubmitting_after_a_conflict_carries_the_fresh_token(su_client):
    tenant = TenantFactory(name="Original")
    url = change_url(tenant)
    stale = form_data(su_client.get(url), name="Stale")
    su_client.post(url, form_data(su_client.get(url), name="Fresh"))
    refused = su_client.post(url, stale)
    tenant.refresh_from_db()
    assert form_data(refused)[TOKEN_FIELD] == tenant.updated_at.isoformat()


def test_a_form_without_its_token_is_refused(su_client):
    tenant = TenantFactory(name="Original")
    url = change_url(tenant)
    for token in (None, "not-a-date", ""):
        data = form_data(su_client.get(url), name="Forged")
        if token is None:
            del data[TOKEN_FIELD]
        else:
            data[TOKEN_FIELD] = token
        response = su_client.post(url, data)
        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors() == [MISSING_TOKEN_MESSAGE]
    tenant.refresh_from_db()
    assert tenant.name == "Original"


def test_sequential_edits_from_fresh_forms_both_succeed(su_client):
    tenant = TenantFactory(name="One")
    url = change_url(tenant)
    assert su_client.post(url, form_data(su_client.get(url), name="Two")).status_code == 302
    assert su_client.post(url, form_data(su_client.get(url), name="Three")).status_code == 302
    tenant.refresh_from_db()
    assert tenant.name == "Three"


def test_view_only_users_get_no_token_field(viewer_client):
    tenant = TenantFactory()
    page = viewer_client.get(change_url(tenant))
    assert page.status_code == 200
    assert TOKEN_FIELD not in page.content.decode()
