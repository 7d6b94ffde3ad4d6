"""Round trips of data_retention_policy and materialized_view."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.choices import RefreshStrategy
from audit.models import DataRetentionPolicy, MaterializedView
from tests.factories.audit import DataRetentionPolicyFactory, MaterializedViewFactory
from tests.schema.roundtrip import assert_aware, reread

pytestmark = pytest.mark.django_db


def test_retention_policy_round_trips_every_column():
    now = timezone.now()
    policy = DataRetentionPolicyFactory(
        description="purge old requests",
        retention_days=90,
        batch_size=5000,
        conditions={"status_code": 200, "http_method": {"$ne": "POST"}},
        legacy_target={"table_name": "request_logs", "date_column": "timestamp", "conditions": {}},
        is_active=False,
        last_run_at=now,
        next_run_at=now,
        total_deleted=2**40,
        last_deleted_count=1234,
        avg_execution_time_ms=56.25,
    )
    got = reread(policy)
    for name in (
        "name", "description", "table_name", "date_column", "retention_days", "batch_size", "conditions",
        "legacy_target", "is_active", "last_run_at", "next_run_at", "total_deleted", "last_deleted_count",
        "avg_execution_time_ms",
    ):
        assert getattr(got, name) == getattr(policy, name), name
    assert_aware(got.last_run_at, got.created_at, got.updated_at)


def test_retention_policy_defaults_and_sql_null_legacy_target():
    policy = DataRetentionPolicy.objects.create(
        name="p", table_name="audit_log", date_column="occurred_at", retention_days=1
    )
    got = reread(policy)
    assert (got.batch_size, got.conditions, got.legacy_target, got.is_active) == (1000, {}, None, True)
    assert (got.total_deleted, got.last_deleted_count) == (0, 0)
    assert DataRetentionPolicy.objects.filter(legacy_target__isnull=True).get() == got


@pytest.mark.parametrize("field,value", [("retention_days", 0), ("retention_days", -1), ("batch_size", 0)])
def test_retention_days_and_batch_size_must_be_positive(field, value):
    with pytest.raises(ValidationError, match=f"data_retention_policy_{field}_check"):
        DataRetentionPolicyFactory.build(**{field: value}).full_clean()
    with pytest.raises(IntegrityError, match=f"data_retention_policy_{field}_check"), transaction.atomic():
        DataRetentionPolicyFactory(**{field: value})


def test_retention_policy_name_is_unique_and_updated_at_advances():
    policy = DataRetentionPolicyFactory()
    with pytest.raises(ValidationError):
        DataRetentionPolicyFactory.build(name=policy.name).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        DataRetentionPolicyFactory(name=policy.name)
    before = reread(policy).updated_at
    policy.total_deleted += 10
    policy.save()
    assert reread(policy).updated_at > before


def test_materialized_view_round_trips_every_column():
    now = timezone.now()
    view = MaterializedViewFactory(
        description="usage per tenant",
        indexes=["CREATE INDEX ON mv (tenant_id)", "CREATE INDEX ON mv (tenant_id)", "CREATE INDEX ON mv (day)"],
        refresh_strategy=RefreshStrategy.SCHEDULED,
        refresh_interval_minutes=15,
        refresh_triggers=["request_log", "audit_log"],
        is_active=False,
        last_refreshed_at=now,
        next_refresh_at=now,
        refresh_count=2**33,
        avg_refresh_time_ms=0.5,
        row_count=10,
        size_bytes=2**41,
    )
    got = reread(view)
    for name in (
        "name", "description", "query", "indexes", "refresh_strategy", "refresh_interval_minutes",
        "refresh_triggers", "is_active", "last_refreshed_at", "next_refresh_at", "refresh_count",
        "avg_refresh_time_ms", "row_count", "size_bytes",
    ):
        assert getattr(got, name) == getattr(view, name), name
    assert got.indexes[0] == got.indexes[1]  # duplicates kept, in order


def test_materialized_view_defaults():
    got = reread(MaterializedView.objects.create(name="mv", query="SELECT 1"))
    assert (got.indexes, got.refresh_triggers, got.refresh_strategy, got.refresh_count) == ([], [], "manual", 0)


@pytest.mark.parametrize("strategy", RefreshStrategy.values)
def test_materialized_view_stores_every_refresh_strategy(strategy):
    view = MaterializedViewFactory(refresh_strategy=strategy)
    assert reread(view).refresh_strategy == strategy
    view.refresh_strategy = RefreshStrategy.MANUAL
    view.save()
    assert reread(view).refresh_strategy == RefreshStrategy.MANUAL


def test_filtering_views_by_refresh_trigger():
    view = MaterializedViewFactory(refresh_triggers=["request_log"])
    MaterializedViewFactory(refresh_triggers=["audit_log"])
    assert list(MaterializedView.objects.filter(refresh_triggers__contains=["request_log"])) == [view]


def test_views_are_ordered_by_name_and_name_is_unique():
    b, a = MaterializedViewFactory(name="b_view"), MaterializedViewFactory(name="a_view")
    assert list(MaterializedView.objects.all()) == [a, b]
    with pytest.raises(IntegrityError), transaction.atomic():
        MaterializedViewFactory(name="a_view")


def test_housekeeping_models_hold_no_secrets():
    for model in (DataRetentionPolicy, MaterializedView):
        assert not getattr(model, "SECRET_FIELDS", frozenset())
