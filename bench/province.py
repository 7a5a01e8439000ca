"""A province-sized bench on PostgreSQL (issue 18, docs/scale.md).

    python bench/province.py --database-url postgres://postgres@127.0.0.1:5432/h_province_bench \
        --dossiers 1000000 --port 8801

It builds, in a database it may empty (its name must contain "bench"):

* the demo, then 120 agencies in the demo province (5 units and 20 procedures each), every one
  with an assessment of the year's framework and scores on every leaf;
* ``--dossiers`` synthetic dossiers spread over the agencies and the last 5 years, written with
  COPY, then the agencies' counts rebuilt by the import's own SQL (the issue's figure is 10 M;
  the table prints the scale run). The loaded database is then migrated back before the counts
  partitioning (which undoes the dossiers' partitioning too) and forward again through both and
  every later dossiers migration, so the run also proves those migrations keep every row of a
  large database.

Then it prints, beside the floors measured in the same run:

* the floor of the load: a COPY of the same rows into a plain table with the same columns;
* one user's request time (median of --repeat sequential requests) and the CPU it costs
  (gunicorn workers and the PostgreSQL backends, from /proc) for the province page and an
  agency's dashboard, with a static health check as the request floor;
* 50 concurrent sessions for 60 s on gunicorn with 4 workers (loopback, --port): requests/s,
  p50/p95/p99, errors, and the throughput the single-request CPU times allow on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _common import ROOT, gunicorn_command

PARTITIONING = "0005_partition_counts_by_year"
AGENCIES = 120
YEARS = 5
DOSSIER_COLUMNS = (
    "agency_id",
    "code",
    "procedure_id",
    "unit_id",
    "channel",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "supplement_count",
    "online_payment",
    "ended_at",
    "received_on",
    "due_on",
    "ended_on",
    "counted",
    "outcome",
    "created_at",
    "updated_at",
)


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def setup(url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PARINDEX_DATA_DIR": tempfile.mkdtemp(prefix="parindex-province-bench-"),
        "PYTHONPATH": str(ROOT),
        "PARINDEX_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }
    env.pop("DATABASE_REPLICA_URL", None)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parindex.settings")
    return env


def before_partitioning() -> str:
    """The dossiers migration the counts partitioning follows."""
    from importlib import import_module

    module = import_module(f"parindex.dossiers.migrations.{PARTITIONING}")
    return next(name for app, name in module.Migration.dependencies if app == "dossiers")


def reset_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')


def build_province(year: int) -> dict[str, Any]:
    """120 agencies with units, procedures, an assessment and scores (services and SQL)."""
    from django.db import connection, transaction

    from parindex.dossiers.models import Procedure
    from parindex.org.models import Agency, Province, Unit
    from parindex.scorecards.services import assessment_open

    province = Province.objects.get(code="TINH")
    started = time.perf_counter()
    with transaction.atomic():
        for i in range(AGENCIES):
            agency, _ = Agency.objects.get_or_create(
                code=f"A{i:03d}",
                defaults={"name": f"Cơ quan số {i}", "province": province},
            )
            units = [
                Unit.objects.get_or_create(agency=agency, code=f"U{u}", defaults={"name": f"P{u}"})[
                    0
                ]
                for u in range(5)
            ]
            Procedure.objects.bulk_create(
                [
                    Procedure(
                        agency=agency, code=f"1.{p:06d}", name=f"Thủ tục {p}", unit=units[p % 5]
                    )
                    for p in range(20)
                ],
                ignore_conflicts=True,
            )
            assessment_open(actor=None, agency=agency, year=year)
    with connection.cursor() as cursor:
        # Scores on every leaf of every new assessment: a self score and an appraisal.
        cursor.execute(
            """
            UPDATE scorecards_score s
               SET self_points = round((n.max_points * (0.6 + random() * 0.4))::numeric, 2),
                   appraised_points = round((n.max_points * (0.5 + random() * 0.5))::numeric, 2)
              FROM scorecards_node n, scorecards_assessment a, org_agency g
             WHERE n.id = s.node_id AND a.id = s.assessment_id AND g.id = a.agency_id
               AND g.code LIKE 'A%%' AND n.kind IN ('self', 'survey')
            """
        )
        cursor.execute(
            "UPDATE scorecards_assessment a SET stage = 'appraisal_1' FROM org_agency g "
            "WHERE g.id = a.agency_id AND g.code LIKE 'A%%'"
        )
    return {"province": province, "seconds": time.perf_counter() - started}


def generate_dossiers(path: Path, total: int, today: dt.date) -> int:
    """COPY text of `total` dossiers over the agencies and the last YEARS years."""
    from parindex.dossiers.models import Procedure
    from parindex.org.models import Unit

    rng = random.Random(18)  # noqa: S311 - synthetic data
    procedures: dict[int, list[tuple[int, int | None]]] = {}
    for pk, agency_id, unit_id in Procedure.objects.filter(
        agency__code__startswith="A"
    ).values_list("pk", "agency_id", "unit_id"):
        procedures.setdefault(agency_id, []).append((pk, unit_id))
    agencies = sorted(procedures)
    assert Unit.objects.exists()
    start = dt.datetime(today.year - YEARS + 1, 1, 1, 7, 0, tzinfo=dt.UTC)
    span = (dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC) - start).total_seconds()
    stamp = dt.datetime.now(tz=dt.UTC).isoformat()
    with path.open("w", encoding="utf-8") as out:
        for i in range(total):
            agency_id = agencies[i % len(agencies)]
            procedure_id, unit_id = rng.choice(procedures[agency_id])
            received = start + dt.timedelta(seconds=rng.random() * span)
            due = received + dt.timedelta(days=rng.choice((3, 5, 7, 10, 15)))
            fate = rng.random()
            channel = rng.choice((1, 2, 2, 3))
            if fate < 0.9:
                ended = received + (due - received) * rng.uniform(0.2, 1.3)
                status, outcome = (
                    10,
                    (3 if ended > due else (1 if ended.date() < due.date() else 2)),
                )
                ended_text, ended_on = ended.isoformat(), ended.date().isoformat()
            else:
                status, outcome, ended_text, ended_on = 4, 0, r"\N", r"\N"
            out.write(
                "\t".join(
                    (
                        str(agency_id),
                        f"H{i:09d}",
                        str(procedure_id),
                        str(unit_id) if unit_id else r"\N",
                        str(channel),
                        received.isoformat(),
                        due.isoformat(),
                        ended_text,
                        r"\N",
                        str(status),
                        "0",
                        str(rng.choice((0, 1))),
                        ended_text,
                        received.date().isoformat(),
                        due.date().isoformat(),
                        ended_on,
                        "t",
                        str(outcome),
                        stamp,
                        stamp,
                    )
                )
                + "\n"
            )
    return total


def copy_file(url: str, table: str, path: Path, columns: tuple[str, ...] | None = None) -> float:
    import psycopg

    cols = f" ({', '.join(columns)})" if columns else ""
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        began = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy(f"COPY {table}{cols} FROM STDIN") as copy,
            path.open("rb") as handle,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        conn.commit()
        return time.perf_counter() - began


def floor_copy(url: str, path: Path) -> float:
    """The same rows COPYed into a plain table with the same columns (no index, no key)."""
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        c.execute("DROP TABLE IF EXISTS bench_floor")
        columns = ", ".join(DOSSIER_COLUMNS)
        sql = f"CREATE TABLE bench_floor AS SELECT {columns} FROM dossiers_dossier WITH NO DATA"  # noqa: S608
        c.execute(sql)
    elapsed = copy_file(url, "bench_floor", path)
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        c.execute("DROP TABLE bench_floor")
    return elapsed


def table_counts() -> dict[str, int]:
    from django.db import connection

    out = {}
    with connection.cursor() as cursor:
        for table in (
            "org_agency",
            "dossiers_dossier",
            "dossiers_dossiercount",
            "scorecards_score",
            "audit_auditentry",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            out[table] = cursor.fetchone()[0]
    return out


# -- serving and measuring -----------------------------------------------------------------------


def session_cookie(username: str) -> str:
    from django.test import Client

    from parindex.org.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies["sessionid"].value


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        gunicorn_command(port, workers),
        env=env,
        cwd=ROOT,
    )
    for _ in range(120):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def _cpu_of(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


def server_pids(proc: subprocess.Popen, database: str) -> list[int]:
    """The gunicorn master and workers, and the PostgreSQL backends of the bench database."""
    from django.db import connection

    children = subprocess.run(
        ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True
    ).stdout.split()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        backends = [row[0] for row in cursor.fetchall()]
    return [proc.pid, *map(int, children), *backends]


def request(port: int, path: str, cookie: str, conn: http.client.HTTPConnection | None = None):
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    began = time.perf_counter()
    conn.request(
        "GET",
        path,
        headers={"Cookie": f"sessionid={cookie}", "X-Forwarded-Proto": "https"},
    )
    response = conn.getresponse()
    body = response.read()
    return time.perf_counter() - began, response.status, len(body), conn


def single_user(port: int, path: str, cookie: str, repeat: int, proc, database) -> dict[str, float]:
    request(port, path, cookie)  # warm the workers' caches and connections
    pids = server_pids(proc, database)
    cpu0 = _cpu_of(pids)
    times = []
    for _ in range(repeat):
        elapsed, status, size, _conn = request(port, path, cookie)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
        times.append(elapsed)
    cpu = (_cpu_of(server_pids(proc, database)) - cpu0) / repeat
    return {"median": statistics.median(times), "min": min(times), "cpu": cpu, "bytes": size}


def load(port: int, path: str, cookies: list[str], seconds: float) -> dict[str, Any]:
    """`len(cookies)` sessions, each its own keep-alive connection, requesting for `seconds`."""
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def session(cookie: str) -> None:
        conn = None
        while time.perf_counter() < stop:
            try:
                elapsed, status, _size, conn = request(port, path, cookie, conn)
                with lock:
                    if status == 200:
                        latencies.append(elapsed)
                    else:
                        errors[0] += 1
            except (OSError, http.client.HTTPException):
                with lock:
                    errors[0] += 1
                conn = None

    began = time.perf_counter()
    threads = [threading.Thread(target=session, args=(c,), daemon=True) for c in cookies]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    wall = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else 0.0

    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": errors[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--port", type=int, default=8801)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is")
    args = parser.parse_args()
    database = args.database_url.rsplit("/", 1)[1]
    if not args.database_url.startswith("postgres") or "bench" not in database:
        raise SystemExit("give a PostgreSQL database whose name contains 'bench'")
    if not (1 <= args.sessions <= 200 and 1 <= args.seconds <= 300 and 1024 < args.port < 65536):
        raise SystemExit("bounded runs only: 1–200 sessions, 1–300 s")
    env = setup(args.database_url)
    run = [sys.executable, "-m", "parindex"]
    results: dict[str, Any] = {}
    if not args.keep:
        reset_database(args.database_url)
        subprocess.run([*run, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
        log("migrated; loading the demo")
        subprocess.run([*run, "demo"], check=True, env=env, cwd=ROOT, capture_output=True)
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from parindex.dossiers.services.counts import dossier_counts_rebuild
    from parindex.org.models import Agency
    from parindex.scorecards.models import Framework

    today = timezone.localdate()
    year = Framework.objects.order_by("-year").values_list("year", flat=True).first()
    if not args.keep:
        built = build_province(year)
        log(f"{AGENCIES} agencies with assessments and scores in {built['seconds']:.1f} s")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "dossiers.copy"
            began = time.perf_counter()
            generate_dossiers(path, args.dossiers, today)
            log(f"{args.dossiers} dossier rows generated in {time.perf_counter() - began:.1f} s")
            results["floor_copy"] = floor_copy(args.database_url, path)
            log(f"floor: COPY into a plain table {results['floor_copy']:.1f} s")
            results["load_copy"] = copy_file(
                args.database_url, "dossiers_dossier", path, DOSSIER_COLUMNS
            )
            log(f"COPY into dossiers_dossier {results['load_copy']:.1f} s")
        began = time.perf_counter()
        ids = list(Agency.objects.filter(code__startswith="A").values_list("pk", flat=True))
        for agency_id in ids:
            dossier_counts_rebuild(agency_id)
        results["counts"] = time.perf_counter() - began
        log(f"counts rebuilt for {len(ids)} agencies in {results['counts']:.1f} s")
        connection.close()
        # The loaded database goes back to the schema before the counts partitioning (which
        # undoes it on the loaded counts), then forward through it and every later migration:
        # the partitioning and the migrations after it run on a database of this size.
        began = time.perf_counter()
        subprocess.run(
            [*run, "migrate", "dossiers", before_partitioning(), "-v0"],
            check=True,
            env=env,
            cwd=ROOT,
        )
        results["unpartition_migration"] = time.perf_counter() - began
        log(f"back before the partitioning in {results['unpartition_migration']:.1f} s")
        before = table_counts()
        connection.close()
        began = time.perf_counter()
        subprocess.run([*run, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
        results["partition_migration"] = time.perf_counter() - began
        after = table_counts()
        results["migration_rows"] = (before, after)
        log(
            f"partitioning migration {results['partition_migration']:.1f} s; rows {before} → {after}"
        )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        from parindex.province.services import standings_refresh

        began = time.perf_counter()
        standings_refresh(actor=None, province=built["province"], year=year, today=today)
        results["standings"] = time.perf_counter() - began
        log(f"standings of {AGENCIES + 2} agencies computed in {results['standings']:.1f} s")
    subprocess.run([*run, "collectstatic", "--noinput", "-v0"], check=True, env=env, cwd=ROOT)
    council = session_cookie("tinh_hoidong")
    director = session_cookie("giamdoc")
    users = {"province page": "tinh_hoidong", "agency dashboard": "giamdoc"}
    pages = {
        "healthz (floor)": ("/healthz", council),
        "province page": (f"/province/TINH/?year={year}&per_page=100", council),
        "agency dashboard": ("/", director),
    }
    proc = start_gunicorn(env, args.port, args.workers)
    try:
        single = {
            name: single_user(args.port, path, cookie, args.repeat, proc, database)
            for name, (path, cookie) in pages.items()
        }
        loads = {}
        for name in ("province page", "agency dashboard"):
            path, _cookie = pages[name]
            cookies = [session_cookie(users[name]) for _ in range(args.sessions)]
            log(f"{args.sessions} sessions on {name} for {args.seconds:.0f} s")
            loads[name] = load(args.port, path, cookies, args.seconds)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    cores = len(os.sched_getaffinity(0))
    print()
    print(
        f"Scale: {AGENCIES + 2} agencies, {table_counts()['dossiers_dossier']:,} dossiers over "
        f"{YEARS} years (the issue's figure: 10 M), PostgreSQL, gunicorn {args.workers} workers, "
        f"{cores} cores shared"
    )
    if "floor_copy" in results:
        print(
            f"Load: floor COPY {results['floor_copy']:.1f} s · COPY into dossiers "
            f"{results['load_copy']:.1f} s · counts {results['counts']:.1f} s · "
            f"back before the partitioning {results['unpartition_migration']:.1f} s · "
            f"forward through it {results['partition_migration']:.1f} s"
        )
        before, after = results["migration_rows"]
        print(f"Migration kept every row: {before == after} {after}")
    print()
    print(
        "| request | one user: median ms | min ms | CPU ms/request | 50 sessions: req/s | p50 ms | p95 ms | p99 ms | errors | CPU-bound req/s | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, one in single.items():
        row = loads.get(name)
        ideal = cores / one["cpu"] if one["cpu"] else float("inf")
        if row:
            print(
                f"| {name} | {one['median'] * 1000:.0f} | {one['min'] * 1000:.0f} | "
                f"{one['cpu'] * 1000:.0f} | {row['rps']:.1f} | {row['p50'] * 1000:.0f} | "
                f"{row['p95'] * 1000:.0f} | {row['p99'] * 1000:.0f} | {row['errors']} | "
                f"{ideal:.1f} | {row['rps'] / ideal:.2f} |"
            )
        else:
            print(
                f"| {name} | {one['median'] * 1000:.0f} | {one['min'] * 1000:.0f} | "
                f"{one['cpu'] * 1000:.0f} | | | | | | | |"
            )


if __name__ == "__main__":
    main()
