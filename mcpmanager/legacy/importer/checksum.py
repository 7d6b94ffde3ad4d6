"""Order-independent checksums of key columns, on both sides of the import.

Export side: every row read from the file. Database side: the consolidated
rows of that legacy table after the load (joined to its staging rows), with
the key columns mapped back by the inverse mapping. Each row contributes
sha256(id \x1f created_at \x1f key…) and the digests are summed modulo 2**256,
so neither side has to sort (memory stays flat). R3-dropped rows are taken
out of the export side.
"""
from __future__ import annotations

from hashlib import sha256

from psycopg import sql

from .load import match_condition, staging_name, target_name
from .transform import RENAMES

MOD = 1 << 256
SEP = "\x1f"

# Legacy table -> key columns besides id and created_at.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "tenants": ("name",),
    "users": ("username",),
    "api_keys": ("key_prefix",),
    "enhanced_api_keys": ("key_prefix",),
    "audit_logs": ("action", "request_id"),
    "request_logs": ("request_id", "method", "path"),
    "fastmcp_audit_log": ("method", "request_id"),
    "mcp_servers": ("name", "endpoint_url"),
    "server_tools": ("server_id", "name"),
    "server_resources": ("server_id", "uri_template"),
    "server_metrics": ("server_id", "timestamp"),
    "server_access_control": ("server_id",),
    "routing_rules": ("name",),
    "system_configs": ("key", "category"),
    "circuit_breakers": ("server_id", "service_name"),
    "connection_pools": ("server_id", "pool_name"),
    "request_queues": ("server_id", "queue_name"),
    "data_retention_policies": ("name",),
    "materialized_views": ("name",),
    "performance_alerts": ("name", "metric_name"),
}
_DATETIME_COLUMNS = {"created_at", "timestamp"}


def columns_of(legacy: str) -> tuple[str, ...]:
    return ("id", "created_at") + KEY_COLUMNS[legacy]


def row_digest(values) -> int:
    text = SEP.join("\\N" if v is None else v for v in values)
    return int.from_bytes(sha256(text.encode("utf-8")).digest(), "big")


class ExportChecksum:
    def __init__(self, legacy: str):
        self.columns = columns_of(legacy)
        self.total = 0
        self.rows = 0

    def add(self, row: dict) -> int:
        digest = row_digest([row[c] for c in self.columns])
        self.total = (self.total + digest) % MOD
        self.rows += 1
        return digest

    def remove(self, digest: int) -> None:
        self.total = (self.total - digest) % MOD
        self.rows -= 1

    def hexdigest(self) -> str:
        return f"{self.total:064x}"


def _expression(legacy: str, column: str) -> sql.Composable:
    target_column = {"id": "id", "created_at": "created_at"}.get(column) or RENAMES[legacy][1][column]
    ident = sql.SQL("t.{}").format(sql.Identifier(target_column))
    if column in _DATETIME_COLUMNS:
        return sql.SQL("""to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')""").format(ident)
    return sql.SQL("{}::text").format(ident)


def database_checksum(conn, legacy: str, src: int) -> tuple[str, int]:
    """(hex digest, rows) over the rows of this legacy table as stored in public."""
    target = RENAMES[legacy][0]
    query = sql.SQL("SELECT {cols} FROM {tgt} t JOIN {stg} s ON {match} WHERE s._src = {src}").format(
        cols=sql.SQL(", ").join(_expression(legacy, c) for c in columns_of(legacy)),
        tgt=target_name(target), stg=staging_name(target), match=match_condition(target), src=sql.Literal(src),
    )
    total = rows = 0
    with conn.cursor(name=f"checksum_{legacy}") as cursor:
        cursor.itersize = 10_000
        cursor.execute(query)
        for values in cursor:
            total = (total + row_digest(values)) % MOD
            rows += 1
    return f"{total:064x}", rows
