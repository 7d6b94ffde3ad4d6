"""A tenant's recent usage against its limits, for the tenant's page.

Per metric: the latest day's value (tenant_usage holds one row per UTC day)
compared with the matching limit, and the total over the window. The limit of
metric `m` is `tenant.limits["max_<m>_per_day"]` (a daily quota, e.g.
api_calls) or else `tenant.limits["max_<m>"]` (a level, e.g. servers); no
such key means unlimited.

One query, bounded by the window: (tenant_id, metric, period_start) is the
tenant_usage_tenant_id_metric_period_start_key index, so the rows read are
at most days x metrics, whatever the table's size.
"""
from datetime import timedelta

from django.utils import timezone
from django.utils.html import format_html, format_html_join

from tenancy.models import TenantUsage

USAGE_DAYS = 30
# A guard on the rows read should a tenant report very many metrics.
MAX_ROWS = USAGE_DAYS * 100


def _limit(limits, metric):
    limits = limits if isinstance(limits, dict) else {}
    for key, unit in ((f"max_{metric}_per_day", " per day"), (f"max_{metric}", "")):
        value = limits.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{value:,}{unit}"
    return "unlimited"


def usage_by_metric(tenant, *, days=USAGE_DAYS):
    """[(metric, latest day, latest value, total over the window, limit text)]."""
    since = timezone.now().date() - timedelta(days=days - 1)
    rows = (
        TenantUsage.objects.filter(tenant_id=tenant.pk, period_start__gte=since)
        # The index's own order: read in order, no sort; the last row per metric is its latest day.
        .order_by("metric", "period_start")
        .values_list("metric", "period_start", "value")[:MAX_ROWS]
    )
    summary = {}
    for metric, day, value in rows:
        entry = summary.setdefault(metric, [metric, day, value, 0, _limit(tenant.limits, metric)])
        entry[1], entry[2] = day, value
        entry[3] += value
    return [tuple(item) for item in summary.values()]


def usage_summary(tenant, *, empty, days=USAGE_DAYS):
    if tenant is None or tenant._state.adding:
        return empty
    lines = usage_by_metric(tenant, days=days)
    if not lines:
        return format_html("No usage recorded in the last {} days.", days)
    return format_html(
        "<ul class='tenant-usage'>{}</ul>",
        format_html_join(
            "", "<li><strong>{}</strong>: {} / {} on {} ({} in {} days)</li>",
            ((metric, f"{latest:,}", limit, day.isoformat(), f"{total:,}", days)
             for metric, day, latest, total, limit in lines),
        ),
    )

