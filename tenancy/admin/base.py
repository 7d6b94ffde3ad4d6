"""The ModelAdmin base of the tenancy and registry pages."""
from mcpmanager.admin import McpModelAdmin
from tenancy.admin.actions import TamperProofActionsMixin
from tenancy.admin.links import PermittedLinksMixin


class PageAdmin(PermittedLinksMixin, TamperProofActionsMixin, McpModelAdmin):
    """McpModelAdmin (audited, optimistic lock, secrets hidden, pretty JSON)
    whose action posts refuse malformed ids with a 400 and whose read-only
    foreign keys link only to pages the viewer may open."""
