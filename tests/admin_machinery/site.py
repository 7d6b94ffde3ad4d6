"""A throwaway admin site exercising the shared machinery on real models.

Independent of the project's own admins (H11 writes those): each admin here
is the smallest declaration that uses a mixin.
"""
from django.contrib.admin import AdminSite, ModelAdmin
from django.urls import path

from audit.models import AuditLog
from mcpmanager.admin import LargeTableAdminMixin, McpModelAdmin, McpTabularInline, ReadOnlyAdminMixin
from registry.models import McpServer, SystemConfig
from tenancy.models import Tenant, TenantMember

site = AdminSite(name="machinery")


class MemberInline(McpTabularInline):
    model = TenantMember
    fields = ("user", "role")
    extra = 0


class TenantAdmin(McpModelAdmin):
    list_display = ("name", "slug", "status")
    search_fields = ("slug",)
    fields = ("name", "slug", "status", "plan", "limits", "settings")
    inlines = [MemberInline]


class ServerAdmin(McpModelAdmin):
    list_display = ("name", "auth_config", "transport")
    search_fields = ("name", "auth_config")
    fields = ("name", "version", "endpoint_url", "transport", "auth_type", "auth_config", "capabilities")
    readonly_fields = ("auth_config",)


class ConfigAdmin(McpModelAdmin):
    list_display = ("key", "category", "is_sensitive")
    fields = ("key", "value", "category", "is_sensitive")


class ReadOnlyAuditAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, ModelAdmin):
    list_display = ("occurred_at", "event_type")


site.register(Tenant, TenantAdmin)
site.register(McpServer, ServerAdmin)
site.register(SystemConfig, ConfigAdmin)
site.register(AuditLog, ReadOnlyAuditAdmin)

urlpatterns = [path("machinery/", site.urls)]
