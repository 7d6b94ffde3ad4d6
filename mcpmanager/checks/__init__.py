"""System checks of MCP Manager: the schema drift check (registered in apps.py).

drift.py compares models with a catalog snapshot (introspection.py) using
the field -> PostgreSQL type map in pgtypes.py; database.py runs it on a
connection; messages.py holds every id and text.
"""
from .database import SCHEMA_TAG, check_conninfo, check_django_database, check_schema_drift, drizzle_models
from .drift import find_drift

__all__ = [
    "SCHEMA_TAG",
    "check_conninfo",
    "check_django_database",
    "check_schema_drift",
    "drizzle_models",
    "find_drift",
]
