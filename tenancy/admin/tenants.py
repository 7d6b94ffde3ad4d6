"""Tenants, their members and invitations."""
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import display_for_value, get_deleted_objects

from audit.services import actor_from_request
from tenancy.admin.base import PageAdmin
from tenancy import services
from tenancy.admin.actions import run_for_each, with_input_form
from tenancy.admin.counts import count_of
from tenancy.admin.forms import (
    LimitedModelForm,
    TenantForm,
    TenantInvitationForm,
    TenantMemberForm,
    UniquePendingInvitationFormSet,
)
from tenancy.admin.inlines import RowInline
from tenancy.admin.invitations import InvitationActionsMixin, show_token_once
from tenancy.admin.ownership import without_owned
from tenancy.admin.search import PrefixSearchMixin, as_typed, lower_case
from tenancy.admin.usage import USAGE_DAYS, usage_summary
from tenancy.choices import TenantStatus
from tenancy.models import Tenant, TenantInvitation, TenantMember, User

# `?with_servers=1` on a tenant's delete page: delete its servers too (they
# block the delete: mcp_server.tenant_id is ON DELETE RESTRICT).
WITH_SERVERS = "with_servers"


def _inviter_id(request) -> str | None:
    """The Better-Auth user acting, when there is one (break-glass users aren't)."""
    actor_id = actor_from_request(request).id
    if not actor_id or actor_id.startswith("django:"):
        return None
    return User.objects.filter(pk=actor_id).values_list("pk", flat=True).first()


class SuspendForm(forms.Form):
    reason = forms.CharField(
        max_length=services.REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to the tenant's members; kept in the audit log.",
    )


class TenantMemberInline(RowInline):
    model = TenantMember
    form = TenantMemberForm
    fields = ("user", "role", "invited_by", "joined")
    readonly_fields = ("invited_by", "joined")
    extra = 1
    verbose_name = "member"
    verbose_name_plural = "members"

    def get_queryset(self, request):
        # user and tenant: each row's label (str) names them.
        return super().get_queryset(request).select_related("user", "tenant", "invited_by").order_by("joined_at", "id")

    @admin.display(description="joined at")
    def joined(self, obj):
        # The empty "add" row has no member yet: nothing joined (the column's
        # default sets the time when the row is written).
        if obj._state.adding:
            return self.get_empty_value_display()
        return display_for_value(obj.joined_at, self.get_empty_value_display())


class TenantInvitationInline(RowInline):
    """Kept within the page width: the message is a short box (the whole
    text is on the invitation's own page), dates of the row are there too."""

    model = TenantInvitation
    form = TenantInvitationForm
    formset = UniquePendingInvitationFormSet
    fields = ("email", "role", "status", "expires_at", "message", "invited_by")
    readonly_fields = ("invited_by",)
    extra = 1
    show_change_link = True
    verbose_name = "invitation"
    verbose_name_plural = "invitations"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "message":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 32})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tenant", "invited_by").order_by("-created_at", "id")


@admin.register(Tenant)
class TenantAdmin(PrefixSearchMixin, PageAdmin):
    form = TenantForm
    list_display = ("name", "slug", "status", "plan", "member_count", "server_count", "created_at")
    list_filter = ("status", "plan")
    search_fields = ("name", "slug")
    search_help_text = "Name or slug: exact or starting with (case-sensitive name, slug in lower case)."
    prefix_search = {"name": as_typed, "slug": lower_case}
    ordering = ("name",)
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "plan", "billing_email")}),
        ("Status", {"fields": ("status", "suspended_at", "suspended_reason")}),
        ("Configuration", {"fields": ("limits", "features", "settings")}),
        ("Usage", {"fields": ("usage",)}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )
    # Status moves only through the suspend / reactivate actions, which
    # record the reason and audit the change as such.
    readonly_fields = ("status", "suspended_at", "suspended_reason", "usage", "created_at", "updated_at")
    inlines = (TenantMemberInline, TenantInvitationInline)
    actions = ("suspend_tenants", "reactivate_tenants")

    def get_queryset(self, request):
        from registry.models import McpServer

        return super().get_queryset(request).annotate(
            member_count=count_of(TenantMember, "tenant"),
            server_count=count_of(McpServer, "tenant"),
        )

    @admin.display(description=f"last {USAGE_DAYS} days")
    def usage(self, obj):
        return usage_summary(obj, empty=self.get_empty_value_display())

    @admin.display(description="members", ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.display(description="servers", ordering="server_count")
    def server_count(self, obj):
        return obj.server_count

    # --- actions -------------------------------------------------------------

    @admin.action(description="Suspend selected tenants", permissions=("change",))
    def suspend_tenants(self, request, queryset):
        targets = queryset.exclude(status=TenantStatus.SUSPENDED)
        return with_input_form(
            self, request, targets, form_class=SuspendForm, title="Suspend tenants", action="suspend_tenants",
            intro="Members of these tenants lose access until the tenant is reactivated.",
            apply=lambda data: run_for_each(
                self, request, targets, services.suspend_tenant, reason=data["reason"],
                done=lambda n: f"Suspended {n} tenant(s).",
            ),
        )

    @admin.action(description="Reactivate selected tenants", permissions=("change",))
    def reactivate_tenants(self, request, queryset):
        run_for_each(
            self, request, queryset.exclude(status=TenantStatus.ACTIVE), services.reactivate_tenant,
            done=lambda n: f"Reactivated {n} tenant(s).",
        )

    # --- inlines: server-side values for new rows ------------------------------

    def save_formset(self, request, form, formset, change):
        inviter = _inviter_id(request) if formset.model in (TenantMember, TenantInvitation) else None
        for inline_form in formset.forms:
            if inline_form.instance._state.adding and inline_form.has_changed() and inviter:
                inline_form.instance.invited_by_id = inviter
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            token = getattr(inline_form, "issued_token", None)
            if token and inline_form.instance.pk and not inline_form.instance._state.adding:
                show_token_once(self, request, inline_form.instance, token)

    # --- delete: servers block it (RESTRICT); offer to delete them too ---------

    def get_deleted_objects(self, objs, request):
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected and self._with_servers(request):
            from registry.models import McpServer

            servers = McpServer.objects.filter(tenant__in=list(objs)).order_by("name")
            more, more_counts, more_perms, more_protected = get_deleted_objects(servers, request, self.admin_site)
            to_delete, protected = more + to_delete, more_protected
            counts = {**counts, **more_counts}
            perms_needed = perms_needed | more_perms
        return to_delete, counts, without_owned(perms_needed), protected

    def delete_model(self, request, obj):
        if self._with_servers(request):
            services.delete_tenant_servers(actor=actor_from_request(request), tenant=obj)
        super().delete_model(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        from registry.models import McpServer

        context = {
            "with_servers": self._with_servers(request),
            "can_delete_servers": self.admin_site.get_model_admin(McpServer).has_delete_permission(request),
            "with_servers_param": WITH_SERVERS,
            **(extra_context or {}),
        }
        return super().delete_view(request, object_id, context)

    def _with_servers(self, request) -> bool:
        from registry.models import McpServer

        return (
            request.GET.get(WITH_SERVERS) == "1"
            and self.admin_site.get_model_admin(McpServer).has_delete_permission(request)
        )


@admin.register(TenantMember)
class TenantMemberAdmin(PrefixSearchMixin, PageAdmin):
    form = LimitedModelForm
    list_display = ("user", "tenant", "role", "joined_at")
    list_filter = ("role",)
    list_select_related = ("user", "tenant")
    search_fields = ("user__email",)
    search_help_text = "Member e-mail: exact or starting with."
    prefix_search = {"user__email": lower_case}
    raw_id_fields = ("tenant", "user", "invited_by")
    readonly_fields = ("created_at", "updated_at")
    ordering = ("-joined_at", "-id")

    def get_queryset(self, request):
        # The change page's title and audit rows name the user and the tenant (str).
        return super().get_queryset(request).select_related("user", "tenant")


@admin.register(TenantInvitation)
class TenantInvitationAdmin(InvitationActionsMixin, PrefixSearchMixin, PageAdmin):
    form = TenantInvitationForm
    list_display = ("email", "tenant", "role", "status", "expires_at", "created_at")
    list_filter = ("status", "role")
    list_select_related = ("tenant",)
    search_fields = ("email",)
    search_help_text = "Invited e-mail: exact or starting with."
    prefix_search = {"email": lower_case}
    raw_id_fields = ("tenant", "invited_by", "accepted_by")
    readonly_fields = ("accepted_at", "revoked_at", "created_at", "updated_at")
    ordering = ("-created_at", "-id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tenant")  # named by str()

    def save_model(self, request, obj, form, change):
        if not change and obj.invited_by_id is None:
            obj.invited_by_id = _inviter_id(request)
        super().save_model(request, obj, form, change)
        token = getattr(form, "issued_token", None)
        if token:
            show_token_once(self, request, obj, token)
