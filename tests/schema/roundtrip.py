"""Helpers for round-trip tests (also used by tests/audit)."""
from datetime import datetime

# Nested objects, lists, unicode, numbers, booleans and JSON null.
NESTED_JSON = {
    "name": "Zürich — 東京 🚀",
    "nested": {"list": [1, 2.5, {"deep": [None, True, False]}], "empty": {}},
    "items": ["a", "a", "b"],
    "quote": 'say "hi"\n\ttab',
}
NESTED_JSON_LIST = [{"scope": "read"}, "plain", 3, ["x", "x"], {"ünï": "cödé"}]


def reread(obj):
    """The row as the database now holds it, through a fresh query."""
    return type(obj)._base_manager.get(pk=obj.pk)


def assert_aware(*values: datetime):
    for value in values:
        assert value.tzinfo is not None and value.utcoffset() is not None, value
