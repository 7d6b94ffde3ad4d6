"""Better-Auth users: roles, home tenant, bans and sessions.

People sign up through the frontend, so there is no "add". What the user
detail shows of their credentials is limited to what an admin needs: session
metadata (never the token), linked providers (never tokens or password
hashes), two-factor state (never the secret) and personal API keys (never the
key hash).
"""
from django.contrib import admin
from django.db.models import Q

from audit.services import actor_from_request
from tenancy.admin.base import PageAdmin
from tenancy import services
from tenancy.admin.actions import run_for_each, with_input_form
from tenancy.admin.forms import BanForm, UserAdminForm
from tenancy.admin.inlines import ReadOnlyRowInline
from tenancy.admin.search import PrefixSearchMixin, as_typed, lower_case
from tenancy.choices import USER_ROLES
from tenancy.models import Account, ApiKey, Session, TenantMember, User


class RoleFilter(admin.SimpleListFilter):
    """Users holding a role (alone or among others; `role` is comma-separated)."""

    title = "role"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role, role) for role in USER_ROLES]

    def queryset(self, request, queryset):
        role = self.value()
        if role not in USER_ROLES:
            return queryset
        return queryset.filter(
            Q(role=role) | Q(role__startswith=f"{role},") | Q(role__endswith=f",{role}") | Q(role__contains=f",{role},")
        )


class UserChildInline(ReadOnlyRowInline):
    """A read-only list of the user's credential rows. Seeing it needs the
    permission to view users (these tables have no admin page of their own);
    nobody adds or edits rows through it."""

    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("tenancy.view_user")


class SessionInline(UserChildInline):
    model = Session
    fields = ("ip_address", "user_agent", "created_at", "expires_at", "impersonated_by")
    verbose_name_plural = "sessions (revoke them all with the “Revoke all sessions” action)"

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-created_at")


class AccountInline(UserChildInline):
    model = Account
    fields = ("provider_id", "account_id", "created_at", "updated_at")
    verbose_name_plural = "linked accounts"


class ApiKeyInline(UserChildInline):
    model = ApiKey
    fk_name = "reference"
    fields = ("name", "start", "enabled", "expires_at", "request_count", "created_at")
    verbose_name_plural = "personal API keys"


class MembershipInline(UserChildInline):
    model = TenantMember
    fk_name = "user"
    fields = ("tenant", "role", "joined_at")
    verbose_name_plural = "tenant memberships"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("tenancy.view_tenantmember")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tenant", "user")  # both in each row's label


@admin.register(User)
class UserAdmin(PrefixSearchMixin, PageAdmin):
    form = UserAdminForm
    list_display = ("email", "name", "role", "tenant", "banned", "is_active", "last_login_at")
    list_filter = (RoleFilter, "banned", "is_active", "tenant")
    list_select_related = ("tenant",)
    search_fields = ("email", "username", "name")
    search_help_text = "E-mail, username or name: exact or starting with."
    prefix_search = {"lower:email": lower_case, "username": as_typed, "name": as_typed}
    ordering = ("-created_at", "-id")
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("email", "name", "username", "email_verified", "image")}),
        ("Access", {"fields": ("role", "tenant", "is_active")}),
        ("Ban", {"fields": ("banned", "ban_reason", "ban_expires")}),
        ("Sign-in", {"fields": ("last_login_at", "two_factor_enabled", "two_factor_locked_until")}),
        ("Data", {"fields": ("metadata", "preferences"), "classes": ("collapse",)}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )
    # Only role, home tenant and active are edited here; bans go through the
    # actions (they also sign the user out), the rest belongs to Better-Auth.
    readonly_fields = (
        "email", "name", "username", "email_verified", "image", "banned", "ban_reason", "ban_expires",
        "last_login_at", "two_factor_enabled", "two_factor_locked_until", "metadata", "preferences",
        "created_at", "updated_at",
    )
    inlines = (SessionInline, AccountInline, ApiKeyInline, MembershipInline)
    actions = ("ban_users", "unban_users", "revoke_all_sessions")

    def has_add_permission(self, request):
        return False

    @admin.display(description="two-factor locked until")
    def two_factor_locked_until(self, obj):
        locked = [tf.locked_until for tf in obj.two_factors.all() if tf.locked_until]
        return max(locked) if locked else "-"

    # --- role changes: audited as such -----------------------------------------

    def save_model(self, request, obj, form, change):
        if change and "role" in form.changed_data:
            # The role change gets its own audit row (risk high when admin is
            # granted); the generic "update" row then covers the other fields.
            services.set_roles(actor=actor_from_request(request), user=obj, roles=obj.role)
            if getattr(obj, "_audit_before", None):
                obj._audit_before["role"] = obj.role
            obj._role_change_recorded = True
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        if getattr(obj, "_role_change_recorded", False) and not form_changed_besides_role(obj):
            return None
        return super().log_change(request, obj, message)

    # --- actions -------------------------------------------------------------

    @admin.action(description="Ban selected users (and sign them out)", permissions=("change",))
    def ban_users(self, request, queryset):
        return with_input_form(
            self, request, queryset, form_class=BanForm, title="Ban users", action="ban_users",
            intro="Banned users cannot sign in; their current sessions are deleted now.",
            apply=lambda data: run_for_each(
                self, request, queryset, services.ban_user, reason=data["reason"], expires_at=data["expires_at"],
                done=lambda n: f"Banned {n} user(s) and revoked their sessions.",
            ),
        )

    @admin.action(description="Unban selected users", permissions=("change",))
    def unban_users(self, request, queryset):
        run_for_each(
            self, request, queryset.filter(banned=True), services.unban_user,
            done=lambda n: f"Unbanned {n} user(s).",
        )

    @admin.action(description="Revoke all sessions of selected users", permissions=("change",))
    def revoke_all_sessions(self, request, queryset):
        run_for_each(
            self, request, queryset, services.revoke_sessions,
            done=lambda n: f"Revoked the sessions of {n} user(s); they are signed out of the frontend.",
        )


def form_changed_besides_role(obj) -> bool:
    from audit.services import diff, snapshot

    before = getattr(obj, "_audit_before", None) or {}
    return bool(diff(before, snapshot(obj)))
