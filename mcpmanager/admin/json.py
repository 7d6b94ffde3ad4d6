"""JSON columns edited as pretty-printed text and shown pretty when read-only.

Editing: a monospace textarea holding indented JSON; text that does not parse
is a form error naming the field and the position (never a 500); an emptied
non-null column gets its default back instead of a NOT NULL violation.
Read-only (declared read-only, or a user with view permission only): the
column is rendered through `pretty__<name>`, an indented <pre> block.
"""
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput, JSONString
from django.utils.html import format_html

from mcpmanager.admin.secrets import PRETTY_PREFIX, declared_secrets



def pretty_json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False, default=str)


def pretty_json_html(value):
    return format_html('<pre class="mcp-json">{}</pre>', pretty_json(value))


class PrettyJSONWidget(forms.Textarea):
    def __init__(self, attrs=None):
        base = {"class": "mcp-json vLargeTextField", "rows": 12, "spellcheck": "false",
                "style": "font-family: monospace; white-space: pre;"}
        super().__init__({**base, **(attrs or {})})


class PrettyJSONFormField(forms.JSONField):
    widget = PrettyJSONWidget

    def __init__(self, *args, empty_value_default=None, has_empty_default=False, **kwargs):
        self.empty_value_default = empty_value_default
        self.has_empty_default = has_empty_default
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if self.disabled or isinstance(value, (list, dict, int, float, JSONString)):
            return value
        if value in self.empty_values:
            return self.empty_value_default if self.has_empty_default else None
        try:
            converted = json.loads(value, cls=self.decoder)
        except json.JSONDecodeError as error:
            raise ValidationError(
                "%(label)s is not valid JSON: %(reason)s (line %(line)s, column %(column)s).",
                code="invalid",
                params={"label": self.label or "This field", "reason": error.msg,
                        "line": error.lineno, "column": error.colno},
            )
        return JSONString(converted) if isinstance(converted, str) else converted

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, indent=2, ensure_ascii=False, cls=self.encoder)


def _json_field_names(model) -> set:
    # Secret JSON columns are never rendered, pretty or not.
    return {f.name for f in model._meta.concrete_fields
            if isinstance(f, models.JSONField) and f.name not in declared_secrets(model)}


def _swap(names, json_names):
    """Replace read-only JSON column names by their pretty display names."""
    out = []
    for entry in names:
        if isinstance(entry, (list, tuple)):
            out.append(tuple(PRETTY_PREFIX + f if f in json_names else f for f in entry))
        else:
            out.append(PRETTY_PREFIX + entry if entry in json_names else entry)
    return out


class PrettyJSONWidgetsMixin:
    """Editable JSON columns as indented monospace text (inlines use this part)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            empty = {}
            if not db_field.null and db_field.has_default():
                empty = {"has_empty_default": True, "empty_value_default": db_field.get_default()}
            kwargs.pop("widget", None)
            return db_field.formfield(form_class=PrettyJSONFormField, **empty, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PrettyJSONMixin(PrettyJSONWidgetsMixin):
    """Pretty JSON for every JSONField: an indented monospace textarea when
    editable (invalid JSON -> a form error naming the field), an indented
    <pre> when read-only (`pretty__<column>` display fields)."""

    def _readonly_json(self, request, obj):
        json_names = _json_field_names(self.model)
        if obj is not None and not self.has_change_permission(request, obj):
            return json_names
        return json_names & set(super().get_readonly_fields(request, obj))

    def get_readonly_fields(self, request, obj=None):
        return _swap(super().get_readonly_fields(request, obj), _json_field_names(self.model))

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        json_readonly = _json_field_names(self.model) & set(super().get_readonly_fields(request, obj))
        return [*exclude, *(json_readonly - set(exclude))] or None

    def get_fieldsets(self, request, obj=None):
        readonly_json = self._readonly_json(request, obj)
        return [(name, {**opts, "fields": _swap(opts.get("fields", ()), readonly_json)})
                for name, opts in super().get_fieldsets(request, obj)]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [f for f in kwargs["fields"] if not str(f).startswith(PRETTY_PREFIX)]
        return super().get_form(request, obj, change=change, **kwargs)

    def __getattr__(self, name):
        # `pretty__<json column>`: the read-only display of that column.
        if name.startswith(PRETTY_PREFIX):
            column = name[len(PRETTY_PREFIX):]
            if column in _json_field_names(self.model) and column not in declared_secrets(self.model):
                def display(obj):
                    return pretty_json_html(getattr(obj, column))
                display.short_description = self.model._meta.get_field(column).verbose_name
                return display
        raise AttributeError(name)
