"""The ModelAdmin base of the tenancy and registry pages."""
from mcpmanager.admin import McpModelAdmin
from tenancy.admin.actions import TamperProofActionsMixin


class PageAdmin(TamperProofActionsMixin, McpModelAdmin):
    """McpModelAdmin (audited, optimistic lock, secrets hidden, pretty JSON)
    whose action posts refuse malformed ids with a 400."""
