"""List filters for large history tables: never SELECT DISTINCT over them.

Choices come from enums, static lists or small tables; free values (actor,
action, ids, dates) are typed into an input and matched exactly, so each
filter is one equality or range on an indexed column. A value that cannot be
used (malformed date, unknown choice) gives a message and an empty result,
never an error page.
"""
import datetime

from django.contrib import admin, messages
from django.utils.dateparse import parse_date, parse_datetime
from django.utils import timezone

MAX_INPUT_LENGTH = 200  # longer filter values are refused (ids, emails and types are short)


class InputFilter(admin.ListFilter):
    """A text input matched exactly against `field` (or by `filter_value`)."""

    parameter_name: str = ""
    field: str = ""
    template = "admin/audit/input_filter.html"
    placeholder = ""

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.request = request
        if self.parameter_name in params:
            value = params.pop(self.parameter_name)
            value = value[-1] if isinstance(value, list) else value
            if value.strip():
                self.used_parameters[self.parameter_name] = value.strip()

    def value(self):
        return self.used_parameters.get(self.parameter_name)

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.parameter_name]

    def choices(self, changelist):
        # The template needs the other current parameters to keep them.
        others = [(k, v) for k, values in self.request.GET.lists() if k not in (self.parameter_name, "p")
                  for v in values]
        yield {"value": self.value() or "", "others": others, "parameter_name": self.parameter_name,
               "placeholder": self.placeholder,
               "clear_query": changelist.get_query_string(remove=[self.parameter_name])}

    def refuse(self, queryset, message):
        messages.warning(self.request, message)
        return queryset.none()

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return None
        if len(value) > MAX_INPUT_LENGTH:
            return self.refuse(queryset, f"The {self.title} filter is too long (over {MAX_INPUT_LENGTH} characters).")
        return self.filter_value(queryset, value)

    def filter_value(self, queryset, value):
        return queryset.filter(**{self.field: value})


def parse_moment(text: str, *, end_of_day: bool):
    """An aware datetime from `YYYY-MM-DD` or an ISO datetime, else None."""
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None:
                return None
            moment = datetime.datetime.combine(day + datetime.timedelta(days=1) if end_of_day else day,
                                               datetime.time.min)
    except (ValueError, OverflowError):
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class DateBoundFilter(InputFilter):
    """`field` >= a date (`since`) or < the day after a date (`until`)."""

    bound = "since"  # or "until"
    placeholder = "YYYY-MM-DD or YYYY-MM-DDTHH:MM"

    def filter_value(self, queryset, value):
        moment = parse_moment(value, end_of_day=self.bound == "until")
        if moment is None:
            return self.refuse(queryset, f"“{value[:50]}” is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
        lookup = "gte" if self.bound == "since" else "lt"
        return queryset.filter(**{f"{self.field}__{lookup}": moment})


class StaticChoicesFilter(admin.SimpleListFilter):
    """Choices from a fixed list; `filter_value` maps a choice to a filter."""

    static_choices: tuple = ()  # ((value, label), ...)
    field = ""

    def lookups(self, request, model_admin):
        return list(self.static_choices)

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return None
        if value not in {str(v) for v, _label in self.lookup_choices}:
            messages.warning(request, f"Unknown {self.title} “{value[:50]}”.")
            return queryset.none()
        return self.filter_value(queryset, value)

    def filter_value(self, queryset, value):
        return queryset.filter(**{self.field: value})


class BooleanChoicesFilter(StaticChoicesFilter):
    static_choices = (("yes", "Yes"), ("no", "No"))

    def filter_value(self, queryset, value):
        return queryset.filter(**{self.field: value == "yes"})
