"""Inline bases for the tenancy and registry pages."""
from mcpmanager.admin import McpTabularInline, ReadOnlyAdminMixin
from mcpmanager.admin.secrets import SECRETS_SUMMARY_FIELD
from tenancy.admin.links import PermittedLinksInlineMixin


class RowInline(PermittedLinksInlineMixin, McpTabularInline):
    """A tabular inline without the per-row "Secrets" column: the secret
    columns are simply absent from inline rows (the summary belongs on a
    row's own page, and SecretsHiddenMixin would add it given the parent)."""

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**opts, "fields": [f for f in opts.get("fields", ()) if f != SECRETS_SUMMARY_FIELD]})
            for name, opts in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        return [f for f in super().get_readonly_fields(request, obj) if f != SECRETS_SUMMARY_FIELD]


class ReadOnlyRowInline(ReadOnlyAdminMixin, RowInline):
    """Shown on the parent, edited elsewhere (or not at all)."""

    extra = 0
    max_num = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return list(self.fields)
