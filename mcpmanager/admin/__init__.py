"""Shared admin machinery: the mixins every ModelAdmin of this project uses.

Registers nothing (the admin's autodiscover imports this package because
`mcpmanager` is an installed app). One concern per module:
audited (audit rows + history page), concurrency (optimistic locking),
secrets (hidden secret columns), json (pretty JSON), readonly (history
tables), large_tables (no COUNT(*)), base (McpModelAdmin, McpTabularInline).
"""
from mcpmanager.admin.audited import AuditedAdminMixin, AuditedInlineMixin
from mcpmanager.admin.base import McpModelAdmin, McpTabularInline
from mcpmanager.admin.concurrency import OptimisticLockMixin
from mcpmanager.admin.json import PrettyJSONMixin
from mcpmanager.admin.large_tables import LargeTableAdminMixin
from mcpmanager.admin.readonly import ReadOnlyAdminMixin
from mcpmanager.admin.secrets import SecretsHiddenMixin

__all__ = [
    "AuditedAdminMixin",
    "AuditedInlineMixin",
    "LargeTableAdminMixin",
    "McpModelAdmin",
    "McpTabularInline",
    "OptimisticLockMixin",
    "PrettyJSONMixin",
    "ReadOnlyAdminMixin",
    "SecretsHiddenMixin",
]
