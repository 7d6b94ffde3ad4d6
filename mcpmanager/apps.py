from django.apps import AppConfig


class McpManagerConfig(AppConfig):
    name = "mcpmanager"
    verbose_name = "MCP Manager"
