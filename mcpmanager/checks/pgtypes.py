"""The PostgreSQL type a model field expects its column to have.

The one place that maps Django fields to PostgreSQL types for the drift
check. Types are compared by `pg_type.typname` (the "udt name": `int4`,
`_text`, `tenant_status`), which does not depend on the search path or on a
timestamp's precision; `display` is the `format_type()` spelling used in
messages.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db import models

from mcpmanager.fields import EnumField


@dataclass(frozen=True)
class PgType:
    udt: str  # pg_type.typname; arrays are "_" + the element's typname
    display: str  # as format_type() prints it
    max_length: int | None = None  # varchar(n) only; None = no limit
    enum: str | None = None  # enum type name, for scalars and arrays of enums

    @property
    def is_string(self) -> bool:
        return self.udt.lstrip("_") in STRING_UDTS


# Django's get_internal_type() -> (typname, format_type spelling).
# CharField is handled apart because of its length.
INTERNAL_TYPES: dict[str, tuple[str, str]] = {
    "TextField": ("text", "text"),
    "UUIDField": ("uuid", "uuid"),
    "BooleanField": ("bool", "boolean"),
    "SmallIntegerField": ("int2", "smallint"),
    "PositiveSmallIntegerField": ("int2", "smallint"),
    "SmallAutoField": ("int2", "smallint"),
    "IntegerField": ("int4", "integer"),
    "PositiveIntegerField": ("int4", "integer"),
    "AutoField": ("int4", "integer"),
    "BigIntegerField": ("int8", "bigint"),
    "PositiveBigIntegerField": ("int8", "bigint"),
    "BigAutoField": ("int8", "bigint"),
    "FloatField": ("float8", "double precision"),
    "DecimalField": ("numeric", "numeric"),
    "DateTimeField": ("timestamptz", "timestamp with time zone"),
    "DateField": ("date", "date"),
    "TimeField": ("time", "time without time zone"),
    "DurationField": ("interval", "interval"),
    "JSONField": ("jsonb", "jsonb"),
    "BinaryField": ("bytea", "bytea"),
    "GenericIPAddressField": ("inet", "inet"),
}

# text and varchar differ only in the length limit: a mismatch between them
# is reported as a max_length mismatch, not as a type mismatch.
STRING_UDTS = frozenset({"text", "varchar"})


def expected_type(field: models.Field) -> PgType | None:
    """The column type `field` needs, or None for a field type not mapped here."""
    if isinstance(field, EnumField):
        return PgType(field.enum_name, field.enum_name, enum=field.enum_name)
    if isinstance(field, ArrayField):
        base = expected_type(field.base_field)
        if base is None:
            return None
        return PgType("_" + base.udt, base.display + "[]", base.max_length, base.enum)
    if isinstance(field, models.ForeignKey):  # and OneToOneField
        return expected_type(field.target_field)
    internal = field.get_internal_type()
    if internal in ("CharField", "SlugField", "FileField", "FilePathField", "ImageField"):
        length = field.max_length
        display = f"character varying({length})" if length else "character varying"
        return PgType("varchar", display, length)
    mapped = INTERNAL_TYPES.get(internal)
    return PgType(*mapped) if mapped else None


TYPE_OK, TYPE_DIFFERS, LENGTH_DIFFERS = "ok", "type", "length"


def compare_type(expected: PgType, udt: str, max_length: int | None) -> str:
    """TYPE_OK, TYPE_DIFFERS or LENGTH_DIFFERS for a column of type `udt`.

    text and varchar (scalars or both arrays) differ only in their limit;
    unbounded varchar and text are interchangeable.
    """
    if expected.is_string and udt.lstrip("_") in STRING_UDTS:
        if expected.udt.startswith("_") != udt.startswith("_"):
            return TYPE_DIFFERS
        return TYPE_OK if expected.max_length == max_length else LENGTH_DIFFERS
    return TYPE_OK if expected.udt == udt else TYPE_DIFFERS
