"""Every TextChoices in registry.choices holds exactly its PostgreSQL enum's values."""
import pytest
from django.apps import apps
from django.db import connection

from mcpmanager.fields import EnumField
from registry import choices

pytestmark = pytest.mark.django_db


def pg_enum_values(enum_name):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT e.enumlabel
            FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
            JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' AND t.typname = %s
            ORDER BY e.enumsortorder
            """,
            [enum_name],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize(("enum_name", "text_choices"), sorted(choices.ENUM_CHOICES.items()))
def test_text_choices_equal_the_database_enum(enum_name, text_choices):
    assert text_choices.values == pg_enum_values(enum_name)


def test_every_enum_class_in_the_module_is_listed():
    classes = {
        obj for obj in vars(choices).values() if isinstance(obj, type) and issubclass(obj, choices.models.TextChoices)
    }
    classes.discard(choices.models.TextChoices)
    assert classes == set(choices.ENUM_CHOICES.values())


def test_an_unknown_enum_name_has_no_values():
    # Guards the helper above: a typo must not pass as an empty enum.
    assert pg_enum_values("no_such_enum") == []


def registry_enum_fields():
    for model in apps.get_app_config("registry").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EnumField):
                yield pytest.param(model, field, id=f"{model.__name__}.{field.name}")


@pytest.mark.parametrize(("model", "field"), list(registry_enum_fields()))
def test_enum_fields_use_the_choices_of_their_enum(model, field):
    assert field.enum_name in choices.ENUM_CHOICES
    assert field.choices == choices.ENUM_CHOICES[field.enum_name].choices
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT udt_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name = %s AND column_name = %s",
            [model._meta.db_table, field.column],
        )
        assert cursor.fetchone() == (field.enum_name,)


def test_comparison_operator_labels_are_readable():
    assert choices.ComparisonOperator(">=").label == "greater than or equal (>=)"
    assert all(label != value for value, label in choices.ComparisonOperator.choices)
