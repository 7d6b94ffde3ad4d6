"""The admin site itself: installed as the default site, its sign-in pages."""
import pytest
from django.contrib import admin

from mcpmanager.auth.site import McpAdminSite

from .support import LOGIN_URL, TWO_FACTOR_URL, enable_two_factor, make_user, sign_in

pytestmark = pytest.mark.django_db


def test_our_site_is_the_default_admin_site():
    assert isinstance(admin.site, McpAdminSite)
    assert admin.site.site_header == "MCP Manager admin"


def test_the_sign_in_page_asks_for_email_and_password(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "MCP Manager admin" in page
    assert 'name="email"' in page and 'name="password"' in page and 'name="next"' in page


def test_the_code_page_asks_for_a_code(client, better_auth_secret):
    user = make_user()
    enable_two_factor(user, better_auth_secret)
    sign_in(client, user.email)
    page = client.get(TWO_FACTOR_URL).content.decode()
    assert 'name="code"' in page and 'autocomplete="one-time-code"' in page


def test_next_is_followed_on_this_site_only(client):
    user = make_user()
    assert sign_in(client, user.email, next="/admin/audit/").url == "/admin/audit/"
    client.logout()
    assert sign_in(client, user.email, next="https://evil.example.com/").url == "/admin/"


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url == "/admin/login/?next=/admin/"


def test_sign_out_ends_the_session(client):
    user = make_user()
    sign_in(client, user.email)
    assert client.post("/admin/logout/").status_code == 200
    assert client.get("/admin/").status_code == 302
