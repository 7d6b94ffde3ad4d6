from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.postgresql import base

from .creation import DatabaseCreation


def django_schema() -> str:
    return getattr(settings, "DJANGO_DB_SCHEMA", "django")


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def init_connection_state(self):
        super().init_connection_state()
        self.verify_search_path()

    def verify_search_path(self):
        """Refuse to work where Django would create its tables in "public".

        The search path may come from the connection's startup options or from
        the role (PgBouncer in transaction mode drops startup options); either
        way it must start with Django's schema and also reach "public".
        """
        schema = django_schema()
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('search_path')")
            search_path = cursor.fetchone()[0]
        parts = [p.strip().strip('"') for p in search_path.split(",") if p.strip()]
        if not parts or parts[0] != schema or "public" not in parts:
            raise ImproperlyConfigured(
                f"The database search_path is {search_path!r}; it must be "
                f"'{schema}, public' so that Django's tables stay out of schema public. "
                f"Set DATABASE_SEARCH_PATH_IN_OPTIONS=true, or on the role: "
                f"ALTER ROLE <role> SET search_path = {schema}, public"
            )

    def prepare_database(self):
        # Called by `migrate` before it creates any table.
        super().prepare_database()
        with self.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {self.ops.quote_name(django_schema())}")
