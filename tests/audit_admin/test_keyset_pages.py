"""Paging past the numbered pages: a (occurred_at, id) cursor in the URL.

`?before=<key>` shows the rows older than that row, `?after=<key>` the rows
newer; ties on occurred_at are ordered by id, so walking older then newer
visits every row exactly once, in the list's order, at any depth."""
import datetime
import uuid
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditLog
from mcpmanager.admin.large_tables import Keyset
from tests.audit_admin.conftest import AUDIT_URL

pytestmark = pytest.mark.django_db

PER_PAGE = 50
BASE = timezone.now().replace(microsecond=0) - datetime.timedelta(days=1)

# 4 instants, 40 rows each: every page boundary falls inside a run of equal timestamps.
TIED_ROWS = """
INSERT INTO audit_log (occurred_at, event_type, action, actor_type, actor_id, tenant_id, resource_type,
                       resource_id, success, risk_level)
SELECT %s::timestamptz - ((n / 40) * interval '1 hour'), 'tenant.update', 'update', 'user', 'actor-' || (n %% 3),
       'tenant-' || (n %% 2), 'tenant', 'res-' || n, true, 'low'
FROM generate_series(0, 159) AS n
"""


@pytest.fixture
def tied_rows():
    with connection.cursor() as cursor:
        cursor.execute(TIED_ROWS, [BASE])
    return list(AuditLog.objects.order_by("-occurred_at", "-id").values_list("pk", flat=True))


@pytest.fixture
def one_numbered_page(monkeypatch):
    """Only page 1 is numbered: "next" from it is already a cursor."""
    monkeypatch.setattr(admin.site._registry[AuditLog], "max_offset_pages", 1)


def listed(response):
    assert response.status_code == 200
    return [row.pk for row in response.context["cl"].result_list]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def key_of(pk):
    return Keyset(AuditLog, "occurred_at").key_of(AuditLog.objects.get(pk=pk))


def walk(client, url, link):
    """Follow cl.<link> from `url` to the end: [(page rows, response)]."""
    pages = []
    while url:
        response = client.get(AUDIT_URL + url)
        pages.append((listed(response), response))
        url = getattr(response.context["cl"], link)
        assert len(pages) < 20, "the walk does not end"
    return pages


def test_older_then_newer_visits_every_row_once_in_order_across_equal_timestamps(
        su_client, tied_rows, one_numbered_page):
    forward = walk(su_client, "?", "next_url")
    rows = [pk for page, _ in forward for pk in page]
    assert rows == tied_rows  # no gap, no repeat, same order as the numbered pages
    assert [len(page) for page, _ in forward] == [50, 50, 50, 10]
    assert forward[0][1].context["cl"].next_url.startswith("?before=")
    last_cl = forward[-1][1].context["cl"]
    assert last_cl.keyset_mode and last_cl.next_url is None and last_cl.newest_url == "?"
    # Back from the oldest page: the same pages until the newest rows fit on page 1.
    backward = walk(su_client, last_cl.previous_url, "previous_url")
    assert [page for page, _ in backward] == [page for page, _ in forward[-2::-1]]
    assert backward[-1][1].context["cl"].keyset_mode is False  # the first page, numbered


def test_a_cursor_url_is_stable_and_shareable(su_client, tied_rows):
    url = f"?before={key_of(tied_rows[44])}"
    first, again = su_client.get(AUDIT_URL + url), su_client.get(AUDIT_URL + url)
    assert listed(first) == listed(again) == tied_rows[45:95]
    html = first.content.decode()
    assert "newest" in html and "older &rsaquo;" in html and "&lsaquo; newer" in html


def test_cursor_keeps_the_filter_and_filters_drop_the_cursor(su_client, tied_rows, one_numbered_page):
    expected = list(AuditLog.objects.filter(actor_id="actor-1").order_by("-occurred_at", "-id")
                    .values_list("pk", flat=True))
    walked = walk(su_client, "?actor=actor-1", "next_url")
    assert "actor=actor-1" in walked[0][1].context["cl"].next_url
    assert [pk for rows, _ in walked for pk in rows] == expected
    deep = su_client.get(AUDIT_URL, {"actor": "actor-1", "before": key_of(expected[10])})
    assert listed(deep) == expected[11:]
    cl = deep.context["cl"]
    # The search form and the filters' own forms and links restart at the newest rows.
    assert 'name="before"' not in deep.content.decode()
    assert cl.newest_url == "?actor=actor-1" and "before" not in cl.get_query_string({"action": "x"})


def test_the_page_past_the_last_numbered_one_is_a_cursor_page(su_client, tied_rows, monkeypatch):
    monkeypatch.setattr(admin.site._registry[AuditLog], "max_offset_pages", 2)
    second = su_client.get(AUDIT_URL, {"p": "2"})
    cl = second.context["cl"]
    assert cl.previous_url == "?p=1" and cl.next_url == "?" + urlencode({"before": key_of(tied_rows[99])})
    assert listed(su_client.get(AUDIT_URL + cl.next_url)) == tied_rows[100:150]
    # Numbered pages past the limit are not offered: page 2 with a message.
    beyond = su_client.get(AUDIT_URL, {"p": "3"})
    assert listed(beyond) == tied_rows[50:100]
    assert any("out of range" in m for m in messages_of(beyond))


@pytest.mark.parametrize("params", [
    {"before": "garbage"},
    {"before": "2026-01-01T00:00:00Z"},  # no id
    {"before": "2026-01-01T00:00:00Z~not-a-uuid"},
    {"before": f"2026-13-45T00:00:00Z~{uuid.uuid4()}"},
    {"before": f"yesterday~{uuid.uuid4()}"},
    {"before": "~"},
    {"before": ""},
    {"after": "x" * 5000},
    {"before": f"2026-01-01T00:00:00Z~{uuid.uuid4()}", "after": f"2026-01-01T00:00:00Z~{uuid.uuid4()}"},
    {"before": f"2026-01-01T00:00:00Z~{uuid.uuid4()}", "p": "abc"},
])
def test_bad_cursors_show_the_newest_rows_with_a_message(su_client, tied_rows, params):
    response = su_client.get(AUDIT_URL, params)
    rows = listed(response)
    if params == {"before": ""}:
        assert rows == tied_rows[:50]  # an empty value is no cursor
    elif "p" in params:
        assert rows == []  # a valid cursor older than every row, page number ignored
    else:
        assert rows == tied_rows[:50]
        assert any("not a position" in m or "not both" in m for m in messages_of(response)), messages_of(response)


def test_a_cursor_older_than_every_row_is_an_empty_page_with_a_way_back(su_client, tied_rows):
    response = su_client.get(AUDIT_URL, {"before": f"2001-01-01T00:00:00Z~{uuid.uuid4()}"})
    cl = response.context["cl"]
    assert listed(response) == [] and cl.next_url is None and cl.previous_url is None
    assert 'class="mcp-newest"' in response.content.decode()


def test_a_newer_cursor_near_the_top_shows_the_first_page(su_client, tied_rows):
    response = su_client.get(AUDIT_URL, {"after": key_of(tied_rows[10])})
    assert listed(response) == tied_rows[:50]
    assert response.context["cl"].keyset_mode is False


def test_naive_and_offset_timestamps_in_a_cursor_mean_the_same_instant(su_client, tied_rows):
    row = AuditLog.objects.get(pk=tied_rows[44])
    moment = row.occurred_at.astimezone(datetime.timezone(datetime.timedelta(hours=2)))
    offset_key = f"{moment.isoformat()}~{row.pk}"
    naive_utc_key = f"{row.occurred_at.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat()}~{row.pk}"
    assert listed(su_client.get(AUDIT_URL, {"before": offset_key})) == tied_rows[45:95]
    assert listed(su_client.get(AUDIT_URL, {"before": naive_utc_key})) == tied_rows[45:95]


def queries_of(client, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(AUDIT_URL, params).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_cursor_pages_issue_as_many_queries_as_the_first_page_and_no_full_count(su_client, tied_rows):
    first = queries_of(su_client, {})
    deep = queries_of(su_client, {"before": key_of(tied_rows[120])})
    newer = queries_of(su_client, {"after": key_of(tied_rows[150])})
    filtered_first = queries_of(su_client, {"actor": "actor-2"})
    filtered = queries_of(su_client, {"actor": "actor-2", "before": key_of(tied_rows[120])})
    assert len(first) == len(deep) == len(newer) <= 8
    assert len(filtered) == len(filtered_first) <= 8  # filtered: no statistics look-up
    for sqls in (deep, newer, filtered):
        counts = [s for s in sqls if "COUNT(" in s.upper() and '"audit_log"' in s]
        assert all(" LIMIT " in s.upper() for s in counts), counts


def test_cursor_pages_read_the_time_index_not_the_table(su_client):
    from tests.audit_admin.bulk import insert_audit_rows

    insert_audit_rows(60_000)
    deep_row = AuditLog.objects.order_by("-occurred_at", "-id")[40_000]
    key = Keyset(AuditLog, "occurred_at").key_of(deep_row)
    for params, index in (({"before": key}, "audit_log_occurred_at_id_idx"),
                          ({"after": key}, "audit_log_occurred_at_id_idx"),
                          ({"before": key, "actor": "actor-7"}, "audit_log_actor_id_occurred_at_idx")):
        sqls = queries_of(su_client, params)
        [page_sql] = [s for s in sqls if '"audit_log"' in s and "ORDER BY" in s and "COUNT(" not in s.upper()]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + page_sql)
            plan = "\n".join(line for (line,) in cursor.fetchall())
        assert index in plan and "Seq Scan on audit_log" not in plan, f"{params}\n{plan}"
