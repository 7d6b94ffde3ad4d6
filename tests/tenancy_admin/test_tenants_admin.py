import hashlib

import pytest

from audit.models import AuditLog
from registry.models import McpServer, McpTool
from tenancy.models import Tenant, TenantInvitation, TenantMember
from tests.factories.registry import McpServerFactory, McpToolFactory
from tests.factories.tenancy import TenantFactory, TenantInvitationFactory, TenantMemberFactory, UserFactory
from tests.tenancy_admin.support import admin_url, form_data, messages_of, post_action

pytestmark = pytest.mark.django_db


def test_list_shows_the_columns_with_member_and_server_counts(admin_web):
    tenant = TenantFactory(name="Acme", slug="acme", plan="business")
    TenantMemberFactory.create_batch(3, tenant=tenant)
    McpServerFactory.create_batch(2, tenant=tenant)
    TenantFactory(name="Empty", slug="empty")
    response = admin_web.get(admin_url(Tenant, "changelist"))
    assert response.status_code == 200
    headers = [str(h["text"]).lower() for h in response.context["result_headers"]]
    assert headers[1:] == ["name", "slug", "status", "plan", "members", "servers", "created at"]
    rows = {t.slug: (t.member_count, t.server_count) for t in response.context["cl"].result_list}
    assert rows == {"acme": (3, 2), "empty": (0, 0)}


@pytest.mark.parametrize("term, found", [("Ac", {"acme"}), ("acme", {"acme"}), ("acm", {"acme"}),
                                         ("ACME", {"acme"}), ("me", set()), ("beta-co", {"beta-co"})])
def test_search_is_exact_or_prefix_on_name_and_slug(admin_web, term, found):
    TenantFactory(name="Acme", slug="acme")
    TenantFactory(name="Beta", slug="beta-co")
    response = admin_web.get(admin_url(Tenant, "changelist"), {"q": term})
    assert {t.slug for t in response.context["cl"].result_list} == found


def test_filters_by_status_and_plan(admin_web):
    TenantFactory(slug="a", status="suspended", plan="free")
    TenantFactory(slug="b", status="active", plan="free")
    TenantFactory(slug="c", status="active", plan=None)
    response = admin_web.get(admin_url(Tenant, "changelist"), {"status__exact": "active", "plan__exact": "free"})
    assert [t.slug for t in response.context["cl"].result_list] == ["b"]
    response = admin_web.get(admin_url(Tenant, "changelist"), {"plan__isnull": "True"})
    assert [t.slug for t in response.context["cl"].result_list] == ["c"]


def test_suspend_asks_for_a_reason_then_suspends_and_audits(admin_web, admin_member):
    tenants = TenantFactory.create_batch(2)
    ids = [t.pk for t in tenants]
    page = post_action(admin_web, Tenant, "suspend_tenants", ids)
    assert page.status_code == 200 and b'name="reason"' in page.content
    assert not Tenant.objects.filter(status="suspended").exists()

    missing = post_action(admin_web, Tenant, "suspend_tenants", ids, apply="1", reason="")
    assert missing.status_code == 200 and b"This field is required" in missing.content
    assert not Tenant.objects.filter(status="suspended").exists()

    done = post_action(admin_web, Tenant, "suspend_tenants", ids, apply="1", reason="Unpaid")
    assert done.status_code == 302
    assert set(Tenant.objects.filter(pk__in=ids).values_list("status", "suspended_reason")) == {("suspended", "Unpaid")}
    rows = AuditLog.objects.filter(event_type="tenant.suspend")
    assert sorted(r.tenant_id for r in rows) == sorted(ids)
    assert {r.actor_id for r in rows} == {admin_member[0].id}


def test_reactivate_skips_active_tenants(admin_web):
    suspended = TenantFactory(status="suspended", suspended_reason="x")
    active = TenantFactory()
    response = post_action(admin_web, Tenant, "reactivate_tenants", [suspended.pk, active.pk])
    assert response.status_code == 302
    suspended.refresh_from_db()
    assert suspended.status == "active" and suspended.suspended_reason is None
    assert [r.resource_id for r in AuditLog.objects.filter(event_type="tenant.reactivate")] == [suspended.pk]


def test_support_may_view_but_not_run_actions_or_save(support_web):
    tenant = TenantFactory()
    assert support_web.get(admin_url(tenant, "change")).status_code == 200
    response = post_action(support_web, Tenant, "suspend_tenants", [tenant.pk], apply="1", reason="x")
    assert response.status_code == 200 and not response.context["action_form"]  # no actions offered
    assert Tenant.objects.get(pk=tenant.pk).status == "active"
    assert not AuditLog.objects.exists()
    assert support_web.post(admin_url(tenant, "change"), {"name": "x"}).status_code == 403


def test_members_inline_adds_a_member_by_email_and_changes_a_role(admin_web, admin_member):
    tenant = TenantFactory()
    existing = TenantMemberFactory(tenant=tenant, role="member")
    newcomer = UserFactory(email="new.person@example.com")
    page = admin_web.get(admin_url(tenant, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-role"] = "admin"
    data[f"{prefix}-1-user"] = "New.Person@Example.com"
    data[f"{prefix}-1-role"] = "viewer"
    response = admin_web.post(admin_url(tenant, "change"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    existing.refresh_from_db()
    assert existing.role == "admin"
    added = TenantMember.objects.get(tenant=tenant, user=newcomer)
    assert added.role == "viewer" and added.invited_by_id == admin_member[0].id
    assert AuditLog.objects.filter(resource_type="tenant_member", action="create", resource_id=str(added.pk)).exists()
    assert AuditLog.objects.get(resource_type="tenant_member", action="update").changes["role"] == {
        "before": "member", "after": "admin"
    }


def test_members_inline_refuses_an_unknown_email(admin_web):
    tenant = TenantFactory()
    page = admin_web.get(admin_url(tenant, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-user"] = "nobody@example.com"
    response = admin_web.post(admin_url(tenant, "change"), data)
    assert response.status_code == 200
    assert "No user has the e-mail address" in response.content.decode()
    assert not TenantMember.objects.exists()


def test_an_invitation_gets_its_token_hash_server_side_and_never_shows_it(admin_web):
    tenant = TenantFactory()
    page = admin_web.get(admin_url(tenant, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][1].formset.prefix
    data[f"{prefix}-0-email"] = "Invitee@Example.com"
    data[f"{prefix}-0-role"] = "member"
    data[f"{prefix}-0-token_hash"] = "forged-hash"  # not a field: ignored
    response = admin_web.post(admin_url(tenant, "change"), data, follow=True)
    invitation = TenantInvitation.objects.get(tenant=tenant)
    assert invitation.email == "invitee@example.com" and invitation.status == "pending"
    [token] = [m.split(": ")[-1] for m in messages_of(response) if "token" in m]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    html = admin_web.get(admin_url(tenant, "change")).content.decode()
    assert invitation.token_hash not in html and "forged-hash" not in html
    assert invitation.token_hash not in str(AuditLog.objects.get(resource_type="tenant_invitation").changes)


def test_two_pending_invitations_for_one_address_are_a_form_error(admin_web):
    tenant = TenantFactory()
    TenantInvitationFactory(tenant=tenant, email="dup@example.com")
    page = admin_web.get(admin_url(tenant, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][1].formset.prefix
    data[f"{prefix}-1-email"] = "dup@example.com"
    data[f"{prefix}-1-role"] = "member"
    response = admin_web.post(admin_url(tenant, "change"), data)
    assert response.status_code == 200
    assert "pending invitation for dup@example.com" in response.content.decode()
    assert TenantInvitation.objects.count() == 1


def test_deleting_a_tenant_with_servers_lists_them_and_refuses(admin_web):
    tenant = TenantFactory()
    server = McpServerFactory(tenant=tenant, name="billing-mcp")
    page = admin_web.get(admin_url(tenant, "delete"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "still owns these MCP servers" in html and "billing-mcp" in html and 'id="delete-with-servers"' in html
    refused = admin_web.post(admin_url(tenant, "delete"), {"post": "yes"})
    assert refused.status_code == 200
    assert Tenant.objects.filter(pk=tenant.pk).exists() and McpServer.objects.filter(pk=server.pk).exists()
    assert not AuditLog.objects.filter(action="delete").exists()


def test_deleting_a_tenant_with_its_servers_deletes_everything_in_one_go(admin_web):
    tenant = TenantFactory()
    TenantMemberFactory(tenant=tenant)
    server = McpServerFactory(tenant=tenant)
    McpToolFactory(server=server)
    url = admin_url(tenant, "delete") + "?with_servers=1"
    page = admin_web.get(url)
    assert page.status_code == 200 and server.name in page.content.decode()
    response = admin_web.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Tenant.objects.filter(pk=tenant.pk).exists()
    assert not McpServer.objects.exists() and not McpTool.objects.exists()
    assert set(AuditLog.objects.filter(action="delete").values_list("resource_type", flat=True)) == {
        "tenant", "mcp_server"
    }


def test_bulk_delete_of_a_tenant_with_servers_is_refused_clearly(admin_web):
    tenant = TenantFactory()
    McpServerFactory(tenant=tenant)
    response = post_action(admin_web, Tenant, "delete_selected", [tenant.pk], post="yes")
    assert response.status_code == 200 and "protected" in response.content.decode()
    assert Tenant.objects.filter(pk=tenant.pk).exists()


def test_a_tenant_without_servers_deletes_with_its_members(admin_web):
    tenant = TenantFactory()
    TenantMemberFactory(tenant=tenant)
    response = admin_web.post(admin_url(tenant, "delete"), {"post": "yes"})
    assert response.status_code == 302 and not Tenant.objects.exists() and not TenantMember.objects.exists()
