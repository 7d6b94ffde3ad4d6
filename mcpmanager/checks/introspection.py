"""What schema "public" holds, read from the catalogs in three queries.

The drift check compares every model against one `Catalog` snapshot instead
of querying per model or per column. Schema "public" is named explicitly:
a Django connection's search path starts with Django's own schema, which may
hold tables of the same names.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

SCHEMA = "public"


@dataclass(frozen=True)
class Column:
    name: str
    udt: str  # pg_type.typname: int4, _text, tenant_status, ...
    display: str  # format_type(): integer, text[], character varying(10), ...
    max_length: int | None  # varchar(n) and varchar(n)[] only
    nullable: bool
    has_default: bool  # a DEFAULT, an identity or a generated column


@dataclass(frozen=True)
class ForeignKeyRef:
    schema: str
    table: str
    column: str
    constraint: str

    def __str__(self) -> str:
        qualifier = "" if self.schema == SCHEMA else f"{self.schema}."
        return f"{qualifier}{self.table}.{self.column} (constraint {self.constraint})"


@dataclass
class Catalog:
    tables: dict[str, dict[str, Column]] = field(default_factory=dict)
    enums: dict[str, frozenset[str]] = field(default_factory=dict)
    # (table, column) -> every FK constraint that column takes part in
    foreign_keys: dict[tuple[str, str], list[ForeignKeyRef]] = field(default_factory=dict)


# Tables, views and foreign tables with their columns; a table without
# columns still appears (with NULL column fields) so that it is not "missing".
COLUMNS_SQL = """
SELECT c.relname,
       a.attname,
       t.typname,
       format_type(a.atttypid, a.atttypmod),
       CASE WHEN t.typname IN ('varchar', '_varchar') AND a.atttypmod > 0
            THEN a.atttypmod - 4 END,
       NOT a.attnotnull,
       a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_type t ON t.oid = a.atttypid
WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
"""

ENUMS_SQL = """
SELECT t.typname, array_agg(e.enumlabel::text)
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = %s
GROUP BY t.typname
"""

# One row per (column, referenced column) pair of every FK constraint whose
# table is in the schema; the referenced table may live anywhere.
FOREIGN_KEYS_SQL = """
SELECT c.relname, a.attname, fn.nspname, fc.relname, fa.attname, con.conname
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class fc ON fc.oid = con.confrelid
JOIN pg_namespace fn ON fn.oid = fc.relnamespace
CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(attnum, fattnum)
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum
WHERE con.contype = 'f' AND n.nspname = %s
ORDER BY con.conname
"""


def read_catalog(conn: psycopg.Connection, schema: str = SCHEMA) -> Catalog:
    catalog = Catalog()
    with conn.cursor() as cursor:
        cursor.execute(COLUMNS_SQL, (schema,))
        for table, name, udt, display, max_length, nullable, has_default in cursor.fetchall():
            columns = catalog.tables.setdefault(table, {})
            if name is not None:
                columns[name] = Column(name, udt, display, max_length, nullable, has_default)
        cursor.execute(ENUMS_SQL, (schema,))
        catalog.enums = {name: frozenset(labels) for name, labels in cursor.fetchall()}
        cursor.execute(FOREIGN_KEYS_SQL, (schema,))
        for table, column, ref_schema, ref_table, ref_column, constraint in cursor.fetchall():
            catalog.foreign_keys.setdefault((table, column), []).append(
                ForeignKeyRef(ref_schema, ref_table, ref_column, constraint)
            )
    return catalog
