"""Transform of data_retention_policies: retention targets translated to consolidated names."""
from __future__ import annotations

from .report import LegacyTableReport
from .transform_columns import RENAMES
from .transform_rules import MappingError

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
