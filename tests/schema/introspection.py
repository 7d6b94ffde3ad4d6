"""Catalog queries the model tests compare against (also used by tests/audit).

They read the live, Drizzle-migrated test database: what the models claim
(enum values, defaults, ON DELETE rules, constraint names) is checked against
what PostgreSQL actually has.
"""
import json
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import JSONField
from django.utils import timezone

_DELETE_RULES = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def enum_labels(enum_name: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
            "JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE n.nspname = 'public' AND t.typname = %s ORDER BY e.enumsortorder",
            [enum_name],
        )
        return [row[0] for row in cursor.fetchall()]


def column_defaults(table: str) -> dict[str, str | None]:
    """Column name -> its SQL default expression (None when it has none)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, column_default FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s",
            [table],
        )
        return dict(cursor.fetchall())


def evaluate(sql_expression: str):
    """The value of a column default expression (catalog text, trusted)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql_expression}")
        return cursor.fetchone()[0]


def fk_delete_rules(table: str) -> dict[str, tuple[str, str]]:
    """FK column -> (referenced table, ON DELETE rule) for single-column FKs."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname, ref.relname, c.confdeltype FROM pg_constraint c "
            "JOIN pg_class src ON src.oid = c.conrelid "
            "JOIN pg_namespace n ON n.oid = src.relnamespace "
            "JOIN pg_class ref ON ref.oid = c.confrelid "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE c.contype = 'f' AND n.nspname = 'public' AND src.relname = %s",
            [table],
        )
        return {col: (ref, _DELETE_RULES[rule]) for col, ref, rule in cursor.fetchall()}


def constraint_names(table: str) -> set[str]:
    """Names of constraints and indexes on a table (a unique index is no constraint)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND t.relname = %s "
            "UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = %s",
            [table, table],
        )
        return {row[0] for row in cursor.fetchall()}


def python_default_matches(field, sql_default: str | None) -> bool:
    """Whether a model field's Python default mirrors the column's SQL default."""
    if sql_default is None:
        return not field.has_default()
    if not field.has_default():
        return False
    if sql_default == "now()":
        return field.default is timezone.now
    if "gen_random_uuid()" in sql_default:
        # uuid.uuid4 for uuid ids; a function returning str(uuid4()) for text ids.
        value = field.get_default()
        return isinstance(value, uuid.UUID) or str(uuid.UUID(value)) == value
    db_value = evaluate(sql_default)
    if isinstance(field, JSONField) and isinstance(db_value, str):
        db_value = json.loads(db_value)  # Django has psycopg load jsonb as text
    elif isinstance(field, ArrayField) and db_value == "{}":
        db_value = []  # psycopg leaves arrays of enums it does not know as text
    return db_value == field.get_default()


def delete_rule(field) -> str:
    """The SQL ON DELETE rule a Django on_delete handler stands for."""
    from django.db import models

    return {
        models.CASCADE: "CASCADE",
        models.SET_NULL: "SET NULL",
        models.RESTRICT: "RESTRICT",
        models.PROTECT: "RESTRICT",
        models.DO_NOTHING: "NO ACTION",
    }[field.remote_field.on_delete]


def column_types(table: str) -> dict[str, tuple[str, bool]]:
    """Column name -> (type as format_type spells it, nullable)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull FROM pg_attribute a "
            "JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            "WHERE n.nspname = 'public' AND t.relname = %s AND a.attnum > 0 AND NOT a.attisdropped",
            [table],
        )
        return {name: (type_name, nullable) for name, type_name, nullable in cursor.fetchall()}


def model_column_type(field) -> str:
    """A field's column type spelled as format_type spells it."""
    return field.db_type(connection).replace('"', "")


def database_column_type(type_name: str) -> str:
    # Precision 6 is timestamptz's default; drizzle-kit may spell it out.
    return type_name.replace("timestamp(6)", "timestamp")
