"""The field -> PostgreSQL type map, field by field."""
import pytest
from django.contrib.postgres.fields import ArrayField
from django.db import models

from mcpmanager.checks.pgtypes import (
    LENGTH_DIFFERS,
    TYPE_DIFFERS,
    TYPE_OK,
    PgType,
    compare_type,
    expected_type,
)
from mcpmanager.fields import EnumArrayField, EnumField

from .conftest import field_for_column, model_for_table


@pytest.mark.parametrize(
    "field, expected",
    [
        (models.TextField(), PgType("text", "text")),
        (models.CharField(max_length=10), PgType("varchar", "character varying(10)", 10)),
        (models.EmailField(), PgType("varchar", "character varying(254)", 254)),
        (models.UUIDField(), PgType("uuid", "uuid")),
        (models.BooleanField(), PgType("bool", "boolean")),
        (models.IntegerField(), PgType("int4", "integer")),
        (models.BigIntegerField(), PgType("int8", "bigint")),
        (models.BigAutoField(primary_key=True), PgType("int8", "bigint")),
        (models.FloatField(), PgType("float8", "double precision")),
        (models.DateTimeField(), PgType("timestamptz", "timestamp with time zone")),
        (models.DateField(), PgType("date", "date")),
        (models.JSONField(), PgType("jsonb", "jsonb")),
        (ArrayField(models.TextField()), PgType("_text", "text[]")),
        (ArrayField(models.IntegerField()), PgType("_int4", "integer[]")),
        (EnumField(enum_name="tenant_status"), PgType("tenant_status", "tenant_status", enum="tenant_status")),
        (
            EnumArrayField(EnumField(enum_name="api_key_scope")),
            PgType("_api_key_scope", "api_key_scope[]", enum="api_key_scope"),
        ),
    ],
)
def test_expected_type(field, expected):
    assert expected_type(field) == expected


def test_foreign_key_expects_its_target_fields_type():
    session = model_for_table("session")
    assert expected_type(field_for_column(session, "user_id")) == PgType("text", "text")
    token = model_for_table("api_token")
    assert expected_type(field_for_column(token, "tenant_id")) == PgType("text", "text")


def test_unmapped_field_type():
    class PointField(models.Field):
        def get_internal_type(self):
            return "PointField"

    assert expected_type(PointField()) is None
    assert expected_type(ArrayField(PointField())) is None


@pytest.mark.parametrize(
    "expected, udt, max_length, outcome",
    [
        (PgType("text", "text"), "text", None, TYPE_OK),
        (PgType("text", "text"), "varchar", None, TYPE_OK),
        (PgType("text", "text"), "varchar", 10, LENGTH_DIFFERS),
        (PgType("varchar", "character varying(10)", 10), "text", None, LENGTH_DIFFERS),
        (PgType("varchar", "character varying(10)", 10), "varchar", 20, LENGTH_DIFFERS),
        (PgType("varchar", "character varying(10)", 10), "varchar", 10, TYPE_OK),
        (PgType("_text", "text[]"), "text", None, TYPE_DIFFERS),
        (PgType("_text", "text[]"), "_varchar", 5, LENGTH_DIFFERS),
        (PgType("int4", "integer"), "int8", None, TYPE_DIFFERS),
        (PgType("tenant_status", "tenant_status"), "text", None, TYPE_DIFFERS),
    ],
)
def test_compare_type(expected, udt, max_length, outcome):
    assert compare_type(expected, udt, max_length) == outcome
