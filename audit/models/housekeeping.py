"""Housekeeping of history: retention policies, materialized views (spec 3.6).

Unmanaged: the tables belong to Drizzle (drizzle/schema/ops.ts).
"""
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.choices import RefreshStrategy
from mcpmanager.fields import EnumField


class DataRetentionPolicy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.TextField(unique=True)
    description = models.TextField(null=True, blank=True)
    table_name = models.TextField()  # consolidated table purged
    date_column = models.TextField()  # its column whose age is tested
    retention_days = models.IntegerField()
    batch_size = models.IntegerField(default=1000)
    # {column: value} equality, {column: {"$ne": value}} inequality, all ANDed.
    conditions = models.JSONField(default=dict, blank=True)
    # The legacy {table_name, date_column, conditions} when the import translated them.
    legacy_target = models.JSONField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True)
    total_deleted = models.BigIntegerField(default=0)
    last_deleted_count = models.IntegerField(default=0)
    avg_execution_time_ms = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Advanced by the touch_updated_at trigger on every UPDATE.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "data_retention_policy"
        verbose_name = "data retention policy"
        verbose_name_plural = "data retention policies"
        ordering = ["name"]  # data_retention_policy_name_key
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_days__gt=0), name="data_retention_policy_retention_days_check"
            ),
            models.CheckConstraint(condition=Q(batch_size__gt=0), name="data_retention_policy_batch_size_check"),
        ]

    def __str__(self):
        return self.name


class MaterializedView(models.Model):
    """A catalogue row for a view the backend maintains; it does not create the view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.TextField(unique=True)
    description = models.TextField(null=True, blank=True)
    query = models.TextField()  # SQL of the view
    indexes = ArrayField(models.TextField(), default=list, blank=True)
    refresh_strategy = EnumField(
        enum_name="refresh_strategy", choices=RefreshStrategy.choices, default=RefreshStrategy.MANUAL
    )
    refresh_interval_minutes = models.IntegerField(null=True, blank=True)
    refresh_triggers = ArrayField(models.TextField(), default=list, blank=True)
    is_active = models.BooleanField(default=True)
    last_refreshed_at = models.DateTimeField(null=True, blank=True)
    next_refresh_at = models.DateTimeField(null=True, blank=True)
    refresh_count = models.BigIntegerField(default=0)
    avg_refresh_time_ms = models.FloatField(null=True, blank=True)
    row_count = models.BigIntegerField(null=True, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "materialized_view"
        verbose_name = "materialized view"
        verbose_name_plural = "materialized views"
        ordering = ["name"]  # materialized_view_name_key

    def __str__(self):
        return self.name
