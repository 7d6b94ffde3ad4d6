"""Ids, texts and hints of the schema drift check's messages.

Tests build the messages they expect from these constants instead of
retyping them. Placeholders: model = app label + model name
("tenancy.Tenant"), field = the model field's name, table/column = the
database names.

Levels: an Error is a mismatch that breaks reads or writes through the
admin (Errors stop `manage.py check`, `migrate` and `runserver`); a Warning is
one the admin survives, such as an enum value it does not know yet.
"""

from django.core import checks

# --- the database -------------------------------------------------------------
W_UNREACHABLE = "mcpmanager.W001"
UNREACHABLE = "cannot reach the database at {target}: {reason}; the schema drift check was skipped."
UNREACHABLE_HINT = (
    "Check DATABASE_URL and that PostgreSQL is running, then run `python manage.py check` again."
)

W_PENDING_MIGRATIONS = "mcpmanager.W002"
PENDING_MIGRATIONS = "{count} Drizzle migration(s) from {directory} not applied to the database: {tags}."
PENDING_MIGRATIONS_HINT = "Run `python manage.py drizzle_migrate`."

E_MIGRATION_LEDGER = "mcpmanager.E001"
MIGRATION_LEDGER = (
    "the Drizzle migrations in {directory} cannot be checked against the database's ledger: {reason}"
)
MIGRATION_LEDGER_HINT = (
    "Restore the migration files to what was applied (never edit an applied migration; "
    "generate a new one with drizzle-kit), then run `python manage.py drizzle_migrate`."
)

# --- tables and columns ---------------------------------------------------------
E_MISSING_TABLE = "mcpmanager.E002"
MISSING_TABLE = "{model} maps table {table}, which does not exist in schema public."
MISSING_TABLE_HINT = "Run `python manage.py drizzle_migrate`, or correct {model}'s Meta.db_table."

E_MISSING_COLUMN = "mcpmanager.E003"
MISSING_COLUMN = "{model}.{field} maps column {table}.{column}, which does not exist in the database."
MISSING_COLUMN_HINT = (
    "Run `python manage.py drizzle_migrate`, or set {model}.{field}'s db_column to the "
    "column's name in drizzle/schema."
)

E_UNMAPPED_REQUIRED_COLUMN = "mcpmanager.E004"
UNMAPPED_REQUIRED_COLUMN = (
    "column {table}.{column} ({db_type}) is NOT NULL without a default and {model} has no "
    "field for it: inserts through {model} would fail."
)
UNMAPPED_REQUIRED_COLUMN_HINT = (
    "Add a field for {table}.{column} to {model}, or give the column a default in drizzle/schema."
)

# --- one column against one field -------------------------------------------------
FIELD_HINT = (
    "Change {model}.{field} to match drizzle/schema, or change the Drizzle schema, "
    "generate a migration with drizzle-kit and run `python manage.py drizzle_migrate`."
)

E_TYPE = "mcpmanager.E005"
TYPE = "{model}.{field}: column {table}.{column} is {db_type} in the database, the model expects {expected}."

E_MAX_LENGTH = "mcpmanager.E006"
MAX_LENGTH = (
    "{model}.{field}: column {table}.{column} is {db_type} ({db_limit}) in the database, "
    "the model expects {expected} ({model_limit})."
)
NO_LIMIT = "no length limit"
LIMIT = "at most {max_length} characters"

E_NULL_REFUSED = "mcpmanager.E007"
NULL_REFUSED = (
    "{model}.{field}: column {table}.{column} is NOT NULL in the database, the model "
    "expects a nullable column (null=True): saving an empty value would fail."
)

W_NULL_UNEXPECTED = "mcpmanager.W003"
NULL_UNEXPECTED = (
    "{model}.{field}: column {table}.{column} is nullable in the database, the model "
    "expects NOT NULL (null=False): rows holding NULL fail form validation."
)

E_ENUM_VALUES_MISSING = "mcpmanager.E008"
ENUM_VALUES_MISSING = (
    "{model}.{field}: enum {enum} of column {table}.{column} lacks {values}, which the "
    "model's choices offer: saving them would fail."
)

W_ENUM_VALUES_EXTRA = "mcpmanager.W004"
ENUM_VALUES_EXTRA = (
    "{model}.{field}: enum {enum} of column {table}.{column} has {values}, which the "
    "model's choices lack."
)
ENUM_HINT = "Make {model}.{field}'s choices exactly the values of enum {enum} (drizzle/schema/enums.ts)."

E_FOREIGN_KEY_TARGET = "mcpmanager.E009"
FOREIGN_KEY_TARGET = (
    "{model}.{field}: column {table}.{column} references {db_target} in the database, "
    "the model expects {expected_target}."
)

W_FOREIGN_KEY_MISSING = "mcpmanager.W005"
FOREIGN_KEY_MISSING = (
    "{model}.{field}: column {table}.{column} has no foreign key constraint in the "
    "database, the model expects one referencing {expected_target}."
)
FOREIGN_KEY_MISSING_HINT = (
    "Set db_constraint=False on {model}.{field} if the column is a plain reference "
    "(history tables), or add the foreign key in drizzle/schema."
)

W_UNMAPPED_FIELD_TYPE = "mcpmanager.W006"
UNMAPPED_FIELD_TYPE = (
    "{model}.{field} is a {field_class}, which the schema drift check cannot map to a "
    "PostgreSQL type; the type of column {table}.{column} ({db_type}) was not checked."
)
UNMAPPED_FIELD_TYPE_HINT = "Add {field_class} to mcpmanager/checks/pgtypes.py."

_LEVELS = {"E": checks.Error, "W": checks.Warning}


def build(check_id: str, text: str, hint: str, obj=None, **values) -> checks.CheckMessage:
    """The check message `check_id` with `text` and `hint` filled from `values`."""
    level = _LEVELS[check_id.split(".")[1][0]]
    return level(text.format(**values), hint=hint.format(**values), obj=obj, id=check_id)


def value_list(values) -> str:
    """Enum values as a message shows them: 'a', 'b' (sorted)."""
    return ", ".join(repr(v) for v in sorted(values))
