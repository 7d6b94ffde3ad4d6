"""Transforms of the history tables: audit_logs, fastmcp_audit_log and request_logs."""
from __future__ import annotations

from .report import LegacyTableReport
from .transform_rules import _metadata

MCP_TOOL_PREFIX = "tools/call:"


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
