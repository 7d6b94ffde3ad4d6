"""Per-row counts for changelists without a query per row."""
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(model, fk: str):
    """A correlated COUNT(*) of the `model` rows whose `fk` points at the outer
    row: one subquery per column (served by the FK's index) instead of a
    query per row, and no GROUP BY over a join that `Count()` across two
    relations would need."""
    rows = model._base_manager.filter(**{fk: OuterRef("pk")}).order_by().values(fk)
    return Coalesce(Subquery(rows.annotate(n=Count("*")).values("n"), output_field=IntegerField()), Value(0))
