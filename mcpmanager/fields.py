"""Model fields for PostgreSQL column types Django has no field for.

PostgreSQL enums (Drizzle `pgEnum`) are mapped with `EnumField`, whose
`choices` come from a `TextChoices` holding exactly the enum's labels; the
drift check compares the two. Values are cast to the enum type explicitly in
INSERT and UPDATE so that they work with client- and server-side binding.
"""
from django.contrib.postgres.fields import ArrayField
from django.db import models


class EnumField(models.CharField):
    description = "PostgreSQL enum"

    def __init__(self, *args, enum_name: str, **kwargs):
        self.enum_name = enum_name
        kwargs.setdefault("max_length", None)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["enum_name"] = self.enum_name
        return name, path, args, kwargs

    def db_type(self, connection):
        return connection.ops.quote_name(self.enum_name)

    def cast_db_type(self, connection):
        # Lookups that cast their right-hand side (ArrayField's contains,
        # contained_by, overlap, exact) would otherwise cast to varchar[],
        # and PostgreSQL has no operator between an enum array and varchar[].
        return self.db_type(connection)

    def get_placeholder(self, value, compiler, connection):
        return f"%s::{self.db_type(connection)}"


class EnumArrayField(ArrayField):
    """An array of a PostgreSQL enum, e.g. `api_key_scope[]`."""

    def get_placeholder(self, value, compiler, connection):
        return f"%s::{self.db_type(connection)}"

    def select_format(self, compiler, sql, params):
        # psycopg has no loader for an enum's array type and would hand back
        # the literal '{read,write}'; read it as text[] to get a list.
        sql, params = super().select_format(compiler, sql, params)
        return f"({sql})::text[]", params
