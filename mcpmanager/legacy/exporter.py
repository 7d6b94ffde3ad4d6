"""Write a legacy database out in the export format (legacy-export.md, Part A).

All tables are read in ONE read-only REPEATABLE READ transaction (one snapshot),
each through a server-side cursor ordered by `id COLLATE "C"` (byte order) and
fetched in batches, so memory stays flat whatever the table size. Lines are
encoded by hand in Part B key order; sha256 and row counts are computed while
writing.

JSON columns are fetched as their stored text and re-encoded compactly. The
legacy `JSON` type keeps the text as written (SQLAlchemy writes `", "`, `": "`
and ASCII escapes), so embedding it verbatim would break "compact, literal
UTF-8, byte-identical exports". Re-encoding instead preserves everything a
reader can see in the document: key order, duplicate keys (kept, in order, so
the importer can detect and count them) and number literals exactly as written
(`1.10` stays `1.10`, `1e400` stays `1e400`). Only whitespace and string escapes
are normalised.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from mcpmanager.legacy.tables import (
    FORMAT_NAME,
    FORMAT_VERSION,
    TABLE_ORDER,
    TABLES,
    Column,
    Table,
)

EXPORTER_VERSION = "1.0.0"
BATCH_SIZE = 5000
DIR_MODE = 0o700
FILE_MODE = 0o600


class ExportError(Exception):
    """The export cannot be written; the message never holds a column value."""


@dataclass(frozen=True)
class TableExport:
    table: str
    rows: int
    sha256: str
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float(self.rows)


Progress = Callable[[TableExport], None]


def export_legacy(
    conninfo: str,
    out_dir: Path | str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> dict:
    """Export every legacy table of `conninfo` into the new or empty `out_dir`; return the manifest.

    On failure the files written so far (and `out_dir`, when this call created it)
    are removed: a half export is useless and holds secrets.
    """
    out = Path(out_dir)
    created_dir = _prepare_dir(out)
    try:
        return _export(conninfo, out, batch_size, progress)
    except BaseException:
        _remove_export(out, created_dir)
        raise


def describe_source(conninfo: str) -> str:
    """Manifest `source`: database, host and exporter version; never the password."""
    params = conninfo_to_dict(conninfo)
    where = params.get("host") or "local socket"
    if params.get("port"):
        where += f":{params['port']}"
    return f"legacy backend, database {params.get('dbname', '?')} on {where}, exporter mcpmanager {EXPORTER_VERSION}"


def _export(conninfo: str, out: Path, batch_size: int, progress: Progress | None) -> dict:
    try:
        conn = psycopg.connect(conninfo)
    except psycopg.OperationalError as exc:
        raise ExportError(f"cannot connect to the legacy database: {_one_line(exc)}") from None
    with conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.transaction():
            # The first statement fixes the snapshot; its time is the snapshot's time.
            snapshot_at = conn.execute(
                "SELECT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
            ).fetchone()[0]
            _check_schema(conn)
            tables = {}
            for name in TABLE_ORDER:
                result = _export_table(conn, TABLES[name], out, batch_size)
                tables[name] = {"rows": result.rows, "sha256": result.sha256}
                if progress:
                    progress(result)
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": snapshot_at,
        "source": describe_source(conninfo),
        "tables": tables,
    }
    with _open_private(out / "manifest.json") as fh:
        fh.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    return manifest


def _check_schema(conn) -> None:
    """Every legacy table with exactly its Part B columns, or a clear error naming what differs."""
    found: dict[str, set[str]] = {}
    for table, column in conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ANY(%s)",
        [list(TABLE_ORDER)],
    ):
        found.setdefault(table, set()).add(column)
    problems = []
    for name in TABLE_ORDER:
        expected = set(TABLES[name].column_names)
        actual = found.get(name)
        if actual is None:
            problems.append(f"table {name} is missing")
            continue
        if expected - actual:
            problems.append(f"{name} lacks column(s) {', '.join(sorted(expected - actual))}")
        if actual - expected:
            problems.append(f"{name} has unknown column(s) {', '.join(sorted(actual - expected))}")
    if problems:
        raise ExportError("not a legacy database as legacy-export.md describes it: " + "; ".join(problems))


def _export_table(conn, table: Table, out: Path, batch_size: int) -> TableExport:
    started = time.monotonic()
    encoders = [_encoder(table, column) for column in table.columns]
    digest = hashlib.sha256()
    rows = 0
    with _open_private(out / f"{table.name}.jsonl") as fh, conn.cursor(name=f"export_{table.name}") as cur:
        try:
            cur.execute(_select(table))
            while batch := cur.fetchmany(batch_size):
                chunk = _encode_batch(table, encoders, batch)
                digest.update(chunk)
                fh.write(chunk)
                rows += len(batch)
        except psycopg.DataError as exc:
            # e.g. a timestamp 'infinity' that no Python datetime (nor the format) can hold
            raise ExportError(f"{table.name}: unreadable value after row {rows}: {_one_line(exc)}") from None
    return TableExport(table.name, rows, digest.hexdigest(), time.monotonic() - started)


def _select(table: Table) -> sql.Composed:
    fields = []
    for column in table.columns:
        ident = sql.Identifier(column.name)
        if column.exported_as_null:
            fields.append(sql.SQL("NULL"))  # A.5: live credentials are never even read
        elif column.is_json or column.is_enum:
            fields.append(sql.SQL("{}::text").format(ident))
        else:
            fields.append(ident)
    return sql.SQL('SELECT {} FROM {} ORDER BY id COLLATE "C"').format(
        sql.SQL(", ").join(fields), sql.Identifier(table.name)
    )


def _encode_batch(table: Table, encoders, batch) -> bytes:
    text = "".join(_encode_row(table, encoders, row) for row in batch)
    try:
        return text.encode()
    except UnicodeEncodeError:  # a lone surrogate from a JSON \uXXXX escape
        bad = next(row[0] for row in batch if not _encodes(_encode_row(table, encoders, row)))
        raise ExportError(f"{table.name} id {bad}: a JSON column holds an unpaired surrogate") from None


def _encodes(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _encode_row(table: Table, encoders, row) -> str:
    parts = []
    for (key, encode, column), value in zip(encoders, row):
        if value is None:
            if not column.nullable and not column.exported_as_null:
                raise ExportError(f"{table.name} id {row[0]}: column {column.name} is NULL")
            parts.append(key + "null")
        else:
            try:
                parts.append(key + encode(value))
            except (ValueError, TypeError, UnicodeError) as exc:
                raise ExportError(f"{table.name} id {row[0]}: column {column.name}: {exc}") from None
    return "{" + ",".join(parts) + "}\n"


def _encoder(table: Table, column: Column):
    key = json.dumps(column.name) + ":"
    if column.is_enum:
        values = {label: json.dumps(label.lower()) for label in column.enum.labels}

        def encode(label):
            if label not in values:
                raise ValueError(f"label outside enum {column.enum.pg_type}")
            return values[label]
    elif column.is_json:
        encode = encode_json_text
    else:
        encode = _SCALAR_ENCODERS[column.kind]
    return key, encode, column


def encode_float(value: float) -> str:
    """repr() is the shortest text that round-trips; non-finite values become strings (A.4)."""
    if math.isfinite(value):
        return repr(value)
    return '"NaN"' if math.isnan(value) else ('"Infinity"' if value > 0 else '"-Infinity"')


def encode_datetime(value: datetime) -> str:
    if value.tzinfo is not None:
        raise TypeError("timestamp with a time zone")
    return '"' + value.isoformat(timespec="microseconds") + '"'


def _encode_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


_SCALAR_ENCODERS = {
    "str": _encode_str,
    "int": str,
    "float": encode_float,
    "bool": lambda value: "true" if value else "false",
    "datetime": encode_datetime,
}


# -- JSON columns ------------------------------------------------------------------


class _Reencode(Exception):
    """The fast path would change the document (duplicate key, reformatted number)."""


def _strict_pairs(pairs):
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Reencode
    return result


def _strict_int(text: str) -> int:
    value = int(text)
    if str(value) != text:  # "-0"
        raise _Reencode
    return value


def _strict_float(text: str) -> float:
    value = float(text)
    if repr(value) != text:
        raise _Reencode
    return value


def encode_json_text(text: str) -> str:
    """Stored JSON text -> compact JSON, same document (see the module docstring)."""
    try:
        value = json.loads(
            text, object_pairs_hook=_strict_pairs, parse_float=_strict_float, parse_int=_strict_int
        )
    except _Reencode:
        return _dump_faithful(
            json.loads(text, object_pairs_hook=_Pairs, parse_float=_NumberLiteral, parse_int=_NumberLiteral)
        )
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class _Pairs(list):
    """An object's (key, value) pairs, duplicates and order kept."""


class _NumberLiteral(str):
    """A JSON number kept as written."""


def _dump_faithful(value) -> str:
    if isinstance(value, _Pairs):
        return "{" + ",".join(_encode_str(key) + ":" + _dump_faithful(item) for key, item in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump_faithful(item) for item in value) + "]"
    if isinstance(value, _NumberLiteral):
        return str.__str__(value)
    return json.dumps(value, ensure_ascii=False)


# -- files -------------------------------------------------------------------------


def _prepare_dir(out: Path) -> bool:
    """Create `out` with mode 0700 (True) or accept an existing empty directory (False)."""
    if out.exists():
        if not out.is_dir():
            raise ExportError(f"{out} exists and is not a directory")
        if any(out.iterdir()):
            raise ExportError(f"{out} is not empty; the export needs a new or empty directory")
        os.chmod(out, DIR_MODE)
        return False
    out.mkdir(mode=DIR_MODE, parents=False)
    os.chmod(out, DIR_MODE)  # mkdir's mode is narrowed by the umask; make it exact
    return True


def _open_private(path: Path):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return os.fdopen(fd, "wb", buffering=1 << 20)


def _remove_export(out: Path, created_dir: bool) -> None:
    if not out.is_dir():
        return
    for name in [*TABLE_ORDER, "manifest"]:
        for suffix in (".jsonl", ".json"):
            (out / f"{name}{suffix}").unlink(missing_ok=True)
    if created_dir:
        try:
            out.rmdir()
        except OSError:
            pass


def _one_line(exc: Exception) -> str:
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
