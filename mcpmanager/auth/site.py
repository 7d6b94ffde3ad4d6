"""The admin site: Better-Auth sign-in (password, TOTP step, SSO opt-out on logout).

Installed as Django's default site by apps.McpAdminConfig, so every app keeps
registering with `@admin.register(Model)`.
"""
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from . import sso
from .forms import SignInForm
from .views import SignInView, TwoFactorView

OPT_OUT_MAX_AGE = 7 * 24 * 3600  # Better-Auth's session lifetime


class McpAdminSite(admin.AdminSite):
    site_header = "MCP Manager admin"
    site_title = "MCP Manager admin"
    index_title = "Administration"
    login_form = SignInForm
    login_template = "admin/login.html"

    def get_urls(self):
        return [
            path("login/two-factor/", self.two_factor, name="two_factor"),
            *super().get_urls(),
        ]

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": "Sign in",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return SignInView.as_view(
            extra_context=context, authentication_form=self.login_form, template_name=self.login_template
        )(request)

    @method_decorator(never_cache)
    @login_not_required
    def two_factor(self, request):
        request.current_app = self.name
        context = {**self.each_context(request), "title": "Two-factor authentication", "subtitle": None,
                   "app_path": request.get_full_path()}
        return TwoFactorView.as_view(extra_context=context)(request)

    def logout(self, request, extra_context=None):
        sso_session_id = request.session.get(sso.SESSION_KEY)
        response = super().logout(request, extra_context)
        if sso_session_id and request.method == "POST" and response.status_code < 400:
            # The frontend cookie is still there: do not sign them straight back in.
            response.set_cookie(
                sso.OPT_OUT_COOKIE, sso.opt_out_value(sso_session_id), max_age=OPT_OUT_MAX_AGE,
                httponly=True, samesite="Lax", secure=request.is_secure(),
            )
        return response
