from django.apps import AppConfig


class McpManagerConfig(AppConfig):
    name = "mcpmanager"
    verbose_name = "MCP Manager"

    def ready(self):
        from django.core import checks

        from mcpmanager.checks import SCHEMA_TAG, check_schema_drift

        # A custom tag, not Tags.database: Django runs database-tagged checks
        # only with `check --database`, and drift must show on a plain `check`.
        checks.register(check_schema_drift, SCHEMA_TAG)
