import psycopg
from django.conf import settings
from django.db.backends.postgresql.creation import DatabaseCreation as BaseCreation


class DatabaseCreation(BaseCreation):
    def _create_test_db(self, verbosity, autoclobber, keepdb=False):
        """Create the test database, then build it the way production is built.

        Drizzle's migrations go in first (through our runner, on drizzle-orm's
        ledger) and Django's schema is created; Django's `migrate`, which
        `create_test_db` runs next, then fills that schema.
        """
        from mcpmanager.drizzle.migrator import migrate

        name = super()._create_test_db(verbosity, autoclobber, keepdb)
        params = self.connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params["dbname"] = name
        params.pop("options", None)  # the schema does not exist yet
        with psycopg.connect(**params, autocommit=True) as conn:
            schema = getattr(settings, "DJANGO_DB_SCHEMA", "django")
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            migrate(conn, settings.DRIZZLE_MIGRATIONS_DIR)
        return name
