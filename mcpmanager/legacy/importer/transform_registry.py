"""Transforms of the registry tables with rules of their own (metrics, resources, access control)."""
from __future__ import annotations

from .report import LegacyTableReport
from .transform_columns import ARRAY_COLUMNS
from .transform_rules import R2, _check_arrays, _renamed


def server_metrics(row: dict, report: LegacyTableReport):
    if row["updated_at"] != row["created_at"]:
        report.value_drops[R2] = report.value_drops.get(R2, 0) + 1
    return [("server_metric", (
        row["id"], row["created_at"], row["server_id"], row["timestamp"], row["response_time_ms"],
        row["requests_per_second"], row["error_rate"], row["cpu_usage"], row["memory_usage_mb"],
        row["active_connections"], row["connection_pool_size"], row["custom_metrics"],
    ))]


def server_resources(row: dict, report: LegacyTableReport):
    uri = row["uri_template"]
    return [("mcp_resource", (
        row["id"], row["created_at"], row["updated_at"], row["server_id"], uri, "{" in uri, row["name"],
        row["description"], row["mime_type"], row["total_accesses"], row["avg_size_bytes"],
    ))]


def server_access_control(row: dict, report: LegacyTableReport):
    _check_arrays(row, ARRAY_COLUMNS["server_access_control"])
    if any(not 0 <= day <= 6 for day in row["allowed_days"]):
        report.warn("allowed_days outside 0-6")
    if any(not 0 <= hour <= 23 for hour in row["allowed_hours"]):
        report.warn("allowed_hours outside 0-23")
    if row["user_id"] is None and row["tenant_id"] is None and row["api_key_id"] is None:
        report.warn("grant with no principal")
    return [("server_access_control", _SAC_GETTER(row))]


_SAC_GETTER = _renamed("server_access_control")
