"""A deterministic generator of legacy databases, for tests and benchmarks.

generate(conninfo, rows=N, seed=S) creates the legacy tables (tables.legacy_ddl)
in an empty scratch database and fills each with N rows (the three log tables
with N * scale_logs), all drawn from random.Random(seed): the same arguments
always give the same rows, hence byte-identical exports.

The default data imports cleanly under the mapping (consolidated-schema.md,
section 4) while covering the awkward cases: unicode, tenant names that collide
or vanish when slugged, partial provider fields, null optional FKs, nested /
empty / large / unicode JSON, every enum value, non-finite floats, timestamps
at DST changes and year boundaries. Rows the first special cases need sit at
the lowest indexes, so rows >= 12 covers every case.

Tests inject bad rows with `extra_rows` (partial dicts completed from a
generated row) or rewrite generated rows with `row_hook`.
"""
from __future__ import annotations

import json
import math
import random
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg

from mcpmanager.legacy.tables import TABLE_ORDER, TABLES, legacy_index_ddl, legacy_table_ddl, quote_ident

LOG_TABLES = frozenset({"audit_logs", "fastmcp_audit_log", "request_logs"})

# Tenant names: two collide with "Acme Research" once slugged, two slug to nothing,
# and the em dash is dropped (non-ASCII) rather than turned into "-".
TENANT_NAMES = (
    "Acme Research",
    "acme research",
    "ACME—Research!",
    "ACME  Research!!",
    "日本語",
    "🚀🚀🚀",
    "Ünïcödé Société GmbH",
    "O'Brien & Sons",
    "  --Trim Me--  ",
    "x" * 255,
)
# Instants worth a look: DST changes in Europe and the US, year boundaries, leap day.
SPECIAL_TIMES = (
    datetime(2025, 3, 30, 1, 0, 0),
    datetime(2025, 3, 30, 0, 59, 59, 999999),
    datetime(2025, 10, 26, 1, 0, 0),
    datetime(2025, 10, 26, 0, 30, 0, 1),
    datetime(2025, 3, 9, 7, 0, 0),
    datetime(2025, 11, 2, 6, 0, 0),
    datetime(2024, 12, 31, 23, 59, 59, 999999),
    datetime(2025, 1, 1, 0, 0, 0),
    datetime(2024, 2, 29, 12, 0, 0),
    datetime(1999, 12, 31, 23, 59, 59, 999999),
)
SPECIAL_FLOATS = (math.nan, math.inf, -math.inf, 0.1, -0.0, 1e-310, 1.7976931348623157e308, 3.0)
SCOPE_VALUES = ("read", "write", "admin", "proxy", "metrics", "health")
# Provider cases of legacy users: both fields (-> account), none, only one of the two.
PROVIDER_CASES = ("both", "none", "provider_only", "id_only")
FASTMCP_SUBS = ("anonymous", "unknown")
BASE_TIME = datetime(2025, 1, 1)
YEAR_SECONDS = 366 * 24 * 3600


@dataclass(frozen=True)
class RawJSON:
    """JSON text written verbatim into a JSON column (e.g. an object with duplicate keys)."""

    text: str


RowHook = Callable[[str, dict], "dict | None"]


@dataclass
class GenerationResult:
    seed: int
    rows: dict[str, int]  # rows written per table

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def generate(
    conninfo: str,
    *,
    rows: int = 20,
    seed: int = 0,
    scale_logs: int = 1,
    extra_rows: Mapping[str, Sequence[dict]] | None = None,
    row_hook: RowHook | None = None,
) -> GenerationResult:
    """Create the legacy tables in the (empty) database at `conninfo` and fill them.

    extra_rows: per table, partial rows appended after the generated ones; each is
      completed from a fresh generated row (so `{"email": "X@y"}` is enough).
      Values are Python values in export terms: enum values lower case, JSON as
      Python objects or RawJSON, datetimes naive UTC.
    row_hook(table, row) -> row or None: rewrites (or drops, with None) each row,
      generated or extra, before it is written.
    """
    if rows < 1 or scale_logs < 1:
        raise ValueError("rows and scale_logs must be >= 1")
    plan = _Plan(rows=rows, seed=seed, scale_logs=scale_logs, extra_rows=dict(extra_rows or {}))
    written: dict[str, int] = {}
    with psycopg.connect(conninfo) as conn:
        conn.execute(legacy_table_ddl())
        for table in TABLE_ORDER:
            written[table] = _copy_rows(conn, table, plan.rows_of(table), row_hook)
        conn.execute(legacy_index_ddl())
    return GenerationResult(seed=seed, rows=written)


def insert_rows(conn: psycopg.Connection, table: str, rows: Sequence[dict]) -> None:
    """Insert complete rows (export-form values, as for extra_rows) into an existing legacy table."""
    columns = TABLES[table].columns
    placeholders = ", ".join(["%s"] * len(columns))
    names = ", ".join(quote_ident(column.name) for column in columns)
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
            [_db_values(table, row) for row in rows],
        )


def _copy_rows(conn, table: str, rows: Iterator[dict], row_hook: RowHook | None) -> int:
    names = ", ".join(quote_ident(column.name) for column in TABLES[table].columns)
    count = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            if row_hook is not None:
                row = row_hook(table, row)
                if row is None:
                    continue
            copy.write_row(_db_values(table, row))
            count += 1
    return count


def _db_values(table: str, row: dict) -> list:
    """Export-form row -> values as the legacy database stores them."""
    definition = TABLES[table]
    unknown = set(row) - set(definition.column_names)
    if unknown:
        raise ValueError(f"{table}: unknown column(s) {sorted(unknown)}")
    values = []
    for column in definition.columns:
        value = row[column.name]
        if value is not None and column.is_enum:
            value = value.upper()
        elif column.is_json:
            # SQLAlchemy's JSON type writes json.dumps() output: ASCII escapes, ", " and ": ".
            value = value.text if isinstance(value, RawJSON) else json.dumps(value)
        values.append(value)
    return values


class _Plan:
    """Ids for every table drawn up front (so any table can reference any other),
    then rows produced lazily, table by table, in constant memory."""

    def __init__(self, *, rows: int, seed: int, scale_logs: int, extra_rows: dict):
        self.rng = random.Random(seed)
        self.extra_rows = extra_rows
        unknown = set(extra_rows) - set(TABLES)
        if unknown:
            raise ValueError(f"extra_rows for unknown table(s) {sorted(unknown)}")
        self.counts = {
            table: rows * (scale_logs if table in LOG_TABLES else 1) for table in TABLE_ORDER
        }
        # Only parents need their ids kept; log rows get ids as they are produced.
        self.ids = {
            table: [self.uuid() for _ in range(rows)]
            for table in ("tenants", "users", "mcp_servers", "enhanced_api_keys")
        }

    # -- random helpers -------------------------------------------------------------
    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def when(self, i: int) -> datetime:
        if i < len(SPECIAL_TIMES):
            return SPECIAL_TIMES[i]
        return BASE_TIME + timedelta(
            seconds=self.rng.randrange(YEAR_SECONDS), microseconds=self.rng.randrange(1_000_000)
        )

    def stamps(self, i: int) -> dict:
        created = self.when(i)
        # Every third row was never updated (updated_at == created_at).
        updated = created if i % 3 == 0 else created + timedelta(seconds=self.rng.randrange(1, 90 * 86400))
        return {"created_at": created, "updated_at": updated}

    def maybe(self, value, i: int, every: int = 3):
        """None for every `every`-th row: optional columns get their nulls."""
        return None if i % every == 1 else value

    def pick(self, table: str, i: int | None = None):
        ids = self.ids[table]
        return ids[i % len(ids)] if i is not None else ids[self.rng.randrange(len(ids))]

    def float_(self, i: int, scale: float = 1000.0) -> float | None:
        if i % 7 == 3:
            return SPECIAL_FLOATS[(i // 7) % len(SPECIAL_FLOATS)]
        if i % 11 == 5:
            return None
        return self.rng.random() * scale

    def finite(self, i: int, scale: float = 1000.0) -> float:
        return SPECIAL_FLOATS[3 + i % 5] if i % 13 == 4 else self.rng.random() * scale

    def json_doc(self, i: int) -> dict:
        return json_variant(i, self.rng)

    # -- rows -----------------------------------------------------------------------
    def rows_of(self, table: str) -> Iterator[dict]:
        make = getattr(self, f"_{table}")
        count = self.counts[table]
        for i in range(count):
            yield make(i)
        for j, partial in enumerate(self.extra_rows.get(table, ())):
            row = make(count + j)
            row.update(partial)
            yield row

    def _id(self, table: str, i: int) -> str:
        ids = self.ids.get(table)
        return ids[i] if ids is not None and i < len(ids) else self.uuid()

    def _tenants(self, i):
        name = TENANT_NAMES[i] if i < len(TENANT_NAMES) else f"Tenant {i} {self.rng.choice(WORDS)}"
        return {
            "id": self._id("tenants", i),
            **self.stamps(i),
            "name": name,
            "description": self.maybe(f"Description of {name} ✓", i),
            "status": ("active", "suspended", "disabled")[i % 3],
            "settings": self.json_doc(i),
        }

    def _users(self, i):
        provider = PROVIDER_CASES[i % len(PROVIDER_CASES)]
        # Mixed-case e-mails stay unique once lower-cased (the index keeps them apart).
        email = f"User.{i}@Example.COM" if i % 5 == 2 else f"user{i}@example.com"
        return {
            "id": self._id("users", i),
            **self.stamps(i),
            "username": f"ユーザー{i}" if i % 6 == 4 else f"user{i}_{self.rng.choice(WORDS)}",
            "email": email,
            "full_name": self.maybe(f"Zoë Ångström {i}", i),
            "role": ("admin", "user", "service", "readonly")[i % 4],
            "is_active": i % 5 != 3,
            "auth_provider": ("azure", "github")[i % 2] if provider in ("both", "provider_only") else None,
            "auth_provider_id": f"prov-{i}-{self.rng.getrandbits(32):08x}"
            if provider in ("both", "id_only")
            else None,
            "tenant_id": None if i % 3 == 1 else self.pick("tenants", i),
            "user_metadata": self.json_doc(i + 1),
        }

    def _sessions(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "user_id": self.pick("users"),
            "session_token": f"{self.rng.getrandbits(256):064x}",
            "ip_address": self.maybe("2001:db8::1" if i % 2 else "203.0.113.7", i),
            "user_agent": self.maybe("Mozilla/5.0 (X11; Linux x86_64)", i),
            "expires_at": self.when(i) + timedelta(days=7),
            "session_data": {"oauth": {"access_token": f"tok-{i}"}} if i % 2 else {},
            "is_active": i % 2 == 0,
            "last_activity": self.when(i + 1),
        }

    def _api_keys(self, i):
        scopes = [SCOPE_VALUES[i % 6], SCOPE_VALUES[(i + 1) % 6]]
        if i % 4 == 1:
            scopes = ["READ", "servers:*", "read"]  # unknown values, kept under _legacy
        elif i % 4 == 2:
            scopes = ["read", "read"]  # a duplicate
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"key {i}",
            "key_hash": f"{self.rng.getrandbits(256):064x}",
            "key_prefix": f"mcp_{self.rng.getrandbits(32):08x}",
            "user_id": self.maybe(self.pick("users"), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
            "permissions": ["servers:read", "tools:call"] if i % 2 else [],
            "scopes": scopes,
            "is_active": i % 3 != 2,
            "expires_at": self.maybe(self.when(i) + timedelta(days=365), i),
            "last_used": self.maybe(self.when(i + 2), i, 2),
            "total_requests": self.rng.randrange(100_000),
            "api_key_metadata": self.json_doc(i + 2),
        }

    def _enhanced_api_keys(self, i):
        scopes = list(SCOPE_VALUES[: i % 7])  # [] up to all six
        servers = [self.pick("mcp_servers") for _ in range(i % 3)]
        if i % 5 == 4:
            servers.append(self.uuid())  # dangling: no FK, kept and warned about
        return {
            "id": self._id("enhanced_api_keys", i),
            **self.stamps(i),
            "name": f"enhanced key {i} ✓",
            "description": self.maybe("for the CI pipeline", i),
            "key_hash": f"{self.rng.getrandbits(256):064x}",
            "key_prefix": f"mcpk_{self.rng.getrandbits(32):08x}",
            "salt": f"{self.rng.getrandbits(128):032x}",
            "user_id": self.maybe(self.pick("users"), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
            "scopes": scopes,
            "allowed_servers": servers,
            "allowed_methods": ["tools/call", "tools/list"] if i % 2 else [],
            "ip_whitelist": ["10.0.0.0/8", "2001:db8::/32"] if i % 3 == 0 else [],
            "rate_limit_per_hour": 1000,
            "rate_limit_per_day": 10000 + i,
            "is_active": i % 4 != 3,
            "expires_at": self.maybe(self.when(i) + timedelta(days=90), i),
            "last_used": self.maybe(self.when(i + 1), i, 2),
            "total_requests": self.rng.randrange(10**6),
            "total_errors": self.rng.randrange(1000),
            "last_success": self.maybe(self.when(i + 2), i),
            "last_error": self.maybe(self.when(i + 3), i, 2),
            "failed_attempts": i % 4,
            "last_failed_attempt": self.maybe(self.when(i + 4), i),
            "is_locked": i % 6 == 5,
            "locked_until": self.when(i) + timedelta(hours=1) if i % 6 == 5 else None,
        }

    def _mcp_servers(self, i):
        # Names are unique per row, hence per (tenant_id, name).
        name = f"サーバー-{i}" if i % 4 == 3 else f"server-{i}"
        return {
            "id": self._id("mcp_servers", i),
            **self.stamps(i),
            "name": name,
            "description": self.maybe("An MCP server — with ünïcode", i),
            "version": f"1.{i % 10}.{i}",
            "endpoint_url": f"https://mcp{i}.example.com/mcp",
            "transport_type": ("http", "websocket", "stdio", "sse")[i % 4],
            "capabilities": {"tools": [f"tool_{i}", "search"], "resources": ["file:///{path}"]}
            if i % 2
            else {},
            "tags": ["prod", "ünïcode"] if i % 3 == 0 else [],
            "health_status": ("healthy", "unhealthy", "degraded", "unknown", "maintenance")[i % 5],
            "last_health_check": self.maybe(self.when(i + 1), i),
            "health_metadata": self.json_doc(i + 3),
            "avg_response_time": self.float_(i),
            "success_rate": self.float_(i + 1, 1.0),
            "active_connections": self.maybe(self.rng.randrange(500), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
        }

    def _audit_logs(self, i):
        user_id = self.maybe(self.pick("users"), i, 2)
        service = self.maybe("scheduler", i, 3) if i % 4 != 0 else None
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "user_id": user_id,
            "tenant_id": self.maybe(self.pick("tenants"), i, 3),
            "service_name": service,
            "action": ("create", "update", "delete", "login")[i % 4],
            "resource_type": ("server", "tool", "api_key")[i % 3],
            "resource_id": self.maybe(self.uuid(), i),
            "timestamp": self.when(i + 1),
            "details": self.json_doc(i),
            "request_id": self.maybe(f"req-{i}", i),
            "ip_address": self.maybe("198.51.100.23", i),
            "user_agent": self.maybe("python-httpx/0.27", i),
            "success": i % 9 != 4,
            "error_message": "permission denied" if i % 9 == 4 else None,
        }

    def _request_logs(self, i):
        failed = i % 8 == 5
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "request_id": f"{self.rng.getrandbits(128):032x}",
            "user_id": self.maybe(self.pick("users"), i),
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
            "ip_address": self.maybe("203.0.113.9", i),
            "method": "POST",
            "path": "/mcp/proxy",
            "query_params": {"debug": "1"} if i % 5 == 0 else {},
            "headers": {"User-Agent": "claude-code/1.0 ✓"},
            "target_server_id": self.maybe(self.pick("mcp_servers"), i),
            "request_time": self.when(i),
            "response_time": self.maybe(self.when(i) + timedelta(milliseconds=37), i),
            "duration_ms": self.float_(i),
            "status_code": None if i % 11 == 1 else (500 if failed else 200),
            "response_size_bytes": self.maybe(self.rng.randrange(1 << 20), i),
            "error_type": "UpstreamError" if failed else None,
            "error_message": "upstream timed out" if failed else None,
            "request_metadata": {
                "mcp_method": "tools/call",
                "mcp_request": {"name": "search", "arguments": {"q": "héllo"}},
                "mcp_response": {"content": []},
                "success": not failed,
            }
            if i % 10
            else self.json_doc(i),
        }

    def _fastmcp_audit_log(self, i):
        user = FASTMCP_SUBS[i % 5] if i % 5 < 2 else self.uuid()
        failed = i % 6 == 5
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "user_id": user,
            "tenant_id": self.maybe(self.uuid(), i),
            "user_roles": ["Reader", "Admin"] if i % 3 == 0 else [],
            "method": f"tools/call:search_{i % 4}" if i % 4 else ("initialize", "tools/list")[i % 8 // 4],
            "params": {"query": "naïve", "api_key": "***REDACTED***"} if i % 2 else {},
            "request_id": self.maybe(str(i), i),
            "jsonrpc_version": "2.0",
            "success": not failed,
            "duration_ms": self.rng.randrange(5000),
            "error_code": -32603 if failed else None,
            "error_message": "Internal error" if failed else None,
            "timestamp": self.when(i),
        }

    def _server_tools(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers", i),
            "name": f"tool_{i}",  # unique per (server_id, name)
            "description": self.maybe("Searches the docs 📚", i),
            "tool_schema": {
                "type": "object",
                "properties": {"q": {"type": "string", "description": "requête"}},
                "required": ["q"],
            }
            if i % 4
            else {},
            "tags": ["search"] if i % 2 else [],
            "total_calls": self.rng.randrange(10**6),
            "success_count": self.rng.randrange(10**5),
            "error_count": self.rng.randrange(100),
            "avg_execution_time": self.float_(i),
        }

    def _server_resources(self, i):
        uri = f"file:///docs/{i}/{{name}}.md" if i % 2 else f"file:///docs/{i}/readme.md"
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers", i),
            "uri_template": uri,  # unique per (server_id, uri_template)
            "name": self.maybe(f"doc {i}", i),
            "description": self.maybe("Documentation", i, 2),
            "mime_type": self.maybe("text/markdown", i),
            "total_accesses": self.rng.randrange(10**5),
            "avg_size_bytes": self.maybe(self.rng.randrange(10**6), i),
        }

    def _server_metrics(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "timestamp": self.when(i),
            "response_time_ms": self.float_(i),
            "requests_per_second": self.float_(i + 1, 50.0),
            "error_rate": self.float_(i + 2, 1.0),
            "cpu_usage": self.float_(i + 3, 100.0),
            "memory_usage_mb": self.float_(i + 4, 4096.0),
            "active_connections": self.maybe(self.rng.randrange(100), i),
            "connection_pool_size": self.maybe(10, i, 2),
            "custom_metrics": self.json_doc(i),
        }

    def _server_access_control(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "user_id": self.maybe(self.pick("users"), i, 2),
            "tenant_id": self.maybe(self.pick("tenants"), i, 3),
            "api_key_id": self.maybe(self.pick("enhanced_api_keys"), i, 4),
            "can_read": True,
            "can_write": i % 2 == 0,
            "can_admin": i % 5 == 0,
            "can_proxy": i % 3 != 0,
            "allowed_methods": ["tools/call"] if i % 2 else [],
            "denied_methods": ["resources/read"] if i % 3 == 0 else [],
            "access_start_time": self.maybe(self.when(i), i),
            "access_end_time": self.maybe(self.when(i) + timedelta(days=30), i),
            "allowed_days": [0, 1, 2, 3, 4] if i % 2 else [],
            "allowed_hours": list(range(8, 18)) if i % 3 == 0 else [],
            "is_active": i % 4 != 1,
            "last_access": self.maybe(self.when(i + 1), i),
            "access_count": self.rng.randrange(10**4),
        }

    def _routing_rules(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"rule {i % 3}",  # not unique
            "description": self.maybe("route by tool", i),
            "conditions": {"method": "tools/call", "tool": {"$in": ["search"]}} if i % 2 else {},
            "target_servers": [self.pick("mcp_servers") for _ in range(i % 4)],
            "load_balancing_strategy": (
                "round_robin", "weighted", "least_connections", "random", "consistent_hash"
            )[i % 5],
            "priority": 100 - i,
            "is_active": i % 3 != 2,
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
        }

    def _system_configs(self, i):
        sensitive = i % 3 == 0
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "key": f"config.{i}.{self.rng.choice(WORDS)}",
            "value": {"secret": f"s3cr3t-{self.rng.getrandbits(64):016x}"} if sensitive else self.json_doc(i),
            "description": self.maybe("a setting", i),
            "category": ("gateway", "auth", "observability")[i % 3],
            "is_sensitive": sensitive,
            "is_runtime_configurable": i % 2 == 0,
            "version": 1 + i % 4,
            "tenant_id": self.maybe(self.pick("tenants"), i, 2),
        }

    def _circuit_breakers(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            # One breaker per server; extra rows wrap around (a duplicate, for R3 tests).
            "server_id": self.pick("mcp_servers", i),
            "service_name": f"svc-{i}",
            "state": ("closed", "open", "half_open")[i % 3],
            "failure_count": i % 6,
            "success_count": i % 3,
            "failure_threshold": 5,
            "success_threshold": 2,
            "timeout_ms": 60000,
            "last_failure_time": self.maybe(self.when(i), i),
            "last_success_time": self.maybe(self.when(i + 1), i, 2),
            "last_state_change": self.when(i + 2),
            "total_requests": self.rng.randrange(10**6),
            "total_failures": self.rng.randrange(10**4),
            "total_timeouts": self.rng.randrange(10**3),
        }

    def _connection_pools(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "pool_name": f"pool-{i}",
            "transport_type": ("http", "websocket", "stdio", "sse")[i % 4],
            "max_size": 10,
            "min_size": 2,
            "timeout_ms": 30000,
            "idle_timeout_ms": 300000,
            "active_connections": i % 10,
            "idle_connections": i % 5,
            "pending_requests": i % 3,
            "is_healthy": i % 4 != 0,
            "last_health_check": self.maybe(self.when(i), i),
            "total_connections_created": self.rng.randrange(10**5),
            "total_connections_closed": self.rng.randrange(10**5),
            "connection_errors": self.rng.randrange(100),
            "avg_connection_time_ms": self.float_(i),
        }

    def _request_queues(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "server_id": self.pick("mcp_servers"),
            "queue_name": f"queue-{i}",
            "max_size": 1000,
            "processing_timeout_ms": 60000,
            "priority_levels": 3,
            "current_size": i % 50,
            "processing_count": i % 5,
            "is_accepting_requests": i % 6 != 0,
            "last_processed": self.maybe(self.when(i), i),
            "total_enqueued": self.rng.randrange(10**6),
            "total_processed": self.rng.randrange(10**6),
            "total_timeouts": self.rng.randrange(100),
            "total_errors": self.rng.randrange(100),
            "avg_processing_time_ms": self.float_(i),
            "avg_wait_time_ms": self.float_(i + 1),
        }

    def _data_retention_policies(self, i):
        table, date_column = RETENTION_TARGETS[i % len(RETENTION_TARGETS)]
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"retain {table} #{i}",
            "description": self.maybe("keep the log tables small", i),
            "table_name": table,
            "date_column": date_column,
            "retention_days": 1 + i % 365,
            "batch_size": 1000,
            "conditions": {"success": True} if table == "audit_logs" and i % 2 else {},
            "is_active": i % 3 != 1,
            "last_run": self.maybe(self.when(i), i),
            "next_run": self.maybe(self.when(i) + timedelta(days=1), i),
            "total_deleted": self.rng.randrange(10**6),
            "last_deleted_count": self.rng.randrange(1000),
            "avg_execution_time_ms": self.float_(i),
        }

    def _materialized_views(self, i):
        strategy = ("manual", "scheduled", "triggered")[i % 3]
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"mv_daily_{i}",
            "description": self.maybe("daily request counts", i),
            "query": "SELECT date_trunc('day', request_time) AS day, count(*) FROM request_logs GROUP BY 1",
            "indexes": ["CREATE INDEX ON mv (day)"] if i % 2 else [],
            "refresh_strategy": strategy,
            "refresh_interval_minutes": 60 if strategy == "scheduled" else None,
            "refresh_triggers": ["request_logs"] if strategy == "triggered" else [],
            "is_active": i % 4 != 3,
            "last_refreshed": self.maybe(self.when(i), i),
            "next_refresh": self.maybe(self.when(i) + timedelta(hours=1), i),
            "refresh_count": self.rng.randrange(10**4),
            "avg_refresh_time_ms": self.float_(i),
            "row_count": self.maybe(self.rng.randrange(10**6), i),
            "size_bytes": self.maybe(self.rng.randrange(2**31), i),
        }

    def _performance_alerts(self, i):
        return {
            "id": self.uuid(),
            **self.stamps(i),
            "name": f"alert {i}",
            "description": self.maybe("p95 latency", i),
            "server_id": self.maybe(self.pick("mcp_servers"), i),
            "metric_name": ("response_time_ms", "error_rate", "cpu_usage")[i % 3],
            "threshold_value": math.inf if i % 9 == 8 else self.finite(i),
            "comparison_operator": (">", "<", ">=", "<=", "==")[i % 5],
            "duration_minutes": 5,
            "is_active": i % 2 == 0,
            "is_triggered": i % 3 == 0,
            "first_triggered": self.maybe(self.when(i), i),
            "last_triggered": self.maybe(self.when(i + 1), i),
            "trigger_count": self.rng.randrange(1000),
            "notification_channels": ["email", "slack:#ops"] if i % 2 else [],
            "cooldown_minutes": 60,
            "last_notification": self.maybe(self.when(i + 2), i),
        }


# (legacy table, date column) pairs a retention policy may name.
RETENTION_TARGETS = (
    ("audit_logs", "timestamp"),
    ("fastmcp_audit_log", "timestamp"),
    ("request_logs", "request_time"),
    ("server_metrics", "timestamp"),
    ("sessions", "expires_at"),
)
WORDS = ("alpha", "bravo", "café", "δέλτα", "echo", "フォックス", "golf", "hôtel")


def json_variant(i: int, rng: random.Random) -> dict:
    """A JSON object of one of several shapes (empty, nested, unicode, large, numeric, escapes)."""
    shape = i % 8
    if shape == 0:
        return {}
    if shape == 1:
        return {"a": {"b": {"c": [1, 2, {"d": None, "e": [True, False, []]}]}}, "n": rng.randrange(10**6)}
    if shape == 2:
        return {"名前": "値", "emoji": "🚀✨", "combining": "e\u0301", "rtl": "مرحبا"}
    if shape == 3 and i % 1000 == 3:
        # large (rare, so big log tables stay a sane size): many keys and a long string
        return {f"k{n:03d}": "x" * 40 for n in range(200)} | {"blob": "ü" * 20000}
    if shape == 4:
        return {"ratio": 0.1, "tiny": 5e-324, "big": 1.7976931348623157e308, "neg": -0.0, "int": 2**53 + 1}
    if shape == 5:
        return {"quote": '"', "backslash": "\\", "newline": "\n", "tab": "\t", "ctrl": "\u0001", "": ""}
    if shape == 6:
        return {"list": [rng.randrange(100) for _ in range(5)], "empty_list": [], "empty_obj": {}}
    return {"region": rng.choice(("eu-west-1", "us-east-1")), "enabled": bool(i % 2)}
