"""A fingerprint of every row an admin request could write: all tables of
the tenancy, registry and audit apps plus Django's users, groups and
permissions. One query; equal fingerprints = nothing written."""
from functools import lru_cache

from django.apps import apps
from django.db import connection

DJANGO_TABLES = (
    "auth_user", "auth_group", "auth_user_groups", "auth_group_permissions", "auth_user_user_permissions",
    "django_admin_log",
)


@lru_cache(maxsize=1)
def _query() -> str:
    quote = connection.ops.quote_name
    tables = sorted(
        {f"public.{quote(m._meta.db_table)}" for app in ("tenancy", "registry", "audit")
         for m in apps.get_app_config(app).get_models()}
        | {f"django.{quote(t)}" for t in DJANGO_TABLES}
    )
    parts = [
        f"(SELECT '{t}:' || count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '')"
        f" FROM {t} x)"
        for t in tables
    ]
    return "SELECT concat_ws(E'\\n', " + ", ".join(parts) + ")"


def fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_query())
        return cursor.fetchone()[0]


def changed_tables(before: str, after: str) -> list[str]:
    return [b.split(":")[0] for b, a in zip(before.splitlines(), after.splitlines()) if a != b]
