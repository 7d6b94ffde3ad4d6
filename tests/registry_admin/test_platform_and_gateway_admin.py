import pytest

from audit.models import AuditLog
from registry.models import FeatureFlag, RateLimitConfig, ServerAccessControl, SystemConfig
from tests.factories.registry import (
    McpServerFactory,
    RoutingRuleFactory,
    SystemConfigFactory,
)
from tests.factories.tenancy import TenantFactory, UserFactory
from tests.tenancy_admin.support import admin_url, form_data

pytestmark = pytest.mark.django_db


def test_a_sensitive_setting_shows_set_or_not_set_never_the_value(admin_web):
    secret = SystemConfigFactory(key="smtp.password", value="hunter2-smtp", is_sensitive=True)
    plain = SystemConfigFactory(key="ui.theme", value={"mode": "dark"})
    listing = admin_web.get(admin_url(SystemConfig, "changelist")).content.decode()
    detail = admin_web.get(admin_url(secret, "change")).content.decode()
    assert "hunter2-smtp" not in listing + detail
    assert "dark" in listing and ">set<" in listing
    assert "new value" in detail
    assert "dark" in admin_web.get(admin_url(plain, "change")).content.decode()


def test_a_replacement_for_a_sensitive_value_is_accepted_and_versioned(admin_web):
    secret = SystemConfigFactory(key="smtp.password", value="old-secret", is_sensitive=True)
    data = form_data(admin_web.get(admin_url(secret, "change")))
    assert admin_web.post(admin_url(secret, "change"), data).status_code == 302  # empty: kept
    secret.refresh_from_db()
    assert (secret.value, secret.version) == ("old-secret", 1)

    data = form_data(admin_web.get(admin_url(secret, "change")))
    data["replacement_value"] = '"new-secret"'
    assert admin_web.post(admin_url(secret, "change"), data).status_code == 302
    secret.refresh_from_db()
    assert (secret.value, secret.version) == ("new-secret", 2)
    rows = AuditLog.objects.filter(resource_type="system_config")
    assert "new-secret" not in str([r.changes for r in rows]) and "old-secret" not in str([r.changes for r in rows])


def test_a_setting_not_runtime_configurable_is_read_only(admin_web):
    fixed = SystemConfigFactory(is_runtime_configurable=False, value={"a": 1})
    assert admin_web.get(admin_url(fixed, "change")).status_code == 200
    assert admin_web.post(admin_url(fixed, "change"), {"value": "{}"}).status_code == 403
    assert SystemConfig.objects.get(pk=fixed.pk).value == {"a": 1}


@pytest.mark.parametrize("changes, message", [
    ({"key": "Bad Key"}, "Use snake_case"),
    ({"rollout_percentage": "150"}, "less than or equal to 100"),
    ({"targeting": "{not json"}, "is not valid JSON"),
])
def test_feature_flag_form_errors(admin_web, changes, message):
    data = {"key": "new_flag", "name": "New", "rollout_percentage": "0", "targeting": "{}", **changes}
    response = admin_web.post(admin_url(FeatureFlag, "add"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not FeatureFlag.objects.exists()


def test_an_access_grant_needs_exactly_one_principal(admin_web):
    server = McpServerFactory()
    base = {"server": server.pk, "can_read": "on", "can_proxy": "on", "is_active": "on"}
    for extra in ({}, {"user": UserFactory().pk, "tenant": TenantFactory().pk}):
        response = admin_web.post(admin_url(ServerAccessControl, "add"), {**base, **extra})
        assert response.status_code == 200 and "exactly one of" in response.content.decode()
    assert not ServerAccessControl.objects.exists()
    response = admin_web.post(admin_url(ServerAccessControl, "add"), {**base, "tenant": TenantFactory().pk})
    assert response.status_code == 302 and ServerAccessControl.objects.count() == 1


def test_a_rate_limit_with_two_targets_is_a_form_error(admin_web):
    data = {"name": "limit", "scope": "tenant", "window_seconds": "60", "max_requests": "10", "action": "block",
            "priority": "100", "tenant": TenantFactory().pk, "server": McpServerFactory().pk, "is_active": "on"}
    response = admin_web.post(admin_url(RateLimitConfig, "add"), data)
    assert response.status_code == 200 and "at most one target; this one names tenant, server" in response.content.decode()
    assert not RateLimitConfig.objects.exists()


def test_routing_rule_flags_target_ids_that_are_not_servers(admin_web):
    server = McpServerFactory()
    rule = RoutingRuleFactory(target_server_ids=[server.pk, "gone-server"])
    html = admin_web.get(admin_url(rule, "change")).content.decode()
    assert "gone-server" in html
