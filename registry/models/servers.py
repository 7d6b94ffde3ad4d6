"""MCP servers and what they declare: tools, resources, prompts, dependencies.

Unmanaged: the tables belong to Drizzle (drizzle/schema/registry.ts); field
names are the column names, FKs are named without `_id`.
"""
import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from mcpmanager.fields import EnumField
from registry.choices import ServerAuthType, ServerDependencyType, ServerHealth, TransportType


def new_server_id() -> str:
    """Python-side twin of the column default `gen_random_uuid()::text`."""
    return str(uuid.uuid4())


class McpServer(models.Model):
    # Credentials the gateway uses to reach the server: never rendered or diffed.
    SECRET_FIELDS = frozenset({"auth_config"})

    id = models.TextField(primary_key=True, default=new_server_id)
    name = models.TextField()
    display_name = models.TextField(null=True, blank=True)
    description = models.TextField(null=True, blank=True)
    version = models.TextField()
    endpoint_url = models.TextField()
    transport = EnumField(enum_name="transport_type", choices=TransportType.choices)
    health_status = EnumField(
        enum_name="server_health", choices=ServerHealth.choices, default=ServerHealth.UNKNOWN
    )
    capabilities = models.JSONField(default=dict, blank=True)
    tags = ArrayField(models.TextField(), default=list, blank=True)
    auth_type = EnumField(
        enum_name="server_auth_type", choices=ServerAuthType.choices, default=ServerAuthType.NONE
    )
    auth_config = models.JSONField(default=dict, blank=True)
    # RESTRICT: a tenant's private servers must not silently become global.
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.RESTRICT,
        db_column="tenant_id",
        related_name="mcp_servers",
        null=True,
        blank=True,
    )
    owner = models.ForeignKey(
        "tenancy.User",
        on_delete=models.SET_NULL,
        db_column="owner_id",
        related_name="owned_mcp_servers",
        null=True,
        blank=True,
    )
    is_public = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    last_health_check_at = models.DateTimeField(null=True, blank=True)
    health_metadata = models.JSONField(default=dict, blank=True)
    avg_response_time_ms = models.FloatField(null=True, blank=True)
    success_rate = models.FloatField(null=True, blank=True)
    active_connections = models.IntegerField(null=True, blank=True)
    request_count = models.BigIntegerField(default=0)
    error_count = models.BigIntegerField(default=0)
    server_metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Advanced by the touch_updated_at trigger on every UPDATE.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "mcp_server"
        verbose_name = "MCP server"
        verbose_name_plural = "MCP servers"
        ordering = ["-updated_at", "-id"]  # mcp_server_updated_at_idx
        constraints = [
            # One global server per name too (tenant_id NULL counts as equal).
            models.UniqueConstraint(
                fields=["tenant", "name"], name="mcp_server_tenant_id_name_key", nulls_distinct=False
            ),
        ]

    def __str__(self):
        return self.display_name or self.name


class McpTool(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="tools"
    )
    name = models.TextField()
    description = models.TextField(null=True, blank=True)
    input_schema = models.JSONField(default=dict, blank=True)
    tags = ArrayField(models.TextField(), default=list, blank=True)
    is_active = models.BooleanField(default=True)
    total_calls = models.BigIntegerField(default=0)
    success_count = models.BigIntegerField(default=0)
    error_count = models.BigIntegerField(default=0)
    avg_execution_time_ms = models.FloatField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "mcp_tool"
        verbose_name = "MCP tool"
        verbose_name_plural = "MCP tools"
        ordering = ["name"]  # mcp_tool_name_idx
        constraints = [
            models.UniqueConstraint(fields=["server", "name"], name="mcp_tool_server_id_name_key"),
        ]

    def __str__(self):
        return self.name


class McpResource(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="resources"
    )
    uri = models.TextField()
    is_template = models.BooleanField(default=False)
    name = models.TextField(null=True, blank=True)
    description = models.TextField(null=True, blank=True)
    mime_type = models.TextField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    access_count = models.BigIntegerField(default=0)
    avg_size_bytes = models.BigIntegerField(null=True, blank=True)
    last_accessed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "mcp_resource"
        verbose_name = "MCP resource"
        verbose_name_plural = "MCP resources"
        constraints = [
            models.UniqueConstraint(fields=["server", "uri"], name="mcp_resource_server_id_uri_key"),
        ]

    def __str__(self):
        return self.name or self.uri


class McpPrompt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="prompts"
    )
    name = models.TextField()
    title = models.TextField(null=True, blank=True)
    description = models.TextField(null=True, blank=True)
    # List of {name, description, required}.
    arguments = models.JSONField(default=list, blank=True)
    tags = ArrayField(models.TextField(), default=list, blank=True)
    is_active = models.BooleanField(default=True)
    use_count = models.BigIntegerField(default=0)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "mcp_prompt"
        verbose_name = "MCP prompt"
        verbose_name_plural = "MCP prompts"
        constraints = [
            models.UniqueConstraint(fields=["server", "name"], name="mcp_prompt_server_id_name_key"),
        ]

    def __str__(self):
        return self.title or self.name


class McpServerDependency(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    server = models.ForeignKey(
        McpServer, on_delete=models.CASCADE, db_column="server_id", related_name="dependencies"
    )
    depends_on_server = models.ForeignKey(
        McpServer,
        on_delete=models.CASCADE,
        db_column="depends_on_server_id",
        related_name="dependents",
    )
    dependency_type = EnumField(
        enum_name="server_dependency_type",
        choices=ServerDependencyType.choices,
        default=ServerDependencyType.REQUIRED,
    )
    description = models.TextField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        managed = False
        db_table = "mcp_server_dependency"
        verbose_name = "MCP server dependency"
        verbose_name_plural = "MCP server dependencies"
        constraints = [
            models.UniqueConstraint(
                fields=["server", "depends_on_server"],
                name="mcp_server_dependency_server_id_depends_on_server_id_key",
            ),
            models.CheckConstraint(
                condition=~Q(server=F("depends_on_server")),
                name="mcp_server_dependency_not_self_check",
            ),
        ]

    def __str__(self):
        # Also the audit rows' resource_name: pages listing dependencies select_related both servers.
        server = self.server.name if self.server_id else "?"
        depends_on = self.depends_on_server.name if self.depends_on_server_id else "?"
        return f"{server} -> {depends_on} ({self.dependency_type})"
