"""Bad input never gives a 500 and never writes part of a change."""
import pytest

from audit.models import AuditLog
from tenancy.models import Tenant, TenantInvitation, TenantMember, User
from tests.factories.tenancy import TenantFactory, TenantInvitationFactory, TenantMemberFactory, UserFactory
from tests.tenancy_admin.support import admin_url, form_data, messages_of, post_action

pytestmark = pytest.mark.django_db


def tenant_form(client, tenant, **changes):
    data = form_data(client.get(admin_url(tenant, "change")))
    data.update(changes)
    return data


def assert_refused(response, message):
    assert response.status_code == 200, response.status_code
    assert message in response.content.decode()


def assert_tenant_unchanged(tenant):
    stored = Tenant.objects.get(pk=tenant.pk)
    assert (stored.name, stored.slug, stored.plan, stored.limits) == (tenant.name, tenant.slug, tenant.plan,
                                                                      tenant.limits)
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("changes, message", [
    ({"limits": '{"max_servers": 10,'}, "Limits is not valid JSON"),
    ({"plan": "gold"}, "Select a valid choice. gold is not one of the available choices."),
    ({"name": "x" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
    ({"slug": "Not A Slug"}, "Use lower-case letters and digits"),
    ({"slug": "a" * 64}, "at most 63 characters"),
    ({"billing_email": "not-an-address"}, "Enter a valid email address."),
    ({"name": "nul\x00byte"}, "Null characters are not allowed."),
])
def test_tenant_form_errors(admin_web, changes, message):
    tenant = TenantFactory()
    response = admin_web.post(admin_url(tenant, "change"), tenant_form(admin_web, tenant, **changes))
    assert_refused(response, message)
    assert_tenant_unchanged(tenant)


def test_duplicate_slug_is_a_form_error(admin_web):
    TenantFactory(slug="taken")
    tenant = TenantFactory()
    response = admin_web.post(admin_url(tenant, "change"), tenant_form(admin_web, tenant, slug="taken"))
    assert_refused(response, "Tenant with this Slug already exists.")
    assert_tenant_unchanged(tenant)


def test_a_new_tenant_with_bad_member_rows_is_not_created_at_all(admin_web):
    page = admin_web.get(admin_url(Tenant, "add"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data.update({"name": "New", "slug": "new", f"{prefix}-0-user": "ghost@example.com", f"{prefix}-0-role": "member"})
    response = admin_web.post(admin_url(Tenant, "add"), data)
    assert_refused(response, "No user has the e-mail address")
    assert not Tenant.objects.filter(slug="new").exists() and not AuditLog.objects.exists()


def test_member_role_outside_the_enum_is_a_form_error(admin_web):
    member = TenantMemberFactory()
    page = admin_web.get(admin_url(member.tenant, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-role"] = "overlord"
    assert_refused(admin_web.post(admin_url(member.tenant, "change"), data), "Select a valid choice.")
    assert TenantMember.objects.get(pk=member.pk).role == "member"


def test_duplicate_membership_is_a_form_error(admin_web):
    member = TenantMemberFactory()
    data = {"tenant": member.tenant_id, "user": member.user_id, "role": "admin", "joined_at_0": "2025-01-01",
            "joined_at_1": "10:00:00"}
    response = admin_web.post(admin_url(TenantMember, "add"), data)
    assert_refused(response, "already exists")
    assert TenantMember.objects.count() == 1


def test_duplicate_pending_invitation_on_its_own_page_is_a_form_error(admin_web):
    invitation = TenantInvitationFactory(email="dup@example.com")
    data = {"tenant": invitation.tenant_id, "email": "DUP@example.com", "role": "member", "status": "pending",
            "expires_at_0": "2030-01-01", "expires_at_1": "10:00:00"}
    response = admin_web.post(admin_url(TenantInvitation, "add"), data)
    assert_refused(response, "A pending invitation for dup@example.com to this tenant already exists.")
    assert TenantInvitation.objects.count() == 1


@pytest.mark.parametrize("model, field", [(TenantMember, "tenant"), (TenantMember, "user")])
def test_foreign_key_to_a_missing_row_is_a_form_error(admin_web, model, field):
    member = TenantMemberFactory()
    data = {"tenant": member.tenant_id, "user": UserFactory().pk, "role": "member", "joined_at_0": "2025-01-01",
            "joined_at_1": "10:00:00", field: "no-such-row"}
    response = admin_web.post(admin_url(model, "add"), data)
    assert_refused(response, "Select a valid choice.")
    assert TenantMember.objects.count() == 1


def test_user_home_tenant_pointing_nowhere_is_a_form_error(admin_web):
    person = UserFactory()
    data = form_data(admin_web.get(admin_url(person, "change")))
    data["tenant"] = "no-such-tenant"
    assert_refused(admin_web.post(admin_url(person, "change"), data), "Select a valid choice.")
    assert User.objects.get(pk=person.pk).tenant_id is None


def test_unknown_action_name_changes_nothing(admin_web):
    tenant = TenantFactory()
    response = post_action(admin_web, Tenant, "drop_everything", [tenant.pk], follow=True)
    assert response.status_code == 200 and "No action selected." in messages_of(response)
    assert not AuditLog.objects.exists()


def test_forged_object_id_in_an_action_is_refused_with_a_message(admin_web):
    response = post_action(admin_web, User, "ban_users", ["forged-id"], apply="1", reason="x", follow=True)
    assert response.status_code == 200
    assert "None of the selected users exist; nothing was changed." in messages_of(response)
    assert not AuditLog.objects.exists()


def test_forged_ids_mixed_with_real_ones_act_on_the_real_ones_only(admin_web):
    tenant = TenantFactory(status="suspended")
    post_action(admin_web, Tenant, "reactivate_tenants", [tenant.pk, "forged"])
    assert Tenant.objects.get(pk=tenant.pk).status == "active"
    assert AuditLog.objects.count() == 1


def test_malformed_uuid_in_an_action_post_is_not_a_server_error(admin_web):
    member = TenantMemberFactory()
    response = post_action(admin_web, TenantMember, "delete_selected", [member.pk, "not-a-uuid"], post="yes")
    assert response.status_code == 400
    assert "not-a-uuid" in response.content.decode()
    assert TenantMember.objects.filter(pk=member.pk).exists() and not AuditLog.objects.exists()


@pytest.mark.parametrize("index", ["7", "-1", "abc"])
def test_tampered_action_index_is_not_a_server_error(admin_web, index):
    tenant = TenantFactory(status="suspended")
    response = post_action(admin_web, Tenant, "reactivate_tenants", [tenant.pk], index=index)
    assert response.status_code in (200, 302, 400)


def test_a_service_refusal_inside_a_bulk_action_rolls_back_every_row(admin_web, monkeypatch):
    from tenancy import services

    people = UserFactory.create_batch(3)
    real_ban = services.ban_user
    calls = []

    def ban_then_refuse_the_last(**kwargs):
        calls.append(kwargs["user"].pk)
        if len(calls) == 3:
            raise services.TenancyServiceError("This user no longer exists.")
        return real_ban(**kwargs)

    monkeypatch.setattr(services, "ban_user", ban_then_refuse_the_last)
    response = post_action(admin_web, User, "ban_users", [p.pk for p in people], apply="1", reason="x", follow=True)
    assert "Nothing was changed: This user no longer exists." in messages_of(response)
    assert not User.objects.filter(banned=True).exists() and not AuditLog.objects.exists()
