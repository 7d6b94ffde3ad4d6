"""Legacy row -> consolidated rows, per section 4.3 of consolidated-schema.md.

One function per legacy table. Each takes a validated legacy row (a dict as
parsed from the export: datetimes still as their A.4 strings, floats possibly
"NaN"/"Infinity"/"-Infinity") and returns [(target table, tuple in
TARGET_COLUMNS[target] order)]. They do no I/O; what they count goes to the
table's report (`TableReport`). Mapping errors raise MappingError.
"""
from __future__ import annotations

import re
import unicodedata
from operator import itemgetter
from typing import Callable, Iterable

from .report import LegacyTableReport

API_KEY_SCOPES = ("read", "write", "admin", "proxy", "metrics", "health")
_SCOPE_SET = frozenset(API_KEY_SCOPES)
MCP_TOOL_PREFIX = "tools/call:"


class MappingError(Exception):
    def __init__(self, column: str, message: str):
        self.column = column
        super().__init__(message)


# --- target columns written by the import (defaults of section 3 fill the rest) ---
COMMON = ("id", "created_at", "updated_at")

TARGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "tenant": COMMON + ("name", "slug", "description", "status", "settings"),
    "user": COMMON + ("name", "email", "role", "is_active", "username", "tenant_id", "metadata"),
    "account": COMMON + ("account_id", "provider_id", "user_id"),
    "tenant_member": ("tenant_id", "user_id", "role", "joined_at", "created_at", "updated_at"),
    "mcp_server": COMMON + (
        "name", "description", "version", "endpoint_url", "transport", "capabilities", "tags",
        "health_status", "last_health_check_at", "health_metadata", "avg_response_time_ms",
        "success_rate", "active_connections", "tenant_id",
    ),
    "mcp_tool": COMMON + (
        "server_id", "name", "description", "input_schema", "tags", "total_calls", "success_count",
        "error_count", "avg_execution_time_ms",
    ),
    "mcp_resource": COMMON + (
        "server_id", "uri", "is_template", "name", "description", "mime_type", "access_count", "avg_size_bytes",
    ),
    "server_metric": ("id", "created_at", "server_id", "measured_at", "response_time_ms",
                      "requests_per_second", "error_rate", "cpu_usage", "memory_usage_mb",
                      "active_connections", "connection_pool_size", "custom_metrics"),
    "circuit_breaker": COMMON + (
        "server_id", "service_name", "state", "failure_count", "success_count", "failure_threshold",
        "success_threshold", "timeout_ms", "last_failure_at", "last_success_at", "last_state_change_at",
        "total_requests", "total_failures", "total_timeouts",
    ),
    "connection_pool": COMMON + (
        "server_id", "pool_name", "transport", "max_size", "min_size", "timeout_ms", "idle_timeout_ms",
        "active_connections", "idle_connections", "pending_requests", "is_healthy", "last_health_check_at",
        "total_connections_created", "total_connections_closed", "connection_errors", "avg_connection_time_ms",
    ),
    "request_queue": COMMON + (
        "server_id", "queue_name", "max_size", "processing_timeout_ms", "priority_levels", "current_size",
        "processing_count", "is_accepting_requests", "last_processed_at", "total_enqueued", "total_processed",
        "total_timeouts", "total_errors", "avg_processing_time_ms", "avg_wait_time_ms",
    ),
    "api_token": COMMON + (
        "name", "description", "key_hash", "key_prefix", "salt", "user_id", "tenant_id", "scopes",
        "permissions", "allowed_servers", "allowed_methods", "ip_whitelist", "rate_limit_per_hour",
        "rate_limit_per_day", "is_active", "expires_at", "last_used_at", "total_requests", "total_errors",
        "last_success_at", "last_error_at", "failed_attempts", "last_failed_attempt_at", "is_locked",
        "locked_until", "metadata", "legacy_source",
    ),
    "server_access_control": COMMON + (
        "server_id", "user_id", "tenant_id", "api_token_id", "can_read", "can_write", "can_admin", "can_proxy",
        "allowed_methods", "denied_methods", "access_start_at", "access_end_at", "allowed_days",
        "allowed_hours", "is_active", "last_access_at", "access_count",
    ),
    "routing_rule": COMMON + (
        "name", "description", "conditions", "target_server_ids", "load_balancing_strategy", "priority",
        "is_active", "tenant_id",
    ),
    "system_config": COMMON + (
        "key", "value", "description", "category", "is_sensitive", "is_runtime_configurable", "version", "tenant_id",
    ),
    "audit_log": ("id", "created_at", "occurred_at", "event_type", "action", "actor_type", "actor_id",
                  "actor_ip", "actor_user_agent", "tenant_id", "resource_type", "resource_id",
                  "resource_name", "metadata", "success", "error_code", "error_message", "request_id",
                  "duration_ms"),
    "request_log": ("id", "created_at", "request_id", "requested_at", "responded_at", "user_id", "tenant_id",
                    "server_id", "ip_address", "http_method", "http_path", "query_params", "headers",
                    "status_code", "duration_ms", "response_size_bytes", "error_type", "error_message", "metadata"),
    "data_retention_policy": COMMON + (
        "name", "description", "table_name", "date_column", "retention_days", "batch_size", "conditions",
        "legacy_target", "is_active", "last_run_at", "next_run_at", "total_deleted", "last_deleted_count",
        "avg_execution_time_ms",
    ),
    "materialized_view": COMMON + (
        "name", "description", "query", "indexes", "refresh_strategy", "refresh_interval_minutes",
        "refresh_triggers", "is_active", "last_refreshed_at", "next_refresh_at", "refresh_count",
        "avg_refresh_time_ms", "row_count", "size_bytes",
    ),
    "performance_alert": COMMON + (
        "name", "description", "server_id", "metric_name", "threshold_value", "comparison_operator",
        "duration_minutes", "is_active", "is_triggered", "first_triggered_at", "last_triggered_at",
        "trigger_count", "notification_channels", "cooldown_minutes", "last_notification_at",
    ),
}

# Insert order (G11): FK parents first.
TARGET_ORDER: tuple[str, ...] = (
    "tenant", "user", "account", "tenant_member", "mcp_server", "mcp_tool", "mcp_resource", "server_metric",
    "circuit_breaker", "connection_pool", "request_queue", "api_token", "server_access_control",
    "routing_rule", "system_config", "audit_log", "request_log", "data_retention_policy",
    "materialized_view", "performance_alert",
)

# How a staged row is matched with an existing one (idempotency). tenant_member
# has no legacy id: it is identified by its unique (tenant_id, user_id).
MATCH_KEYS: dict[str, tuple[str, ...]] = {"tenant_member": ("tenant_id", "user_id")}
# The legacy id of a staged row, as SQL over the staging alias `s`.
LEGACY_ID_SQL: dict[str, str] = {"tenant_member": "s.user_id"}

# Legacy table -> (main target, {legacy column: target column}); None = no column of its own.
# Drives the generic transforms, orphan reporting (target column -> legacy column) and the
# translation of data_retention_policies.
RENAMES: dict[str, tuple[str, dict[str, str | None]]] = {
    "tenants": ("tenant", {"name": "name", "description": "description", "status": "status", "settings": "settings"}),
    "users": ("user", {
        "username": "username", "email": "email", "full_name": "name", "role": "role", "is_active": "is_active",
        "auth_provider": None, "auth_provider_id": None, "tenant_id": "tenant_id", "user_metadata": "metadata",
    }),
    "sessions": ("session", {
        "user_id": "user_id", "session_token": "token", "ip_address": "ip_address", "user_agent": "user_agent",
        "expires_at": "expires_at", "session_data": None, "is_active": None, "last_activity": None,
    }),
    "api_keys": ("api_token", {
        "name": "name", "key_hash": "key_hash", "key_prefix": "key_prefix", "user_id": "user_id",
        "tenant_id": "tenant_id", "permissions": "permissions", "scopes": "scopes", "is_active": "is_active",
        "expires_at": "expires_at", "last_used": "last_used_at", "total_requests": "total_requests",
        "api_key_metadata": "metadata",
    }),
    "enhanced_api_keys": ("api_token", {
        "name": "name", "description": "description", "key_hash": "key_hash", "key_prefix": "key_prefix",
        "salt": "salt", "user_id": "user_id", "tenant_id": "tenant_id", "scopes": "scopes",
        "allowed_servers": "allowed_servers", "allowed_methods": "allowed_methods", "ip_whitelist": "ip_whitelist",
        "rate_limit_per_hour": "rate_limit_per_hour", "rate_limit_per_day": "rate_limit_per_day",
        "is_active": "is_active", "expires_at": "expires_at", "last_used": "last_used_at",
        "total_requests": "total_requests", "total_errors": "total_errors", "last_success": "last_success_at",
        "last_error": "last_error_at", "failed_attempts": "failed_attempts",
        "last_failed_attempt": "last_failed_attempt_at", "is_locked": "is_locked", "locked_until": "locked_until",
    }),
    "mcp_servers": ("mcp_server", {
        "name": "name", "description": "description", "version": "version", "endpoint_url": "endpoint_url",
        "transport_type": "transport", "capabilities": "capabilities", "tags": "tags",
        "health_status": "health_status", "last_health_check": "last_health_check_at",
        "health_metadata": "health_metadata", "avg_response_time": "avg_response_time_ms",
        "success_rate": "success_rate", "active_connections": "active_connections", "tenant_id": "tenant_id",
    }),
    "audit_logs": ("audit_log", {
        "updated_at": None, "user_id": "actor_id", "tenant_id": "tenant_id", "service_name": None,
        "action": "action", "resource_type": "resource_type", "resource_id": "resource_id",
        "timestamp": "occurred_at", "details": "metadata", "request_id": "request_id", "ip_address": "actor_ip",
        "user_agent": "actor_user_agent", "success": "success", "error_message": "error_message",
    }),
    "request_logs": ("request_log", {
        "updated_at": None, "request_id": "request_id", "user_id": "user_id", "tenant_id": "tenant_id",
        "ip_address": "ip_address", "method": "http_method", "path": "http_path", "query_params": "query_params",
        "headers": "headers", "target_server_id": "server_id", "request_time": "requested_at",
        "response_time": "responded_at", "duration_ms": "duration_ms", "status_code": "status_code",
        "response_size_bytes": "response_size_bytes", "error_type": "error_type",
        "error_message": "error_message", "request_metadata": "metadata",
    }),
    "fastmcp_audit_log": ("audit_log", {
        "updated_at": None, "user_id": "actor_id", "tenant_id": None, "user_roles": None, "method": "action",
        "params": None, "request_id": "request_id", "jsonrpc_version": None, "success": "success",
        "duration_ms": "duration_ms", "error_code": "error_code", "error_message": "error_message",
        "timestamp": "occurred_at",
    }),
    "server_tools": ("mcp_tool", {
        "server_id": "server_id", "name": "name", "description": "description", "tool_schema": "input_schema",
        "tags": "tags", "total_calls": "total_calls", "success_count": "success_count",
        "error_count": "error_count", "avg_execution_time": "avg_execution_time_ms",
    }),
    "server_resources": ("mcp_resource", {
        "server_id": "server_id", "uri_template": "uri", "name": "name", "description": "description",
        "mime_type": "mime_type", "total_accesses": "access_count", "avg_size_bytes": "avg_size_bytes",
    }),
    "server_metrics": ("server_metric", {
        "updated_at": None, "server_id": "server_id", "timestamp": "measured_at",
        "response_time_ms": "response_time_ms", "requests_per_second": "requests_per_second",
        "error_rate": "error_rate", "cpu_usage": "cpu_usage", "memory_usage_mb": "memory_usage_mb",
        "active_connections": "active_connections", "connection_pool_size": "connection_pool_size",
        "custom_metrics": "custom_metrics",
    }),
    "server_access_control": ("server_access_control", {
        "server_id": "server_id", "user_id": "user_id", "tenant_id": "tenant_id", "api_key_id": "api_token_id",
        "can_read": "can_read", "can_write": "can_write", "can_admin": "can_admin", "can_proxy": "can_proxy",
        "allowed_methods": "allowed_methods", "denied_methods": "denied_methods",
        "access_start_time": "access_start_at", "access_end_time": "access_end_at",
        "allowed_days": "allowed_days", "allowed_hours": "allowed_hours", "is_active": "is_active",
        "last_access": "last_access_at", "access_count": "access_count",
    }),
    "routing_rules": ("routing_rule", {
        "name": "name", "description": "description", "conditions": "conditions",
        "target_servers": "target_server_ids", "load_balancing_strategy": "load_balancing_strategy",
        "priority": "priority", "is_active": "is_active", "tenant_id": "tenant_id",
    }),
    "system_configs": ("system_config", {
        "key": "key", "value": "value", "description": "description", "category": "category",
        "is_sensitive": "is_sensitive", "is_runtime_configurable": "is_runtime_configurable",
        "version": "version", "tenant_id": "tenant_id",
    }),
    "circuit_breakers": ("circuit_breaker", {
        "server_id": "server_id", "service_name": "service_name", "state": "state",
        "failure_count": "failure_count", "success_count": "success_count",
        "failure_threshold": "failure_threshold", "success_threshold": "success_threshold",
        "timeout_ms": "timeout_ms", "last_failure_time": "last_failure_at",
        "last_success_time": "last_success_at", "last_state_change": "last_state_change_at",
        "total_requests": "total_requests", "total_failures": "total_failures", "total_timeouts": "total_timeouts",
    }),
    "connection_pools": ("connection_pool", {
        "server_id": "server_id", "pool_name": "pool_name", "transport_type": "transport", "max_size": "max_size",
        "min_size": "min_size", "timeout_ms": "timeout_ms", "idle_timeout_ms": "idle_timeout_ms",
        "active_connections": "active_connections", "idle_connections": "idle_connections",
        "pending_requests": "pending_requests", "is_healthy": "is_healthy",
        "last_health_check": "last_health_check_at", "total_connections_created": "total_connections_created",
        "total_connections_closed": "total_connections_closed", "connection_errors": "connection_errors",
        "avg_connection_time_ms": "avg_connection_time_ms",
    }),
    "request_queues": ("request_queue", {
        "server_id": "server_id", "queue_name": "queue_name", "max_size": "max_size",
        "processing_timeout_ms": "processing_timeout_ms", "priority_levels": "priority_levels",
        "current_size": "current_size", "processing_count": "processing_count",
        "is_accepting_requests": "is_accepting_requests", "last_processed": "last_processed_at",
        "total_enqueued": "total_enqueued", "total_processed": "total_processed",
        "total_timeouts": "total_timeouts", "total_errors": "total_errors",
        "avg_processing_time_ms": "avg_processing_time_ms", "avg_wait_time_ms": "avg_wait_time_ms",
    }),
    "data_retention_policies": ("data_retention_policy", {
        "name": "name", "description": "description", "table_name": "table_name", "date_column": "date_column",
        "retention_days": "retention_days", "batch_size": "batch_size", "conditions": "conditions",
        "is_active": "is_active", "last_run": "last_run_at", "next_run": "next_run_at",
        "total_deleted": "total_deleted", "last_deleted_count": "last_deleted_count",
        "avg_execution_time_ms": "avg_execution_time_ms",
    }),
    "materialized_views": ("materialized_view", {
        "name": "name", "description": "description", "query": "query", "indexes": "indexes",
        "refresh_strategy": "refresh_strategy", "refresh_interval_minutes": "refresh_interval_minutes",
        "refresh_triggers": "refresh_triggers", "is_active": "is_active", "last_refreshed": "last_refreshed_at",
        "next_refresh": "next_refresh_at", "refresh_count": "refresh_count",
        "avg_refresh_time_ms": "avg_refresh_time_ms", "row_count": "row_count", "size_bytes": "size_bytes",
    }),
    "performance_alerts": ("performance_alert", {
        "name": "name", "description": "description", "server_id": "server_id", "metric_name": "metric_name",
        "threshold_value": "threshold_value", "comparison_operator": "comparison_operator",
        "duration_minutes": "duration_minutes", "is_active": "is_active", "is_triggered": "is_triggered",
        "first_triggered": "first_triggered_at", "last_triggered": "last_triggered_at",
        "trigger_count": "trigger_count", "notification_channels": "notification_channels",
        "cooldown_minutes": "cooldown_minutes", "last_notification": "last_notification_at",
    }),
}

# Legacy columns that must hold canonical UUIDs because they land in uuid columns (G1).
UUID_COLUMNS: dict[str, frozenset[str]] = {
    legacy: frozenset({"id"}) for legacy, (target, _) in RENAMES.items()
    if target not in ("tenant", "user", "mcp_server", "session")
}
UUID_COLUMNS["server_access_control"] = frozenset({"id", "api_key_id"})

# Legacy JSON-list columns that become arrays (G6: whole-list null is a hard error).
ARRAY_COLUMNS: dict[str, tuple[str, ...]] = {
    "mcp_servers": ("tags",),
    "server_tools": ("tags",),
    "enhanced_api_keys": ("scopes", "allowed_servers", "allowed_methods", "ip_whitelist"),
    "api_keys": ("scopes",),
    "server_access_control": ("allowed_methods", "denied_methods", "allowed_days", "allowed_hours"),
    "routing_rules": ("target_servers",),
    "materialized_views": ("indexes", "refresh_triggers"),
    "performance_alerts": ("notification_channels",),
}

# The legacy tables whose rows R3 may drop, with their new unique key (target columns).
R3_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "server_tools": ("mcp_tool", ("server_id", "name")),
    "server_resources": ("mcp_resource", ("server_id", "uri")),
    "circuit_breakers": ("circuit_breaker", ("server_id",)),
}

# History tables whose rows can never be updated (trigger append_only_history).
APPEND_ONLY = frozenset({"audit_log", "request_log"})

R1 = "R1: legacy sessions not imported"
R2 = "R2: updated_at differed"
R3 = "R3: superseded duplicate"


def _check_arrays(row: dict, columns: tuple[str, ...]) -> None:
    for column in columns:
        if row[column] is None:
            raise MappingError(column, "JSON null where a list is required (it becomes an array, G6)")


def _metadata(row: dict, column: str, legacy: dict, report: LegacyTableReport):
    """G9: the source object plus `_legacy` when there is something to keep."""
    value = row[column]
    if type(value) is dict or isinstance(value, dict):
        if "_legacy" in value:
            raise MappingError(column, "object already has a top-level _legacy key (reserved, G9)")
        if legacy:
            for key in legacy:
                report.preserve(key)
            value = {**value, "_legacy": legacy}
        return value
    if legacy:  # JSON null cannot carry `_legacy`
        raise MappingError(column, "is JSON null but values must be kept under its _legacy key (G9)")
    return value


def _scopes(scopes: list, report: LegacyTableReport, legacy: dict) -> list:
    """api_key_scope values in first-occurrence order; the legacy list under _legacy.scopes if that changed it."""
    kept: list = []
    for scope in scopes:
        if scope in _SCOPE_SET and scope not in kept:
            kept.append(scope)
    if kept != scopes:
        legacy["scopes"] = scopes
        report.warn("scopes preserved in metadata")
        unknown = sum(1 for scope in scopes if scope not in _SCOPE_SET)
        if unknown:
            report.warn("unknown scope values", unknown)
    return kept


# --- tenants -----------------------------------------------------------------

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def base_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", ascii_name).strip("-")[:50].strip("-")
    return slug or "tenant"


def assign_slugs(rows: Iterable[dict]) -> dict[str, str]:
    """id -> slug: tenants in ascending id (byte) order, a taken slug gets -2, -3, … (first free)."""
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["id"].encode("utf-8")):
        base = base_slug(row["name"])
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[row["id"]] = slug
    return slugs


def tenant_row(row: dict, slug: str, report: LegacyTableReport):
    return [("tenant", (row["id"], row["created_at"], row["updated_at"], row["name"], slug,
                        row["description"], row["status"], row["settings"]))]


# --- users -------------------------------------------------------------------

TENANT_ROLE_OF = {"admin": "admin", "readonly": "viewer"}


def users(row: dict, report: LegacyTableReport):
    legacy: dict = {}
    email = row["email"]
    lowered = email.lower()
    if lowered != email:
        legacy["email"] = email
    name = row["full_name"]
    if name is None:
        name = row["username"]
        legacy["full_name"] = None
    provider, provider_id = row["auth_provider"], row["auth_provider_id"]
    out = []
    if provider is not None and provider_id is not None:
        out.append(("account", (row["id"], row["created_at"], row["updated_at"], provider_id, provider, row["id"])))
    elif provider is not None or provider_id is not None:
        legacy["auth_provider"] = provider
        legacy["auth_provider_id"] = provider_id
        report.warn("partial provider")
    metadata = _metadata(row, "user_metadata", legacy, report)
    user = (row["id"], row["created_at"], row["updated_at"], name, lowered, row["role"], row["is_active"],
            row["username"], row["tenant_id"], metadata)
    out.insert(0, ("user", user))
    if row["tenant_id"] is not None:
        created = row["created_at"]
        out.append(("tenant_member", (row["tenant_id"], row["id"], TENANT_ROLE_OF.get(row["role"], "member"),
                                      created, created, created)))
    return out


# --- api keys ----------------------------------------------------------------

def api_keys(row: dict, report: LegacyTableReport):
    legacy: dict = {}
    if row["scopes"] is None:
        raise MappingError("scopes", "JSON null where a list is required (it becomes an array, G6)")
    scopes = _scopes(row["scopes"], report, legacy)
    metadata = _metadata(row, "api_key_metadata", legacy, report)
    return [("api_token", (
        row["id"], row["created_at"], row["updated_at"], row["name"], None, row["key_hash"], row["key_prefix"],
        None, row["user_id"], row["tenant_id"], scopes, row["permissions"], [], [], [], None, None,
        row["is_active"], row["expires_at"], row["last_used"], row["total_requests"], 0, None, None, 0, None,
        False, None, metadata, "api_keys",
    ))]


def enhanced_api_keys(row: dict, report: LegacyTableReport):
    _check_arrays(row, ARRAY_COLUMNS["enhanced_api_keys"])
    legacy: dict = {}
    scopes = _scopes(row["scopes"], report, legacy)
    metadata = {"_legacy": legacy} if legacy else {}
    for key in legacy:
        report.preserve(key)
    return [("api_token", (
        row["id"], row["created_at"], row["updated_at"], row["name"], row["description"], row["key_hash"],
        row["key_prefix"], row["salt"], row["user_id"], row["tenant_id"], scopes, [], row["allowed_servers"],
        row["allowed_methods"], row["ip_whitelist"], row["rate_limit_per_hour"], row["rate_limit_per_day"],
        row["is_active"], row["expires_at"], row["last_used"], row["total_requests"], row["total_errors"],
        row["last_success"], row["last_error"], row["failed_attempts"], row["last_failed_attempt"],
        row["is_locked"], row["locked_until"], metadata, "enhanced_api_keys",
    ))]


# --- history -----------------------------------------------------------------

def audit_logs(row: dict, report: LegacyTableReport):
    legacy: dict = {}
    if row["updated_at"] != row["created_at"]:
        legacy["updated_at"] = row["updated_at"]
    user_id, service = row["user_id"], row["service_name"]
    if user_id is not None:
        actor_type, actor_id = "user", user_id
        if service is not None:
            legacy["service_name"] = service
    elif service is not None:
        actor_type, actor_id = "system", service
    else:
        actor_type, actor_id = "anonymous", None
    metadata = _metadata(row, "details", legacy, report)
    return [("audit_log", (
        row["id"], row["created_at"], row["timestamp"], f"{row['resource_type']}.{row['action']}", row["action"],
        actor_type, actor_id, row["ip_address"], row["user_agent"], row["tenant_id"], row["resource_type"],
        row["resource_id"], None, metadata, row["success"], None, row["error_message"], row["request_id"], None,
    ))]


def fastmcp_audit_log(row: dict, report: LegacyTableReport):
    metadata = {
        "token_tenant_id": row["tenant_id"],
        "token_roles": row["user_roles"],
        "params": row["params"],
        "jsonrpc_version": row["jsonrpc_version"],
    }
    if row["updated_at"] != row["created_at"]:
        metadata["_legacy"] = {"updated_at": row["updated_at"]}
        report.preserve("updated_at")
    method = row["method"]
    if method.startswith(MCP_TOOL_PREFIX):
        resource_type, resource_name = "mcp_tool", method[len(MCP_TOOL_PREFIX):]
    else:
        resource_type = resource_name = None
    user_id = row["user_id"]
    error_code = row["error_code"]
    return [("audit_log", (
        row["id"], row["created_at"], row["timestamp"], "mcp.request", method,
        "anonymous" if user_id == "anonymous" else "user", user_id, None, None, None, resource_type, None,
        resource_name, metadata, row["success"], None if error_code is None else str(error_code),
        row["error_message"], row["request_id"], row["duration_ms"],
    ))]


def request_logs(row: dict, report: LegacyTableReport):
    legacy = {"updated_at": row["updated_at"]} if row["updated_at"] != row["created_at"] else {}
    metadata = _metadata(row, "request_metadata", legacy, report)
    return [("request_log", (
        row["id"], row["created_at"], row["request_id"], row["request_time"], row["response_time"],
        row["user_id"], row["tenant_id"], row["target_server_id"], row["ip_address"], row["method"], row["path"],
        row["query_params"], row["headers"], row["status_code"], row["duration_ms"], row["response_size_bytes"],
        row["error_type"], row["error_message"], metadata,
    ))]


def server_metrics(row: dict, report: LegacyTableReport):
    if row["updated_at"] != row["created_at"]:
        report.value_drops[R2] = report.value_drops.get(R2, 0) + 1
    return [("server_metric", (
        row["id"], row["created_at"], row["server_id"], row["timestamp"], row["response_time_ms"],
        row["requests_per_second"], row["error_rate"], row["cpu_usage"], row["memory_usage_mb"],
        row["active_connections"], row["connection_pool_size"], row["custom_metrics"],
    ))]


# --- registry ------------------------------------------------------------------

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


# --- retention ---------------------------------------------------------------

MCP_REQUEST_CONDITION = {"audit_logs": {"event_type": {"$ne": "mcp.request"}},
                         "fastmcp_audit_log": {"event_type": "mcp.request"}}


def translate_retention_target(table_name: str, date_column: str, conditions):
    """(table, column, conditions) in consolidated names, and whether every name had a mapping."""
    mapping = RENAMES.get(table_name)
    if mapping is None:
        return table_name, date_column, conditions, False
    target, renames = mapping
    columns = {"id": "id", "created_at": "created_at", "updated_at": "updated_at", **renames}
    if target in ("audit_log", "request_log", "server_metric"):
        columns["updated_at"] = None
    complete = True
    new_column = columns.get(date_column)
    if new_column is None:
        new_column, complete = date_column, False
    new_conditions = conditions
    if isinstance(conditions, dict):
        new_conditions = {}
        for key, value in conditions.items():
            renamed = columns.get(key)
            if renamed is None:
                renamed, complete = key, False
            new_conditions[renamed] = value
        extra = MCP_REQUEST_CONDITION.get(table_name)
        if extra:
            if "event_type" in new_conditions:
                complete = False
            else:
                new_conditions.update(extra)
    elif conditions is not None:
        complete = False
    return target, new_column, new_conditions, complete


def data_retention_policies(row: dict, report: LegacyTableReport):
    for column in ("retention_days", "batch_size"):
        if row[column] <= 0:
            raise MappingError(column, f"{column} must be > 0 (CHECK data_retention_policy_{column}_check)")
    table_name, date_column, conditions, complete = translate_retention_target(
        row["table_name"], row["date_column"], row["conditions"]
    )
    legacy_target = None
    if (table_name, date_column, conditions) != (row["table_name"], row["date_column"], row["conditions"]):
        legacy_target = {"table_name": row["table_name"], "date_column": row["date_column"],
                         "conditions": row["conditions"]}
    if not complete:
        report.warn("retention policy needs review")
    return [("data_retention_policy", (
        row["id"], row["created_at"], row["updated_at"], row["name"], row["description"], table_name,
        date_column, row["retention_days"], row["batch_size"], conditions, legacy_target, row["is_active"],
        row["last_run"], row["next_run"], row["total_deleted"], row["last_deleted_count"],
        row["avg_execution_time_ms"],
    ))]


# --- the 1:1 tables --------------------------------------------------------------

def _renamed(legacy_table: str) -> Callable[[dict], tuple]:
    """A row -> tuple getter in target column order for a pure rename mapping."""
    target, renames = RENAMES[legacy_table]
    source_of = {"id": "id", "created_at": "created_at", "updated_at": "updated_at"}
    source_of.update({t: legacy for legacy, t in renames.items() if t})
    getter = itemgetter(*(source_of[column] for column in TARGET_COLUMNS[target]))
    return getter


def _simple(legacy_table: str):
    target = RENAMES[legacy_table][0]
    getter = _renamed(legacy_table)
    arrays = ARRAY_COLUMNS.get(legacy_table, ())

    def transform(row: dict, report: LegacyTableReport):
        if arrays:
            _check_arrays(row, arrays)
        return [(target, getter(row))]

    transform.__name__ = legacy_table
    return transform


_SAC_GETTER = _renamed("server_access_control")

TRANSFORMS: dict[str, Callable] = {
    "users": users,
    "api_keys": api_keys,
    "enhanced_api_keys": enhanced_api_keys,
    "audit_logs": audit_logs,
    "request_logs": request_logs,
    "fastmcp_audit_log": fastmcp_audit_log,
    "mcp_servers": _simple("mcp_servers"),
    "server_tools": _simple("server_tools"),
    "server_resources": server_resources,
    "server_metrics": server_metrics,
    "server_access_control": server_access_control,
    "routing_rules": _simple("routing_rules"),
    "system_configs": _simple("system_configs"),
    "circuit_breakers": _simple("circuit_breakers"),
    "connection_pools": _simple("connection_pools"),
    "request_queues": _simple("request_queues"),
    "data_retention_policies": data_retention_policies,
    "materialized_views": _simple("materialized_views"),
    "performance_alerts": _simple("performance_alerts"),
}
# tenants: tenant_row() after assign_slugs(); sessions: dropped by R1.

# Targets each legacy table writes to (derived ones included).
TARGETS_OF: dict[str, tuple[str, ...]] = {
    legacy: (target,) for legacy, (target, _) in RENAMES.items() if legacy != "sessions"
}
TARGETS_OF["users"] = ("user", "account", "tenant_member")


def legacy_column(legacy_table: str, target_column: str) -> str:
    """The legacy column a target column comes from (for messages)."""
    for legacy, target in RENAMES[legacy_table][1].items():
        if target == target_column:
            return legacy
    return target_column
