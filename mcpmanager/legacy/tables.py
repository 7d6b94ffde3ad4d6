"""The 21 tables of the legacy SQLModel backend, as plain data.

One source of truth (legacy-export.md, Part B) for the generator's DDL, the
exporter's column order and encodings, and the importer's validation.

Column kinds:
  str, int, float, bool, datetime        scalar columns
  enum:<EnumName>                         PostgreSQL enum column (LEGACY_ENUMS)
  json_dict                               JSON object
  json_list_str, json_list_int            JSON list whose elements are strings / integers
  json_list_enum:<EnumName>               JSON list of enum values (strings)
  json_any                                any JSON document (no legacy column uses it today)
"""
from __future__ import annotations

from dataclasses import dataclass

FORMAT_NAME = "mcp-legacy-export"
FORMAT_VERSION = 1
# sha256 of zero bytes: the digest of an exported table with no rows (A.2).
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

SCALAR_KINDS = frozenset({"str", "int", "float", "bool", "datetime"})
JSON_KINDS = frozenset({"json_dict", "json_list_str", "json_list_int", "json_any"})


@dataclass(frozen=True)
class LegacyEnum:
    name: str  # the Python enum class name, e.g. "TenantStatus"
    values: tuple[str, ...]  # lower-case values, the only form in an export
    pg_type: str | None = None  # PostgreSQL enum type, None when no column is bound to it

    @property
    def labels(self) -> tuple[str, ...]:
        """PostgreSQL labels: SQLAlchemy stores member names, i.e. upper case."""
        return tuple(value.upper() for value in self.values)

    def value_of(self, label: str) -> str:
        """Database label -> export value (`HALF_OPEN` -> `half_open`)."""
        if label not in self.labels:
            raise ValueError(f"{label!r} is not a label of enum {self.pg_type or self.name}")
        return label.lower()


LEGACY_ENUMS: dict[str, LegacyEnum] = {
    enum.name: enum
    for enum in (
        LegacyEnum("TenantStatus", ("active", "suspended", "disabled"), "tenantstatus"),
        LegacyEnum("UserRole", ("admin", "user", "service", "readonly"), "userrole"),
        LegacyEnum("TransportType", ("http", "websocket", "stdio", "sse"), "transporttype"),
        LegacyEnum(
            "ServerStatus",
            ("healthy", "unhealthy", "degraded", "unknown", "maintenance"),
            "serverstatus",
        ),
        LegacyEnum("CircuitBreakerState", ("closed", "open", "half_open"), "circuitbreakerstate"),
        LegacyEnum("APIKeyScope", ("read", "write", "admin", "proxy", "metrics", "health")),
        LegacyEnum(
            "LoadBalancingAlgorithm",
            ("round_robin", "weighted", "least_connections", "random", "consistent_hash"),
        ),
    )
}

# Documented values of free-text columns that become enums in the consolidated
# schema (mapping rule G4): anything else is a hard error at import.
FREE_TEXT_ENUM_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("routing_rules", "load_balancing_strategy"): LEGACY_ENUMS["LoadBalancingAlgorithm"].values,
    ("materialized_views", "refresh_strategy"): ("manual", "scheduled", "triggered"),
    ("performance_alerts", "comparison_operator"): (">", "<", ">=", "<=", "=="),
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    max_length: int | None = None
    nullable: bool = False
    unique: bool = False  # unique index ix_<table>_<column>
    indexed: bool = False  # non-unique index ix_<table>_<column>
    fk: str | None = None  # "tenants.id"
    secret: bool = False  # never printed (A.6)
    exported_as_null: bool = False  # deliberate omission (A.5)

    @property
    def enum(self) -> LegacyEnum | None:
        """The enum of an `enum:` or `json_list_enum:` column."""
        if ":" not in self.kind:
            return None
        return LEGACY_ENUMS[self.kind.split(":", 1)[1]]

    @property
    def is_enum(self) -> bool:
        return self.kind.startswith("enum:")

    @property
    def is_json(self) -> bool:
        return self.kind in JSON_KINDS or self.kind.startswith("json_list_enum:")

    @property
    def sql_type(self) -> str:
        if self.kind == "str":
            return f"VARCHAR({self.max_length})" if self.max_length else "VARCHAR"
        if self.is_enum:
            return self.enum.pg_type
        if self.is_json:
            return "JSON"
        return {
            "int": "INTEGER",
            "float": "DOUBLE PRECISION",
            "bool": "BOOLEAN",
            "datetime": "TIMESTAMP WITHOUT TIME ZONE",
        }[self.kind]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def foreign_keys(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.fk)


COMMON_COLUMNS = (
    Column("id", "str"),
    Column("created_at", "datetime"),
    Column("updated_at", "datetime"),
)


def _table(name: str, *columns: Column) -> Table:
    return Table(name, COMMON_COLUMNS + columns)


def _str(name, max_length=None, **flags) -> Column:
    return Column(name, "str", max_length, **flags)


def _fk(name, target, **flags) -> Column:
    return Column(name, "str", None, nullable=flags.pop("nullable", True), fk=target, **flags)


_NULL = {"nullable": True}
TENANT_FK = "tenants.id"
USER_FK = "users.id"
SERVER_FK = "mcp_servers.id"

# In export order: every FK parent comes before its children, so the importer
# (and the generator) can process tables in this order.
_TABLES = (
    _table(
        "tenants",
        _str("name", 255, indexed=True),
        _str("description", **_NULL),
        Column("status", "enum:TenantStatus"),
        Column("settings", "json_dict"),
    ),
    _table(
        "users",
        _str("username", 255, unique=True),
        _str("email", 255, unique=True),
        _str("full_name", 255, **_NULL),
        Column("role", "enum:UserRole"),
        Column("is_active", "bool"),
        _str("auth_provider", 50, **_NULL),
        _str("auth_provider_id", 255, **_NULL),
        _fk("tenant_id", TENANT_FK),
        Column("user_metadata", "json_dict"),
    ),
    _table(
        "sessions",
        _fk("user_id", USER_FK, nullable=False, indexed=True),
        _str("session_token", 255, unique=True, secret=True, exported_as_null=True),
        _str("ip_address", 45, **_NULL),
        _str("user_agent", 500, **_NULL),
        Column("expires_at", "datetime"),
        Column("session_data", "json_dict", secret=True, exported_as_null=True),
        Column("is_active", "bool"),
        Column("last_activity", "datetime"),
    ),
    _table(
        "api_keys",
        _str("name", 255),
        _str("key_hash", 255, unique=True, secret=True),
        _str("key_prefix", 20, indexed=True),
        _fk("user_id", USER_FK),
        _fk("tenant_id", TENANT_FK),
        Column("permissions", "json_list_str"),
        Column("scopes", "json_list_str"),
        Column("is_active", "bool"),
        Column("expires_at", "datetime", **_NULL),
        Column("last_used", "datetime", **_NULL),
        Column("total_requests", "int"),
        Column("api_key_metadata", "json_dict"),
    ),
    _table(
        "enhanced_api_keys",
        _str("name", 255, indexed=True),
        _str("description", **_NULL),
        _str("key_hash", 255, unique=True, secret=True),
        _str("key_prefix", 20, indexed=True),
        _str("salt", 255, secret=True),
        _fk("user_id", USER_FK, indexed=True),
        _fk("tenant_id", TENANT_FK, indexed=True),
        Column("scopes", "json_list_enum:APIKeyScope"),
        Column("allowed_servers", "json_list_str"),
        Column("allowed_methods", "json_list_str"),
        Column("ip_whitelist", "json_list_str"),
        Column("rate_limit_per_hour", "int"),
        Column("rate_limit_per_day", "int"),
        Column("is_active", "bool", indexed=True),
        Column("expires_at", "datetime", nullable=True, indexed=True),
        Column("last_used", "datetime", nullable=True, indexed=True),
        Column("total_requests", "int"),
        Column("total_errors", "int"),
        Column("last_success", "datetime", **_NULL),
        Column("last_error", "datetime", **_NULL),
        Column("failed_attempts", "int"),
        Column("last_failed_attempt", "datetime", **_NULL),
        Column("is_locked", "bool", indexed=True),
        Column("locked_until", "datetime", **_NULL),
    ),
    _table(
        "mcp_servers",
        _str("name", 255, indexed=True),
        _str("description", **_NULL),
        _str("version", 50),
        _str("endpoint_url", 500, indexed=True),
        Column("transport_type", "enum:TransportType"),
        Column("capabilities", "json_dict"),
        Column("tags", "json_list_str"),
        Column("health_status", "enum:ServerStatus"),
        Column("last_health_check", "datetime", **_NULL),
        Column("health_metadata", "json_dict"),
        Column("avg_response_time", "float", **_NULL),
        Column("success_rate", "float", **_NULL),
        Column("active_connections", "int", **_NULL),
        _fk("tenant_id", TENANT_FK),
    ),
    _table(
        "audit_logs",
        _fk("user_id", USER_FK),
        _fk("tenant_id", TENANT_FK),
        _str("service_name", 100, **_NULL),
        _str("action", 100, indexed=True),
        _str("resource_type", 100, indexed=True),
        _str("resource_id", 255, nullable=True, indexed=True),
        Column("timestamp", "datetime", indexed=True),
        Column("details", "json_dict"),
        _str("request_id", 255, nullable=True, indexed=True),
        _str("ip_address", 45, **_NULL),
        _str("user_agent", 500, **_NULL),
        Column("success", "bool"),
        _str("error_message", **_NULL),
    ),
    _table(
        "request_logs",
        _str("request_id", 255, unique=True),
        _fk("user_id", USER_FK),
        _fk("tenant_id", TENANT_FK),
        _str("ip_address", 45, nullable=True, indexed=True),
        _str("method", 10),
        _str("path", 500, indexed=True),
        Column("query_params", "json_dict"),
        Column("headers", "json_dict"),
        _fk("target_server_id", SERVER_FK),
        Column("request_time", "datetime", indexed=True),
        Column("response_time", "datetime", **_NULL),
        Column("duration_ms", "float", **_NULL),
        Column("status_code", "int", **_NULL),
        Column("response_size_bytes", "int", **_NULL),
        _str("error_type", 100, **_NULL),
        _str("error_message", **_NULL),
        Column("request_metadata", "json_dict"),
    ),
    _table(
        "fastmcp_audit_log",
        _str("user_id", 255, indexed=True),  # token `sub` claim, not a FK
        _str("tenant_id", 255, nullable=True, indexed=True),  # token `tid` claim, not a FK
        Column("user_roles", "json_list_str"),
        _str("method", 100, indexed=True),
        Column("params", "json_dict"),
        _str("request_id", 255, nullable=True, indexed=True),
        _str("jsonrpc_version", 10),
        Column("success", "bool", indexed=True),
        Column("duration_ms", "int"),
        Column("error_code", "int", **_NULL),
        _str("error_message", **_NULL),
        Column("timestamp", "datetime", indexed=True),
    ),
    _table(
        "server_tools",
        _fk("server_id", SERVER_FK, nullable=False, indexed=True),
        _str("name", 255, indexed=True),
        _str("description", **_NULL),
        Column("tool_schema", "json_dict"),
        Column("tags", "json_list_str"),
        Column("total_calls", "int"),
        Column("success_count", "int"),
        Column("error_count", "int"),
        Column("avg_execution_time", "float", **_NULL),
    ),
    _table(
        "server_resources",
        _fk("server_id", SERVER_FK, nullable=False, indexed=True),
        _str("uri_template", 500, indexed=True),
        _str("name", 255, **_NULL),
        _str("description", **_NULL),
        _str("mime_type", 100, **_NULL),
        Column("total_accesses", "int"),
        Column("avg_size_bytes", "int", **_NULL),
    ),
    _table(
        "server_metrics",
        _fk("server_id", SERVER_FK, nullable=False, indexed=True),
        Column("timestamp", "datetime", indexed=True),
        Column("response_time_ms", "float", **_NULL),
        Column("requests_per_second", "float", **_NULL),
        Column("error_rate", "float", **_NULL),
        Column("cpu_usage", "float", **_NULL),
        Column("memory_usage_mb", "float", **_NULL),
        Column("active_connections", "int", **_NULL),
        Column("connection_pool_size", "int", **_NULL),
        Column("custom_metrics", "json_dict"),
    ),
    _table(
        "server_access_control",
        _fk("server_id", SERVER_FK, nullable=False, indexed=True),
        _fk("user_id", USER_FK, indexed=True),
        _fk("tenant_id", TENANT_FK, indexed=True),
        _fk("api_key_id", "enhanced_api_keys.id", indexed=True),
        Column("can_read", "bool"),
        Column("can_write", "bool"),
        Column("can_admin", "bool"),
        Column("can_proxy", "bool"),
        Column("allowed_methods", "json_list_str"),
        Column("denied_methods", "json_list_str"),
        Column("access_start_time", "datetime", **_NULL),
        Column("access_end_time", "datetime", **_NULL),
        Column("allowed_days", "json_list_int"),
        Column("allowed_hours", "json_list_int"),
        Column("is_active", "bool", indexed=True),
        Column("last_access", "datetime", **_NULL),
        Column("access_count", "int"),
    ),
    _table(
        "routing_rules",
        _str("name", 255),
        _str("description", **_NULL),
        Column("conditions", "json_dict"),
        Column("target_servers", "json_list_str"),
        _str("load_balancing_strategy", 50),
        Column("priority", "int"),
        Column("is_active", "bool"),
        _fk("tenant_id", TENANT_FK),
    ),
    _table(
        "system_configs",
        _str("key", 255, unique=True),
        Column("value", "json_dict", secret=True),  # secret when is_sensitive
        _str("description", **_NULL),
        _str("category", 100, indexed=True),
        Column("is_sensitive", "bool"),
        Column("is_runtime_configurable", "bool"),
        Column("version", "int"),
        _fk("tenant_id", TENANT_FK),
    ),
    _table(
        "circuit_breakers",
        _fk("server_id", SERVER_FK, nullable=False, indexed=True),
        _str("service_name", 255, indexed=True),
        Column("state", "enum:CircuitBreakerState", indexed=True),
        Column("failure_count", "int"),
        Column("success_count", "int"),
        Column("failure_threshold", "int"),
        Column("success_threshold", "int"),
        Column("timeout_ms", "int"),
        Column("last_failure_time", "datetime", **_NULL),
        Column("last_success_time", "datetime", **_NULL),
        Column("last_state_change", "datetime", indexed=True),
        Column("total_requests", "int"),
        Column("total_failures", "int"),
        Column("total_timeouts", "int"),
    ),
    _table(
        "connection_pools",
        _fk("server_id", SERVER_FK, nullable=False, indexed=True),
        _str("pool_name", 255, indexed=True),
        Column("transport_type", "enum:TransportType"),
        Column("max_size", "int"),
        Column("min_size", "int"),
        Column("timeout_ms", "int"),
        Column("idle_timeout_ms", "int"),
        Column("active_connections", "int"),
        Column("idle_connections", "int"),
        Column("pending_requests", "int"),
        Column("is_healthy", "bool", indexed=True),
        Column("last_health_check", "datetime", **_NULL),
        Column("total_connections_created", "int"),
        Column("total_connections_closed", "int"),
        Column("connection_errors", "int"),
        Column("avg_connection_time_ms", "float", **_NULL),
    ),
    _table(
        "request_queues",
        _fk("server_id", SERVER_FK, nullable=False, indexed=True),
        _str("queue_name", 255, indexed=True),
        Column("max_size", "int"),
        Column("processing_timeout_ms", "int"),
        Column("priority_levels", "int"),
        Column("current_size", "int", indexed=True),
        Column("processing_count", "int"),
        Column("is_accepting_requests", "bool", indexed=True),
        Column("last_processed", "datetime", **_NULL),
        Column("total_enqueued", "int"),
        Column("total_processed", "int"),
        Column("total_timeouts", "int"),
        Column("total_errors", "int"),
        Column("avg_processing_time_ms", "float", **_NULL),
        Column("avg_wait_time_ms", "float", **_NULL),
    ),
    _table(
        "data_retention_policies",
        _str("name", 255, unique=True),
        _str("description", **_NULL),
        _str("table_name", 100, indexed=True),
        _str("date_column", 100),
        Column("retention_days", "int"),
        Column("batch_size", "int"),
        Column("conditions", "json_dict"),
        Column("is_active", "bool", indexed=True),
        Column("last_run", "datetime", nullable=True, indexed=True),
        Column("next_run", "datetime", nullable=True, indexed=True),
        Column("total_deleted", "int"),
        Column("last_deleted_count", "int"),
        Column("avg_execution_time_ms", "float", **_NULL),
    ),
    _table(
        "materialized_views",
        _str("name", 255, unique=True),
        _str("description", **_NULL),
        _str("query"),
        Column("indexes", "json_list_str"),
        _str("refresh_strategy", 50),
        Column("refresh_interval_minutes", "int", **_NULL),
        Column("refresh_triggers", "json_list_str"),
        Column("is_active", "bool", indexed=True),
        Column("last_refreshed", "datetime", nullable=True, indexed=True),
        Column("next_refresh", "datetime", nullable=True, indexed=True),
        Column("refresh_count", "int"),
        Column("avg_refresh_time_ms", "float", **_NULL),
        Column("row_count", "int", **_NULL),
        Column("size_bytes", "int", **_NULL),
    ),
    _table(
        "performance_alerts",
        _str("name", 255, indexed=True),
        _str("description", **_NULL),
        _fk("server_id", SERVER_FK, indexed=True),
        _str("metric_name", 100, indexed=True),
        Column("threshold_value", "float"),
        _str("comparison_operator", 10),
        Column("duration_minutes", "int"),
        Column("is_active", "bool", indexed=True),
        Column("is_triggered", "bool", indexed=True),
        Column("first_triggered", "datetime", **_NULL),
        Column("last_triggered", "datetime", **_NULL),
        Column("trigger_count", "int"),
        Column("notification_channels", "json_list_str"),
        Column("cooldown_minutes", "int"),
        Column("last_notification", "datetime", **_NULL),
    ),
)

TABLES: dict[str, Table] = {table.name: table for table in _TABLES}
# FK parents before children; the exporter writes (and the manifest lists) tables in this order.
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)


def legacy_ddl() -> str:
    """SQL creating the legacy enum types, tables and indexes as the legacy backend has them (B.1)."""
    return legacy_table_ddl() + legacy_index_ddl()


def legacy_table_ddl() -> str:
    """Enum types and tables (with primary and foreign keys), without the indexes."""
    statements = [
        f"CREATE TYPE {enum.pg_type} AS ENUM ({', '.join(_literal(label) for label in enum.labels)})"
        for enum in LEGACY_ENUMS.values()
        if enum.pg_type
    ]
    statements += [_create_table(table) for table in _TABLES]
    return "".join(statement + ";\n" for statement in statements)


def legacy_index_ddl() -> str:
    """The unique and plain indexes ix_<table>_<column>; separate so bulk loads can add them last."""
    return "".join(statement + ";\n" for table in _TABLES for statement in _create_indexes(table))


def legacy_drop_ddl() -> str:
    """SQL dropping everything legacy_ddl() creates (children first)."""
    statements = [f"DROP TABLE IF EXISTS {name}" for name in reversed(TABLE_ORDER)]
    statements += [
        f"DROP TYPE IF EXISTS {enum.pg_type}" for enum in LEGACY_ENUMS.values() if enum.pg_type
    ]
    return "".join(statement + ";\n" for statement in statements)


def quote_ident(name: str) -> str:
    """Quoted SQL identifier: several legacy columns are keywords (key, value, timestamp...)."""
    return '"' + name.replace('"', '""') + '"'


def _create_table(table: Table) -> str:
    lines = [
        f"    {quote_ident(column.name)} {column.sql_type}{'' if column.nullable else ' NOT NULL'}"
        for column in table.columns
    ]
    lines.append("    PRIMARY KEY (id)")
    for column in table.foreign_keys:
        target_table, target_column = column.fk.split(".")
        lines.append(
            f"    FOREIGN KEY ({quote_ident(column.name)}) REFERENCES {target_table} ({target_column})"
        )
    return f"CREATE TABLE {table.name} (\n" + ",\n".join(lines) + "\n)"


def _create_indexes(table: Table) -> list[str]:
    return [
        f"CREATE {'UNIQUE ' if column.unique else ''}INDEX ix_{table.name}_{column.name} "
        f"ON {table.name} ({quote_ident(column.name)})"
        for column in table.columns
        if column.unique or column.indexed
    ]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
