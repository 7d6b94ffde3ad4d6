"""Compare unmanaged models with the tables Drizzle created.

`find_drift(conn, models)` is the core: a psycopg connection and a model list
in, check messages out. It reads the catalogs once (introspection.py) and
compares each model in memory; `mcpmanager.checks.database` runs it on
Django's connection or on a connection string.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import psycopg
from django.core.checks import CheckMessage
from django.db import models

from mcpmanager.drizzle.migrator import MigrationError, pending_migrations

from . import messages as m
from .introspection import SCHEMA, Catalog, Column, read_catalog
from .pgtypes import LENGTH_DIFFERS, TYPE_DIFFERS, PgType, compare_type, expected_type


def find_drift(
    conn: psycopg.Connection,
    model_list: Iterable[type[models.Model]],
    migrations_dir: str | Path | None = None,
) -> list[CheckMessage]:
    """Every mismatch between `model_list` and schema public on `conn`.

    With `migrations_dir`, also reports Drizzle migrations not applied yet.
    """
    catalog = read_catalog(conn)
    found: list[CheckMessage] = []
    for model in model_list:
        found.extend(model_drift(model, catalog))
    if migrations_dir is not None:
        found.extend(migration_drift(conn, migrations_dir))
    return found


def migration_drift(conn: psycopg.Connection, migrations_dir: str | Path) -> list[CheckMessage]:
    directory = str(migrations_dir)
    try:
        pending = pending_migrations(conn, migrations_dir)
    except MigrationError as exc:
        return [
            m.build(
                m.E_MIGRATION_LEDGER, m.MIGRATION_LEDGER, m.MIGRATION_LEDGER_HINT, directory=directory, reason=exc
            )
        ]
    if not pending:
        return []
    tags = ", ".join(migration.tag for migration in pending)
    return [
        m.build(
            m.W_PENDING_MIGRATIONS,
            m.PENDING_MIGRATIONS,
            m.PENDING_MIGRATIONS_HINT,
            count=len(pending),
            directory=directory,
            tags=tags,
        )
    ]


def model_drift(model: type[models.Model], catalog: Catalog) -> list[CheckMessage]:
    table = model._meta.db_table
    names = {"model": model._meta.label, "table": table}
    columns = catalog.tables.get(table)
    if columns is None:
        return [m.build(m.E_MISSING_TABLE, m.MISSING_TABLE, m.MISSING_TABLE_HINT, model, **names)]
    found: list[CheckMessage] = []
    mapped = set()
    for field in mapped_fields(model):
        mapped.add(field.column)
        column = columns.get(field.column)
        field_names = {**names, "field": field.name, "column": field.column}
        if column is None:
            found.append(
                m.build(m.E_MISSING_COLUMN, m.MISSING_COLUMN, m.MISSING_COLUMN_HINT, model, **field_names)
            )
            continue
        found.extend(field_drift(model, field, column, catalog, field_names))
    for column in columns.values():
        if column.name not in mapped and not column.nullable and not column.has_default:
            found.append(
                m.build(
                    m.E_UNMAPPED_REQUIRED_COLUMN,
                    m.UNMAPPED_REQUIRED_COLUMN,
                    m.UNMAPPED_REQUIRED_COLUMN_HINT,
                    model,
                    **names,
                    column=column.name,
                    db_type=column.display,
                )
            )
    return found


def mapped_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields that map a column of the model's own table, one column each
    (not m2m, not a composite pk, not a multi-table parent's fields)."""
    return [f for f in model._meta.local_concrete_fields if f.column is not None]


def field_drift(model, field, column: Column, catalog: Catalog, names: dict) -> list[CheckMessage]:
    found = []
    expected = expected_type(field)
    if expected is None:
        found.append(
            m.build(
                m.W_UNMAPPED_FIELD_TYPE,
                m.UNMAPPED_FIELD_TYPE,
                m.UNMAPPED_FIELD_TYPE_HINT,
                model,
                **names,
                field_class=type(field).__name__,
                db_type=column.display,
            )
        )
    else:
        found.extend(type_drift(model, field, expected, column, catalog, names))
    found.extend(null_drift(model, field, column, names))
    found.extend(foreign_key_drift(model, field, catalog, names))
    return found


def type_drift(
    model, field, expected: PgType, column: Column, catalog: Catalog, names: dict
) -> list[CheckMessage]:
    outcome = compare_type(expected, column.udt, column.max_length)
    values = {**names, "db_type": column.display, "expected": expected.display}
    if outcome == TYPE_DIFFERS:
        return [m.build(m.E_TYPE, m.TYPE, m.FIELD_HINT, model, **values)]
    if outcome == LENGTH_DIFFERS:
        return [
            m.build(
                m.E_MAX_LENGTH,
                m.MAX_LENGTH,
                m.FIELD_HINT,
                model,
                **values,
                db_limit=_limit(column.max_length),
                model_limit=_limit(expected.max_length),
            )
        ]
    if expected.enum and expected.enum in catalog.enums:
        return enum_drift(model, field, expected.enum, catalog.enums[expected.enum], names)
    return []


def _limit(max_length: int | None) -> str:
    return m.LIMIT.format(max_length=max_length) if max_length else m.NO_LIMIT


def enum_drift(model, field, enum: str, labels: frozenset[str], names: dict) -> list[CheckMessage]:
    choices_field = getattr(field, "base_field", field)  # EnumArrayField's element
    choices = {str(value) for value, _ in choices_field.flatchoices}
    found = []
    values = {**names, "enum": enum}
    if missing := choices - labels:
        found.append(
            m.build(
                m.E_ENUM_VALUES_MISSING, m.ENUM_VALUES_MISSING, m.ENUM_HINT, model, **values,
                values=m.value_list(missing),
            )
        )
    if extra := labels - choices:
        found.append(
            m.build(
                m.W_ENUM_VALUES_EXTRA, m.ENUM_VALUES_EXTRA, m.ENUM_HINT, model, **values,
                values=m.value_list(extra),
            )
        )
    return found


def null_drift(model, field: models.Field, column: Column, names: dict) -> list[CheckMessage]:
    if field.null and not column.nullable:
        return [m.build(m.E_NULL_REFUSED, m.NULL_REFUSED, m.FIELD_HINT, model, **names)]
    if column.nullable and not field.null:
        return [m.build(m.W_NULL_UNEXPECTED, m.NULL_UNEXPECTED, m.FIELD_HINT, model, **names)]
    return []


def foreign_key_drift(model, field: models.Field, catalog: Catalog, names: dict) -> list[CheckMessage]:
    """A model FK to a Drizzle table must match a DB FK constraint on its column.

    A DB FK on a column the model maps as a plain field is fine; so is a
    missing constraint where the model says db_constraint=False. FKs to
    Django-managed models (schema "django") are not Drizzle's business.
    """
    if not isinstance(field, models.ForeignKey) or field.related_model._meta.managed:
        return []
    target = (SCHEMA, field.related_model._meta.db_table, field.target_field.column)
    expected_target = f"{target[1]}.{target[2]}"
    refs = catalog.foreign_keys.get((names["table"], names["column"]), [])
    if any((ref.schema, ref.table, ref.column) == target for ref in refs):
        return []
    if refs:
        db_target = ", ".join(str(ref) for ref in refs)
        return [
            m.build(
                m.E_FOREIGN_KEY_TARGET,
                m.FOREIGN_KEY_TARGET,
                m.FIELD_HINT,
                model,
                **names,
                db_target=db_target,
                expected_target=expected_target,
            )
        ]
    if not field.db_constraint:
        return []
    return [
        m.build(
            m.W_FOREIGN_KEY_MISSING,
            m.FOREIGN_KEY_MISSING,
            m.FOREIGN_KEY_MISSING_HINT,
            model,
            **names,
            expected_target=expected_target,
        )
    ]
