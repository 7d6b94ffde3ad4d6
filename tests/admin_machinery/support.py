"""Helpers: submit an admin form the way a browser would, from its page."""


def _add_form(data, form):
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            value = ""
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)


def form_data(response, **changes):
    """The POST data of a rendered admin change/add page, with `changes` applied."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add_form(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add_form(data, form)
    data["_save"] = "Save"
    data.update(changes)
    return data
