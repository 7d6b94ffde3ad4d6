"""Helpers shared by the tenancy and registry admin tests: people with the
permissions of a role (made directly, without the sign-in flow), admin URLs,
action posts and query counting."""
from django import forms
from django.conf import settings
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.services import BETTER_AUTH_USERNAME_PREFIX
from tests.factories.tenancy import UserFactory


def role_permissions(role: str) -> list[Permission]:
    perms = []
    for label, actions in settings.ADMIN_ROLE_PERMISSIONS[role].items():
        app_label, model = label.split(".")
        codenames = [f"{action}_{model}" for action in actions]
        perms += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    return perms


def staff_member(role: str):
    """A Better-Auth user with `role` and the Django user mapped onto it
    (username ba:<id>), holding the role's permissions."""
    person = UserFactory(role=role)
    django_user = get_user_model().objects.create(
        username=f"{BETTER_AUTH_USERNAME_PREFIX}{person.id}", email=person.email, is_staff=True,
    )
    django_user.user_permissions.set(role_permissions(role))
    return person, django_user


def client_for(django_user) -> Client:
    client = Client()
    client.force_login(django_user)
    return client


def admin_url(model_or_obj, view: str, *args) -> str:
    opts = model_or_obj._meta
    if view in ("change", "delete", "history") and not args:
        args = (model_or_obj.pk,)
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def post_action(client, model, action: str, ids, follow=False, **extra):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [str(i) for i in ids], **extra}
    return client.post(admin_url(model, "changelist"), data, follow=follow)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages] if hasattr(response, "wsgi_request") else []


def form_data(response, form_key="adminform"):
    """The POST data a person would send back from a rendered change form,
    including inline management forms and every inline row."""
    context = response.context
    data = {}
    form = context[form_key].form
    for name, field in form.fields.items():
        data.update(_field_data(form, name, field))
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for inline_form in formset.forms:
            for name, field in inline_form.fields.items():
                data.update(_field_data(inline_form, name, field))
    return data


def _field_data(form, name, field):
    key = form.add_prefix(name)
    if field.disabled:
        return {}
    value = form[name].value()
    if isinstance(field.widget, forms.SplitDateTimeWidget):
        if not value:
            return {f"{key}_0": "", f"{key}_1": ""}
        day, time = field.widget.decompress(value)
        return {f"{key}_0": day.isoformat(), f"{key}_1": time.isoformat()}
    if isinstance(field.widget, forms.CheckboxInput):
        return {key: "on"} if value else {}
    if value is None:
        return {}
    if isinstance(value, (list, tuple)):
        return {key: [str(v) for v in value]}
    return {key: str(value)}
