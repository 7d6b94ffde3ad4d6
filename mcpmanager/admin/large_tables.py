"""Changelists over tables with tens of millions of rows.

Django's changelist counts the whole table twice (`paginator.count` and
`show_full_result_count`). Here: no full count ever. Unfiltered, the number
of rows comes from the planner's statistics (pg_class.reltuples); filtered,
from a count bounded by a LIMIT (`COUNT(*) FROM (… LIMIT n+1)`), shown as
"more than n" past the bound — or, where the planner expects many times
the bound (an OR of two indexes would read every match even for a bounded
count), the planner's estimate for the filter. Pages past `max_pages` are
not offered: a date filter jumps further back, cheaply (OFFSET grows with
the page number).
An out-of-range page number shows the nearest page with a message, not the
stock "Database error" redirect.

With `keyset_pagination` (history pages ordered by (-<time>, -id)), only the
first MAX_OFFSET_PAGES pages are numbered; past them, and for older/newer
from there, the page is addressed by a cursor on (time, id) — `?before=…`
(older than that row) or `?after=…` (newer) — which an index answers at any
depth, so the 10,000th page costs what the second does (Keyset).
"""
import datetime
import json
from functools import cached_property

from django.contrib import messages
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

COUNT_BOUND = 10_000  # rows counted at most when filtered (or when the table is small)
MAX_PAGES = 200  # deepest page offered; use the date filter beyond it
MAX_OFFSET_PAGES = 20  # with keyset pagination: numbered pages (OFFSET <= 950 rows), cursors beyond

BEFORE_VAR, AFTER_VAR = "before", "after"  # ?before=<key>: older than that row; ?after=<key>: newer
CURSOR_VARS = (BEFORE_VAR, AFTER_VAR)


def estimated_rows(model, using="default") -> int | None:
    """The planner's estimate of a table's rows, None when never analyzed."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)", [model._meta.db_table])
        row = cursor.fetchone()
    return row[0] if row and row[0] is not None and row[0] >= 0 else None


def planned_rows(queryset) -> int | None:
    """The planner's row estimate for a filtered queryset (EXPLAIN, nothing
    read), None when there is nothing to plan."""
    try:
        plan = json.loads(queryset.order_by().explain(format="json"))
        return int(plan[0]["Plan"]["Plan Rows"])
    except (EmptyResultSet, ValueError, KeyError, IndexError, TypeError):  # e.g. .none(): nothing to explain
        return None


class EstimatedCountPaginator(Paginator):
    """A paginator whose `count` never scans the whole table.

    `is_estimate` says the count came from statistics; `is_bounded` that the
    filtered result has more rows than were counted."""

    count_bound = COUNT_BOUND
    max_pages = MAX_PAGES
    plan_only_factor = 3  # no count when the planner expects over 3x count_bound rows

    is_estimate = False
    is_bounded = False

    @cached_property
    def count(self):
        queryset = self.object_list
        if not queryset.query.where:
            estimate = estimated_rows(queryset.model, queryset.db)
            if estimate is not None and estimate > self.count_bound:
                self.is_estimate = True
                return estimate
        else:
            # Even a LIMITed count reads every match of an OR of two indexes
            # (a bitmap): when the planner expects far more rows than the bound,
            # show its estimate instead of counting.
            planned = planned_rows(queryset)
            if planned is not None and planned > self.count_bound * self.plan_only_factor:
                self.is_estimate = True
                return planned
        bounded = queryset.order_by()[: self.count_bound + 1].count()
        if bounded > self.count_bound:
            self.is_bounded = True
            return self.count_bound
        return bounded

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.max_pages)


class Keyset:
    """A row's position in the order (-<datetime field>, -pk), written
    "<UTC time with microseconds>~<pk>" (URL-safe, shareable).

    older_than/newer_than lead with a range on the datetime (the index
    condition of every `(…, <time> DESC)` index) and drop the rows tied at
    that instant with a pk comparison, so equal timestamps page correctly."""

    SEPARATOR = "~"
    MAX_LENGTH = 120
    MAX_BIGINT = 2**63 - 1

    def __init__(self, model, field_name):
        self.model = model
        self.field = field_name

    @classmethod
    def for_ordering(cls, model, ordering):
        """A Keyset when `ordering` is ("-<datetime field>", "-id"/"-pk"), else None."""
        ordering = tuple(ordering or ())
        if len(ordering) != 2 or not all(isinstance(o, str) and o.startswith("-") for o in ordering):
            return None
        name, tie = ordering[0][1:], ordering[1][1:]
        if tie not in ("pk", model._meta.pk.name):
            return None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        return cls(model, name) if field.get_internal_type() == "DateTimeField" else None

    def key_of(self, row) -> str:
        moment = getattr(row, self.field).astimezone(datetime.timezone.utc)
        return f"{moment.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}{self.SEPARATOR}{row.pk}"

    def parse(self, text: str):
        """(aware datetime, pk) from a key, None when it is not one."""
        if not text or len(text) > self.MAX_LENGTH:
            return None
        stamp, separator, pk_text = text.partition(self.SEPARATOR)
        if not separator or not pk_text:
            return None
        try:
            moment = parse_datetime(stamp)
            pk = self.model._meta.pk.to_python(pk_text)
        except (ValueError, ValidationError, OverflowError):
            return None
        if moment is None or pk is None or (isinstance(pk, int) and abs(pk) > self.MAX_BIGINT):
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.timezone.utc)
        return moment, pk

    def older_than(self, queryset, key):
        moment, pk = key
        return queryset.filter(**{f"{self.field}__lte": moment}).filter(
            Q(**{f"{self.field}__lt": moment}) | Q(pk__lt=pk)
        )

    def newer_than(self, queryset, key):
        """Ascending (the nearest newer rows first): reverse for display."""
        moment, pk = key
        return queryset.filter(**{f"{self.field}__gte": moment}).filter(
            Q(**{f"{self.field}__gt": moment}) | Q(pk__gt=pk)
        ).order_by(self.field, "pk")


class LargeTableChangeList(ChangeList):
    """ChangeList.get_results without the full count, with the page number
    clamped into the offered range instead of an error redirect, and (when
    the admin has a keyset) cursor pages past the numbered ones."""

    keyset_mode = False  # this page was addressed by a cursor
    newest_url = None

    def get_queryset(self, request, exclude_parameters=None):
        # The cursor is a position, not a filter: keep it out of the filters,
        # the search form and every filter link (they restart at the newest rows).
        for name in CURSOR_VARS:
            self.params.pop(name, None)
            self.filter_params.pop(name, None)
        return super().get_queryset(request, exclude_parameters)

    def get_results(self, request):
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        keyset = self.model_admin.get_keyset(request)
        if keyset is not None:
            paginator.max_pages = self.model_admin.max_offset_pages
        self.result_count = paginator.count
        self.full_result_count = None
        self.show_full_result_count = False
        self.show_admin_actions = True
        self.can_show_all = False
        self.paginator = paginator
        self.count_is_estimate = paginator.is_estimate
        self.count_is_bounded = paginator.is_bounded
        self.newest_url = self.get_query_string()
        cursor = self.read_cursor(request, keyset)
        if cursor is None or not self.keyset_results(keyset, *cursor):
            self.offset_results(request, paginator, keyset)
        prepare = getattr(self.model_admin, "prepare_results", None)
        if prepare is not None:  # one batched look-up per page (e.g. tenant names)
            self.result_list = list(self.result_list)
            prepare(request, self.result_list)

    def offset_results(self, request, paginator, keyset):
        wanted = self.page_num
        self.page_num = max(1, min(wanted, paginator.num_pages))
        if wanted != self.page_num:
            further = "Use “older” or the date filters" if keyset else "Use the date filter"
            messages.warning(
                request, f"Page {wanted} is out of range; showing page {self.page_num}. {further} to go further back."
            )
        self.multi_page = paginator.num_pages > 1
        self.result_list = paginator.page(self.page_num).object_list
        self.previous_url = self.get_query_string({PAGE_VAR: self.page_num - 1}) if self.page_num > 1 else None
        self.next_url = None
        if self.page_num < paginator.num_pages:
            self.next_url = self.get_query_string({PAGE_VAR: self.page_num + 1})
        elif keyset is not None and (paginator.is_estimate or paginator.is_bounded
                                     or paginator.count > self.page_num * self.list_per_page):
            # The last numbered page: "next" continues by cursor.
            self.result_list = list(self.result_list)
            if self.result_list:
                self.next_url = self.get_query_string({BEFORE_VAR: keyset.key_of(self.result_list[-1])})

    def read_cursor(self, request, keyset):
        """(direction, key) from ?before= / ?after=, or None (first page) with a
        message when the value is not a position."""
        given = [(name, request.GET[name]) for name in CURSOR_VARS if request.GET.get(name)]  # empty: no cursor
        if not given:
            return None
        if keyset is None:
            return None  # this page has no cursors; ignored like an empty value
        if len(given) > 1:
            messages.warning(request, "Use either “before” or “after”, not both; showing the newest rows.")
            return None
        direction, text = given[0]
        key = keyset.parse(text)
        if key is None:
            messages.warning(request, f"“{text[:60]}” is not a position in this list; showing the newest rows.")
            return None
        return direction, key

    def keyset_results(self, keyset, direction, key) -> bool:
        """The page older (before) or newer (after) than `key`; False when
        the newer rows fit on the first page (then the first page is shown)."""
        size = self.list_per_page
        if direction == BEFORE_VAR:
            rows = list(keyset.older_than(self.queryset, key)[: size + 1])
            has_older, has_newer = len(rows) > size, True
            rows = rows[:size]
        else:
            rows = list(keyset.newer_than(self.queryset, key)[: size + 1])
            if len(rows) <= size:
                return False
            rows = rows[:size][::-1]
            has_older = has_newer = True
        self.keyset_mode = True
        self.multi_page = False  # no numbered page range: newest / newer / older
        self.page_num = self.paginator.num_pages + 1  # not one of the numbered pages
        self.result_list = rows
        self.previous_url = self.get_query_string({AFTER_VAR: keyset.key_of(rows[0])}) if rows and has_newer else None
        self.next_url = self.get_query_string({BEFORE_VAR: keyset.key_of(rows[-1])}) if rows and has_older else None
        return True


class LargeTableAdminMixin:
    """For tables with tens of millions of rows: no full COUNT(*) (estimate
    when unfiltered, bounded count when filtered), a bounded page range,
    ordering by an indexed column (`ordering`, set it to an index's columns),
    no "show all", and list filters that never SELECT DISTINCT over the table
    (use static choices, enums or small tables; see audit.admin's filters).

    `keyset_pagination = True` (with `ordering = ("-<datetime>", "-id")` on an
    index of those columns, and a pagination template showing cl.next_url /
    cl.previous_url / cl.newest_url) adds cursor pages past the numbered ones."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_max_show_all = 0
    list_per_page = 50
    keyset_pagination = False
    max_offset_pages = MAX_OFFSET_PAGES

    def get_changelist(self, request, **kwargs):
        return LargeTableChangeList

    def get_keyset(self, request):
        if not self.keyset_pagination:
            return None
        return Keyset.for_ordering(self.model, self.get_ordering(request))
