"""Gateway API tokens (api_token): identify them by prefix; the hash and salt
never leave the database. Not in the role table yet, so superusers only."""
from django.contrib import admin

from tenancy.admin.base import PageAdmin
from tenancy.admin.forms import LimitedModelForm
from tenancy.admin.search import PrefixSearchMixin, as_typed
from tenancy.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(PrefixSearchMixin, PageAdmin):
    form = LimitedModelForm
    list_display = ("name", "key_prefix", "user", "tenant", "is_active", "is_locked", "expires_at", "last_used_at")
    list_filter = ("is_active", "is_locked", "legacy_source")
    list_select_related = ("user", "tenant")
    search_fields = ("key_prefix", "name")
    search_help_text = "Key prefix or name: exact or starting with."
    prefix_search = {"key_prefix": as_typed, "name": as_typed}
    raw_id_fields = ("user", "tenant")
    readonly_fields = (
        "key_prefix", "legacy_source", "last_used_at", "total_requests", "total_errors", "last_success_at",
        "last_error_at", "failed_attempts", "last_failed_attempt_at", "created_at", "updated_at",
    )
    ordering = ("-created_at", "-id")

    def has_add_permission(self, request):
        # A token is issued with its secret shown once; that flow is not here.
        return False
