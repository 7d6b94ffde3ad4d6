"""export_legacy: the files of legacy-export.md Part A, byte for byte."""
import hashlib
import json
import re
import stat

import psycopg
import pytest
from django.core.management import CommandError, call_command

from mcpmanager.legacy.exporter import ExportError, encode_float, encode_json_text, export_legacy
from mcpmanager.legacy.generator import RawJSON
from mcpmanager.legacy.tables import EMPTY_SHA256, TABLE_ORDER, TABLES

from .conftest import server_conninfo

DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$")


def read_lines(path):
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n")
    return data.decode("utf-8").splitlines(keepends=True)


def test_manifest_lists_every_table_with_rows_and_digest(export_dir):
    manifest = json.loads((export_dir / "manifest.json").read_text())
    assert set(manifest) == {"format", "version", "exported_at", "source", "tables"}
    assert manifest["format"] == "mcp-legacy-export" and manifest["version"] == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", manifest["exported_at"])
    assert list(manifest["tables"]) == list(TABLE_ORDER)
    assert sorted(p.name for p in export_dir.iterdir()) == sorted(
        ["manifest.json", *(f"{name}.jsonl" for name in TABLE_ORDER)]
    )
    for name, entry in manifest["tables"].items():
        data = (export_dir / f"{name}.jsonl").read_bytes()
        assert set(entry) == {"rows", "sha256"}
        assert entry["rows"] == data.count(b"\n") == 20
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_lines_are_compact_ordered_and_sorted_by_id(export_dir):
    for name in TABLE_ORDER:
        lines = read_lines(export_dir / f"{name}.jsonl")
        ids = []
        for line in lines:
            row = json.loads(line)
            assert list(row) == list(TABLES[name].column_names)
            # compact, literal UTF-8, nothing a re-encoding would change
            assert line == json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"
            ids.append(row["id"].encode())
        assert ids == sorted(ids), name


def test_value_encodings(export_dir):
    seen_non_finite = set()
    for name in TABLE_ORDER:
        table = TABLES[name]
        for line in read_lines(export_dir / f"{name}.jsonl"):
            row = json.loads(line)
            for column in table.columns:
                value = row[column.name]
                if value is None:
                    assert column.nullable or column.exported_as_null, (name, column.name)
                elif column.kind == "datetime":
                    assert DATETIME.match(value), (name, column.name, value)
                elif column.is_enum:
                    assert value in column.enum.values
                elif column.kind == "float":
                    if isinstance(value, str):
                        seen_non_finite.add(value)
                    else:
                        assert isinstance(value, float)
                elif column.kind == "int":
                    assert type(value) is int
                elif column.kind == "json_dict":
                    assert isinstance(value, dict)
                elif column.kind.startswith("json_list"):
                    assert isinstance(value, list)
    assert seen_non_finite == {"NaN", "Infinity", "-Infinity"}


def test_special_datetimes_keep_six_fractional_digits(export_dir):
    text = (export_dir / "tenants.jsonl").read_text()
    assert '"created_at":"2025-03-30T01:00:00.000000"' in text
    assert '"created_at":"2024-12-31T23:59:59.999999"' in text


def test_sessions_credentials_are_exported_as_null(export_dir):
    for line in read_lines(export_dir / "sessions.jsonl"):
        row = json.loads(line)
        assert row["session_token"] is None and row["session_data"] is None


def test_file_and_directory_modes(export_dir, legacy_export):
    out = legacy_export(rows=2)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_empty_table_is_an_empty_file(legacy_export):
    out = legacy_export(rows=3, row_hook=lambda table, row: None if table == "sessions" else row)
    assert (out / "sessions.jsonl").read_bytes() == b""
    entry = json.loads((out / "manifest.json").read_text())["tables"]["sessions"]
    assert entry == {"rows": 0, "sha256": EMPTY_SHA256}


def test_json_documents_are_kept_faithfully(legacy_export):
    raw = '{"a": 1, "a": 2, "n": 1.10, "big": 1e400, "zero": -0, "s": "\\u00e9\\n", "l": [ 1 , {} ]}'
    out = legacy_export(rows=2, extra_rows={"tenants": [{"name": "Dup", "settings": RawJSON(raw)}]})
    line = next(l for l in read_lines(out / "tenants.jsonl") if '"name":"Dup"' in l)
    assert '"settings":{"a":1,"a":2,"n":1.10,"big":1e400,"zero":-0,"s":"é\\n","l":[1,{}]}}' in line


def test_json_encoding_units():
    assert encode_json_text('{"b": 1, "a": [1.5, "ü"]}') == '{"b":1,"a":[1.5,"ü"]}'
    assert encode_json_text("null") == "null"
    assert encode_float(0.1) == "0.1" and encode_float(3.0) == "3.0"
    assert encode_float(float("nan")) == '"NaN"' and encode_float(float("-inf")) == '"-Infinity"'


def test_password_never_reaches_the_manifest(legacy_db, tmp_path):
    conninfo = legacy_db(rows=1) + " password=hunter2-secret"  # trust auth ignores it
    export_legacy(conninfo, tmp_path / "out")
    manifest = (tmp_path / "out" / "manifest.json").read_text()
    assert "hunter2" not in manifest and "legacy_scratch_" in manifest


def test_command_prints_a_line_per_table_and_no_secret(legacy_db, tmp_path, capsys):
    conninfo = legacy_db(rows=3)
    with psycopg.connect(conninfo) as conn:
        secrets = [r[0] for r in conn.execute("SELECT key_hash FROM api_keys UNION ALL SELECT salt FROM enhanced_api_keys")]
        secrets += [r[0] for r in conn.execute("SELECT session_token FROM sessions")]
    call_command("export_legacy", "--from", conninfo, str(tmp_path / "out"))
    out = capsys.readouterr().out
    for name in TABLE_ORDER:
        assert re.search(rf"^{name}: \d+ rows in [\d.]+s \([\d,]+ rows/s\)$", out, re.M), name
    assert "Exported 63 rows from 21 tables" in out
    assert not any(secret in out for secret in secrets)
    exported = b"".join(p.read_bytes() for p in (tmp_path / "out").iterdir())
    assert not any(secret.encode() in exported for secret in secrets[-3:])  # session tokens


def test_non_empty_directory_is_refused(legacy_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_legacy", "--from", legacy_db(rows=1), str(out))
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_existing_empty_directory_is_used_and_locked_down(legacy_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    export_legacy(legacy_db(rows=1), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700 and (out / "manifest.json").exists()


def test_unreachable_source_is_one_clear_line(tmp_path):
    with pytest.raises(CommandError) as excinfo:
        call_command("export_legacy", "--from", "postgres://postgres@127.0.0.1:1/legacy", str(tmp_path / "out"))
    message = str(excinfo.value)
    assert message.startswith("cannot connect to the legacy database")
    assert "\n" not in message
    assert not (tmp_path / "out").exists()


def test_missing_table_fails_and_leaves_nothing_behind(legacy_db, tmp_path):
    conninfo = legacy_db(rows=1)
    with psycopg.connect(conninfo) as conn:
        conn.execute("DROP TABLE performance_alerts")
        conn.execute("ALTER TABLE tenants ADD COLUMN plan text")
    with pytest.raises(ExportError) as excinfo:
        export_legacy(conninfo, tmp_path / "out")
    assert "table performance_alerts is missing" in str(excinfo.value)
    assert "tenants has unknown column(s) plan" in str(excinfo.value)
    assert not (tmp_path / "out").exists()


def test_failure_mid_export_removes_written_files(legacy_db, tmp_path):
    conninfo = legacy_db(rows=2)
    with psycopg.connect(conninfo) as conn:
        conn.execute("UPDATE server_tools SET updated_at = 'infinity'")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError, match="server_tools"):
        export_legacy(conninfo, out)
    assert list(out.iterdir()) == []


def test_unreachable_database_name_in_error_without_password(tmp_path):
    url = server_conninfo("h7_no_such_db") + " password=hunter2-secret"
    with pytest.raises(ExportError) as excinfo:
        export_legacy(url, tmp_path / "out")
    assert "hunter2" not in str(excinfo.value)
