"""drizzle/scripts/check-sync.mjs (spec section 5, invariant 11) and the
committed migrations' shape."""

import hashlib
import json
import re
import shutil

from .conftest import DRIZZLE_DIR, run_node

MIGRATIONS = DRIZZLE_DIR / "migrations"
COPIED = ["schema", "migrations", "drizzle.config.ts", "package.json"]


def tree_digest(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def copy_drizzle_dir(tmp_path):
    """The drizzle dir without node_modules (check-sync falls back to the real one)."""
    copy = tmp_path / "drizzle"
    copy.mkdir()
    for name in COPIED:
        source = DRIZZLE_DIR / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        else:
            shutil.copy2(source, copy / name)
    return copy


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_committed_schema_and_migrations_agree():
    before = tree_digest(DRIZZLE_DIR / "migrations")
    result = run_node("check-sync.mjs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check-sync: OK" in result.stdout
    assert tree_digest(DRIZZLE_DIR / "migrations") == before


def test_column_added_without_migration_fails_and_names_the_new_file(tmp_path):
    copy = copy_drizzle_dir(tmp_path)
    edit(copy / "schema" / "tenancy.ts", "    billingEmail: text('billing_email'),\n",
         "    billingEmail: text('billing_email'),\n    region: text('region'),\n")
    real_before = tree_digest(MIGRATIONS)

    result = run_node("check-sync.mjs", str(copy))

    assert result.returncode != 0
    assert "check-sync: FAILED" in result.stderr
    assert "the schema has changes without a migration" in result.stderr
    next_number = len(json.loads((MIGRATIONS / "meta" / "_journal.json").read_text())["entries"])
    assert re.search(rf"migrations/{next_number:04d}_\w+\.sql", result.stderr), result.stderr
    assert 'ALTER TABLE "tenant" ADD COLUMN "region" text;' in result.stderr
    # Neither the copy nor the real tree was written.
    assert tree_digest(copy / "migrations") == real_before
    assert tree_digest(MIGRATIONS) == real_before


def test_renamed_column_fails_instead_of_waiting_for_an_answer(tmp_path):
    copy = copy_drizzle_dir(tmp_path)
    edit(copy / "schema" / "tenancy.ts", "text('billing_email')", "text('billing_address')")

    result = run_node("check-sync.mjs", str(copy))

    assert result.returncode != 0
    assert "needs an interactive answer" in result.stderr


def test_snapshot_collision_fails_drizzle_kit_check(tmp_path):
    copy = copy_drizzle_dir(tmp_path)
    meta = copy / "migrations" / "meta"
    last = json.loads((meta / "0002_snapshot.json").read_text())
    last["id"] = "00000000-0000-4000-8000-000000000000"  # a sibling of 0002 with the same parent
    (meta / "0003_snapshot.json").write_text(json.dumps(last))

    result = run_node("check-sync.mjs", str(copy))

    assert result.returncode != 0
    assert "drizzle-kit check" in result.stderr
    assert "collision" in result.stderr


def test_nulls_not_distinct_is_in_the_generated_sql():
    init = (MIGRATIONS / "0000_init.sql").read_text()
    for name, columns in [
        ("mcp_server_tenant_id_name_key", '"tenant_id","name"'),
        ("system_config_tenant_id_key_key", '"tenant_id","key"'),
        ("api_usage_api_token_id_server_id_period_start_key", '"api_token_id","server_id","period_start"'),
    ]:
        assert f'CONSTRAINT "{name}" UNIQUE NULLS NOT DISTINCT({columns})' in init


def test_journal_starts_with_init_then_the_two_custom_migrations():
    journal = json.loads((MIGRATIONS / "meta" / "_journal.json").read_text())
    assert [entry["tag"] for entry in journal["entries"]][:4] == [
        "0000_init",
        "0001_touch_updated_at",
        "0002_append_only_history",
        "0003_admin_search_indexes",
    ]
    assert all(entry["breakpoints"] for entry in journal["entries"])
    assert sorted(p.name for p in MIGRATIONS.glob("*.sql")) == [f"{e['tag']}.sql" for e in journal["entries"]]
