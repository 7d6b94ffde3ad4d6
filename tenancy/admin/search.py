"""Search that an index can serve: exact or prefix matches, never ILIKE '%…%'.

Django's `search_fields` turn into `UPPER(col) LIKE UPPER('%term%')`, which
no B-tree index serves. Here each admin names its searchable expressions in
`prefix_search` (field name -> how to normalise the term), and the term
matches a row whose column equals it or starts with it. With the database's
C collation a plain B-tree serves `LIKE 'term%'`; `user.email` is searched
through `lower(email)`, which `user_email_lower_key` indexes.
"""
from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.functions import Lower

SEARCH_TERM_MAX_LENGTH = 200


def as_typed(term: str) -> str:
    return term


def lower_case(term: str) -> str:
    return term.lower()


class PrefixSearchMixin:
    """`prefix_search = {"name": as_typed, "slug": lower_case, "lower:email": lower_case}`:
    a `lower:` key searches the lower-cased column (an expression index)."""

    prefix_search: dict = {}

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()[:SEARCH_TERM_MAX_LENGTH].replace("\x00", "")
        if not term or not self.prefix_search:
            return queryset, False
        conditions = []
        for key, normalise in self.prefix_search.items():
            value = normalise(term)
            if key.startswith("lower:"):
                column = key.removeprefix("lower:")
                alias = f"{column}_lower"
                queryset = queryset.alias(**{alias: Lower(column)})
                conditions.append(Q(**{f"{alias}__startswith": value}))
            else:
                conditions.append(Q(**{f"{key}__startswith": value}))
        return queryset.filter(reduce(or_, conditions)), False
