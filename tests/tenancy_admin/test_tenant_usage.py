"""The tenant page's usage: the last 30 days per metric, against tenant.limits."""
from datetime import timedelta

import pytest
from django.utils import timezone

from tenancy.admin.usage import usage_by_metric
from tenancy.models import Tenant
from tests.factories.tenancy import TenantFactory, TenantUsageFactory
from tests.tenancy_admin.support import admin_url, client_for, queries_for, staff_member

pytestmark = pytest.mark.django_db


def today():
    return timezone.now().date()


def days_ago(n):
    return today() - timedelta(days=n)


def test_latest_day_against_the_daily_limit_and_the_window_total(admin_web):
    tenant = TenantFactory(limits={"max_api_calls_per_day": 10_000, "max_servers": 25})
    TenantUsageFactory(tenant=tenant, metric="api_calls", period_start=days_ago(0), value=1234)
    TenantUsageFactory(tenant=tenant, metric="api_calls", period_start=days_ago(29), value=1000)
    TenantUsageFactory(tenant=tenant, metric="api_calls", period_start=days_ago(30), value=99_999)  # outside
    TenantUsageFactory(tenant=tenant, metric="servers", period_start=days_ago(3), value=7)
    TenantUsageFactory(tenant=tenant, metric="tool_calls", period_start=days_ago(1), value=5)
    TenantUsageFactory(metric="api_calls", period_start=days_ago(0), value=777)  # another tenant
    html = admin_web.get(admin_url(tenant, "change")).content.decode()
    assert f"<strong>api_calls</strong>: 1,234 / 10,000 per day on {today().isoformat()} (2,234 in 30 days)" in html
    assert f"<strong>servers</strong>: 7 / 25 on {days_ago(3).isoformat()} (7 in 30 days)" in html
    assert "<strong>tool_calls</strong>: 5 / unlimited" in html
    assert "99,999" not in html and "777" not in html


def test_no_usage_and_odd_limits_are_said_plainly():
    tenant = TenantFactory(limits={"max_api_calls_per_day": "lots", "max_users": True})
    assert usage_by_metric(tenant) == []
    TenantUsageFactory(tenant=tenant, metric="api_calls", period_start=days_ago(0), value=3)
    TenantUsageFactory(tenant=tenant, metric="users", period_start=days_ago(0), value=2)
    assert [(m, limit) for m, *_rest, limit in usage_by_metric(tenant)] == [
        ("api_calls", "unlimited"), ("users", "unlimited")]


def test_an_empty_window_and_the_add_page(admin_web):
    tenant = TenantFactory()
    TenantUsageFactory(tenant=tenant, period_start=days_ago(45))
    assert "No usage recorded in the last 30 days." in admin_web.get(admin_url(tenant, "change")).content.decode()
    assert admin_web.get(admin_url(Tenant, "add")).status_code == 200


def test_query_count_does_not_grow_with_usage_rows(admin_web, django_assert_max_num_queries):
    tenant = TenantFactory(limits={"max_api_calls_per_day": 100})
    TenantUsageFactory(tenant=tenant, metric="api_calls", period_start=days_ago(0))
    with_one = queries_for(admin_web, admin_url(tenant, "change"))
    for metric in ("api_calls", "tool_calls", "servers"):
        for n in range(40):  # 30 in the window, 10 older
            if (metric, n) != ("api_calls", 0):
                TenantUsageFactory(tenant=tenant, metric=metric, period_start=days_ago(n))
    with django_assert_max_num_queries(with_one):
        response = admin_web.get(admin_url(tenant, "change"))
    assert "<strong>servers</strong>" in response.content.decode()


def test_support_sees_the_usage_staff_does_not_open_the_tenant(support_web):
    tenant = TenantFactory()
    TenantUsageFactory(tenant=tenant, metric="api_calls", period_start=days_ago(0), value=4321)
    assert "4,321" in support_web.get(admin_url(tenant, "change")).content.decode()
    staff = client_for(staff_member("staff")[1])
    assert staff.get(admin_url(tenant, "change")).status_code == 403
