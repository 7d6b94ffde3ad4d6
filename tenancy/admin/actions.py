"""Admin actions that ask for input first (a reason, an expiry).

Django's pattern: the action answers the first POST with an intermediate
page (the selected ids as hidden fields); that page posts back to the same
action with `apply`, and the action runs the service for every selected row.
The whole run is one transaction (AuditedAdminMixin.response_action): a
service refusing one row rolls back every row, so nothing is half done.
"""
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse

from audit.services import actor_from_request
from mcpmanager.services import ServiceError

APPLY_FIELD = "apply"
ACTION_FORM_TEMPLATE = "admin/tenancy/action_form.html"


def run_for_each(modeladmin, request, queryset, service, *, done, **kwargs):
    """Call `service(actor=…, <model name>=row, **kwargs)` for each row, all or
    nothing; report the outcome as one message. Returns the rows done."""
    rows = list(queryset)
    if not rows:
        # Every selected id was unknown (deleted meanwhile, or a forged id).
        modeladmin.message_user(
            request, f"None of the selected {modeladmin.opts.verbose_name_plural} exist; nothing was changed.",
            messages.WARNING,
        )
        return []
    actor = actor_from_request(request)
    argument = modeladmin.opts.model_name
    try:
        with transaction.atomic():
            for row in rows:
                service(actor=actor, **{argument: row}, **kwargs)
    except ServiceError as error:
        modeladmin.message_user(request, f"Nothing was changed: {error}", messages.ERROR)
        return []
    modeladmin.message_user(request, done(len(rows)), messages.SUCCESS)
    return rows


def with_input_form(modeladmin, request, queryset, *, form_class, title, action, intro, apply):
    """The intermediate page of an action that needs input; `apply(cleaned_data)`
    runs once the form is valid. Returns None (back to the list) or the page."""
    if APPLY_FIELD in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            apply(form.cleaned_data)
            return None
    else:
        form = form_class()
    rows = list(queryset)
    if not rows:
        modeladmin.message_user(
            request, f"None of the selected {modeladmin.opts.verbose_name_plural} exist; nothing was changed.",
            messages.WARNING,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "form": form,
        "rows": rows,
        "action": action,
        "apply_field": APPLY_FIELD,
        "opts": modeladmin.opts,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)


class TamperProofActionsMixin:
    """A selected id that cannot even be a primary key (a forged "x" for a
    uuid) is a 400 with a clear message, not Django's 500 from
    `filter(pk__in=…)`. Ids that are well formed but unknown simply select
    nothing (the action then says so)."""

    def response_action(self, request, queryset):
        pk = self.opts.pk
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                pk.to_python(value)
            except ValidationError:
                return HttpResponseBadRequest(
                    f"The form was tampered with: “{value[:64]}” is not a {self.opts.verbose_name} id. "
                    "Nothing was changed.", content_type="text/plain; charset=utf-8",
                )
        return super().response_action(request, queryset)
