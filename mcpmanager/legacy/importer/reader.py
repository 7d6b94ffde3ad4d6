"""Streaming reader of one `<table>.jsonl` file with the checks of A.4/A.7 and
the value-level hard errors of 4.4 (G1 canonical UUIDs, G5 NUL characters).

One line at a time: memory does not grow with the file. Invalid rows are
reported (file, line, column) and skipped so that every error is listed.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Iterator

from mcpmanager.legacy.tables import FREE_TEXT_ENUM_VALUES, Table

from .errors import ErrorList

DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NON_FINITE = frozenset({"NaN", "Infinity", "-Infinity"})
INT32 = (-(2**31), 2**31 - 1)


class InvalidValue(Exception):
    pass


class _BareConstant(ValueError):
    pass


def _reject_constant(name):
    raise _BareConstant(f"bare {name} is not JSON (non-finite floats are the strings \"NaN\", \"Infinity\", \"-Infinity\")")


class _Parser:
    """json.loads with duplicate-key detection and exact-number checks.

    The fast path uses a dict-building pairs hook that only raises a flag;
    a line with a duplicate key is parsed again by the slow path, which
    records the JSON path of every duplicate (G5).
    """

    def __init__(self):
        self.duplicate_seen = False
        self.imprecise_numbers = 0
        # One decoder for all lines: json.loads(…, hooks) would build a new one per call.
        self._decode = json.JSONDecoder(
            object_pairs_hook=self._pairs, parse_float=self._float, parse_constant=_reject_constant
        ).decode

    def _pairs(self, pairs):
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicate_seen = True
        return result

    def _float(self, text):
        value = float(text)
        if not math.isfinite(value):
            raise InvalidValue(f"number {text} is out of the range of a double")
        # More than 15 significant digits may not survive float -> jsonb: check exactly.
        if len(text) > 16 and Decimal(repr(value)) != Decimal(text):
            self.imprecise_numbers += 1
        return value

    def loads(self, line: str):
        self.duplicate_seen = False
        return self._decode(line)


class _DupDict(dict):
    duplicates: tuple = ()


def _pairs_keeping_duplicates(pairs):
    result = _DupDict(pairs)
    if len(result) != len(pairs):
        seen = Counter(key for key, _ in pairs)
        result.duplicates = tuple(key for key, n in seen.items() if n > 1)
    return result


def duplicate_key_paths(value, path: str = "$") -> Iterator[str]:
    """JSON paths of the objects' repeated keys in a value parsed with _pairs_keeping_duplicates."""
    if isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            yield f"{path}.{key}"
        for key, item in value.items():
            yield from duplicate_key_paths(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from duplicate_key_paths(item, f"{path}[{index}]")


def contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any("\x00" in key or contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False


def _checker(table: Table, column, uuid_columns: frozenset[str]) -> Callable[[object], str | None]:
    """A function value -> problem text (None when valid) for one column."""
    kind = column.kind
    nullable = column.nullable or column.exported_as_null
    max_length = column.max_length
    needs_uuid = column.name in uuid_columns
    free_enum = FREE_TEXT_ENUM_VALUES.get((table.name, column.name))

    def null_problem():
        return None if nullable else "null in a non-nullable column"

    if kind == "str":
        def check(value):
            if value is None:
                return null_problem()
            if type(value) is not str:
                return f"expected a string, got {_json_type(value)}"
            if max_length is not None and len(value) > max_length:
                return f"string of {len(value)} characters exceeds the maximum length {max_length}"
            if needs_uuid and not UUID_RE.fullmatch(value):
                return "not a canonical lower-case hyphenated UUID (G1)"
            if free_enum is not None and value not in free_enum:
                return f"value {value!r} is not one of {', '.join(free_enum)} (G4)"
            return None
    elif kind == "int":
        def check(value):
            if value is None:
                return null_problem()
            if type(value) is not int:
                return f"expected an integer, got {_json_type(value)}"
            if not INT32[0] <= value <= INT32[1]:
                return f"integer {value} is outside the 32-bit range"
            return None
    elif kind == "float":
        def check(value):
            if value is None:
                return null_problem()
            kind_ = type(value)
            if kind_ is float or kind_ is int:
                return None
            if kind_ is str and value in NON_FINITE:
                return None
            return f"expected a number or \"NaN\"/\"Infinity\"/\"-Infinity\", got {_json_type(value)}"
    elif kind == "bool":
        def check(value):
            if value is None:
                return null_problem()
            if type(value) is not bool:
                return f"expected true or false, got {_json_type(value)}"
            return None
    elif kind == "datetime":
        def check(value):
            if value is None:
                return null_problem()
            if type(value) is not str or not DATETIME_RE.fullmatch(value):
                return "datetime must be a string YYYY-MM-DDTHH:MM:SS.ffffff (A.4)"
            try:
                datetime.fromisoformat(value)
            except ValueError:
                return f"datetime {value!r} is not a valid date and time"
            return None
    elif column.is_enum:
        allowed = frozenset(column.enum.values)
        def check(value):
            if value is None:
                return null_problem()
            if value not in allowed:
                shown = value if isinstance(value, str) else _json_type(value)
                return f"unknown {column.enum.name} value {shown!r} (allowed: {', '.join(column.enum.values)})"
            return None
    elif kind == "json_dict":
        def check(value):
            if value is None or type(value) is dict or type(value) is _DupDict:
                return None
            return f"expected a JSON object, got {_json_type(value)}"
    elif kind in ("json_list_str",) or kind.startswith("json_list_enum:"):
        def check(value):
            if value is None:
                return None
            if type(value) is not list:
                return f"expected a JSON list of strings, got {_json_type(value)}"
            for index, item in enumerate(value):
                if type(item) is not str:
                    return f"element [{index}] must be a string, got {_json_type(item)}"
            return None
    elif kind == "json_list_int":
        def check(value):
            if value is None:
                return None
            if type(value) is not list:
                return f"expected a JSON list of integers, got {_json_type(value)}"
            for index, item in enumerate(value):
                if type(item) is not int or not INT32[0] <= item <= INT32[1]:
                    return f"element [{index}] must be a 32-bit integer, got {_json_type(item)}"
            return None
    else:  # json_any
        def check(value):
            return None
    return check


_NONE = type(None)


def _valid_types(table: Table, column, uuid_columns: frozenset[str]) -> frozenset | None:
    """Value types that _checker(column) accepts without looking at the value (None: every type).

    Lets the reader skip the checker call for most values; the checker still decides the rest.
    """
    kind = column.kind
    types = {_NONE} if (column.nullable or column.exported_as_null) else set()
    if kind == "str":
        plain = (column.max_length is None and column.name not in uuid_columns
                 and (table.name, column.name) not in FREE_TEXT_ENUM_VALUES)
        if plain:
            types.add(str)
    elif kind == "bool":
        types.add(bool)
    elif kind == "float":
        types.update((float, int))
    elif kind == "json_dict":
        types.update((dict, _DupDict, _NONE))
    elif kind not in ("int", "datetime", "json_list_str", "json_list_int") and not column.is_enum \
            and not kind.startswith("json_list_enum:"):
        return None  # json_any: anything goes
    return frozenset(types)


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


class TableReader:
    """Iterates (line number, row) over the valid rows of one export file."""

    def __init__(self, path: Path, table: Table, errors: ErrorList, uuid_columns: frozenset[str] = frozenset()):
        self.path = Path(path)
        self.table = table
        self.errors = errors
        self.columns = table.column_names
        self.column_set = frozenset(self.columns)
        self.checks = tuple(
            (c.name, valid, _checker(table, c, uuid_columns))
            for c in table.columns if (valid := _valid_types(table, c, uuid_columns)) is not None
        )
        self.json_columns = tuple(c.name for c in table.columns if c.is_json)
        self.parser = _Parser()
        self.duplicate_json_keys: list[tuple[str, str, str]] = []  # (id, column, path)
        self.duplicate_json_key_count = 0
        self.non_finite: Counter = Counter()
        self.float_columns = tuple(c.name for c in table.columns if c.kind == "float")
        self.rows_read = 0
        self.rows_invalid = 0

    def _error(self, line_no: int, column: str | None, message: str) -> None:
        where = f"{self.path.name}:{line_no}"
        if column is not None:
            where += f": column {column}"
        self.errors.add(f"{where}: {message}")

    def __iter__(self) -> Iterator[tuple[int, dict]]:
        with open(self.path, "rb") as handle:
            yield from self.rows(handle)

    def rows(self, lines: Iterable[bytes], start: int = 1) -> Iterator[tuple[int, dict]]:
        """The valid rows of raw lines (with their `\\n`) numbered from `start`: a whole file or one chunk of it."""
        checks = self.checks
        column_set = self.column_set
        float_columns = self.float_columns
        for line_no, raw in enumerate(lines, start=start):
            self.rows_read += 1
            row = self._parse(line_no, raw)
            if row is None:
                self.rows_invalid += 1
                continue
            if row.keys() != column_set:
                self._key_errors(line_no, row)
                self.rows_invalid += 1
                continue
            bad = False
            for name, valid, check in checks:
                value = row[name]
                if type(value) in valid:
                    continue
                problem = check(value)
                if problem is not None:
                    self._error(line_no, name, self._with_id(row, problem))
                    bad = True
            if bad:
                self.rows_invalid += 1
                continue
            for name in float_columns:
                if type(row[name]) is str:
                    self.non_finite[name] += 1
            yield line_no, row

    def _with_id(self, row: dict, problem: str) -> str:
        row_id = row.get("id")
        if isinstance(row_id, str):
            return f"{problem} (table {self.table.name}, id {row_id})"
        return problem

    def _parse(self, line_no: int, raw: bytes) -> dict | None:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._error(line_no, None, f"not valid UTF-8 at byte {exc.start + 1}")
            return None
        if line.startswith("\ufeff"):
            self._error(line_no, None, "byte-order mark is not allowed")
            return None
        parser = self.parser
        try:
            row = parser.loads(line)
        except json.JSONDecodeError as exc:
            self._error(line_no, f"{exc.colno} (character)", f"malformed JSON: {exc.msg}")
            return None
        except (InvalidValue, _BareConstant) as exc:
            self._error(line_no, None, f"malformed JSON: {exc}")
            return None
        if not isinstance(row, dict):
            self._error(line_no, None, f"expected a JSON object, got {_json_type(row)}")
            return None
        if parser.duplicate_seen and not self._record_duplicates(line_no, line):
            return None
        if "\\u0000" in line and self._has_nul(line_no, row):
            return None
        return row

    def _record_duplicates(self, line_no: int, line: str) -> bool:
        """List repeated keys (G5). A repeated column key is an error; nested ones are a counted loss."""
        slow = json.loads(line, object_pairs_hook=_pairs_keeping_duplicates, parse_constant=_reject_constant)
        if slow.duplicates:
            self._error(line_no, ", ".join(slow.duplicates), "key appears more than once in the row")
            return False
        row_id = slow.get("id") if isinstance(slow.get("id"), str) else f"line {line_no}"
        for column, value in slow.items():
            for path in duplicate_key_paths(value):
                self.duplicate_json_key_count += 1
                if len(self.duplicate_json_keys) < 1000:
                    self.duplicate_json_keys.append((row_id, column, path))
        return True

    def _has_nul(self, line_no: int, row: dict) -> bool:
        found = False
        for name, value in row.items():
            if contains_nul(value):
                self._error(line_no, name, self._with_id(row, "contains \\u0000, which PostgreSQL text/jsonb cannot store (G5)"))
                found = True
        return found

    def _key_errors(self, line_no: int, row: dict) -> None:
        missing = [c for c in self.columns if c not in row]
        extra = sorted(set(row) - self.column_set)
        for name in missing:
            self._error(line_no, name, self._with_id(row, "missing key"))
        for name in extra:
            self._error(line_no, name, self._with_id(row, "unknown key (not a column of this table)"))
