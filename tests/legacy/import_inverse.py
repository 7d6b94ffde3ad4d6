"""The inverse of the import mapping (consolidated-schema.md 4.3), for tests:
rebuild every legacy row from the consolidated tables and compare it with the
export. Invariant 13: ids byte-identical, datetimes equal as UTC instants,
JSON semantically equal, floats bit-equal (NaN/Infinity included)."""
from __future__ import annotations

from decimal import Decimal
import math
import struct
from datetime import timezone

from psycopg import sql
from psycopg.rows import dict_row

from mcpmanager.legacy.importer.transform import RENAMES
from mcpmanager.legacy.tables import TABLES


def _ts(value):
    if value is None:
        return None
    return value.astimezone(timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _strip_legacy(metadata):
    if isinstance(metadata, dict):
        return {k: v for k, v in metadata.items() if k != "_legacy"}
    return metadata


def _legacy_of(metadata) -> dict:
    return metadata.get("_legacy", {}) if isinstance(metadata, dict) else {}


def fetch_targets(conn, target: str) -> dict[str, dict]:
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(sql.SQL("SELECT * FROM public.{}").format(sql.Identifier(target)))
        return {str(r["id"]): r for r in cur}


def rebuild(legacy: str, t: dict, extra: dict) -> dict:
    """The legacy row (export form) that consolidated row `t` came from."""
    target, renames = RENAMES[legacy]
    out = {"id": str(t["id"]), "created_at": _ts(t["created_at"]), "updated_at": _ts(t.get("updated_at"))}
    for legacy_col, target_col in renames.items():
        if target_col is not None and legacy_col != "updated_at":
            value = t[target_col]
            out[legacy_col] = str(value) if legacy_col in ("api_key_id",) and value is not None else value
    for column in TABLES[legacy].columns:
        if column.kind == "datetime" and column.name in out and out[column.name] is not None and column.name != "updated_at":
            out[column.name] = _ts(out[column.name]) if not isinstance(out[column.name], str) else out[column.name]
    meta = t.get("metadata")
    lg = _legacy_of(meta)
    if legacy == "users":
        out["email"] = lg.get("email", t["email"])
        out["full_name"] = None if "full_name" in lg else t["name"]
        account = extra["account"].get(out["id"])
        out["auth_provider"] = account["provider_id"] if account else lg.get("auth_provider")
        out["auth_provider_id"] = account["account_id"] if account else lg.get("auth_provider_id")
        out["user_metadata"] = _strip_legacy(meta)
    elif legacy in ("api_keys", "enhanced_api_keys"):
        scopes = t["scopes"]  # api_key_scope[] comes back as its text form: {read,write}
        scopes = [s for s in scopes.strip("{}").split(",") if s] if isinstance(scopes, str) else list(scopes)
        out["scopes"] = lg.get("scopes", scopes)
        if legacy == "api_keys":
            out["api_key_metadata"] = _strip_legacy(meta)
    elif legacy == "audit_logs":
        out["updated_at"] = lg.get("updated_at", out["created_at"])
        out["user_id"] = t["actor_id"] if t["actor_type"] == "user" else None
        out["service_name"] = t["actor_id"] if t["actor_type"] == "system" else lg.get("service_name")
        out["details"] = _strip_legacy(meta)
    elif legacy == "fastmcp_audit_log":
        out["updated_at"] = lg.get("updated_at", out["created_at"])
        out["tenant_id"] = meta["token_tenant_id"]
        out["user_roles"] = meta["token_roles"]
        out["params"] = meta["params"]
        out["jsonrpc_version"] = meta["jsonrpc_version"]
        out["duration_ms"] = int(t["duration_ms"])
        out["error_code"] = None if t["error_code"] is None else int(t["error_code"])
    elif legacy == "request_logs":
        out["updated_at"] = lg.get("updated_at", out["created_at"])
        out["request_metadata"] = _strip_legacy(meta)
    elif legacy == "data_retention_policies" and t["legacy_target"] is not None:
        out.update(t["legacy_target"])
    for column in TABLES[legacy].columns:
        value = out.get(column.name)
        if column.kind in ("json_list_str", "json_list_int") or column.kind.startswith("json_list_enum"):
            out[column.name] = list(value) if isinstance(value, (list, tuple)) else value
        if column.kind == "datetime" and value is not None and not isinstance(value, str):
            out[column.name] = _ts(value)
    return out


def _bits(value) -> bytes:
    return struct.pack("<d", value)


def _float_of(value):
    if isinstance(value, str):
        return float(value.replace("Infinity", "inf"))
    return float(value)


def _semantic(value):
    """G5 comparison: objects unordered, arrays in order, numbers by decimal value, strings exactly."""
    if isinstance(value, dict):
        return ("object", {k: _semantic(v) for k, v in value.items()})
    if isinstance(value, list):
        return ("array", [_semantic(v) for v in value])
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    return ("number", Decimal(repr(value)) if isinstance(value, float) else Decimal(value))


def same_value(kind: str, exported, rebuilt) -> bool:
    if exported is None or rebuilt is None:
        return exported is None and rebuilt is None
    if kind == "float":
        a, b = _float_of(exported), _float_of(rebuilt)
        return (math.isnan(a) and math.isnan(b)) or _bits(a) == _bits(b)
    if kind.startswith("json"):
        return _semantic(exported) == _semantic(rebuilt)
    return exported == rebuilt


def differences(legacy: str, exported: dict, rebuilt: dict) -> list[str]:
    skip = {"updated_at"} if legacy == "server_metrics" else set()  # R2
    out = []
    for column in TABLES[legacy].columns:
        if column.name in skip:
            continue
        if not same_value(column.kind, exported[column.name], rebuilt.get(column.name)):
            out.append(f"{column.name}: export {exported[column.name]!r} != rebuilt {rebuilt.get(column.name)!r}")
    return out
