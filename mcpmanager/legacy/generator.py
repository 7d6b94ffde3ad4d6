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

Layout: this module writes (generate, COPY, hooks, RawJSON); generator_plan
holds the ids and random helpers, generator_rows_* one row builder per legacy
table by domain, generator_values the value pools. Their public names are
re-exported here.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import psycopg

from mcpmanager.legacy.tables import TABLE_ORDER, TABLES, legacy_index_ddl, legacy_table_ddl, quote_ident

from .generator_plan import LOG_TABLES, PlanBase  # noqa: F401 (re-exported)
from .generator_rows_history import HistoryRows
from .generator_rows_ops import OpsRows
from .generator_rows_people import PeopleRows
from .generator_rows_registry import RegistryRows
from .generator_values import (  # noqa: F401 (re-exported)
    BASE_TIME, FASTMCP_SUBS, PROVIDER_CASES, RETENTION_TARGETS, SCOPE_VALUES, SPECIAL_FLOATS, SPECIAL_TIMES,
    TENANT_NAMES, WORDS, YEAR_SECONDS, json_variant,
)


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


class _Plan(PeopleRows, RegistryRows, HistoryRows, OpsRows):
    """Ids for every table drawn up front (so any table can reference any other),
    then rows produced lazily, table by table, in constant memory."""
