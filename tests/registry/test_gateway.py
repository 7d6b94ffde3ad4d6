"""Gateway models: grants and their principals, breakers, rules, rate limits."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from registry.models import RateLimitConfig, RoutingRule, ServerAccessControl
from tests.factories.registry import (
    CircuitBreakerFactory,
    McpServerFactory,
    RateLimitConfigFactory,
    RequestQueueFactory,
    RoutingRuleFactory,
    ServerAccessControlFactory,
)
from tests.factories.tenancy import ApiTokenFactory, TenantFactory, UserFactory

pytestmark = pytest.mark.django_db


def delete_row(table, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)} WHERE id = %s", [pk])


@pytest.mark.parametrize(("principal", "table"), [("user", "user"), ("tenant", "tenant"), ("api_token", "api_token")])
def test_a_grant_is_deleted_with_its_principal(principal, table):
    grant = ServerAccessControlFactory(**{f"for_{principal}": True})
    owner_pk = getattr(grant, f"{principal}_id")
    assert owner_pk is not None
    assert list(getattr(grant, principal).server_access_grants.all()) == [grant]
    delete_row(table, owner_pk)
    assert not ServerAccessControl.objects.filter(pk=grant.pk).exists()


def test_grant_schedule_arrays_are_integers_in_order():
    grant = ServerAccessControlFactory(for_user=True, allowed_days=[4, 0, 4], allowed_hours=[23, 0, 9])
    again = ServerAccessControl.objects.get(pk=grant.pk)
    assert (again.allowed_days, again.allowed_hours) == ([4, 0, 4], [23, 0, 9])
    assert ServerAccessControl.objects.filter(allowed_days__contains=[0]).get() == grant
    assert not ServerAccessControl.objects.filter(allowed_days__contains=[6]).exists()


def test_grant_defaults_allow_read_and_proxy_only():
    grant = ServerAccessControl.objects.get(pk=ServerAccessControlFactory(for_tenant=True).pk)
    assert (grant.can_read, grant.can_write, grant.can_admin, grant.can_proxy) == (True, False, False, True)
    assert grant.allowed_methods == [] and grant.allowed_days == []


def test_one_circuit_breaker_per_server():
    breaker = CircuitBreakerFactory()
    assert breaker.server.circuit_breaker == breaker
    with pytest.raises(IntegrityError), transaction.atomic():
        CircuitBreakerFactory(server=breaker.server)


def test_several_queues_per_server_fullest_first():
    small = RequestQueueFactory(current_size=1)
    full = RequestQueueFactory(server=small.server, current_size=900)
    assert list(small.server.request_queues.all()) == [full, small]


def test_routing_rule_targets_keep_order_and_filter_by_element():
    rule = RoutingRuleFactory(target_server_ids=["srv-b", "srv-a", "srv-b"])
    assert RoutingRule.objects.get(pk=rule.pk).target_server_ids == ["srv-b", "srv-a", "srv-b"]
    assert list(RoutingRule.objects.filter(target_server_ids__contains=["srv-a"])) == [rule]


def test_tenant_routing_rules_go_with_the_tenant():
    tenant = TenantFactory()
    rule = RoutingRuleFactory(tenant=tenant)
    global_rule = RoutingRuleFactory()
    tenant.delete()
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert RoutingRule.objects.filter(pk=global_rule.pk).exists()


def test_rate_limit_names_are_unique():
    RateLimitConfigFactory(name="api-default")
    with pytest.raises(IntegrityError), transaction.atomic():
        RateLimitConfigFactory(name="api-default")


TARGETS = {
    "tenant": lambda: {"tenant": TenantFactory()},
    "user": lambda: {"user": UserFactory()},
    "api_token": lambda: {"api_token": ApiTokenFactory()},
    "server": lambda: {"server": McpServerFactory()},
    "ip_network": lambda: {"ip_network": "10.0.0.0/8"},
}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_rate_limit_has_at_most_one_target(target):
    limit = RateLimitConfigFactory(**TARGETS[target]())
    assert RateLimitConfig.objects.filter(pk=limit.pk).exists()
    other = "tenant" if target != "tenant" else "user"
    two_targets = {**TARGETS[target](), **TARGETS[other]()}
    with pytest.raises(ValidationError):
        RateLimitConfigFactory.build(**two_targets).validate_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        RateLimitConfigFactory(**two_targets)


def test_a_rate_limit_window_must_be_positive():
    with pytest.raises(ValidationError):
        RateLimitConfigFactory.build(window_seconds=0).validate_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        RateLimitConfigFactory(window_seconds=0)
    assert RateLimitConfigFactory(max_requests=0).max_requests == 0  # zero = deny all, allowed


def test_rate_limits_of_a_user_go_with_the_user():
    user = UserFactory()
    limit = RateLimitConfigFactory(scope="user", user=user)
    delete_row("user", user.pk)
    assert not RateLimitConfig.objects.filter(pk=limit.pk).exists()
