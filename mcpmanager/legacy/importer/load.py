"""Staging and merging: COPY (text format, batches) into temporary tables, then
set-based comparison with existing rows and INSERT … SELECT into public.

Staging tables are `CREATE TEMP TABLE … (LIKE public.<t> INCLUDING DEFAULTS)
ON COMMIT DROP` plus `_src` (index of the legacy table) and `_line` (line in
its file): no indexes, no constraints beyond NOT NULL, no WAL. Each COPY line
is built by precomputed per-column encoders chosen from the catalog types.
"""
from __future__ import annotations

import json
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass

from psycopg import sql
from psycopg.copy import QueuedLibpqWriter

from .transform import LEGACY_ID_SQL, MATCH_KEYS, TARGET_COLUMNS

BATCH_ROWS = 10_000
NULL = "\\N"
_NEEDS_ESCAPE = re.compile(r"[\\\n\r\t]").search


def copy_escape(text: str) -> str:
    if _NEEDS_ESCAPE(text) is None:
        return text
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _enc_text(value) -> str:
    return NULL if value is None else copy_escape(value)


def _enc_timestamptz(value) -> str:
    # A.4 strings are naive UTC (G2): the offset makes PostgreSQL read them as UTC.
    return NULL if value is None else value + "+00"


def _enc_int(value) -> str:
    return NULL if value is None else str(value)


def _enc_bool(value) -> str:
    return NULL if value is None else ("t" if value else "f")


def _enc_float(value) -> str:
    if value is None:
        return NULL
    if type(value) is float:
        return repr(value)  # shortest repr that round-trips: bit-exact through float8in
    return str(value)  # int, or "NaN" / "Infinity" / "-Infinity" (G7)


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _enc_jsonb(value) -> str:
    # JSON null is stored as 'null'::jsonb, never SQL NULL (G5).
    return copy_escape(_dumps(value))


def _enc_jsonb_nullable(value) -> str:
    return NULL if value is None else copy_escape(_dumps(value))


def _array_element(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _enc_text_array(value) -> str:
    if not value:
        return "{}"
    return copy_escape("{" + ",".join(map(_array_element, value)) + "}")


def _enc_int_array(value) -> str:
    return "{" + ",".join(map(str, value)) + "}"


def _encoder(type_name: str, category: str, nullable: bool):
    if category == "A":
        return _enc_int_array if type_name in ("integer[]", "bigint[]", "smallint[]") else _enc_text_array
    if type_name == "jsonb":
        return _enc_jsonb_nullable if nullable else _enc_jsonb
    if type_name.startswith("timestamp"):
        return _enc_timestamptz
    if type_name in ("integer", "bigint", "smallint"):
        return _enc_int
    if type_name == "boolean":
        return _enc_bool
    if type_name == "double precision":
        return _enc_float
    return _enc_text  # text, uuid, enums


def encoders_for(columns: tuple[str, ...], catalog: dict) -> tuple:
    """Per-column COPY encoders for `columns` of a target, from its catalog entry."""
    return tuple(_encoder(catalog[c].type_name, catalog[c].category, catalog[c].nullable) for c in columns)


def encode_row(encoders: tuple, values: tuple, src: int, line: int) -> str:
    """One COPY text line of a staging table: the target values, then _src and _line."""
    return "\t".join([enc(v) for enc, v in zip(encoders, values)]) + f"\t{src}\t{line}\n"


@dataclass
class ColumnInfo:
    name: str
    type_name: str
    category: str
    nullable: bool


def target_catalog(conn, tables) -> dict[str, dict[str, ColumnInfo]]:
    rows = conn.execute(
        """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typcategory, NOT a.attnotnull
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE c.relname = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped
        """,
        [list(tables)],
    ).fetchall()
    catalog: dict[str, dict[str, ColumnInfo]] = {}
    for table, column, type_name, category, nullable in rows:
        catalog.setdefault(table, {})[column] = ColumnInfo(column, type_name, category, nullable)
    missing = [t for t in tables if t not in catalog]
    if missing:
        raise RuntimeError(
            f"target table(s) missing in schema public: {', '.join(missing)} (run the Drizzle migrations first)"
        )
    return catalog


def staging_name(target: str) -> sql.Identifier:
    return sql.Identifier(f"stg_{target}")


def target_name(target: str) -> sql.Identifier:
    return sql.Identifier("public", target)


class StagingWriter:
    """Buffers encoded rows of one target and COPYs them into its staging table in batches.

    While its legacy table is read, the main target streams through one open
    COPY (`streaming()`), written by psycopg's queued writer thread so that the
    server ingests while Python parses. Other targets fed at the same time
    (users -> account, tenant_member) cannot COPY then: their full batches
    spill to a temporary file, sent after the stream ends.
    """

    open_copies = 0  # per process: a connection runs one COPY at a time

    def __init__(self, conn, target: str, catalog: dict[str, ColumnInfo]):
        self.conn = conn
        self.target = target
        self.columns = TARGET_COLUMNS[target]
        for column in self.columns:
            if column not in catalog:
                raise RuntimeError(f"column {target}.{column} is missing in schema public")
        self.encoders = encoders_for(self.columns, catalog)
        self.buffer: list[str] = []
        self.rows = 0
        self.copy = None
        self.spool = None
        conn.execute(
            sql.SQL("CREATE TEMP TABLE {} (LIKE {} INCLUDING DEFAULTS) ON COMMIT DROP").format(
                staging_name(target), target_name(target)
            )
        )
        conn.execute(
            sql.SQL("ALTER TABLE {} ADD COLUMN _src smallint NOT NULL, ADD COLUMN _line integer NOT NULL").format(
                staging_name(target)
            )
        )
        self.copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
            staging_name(target), sql.SQL(", ").join(map(sql.Identifier, (*self.columns, "_src", "_line")))
        )

    def add(self, values: tuple, src: int, line: int) -> None:
        self.buffer.append(encode_row(self.encoders, values, src, line))
        if len(self.buffer) >= BATCH_ROWS:
            self._send()

    def add_encoded(self, data: bytes, rows: int) -> None:
        """COPY lines encoded elsewhere (parallel staging), during streaming()."""
        if self.buffer:
            self.copy.write(self._take())
        self.copy.write(data)
        self.rows += rows

    def _take(self) -> bytes:
        data = "".join(self.buffer).encode("utf-8")
        self.rows += len(self.buffer)
        self.buffer.clear()
        return data

    def _send(self) -> None:
        if self.copy is not None:
            self.copy.write(self._take())
        elif StagingWriter.open_copies:
            if self.spool is None:
                self.spool = tempfile.TemporaryFile()
            self.spool.write(self._take())
        else:
            self.flush()

    @contextmanager
    def streaming(self):
        self.flush()
        with self.conn.cursor() as cursor:
            with cursor.copy(self.copy_sql, writer=QueuedLibpqWriter(cursor)) as copy:
                self.copy = copy
                StagingWriter.open_copies += 1
                try:
                    yield self
                    if self.buffer:
                        copy.write(self._take())
                finally:
                    self.copy = None
                    StagingWriter.open_copies -= 1

    def flush(self) -> None:
        if not self.buffer and self.spool is None:
            return
        with self.conn.cursor() as cursor:
            with cursor.copy(self.copy_sql) as copy:
                if self.spool is not None:
                    self.spool.seek(0)
                    while chunk := self.spool.read(1 << 20):
                        copy.write(chunk)
                    self.spool.close()
                    self.spool = None
                if self.buffer:
                    copy.write(self._take())


# --- merge ---------------------------------------------------------------------

def match_condition(target: str, left: str = "s", right: str = "t") -> sql.Composable:
    keys = MATCH_KEYS.get(target, ("id",))
    return sql.SQL(" AND ").join(
        sql.SQL("{}.{} = {}.{}").format(sql.Identifier(left), sql.Identifier(k), sql.Identifier(right), sql.Identifier(k))
        for k in keys
    )


def legacy_id_sql(target: str) -> sql.Composable:
    return sql.SQL(LEGACY_ID_SQL.get(target, "s.id::text"))


def compared_columns(target: str) -> tuple[str, ...]:
    keys = MATCH_KEYS.get(target, ("id",))
    return tuple(c for c in TARGET_COLUMNS[target] if c not in keys)


def _distinct_any(target: str) -> sql.Composable:
    return sql.SQL(" OR ").join(
        sql.SQL("s.{c} IS DISTINCT FROM t.{c}").format(c=sql.Identifier(c)) for c in compared_columns(target)
    )


def _differing_array(target: str) -> sql.Composable:
    parts = [
        sql.SQL("CASE WHEN s.{c} IS DISTINCT FROM t.{c} THEN {name} END").format(
            c=sql.Identifier(c), name=sql.Literal(c)
        )
        for c in compared_columns(target)
    ]
    return sql.SQL("array_remove(ARRAY[{}]::text[], NULL)").format(sql.SQL(", ").join(parts))


def target_is_empty(conn, target: str) -> bool:
    return conn.execute(sql.SQL("SELECT NOT EXISTS (SELECT 1 FROM {})").format(target_name(target))).fetchone()[0]


def find_conflicts(conn, target: str, limit: int = 10_000) -> list[tuple[int, str, list[str]]]:
    """(src, legacy id, differing target columns) of staged rows whose existing row differs."""
    query = sql.SQL(
        "SELECT s._src, {lid}, {diff} FROM {stg} s JOIN {tgt} t ON {match} WHERE {distinct} "
        "ORDER BY s._src, s._line LIMIT {limit}"
    ).format(
        lid=legacy_id_sql(target), diff=_differing_array(target), stg=staging_name(target),
        tgt=target_name(target), match=match_condition(target), distinct=_distinct_any(target),
        limit=sql.Literal(limit),
    )
    return conn.execute(query).fetchall()


def count_by_source(conn, target: str, where: str) -> dict[int, int]:
    """Staged rows per source: where = 'new' (no existing row), 'same' (identical), 'differs'."""
    stg, tgt, match = staging_name(target), target_name(target), match_condition(target)
    if where == "new":
        cond = sql.SQL("NOT EXISTS (SELECT 1 FROM {tgt} t WHERE {match})").format(tgt=tgt, match=match)
    elif where == "same":
        cond = sql.SQL("EXISTS (SELECT 1 FROM {tgt} t WHERE {match} AND NOT ({d}))").format(
            tgt=tgt, match=match, d=_distinct_any(target))
    else:
        cond = sql.SQL("EXISTS (SELECT 1 FROM {tgt} t WHERE {match} AND ({d}))").format(
            tgt=tgt, match=match, d=_distinct_any(target))
    query = sql.SQL("SELECT _src, count(*) FROM {stg} s WHERE {cond} GROUP BY _src").format(stg=stg, cond=cond)
    return dict(conn.execute(query).fetchall())


def staged_by_source(conn, target: str) -> dict[int, int]:
    return dict(conn.execute(
        sql.SQL("SELECT _src, count(*) FROM {} GROUP BY _src").format(staging_name(target))
    ).fetchall())


def insert_new(conn, target: str, only_new: bool) -> int:
    columns = sql.SQL(", ").join(map(sql.Identifier, TARGET_COLUMNS[target]))
    query = sql.SQL("INSERT INTO {tgt} ({cols}) SELECT {cols} FROM {stg} s").format(
        tgt=target_name(target), cols=columns, stg=staging_name(target))
    if only_new:
        query += sql.SQL(" WHERE NOT EXISTS (SELECT 1 FROM {tgt} t WHERE {match})").format(
            tgt=target_name(target), match=match_condition(target))
    return conn.execute(query).rowcount


def overwrite_differing(conn, target: str) -> int:
    """--on-conflict=legacy: existing rows take the staged values (updated_at is then moved by its trigger)."""
    columns = compared_columns(target)
    query = sql.SQL("UPDATE {tgt} t SET ({cols}) = ROW({vals}) FROM {stg} s WHERE {match} AND ({d})").format(
        tgt=target_name(target),
        cols=sql.SQL(", ").join(map(sql.Identifier, columns)),
        vals=sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(c)) for c in columns),
        stg=staging_name(target), match=match_condition(target), d=_distinct_any(target),
    )
    return conn.execute(query).rowcount
