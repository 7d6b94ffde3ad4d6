"""System settings, feature flags, maintenance windows and announcements."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from registry.models import FeatureFlag, MaintenanceWindow, SystemConfig
from tests.factories.registry import (
    FeatureFlagFactory,
    MaintenanceWindowFactory,
    SystemAnnouncementFactory,
    SystemConfigFactory,
)
from tests.factories.tenancy import TenantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    ["a bare string", "", 42, -1.5, 0, True, False, [1, "two", [3]], [], {}, {"nested": {"ü": ["✓"]}}],
    ids=repr,
)
def test_config_value_may_be_any_json_value(value):
    config = SystemConfigFactory(value=value)
    assert SystemConfig.objects.get(pk=config.pk).value == value
    with connection.cursor() as cursor:
        cursor.execute("SELECT jsonb_typeof(value) FROM system_config WHERE id = %s", [config.pk])
        stored_type = cursor.fetchone()[0]
    expected = {str: "string", bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}
    assert stored_type == expected[type(value)]


def test_config_value_is_required():
    with pytest.raises(IntegrityError), transaction.atomic():
        SystemConfigFactory(value=None)  # SQL NULL: the column has no default and is NOT NULL


def test_one_global_setting_per_key_and_one_override_per_tenant():
    SystemConfigFactory(key="gateway.timeout")
    with pytest.raises(IntegrityError), transaction.atomic():
        SystemConfigFactory(key="gateway.timeout")
    with pytest.raises(ValidationError):
        SystemConfigFactory.build(key="gateway.timeout").validate_constraints()
    tenant = TenantFactory()
    SystemConfigFactory(key="gateway.timeout", tenant=tenant)
    with pytest.raises(IntegrityError), transaction.atomic():
        SystemConfigFactory(key="gateway.timeout", tenant=tenant)


def test_tenant_overrides_go_with_the_tenant_and_editors_are_forgotten():
    tenant, editor = TenantFactory(), UserFactory()
    override = SystemConfigFactory(tenant=tenant)
    edited = SystemConfigFactory(updated_by=editor)
    assert list(tenant.config_overrides.all()) == [override]
    tenant.delete()
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "user" WHERE id = %s', [editor.pk])
    assert not SystemConfig.objects.filter(pk=override.pk).exists()
    assert SystemConfig.objects.get(pk=edited.pk).updated_by is None


def test_sensitive_value_is_a_secret_and_str_never_shows_it():
    config = SystemConfigFactory(key="smtp.password", value="hunter2", is_sensitive=True)
    assert SystemConfig.SECRET_FIELDS == frozenset({"value"})
    assert "hunter2" not in str(config)


def test_feature_flag_keys_are_unique_snake_case():
    FeatureFlagFactory(key="new_ui")
    with pytest.raises(IntegrityError), transaction.atomic():
        FeatureFlagFactory(key="new_ui")
    for bad in ["New-UI", "1st", ""]:
        with pytest.raises(ValidationError):
            FeatureFlagFactory.build(key=bad).validate_constraints()
        with pytest.raises(IntegrityError), transaction.atomic():
            FeatureFlagFactory(key=bad)


@pytest.mark.parametrize(("percentage", "valid"), [(0, True), (100, True), (-1, False), (101, False)])
def test_rollout_percentage_is_bounded(percentage, valid):
    if valid:
        flag = FeatureFlagFactory(rollout_percentage=percentage)
        assert FeatureFlag.objects.get(pk=flag.pk).rollout_percentage == percentage
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            FeatureFlagFactory(rollout_percentage=percentage)


def test_flag_owner_is_forgotten_when_deleted():
    owner = UserFactory()
    flag = FeatureFlagFactory(owner=owner, targeting={"tenant_ids": ["t1"], "user_ids": [], "roles": ["admin"]})
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "user" WHERE id = %s', [owner.pk])
    again = FeatureFlag.objects.get(pk=flag.pk)
    assert again.owner_id is None and again.targeting["roles"] == ["admin"]


def test_maintenance_must_end_after_it_starts():
    start = timezone.now()
    with pytest.raises(ValidationError):
        MaintenanceWindowFactory.build(scheduled_start=start, scheduled_end=start).validate_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        MaintenanceWindowFactory(scheduled_start=start, scheduled_end=start - timedelta(minutes=1))


def test_maintenance_filters_by_affected_server():
    window = MaintenanceWindowFactory(affected_server_ids=["srv-1", "srv-2"])
    MaintenanceWindowFactory()
    assert list(MaintenanceWindow.objects.filter(affected_server_ids__contains=["srv-2"])) == [window]


def test_announcement_end_is_optional_but_after_start():
    assert SystemAnnouncementFactory(ends_at=None).ends_at is None
    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        SystemAnnouncementFactory(starts_at=start, ends_at=start - timedelta(seconds=1))
