"""Related objects as links only for viewers who may open them.

Django renders a read-only foreign key as a link to the target's change page
whatever the viewer's permissions, so staff (who may view servers but not
tenants) were sent to a 403. Here such a field is swapped, for that viewer
only, for a `RelatedLink`, a display callable showing the target as text
(the page's CSS classes and label stay those of the field).
"""
from django.contrib.admin.utils import flatten_fieldsets, quote
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html


def may_view(request, admin_site, model) -> bool:
    """Whether the viewer may open `model`'s admin pages (False when it has none)."""
    if not admin_site.is_registered(model):
        return False
    return admin_site.get_model_admin(model).has_view_permission(request)


def related_link(request, admin_site, obj, empty: str = "-"):
    """`obj` as a link to its change page when the viewer may view its model, else as text."""
    if obj is None:
        return empty
    if not may_view(request, admin_site, type(obj)):
        return str(obj)
    opts = obj._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)],
                      current_app=admin_site.name)
    except NoReverseMatch:
        return str(obj)
    return format_html('<a href="{}">{}</a>', url, obj)


class RelatedLink:
    """A read-only foreign key rendered through `related_link` (a display
    callable); equal to another for the same field, never to a field name."""

    def __init__(self, field, request, model_admin):
        self.field, self.request, self.admin_site = field, request, model_admin.admin_site
        self.empty = model_admin.get_empty_value_display()
        self.__name__ = field.name  # the cell/row keeps its CSS class "field-<name>"
        self.short_description = field.verbose_name

    def __call__(self, obj):
        if getattr(obj, self.field.attname, None) is None:
            return self.empty
        return related_link(self.request, self.admin_site, getattr(obj, self.field.name), self.empty)

    def __eq__(self, other):
        return isinstance(other, RelatedLink) and other.field.name == self.field.name

    def __hash__(self):
        return hash((RelatedLink, self.field.name))

    def __str__(self):
        return self.field.name


def _links_for(model_admin, request, names) -> dict:
    """{name: RelatedLink} for the foreign keys among `names` whose target the viewer may not view."""
    links = {}
    for name in names:
        if not isinstance(name, str):
            continue
        try:
            field = model_admin.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if (field.many_to_one or field.one_to_one) and field.concrete and not may_view(
            request, model_admin.admin_site, field.related_model
        ):
            links[name] = RelatedLink(field, request, model_admin)
    return links


def _swap(fields, links):
    swapped = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            swapped.append(type(field)(_swap(field, links)))
        else:
            swapped.append(links.get(field, field) if isinstance(field, str) else field)
    return swapped


def _names(fields) -> set:
    return {str(f) for f in fields if isinstance(f, (str, RelatedLink))}


class _PermittedLinks:
    """Read-only foreign keys are swapped for RelatedLinks; the fields they
    replace are kept out of the form (excluded), the links out of `fields`."""

    def _all_readonly(self, request, obj) -> bool:
        raise NotImplementedError

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        links = _links_for(self, request, fields)
        return _swap(fields, links) if links else fields

    def get_exclude(self, request, obj=None):
        exclude = super().get_exclude(request, obj)
        replaced = [str(f) for f in self.get_readonly_fields(request, obj) if isinstance(f, RelatedLink)]
        if not replaced:
            return exclude
        # A non-None exclude makes Django skip the form's Meta.exclude: keep it.
        base = list(exclude if exclude is not None else getattr(getattr(self.form, "_meta", None), "exclude", None) or ())
        return base + [name for name in replaced if name not in base]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = flatten_fieldsets(fieldsets)
        if not self._all_readonly(request, obj):
            readonly = _names(self.get_readonly_fields(request, obj))
            names = [n for n in names if n in readonly]
        links = _links_for(self, request, names)
        if not links:
            return fieldsets
        return [(name, {**opts, "fields": _swap(opts.get("fields", ()), links)}) for name, opts in fieldsets]


def _without_links(fields):
    return None if fields is None else [f for f in fields if not isinstance(f, RelatedLink)]


class PermittedLinksMixin(_PermittedLinks):
    """For ModelAdmins: read-only foreign keys link only where the viewer may go."""

    def _all_readonly(self, request, obj):
        return obj is not None and not self.has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" in kwargs:
            kwargs["fields"] = _without_links(kwargs["fields"])
        return super().get_form(request, obj, change, **kwargs)


class PermittedLinksInlineMixin(_PermittedLinks):
    """For inlines: the same, on every row."""

    def _all_readonly(self, request, obj):
        return not (self.has_change_permission(request, obj) or self.has_add_permission(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        fields = kwargs.pop("fields", None)
        if fields is None:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        return super().get_formset(request, obj, fields=_without_links(fields), **kwargs)
