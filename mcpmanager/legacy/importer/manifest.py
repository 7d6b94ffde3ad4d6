"""Verification of an export directory before the database is touched (A.1, A.2, A.7)."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from mcpmanager.legacy.tables import FORMAT_NAME, FORMAT_VERSION, TABLE_ORDER

from .errors import ImportFailed

_TOP_KEYS = {"format", "version", "exported_at", "source", "tables"}
_ENTRY_KEYS = {"rows", "sha256"}
_SHA_RE = re.compile(r"[0-9a-f]{64}")
_EXPORTED_AT_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")
_CHUNK = 1 << 20


@dataclass
class TableFile:
    table: str
    path: Path
    rows: int
    sha256: str


@dataclass
class Manifest:
    directory: Path
    exported_at: str
    source: str
    files: dict[str, TableFile] = field(default_factory=dict)  # exported tables, in TABLE_ORDER
    not_exported: list[str] = field(default_factory=list)  # absent and allowed


def verify_export(directory: Path, allow_missing: frozenset[str] = frozenset()) -> Manifest:
    """Check the manifest and every file (presence, line count, sha256); raise ImportFailed naming the file."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportFailed([f"{directory}: not a directory"])
    entries = sorted(p.name for p in directory.iterdir())
    if not entries:
        raise ImportFailed([f"{directory}: the export directory is empty (expected manifest.json and <table>.jsonl files)"])
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        raise ImportFailed([f"{manifest_path}: missing (every export has a manifest.json)"])
    data = _read_manifest(manifest_path)
    errors: list[str] = []
    unknown_allowed = sorted(set(allow_missing) - set(TABLE_ORDER))
    if unknown_allowed:
        errors.append(f"--allow-missing names unknown legacy table(s): {', '.join(unknown_allowed)}")

    tables = data["tables"]
    for name in sorted(set(tables) - set(TABLE_ORDER)):
        errors.append(f"{manifest_path}: tables.{name}: unknown legacy table")
    manifest = Manifest(directory, data["exported_at"], data["source"])
    for name in TABLE_ORDER:
        if name not in tables:
            if name in allow_missing:
                manifest.not_exported.append(name)
            else:
                errors.append(
                    f"{manifest_path}: table {name} is not in the export "
                    f"(pass --allow-missing={name} to import without it)"
                )
            continue
        entry = tables[name]
        problem = _entry_problem(entry)
        if problem:
            errors.append(f"{manifest_path}: tables.{name}: {problem}")
            continue
        manifest.files[name] = TableFile(name, directory / f"{name}.jsonl", entry["rows"], entry["sha256"])

    for entry_name in entries:
        path = directory / entry_name
        if entry_name == "manifest.json":
            continue
        if not path.is_file() or path.is_symlink():
            errors.append(f"{path}: not a plain file (an export holds only plain files)")
        elif entry_name.endswith(".jsonl"):
            if entry_name[: -len(".jsonl")] not in tables:
                errors.append(f"{path}: stray file, not listed in the manifest")
        else:
            errors.append(f"{path}: unexpected file in the export directory")

    for table_file in manifest.files.values():
        if not table_file.path.is_file():
            errors.append(f"{table_file.path}: missing (listed in the manifest with {table_file.rows} rows)")
            continue
        lines, digest = _count_and_digest(table_file.path)
        if digest != table_file.sha256:
            errors.append(f"{table_file.path}: sha256 mismatch (manifest {table_file.sha256}, file {digest})")
        if lines != table_file.rows:
            errors.append(f"{table_file.path}: row count mismatch (manifest {table_file.rows}, file has {lines} lines)")
    if errors:
        raise ImportFailed(errors)
    return manifest


def _read_manifest(path: Path) -> dict:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed([f"{path}: not valid UTF-8 JSON ({exc})"]) from None
    if not isinstance(data, dict):
        raise ImportFailed([f"{path}: must hold a JSON object"])
    errors = []
    for key in sorted(set(data) - _TOP_KEYS):
        errors.append(f"{path}: unknown key {key!r}")
    for key in sorted(_TOP_KEYS - set(data)):
        errors.append(f"{path}: missing key {key!r}")
    if errors:
        raise ImportFailed(errors)
    if data["format"] != FORMAT_NAME:
        errors.append(f"{path}: format is {data['format']!r}, expected {FORMAT_NAME!r}")
    if type(data["version"]) is not int or data["version"] != FORMAT_VERSION:
        errors.append(f"{path}: version is {data['version']!r}, this importer reads version {FORMAT_VERSION}")
    if not isinstance(data["exported_at"], str) or not _EXPORTED_AT_RE.fullmatch(data["exported_at"]):
        errors.append(f"{path}: exported_at must be an ISO-8601 UTC time ending in Z")
    if not isinstance(data["source"], str):
        errors.append(f"{path}: source must be a string")
    if not isinstance(data["tables"], dict):
        errors.append(f"{path}: tables must be an object")
    if errors:
        raise ImportFailed(errors)
    return data


def _entry_problem(entry) -> str | None:
    if not isinstance(entry, dict):
        return "must be an object with keys rows and sha256"
    if set(entry) != _ENTRY_KEYS:
        return f"keys must be exactly rows and sha256, found {sorted(entry)}"
    if type(entry["rows"]) is not int or entry["rows"] < 0:
        return "rows must be an integer >= 0"
    if not isinstance(entry["sha256"], str) or not _SHA_RE.fullmatch(entry["sha256"]):
        return "sha256 must be 64 lower-case hex digits"
    return None


def _count_and_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    lines = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    return lines, digest.hexdigest()
