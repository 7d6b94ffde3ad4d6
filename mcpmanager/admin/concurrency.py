"""No lost updates: the change form carries the row's `updated_at`.

The form holds the value of `updated_at` it was opened with (a hidden field).
On save, inside the change view's transaction, the row is locked
(SELECT … FOR UPDATE) before it is read, so the comparison and the write see
the same row. When the token differs, the form is refused with a non-field
error, every field shows the current value read-only, nothing is written.
The touch_updated_at trigger moves `updated_at` forward on every UPDATE by
any writer, which is what makes the token reliable.
"""
import datetime

from django import forms
from django.db import connections, router
from django.forms.utils import ErrorDict

TOKEN_FIELD = "concurrency_token"
TOKEN_COLUMN = "updated_at"
CONFLICT_MESSAGE = (
    "This {name} was changed by someone else after you opened it; the current values are shown below "
    "and nothing was saved. Reload the page to edit it again."
)
MISSING_TOKEN_MESSAGE = "The form is missing its concurrency token; reload the page and try again."


def encode_token(value: datetime.datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def decode_token(text: str | None) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def has_token_column(model) -> bool:
    return any(f.name == TOKEN_COLUMN for f in model._meta.concrete_fields)


class OptimisticLockFormMixin:
    """Form side: initial token from the instance; a mismatch refuses the save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial[TOKEN_FIELD] = encode_token(getattr(self.instance, TOKEN_COLUMN))
        self.concurrency_conflict = False

    def _post_clean(self):
        posted = decode_token(self.data.get(self.add_prefix(TOKEN_FIELD)))
        current = getattr(self.instance, TOKEN_COLUMN)
        if posted is not None and posted == current:
            return super()._post_clean()
        # Conflict (or a form without a token): show the current row, read-only,
        # with a fresh token; skip construct_instance so nothing is applied.
        self.concurrency_conflict = True
        message = MISSING_TOKEN_MESSAGE if posted is None else CONFLICT_MESSAGE.format(
            name=self.instance._meta.verbose_name
        )
        self._errors = ErrorDict()
        self.add_error(None, message)
        for name, field in self.fields.items():
            if name != TOKEN_FIELD:
                field.disabled = True
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN_FIELD)] = encode_token(current)


class OptimisticLockMixin:
    """Refuses a change-form save when the row's `updated_at` moved since the
    form was opened: the form shows "changed by someone else" and the current
    values, nothing is written. Models without `updated_at` are unaffected.
    (Changelist `list_editable` edits are not covered; don't use it.)"""

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST" and has_token_column(self.model):
            self._lock_row(object_id, from_field)
        return super().get_object(request, object_id, from_field)

    def _lock_row(self, object_id, from_field):
        """Lock the row before reading it; only inside the view's transaction."""
        using = router.db_for_write(self.model)
        if not connections[using].in_atomic_block:
            return
        field = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        try:
            value = field.to_python(object_id)
        except Exception:  # a malformed id: get_object answers "not found"
            return
        list(
            self.model._base_manager.using(using)
            .select_for_update()
            .filter(**{field.name: value})
            .values_list("pk", flat=True)
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None or not has_token_column(self.model) or not self.has_change_permission(request, obj):
            return super().get_form(request, obj, change=change, **kwargs)
        if kwargs.get("fields"):
            kwargs["fields"] = [f for f in kwargs["fields"] if f != TOKEN_FIELD]
        form_class = super().get_form(request, obj, change=change, **kwargs)
        attrs = {TOKEN_FIELD: forms.CharField(widget=forms.HiddenInput, required=False)}
        return type(form_class.__name__, (OptimisticLockFormMixin, form_class), attrs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not has_token_column(self.model) or not self.has_change_permission(request, obj):
            return fieldsets
        if any(TOKEN_FIELD in _flat(opts.get("fields", ())) for _name, opts in fieldsets):
            return fieldsets
        # Declared fieldsets don't know the token: add it to the last one.
        *head, (name, opts) = fieldsets
        return [*head, (name, {**opts, "fields": [*opts.get("fields", ()), TOKEN_FIELD]})]


def _flat(fields):
    for f in fields:
        if isinstance(f, (list, tuple)):
            yield from f
        else:
            yield f
