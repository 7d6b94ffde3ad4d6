"""Target columns, insert order and legacy -> target column renames that the transforms write by."""
from __future__ import annotations

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
