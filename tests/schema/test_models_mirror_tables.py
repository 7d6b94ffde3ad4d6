"""Every unmanaged model mirrors its Drizzle-migrated table: columns, defaults,
types, nullability, ON DELETE rules, constraint names and enum values.

The drift check (mcpmanager/checks) guards columns, types and enums at run
time; these tests also pin what it does not look at: Python defaults against
SQL defaults, ON DELETE rules and constraint names."""
import pytest
from django.apps import apps
from django.db import connection

from audit.choices import ENUM_CHOICES as AUDIT_ENUMS
from registry.choices import ENUM_CHOICES as REGISTRY_ENUMS
from tenancy.choices import ENUM_CHOICES as TENANCY_ENUMS
from tenancy.choices import USER_ROLES
from tests.drizzle.expected_schema import INSERT_ONLY_TABLES as INSERT_ONLY
from tests.schema import introspection

APPS = ("tenancy", "registry", "audit")
MODELS = [m for app in APPS for m in apps.get_app_config(app).get_models()]
ENUM_CHOICES = {**TENANCY_ENUMS, **REGISTRY_ENUMS, **AUDIT_ENUMS}
FIELDS = [(m, f) for m in MODELS for f in m._meta.concrete_fields]
FOREIGN_KEYS = [(m, f) for m, f in FIELDS if f.is_relation]

pytestmark = pytest.mark.django_db


def _ids(value):
    return getattr(value, "__name__", getattr(value, "name", ""))


def test_every_spec_table_has_one_unmanaged_model():
    from tests.drizzle.expected_schema import ID_TYPES

    assert sorted(m._meta.db_table for m in MODELS) == sorted(ID_TYPES)
    assert all(not m._meta.managed for m in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_only_edited_tables_have_updated_at(model):
    has_updated_at = any(f.name == "updated_at" for f in model._meta.concrete_fields)
    assert has_updated_at == (model._meta.db_table not in INSERT_ONLY)


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_model_columns_are_the_table_columns(model):
    with connection.cursor() as cursor:
        table_columns = {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}
    assert {f.column for f in model._meta.concrete_fields} == table_columns


@pytest.mark.parametrize("model,field", FIELDS, ids=_ids)
def test_field_type_and_nullability_match_the_column(model, field):
    type_name, nullable = introspection.column_types(model._meta.db_table)[field.column]
    assert introspection.model_column_type(field) == introspection.database_column_type(type_name)
    assert field.null == nullable


@pytest.mark.parametrize("model,field", FIELDS, ids=_ids)
def test_python_default_mirrors_the_column_default(model, field):
    sql_default = introspection.column_defaults(model._meta.db_table)[field.column]
    assert introspection.python_default_matches(field, sql_default), (field, sql_default)


@pytest.mark.parametrize("model,field", FOREIGN_KEYS, ids=_ids)
def test_foreign_key_on_delete_mirrors_the_database(model, field):
    rules = introspection.fk_delete_rules(model._meta.db_table)
    target = field.related_model._meta.db_table
    assert rules[field.column] == (target, introspection.delete_rule(field))


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_no_database_fk_is_missing_from_the_model(model):
    modelled = {f.column for f in model._meta.concrete_fields if f.is_relation}
    assert set(introspection.fk_delete_rules(model._meta.db_table)) == modelled


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_model_constraints_exist_under_their_names(model):
    names = {c.name for c in model._meta.constraints}
    assert names <= introspection.constraint_names(model._meta.db_table)


@pytest.mark.parametrize("enum_name", sorted(ENUM_CHOICES))
def test_text_choices_hold_exactly_the_enum_values(enum_name):
    assert ENUM_CHOICES[enum_name].values == introspection.enum_labels(enum_name)


def test_user_roles_are_those_of_the_role_check():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'user_role_check'"
        )
        definition = cursor.fetchone()[0]
    for role in USER_ROLES:
        assert role in definition
    alternatives = definition.split("^(", 1)[1].split(")", 1)[0].split("|")
    assert tuple(alternatives) == USER_ROLES
