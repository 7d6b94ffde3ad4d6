"""Members and invitations are named by people and tenants (not ids) on the
pages and in their audit rows; the empty "add member" row has no join time
and a new member's joined_at is the column's default."""
import pytest
from django.db import connection

from audit.models import AuditLog
from tenancy.models import TenantInvitation, TenantMember
from tests.factories.tenancy import TenantFactory, TenantInvitationFactory, TenantMemberFactory, UserFactory
from tests.tenancy_admin.support import admin_url, form_data, queries_for

pytestmark = pytest.mark.django_db


def _readonly_cells(inline_admin_formset, name):
    """[(original or None, rendered contents)] of one read-only column of an inline."""
    cells = []
    for admin_form in inline_admin_formset:
        for fieldset in admin_form:
            for line in fieldset:
                for field in line:
                    if getattr(field, "is_readonly", False) and field.field["name"] == name:
                        cells.append((admin_form.original, str(field.contents())))
    return cells


def test_member_and_invitation_labels_name_people_and_tenants():
    member = TenantMemberFactory(tenant=TenantFactory(name="Acme"), user=UserFactory(email="ann@acme.test"),
                                 role="owner")
    invitation = TenantInvitationFactory(tenant=member.tenant, email="bo@acme.test")
    assert str(TenantMember.objects.get(pk=member.pk)) == "ann@acme.test in Acme (owner)"
    assert str(TenantInvitation.objects.get(pk=invitation.pk)) == "Invitation of bo@acme.test to Acme"


def test_tenant_page_shows_readable_rows(admin_web, django_assert_max_num_queries):
    tenant = TenantFactory(name="Acme")
    TenantMemberFactory(tenant=tenant, user=UserFactory(email="ann@acme.test"), role="owner")
    TenantInvitationFactory(tenant=tenant, email="bo@acme.test")
    html = admin_web.get(admin_url(tenant, "change")).content.decode()
    assert "ann@acme.test in Acme (owner)" in html
    assert "Invitation of bo@acme.test to Acme" in html

    # The labels cost no query per row.
    with_1 = queries_for(admin_web, admin_url(tenant, "change"))
    for _ in range(20):
        TenantMemberFactory(tenant=tenant)
        TenantInvitationFactory(tenant=tenant)
    with django_assert_max_num_queries(with_1):
        html = admin_web.get(admin_url(tenant, "change")).content.decode()
    assert html.count(" in Acme (member)") == 20 and html.count("Invitation of invitee") == 20


def test_the_empty_add_row_shows_no_join_time_saved_rows_do(admin_web):
    tenant = TenantFactory()
    member = TenantMemberFactory(tenant=tenant)
    page = admin_web.get(admin_url(tenant, "change"))
    members = page.context["inline_admin_formsets"][0]
    cells = _readonly_cells(members, "joined")
    saved = [c for original, c in cells if original is not None]
    empty = [c for original, c in cells if original is None]
    assert len(saved) == 1 and saved[0] not in ("", "-") and str(member.joined_at.year) in saved[0]
    assert empty and all(c == "-" for c in empty), empty
    assert "joined_at" not in members.formset.form.base_fields, "joined_at must not be a form field"


def test_a_new_member_gets_the_columns_default_join_time_and_a_readable_audit_row(admin_web):
    tenant = TenantFactory(name="Acme")
    newcomer = UserFactory(email="new.person@example.com")
    page = admin_web.get(admin_url(tenant, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-user"] = newcomer.email
    data[f"{prefix}-0-role"] = "viewer"
    response = admin_web.post(admin_url(tenant, "change"), data)
    assert response.status_code == 302, response.context and response.context["errors"]

    added = TenantMember.objects.get(tenant=tenant, user=newcomer)
    with connection.cursor() as cursor:  # the test's transaction: now() is when it began
        cursor.execute("SELECT now()")
        [(transaction_now,)] = cursor.fetchall()
    assert added.joined_at == transaction_now, "joined_at was not the column's DEFAULT now()"

    entry = AuditLog.objects.get(resource_type="tenant_member", action="create", resource_id=str(added.pk))
    assert entry.resource_name == "new.person@example.com in Acme (viewer)"
    assert entry.changes["joined_at"]["after"] == added.joined_at.isoformat()


def test_a_role_change_is_audited_under_a_readable_name(admin_web):
    tenant = TenantFactory(name="Acme")
    member = TenantMemberFactory(tenant=tenant, user=UserFactory(email="ann@acme.test"), role="member")
    page = admin_web.get(admin_url(tenant, "change"))
    data = form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-role"] = "admin"
    assert admin_web.post(admin_url(tenant, "change"), data).status_code == 302
    entry = AuditLog.objects.get(resource_type="tenant_member", action="update", resource_id=str(member.pk))
    assert entry.resource_name == "ann@acme.test in Acme (admin)"


def test_invitations_inline_keeps_to_a_few_narrow_columns(admin_web):
    tenant = TenantFactory()
    TenantInvitationFactory(tenant=tenant, message="Welcome aboard")
    page = admin_web.get(admin_url(tenant, "change"))
    invitations = page.context["inline_admin_formsets"][1]
    columns = [str(f["name"]) for f in invitations.fields()]
    assert "created_at" not in columns and len(columns) <= 7, columns
    message = invitations.formset.forms[0]["message"]
    assert message.field.widget.attrs["rows"] == 2
    assert 'rows="2"' in str(message) and "Welcome aboard" in str(message)
