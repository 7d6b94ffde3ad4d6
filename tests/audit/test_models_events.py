"""Round trips of security_event, error_log and system_event, and their
workflow FKs to the user (SET NULL on delete)."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from audit.choices import ErrorLevel, ErrorStatus, EventSeverity, SecurityEventStatus
from audit.models import ErrorLog, SecurityEvent, SystemEvent
from tests.factories.audit import ErrorLogFactory, SecurityEventFactory, SystemEventFactory
from tests.factories.tenancy import UserFactory
from tests.schema.roundtrip import NESTED_JSON, assert_aware, reread

pytestmark = pytest.mark.django_db

ENUM_COLUMNS = [
    (SecurityEventFactory, "severity", EventSeverity),
    (SecurityEventFactory, "status", SecurityEventStatus),
    (ErrorLogFactory, "level", ErrorLevel),
    (ErrorLogFactory, "status", ErrorStatus),
    (SystemEventFactory, "severity", EventSeverity),
]
ENUM_CASES = [(f, field, value) for f, field, choices in ENUM_COLUMNS for value in choices.values]
FACTORIES = [SecurityEventFactory, ErrorLogFactory, SystemEventFactory]


@pytest.mark.parametrize("factory,field,value", ENUM_CASES, ids=lambda x: getattr(x, "__name__", str(x)))
def test_every_enum_value_is_stored_on_insert_and_update(factory, field, value):
    row = factory(**{field: value})
    assert getattr(reread(row), field) == value
    other = factory()
    setattr(other, field, value)
    other.save()
    assert getattr(reread(other), field) == value
    assert type(row).objects.filter(**{field: value}).count() == 2


@pytest.mark.parametrize("factory,field,value", [(f, field, "bogus") for f, field, _ in ENUM_COLUMNS],
                         ids=lambda x: getattr(x, "__name__", str(x)))
def test_a_value_outside_the_enum_is_refused(factory, field, value):
    with pytest.raises(ValidationError):
        factory.build(**{field: value}).full_clean()
    with pytest.raises(DataError), transaction.atomic():
        factory(**{field: value})


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_updated_at_advances_on_save(factory):
    row = factory()
    before = reread(row).updated_at
    row.save()
    after = reread(row).updated_at
    assert after > before
    assert_aware(after)


def test_security_event_round_trips_every_column():
    resolver = UserFactory()
    now = timezone.now()
    event = SecurityEventFactory(
        occurred_at=now - timedelta(minutes=5),
        event_type="api_token.locked",
        severity=EventSeverity.CRITICAL,
        status=SecurityEventStatus.RESOLVED,
        user_id="u" * 32,
        tenant_id="t-1",
        api_token_id="3f0b9c1e-0000-4000-8000-000000000003",
        description="five failures",
        details=NESTED_JSON,
        resolved_at=now,
        resolved_by=resolver,
        resolution="rotated ✔",
    )
    got = reread(event)
    assert (got.event_type, got.severity, got.status) == ("api_token.locked", "critical", "resolved")
    assert (got.user_id, got.tenant_id, str(got.api_token_id)) == (
        "u" * 32, "t-1", "3f0b9c1e-0000-4000-8000-000000000003"
    )
    assert (got.ip_address, got.user_agent, got.description) == (event.ip_address, event.user_agent, "five failures")
    assert got.details == NESTED_JSON
    assert (got.resolved_at, got.resolved_by, got.resolution) == (now, resolver, "rotated ✔")
    assert got.occurred_at == now - timedelta(minutes=5)
    assert_aware(got.occurred_at, got.resolved_at, got.created_at, got.updated_at)
    assert list(resolver.resolved_security_events.all()) == [event]


def test_security_event_defaults_and_order():
    old = reread(SecurityEvent.objects.create(event_type="x", occurred_at=timezone.now() - timedelta(hours=1)))
    assert (old.severity, old.status, old.details, old.resolved_by) == ("medium", "open", {}, None)
    new = SecurityEventFactory()
    assert list(SecurityEvent.objects.all()) == [new, old]


def test_error_log_round_trips_every_column():
    resolver = UserFactory()
    now = timezone.now()
    error = ErrorLogFactory(
        level=ErrorLevel.FATAL,
        status=ErrorStatus.RESOLVED,
        stack_trace='Traceback (most recent call last):\n  File "x.py", line 1\n',
        first_seen_at=now - timedelta(days=2),
        last_seen_at=now,
        occurrence_count=2**40,
        last_request_id="req-9",
        last_trace_id="trace-9",
        last_user_id="u9",
        tenant_id="t9",
        http_method="GET",
        http_path="/x",
        context={"locals": NESTED_JSON},
        resolved_at=now,
        resolved_by=resolver,
        resolution="fixed in 1.2",
    )
    got = reread(error)
    for name in (
        "service", "environment", "fingerprint", "level", "status", "error_type", "message", "stack_trace",
        "first_seen_at", "last_seen_at", "occurrence_count", "last_request_id", "last_trace_id",
        "last_user_id", "tenant_id", "http_method", "http_path", "context", "resolved_at", "resolution",
    ):
        assert getattr(got, name) == getattr(error, name), name
    assert got.resolved_by == resolver and list(resolver.resolved_errors.all()) == [error]


def test_error_log_defaults():
    got = reread(ErrorLog.objects.create(service="s", environment="e", fingerprint="f", error_type="E", message="m"))
    assert (got.level, got.status, got.occurrence_count, got.context) == ("error", "open", 1, {})
    assert_aware(got.first_seen_at, got.last_seen_at)


def test_one_error_group_per_service_environment_fingerprint():
    error = ErrorLogFactory()
    duplicate = ErrorLogFactory.build(
        service=error.service, environment=error.environment, fingerprint=error.fingerprint
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    ErrorLogFactory(service=error.service, environment="staging", fingerprint=error.fingerprint)


def test_system_event_round_trips_every_column():
    acknowledger = UserFactory()
    now = timezone.now()
    event = SystemEventFactory(
        severity=EventSeverity.HIGH,
        description="degraded → healthy",
        tenant_id="t1",
        resource_type="mcp_server",
        resource_id="srv-1",
        data={"from": "degraded", "to": "healthy", "checks": [1, 1, 0]},
        acknowledged_at=now,
        acknowledged_by=acknowledger,
    )
    got = reread(event)
    for name in (
        "event_type", "source", "severity", "title", "description", "tenant_id", "resource_type",
        "resource_id", "data", "acknowledged_at", "occurred_at",
    ):
        assert getattr(got, name) == getattr(event, name), name
    assert got.acknowledged_by == acknowledger
    assert list(acknowledger.acknowledged_system_events.all()) == [event]


def test_system_event_defaults_and_unacknowledged_filter():
    got = reread(SystemEvent.objects.create(event_type="retention.run", source="job", title="ran"))
    assert (got.severity, got.data, got.acknowledged_by) == ("info", {}, None)
    SystemEventFactory(acknowledged_at=timezone.now())
    assert list(SystemEvent.objects.filter(acknowledged_at__isnull=True)) == [got]


def _resolved_rows(user):
    return (
        SecurityEventFactory(resolved_by=user),
        ErrorLogFactory(resolved_by=user),
        SystemEventFactory(acknowledged_by=user),
    )


def test_deleting_the_resolving_user_keeps_the_events():
    user = UserFactory()
    security, error, system = _resolved_rows(user)
    user.delete()
    assert reread(security).resolved_by is None
    assert reread(error).resolved_by is None
    assert reread(system).acknowledged_by is None


def test_deleting_the_resolving_user_in_sql_sets_null():
    user = UserFactory()
    security, error, system = _resolved_rows(user)
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "user" WHERE id = %s', [user.id])
    assert reread(security).resolved_by_id is None
    assert reread(error).resolved_by_id is None
    assert reread(system).acknowledged_by_id is None


def test_event_models_hold_no_secrets():
    for model in (SecurityEvent, ErrorLog, SystemEvent):
        assert not getattr(model, "SECRET_FIELDS", frozenset())
