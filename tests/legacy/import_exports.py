"""Hand-made legacy exports for the importer's tests: small, explicit, and able
to carry exactly the defect a test needs (raw lines, wrong manifests)."""
from __future__ import annotations

import hashlib
import itertools
import json
import uuid
from pathlib import Path

from mcpmanager.legacy.tables import FORMAT_NAME, FORMAT_VERSION, FREE_TEXT_ENUM_VALUES, TABLE_ORDER, TABLES

_counter = itertools.count(1)
WHEN = "2025-01-02T03:04:05.123456"


def new_id() -> str:
    return str(uuid.UUID(int=(0x4000 << 64) | next(_counter) | (0x8 << 60) | (7 << 100)))


def row(table: str, **values) -> dict:
    """A valid legacy row of `table` with every column (Part B order); `values` override defaults."""
    row_id = values.get("id") or new_id()
    out = {}
    for column in TABLES[table].columns:
        if column.name in values:
            out[column.name] = values[column.name]
            continue
        out[column.name] = _default(table, column, row_id)
    return out


def _default(table, column, row_id):
    if column.name == "id":
        return row_id
    if column.nullable or column.exported_as_null:
        return None
    free = FREE_TEXT_ENUM_VALUES.get((table, column.name))
    if free:
        return free[0]
    kind = column.kind
    if kind == "str":
        text = f"{column.name}-{row_id[-8:]}"
        if column.name == "email":
            text += "@example.com"
        return text[: column.max_length] if column.max_length else text
    if kind == "datetime":
        return WHEN
    if kind == "int":
        return 1
    if kind == "float":
        return 1.5
    if kind == "bool":
        return True
    if column.is_enum:
        return column.enum.values[0]
    if kind == "json_dict":
        return {}
    return []


def line_of(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def write_export(directory: Path, tables: dict[str, list], *, all_tables: bool = False, manifest: dict | None = None) -> Path:
    """Write `<table>.jsonl` (rows as dicts or raw line strings) and a matching manifest.json.

    all_tables=True also writes empty files for every other legacy table.
    `manifest` entries override the computed ones (e.g. a wrong sha256).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    content = dict(tables)
    if all_tables:
        for name in TABLE_ORDER:
            content.setdefault(name, [])
    entries = {}
    for name in TABLE_ORDER:
        if name not in content:
            continue
        lines = [item if isinstance(item, str) else line_of(item) for item in content[name]]
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        (directory / f"{name}.jsonl").write_bytes(data)
        entries[name] = {"rows": len(lines), "sha256": hashlib.sha256(data).hexdigest()}
    document = {
        "format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_at": "2025-09-15T23:11:02Z",
        "source": "hand-made test export", "tables": entries,
    }
    for key, value in (manifest or {}).items():
        document[key] = value
    (directory / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    return directory


def missing_except(*present: str) -> list[str]:
    """--allow-missing arguments for every legacy table but `present`."""
    return [f"--allow-missing={name}" for name in TABLE_ORDER if name not in present]
