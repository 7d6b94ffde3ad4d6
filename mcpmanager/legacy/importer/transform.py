"""Legacy row -> consolidated rows, per section 4.3 of consolidated-schema.md.

One function per legacy table. Each takes a validated legacy row (a dict as
parsed from the export: datetimes still as their A.4 strings, floats possibly
"NaN"/"Infinity"/"-Infinity") and returns [(target table, tuple in
TARGET_COLUMNS[target] order)]. They do no I/O; what they count goes to the
table's report (`TableReport`). Mapping errors raise MappingError.

The shared rules and tables live in transform_rules and transform_columns, the
per-table functions in transform_people, transform_registry, transform_history and
transform_ops; this module keeps the registry (TRANSFORMS, TARGETS_OF) and re-exports
all of them, so importers (and spawned workers) use this one path.
"""
from __future__ import annotations

from typing import Callable

from .transform_columns import (  # noqa: F401 (re-exported)
    APPEND_ONLY, ARRAY_COLUMNS, COMMON, LEGACY_ID_SQL, MATCH_KEYS, R3_KEYS, RENAMES, TARGET_COLUMNS, TARGET_ORDER,
    UUID_COLUMNS,
)
from .transform_history import MCP_TOOL_PREFIX, audit_logs, fastmcp_audit_log, request_logs  # noqa: F401
from .transform_ops import MCP_REQUEST_CONDITION, data_retention_policies, translate_retention_target  # noqa: F401
from .transform_people import (  # noqa: F401
    TENANT_ROLE_OF, api_keys, assign_slugs, base_slug, enhanced_api_keys, tenant_row, users,
)
from .transform_registry import server_access_control, server_metrics, server_resources  # noqa: F401
from .transform_rules import (  # noqa: F401
    API_KEY_SCOPES, R1, R2, R3, MappingError, _check_arrays, _metadata, _renamed, _scopes, _simple,
)

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
