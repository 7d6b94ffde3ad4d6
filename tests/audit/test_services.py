import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from audit import services
from audit.models import AuditLog
from tests.factories.tenancy import TenantFactory


def test_diff_lists_changed_fields_and_masks_secrets():
    before = {"name": "a", "slug": "x", "password": "old-hash", "same": 1}
    after = {"name": "b", "slug": "x", "password": "new-hash", "same": 1}
    assert services.diff(before, after, secrets=frozenset({"password"})) == {
        "name": {"before": "a", "after": "b"},
        "password": {"before": services.REDACTED, "after": services.REDACTED},
    }


@pytest.mark.django_db
def test_actor_of_a_better_auth_user_a_break_glass_user_and_nobody():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT="pytest")
    request.request_id = "req-1"
    users = get_user_model().objects
    mapped = users.create(username="ba:abc123", email="a@example.com")
    glass = users.create(username="root", email="root@example.com")
    assert services.actor_from_request(request, user=mapped) == services.Actor(
        id="abc123", email="a@example.com", ip="198.51.100.4", user_agent="pytest", request_id="req-1"
    )
    assert services.actor_from_request(request, user=glass).id == "django:root"
    assert services.actor_from_request(request, user=glass).metadata == {"break_glass": True}
    from django.contrib.auth.models import AnonymousUser

    assert services.actor_from_request(request, user=AnonymousUser()).type == "anonymous"


@pytest.mark.django_db
def test_record_event_writes_one_row_with_masked_changes():
    tenant = TenantFactory()
    before = services.snapshot(tenant)
    tenant.name = "Renamed"
    actor = services.Actor(id="u1", email="u1@example.com", ip="203.0.113.1", request_id="r1")
    row = services.record_event(
        actor=actor,
        event_type="tenant.update",
        action="update",
        resource_type="tenant",
        resource_id=tenant.pk,
        resource_name=tenant.name,
        tenant_id=tenant.pk,
        changes=services.diff(before, services.snapshot(tenant)),
    )
    stored = AuditLog.objects.get(pk=row.pk)
    assert stored.changes == {"name": {"before": before["name"], "after": "Renamed"}}
    assert (stored.actor_id, stored.actor_email, stored.actor_ip, stored.request_id) == (
        "u1", "u1@example.com", "203.0.113.1", "r1"
    )
