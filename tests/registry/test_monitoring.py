"""Health checks, metrics and performance alerts."""
from datetime import timedelta

import pytest
from django.utils import timezone

from registry.models import McpServerHealthCheck, PerformanceAlert, ServerMetric
from tests.factories.registry import (
    McpServerFactory,
    McpServerHealthCheckFactory,
    PerformanceAlertFactory,
    ServerMetricFactory,
)

pytestmark = pytest.mark.django_db


def test_health_history_is_newest_first():
    server = McpServerFactory()
    now = timezone.now()
    old = McpServerHealthCheckFactory(server=server, checked_at=now - timedelta(hours=1), status="unhealthy")
    new = McpServerHealthCheckFactory(server=server, checked_at=now, status="healthy")
    assert list(server.health_checks.all()) == [new, old]
    assert McpServerHealthCheck.objects.get(pk=old.pk).error_message is None


def test_metric_measurements_keep_double_precision_and_custom_json():
    metric = ServerMetricFactory(
        cpu_usage=0.1 + 0.2, error_rate=1e-300, custom_metrics={"gc": {"pauses_ms": [1.5, 2.25]}}
    )
    again = ServerMetric.objects.get(pk=metric.pk)
    assert again.cpu_usage == 0.1 + 0.2
    assert again.error_rate == 1e-300
    assert again.custom_metrics == {"gc": {"pauses_ms": [1.5, 2.25]}}


def test_an_alert_without_server_watches_all_servers_and_survives_server_deletes():
    global_alert = PerformanceAlertFactory(server=None)
    server_alert = PerformanceAlertFactory(server=McpServerFactory())
    server_alert.server.delete()
    assert PerformanceAlert.objects.filter(pk=global_alert.pk).exists()
    assert not PerformanceAlert.objects.filter(pk=server_alert.pk).exists()


def test_alert_str_shows_the_condition():
    alert = PerformanceAlertFactory(name="slow", metric_name="p95", comparison_operator=">=", threshold_value=250.0)
    assert str(alert) == "slow (p95 >= 250.0)"
