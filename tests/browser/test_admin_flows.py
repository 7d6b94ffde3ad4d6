"""As admin in a real browser: change a member's role on the tenant page
(and find the audit row), ban a user (reason, then banned and signed out)."""
import pytest

from audit.models import AuditLog
from tenancy.models import Session, TenantInvitation, TenantMember, User
from tests.browser.support import messages, open_page, sign_in
from tests.factories.tenancy import SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_changes_a_members_role_and_sees_the_audit_row(page, demo_site):
    sign_in(page, demo_site, "admin@example.com")
    open_page(page, f"{demo_site}/admin/tenancy/tenant/", "tenant-list")
    page.click("text=Acme Corporation")
    page.wait_for_selector("#members-group")
    page.shots("tenant-change")
    invitation = TenantInvitation.objects.get(email="frank@acme.example")
    assert invitation.token_hash not in page.content(), "the invitation's token hash is on the page"

    bob = TenantMember.objects.get(user__email="bob@acme.example")
    row = page.locator('#members-group tr.form-row', has=page.locator('input[value="bob@acme.example"]'))
    assert row.count() == 1, "Bob's row is not in the members inline"
    row.locator('select[name$="-role"]').select_option("admin")
    page.shots("member-role-edited", focus="#members-group")
    page.click('input[name="_save"]')
    page.wait_for_url(f"{demo_site}/admin/tenancy/tenant/")
    assert any("was changed successfully" in m for m in messages(page)), messages(page)
    page.shots("tenant-saved")

    bob.refresh_from_db()
    assert bob.role == "admin"
    entry = AuditLog.objects.get(resource_type="tenant_member", resource_id=str(bob.pk))
    assert entry.action == "update" and entry.actor_email == "admin@example.com"
    assert entry.changes["role"] == {"before": "member", "after": "admin"}

    # The same row, found in the audit log by its resource id and opened.
    open_page(page, f"{demo_site}/admin/audit/auditlog/", "audit-list")
    page.fill("#searchbar", str(bob.pk))
    page.press("#searchbar", "Enter")
    page.wait_for_load_state()
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1, f"expected the one audit row of the member, got {rows.count()}"
    page.shots("audit-search")
    rows.first.locator("th a").click()
    changes = page.locator("table.mcp-changes")
    changes.wait_for()
    assert "member" in changes.inner_text() and "admin" in changes.inner_text()
    page.shots("audit-entry", focus="fieldset:has(.field-resource_type)")


def test_admin_bans_a_user_who_is_then_signed_out(page, demo_site):
    dave = User.objects.get(email="dave@globex.example")
    SessionFactory(user=dave)  # signed in to the frontend
    sign_in(page, demo_site, "admin@example.com")
    open_page(page, f"{demo_site}/admin/tenancy/user/", "user-list")

    page.check(f'input[name="_selected_action"][value="{dave.pk}"]')
    page.select_option('select[name="action"]', "ban_users")
    page.click('button[name="index"]')
    page.wait_for_selector('textarea[name="reason"]')
    page.shots("ban-form")
    page.fill('textarea[name="reason"]', "Abuse of the API (browser test)")
    page.click('form input[type="submit"].default')
    page.wait_for_url(f"{demo_site}/admin/tenancy/user/")
    assert any("Banned 1 user(s)" in m for m in messages(page)), messages(page)
    dave_row = page.locator("#result_list tbody tr", has=page.locator(f'input[value="{dave.pk}"]'))
    assert dave_row.locator("td.field-banned img").get_attribute("alt") == "True", "Dave does not show as banned"
    page.shots("user-banned")

    dave.refresh_from_db()
    assert dave.banned and dave.ban_reason == "Abuse of the API (browser test)"
    assert not Session.objects.filter(user=dave).exists(), "the banned user's sessions are still there"
    assert AuditLog.objects.filter(action="ban", resource_id=dave.pk, actor_email="admin@example.com").exists()

    page.click(f'#result_list a:text-is("{dave.email}")')
    page.wait_for_selector("fieldset")
    assert "Abuse of the API" in page.locator("#content").inner_text()
    page.shots("user-detail-banned", focus="fieldset:has(.field-ban_reason)")
