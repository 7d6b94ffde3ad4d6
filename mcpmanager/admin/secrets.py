"""Secret columns never reach a page: forms, read-only fields, lists, search.

A model lists its secret columns in `SECRET_FIELDS` (see the models). JSON
secrets (mcp_server.auth_config) are shown as their keys with masked values;
other secrets as "set" / "not set". Some columns are secret only on some rows
(system_config.value when is_sensitive): `CONDITIONAL_SECRETS` names them.
"""
from django.contrib import admin
from django.utils.html import format_html, format_html_join

MASK = "••••••••"
SECRETS_SUMMARY_FIELD = "secret_fields_summary"

# db_table -> {column: boolean attribute that makes it secret on that row}.
CONDITIONAL_SECRETS = {"system_config": {"value": "is_sensitive"}}


def declared_secrets(model) -> frozenset:
    return frozenset(getattr(model, "SECRET_FIELDS", frozenset()))


def conditional_secrets(model) -> dict:
    return CONDITIONAL_SECRETS.get(model._meta.db_table, {})


def hidden_fields(model, obj=None) -> frozenset:
    """The secret columns to hide for this row (all unconditional ones, plus
    conditional ones whose flag is set; on the add form, conditional ones are
    inputs and stay visible)."""
    conditional = conditional_secrets(model)
    always = declared_secrets(model) - set(conditional)
    on_this_row = {name for name, flag in conditional.items() if obj is not None and getattr(obj, flag, False)}
    return frozenset(always | on_this_row)


def mask_value(value):
    """Keys kept, values masked (dicts, recursively); anything else masked whole."""
    if isinstance(value, dict):
        return {key: mask_value(item) if isinstance(item, dict) else MASK for key, item in value.items()}
    return MASK if value not in (None, "", [], {}) else value


PRETTY_PREFIX = "pretty__"  # mcpmanager.admin.json's read-only display names


def is_secret_lookup(lookup: str, secrets) -> bool:
    """`auth_config`, `auth_config__token`, `^auth_config`, `pretty__auth_config`:
    all touch a secret."""
    name = str(lookup).lstrip("^=@")
    if name.startswith(PRETTY_PREFIX):
        name = name[len(PRETTY_PREFIX):]
    return name.split("__", 1)[0] in secrets


class SecretsHiddenMixin:
    """Keeps the model's SECRET_FIELDS out of forms, read-only fields,
    list_display, list_filter and search. A read-only "Secrets" row shows
    which are set (JSON secrets: their keys, values masked). Use
    `visible_fields(model)` for anything else that lists columns (exports)."""

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return [*exclude, *(hidden_fields(self.model, obj) - set(exclude))] or None

    def get_readonly_fields(self, request, obj=None):
        secrets = hidden_fields(self.model, obj)
        fields = [f for f in super().get_readonly_fields(request, obj) if not is_secret_lookup(f, secrets)]
        if obj is not None and secrets and SECRETS_SUMMARY_FIELD not in fields:
            fields.append(SECRETS_SUMMARY_FIELD)
        return fields

    def get_fields(self, request, obj=None):
        secrets = hidden_fields(self.model, obj)
        return [f for f in super().get_fields(request, obj) if not is_secret_lookup(f, secrets)]

    def get_fieldsets(self, request, obj=None):
        secrets = hidden_fields(self.model, obj)
        cleaned = []
        for name, opts in super().get_fieldsets(request, obj):
            fields = []
            for entry in opts.get("fields", ()):
                if isinstance(entry, (list, tuple)):
                    kept = tuple(f for f in entry if not is_secret_lookup(f, secrets))
                    if kept:
                        fields.append(kept)
                elif not is_secret_lookup(entry, secrets):
                    fields.append(entry)
            cleaned.append((name, {**opts, "fields": fields}))
        flat = {f for _n, opts in cleaned for e in opts["fields"] for f in (e if isinstance(e, tuple) else (e,))}
        if obj is not None and secrets and SECRETS_SUMMARY_FIELD not in flat and cleaned:
            *head, (name, opts) = cleaned
            cleaned = [*head, (name, {**opts, "fields": [*opts["fields"], SECRETS_SUMMARY_FIELD]})]
        return cleaned

    def get_list_display(self, request):
        secrets = declared_secrets(self.model)
        return [f for f in super().get_list_display(request) if not (isinstance(f, str) and is_secret_lookup(f, secrets))]

    def get_list_filter(self, request):
        secrets = declared_secrets(self.model)
        return [f for f in super().get_list_filter(request) if not (isinstance(f, str) and is_secret_lookup(f, secrets))]

    def get_search_fields(self, request):
        secrets = declared_secrets(self.model)
        return [f for f in super().get_search_fields(request) if not is_secret_lookup(f, secrets)]

    @admin.display(description="Secrets")
    def secret_fields_summary(self, obj):
        rows = []
        for name in sorted(hidden_fields(self.model, obj)):
            value = getattr(obj, name, None)
            if isinstance(value, dict):
                shown = ", ".join(f"{key}: {MASK}" for key in value) or "not set"
            else:
                shown = "set" if value not in (None, "", [], {}) else "not set"
            rows.append((name, shown))
        return format_html("<ul class='mcp-secrets'>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))


def visible_fields(model, obj=None) -> list[str]:
    """Concrete column names that may be shown or exported for this model."""
    secrets = hidden_fields(model, obj) | (declared_secrets(model) if obj is None else frozenset())
    return [f.name for f in model._meta.concrete_fields if f.name not in secrets]
