"""Audit entry page (before -> after, secrets masked) and the CSV export."""
import csv
import io

import pytest

from audit.models import AuditLog
from audit.services import REDACTED
from tests.audit_admin.conftest import AUDIT_URL
from tests.factories.audit import AuditLogFactory, RequestLogFactory, SecurityEventFactory
from tests.factories.tenancy import TenantFactory

pytestmark = pytest.mark.django_db

LEAK = "hunter2-LEAKED-VALUE"


def test_detail_shows_changes_as_a_before_after_table(su_client):
    tenant = TenantFactory(name="Acme")
    row = AuditLogFactory(tenant_id=tenant.pk, changes={"name": {"before": "Old", "after": "New"},
                                                       "limits": {"before": {"a": 1}, "after": None}},
                          metadata={"via": "admin", "nested": {"k": [1, 2]}})
    html = su_client.get(f"{AUDIT_URL}{row.pk}/change/").content.decode()
    compact = " ".join(html.split())
    assert '<th scope="row">name</th><td>Old</td><td>&rarr;</td><td>New</td>' in compact
    assert "<td>{&quot;a&quot;: 1}</td><td>&rarr;</td><td>—</td>" in compact
    assert '<pre class="mcp-json">{\n  &quot;via&quot;: &quot;admin&quot;' in html or "&quot;nested&quot;" in html
    assert "Acme (" in html


def test_detail_never_renders_a_secret_column_unmasked(su_client):
    # A row from a writer that forgot to mask: the page masks by resource type and key name.
    row = AuditLogFactory(resource_type="account",
                          changes={"password": {"before": LEAK, "after": LEAK + "2"},
                                   "scope": {"before": "a", "after": "b"}},
                          metadata={"auth_config": {"token": LEAK}, "client_secret": LEAK})
    html = su_client.get(f"{AUDIT_URL}{row.pk}/change/").content.decode()
    assert LEAK not in html
    assert REDACTED in html and "<td>a</td>" in html


def test_history_page_masks_too(su_client):
    row = AuditLogFactory(resource_type="account", resource_id="acc-1",
                          changes={"access_token": {"before": LEAK, "after": None}})
    from mcpmanager.admin.history import audit_rows_for
    from tenancy.models import Account

    [entry] = audit_rows_for(Account, "acc-1", limit=10)
    assert entry.pk == row.pk and LEAK not in str(entry.change_rows)


def _csv(response):
    """Header and rows; the export's own audit row (written first) is left out."""
    assert response.status_code == 200
    assert response.streaming
    header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    return [header, *(r for r in rows if "event_type" not in header or r[header.index("event_type")] != "audit_log.export")]


def test_export_streams_the_current_filter_as_csv(support_client):
    keep = AuditLogFactory(action="delete", resource_id="keep-me",
                           changes={"password": {"before": LEAK, "after": "x"}}, resource_type="account")
    AuditLogFactory(action="update")
    response = support_client.get(f"{AUDIT_URL}export/", {"action": "delete"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit_log-')
    header, *rows = _csv(response)
    assert header[:3] == ["occurred_at", "event_type", "action"] and "changes" in header
    assert len(rows) == 1 and rows[0][header.index("resource_id")] == keep.resource_id
    assert LEAK not in "".join(rows[0])


def test_export_is_audited_with_its_filter(support_client):
    AuditLogFactory(action="delete")
    b"".join(support_client.get(f"{AUDIT_URL}export/", {"action": "delete", "q": "x"}).streaming_content)
    [row] = AuditLog.objects.filter(event_type="audit_log.export")
    assert row.action == "export" and row.actor_id == "django:support"
    assert row.metadata["filter"] == {"action": "delete", "q": "x"}


def test_export_escapes_spreadsheet_formulas(support_client):
    AuditLogFactory(resource_name="=HYPERLINK(\"http://evil\")")
    header, row = _csv(support_client.get(f"{AUDIT_URL}export/"))
    assert row[header.index("resource_name")].startswith("'=")


def test_export_needs_the_export_permission(viewer_client):
    AuditLogFactory()
    assert viewer_client.get(AUDIT_URL).status_code == 200
    assert viewer_client.get(f"{AUDIT_URL}export/").status_code == 403
    assert "Export CSV" not in viewer_client.get(AUDIT_URL).content.decode()
    assert not AuditLog.objects.filter(event_type="audit_log.export").exists()


def test_export_button_shown_to_holders(support_client):
    AuditLogFactory()
    assert "Export CSV (current filter)" in support_client.get(AUDIT_URL, {"action": "x"}).content.decode()


def test_export_with_a_bad_filter_is_not_a_500(support_client):
    response = support_client.get(f"{AUDIT_URL}export/", {"since": "not-a-date"})
    header, *rows = _csv(response)
    assert rows == []


def test_export_uses_a_server_side_iterator(support_client, monkeypatch):
    from django.db.models.query import QuerySet

    seen = {}
    original = QuerySet.iterator

    def spy(self, chunk_size=None):
        seen["chunk_size"] = chunk_size
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    AuditLogFactory.create_batch(3)
    assert len(_csv(support_client.get(f"{AUDIT_URL}export/"))) == 4
    assert seen["chunk_size"] == 250  # small first FETCH: the first row comes at once


@pytest.mark.django_db(transaction=True)
def test_export_streams_in_its_own_transaction_without_a_held_cursor_or_jit(client, django_user_model):
    """In autocommit Django would declare the cursor WITH HOLD, which makes
    PostgreSQL compute the whole result before the first row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(django_user_model.objects.create_superuser("exporter", "e@example.com", "pw"))
    AuditLogFactory.create_batch(3)
    with CaptureQueriesContext(connection) as captured:
        rows = _csv(client.get(f"{AUDIT_URL}export/"))
    assert len(rows) == 4  # header + 3 rows (_csv leaves out the export's own audit row)
    sqls = [q["sql"] for q in captured.captured_queries]
    declares = [s for s in sqls if s.startswith("DECLARE")]
    assert declares and not any("WITH HOLD" in s for s in declares), declares
    assert "SET LOCAL jit = off" in sqls
    assert not connection.in_atomic_block  # the transaction ended with the response


@pytest.mark.parametrize("url,factory", [
    ("/admin/audit/securityevent/", SecurityEventFactory),
    ("/admin/audit/requestlog/", RequestLogFactory),
])
def test_security_events_and_requests_export_too(support_client, url, factory):
    factory.create_batch(2)
    header, *rows = _csv(support_client.get(f"{url}export/"))
    assert len(rows) == 2 and "id" in header
