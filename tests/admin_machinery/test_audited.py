"""AuditedAdminMixin: one audit_log row per admin change, in its transaction."""
import json
from unittest import mock

import pytest
from django.contrib.admin import helpers

from audit import services
from audit.models import AuditLog
from tenancy.models import Tenant, TenantMember
from tests.admin_machinery.conftest import MACHINERY_URLS
from tests.admin_machinery.support import form_data
from tests.factories.registry import McpServerFactory
from tests.factories.tenancy import TenantFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(MACHINERY_URLS)]

TENANT_URL = "/machinery/tenancy/tenant/"


def rows(**filters):
    return list(AuditLog.objects.filter(**filters).order_by("occurred_at", "id"))


def test_add_writes_one_create_row_with_actor_and_request(su_client):
    page = su_client.get(f"{TENANT_URL}add/")
    data = form_data(page, name="Acme", slug="acme", status="active", plan="team")
    response = su_client.post(f"{TENANT_URL}add/", data, HTTP_USER_AGENT="pytest-agent", HTTP_X_REQUEST_ID="req-add-1")
    assert response.status_code == 302, response.content[:2000]
    tenant = Tenant.objects.get(slug="acme")
    [row] = rows(resource_type="tenant")
    assert (row.event_type, row.action, row.resource_id, row.tenant_id) == ("tenant.create", "create", tenant.pk, tenant.pk)
    assert row.changes["name"] == {"before": None, "after": "Acme"}
    assert (row.actor_id, row.actor_email, row.actor_user_agent) == ("django:root", "root@example.com", "pytest-agent")
    assert row.request_id == "req-add-1"
    assert row.metadata["break_glass"] is True and row.metadata["via"] == "admin"


def test_change_writes_one_update_row_with_only_changed_fields(su_client):
    tenant = TenantFactory(name="Old name")
    url = f"{TENANT_URL}{tenant.pk}/change/"
    response = su_client.post(url, form_data(su_client.get(url), name="New name"))
    assert response.status_code == 302
    [row] = rows(resource_type="tenant", resource_id=tenant.pk)
    assert row.event_type == "tenant.update"
    assert row.changes == {"name": {"before": "Old name", "after": "New name"}}


def test_delete_view_writes_one_delete_row(su_client):
    tenant = TenantFactory(name="Doomed")
    response = su_client.post(f"{TENANT_URL}{tenant.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Tenant.objects.filter(pk=tenant.pk).exists()
    [row] = rows(resource_type="tenant")
    assert (row.action, row.resource_name, row.risk_level) == ("delete", "Doomed", "medium")
    assert row.changes["name"] == {"before": "Doomed", "after": None}


def test_bulk_delete_writes_one_row_per_object(su_client):
    tenants = TenantFactory.create_batch(3)
    response = su_client.post(
        TENANT_URL,
        {"action": "delete_selected", "post": "yes", helpers.ACTION_CHECKBOX_NAME: [t.pk for t in tenants]},
    )
    assert response.status_code == 302
    assert not Tenant.objects.filter(pk__in=[t.pk for t in tenants]).exists()
    assert sorted(r.resource_id for r in rows(action="delete")) == sorted(t.pk for t in tenants)


def test_inline_add_change_delete_each_write_their_own_row(su_client):
    tenant = TenantFactory()
    kept = TenantMember.objects.create(tenant=tenant, user=UserFactory(), role="member")
    dropped = TenantMember.objects.create(tenant=tenant, user=UserFactory(), role="member")
    newcomer = UserFactory()
    url = f"{TENANT_URL}{tenant.pk}/change/"
    data = form_data(su_client.get(url))
    index = {data[f"members-{i}-id"]: i for i in range(2)}
    data[f"members-{index[str(kept.pk)]}-role"] = "admin"
    data[f"members-{index[str(dropped.pk)]}-DELETE"] = "on"
    data.update({"members-TOTAL_FORMS": "3", "members-2-user": newcomer.pk, "members-2-role": "viewer",
                 "members-2-tenant": tenant.pk})
    response = su_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    member_rows = rows(resource_type="tenant_member")
    by_action = {r.action: r for r in member_rows}
    assert sorted(by_action) == ["create", "delete", "update"] and len(member_rows) == 3
    assert by_action["update"].changes == {"role": {"before": "member", "after": "admin"}}
    assert by_action["update"].resource_id == str(kept.pk)
    assert by_action["delete"].resource_id == str(dropped.pk)
    assert by_action["create"].changes["role"]["after"] == "viewer"
    assert all(r.tenant_id == tenant.pk and r.metadata["parent_id"] == tenant.pk for r in member_rows)
    assert not rows(resource_type="tenant")  # the tenant itself did not change


def test_secret_columns_are_masked_in_changes(su_client):
    server = McpServerFactory(auth_config={"token": "sk-live-VERYSECRET"})
    su_client.post(f"/machinery/registry/mcpserver/{server.pk}/delete/", {"post": "yes"})
    [row] = rows(resource_type="mcp_server")
    assert row.changes["auth_config"] == {"before": services.REDACTED, "after": services.REDACTED}
    assert "VERYSECRET" not in json.dumps(row.changes)


def _failing_writer(*args, **kwargs):
    raise RuntimeError("audit store unavailable")


def test_change_rolls_back_when_the_audit_write_fails(su_client):
    tenant = TenantFactory(name="Stable")
    url = f"{TENANT_URL}{tenant.pk}/change/"
    data = form_data(su_client.get(url), name="Must not stick")
    with mock.patch("audit.services.record_event", side_effect=_failing_writer):
        with pytest.raises(RuntimeError, match="audit store unavailable"):
            su_client.post(url, data)
    tenant.refresh_from_db()
    assert tenant.name == "Stable"
    assert not rows(resource_type="tenant")


def test_add_and_delete_roll_back_when_the_audit_write_fails(su_client):
    tenant = TenantFactory()
    page = su_client.get(f"{TENANT_URL}add/")
    with mock.patch("audit.services.record_event", side_effect=_failing_writer):
        with pytest.raises(RuntimeError):
            su_client.post(f"{TENANT_URL}add/", form_data(page, name="Ghost", slug="ghost", status="active"))
        with pytest.raises(RuntimeError):
            su_client.post(f"{TENANT_URL}{tenant.pk}/delete/", {"post": "yes"})
        with pytest.raises(RuntimeError):
            su_client.post(TENANT_URL, {"action": "delete_selected", "post": "yes",
                                        helpers.ACTION_CHECKBOX_NAME: [tenant.pk]})
    assert not Tenant.objects.filter(slug="ghost").exists()
    assert Tenant.objects.filter(pk=tenant.pk).exists()


def test_inline_change_rolls_back_with_the_parent_when_the_audit_write_fails(su_client):
    tenant = TenantFactory(name="Parent")
    member = TenantMember.objects.create(tenant=tenant, user=UserFactory(), role="member")
    url = f"{TENANT_URL}{tenant.pk}/change/"
    data = form_data(su_client.get(url), name="Parent renamed", **{"members-0-role": "owner"})
    calls = []

    def fail_on_second(**kwargs):  # the tenant row is written, the member row fails
        calls.append(kwargs["event_type"])
        if len(calls) == 2:
            raise RuntimeError("audit store unavailable")
        return services.AuditLog.objects.create(
            event_type=kwargs["event_type"], action=kwargs["action"], actor_type="user"
        )

    with mock.patch("audit.services.record_event", side_effect=fail_on_second):
        with pytest.raises(RuntimeError):
            su_client.post(url, data)
    tenant.refresh_from_db()
    member.refresh_from_db()
    assert (tenant.name, member.role) == ("Parent", "member")
    assert not AuditLog.objects.exists()


def test_history_view_lists_the_objects_audit_rows(su_client):
    tenant = TenantFactory(name="Historic")
    url = f"{TENANT_URL}{tenant.pk}/change/"
    su_client.post(url, form_data(su_client.get(url), name="Historic 2"))
    page = su_client.get(f"{TENANT_URL}{tenant.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "tenant.update" in html and "Historic 2" in html and "root@example.com" in html


def test_history_view_of_a_missing_object_redirects(su_client):
    response = su_client.get(f"{TENANT_URL}no-such-id/history/")
    assert response.status_code == 302


def test_django_logentry_is_not_written(su_client):
    from django.contrib.admin.models import LogEntry

    tenant = TenantFactory()
    url = f"{TENANT_URL}{tenant.pk}/change/"
    su_client.post(url, form_data(su_client.get(url), name="Renamed"))
    assert not LogEntry.objects.exists()
