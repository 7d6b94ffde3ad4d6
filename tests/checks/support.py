"""Expected drift messages, built from the check's own format constants."""
import json
import shutil
from pathlib import Path

from django.conf import settings

from mcpmanager.checks import messages as m

from .conftest import field_for_column, model_for_table


def expect(check_id, text, hint, table, column=None, *, field_column=None, **values):
    """The message `check_id` about `table` (and `column`) of the real model.

    `field_column` names the column that the model field is found by, when
    the message's column is not the field's own (none for unmapped columns).
    """
    model = model_for_table(table)
    names = {"model": model._meta.label, "table": table, **values}
    if column is not None:
        names["column"] = column
    lookup = field_column or column
    if lookup is not None and "{field}" in text + hint:
        names["field"] = field_for_column(model, lookup).name
    return m.build(check_id, text, hint, model, **names)


def field_hint_message(check_id, text, table, column, **values):
    return expect(check_id, text, m.FIELD_HINT, table, column, **values)


def ordered(messages):
    return sorted(messages, key=lambda message: (message.id, message.msg))


def copy_migrations(tmp_path: Path) -> Path:
    """A writable copy of drizzle/migrations."""
    target = tmp_path / "migrations"
    shutil.copytree(settings.DRIZZLE_MIGRATIONS_DIR, target)
    return target


def add_migration(migrations_dir: Path, tag: str, sql: str) -> None:
    """Append a journal entry (later than every other) and its .sql file."""
    journal_path = migrations_dir / "meta" / "_journal.json"
    journal = json.loads(journal_path.read_text())
    last = journal["entries"][-1]
    journal["entries"].append({**last, "idx": last["idx"] + 1, "when": last["when"] + 1000, "tag": tag})
    journal_path.write_text(json.dumps(journal, indent=2))
    (migrations_dir / f"{tag}.sql").write_text(sql)
