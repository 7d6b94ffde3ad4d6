"""As support: filter the audit log, open an entry (before -> after), export
the filtered rows as CSV. As staff: the registry is there, tenants are not."""
import csv
import io

import pytest

from audit.services import Actor
from registry.models import McpServer
from tenancy import services
from tenancy.models import User
from tests.browser.support import open_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _a_ban_by_the_demo_admin() -> User:
    """An audit row with changes (the demo rows have none), written the way the admin writes it."""
    admin = User.objects.get(email="admin@example.com")
    erin = User.objects.get(email="erin@initech.example")
    services.ban_user(actor=Actor(id=admin.pk, email=admin.email, ip="203.0.113.7"), user=erin, reason="Spam")
    return erin


def test_support_filters_the_audit_log_opens_an_entry_and_exports_csv(page, demo_site):
    erin = _a_ban_by_the_demo_admin()
    sign_in(page, demo_site, "support@example.com")
    open_page(page, f"{demo_site}/admin/audit/auditlog/", "audit-list")
    all_rows = page.locator("#result_list tbody tr").count()

    page.click('#changelist-filter a:text-is("High")')
    page.wait_for_url("**risk=high**")
    risks = [r.lower() for r in page.locator("#result_list tbody td.field-risk_level").all_inner_texts()]
    assert risks and set(risks) == {"high"} and len(risks) < all_rows, risks
    page.shots("audit-filtered-risk")

    action_box = page.locator('#changelist-filter input[name="action"]')
    action_box.fill("ban")
    action_box.press("Enter")
    page.wait_for_url("**action=ban**")
    assert "risk=high" in page.url, "the action filter dropped the risk filter"
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2, f"expected the demo ban and Erin's ban, got {rows.count()}"
    page.shots("audit-filtered-risk-action")

    with page.expect_download() as download_info:
        page.click("a.mcp-export")
    exported = download_info.value.path().read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(exported)))
    assert table, f"the CSV has no rows: {exported[:200]!r}"
    assert {"occurred_at", "action", "risk_level", "changes"} <= set(table[0])
    assert len(table) == 2 and {r["action"] for r in table} == {"ban"} and {r["risk_level"] for r in table} == {"high"}

    page.locator("#result_list tbody tr", has_text=erin.email).locator("th a").click()
    changes = page.locator("table.mcp-changes")
    changes.wait_for()
    text = changes.inner_text()
    assert "banned" in text and "False" in text.replace("false", "False") and "Spam" in text, text
    page.shots("audit-entry", focus="fieldset:has(.field-resource_type)")


def test_staff_sees_the_registry_and_is_refused_tenants(page, demo_site):
    sign_in(page, demo_site, "staff@example.com")
    index = page.locator("#content-main").inner_text()
    assert "Mcp servers" in index or "MCP servers" in index, index
    assert "Tenants" not in index

    open_page(page, f"{demo_site}/admin/registry/mcpserver/", "server-list")
    names = page.locator("#result_list tbody th a").all_inner_texts()
    assert {"github", "slack", "web-search"} <= set(names), names
    page.click('#result_list a:text-is("github")')
    page.wait_for_selector("h2:text-is('Mcp tools'), h2:text-is('MCP tools'), .inline-group")
    content = page.locator("#content").inner_text()
    assert "search_issues" in content and "create_pull_request" in content, "the server's tools are not listed"
    assert "latest health checks" in content.lower()
    token = McpServer.objects.get(name="github").auth_config["token"]
    assert token not in page.content(), "the server's auth_config token is on the page"
    page.shots("server-detail", focus="#tools-group")

    response = page.goto(f"{demo_site}/admin/tenancy/tenant/")
    assert response.status == 403, f"staff opened the tenant list: {response.status}"
    page.shots("tenants-refused")
