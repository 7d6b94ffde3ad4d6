"""The admin home page's sidebar (a link to one's own audit rows, in place of
Django's never-filled "Recent actions") and the sign-in form's boxes."""
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.services import Actor, record_event
from tests.tenancy_admin.support import client_for, staff_member

pytestmark = pytest.mark.django_db


def _my_actions_link(html: str) -> str:
    start = html.index('class="mcp-my-actions" href="') + len('class="mcp-my-actions" href="')
    return html[start:html.index('"', start)].replace("&amp;", "&")


def test_the_index_links_to_the_signed_in_persons_audit_rows_without_counting_them():
    person, django_user = staff_member("support")  # support may read the audit log
    web = client_for(django_user)
    for email, who in ((person.email, person.pk), ("someone.else@example.com", "other-id")):
        record_event(actor=Actor(id=who, email=email), event_type="data.update", action="update",
                     resource_type="tenant", resource_id="t1")

    with CaptureQueriesContext(connection) as captured:
        html = web.get(reverse("admin:index")).content.decode()
    assert not [q["sql"] for q in captured.captured_queries if "audit_log" in q["sql"]]
    assert "None available" not in html and "My actions in the audit log" in html

    link = _my_actions_link(html)
    assert urlparse(link).path == reverse("admin:audit_auditlog_changelist")
    assert parse_qs(urlparse(link).query) == {"actor": [person.email]}
    rows = web.get(link).context["cl"].result_list
    assert [r.actor_email for r in rows] == [person.email]


def test_people_who_may_not_read_the_audit_log_get_no_sidebar():
    _person, django_user = staff_member("staff")
    html = client_for(django_user).get(reverse("admin:index")).content.decode()
    assert "recent-actions-module" not in html and "None available" not in html
    assert "mcp-my-actions" not in html


def test_a_break_glass_account_without_email_links_to_its_actor_id(django_user_model):
    root = django_user_model.objects.create_superuser("root", "", "pw")
    html = client_for(root).get(reverse("admin:index")).content.decode()
    assert parse_qs(urlparse(_my_actions_link(html)).query) == {"actor": ["django:root"]}


def test_sign_in_boxes_share_one_width_rule():
    html = Client().get(reverse("admin:login")).content.decode()
    # login.css widens only #id_username/#id_password; ours covers the e-mail box too.
    assert 'name="email"' in html and 'type="text"' in html and 'type="password"' in html
    assert "input:is([type=text], [type=email], [type=password]) {" in html and "width: 100%" in html
