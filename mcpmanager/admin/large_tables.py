"""Changelists over tables with tens of millions of rows.

Django's changelist counts the whole table twice (`paginator.count` and
`show_full_result_count`). Here: no full count ever. Unfiltered, the number
of rows comes from the planner's statistics (pg_class.reltuples); filtered,
from a count bounded by a LIMIT (`COUNT(*) FROM (… LIMIT n+1)`), shown as
"more than n" past the bound. Pages past `max_pages` are not offered: a
date filter jumps further back, cheaply (OFFSET grows with the page number).
An out-of-range page number shows the nearest page with a message, not the
stock "Database error" redirect.
"""
from functools import cached_property

from django.contrib import messages
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.core.paginator import Paginator
from django.db import connections

COUNT_BOUND = 10_000  # rows counted at most when filtered (or when the table is small)
MAX_PAGES = 200  # deepest page offered; use the date filter beyond it


def estimated_rows(model, using="default") -> int | None:
    """The planner's estimate of a table's rows, None when never analyzed."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)", [model._meta.db_table])
        row = cursor.fetchone()
    return row[0] if row and row[0] is not None and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """A paginator whose `count` never scans the whole table.

    `is_estimate` says the count came from statistics; `is_bounded` that the
    filtered result has more rows than were counted."""

    count_bound = COUNT_BOUND
    max_pages = MAX_PAGES

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
        bounded = queryset.order_by()[: self.count_bound + 1].count()
        if bounded > self.count_bound:
            self.is_bounded = True
            return self.count_bound
        return bounded

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.max_pages)


class LargeTableChangeList(ChangeList):
    """ChangeList.get_results without the full count, and with the page
    number clamped into the offered range instead of an error redirect."""

    def get_results(self, request):
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        wanted = self.page_num
        self.page_num = max(1, min(wanted, paginator.num_pages))
        if wanted != self.page_num:
            messages.warning(
                request,
                f"Page {wanted} is out of range; showing page {self.page_num}. "
                "Use the date filter to go further back.",
            )
        self.result_count = paginator.count
        self.full_result_count = None
        self.show_full_result_count = False
        self.show_admin_actions = True
        self.can_show_all = False
        self.multi_page = paginator.num_pages > 1
        self.result_list = paginator.page(self.page_num).object_list
        self.paginator = paginator
        self.count_is_estimate = paginator.is_estimate
        self.count_is_bounded = paginator.is_bounded
        self.previous_url = self.get_query_string({PAGE_VAR: self.page_num - 1}) if self.page_num > 1 else None
        self.next_url = (
            self.get_query_string({PAGE_VAR: self.page_num + 1}) if self.page_num < paginator.num_pages else None
        )
        prepare = getattr(self.model_admin, "prepare_results", None)
        if prepare is not None:  # one batched look-up per page (e.g. tenant names)
            self.result_list = list(self.result_list)
            prepare(request, self.result_list)


class LargeTableAdminMixin:
    """For tables with tens of millions of rows: no full COUNT(*) (estimate
    when unfiltered, bounded count when filtered), a bounded page range,
    ordering by an indexed column (`ordering`, set it to an index's columns),
    no "show all", and list filters that never SELECT DISTINCT over the table
    (use static choices, enums or small tables; see audit.admin's filters)."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_max_show_all = 0
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return LargeTableChangeList
