"""Round trips of the insert-only history: audit_log, request_log,
rate_limit_violation. audit_log and request_log refuse UPDATE and DELETE."""
from datetime import timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from audit.choices import AuditActorType, AuditRisk
from audit.models import AuditLog, RateLimitViolation, RequestLog
from registry.choices import RateLimitAction
from tests.factories.audit import AuditLogFactory, RateLimitViolationFactory, RequestLogFactory
from tests.factories.tenancy import TenantFactory
from tests.schema.roundtrip import NESTED_JSON, assert_aware, reread

pytestmark = pytest.mark.django_db


def test_audit_log_round_trips_every_column():
    occurred = timezone.now() - timedelta(minutes=3)
    changes = {
        "name": {"before": "Alt", "after": "Neü"},
        "key_hash": {"before": "***REDACTED***", "after": "***REDACTED***"},
    }
    entry = AuditLogFactory(
        occurred_at=occurred,
        event_type="mcp.request",
        action="tools/call:search",
        actor_type=AuditActorType.API_TOKEN,
        actor_id="3f0b9c1e-0000-4000-8000-000000000001",
        actor_email=None,
        actor_ip="not-an-ip, 10.0.0.1",
        actor_user_agent="curl/8",
        tenant_id="t-1",
        resource_type="mcp_tool",
        resource_id="tool-1",
        resource_name="search",
        description="called",
        changes=changes,
        metadata={"_legacy": NESTED_JSON},
        success=False,
        error_code="E42",
        error_message="boom",
        request_id="req-1",
        session_id="sess-1",
        trace_id="trace-1",
        http_method="POST",
        http_path="/mcp",
        http_status=502,
        duration_ms=12.345,
        risk_level=AuditRisk.HIGH,
    )
    got = reread(entry)
    for name in (
        "event_type", "action", "actor_type", "actor_id", "actor_email", "actor_ip", "actor_user_agent",
        "tenant_id", "resource_type", "resource_id", "resource_name", "description", "success",
        "error_code", "error_message", "request_id", "session_id", "trace_id", "http_method",
        "http_path", "http_status", "duration_ms", "risk_level",
    ):
        assert getattr(got, name) == getattr(entry, name), name
    assert got.occurred_at == occurred and got.changes == changes and got.metadata == {"_legacy": NESTED_JSON}
    assert_aware(got.occurred_at, got.created_at)


def test_audit_log_defaults():
    got = reread(AuditLog.objects.create(event_type="user.ban", action="ban", actor_type=AuditActorType.SYSTEM))
    assert (got.success, got.risk_level, got.changes, got.metadata) == (True, "low", {}, {})


@pytest.mark.parametrize("actor_type", AuditActorType.values)
def test_audit_log_stores_every_actor_type(actor_type):
    assert reread(AuditLogFactory(actor_type=actor_type)).actor_type == actor_type


@pytest.mark.parametrize("risk", AuditRisk.values)
def test_audit_log_stores_every_risk_level(risk):
    entry = AuditLogFactory(risk_level=risk)
    assert reread(entry).risk_level == risk
    assert AuditLog.objects.filter(risk_level__in=[risk]).get() == entry


def test_audit_log_is_newest_first():
    now = timezone.now()
    old = AuditLogFactory(occurred_at=now - timedelta(hours=1))
    new = AuditLogFactory(occurred_at=now)
    assert list(AuditLog.objects.all()) == [new, old]


@pytest.mark.parametrize("factory", [AuditLogFactory, RequestLogFactory], ids=lambda f: f.__name__)
def test_history_refuses_update_and_delete(factory):
    row = factory()
    row.metadata = {"tampered": True}
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        row.save()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        type(row).objects.filter(pk=row.pk).delete()
    assert reread(row).metadata == {}


def test_history_ids_survive_the_deletion_of_what_they_name():
    tenant = TenantFactory()
    entry = AuditLogFactory(tenant_id=tenant.id, resource_type="tenant", resource_id=tenant.id)
    tenant_id = tenant.id
    tenant.delete()
    assert (reread(entry).tenant_id, reread(entry).resource_id) == (tenant_id, tenant_id)


def test_request_log_round_trips_every_column():
    requested = timezone.now() - timedelta(seconds=2)
    log = RequestLogFactory(
        requested_at=requested,
        responded_at=requested + timedelta(milliseconds=250),
        user_id="u" * 32,
        tenant_id="t-1",
        server_id="srv-1",
        ip_address="::1",
        http_method="GET",
        http_path="/mcp/tools?x=ü",
        query_params={"x": ["ü", "ü"], "page": "2"},
        headers={"User-Agent": "test", "Accept": "application/json"},
        status_code=404,
        duration_ms=250.0,
        response_size_bytes=2**40,
        error_type="NotFound",
        error_message="no such tool",
        metadata={"mcp": {"method": "tools/call", "params": NESTED_JSON}},
    )
    got = reread(log)
    for name in (
        "request_id", "user_id", "tenant_id", "server_id", "ip_address", "http_method", "http_path",
        "query_params", "headers", "status_code", "duration_ms", "response_size_bytes", "error_type",
        "error_message", "metadata", "requested_at", "responded_at",
    ):
        assert getattr(got, name) == getattr(log, name), name
    assert_aware(got.requested_at, got.responded_at, got.created_at)


def test_request_id_is_unique():
    log = RequestLogFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RequestLogFactory(request_id=log.request_id)


def test_request_log_is_newest_first():
    now = timezone.now()
    old = RequestLogFactory(requested_at=now - timedelta(hours=1))
    new = RequestLogFactory(requested_at=now)
    assert list(RequestLog.objects.all()) == [new, old]


@pytest.mark.parametrize("action", RateLimitAction.values)
def test_violation_stores_every_action(action):
    assert reread(RateLimitViolationFactory(action=action)).action == action


def test_violation_round_trips_every_column():
    violation = RateLimitViolationFactory(
        with_config=True,
        api_token_id="3f0b9c1e-0000-4000-8000-000000000002",
        user_id="u1",
        tenant_id="t1",
        server_id="s1",
        limit_value=100,
        observed_value=250,
        window_seconds=3600,
        action=RateLimitAction.THROTTLE,
        metadata={"bucket": ["a", "a"], "note": "über"},
    )
    got = reread(violation)
    assert got.rate_limit_config == violation.rate_limit_config
    assert str(got.api_token_id) == "3f0b9c1e-0000-4000-8000-000000000002"
    assert (got.user_id, got.tenant_id, got.server_id) == ("u1", "t1", "s1")
    assert (got.limit_value, got.observed_value, got.window_seconds, got.action) == (100, 250, 3600, "throttle")
    assert (got.ip_address, got.http_method, got.http_path) == (violation.ip_address, "POST", "/mcp")
    assert got.metadata == {"bucket": ["a", "a"], "note": "über"}
    assert_aware(got.occurred_at, got.created_at)
    assert got in violation.rate_limit_config.violations.all()


def test_deleting_the_config_keeps_the_violation():
    violation = RateLimitViolationFactory(with_config=True)
    violation.rate_limit_config.delete()
    assert reread(violation).rate_limit_config is None


def test_deleting_the_config_in_sql_sets_null():
    violation = RateLimitViolationFactory(with_config=True)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM rate_limit_config WHERE id = %s", [violation.rate_limit_config_id])
    assert reread(violation).rate_limit_config_id is None


def test_violations_are_newest_first():
    now = timezone.now()
    old = RateLimitViolationFactory(occurred_at=now - timedelta(minutes=1))
    new = RateLimitViolationFactory(occurred_at=now)
    assert list(RateLimitViolation.objects.all()) == [new, old]


def test_history_models_hold_no_secrets():
    for model in (AuditLog, RequestLog, RateLimitViolation):
        assert not getattr(model, "SECRET_FIELDS", frozenset())
