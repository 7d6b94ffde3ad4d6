"""Resetting circuit breakers: from the breaker list and from the server list."""
import datetime

import pytest
from django.utils import timezone

from audit.models import AuditLog
from audit.services import Actor
from registry import services
from registry.models import CircuitBreaker, McpServer
from tests.factories.registry import CircuitBreakerFactory, McpServerFactory
from tests.tenancy_admin.support import client_for, messages_of, post_action, staff_member

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=3)


def tripped(**kwargs):
    return CircuitBreakerFactory(state="open", failure_count=9, success_count=1, last_state_change_at=LONG_AGO,
                                 total_failures=40, **kwargs)


def reset_rows():
    return list(AuditLog.objects.filter(event_type="circuit_breaker.reset").order_by("occurred_at", "id"))


def assert_reset(breaker):
    breaker.refresh_from_db()
    assert (breaker.state, breaker.failure_count, breaker.success_count) == ("closed", 0, 0)
    assert breaker.last_state_change_at > LONG_AGO
    assert breaker.total_failures == 40  # lifetime statistics stay


def test_service_resets_and_audits_the_state(admin_member):
    breaker = tripped()
    actor = Actor(id=admin_member[0].id, email=admin_member[0].email)
    services.reset_circuit_breaker(actor=actor, breaker=breaker)
    assert_reset(breaker)
    (row,) = reset_rows()
    assert row.action == "reset" and row.resource_type == "circuit_breaker"
    assert row.resource_id == str(breaker.pk)
    assert row.changes["state"] == {"before": "open", "after": "closed"}
    assert row.changes["failure_count"] == {"before": 9, "after": 0}


def test_service_refuses_a_deleted_breaker(admin_member):
    breaker = tripped()
    CircuitBreaker.objects.filter(pk=breaker.pk).delete()
    with pytest.raises(services.RegistryServiceError, match="no longer exists"):
        services.reset_circuit_breaker(actor=Actor(id=None, email=None), breaker=breaker)
    assert reset_rows() == []


def test_admin_resets_selected_breakers_only(admin_web):
    chosen, other = tripped(), tripped()
    response = post_action(admin_web, CircuitBreaker, "reset_breakers", [chosen.pk], follow=True)
    assert "Reset 1 circuit breaker(s)." in messages_of(response)
    assert_reset(chosen)
    other.refresh_from_db()
    assert other.state == "open"
    (row,) = reset_rows()
    assert row.resource_id == str(chosen.pk) and row.metadata.get("server_id") == str(chosen.server_id)


def test_closed_breaker_reset_still_records_its_state(admin_web):
    breaker = CircuitBreakerFactory(state="closed", failure_count=3)
    post_action(admin_web, CircuitBreaker, "reset_breakers", [breaker.pk])
    (row,) = reset_rows()
    assert row.changes["state"] == {"before": "closed", "after": "closed"}


def test_admin_resets_from_the_server_list(admin_web):
    breaker = tripped()
    bare = McpServerFactory()
    response = post_action(admin_web, McpServer, "reset_circuit_breakers", [breaker.server_id, bare.pk], follow=True)
    assert "Reset the circuit breaker of 1 server(s)." in messages_of(response)
    assert_reset(breaker)
    assert len(reset_rows()) == 1


def test_server_without_breaker_is_a_warning_not_a_change(admin_web):
    bare = McpServerFactory()
    response = post_action(admin_web, McpServer, "reset_circuit_breakers", [bare.pk], follow=True)
    assert any("has a circuit breaker" in m for m in messages_of(response))
    assert reset_rows() == []


@pytest.mark.parametrize("role", ["support", "staff"])
@pytest.mark.parametrize("model, action", [(CircuitBreaker, "reset_breakers"),
                                           (McpServer, "reset_circuit_breakers")])
def test_support_and_staff_cannot_reset(role, model, action):
    breaker = tripped()
    web = client_for(staff_member(role)[1])
    ids = [breaker.pk if model is CircuitBreaker else breaker.server_id]
    response = post_action(web, model, action, ids)
    assert response.status_code in (200, 302, 403)
    assert not any(m.startswith("Reset") for m in messages_of(response))
    breaker.refresh_from_db()
    assert (breaker.state, breaker.failure_count) == ("open", 9)
    assert reset_rows() == []
