"""Benchmark the admin's history pages on the large data set; write docs/benchmarks.md.

    python scripts/bench_admin.py [--database mcpmanager_bench] [--factor F] [--repeat N]

Run through `make bench` (scripts/with_db.py provides the server). The data set
lives in its own database (default mcpmanager_bench) on the DATABASE_URL server:
created, migrated and seeded with `seed_demo --scale large` when absent, reused
as it is when present (seed_demo leaves a marker when it finishes), so only the
first run pays for the ~10 minute seed.

Measured in-process with Django's test Client, signed in as a superuser, DEBUG
off: server time from request to response (CSV export: to the first data row),
median and p95 of N runs after a warm-up. The same pages are measured on a
stock ModelAdmin of AuditLog (same list_display and list_filter fields, the
default paginator, icontains search on the same columns) on its own AdminSite
under /bench-stock/, in the same run, with the ratio. Each project page's
queries are re-run under EXPLAIN (ANALYZE, BUFFERS) and included in the report.
Also: the legacy import against raw COPY (scripts/bench_import.py, when it is
there), drizzle_migrate against drizzle-orm's migrator on an empty database,
and the machine.
"""
import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import types
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
PROJECT_URL = "/admin/audit/auditlog/"
STOCK_URL = "/bench-stock/audit/auditlog/"
BENCH_SUPERUSER = "bench-superuser"


# ---------------------------------------------------------------- database setup

def server_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("bench_admin: DATABASE_URL is not set (run it through `make bench` or scripts/with_db.py).")
    return url


def with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path="/" + name).geturl()


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.", flush=True)


def drop_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def manage(*args, env=None) -> None:
    subprocess.run([PY, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


def prepare_data(bench_url: str, factor: float | None) -> None:
    """Migrate and seed the bench database unless a finished seed is there."""
    env = {**os.environ, "DATABASE_URL": bench_url}
    manage("drizzle_migrate", env=env)
    manage("migrate", "--no-input", "-v0", env=env)
    seed = ["seed_demo", "--scale", "large"] + (["--factor", str(factor)] if factor else [])
    manage(*seed, env=env)  # prints "already present; nothing written" when reusing


def bench_environment() -> None:
    """Production-like settings for this process and the commands it runs."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "mcpmanager.settings"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(8).hex())
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"


def setup_django(bench_url: str) -> None:
    os.environ["DATABASE_URL"] = bench_url
    import django

    django.setup()


# ---------------------------------------------------------------- the stock admin

def install_stock_admin():
    """A stock ModelAdmin of AuditLog on its own AdminSite, and a URLconf
    serving it under /bench-stock/ next to the project's admin."""
    from django.contrib import admin
    from django.urls import path

    import mcpmanager.urls
    from audit.models import AuditLog

    class StockAuditLogAdmin(admin.ModelAdmin):
        # The project's columns as plain fields (actor and tenant are derived there).
        list_display = ("occurred_at", "event_type", "action", "actor_email", "tenant_id", "resource_type",
                        "success", "risk_level")
        # The project's filters that stock can offer as list filters (resource id
        # has millions of distinct values: stock would list them all).
        list_filter = ("tenant_id", "actor_id", "action", "event_type", "resource_type", "risk_level", "success",
                       "occurred_at")
        search_fields = ("resource_id", "request_id", "actor_email")  # icontains, Django's default
        ordering = ("-occurred_at",)

    site = admin.AdminSite(name="bench_stock")
    site.register(AuditLog, StockAuditLogAdmin)
    module = types.ModuleType("bench_admin_urls")
    module.urlpatterns = [path("bench-stock/", site.urls), *mcpmanager.urls.urlpatterns]
    sys.modules[module.__name__] = module
    return module.__name__


# ---------------------------------------------------------------- what to request

def pick_values() -> dict:
    """Real values from the data: the busiest tenant/actor/action/... (from
    the planner statistics, no scan), a resource and request id, the time span."""
    from django.db import connection

    from audit.models import AuditLog

    values = {}
    with connection.cursor() as cursor:
        for column in ("tenant_id", "actor_id", "actor_email", "action", "event_type", "resource_type"):
            cursor.execute(
                "SELECT (most_common_vals::text::text[])[1] FROM pg_stats "
                "WHERE schemaname = 'public' AND tablename = 'audit_log' AND attname = %s", [column])
            row = cursor.fetchone()
            values[column] = row[0] if row else None
    newest = AuditLog.objects.order_by("-occurred_at", "-id").first()
    oldest = AuditLog.objects.order_by("occurred_at", "id").first()
    values["newest"], values["oldest"] = newest.occurred_at, oldest.occurred_at
    span = newest.occurred_at - oldest.occurred_at
    # A month in the middle of the data for the date ranges.
    middle = oldest.occurred_at + span / 2
    values["since"] = (middle - timedelta(days=15)).date().isoformat()
    values["until"] = (middle + timedelta(days=15)).date().isoformat()
    # A deep position: a quarter of the span from the oldest row (~3/4 of the rows are newer).
    deep = (AuditLog.objects.filter(occurred_at__lte=oldest.occurred_at + span / 4)
            .order_by("-occurred_at", "-id").first())
    values["deep_row"] = deep
    sample = (AuditLog.objects.filter(occurred_at__lte=middle).exclude(resource_id=None).exclude(request_id=None)
              .exclude(changes__isnull=True).order_by("-occurred_at", "-id").first())
    values["resource_id"], values["request_id"], values["detail_id"] = (
        sample.resource_id, sample.request_id, sample.pk)
    return values


def deep_stock_page(deep_row) -> int:
    """The stock page number (100 rows a page) at the depth of `deep_row`."""
    from audit.models import AuditLog

    newer = AuditLog.objects.filter(occurred_at__gt=deep_row.occurred_at).count()
    return newer // 100 + 1


def pages(values: dict, deep_key: str, stock_deep_page: int) -> list[tuple]:
    """(label, project URL, stock URL or None)."""
    def q(params):
        return "?" + urlencode(params) if params else ""

    dates = {"since": values["since"], "until": values["until"]}
    # As stock's DateFieldListFilter writes them: aware midnights.
    stock_dates = {"occurred_at__gte": f"{values['since']} 00:00:00+00:00",
                   "occurred_at__lt": f"{(datetime.fromisoformat(values['until']) + timedelta(days=1)).date()} 00:00:00+00:00"}
    filters = [  # label, project params, stock params (None: stock cannot offer it)
        ("tenant (busiest)", {"tenant_id": values["tenant_id"]}, {"tenant_id": values["tenant_id"]}),
        ("actor id (busiest)", {"actor": values["actor_id"]}, {"actor_id": values["actor_id"]}),
        ("actor email (busiest)", {"actor": values["actor_email"]}, None),
        ("action", {"action": values["action"]}, {"action": values["action"]}),
        ("event type", {"event_type": values["event_type"]}, {"event_type": values["event_type"]}),
        ("resource type", {"resource_type": values["resource_type"]}, {"resource_type": values["resource_type"]}),
        ("resource id", {"resource_id": values["resource_id"]}, None),
        ("risk critical", {"risk": "critical"}, {"risk_level__exact": "critical"}),
        ("failures", {"success": "no"}, {"success__exact": "0"}),
    ]
    rows = [
        ("list, first page", PROJECT_URL, STOCK_URL),
        ("list, page 2", PROJECT_URL + q({"p": 2}), STOCK_URL + q({"p": 2})),
        ("list, page 20 (last numbered)", PROJECT_URL + q({"p": 20}), STOCK_URL + q({"p": 10})),
        (f"list, deep page (~{stock_deep_page * 100:,} rows in)", PROJECT_URL + q({"before": deep_key}),
         STOCK_URL + q({"p": stock_deep_page})),
        ("date range (1 month)", PROJECT_URL + q(dates), STOCK_URL + q(stock_dates)),
    ]
    for label, params, stock in filters:
        rows.append((f"filter: {label}", PROJECT_URL + q(params), STOCK_URL + q(stock) if stock else None))
        rows.append((f"filter: {label} + date range", PROJECT_URL + q({**params, **dates}),
                     STOCK_URL + q({**stock, **stock_dates}) if stock else None))
    for label, term in (("resource id", values["resource_id"]), ("request id", values["request_id"]),
                        ("actor email", values["actor_email"])):
        rows.append((f"search: {label}", PROJECT_URL + q({"q": term}), STOCK_URL + q({"q": term})))
    rows.append(("detail page", f"{PROJECT_URL}{values['detail_id']}/change/",
                 f"{STOCK_URL}{values['detail_id']}/change/"))
    rows.append(("CSV export, first row", PROJECT_URL + "export/", None))
    rows.append(("CSV export (tenant + dates), first row",
                 PROJECT_URL + "export/" + q({"tenant_id": values["tenant_id"], **dates}), None))
    return rows


# ---------------------------------------------------------------- measuring

def timed_get(client, url) -> float:
    """Seconds from request to response; streamed responses: to the first data row."""
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    if response.streaming:
        chunks = iter(response.streaming_content)
        next(chunks)  # header line
        next(chunks, None)  # first data row
        elapsed = time.perf_counter() - start
        response.close()
        return elapsed
    return time.perf_counter() - start


def measure(client, url, repeat: int, warmup: int = 1) -> dict:
    for _ in range(warmup):
        timed_get(client, url)
    runs = sorted(timed_get(client, url) for _ in range(repeat))
    p95 = runs[min(len(runs) - 1, math.ceil(0.95 * len(runs)) - 1)]
    return {"median_ms": statistics.median(runs) * 1000, "p95_ms": p95 * 1000, "runs": len(runs)}


def explain_page(client, url) -> list[tuple[str, str]]:
    """(sql, EXPLAIN (ANALYZE, BUFFERS) plan) of each audit_log query the page runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            response.close()
    plans = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if '"audit_log"' not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plans.append((sql, "\n".join(line for (line,) in cursor.fetchall())))
    return plans


def explain_export_cursor(values) -> list[tuple[str, str]]:
    """The export reads through a server-side cursor, which the query capture
    does not see: explain its first chunk (2,000 rows) instead."""
    from audit.admin import AuditLogAdmin
    from audit.models import AuditLog

    queryset = AuditLog.objects.order_by("-occurred_at", "-id").values_list(*AuditLogAdmin.export_fields)[:2000]
    return [(str(queryset.query) + "  -- first chunk of the export cursor",
             queryset.explain(analyze=True, buffers=True))]


# ---------------------------------------------------------------- the other figures

def bench_import(url: str) -> dict:
    script = ROOT / "scripts" / "bench_import.py"
    if not script.exists():
        return {"status": "not run", "reason": "scripts/bench_import.py is not in this checkout"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "import.json"
        started = time.perf_counter()
        result = subprocess.run([PY, str(script), "--json-out", str(out)], cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "DATABASE_URL": url}, timeout=3600)
        # It exits non-zero when its own targets are missed, after printing its figures.
        figures = None
        for text in ([out.read_text()] if out.exists() else []) + result.stdout.strip().splitlines()[-1:]:
            try:
                figures = json.loads(text)
                break
            except ValueError:
                continue
        if figures is None:
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            return {"status": "failed", "reason": " / ".join(tail) or f"exit {result.returncode}"}
        return {"status": "ok", "figures": figures, "exit_code": result.returncode,
                "seconds": time.perf_counter() - started}


def bench_migrators(url: str, runs: int) -> dict:
    """Wall time of each migrator CLI on a fresh empty database (process start included)."""
    commands = {
        "drizzle_migrate (Python, this project)": [PY, str(ROOT / "manage.py"), "drizzle_migrate"],
        "drizzle-orm migrator (node drizzle/scripts/migrate.mjs)": ["node", str(ROOT / "drizzle/scripts/migrate.mjs")],
    }
    results = {}
    for label, command in commands.items():
        times = []
        for i in range(runs):
            target = with_database(url, f"mcpmanager_bench_migrate_{os.getpid()}")
            drop_database(target)
            ensure_database(target)
            try:
                start = time.perf_counter()
                subprocess.run(command, cwd=ROOT, env={**os.environ, "DATABASE_URL": target}, check=True,
                               capture_output=True)
                times.append(time.perf_counter() - start)
            finally:
                drop_database(target)
        results[label] = {"median_s": statistics.median(times), "runs": runs, "all_s": times}
    return results


def machine() -> dict:
    import django
    import psycopg
    from django.db import connection

    meminfo = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines() if ":" in line)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM audit_log")
        audit_rows = cursor.fetchone()[0]
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'shared_buffers'")
        shared_buffers = cursor.fetchone()[0]
    return {
        "cpu": cpu, "nproc": os.cpu_count(), "memory": meminfo.get("MemTotal", "?").strip(),
        "postgresql": pg_version, "shared_buffers (8 kB pages)": shared_buffers,
        "python": platform.python_version(), "django": django.get_version(), "psycopg": psycopg.__version__,
        "kernel": platform.release(), "database size": size, "audit_log rows": f"{audit_rows:,}",
    }


# ---------------------------------------------------------------- report

def fmt_ms(value):
    return "—" if value is None else (f"{value:,.1f}" if value < 100 else f"{value:,.0f}")


def write_report(path: Path, context: dict) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench` (scripts/bench_admin.py) on {context['finished']}; every figure below comes "
        "from that run. Re-run `make bench` to refresh it: it reuses the seeded database "
        f"`{context['database']}` when it is there.",
        "",
        "## Audit log pages: this project against a stock ModelAdmin",
        "",
        f"Data: `seed_demo --scale large` (factor {context['factor']}), {context['machine']['audit_log rows']} "
        "audit_log rows. Server time in-process with Django's test Client, signed in as a superuser, DEBUG off, "
        f"after one warm-up request: project pages {context['repeat']} runs, stock pages "
        f"{context['stock_repeat']} runs. CSV export: time to the first data row of the streamed response. "
        "Stock: `ModelAdmin` with the same list_display and list_filter fields, the default paginator (100 rows "
        "a page, full COUNT(*)), `search_fields` on resource_id, request_id, actor_email (icontains). "
        "“—”: stock cannot offer that page (no CSV export; a list filter on resource_id or actor_email would "
        "list millions of distinct values).",
        "",
        "| page | project median ms | project p95 ms | stock median ms | stock p95 ms | stock / project |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in context["results"]:
        project, stock = row["project"], row["stock"]
        ratio = f"{stock['median_ms'] / project['median_ms']:,.0f}×" if stock else "—"
        lines.append(
            f"| {row['label']} | {fmt_ms(project['median_ms'])} | {fmt_ms(project['p95_ms'])} | "
            f"{fmt_ms(stock['median_ms']) if stock else '—'} | {fmt_ms(stock['p95_ms']) if stock else '—'} | {ratio} |"
        )
    summary = context["summary"]
    lines += [
        "",
        f"Project pages at or under 50 ms median: {summary['under_50']} of {summary['pages']}"
        f" (slowest: {summary['slowest_label']}, {fmt_ms(summary['slowest_ms'])} ms). "
        f"Smallest stock/project ratio over the list pages: {summary['min_ratio']} (the detail page is a "
        "primary-key look-up in both admins, so about equal there). "
        f"Stock p95 of {context['stock_repeat']} runs is their slowest. "
        "Filtered project pages also ask the planner for its row estimate (`EXPLAIN (FORMAT JSON)`, "
        "nothing read) before deciding whether a bounded count is cheap; that statement is not listed below.",
        "",
        "Values used: " + ", ".join(f"{k} = `{v}`" for k, v in context["values"].items()) + ".",
        "",
        "### Query plans of the project's pages",
        "",
        "Each audit_log query a page ran, re-run under `EXPLAIN (ANALYZE, BUFFERS)` right after the timings.",
        "",
    ]
    for row in context["results"]:
        lines += [f"<details><summary>{row['label']}</summary>", ""]
        for sql, plan in row["plans"]:
            lines += ["```sql", sql, "```", "", "```", plan, "```", ""]
        if not row["plans"]:
            lines += ["(no audit_log query)", ""]
        lines += ["</details>", ""]
    lines += ["## Legacy import against raw COPY", ""]
    imp = context["import"]
    if imp["status"] == "ok":
        figures = imp["figures"]
        lines += [
            "`scripts/bench_import.py` (run by this script; it generates a legacy database, exports it, imports it "
            "and COPYs the same rows into a second freshly migrated database as the baseline):",
            "",
            "| | rows | seconds | rows/s | peak RSS MB (process tree) |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, label in (("import", "legacy import (`import_legacy`)"), ("raw_copy", "raw COPY baseline"),
                            ("export", "legacy export (`export_legacy`)")):
            part = figures.get(name) or {}
            rows = figures.get("rows_written") if name != "export" else figures.get("legacy_rows")
            cells = [rows, part.get("seconds"), part.get("rows_per_s"), part.get("rss_tree_mb")]
            lines.append(f"| {label} | " + " | ".join("—" if c is None else f"{c:,}" for c in cells) + " |")
        lines += [
            "",
            f"Import / raw COPY throughput: **{figures.get('ratio_import_to_raw_copy')}** (its target: "
            f"≥ {figures.get('targets', {}).get('ratio_min')}; targets met: {figures.get('targets_met')}, "
            f"exit code {imp['exit_code']}). Full result:",
            "",
            "<details><summary>bench_import.py JSON</summary>", "", "```json",
            json.dumps(figures, indent=2, default=str), "```", "", "</details>", "",
        ]
    else:
        lines += [f"Not run: {imp['reason']}.", ""]
    lines += [
        "## Applying the migrations to an empty database",
        "",
        "Wall time of each command on a freshly created empty database (process start included), median of "
        f"{context['migrate_runs']} runs each.",
        "",
        "| migrator | median s | runs (s) |",
        "|---|---:|---|",
    ]
    for label, figures in context["migrators"].items():
        lines.append(f"| {label} | {figures['median_s']:.2f} | {', '.join(f'{t:.2f}' for t in figures['all_s'])} |")
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in context["machine"].items()]
    lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))


def summarize(results) -> dict:
    timed = [(r["label"], r["project"]["median_ms"]) for r in results]
    slowest = max(timed, key=lambda item: item[1])
    ratios = [r["stock"]["median_ms"] / r["project"]["median_ms"] for r in results
              if r["stock"] and r["label"].startswith(("list", "date", "filter", "search"))]
    return {"pages": len(timed), "under_50": sum(1 for _, ms in timed if ms <= 50),
            "slowest_label": slowest[0], "slowest_ms": slowest[1],
            "min_ratio": f"{min(ratios):,.0f}×" if ratios else "—"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE", "mcpmanager_bench"))
    parser.add_argument("--factor", type=float, default=None, help="seed a fraction of the large set (trials)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per project page")
    parser.add_argument("--stock-repeat", type=int, default=3, help="timed runs per stock page (seconds each)")
    parser.add_argument("--migrate-runs", type=int, default=3)
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--skip-extras", action="store_true", help="no import or migrator figures")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    base_url = server_url()
    bench_environment()
    bench_url = with_database(base_url, args.database)
    ensure_database(bench_url)
    prepare_data(bench_url, args.factor)
    setup_django(bench_url)

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings

    from mcpmanager.admin.large_tables import Keyset
    from mcpmanager.demo_large import seeded_marker
    from audit.models import AuditLog

    marker = seeded_marker() or {}
    user, _ = get_user_model().objects.get_or_create(
        username=BENCH_SUPERUSER, defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.com"})
    values = pick_values()
    keyset = Keyset(AuditLog, "occurred_at")
    deep_key = keyset.key_of(values["deep_row"])
    stock_deep = deep_stock_page(values["deep_row"])
    urlconf = install_stock_admin()
    results = []
    with override_settings(ROOT_URLCONF=urlconf):
        client = Client()
        client.force_login(user)
        for label, project_url, stock_url in pages(values, deep_key, stock_deep):
            project = measure(client, project_url, args.repeat)
            stock = None
            if stock_url and not args.skip_stock:
                stock = measure(client, stock_url, args.stock_repeat, warmup=0)
            print(f"{label:<48} project {project['median_ms']:8.1f} ms (p95 {project['p95_ms']:8.1f})   stock "
                  + (f"{stock['median_ms']:9.0f} ms" if stock else "      —"), flush=True)
            plans = explain_page(client, project_url)
            if project_url.startswith(PROJECT_URL + "export/") and "?" not in project_url:
                plans += explain_export_cursor(values)
            results.append({"label": label, "url": project_url, "stock_url": stock_url, "project": project,
                            "stock": stock, "plans": plans})
    extras = {"import": {"status": "not run", "reason": "--skip-extras"}, "migrators": {}}
    if not args.skip_extras:
        extras["import"] = bench_import(base_url)
        print("legacy import:", extras["import"]["status"], flush=True)
        extras["migrators"] = bench_migrators(base_url, args.migrate_runs)
        print("migrators:", {k: round(v["median_s"], 2) for k, v in extras["migrators"].items()}, flush=True)
    context = {
        "finished": datetime.now(dt_timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "database": args.database,
        "factor": marker.get("factor", args.factor or 1.0),
        "repeat": args.repeat, "stock_repeat": args.stock_repeat, "migrate_runs": args.migrate_runs,
        "results": results, "summary": summarize(results),
        "values": {k: values[k] for k in ("tenant_id", "actor_id", "actor_email", "action", "event_type",
                                          "resource_type", "resource_id", "request_id", "since", "until")}
        | {"deep cursor": deep_key},
        "import": extras["import"], "migrators": extras["migrators"], "machine": machine(),
    }
    write_report(args.out, context)
    print(f"Wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
