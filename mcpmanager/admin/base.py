"""The ModelAdmin and inline every page of this project starts from."""
from django.contrib import admin

from mcpmanager.admin.audited import AuditedAdminMixin, AuditedInlineMixin
from mcpmanager.admin.concurrency import OptimisticLockMixin
from mcpmanager.admin.json import PrettyJSONMixin, PrettyJSONWidgetsMixin
from mcpmanager.admin.secrets import SecretsHiddenMixin


class McpModelAdmin(AuditedAdminMixin, OptimisticLockMixin, SecretsHiddenMixin, PrettyJSONMixin, admin.ModelAdmin):
    """An editable model's admin: every change audited atomically, optimistic
    locking on `updated_at`, secrets hidden, JSON pretty. Order matters:
    secrets are filtered after the JSON display names are chosen."""


class McpTabularInline(AuditedInlineMixin, SecretsHiddenMixin, PrettyJSONWidgetsMixin, admin.TabularInline):
    """An inline whose rows are audited by the parent McpModelAdmin's
    `save_formset`, with secrets hidden and JSON pretty."""
