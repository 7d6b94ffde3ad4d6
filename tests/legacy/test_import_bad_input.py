"""Bad exports: a clear error naming file, line and column, non-zero exit, database unchanged."""
import json
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from tests.legacy.import_exports import line_of, missing_except, row, write_export
from tests.legacy.import_support import clean_import_tables, counts, run_import

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["clean_import_tables"]  # autouse fixture: empty the consolidated tables after each test


def _fails(directory, *extra) -> str:
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        run_import(directory, *extra)
    assert counts() == before, "a failed import must leave the database unchanged"
    return str(excinfo.value)


def _tenant_export(tmp_path, lines, **kw):
    return write_export(tmp_path / "export", {"tenants": lines}, **kw), missing_except("tenants")


def test_malformed_json_line_names_file_and_line(tmp_path):
    good = row("tenants")
    directory, allow = _tenant_export(tmp_path, [good, '{"id": "x", '])
    message = _fails(directory, *allow)
    assert "tenants.jsonl:2" in message and "malformed JSON" in message


def test_line_that_is_not_an_object(tmp_path):
    directory, allow = _tenant_export(tmp_path, ["[1, 2]"])
    assert "tenants.jsonl:1" in _fails(directory, *allow)


def test_wrong_type_names_column(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants", name=42)])
    message = _fails(directory, *allow)
    assert "tenants.jsonl:1: column name: expected a string, got integer" in message


def test_unknown_enum_value(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants", status="ACTIVE")])
    message = _fails(directory, *allow)
    assert "tenants.jsonl:1: column status: unknown TenantStatus value 'ACTIVE'" in message


def test_missing_required_column(tmp_path):
    bad = row("tenants")
    del bad["settings"]
    directory, allow = _tenant_export(tmp_path, [bad])
    assert "tenants.jsonl:1: column settings: missing key" in _fails(directory, *allow)


def test_unknown_column(tmp_path):
    directory, allow = _tenant_export(tmp_path, [{**row("tenants"), "plan": "free"}])
    assert "tenants.jsonl:1: column plan: unknown key" in _fails(directory, *allow)


def test_duplicate_id_within_a_file(tmp_path):
    first = row("tenants")
    directory, allow = _tenant_export(tmp_path, [first, row("tenants", id=first["id"], name="other")])
    message = _fails(directory, *allow)
    assert f"tenants.jsonl: duplicate id {first['id']} on lines 1, 2" in message


def test_null_in_non_nullable_column(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants", name=None)])
    assert "tenants.jsonl:1: column name: null in a non-nullable column" in _fails(directory, *allow)


def test_bad_datetime_form(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants", created_at="2025-01-02T03:04:05Z")])
    assert "column created_at: datetime must be" in _fails(directory, *allow)


def test_string_longer_than_maximum(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants", name="x" * 256)])
    assert "exceeds the maximum length 255" in _fails(directory, *allow)


def test_nul_character_is_a_hard_error(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants", settings={"a": "x\u0000y"})])
    assert "tenants.jsonl:1: column settings: contains \\u0000" in _fails(directory, *allow)


def test_bare_nan_in_json_is_malformed(tmp_path):
    text = line_of(row("tenants")).replace('"settings":{}', '"settings":{"a":NaN}')
    directory, allow = _tenant_export(tmp_path, [text])
    assert "tenants.jsonl:1" in _fails(directory, *allow)


def test_non_canonical_uuid_into_uuid_id(tmp_path):
    bad = row("materialized_views", id="ABC-not-a-uuid")
    directory = write_export(tmp_path / "e", {"materialized_views": [bad]})
    message = _fails(directory, *missing_except("materialized_views"))
    assert "materialized_views.jsonl:1: column id: not a canonical lower-case hyphenated UUID" in message


def test_reserved_legacy_key_in_metadata(tmp_path):
    user = row("users", user_metadata={"_legacy": 1})
    directory = write_export(tmp_path / "e", {"users": [user]})
    message = _fails(directory, *missing_except("users"))
    assert f"users.jsonl:1: column user_metadata:" in message and "_legacy" in message and user["id"] in message


def test_free_text_enum_out_of_set(tmp_path):
    rule = row("routing_rules", load_balancing_strategy="fastest")
    directory = write_export(tmp_path / "e", {"routing_rules": [rule]})
    message = _fails(directory, *missing_except("routing_rules"))
    assert "column load_balancing_strategy: value 'fastest' is not one of" in message


def test_retention_check_violation(tmp_path):
    policy = row("data_retention_policies", retention_days=0)
    directory = write_export(tmp_path / "e", {"data_retention_policies": [policy]})
    message = _fails(directory, *missing_except("data_retention_policies"))
    assert "column retention_days" in message and policy["id"] in message


def test_manifest_checksum_mismatch(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants")])
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["tables"]["tenants"]["sha256"] = "0" * 64
    (directory / "manifest.json").write_text(json.dumps(manifest))
    assert "tenants.jsonl: sha256 mismatch" in _fails(directory, *allow)


def test_row_count_mismatch(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants")])
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["tables"]["tenants"]["rows"] = 2
    (directory / "manifest.json").write_text(json.dumps(manifest))
    assert "tenants.jsonl: row count mismatch (manifest 2, file has 1 lines)" in _fails(directory, *allow)


def test_missing_file(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants")])
    (directory / "tenants.jsonl").unlink()
    assert "tenants.jsonl: missing" in _fails(directory, *allow)


def test_stray_jsonl_file(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants")])
    (directory / "users.jsonl").write_text("")
    assert "users.jsonl: stray file" in _fails(directory, *allow)


def test_table_absent_without_permission(tmp_path):
    directory = write_export(tmp_path / "e", {"tenants": [row("tenants")]})
    assert "table users is not in the export" in _fails(directory)


def test_wrong_format_version(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants")], manifest={"version": 2})
    assert "manifest.json: version is 2" in _fails(directory, *allow)


def test_unknown_table_in_manifest(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants")])
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["tables"]["widgets"] = {"rows": 0, "sha256": manifest["tables"]["tenants"]["sha256"]}
    (directory / "manifest.json").write_text(json.dumps(manifest))
    assert "tables.widgets: unknown legacy table" in _fails(directory, *allow)


def test_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "the export directory is empty" in _fails(tmp_path / "empty")


def test_every_error_is_listed_not_only_the_first(tmp_path):
    directory, allow = _tenant_export(tmp_path, [row("tenants", name=1), row("tenants", status="x")])
    message = _fails(directory, *allow)
    assert "tenants.jsonl:1" in message and "tenants.jsonl:2" in message


def test_command_exits_non_zero(tmp_path, settings):
    """Through manage.py: non-zero exit status and the error on stderr."""
    (tmp_path / "empty").mkdir()
    from tests.legacy.test_import_kill import subprocess_env

    result = subprocess.run(
        [sys.executable, "manage.py", "import_legacy", str(tmp_path / "empty")],
        capture_output=True, text=True, env=subprocess_env(), cwd=settings.BASE_DIR, timeout=120,
    )
    assert result.returncode != 0
    assert "the export directory is empty" in result.stderr
