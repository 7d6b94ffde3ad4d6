"""The rules every transform shares: MappingError, report labels, G6 arrays, G9 metadata, scopes, 1:1 renames."""
from __future__ import annotations

from operator import itemgetter
from typing import Callable

from .report import LegacyTableReport
from .transform_columns import ARRAY_COLUMNS, RENAMES, TARGET_COLUMNS

API_KEY_SCOPES = ("read", "write", "admin", "proxy", "metrics", "health")
_SCOPE_SET = frozenset(API_KEY_SCOPES)


class MappingError(Exception):
    def __init__(self, column: str, message: str):
        self.column = column
        super().__init__(message)


R1 = "R1: legacy sessions not imported"
R2 = "R2: updated_at differed"
R3 = "R3: superseded duplicate"


def _check_arrays(row: dict, columns: tuple[str, ...]) -> None:
    for column in columns:
        if row[column] is None:
            raise MappingError(column, "JSON null where a list is required (it becomes an array, G6)")


def _metadata(row: dict, column: str, legacy: dict, report: LegacyTableReport):
    """G9: the source object plus `_legacy` when there is something to keep."""
    value = row[column]
    if type(value) is dict or isinstance(value, dict):
        if "_legacy" in value:
            raise MappingError(column, "object already has a top-level _legacy key (reserved, G9)")
        if legacy:
            for key in legacy:
                report.preserve(key)
            value = {**value, "_legacy": legacy}
        return value
    if legacy:  # JSON null cannot carry `_legacy`
        raise MappingError(column, "is JSON null but values must be kept under its _legacy key (G9)")
    return value


def _scopes(scopes: list, report: LegacyTableReport, legacy: dict) -> list:
    """api_key_scope values in first-occurrence order; the legacy list under _legacy.scopes if that changed it."""
    kept: list = []
    for scope in scopes:
        if scope in _SCOPE_SET and scope not in kept:
            kept.append(scope)
    if kept != scopes:
        legacy["scopes"] = scopes
        report.warn("scopes preserved in metadata")
        unknown = sum(1 for scope in scopes if scope not in _SCOPE_SET)
        if unknown:
            report.warn("unknown scope values", unknown)
    return kept


# --- the 1:1 tables --------------------------------------------------------------

def _renamed(legacy_table: str) -> Callable[[dict], tuple]:
    """A row -> tuple getter in target column order for a pure rename mapping."""
    target, renames = RENAMES[legacy_table]
    source_of = {"id": "id", "created_at": "created_at", "updated_at": "updated_at"}
    source_of.update({t: legacy for legacy, t in renames.items() if t})
    getter = itemgetter(*(source_of[column] for column in TARGET_COLUMNS[target]))
    return getter


def _simple(legacy_table: str):
    target = RENAMES[legacy_table][0]
    getter = _renamed(legacy_table)
    arrays = ARRAY_COLUMNS.get(legacy_table, ())

    def transform(row: dict, report: LegacyTableReport):
        if arrays:
            _check_arrays(row, arrays)
        return [(target, getter(row))]

    transform.__name__ = legacy_table
    return transform
