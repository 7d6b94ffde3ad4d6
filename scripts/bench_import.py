"""Benchmark of the legacy migration: export, import, and a raw COPY baseline.

    python scripts/bench_import.py [--rows 5000] [--scale-logs 60] [--keep] [--json-out FILE]

Prints figures; it is not a test. Steps, each in scratch databases it creates
on the server of DATABASE_URL (default postgres://postgres@127.0.0.1:5432)
and drops at the end (unless --keep):

1. generate_legacy_db: N rows per legacy table, N*K for the three log tables
   (defaults: ~1M rows, 900k of them audit and request logs);
2. export_legacy into a private temporary directory (mode 0700, removed at the end);
3. import_legacy into a freshly migrated consolidated database (drizzle_migrate
   + migrate), committed;
4. raw COPY baseline: the rows the import wrote, COPYed out in text format and
   COPYed into the same tables of another freshly migrated database (same
   indexes, triggers and foreign keys), in one transaction, committed.

Each command runs as a child process: its wall time, and its peak RSS both as
the largest single process (wait4) and as the sum over its process tree
(sampled from /proc every 50 ms; the importer may start worker processes).
A CHECKPOINT precedes each timed load so that neither pays for the other's WAL.
Targets: import >= 50% of the raw COPY throughput, peak RSS <= 300 MB.
The last line printed is the result as one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mcpmanager.legacy.importer.transform import TARGET_ORDER  # noqa: E402

TARGET_RATIO = 0.5
TARGET_RSS_MB = 300


# --- child processes and their memory ------------------------------------------------

def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def run_measured(argv: list[str], env: dict, label: str) -> dict:
    """Run a child; wall seconds, peak RSS (largest process, process tree sum), output."""
    started = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    lines: list[tuple[float, str]] = []  # (seconds since start, line): phases of the import

    def read() -> None:
        for raw in proc.stdout:
            lines.append((time.monotonic() - started, raw.decode("utf-8", "replace")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    tree_peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, sum(_rss_kb(p) for p in _tree(proc.pid)))
        time.sleep(0.05)
    seconds = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    text = "".join(line for _, line in lines)
    if proc.returncode != 0:
        sys.exit(f"{label} failed (exit {proc.returncode}):\n{text[-4000:]}")
    largest = usage.ru_maxrss  # KiB on Linux; the largest process among the child and its reaped children
    return {"seconds": seconds, "rss_largest_mb": largest / 1024, "rss_tree_mb": max(tree_peak, largest) / 1024,
            "output": text, "lines": lines}


def import_phases(lines: list[tuple[float, str]], total: float) -> dict:
    """Split the import's wall time by its progress lines: start-up and verification, staging
    (parse, validate, transform, COPY into temp tables) and checks, writing, checksums and commit."""
    staged = next((t for t, line in lines if line.startswith("writing:")), None)
    first_table = next((t for t, line in lines if line.startswith("tenants:")), None)
    writes = [t for t, line in lines if line.startswith("wrote ")]
    if staged is None or first_table is None or not writes:
        return {}
    return {"startup_and_verify_s": round(first_table, 1), "staging_and_checks_s": round(staged - first_table, 1),
            "write_s": round(writes[-1] - staged, 1), "checksums_and_commit_s": round(total - writes[-1], 1)}


def manage(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


# --- databases ----------------------------------------------------------------------------

class Server:
    def __init__(self, url: str):
        self.url = url

    def dsn(self, dbname: str) -> str:
        return make_conninfo(self.url, dbname=dbname)

    def url_of(self, dbname: str) -> str:
        params = conninfo_to_dict(self.url)
        user = params.get("user") or "postgres"
        password = f":{params['password']}" if params.get("password") else ""
        return f"postgres://{user}{password}@{params.get('host') or '127.0.0.1'}:{params.get('port') or 5432}/{dbname}"

    def admin(self, statement: sql.Composable | str, params=None):
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            return conn.execute(statement, params).fetchall() if params is not None else conn.execute(statement)

    def create(self, name: str) -> None:
        self.admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop(self, name: str) -> None:
        self.admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def checkpoint(self) -> None:
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CHECKPOINT")


def migrate(env: dict, url: str) -> None:
    child = dict(env, DATABASE_URL=url)
    for argv in (manage("drizzle_migrate"), manage("migrate", "--no-input", "--skip-checks")):
        result = subprocess.run(argv, env=child, cwd=ROOT, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"{' '.join(argv[1:])} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def raw_copy(server: Server, source: str, target: str, workdir: Path) -> dict:
    """COPY the consolidated rows of `source` out (text) and into the same tables of `target`, timed."""
    files, rows = [], 0
    with psycopg.connect(server.dsn(source)) as conn:
        for table in TARGET_ORDER:
            count = conn.execute(sql.SQL("SELECT count(*) FROM public.{}").format(sql.Identifier(table))).fetchone()[0]
            if not count:
                continue
            path = workdir / f"{table}.copy"
            with open(path, "wb") as handle, conn.cursor().copy(
                sql.SQL("COPY public.{} TO STDOUT").format(sql.Identifier(table))
            ) as copy:
                for chunk in copy:
                    handle.write(chunk)
            files.append((table, path))
            rows += count
    server.checkpoint()
    started = time.monotonic()
    with psycopg.connect(server.dsn(target)) as conn:  # one transaction, like the import
        for table, path in files:  # TARGET_ORDER: parents first, foreign keys hold row by row
            with open(path, "rb") as handle, conn.cursor().copy(
                sql.SQL("COPY public.{} FROM STDIN").format(sql.Identifier(table))
            ) as copy:
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
        conn.commit()
    seconds = time.monotonic() - started
    return {"seconds": seconds, "rows": rows, "bytes": sum(p.stat().st_size for _, p in files)}


def machine(server: Server) -> dict:
    with psycopg.connect(server.dsn("postgres")) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
        settings = dict(conn.execute(
            "SELECT name, current_setting(name) FROM pg_settings "
            "WHERE name IN ('shared_buffers', 'max_wal_size', 'synchronous_commit', 'wal_level')"
        ).fetchall())
    mem_kb = 0
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
        "python": platform.python_version(), "postgresql": pg, "pg_settings": settings,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --- main -------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000, help="rows per legacy table (default 5000)")
    parser.add_argument("--scale-logs", type=int, default=60, help="log tables get rows*K rows (default 60)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases (and print their names)")
    parser.add_argument("--json-out", type=Path, help="also write the JSON result to this file")
    args = parser.parse_args()

    server = Server(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.setdefault("SECRET_KEY", "bench-import-scratch-only")  # settings refuse to start without one
    tag = f"bench_import_{os.getpid()}"
    legacy_db, target_db, raw_db = f"{tag}_legacy", f"{tag}_target", f"{tag}_raw"
    workdir = Path(tempfile.mkdtemp(prefix="bench_import_"))  # mode 0700: the export is secret material
    export_dir = workdir / "export"
    info = machine(server)
    print(f"machine: {info['nproc']} CPU ({info['cpu']}), {info['memory_gb']} GB RAM, "
          f"PostgreSQL {info['postgresql']}, Python {info['python']}, load {info['load_average_at_start']}")
    created = []
    try:
        for name in (legacy_db, target_db, raw_db):
            server.create(name)
            created.append(name)
        target_env = dict(env, DATABASE_URL=server.url_of(target_db))

        print(f"generating {args.rows} rows per table, logs x{args.scale_logs} …", flush=True)
        gen = run_measured(manage("generate_legacy_db", "--skip-checks", "--db", server.url_of(legacy_db),
                                  "--rows", str(args.rows), "--scale-logs", str(args.scale_logs),
                                  "--seed", str(args.seed)), target_env, "generate_legacy_db")
        migrate(env, server.url_of(target_db))
        migrate(env, server.url_of(raw_db))

        server.checkpoint()
        export = run_measured(manage("export_legacy", "--skip-checks", "--from", server.url_of(legacy_db),
                                     str(export_dir)), target_env, "export_legacy")
        manifest = json.loads((export_dir / "manifest.json").read_text())
        legacy_rows = sum(entry["rows"] for entry in manifest["tables"].values())
        export_bytes = sum(p.stat().st_size for p in export_dir.iterdir())

        server.checkpoint()
        report_path = workdir / "report.json"
        imp = run_measured(manage("import_legacy", str(export_dir), "--report", str(report_path)),
                           target_env, "import_legacy")
        report = json.loads(report_path.read_text())
        written = report["rows_written"]

        raw = raw_copy(server, target_db, raw_db, workdir)
        if raw["rows"] != written:
            sys.exit(f"raw COPY moved {raw['rows']} rows but the import wrote {written}")

        import_rps = written / imp["seconds"]
        raw_rps = raw["rows"] / raw["seconds"]
        result = {
            "benchmark": "legacy import",
            "rows_per_table": args.rows, "scale_logs": args.scale_logs, "seed": args.seed,
            "legacy_rows": legacy_rows, "export_bytes": export_bytes, "rows_written": written,
            "generate_seconds": round(gen["seconds"], 2),
            "export": {"seconds": round(export["seconds"], 2), "rows_per_s": round(legacy_rows / export["seconds"]),
                       "rss_largest_mb": round(export["rss_largest_mb"], 1), "rss_tree_mb": round(export["rss_tree_mb"], 1)},
            "import": {"seconds": round(imp["seconds"], 2), "importer_seconds": report["seconds"],
                       "rows_per_s": round(import_rps), "legacy_rows_per_s": round(legacy_rows / imp["seconds"]),
                       "rss_largest_mb": round(imp["rss_largest_mb"], 1), "rss_tree_mb": round(imp["rss_tree_mb"], 1),
                       "zero_loss": report["zero_loss"], "checksums_equal": report["checksums_equal"],
                       "phases": import_phases(imp["lines"], imp["seconds"])},
            "raw_copy": {"seconds": round(raw["seconds"], 2), "rows_per_s": round(raw_rps), "bytes": raw["bytes"]},
            "ratio_import_to_raw_copy": round(import_rps / raw_rps, 3),
            "targets": {"ratio_min": TARGET_RATIO, "rss_max_mb": TARGET_RSS_MB},
            "machine": dict(info, load_average_at_end=[round(x, 2) for x in os.getloadavg()]),
        }
        result["targets_met"] = (result["ratio_import_to_raw_copy"] >= TARGET_RATIO
                                 and imp["rss_tree_mb"] <= TARGET_RSS_MB)
        _print(result)
        if args.json_out:
            args.json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result, separators=(",", ":")))
        return 0 if result["targets_met"] else 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if args.keep:
            print(f"kept databases: {', '.join(created)}", file=sys.stderr)
        else:
            for name in created:
                server.drop(name)


def _print(r: dict) -> None:
    e, i, c = r["export"], r["import"], r["raw_copy"]
    print(f"legacy rows: {r['legacy_rows']:,} ({r['export_bytes'] / 1e6:,.0f} MB of JSON Lines); "
          f"consolidated rows written: {r['rows_written']:,}")
    print(f"export:   {e['seconds']:8.1f} s  {e['rows_per_s']:>9,} legacy rows/s   "
          f"peak RSS {e['rss_tree_mb']:.0f} MB")
    print(f"import:   {i['seconds']:8.1f} s  {i['rows_per_s']:>9,} rows/s written   "
          f"peak RSS {i['rss_tree_mb']:.0f} MB (process tree; largest process {i['rss_largest_mb']:.0f} MB)   "
          f"zero loss: {i['zero_loss']}")
    if i["phases"]:
        print("          " + ", ".join(f"{k.removesuffix('_s').replace('_', ' ')} {v} s" for k, v in i["phases"].items()))
    print(f"raw COPY: {c['seconds']:8.1f} s  {c['rows_per_s']:>9,} rows/s")
    print(f"import / raw COPY throughput: {r['ratio_import_to_raw_copy']:.2f} (target >= {TARGET_RATIO})   "
          f"targets met: {r['targets_met']}")


if __name__ == "__main__":
    sys.exit(main())
