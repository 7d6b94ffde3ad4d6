"""find_drift against a fresh clone of the Drizzle-migrated template, one
mutation at a time; every expected message is built from messages.py."""
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.test.utils import isolate_apps

from mcpmanager.checks import drizzle_models, find_drift
from mcpmanager.checks import messages as m
from mcpmanager.drizzle.migrator import MigrationError, pending_migrations

from .support import add_migration, copy_migrations, expect, field_hint_message, ordered


def drift(conn, migrations_dir=None):
    return find_drift(conn, drizzle_models(), migrations_dir)


def enum_fields(enum_name):
    """(table, column) of every model field whose type, or element type, is `enum_name`."""
    found = []
    for model in drizzle_models():
        for field in model._meta.concrete_fields:
            if getattr(getattr(field, "base_field", field), "enum_name", None) == enum_name:
                found.append((model._meta.db_table, field.column))
    return found


def test_clean_schema_has_no_drift(scratch):
    assert drift(scratch, settings.DRIZZLE_MIGRATIONS_DIR) == []


def test_every_drizzle_table_is_mapped_by_a_model(scratch):
    tables = {row[0] for row in scratch.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {model._meta.db_table for model in drizzle_models()}
    assert len(tables) == 38


# --- tables and columns ------------------------------------------------------------


def test_dropped_table(scratch):
    scratch.execute("DROP TABLE verification")
    assert drift(scratch) == [expect(m.E_MISSING_TABLE, m.MISSING_TABLE, m.MISSING_TABLE_HINT, "verification")]


def test_table_in_another_schema_is_still_missing(scratch):
    # Only schema public counts, whatever the search path finds.
    scratch.execute("CREATE SCHEMA django; ALTER TABLE verification SET SCHEMA django")
    scratch.execute("SET search_path = django, public")
    assert drift(scratch) == [expect(m.E_MISSING_TABLE, m.MISSING_TABLE, m.MISSING_TABLE_HINT, "verification")]


def test_renamed_column(scratch):
    scratch.execute("ALTER TABLE verification RENAME COLUMN identifier TO ident")
    assert ordered(drift(scratch)) == [
        expect(m.E_MISSING_COLUMN, m.MISSING_COLUMN, m.MISSING_COLUMN_HINT, "verification", "identifier"),
        expect(
            m.E_UNMAPPED_REQUIRED_COLUMN,
            m.UNMAPPED_REQUIRED_COLUMN,
            m.UNMAPPED_REQUIRED_COLUMN_HINT,
            "verification",
            "ident",
            db_type="text",
        ),
    ]


def test_dropped_column(scratch):
    scratch.execute("ALTER TABLE verification DROP COLUMN value")
    assert drift(scratch) == [
        expect(m.E_MISSING_COLUMN, m.MISSING_COLUMN, m.MISSING_COLUMN_HINT, "verification", "value")
    ]


def test_extra_not_null_column_without_default(scratch):
    scratch.execute("ALTER TABLE verification ADD COLUMN purpose integer NOT NULL")
    assert drift(scratch) == [
        expect(
            m.E_UNMAPPED_REQUIRED_COLUMN,
            m.UNMAPPED_REQUIRED_COLUMN,
            m.UNMAPPED_REQUIRED_COLUMN_HINT,
            "verification",
            "purpose",
            db_type="integer",
        )
    ]


def test_extra_columns_that_inserts_can_omit_are_fine(scratch):
    scratch.execute(
        "ALTER TABLE verification ADD COLUMN purpose text NOT NULL DEFAULT 'x', "
        "ADD COLUMN note text, ADD COLUMN seq integer GENERATED ALWAYS AS IDENTITY"
    )
    assert drift(scratch) == []


# --- types and lengths ----------------------------------------------------------------


def test_integer_widened_to_bigint(scratch):
    scratch.execute("ALTER TABLE two_factor ALTER COLUMN failed_verification_count TYPE bigint")
    assert drift(scratch) == [
        field_hint_message(
            m.E_TYPE, m.TYPE, "two_factor", "failed_verification_count", db_type="bigint", expected="integer"
        )
    ]


def test_enum_column_turned_into_text(scratch):
    scratch.execute("ALTER TABLE tenant ALTER COLUMN status DROP DEFAULT, ALTER COLUMN status TYPE text")
    assert drift(scratch) == [
        field_hint_message(m.E_TYPE, m.TYPE, "tenant", "status", db_type="text", expected="tenant_status")
    ]


def test_text_array_turned_into_text(scratch):
    scratch.execute(
        "ALTER TABLE api_token ALTER COLUMN allowed_methods DROP DEFAULT, "
        "ALTER COLUMN allowed_methods TYPE text"
    )
    assert drift(scratch) == [
        field_hint_message(m.E_TYPE, m.TYPE, "api_token", "allowed_methods", db_type="text", expected="text[]")
    ]


def test_text_limited_to_varchar(scratch):
    scratch.execute("ALTER TABLE verification ALTER COLUMN identifier TYPE varchar(10)")
    assert drift(scratch) == [
        field_hint_message(
            m.E_MAX_LENGTH,
            m.MAX_LENGTH,
            "verification",
            "identifier",
            db_type="character varying(10)",
            db_limit=m.LIMIT.format(max_length=10),
            expected="text",
            model_limit=m.NO_LIMIT,
        )
    ]


def test_unbounded_varchar_serves_a_text_field(scratch):
    scratch.execute("ALTER TABLE verification ALTER COLUMN identifier TYPE varchar")
    assert drift(scratch) == []


# --- nullability -------------------------------------------------------------------------


def test_not_null_dropped(scratch):
    scratch.execute("ALTER TABLE verification ALTER COLUMN identifier DROP NOT NULL")
    assert drift(scratch) == [
        field_hint_message(m.W_NULL_UNEXPECTED, m.NULL_UNEXPECTED, "verification", "identifier")
    ]


def test_not_null_set(scratch):
    scratch.execute('ALTER TABLE "user" ALTER COLUMN image SET NOT NULL')
    assert drift(scratch) == [field_hint_message(m.E_NULL_REFUSED, m.NULL_REFUSED, "user", "image")]


# --- enums -----------------------------------------------------------------------------


def enum_messages(enum, *, missing=(), extra=()):
    found = []
    for table, column in enum_fields(enum):
        if missing:
            found.append(
                expect(m.E_ENUM_VALUES_MISSING, m.ENUM_VALUES_MISSING, m.ENUM_HINT, table, column,
                       enum=enum, values=m.value_list(missing))
            )
        if extra:
            found.append(
                expect(m.W_ENUM_VALUES_EXTRA, m.ENUM_VALUES_EXTRA, m.ENUM_HINT, table, column,
                       enum=enum, values=m.value_list(extra))
            )
    return ordered(found)


def test_enum_value_added(scratch):
    scratch.execute("ALTER TYPE tenant_status ADD VALUE 'archived'")
    assert enum_fields("tenant_status") == [("tenant", "status")]
    assert ordered(drift(scratch)) == enum_messages("tenant_status", extra=["archived"])


def test_enum_value_renamed(scratch):
    scratch.execute("ALTER TYPE tenant_role RENAME VALUE 'viewer' TO 'guest'")
    expected = enum_messages("tenant_role", missing=["viewer"], extra=["guest"])
    assert len(expected) == 4  # tenant_member.role and tenant_invitation.role
    assert ordered(drift(scratch)) == expected


def test_enum_array_value_renamed(scratch):
    scratch.execute("ALTER TYPE api_key_scope RENAME VALUE 'health' TO 'healthz'")
    assert enum_fields("api_key_scope") == [("api_token", "scopes")]
    assert ordered(drift(scratch)) == enum_messages("api_key_scope", missing=["health"], extra=["healthz"])


# --- foreign keys -------------------------------------------------------------------------


def test_foreign_key_retargeted(scratch):
    scratch.execute(
        "ALTER TABLE session DROP CONSTRAINT session_user_id_fkey, "
        "ADD CONSTRAINT session_user_id_fkey FOREIGN KEY (user_id) REFERENCES tenant (id)"
    )
    assert drift(scratch) == [
        field_hint_message(
            m.E_FOREIGN_KEY_TARGET,
            m.FOREIGN_KEY_TARGET,
            "session",
            "user_id",
            db_target="tenant.id (constraint session_user_id_fkey)",
            expected_target="user.id",
        )
    ]


def test_foreign_key_dropped(scratch):
    scratch.execute("ALTER TABLE session DROP CONSTRAINT session_user_id_fkey")
    assert drift(scratch) == [
        expect(m.W_FOREIGN_KEY_MISSING, m.FOREIGN_KEY_MISSING, m.FOREIGN_KEY_MISSING_HINT, "session", "user_id",
               expected_target="user.id")
    ]


def test_foreign_key_on_a_plain_field_is_fine(scratch):
    scratch.execute('ALTER TABLE session ADD CONSTRAINT session_impersonated_by_fkey '
                    'FOREIGN KEY (impersonated_by) REFERENCES "user" (id)')
    assert drift(scratch) == []


# --- Drizzle migrations ----------------------------------------------------------------------


def test_pending_migration(scratch, tmp_path):
    migrations = copy_migrations(tmp_path)
    add_migration(migrations, "0099_h5_extra", "CREATE TABLE h5_extra (id integer);")
    assert drift(scratch, migrations) == [
        m.build(m.W_PENDING_MIGRATIONS, m.PENDING_MIGRATIONS, m.PENDING_MIGRATIONS_HINT,
                count=1, directory=str(migrations), tags="0099_h5_extra")
    ]


def test_changed_applied_migration(scratch, tmp_path):
    migrations = copy_migrations(tmp_path)
    first = sorted(migrations.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited after it was applied\n")
    with pytest.raises(MigrationError) as raised:
        pending_migrations(scratch, migrations)
    reason = raised.value
    assert drift(scratch, migrations) == [
        m.build(m.E_MIGRATION_LEDGER, m.MIGRATION_LEDGER, m.MIGRATION_LEDGER_HINT,
                directory=str(migrations), reason=reason)
    ]
    assert first.name in str(reason)


def test_unmigrated_database_reports_every_table_and_migration(scratch):
    scratch.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA drizzle CASCADE")
    found = drift(scratch, settings.DRIZZLE_MIGRATIONS_DIR)
    assert [message.id for message in found] == [m.E_MISSING_TABLE] * 38 + [m.W_PENDING_MIGRATIONS]


# --- fields the real models do not use --------------------------------------------------------


@isolate_apps("mcpmanager")
def test_charfield_length_and_unmapped_field_type(scratch):
    class PointField(models.Field):
        def get_internal_type(self):
            return "PointField"

    class Probe(models.Model):
        id = models.TextField(primary_key=True)
        identifier = models.CharField(max_length=20)
        value = PointField()
        expires_at = models.DateTimeField()
        created_at = models.DateTimeField()
        updated_at = models.DateTimeField()

        class Meta:
            app_label = "mcpmanager"
            managed = False
            db_table = "verification"

    scratch.execute("ALTER TABLE verification ALTER COLUMN identifier TYPE varchar(10)")
    names = {"model": "mcpmanager.Probe", "table": "verification"}
    assert find_drift(scratch, [Probe]) == [
        m.build(m.E_MAX_LENGTH, m.MAX_LENGTH, m.FIELD_HINT, Probe, **names, field="identifier",
                column="identifier", db_type="character varying(10)", db_limit=m.LIMIT.format(max_length=10),
                expected="character varying(20)", model_limit=m.LIMIT.format(max_length=20)),
        m.build(m.W_UNMAPPED_FIELD_TYPE, m.UNMAPPED_FIELD_TYPE, m.UNMAPPED_FIELD_TYPE_HINT, Probe, **names,
                field="value", column="value", field_class="PointField", db_type="text"),
    ]


@isolate_apps("mcpmanager")
def test_foreign_key_to_a_django_managed_model_is_not_compared(scratch):
    class Probe(models.Model):
        id = models.TextField(primary_key=True)
        group = models.ForeignKey(Group, on_delete=models.DO_NOTHING, db_column="identifier", null=True)
        value = models.TextField()
        expires_at = models.DateTimeField()
        created_at = models.DateTimeField()
        updated_at = models.DateTimeField()

        class Meta:
            app_label = "mcpmanager"
            managed = False
            db_table = "verification"

    # identifier is text NOT NULL: the type and null=True differ; no FK message.
    assert [message.id for message in find_drift(scratch, [Probe])] == [m.E_TYPE, m.E_NULL_REFUSED]
