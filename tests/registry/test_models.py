"""Round trips through the database for every registry model.

Each model is written through its factory and read back from PostgreSQL:
enums (every value), JSON, arrays, defaults, the updated_at trigger, __str__.
"""
from datetime import timedelta

import pytest
from django.contrib.postgres.fields import ArrayField
from django.db import DataError, connection, models, transaction
from django.utils import timezone

from mcpmanager.fields import EnumField
from tests.factories.registry import REGISTRY_FACTORIES

pytestmark = pytest.mark.django_db

FACTORY_IDS = [f._meta.model.__name__ for f in REGISTRY_FACTORIES]


def fields_of(factory, kind):
    return [f for f in factory._meta.model._meta.concrete_fields if isinstance(f, kind)]


def field_cases(kind):
    """(factory, field) for every field of the given kind on every model."""
    return [
        pytest.param(factory, field, id=f"{factory._meta.model.__name__}.{field.name}")
        for factory in REGISTRY_FACTORIES
        for field in fields_of(factory, kind)
    ]


def reread(obj):
    return type(obj).objects.get(pk=obj.pk)


@pytest.mark.parametrize("factory", REGISTRY_FACTORIES, ids=FACTORY_IDS)
def test_factory_row_reads_back_field_for_field(factory):
    obj = factory()
    again = reread(obj)
    for field in type(obj)._meta.concrete_fields:
        assert getattr(again, field.attname) == getattr(obj, field.attname), field.name


@pytest.mark.parametrize("factory", REGISTRY_FACTORIES, ids=FACTORY_IDS)
def test_model_is_unmanaged_and_named_after_its_table(factory):
    meta = factory._meta.model._meta
    assert meta.managed is False
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f"public.{meta.db_table}"])
        assert cursor.fetchone()[0], meta.db_table


ENUM_VALUE_CASES = [
    pytest.param(factory, field.name, value, id=f"{factory._meta.model.__name__}.{field.name}={value}")
    for factory in REGISTRY_FACTORIES
    for field in fields_of(factory, EnumField)
    for value, _label in field.choices
]


@pytest.mark.parametrize(("factory", "field_name", "value"), ENUM_VALUE_CASES)
def test_every_enum_value_is_stored_and_read_back(factory, field_name, value):
    obj = factory(**{field_name: value})
    model = type(obj)
    assert getattr(reread(obj), field_name) == value
    assert model.objects.filter(pk=obj.pk, **{field_name: value}).exists()


@pytest.mark.parametrize(
    "factory", [f for f in REGISTRY_FACTORIES if fields_of(f, EnumField)], ids=lambda f: f._meta.model.__name__
)
def test_an_unknown_enum_value_is_refused_by_the_database(factory):
    field = fields_of(factory, EnumField)[0]
    obj = factory()
    with pytest.raises(DataError), transaction.atomic():
        type(obj).objects.filter(pk=obj.pk).update(**{field.name: "NOT_A_VALUE"})


NESTED_OBJECT = {
    "nested": {"deeper": {"list": [1, 2.5, None, True, False, "x"]}},
    "unicode": "Grüße ✓ 日本語 🚀",
    "empty": {},
    "lists": [[], {}, [["a"]]],
    "big": 2**53,
}
NESTED_LIST = [{"name": "city", "description": "Zürich 🏔", "required": True}, [1, [2, [3]]], "ü", None]


@pytest.mark.parametrize(("factory", "field"), field_cases(models.JSONField))
def test_json_round_trips_nested_and_unicode(factory, field):
    value = NESTED_LIST if isinstance(field.get_default(), list) else NESTED_OBJECT
    obj = factory(**{field.name: value})
    assert getattr(reread(obj), field.name) == value


@pytest.mark.parametrize(("factory", "field"), field_cases(ArrayField))
def test_arrays_keep_order_and_duplicates(factory, field):
    if isinstance(field.base_field, models.IntegerField):
        value = [6, 0, 6, 3, 0]
    else:
        value = ["b", "a", "b", "with,comma", 'quo"te', "ünï", ""]
    obj = factory(**{field.name: value})
    assert getattr(reread(obj), field.name) == value
    assert type(obj).objects.filter(pk=obj.pk, **{f"{field.name}__contains": value[:2]}).exists()


def copy_required_columns_only(model, pk):
    """Re-insert a row giving only the columns without a Python default.

    The database fills the rest from its own defaults; returns the new pk.
    """
    table = model._meta.db_table
    pk_column = model._meta.pk.column
    required = [f.column for f in model._meta.concrete_fields if not f.has_default() and not f.null]
    cols = ", ".join(connection.ops.quote_name(c) for c in required)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE defaults_probe AS SELECT {cols} FROM {table} WHERE {pk_column} = %s", [pk])
        cursor.execute(f"DELETE FROM {table} WHERE {pk_column} = %s", [pk])
        cursor.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM defaults_probe RETURNING {pk_column}")
        new_pk = cursor.fetchone()[0]
        cursor.execute("DROP TABLE defaults_probe")
    return new_pk


@pytest.mark.parametrize("factory", REGISTRY_FACTORIES, ids=FACTORY_IDS)
def test_python_defaults_mirror_the_database_defaults(factory):
    model = factory._meta.model
    new_pk = copy_required_columns_only(model, factory().pk)
    row = model.objects.get(pk=new_pk)
    for field in model._meta.concrete_fields:
        if not field.has_default() or field.primary_key:
            continue
        if field.default is timezone.now:
            assert getattr(row, field.attname) is not None, field.name
        else:
            assert getattr(row, field.attname) == field.get_default(), field.name


UPDATED_AT_FACTORIES = [
    f for f in REGISTRY_FACTORIES if any(x.name == "updated_at" for x in f._meta.model._meta.fields)
]
INSERT_ONLY = {"McpServerHealthCheck", "ServerMetric"}


def test_only_the_insert_only_time_series_lack_updated_at():
    without = {f._meta.model.__name__ for f in REGISTRY_FACTORIES} - {
        f._meta.model.__name__ for f in UPDATED_AT_FACTORIES
    }
    assert without == INSERT_ONLY


@pytest.mark.parametrize("factory", UPDATED_AT_FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_updated_at_advances_on_every_save(factory):
    obj = factory()
    model = type(obj)
    first = reread(obj).updated_at
    obj.save()  # sends the unchanged updated_at; the trigger must still move it
    obj.refresh_from_db()
    assert obj.updated_at > first
    second = obj.updated_at
    model.objects.filter(pk=obj.pk).update(updated_at=second - timedelta(days=1))
    assert reread(obj).updated_at > second


@pytest.mark.parametrize("factory", REGISTRY_FACTORIES, ids=FACTORY_IDS)
def test_str_is_readable_text(factory):
    text = str(factory())
    assert isinstance(text, str) and text.strip()
    assert " object (" not in text  # not Django's fallback
