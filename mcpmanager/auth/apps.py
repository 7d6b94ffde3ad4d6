from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class McpAdminConfig(AdminConfig):
    """django.contrib.admin with our site as the default `admin.site`."""

    default_site = "mcpmanager.auth.site.McpAdminSite"


class McpAuthConfig(AppConfig):
    """Sign-in machinery. Listed after the apps whose permissions the role
    table names, so post_migrate has created them when the groups sync."""

    name = "mcpmanager.auth"
    label = "mcpmanager_auth"  # "auth" is django.contrib.auth's
    verbose_name = "Admin sign-in"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks
        from django.db.models.signals import post_migrate

        from .checks import check_backend, check_role_permissions
        from .roles import sync_after_migrate
        from .signin_audit import on_user_logged_in

        checks.register(check_role_permissions)
        checks.register(check_backend)
        user_logged_in.connect(on_user_logged_in, dispatch_uid="mcpmanager.auth.sign_in_audit")
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="mcpmanager.auth.sync_roles")
