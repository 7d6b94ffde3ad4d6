"""Platform configuration: settings, feature flags, maintenance, announcements."""
from django import forms
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator

from tenancy.admin.base import PageAdmin
from mcpmanager.admin.json import PrettyJSONFormField, pretty_json
from registry.models import FeatureFlag, MaintenanceWindow, SystemAnnouncement, SystemConfig
from tenancy.admin.forms import LimitedModelForm
from tenancy.admin.search import PrefixSearchMixin, as_typed

REPLACEMENT_FIELD = "replacement_value"
LIST_VALUE_LENGTH = 80


class SystemConfigForm(LimitedModelForm):
    """A sensitive setting's value never comes back to the page: the form
    offers an empty box that replaces it when filled in."""

    replacement_value = PrettyJSONFormField(
        required=False, label="new value",
        help_text="The current value is sensitive and not shown. Type a JSON value to replace it; "
                  "leave empty to keep it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding or not self.instance.is_sensitive:
            self.fields.pop(REPLACEMENT_FIELD, None)

    def clean(self):
        cleaned = super().clean()
        replacement = cleaned.get(REPLACEMENT_FIELD)
        if REPLACEMENT_FIELD in self.fields and replacement is not None:
            self.instance.value = replacement
        return cleaned


@admin.register(SystemConfig)
class SystemConfigAdmin(PrefixSearchMixin, PageAdmin):
    form = SystemConfigForm
    list_display = ("key", "category", "tenant", "value_shown", "is_sensitive", "is_runtime_configurable", "version")
    list_filter = ("category", "is_sensitive", "is_runtime_configurable")
    list_select_related = ("tenant",)
    search_fields = ("key",)
    search_help_text = "Key: exact or starting with."
    prefix_search = {"key": as_typed}
    raw_id_fields = ("tenant", "updated_by")
    readonly_fields = ("version", "updated_by", "created_at", "updated_at")
    ordering = ("category", "key")  # system_config_category_key_idx

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != REPLACEMENT_FIELD]
        if obj is not None and obj.is_sensitive and self.has_change_permission(request, obj):
            fields.insert(fields.index("description") if "description" in fields else 0, REPLACEMENT_FIELD)
        return fields

    def has_change_permission(self, request, obj=None):
        # is_runtime_configurable false: the setting is read-only here.
        if obj is not None and not obj.is_runtime_configurable:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description="value")
    def value_shown(self, obj):
        if obj.is_sensitive:
            return "set" if obj.value not in (None, "", [], {}) else "not set"
        text = pretty_json(obj.value).replace("\n", " ")
        return text if len(text) <= LIST_VALUE_LENGTH else text[: LIST_VALUE_LENGTH - 1] + "…"

    def save_model(self, request, obj, form, change):
        before = getattr(obj, "_audit_before", None) or {}
        if change and before.get("value") != obj.value:
            obj.version = (obj.version or 0) + 1
        super().save_model(request, obj, form, change)


class FeatureFlagForm(LimitedModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "key" in self.fields:
            self.fields["key"].widget = forms.TextInput(attrs={"maxlength": "100"})
            self.fields["key"].validators.append(RegexValidator(
                r"^[a-z][a-z0-9_]*$", "Use snake_case: a lower-case letter, then letters, digits or underscores."
            ))
        if "rollout_percentage" in self.fields:
            self.fields["rollout_percentage"].validators += [MinValueValidator(0), MaxValueValidator(100)]


@admin.register(FeatureFlag)
class FeatureFlagAdmin(PrefixSearchMixin, PageAdmin):
    form = FeatureFlagForm
    list_display = ("key", "name", "is_enabled", "rollout_percentage", "owner", "expires_at")
    list_filter = ("is_enabled",)
    list_select_related = ("owner",)
    search_fields = ("key",)
    search_help_text = "Key: exact or starting with."
    prefix_search = {"key": as_typed}
    raw_id_fields = ("owner",)
    readonly_fields = ("created_at", "updated_at")
    ordering = ("key",)


@admin.register(MaintenanceWindow)
class MaintenanceWindowAdmin(PageAdmin):
    form = LimitedModelForm
    list_display = ("title", "status", "scheduled_start", "scheduled_end", "notify_users")
    list_filter = ("status", "notify_users")
    raw_id_fields = ("created_by",)
    readonly_fields = ("created_at", "updated_at")
    ordering = ("status", "scheduled_start")  # maintenance_window_status_scheduled_start_idx


@admin.register(SystemAnnouncement)
class SystemAnnouncementAdmin(PageAdmin):
    form = LimitedModelForm
    list_display = ("title", "level", "is_active", "starts_at", "ends_at", "is_dismissible")
    list_filter = ("level", "is_active")
    raw_id_fields = ("created_by",)
    readonly_fields = ("created_at", "updated_at")
    ordering = ("-is_active", "-starts_at")  # system_announcement_is_active_starts_at_idx
