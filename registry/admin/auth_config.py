"""Editing mcp_server.auth_config without ever showing a value.

The change form gets, per existing key, a password input (blank keeps the
value; the browser never receives it: render_value=False) and a "remove"
checkbox, plus one "add key" pair. The inputs are built for the keys of the
row the form was made from; the optimistic lock (updated_at token) refuses a
post made against another version of the row, so the keys posted are the
keys the row has. The audit row names the keys that changed, values redacted.
"""
from django import forms

from audit import services as audit
from mcpmanager.admin.audited import UPDATE, record_admin_change
from registry import services
from registry.models import McpServer

AUTH_FIELD = "auth_config"
NEW_KEY, NEW_VALUE = "auth_new_key", "auth_new_value"
KEY_NAME_LIMIT = 200
VALUE_LIMIT = 10_000


def value_field(index: int) -> str:
    return f"auth_value_{index}"


def remove_field(index: int) -> str:
    return f"auth_remove_{index}"


def current_keys(obj) -> list[str]:
    config = getattr(obj, AUTH_FIELD, None) if obj is not None else None
    return sorted(config) if isinstance(config, dict) else []


def secret_input() -> forms.PasswordInput:
    # Never echo a value back, not even after a validation error.
    return forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"})


def form_field_names(keys) -> list:
    rows = [(value_field(i), remove_field(i)) for i in range(len(keys))]
    return [*rows, (NEW_KEY, NEW_VALUE)]


class AuthConfigFormMixin:
    """Form side; `auth_keys` (the row's keys, sorted) is set per form class."""

    auth_keys: tuple = ()

    def clean(self):
        cleaned = super().clean()
        replace, remove = {}, set()
        for index, key in enumerate(self.auth_keys):
            value = cleaned.get(value_field(index)) or ""
            removing = bool(cleaned.get(remove_field(index)))
            if value and removing:
                self.add_error(value_field(index), f"“{key}” is marked for removal; give it a new value or remove it.")
            elif removing:
                remove.add(key)
            elif value:
                replace[key] = value
        add = {}
        new_key = (cleaned.get(NEW_KEY) or "").strip()
        new_value = cleaned.get(NEW_VALUE) or ""
        if new_key and not new_value:
            self.add_error(NEW_VALUE, "Give the new key a value.")
        elif new_value and not new_key:
            self.add_error(NEW_KEY, "Name the key the value belongs to.")
        elif new_key:
            add[new_key] = new_value
        if self.errors:
            return cleaned
        try:
            self._auth_config = services.apply_auth_config_edit(
                getattr(self.instance, AUTH_FIELD), replace=replace, add=add, remove=remove
            )
        except services.RegistryServiceError as error:
            self.add_error(NEW_KEY if add else None, str(error))
        return cleaned

    def _post_clean(self):
        # Reached only when the concurrency token matched (OptimisticLockFormMixin).
        super()._post_clean()
        new_config = getattr(self, "_auth_config", None)
        if new_config is not None and not self.errors:
            setattr(self.instance, AUTH_FIELD, new_config)


def auth_config_form(base_form, keys) -> type:
    """`base_form` with the inputs for `keys` declared (the admin's form
    factory only accepts declared names for non-model fields)."""
    attrs = {"auth_keys": tuple(keys)}
    for index, key in enumerate(keys):
        attrs[value_field(index)] = forms.CharField(
            label=f"New value for “{key}”", required=False, strip=False, max_length=VALUE_LIMIT,
            widget=secret_input(), help_text="Leave blank to keep the current value (never shown).",
        )
        attrs[remove_field(index)] = forms.BooleanField(label=f"Remove “{key}”", required=False)
    attrs[NEW_KEY] = forms.CharField(
        label="Add key", required=False, max_length=KEY_NAME_LIMIT,
        help_text="Name of a new auth_config key (e.g. token).",
    )
    attrs[NEW_VALUE] = forms.CharField(
        label="Value of the new key", required=False, strip=False, max_length=VALUE_LIMIT, widget=secret_input(),
    )
    return type(base_form.__name__, (AuthConfigFormMixin, base_form), attrs)


def auth_config_change_row(request, obj, *, before: dict, after: dict):
    """The admin's audit row of a server change, with auth_config recorded as
    the names of the changed keys (values redacted)."""
    changes = audit.diff(before, after, secrets=audit.secret_fields(McpServer))
    if AUTH_FIELD in changes:
        changes[AUTH_FIELD] = services.auth_config_changes(before.get(AUTH_FIELD), after.get(AUTH_FIELD))
    return record_admin_change(
        request, obj, UPDATE, before=before, after=after, changes=changes,
        risk_level="medium" if AUTH_FIELD in changes else None,
    )
