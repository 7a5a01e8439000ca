"""Month after month (issue 17, docs/performance.md): how agencies really load dossiers.

    python bench/dossiers.py --scenario monthly                       # full: 24 × 40 000, SQLite
    python bench/dossiers.py --scenario monthly --scale 0.25          # 6 months × 40 000
    python bench/dossiers.py --scenario monthly --database-url postgres://…/bench

One agency receives one export per month (``--months`` files of ``--month-rows`` rows, each
the dossiers received that month), imported one after another with ``parindex
import_dossiers``. Then, each target of issue 17 beside the floor measured in the same run:

* a month's import into the history ≤ 1.5 × the first load of the same file into an empty
  agency;
* the re-import of the whole history, unchanged, ≤ 10 s per million rows (both engines);
* on SQLite, the import ≤ 2 × a ``csv`` + ``strptime`` + ``executemany`` loader of the same
  month file (on PostgreSQL the ``COPY`` of it is printed for reference);
* the dashboard ≤ 100 ms (default period: this year) and ≤ 300 ms (the whole history), beside
  the same client's request of a page that computes nothing (the framework's own cost);
* ≥ 20 dashboard requests/s under ``--sessions`` (50) sessions for ``--duration`` (60) seconds
  on gunicorn, beside the requests/s of ``/healthz`` under the same load (what the server and
  this machine can serve at all).

``--scale`` multiplies the number of months (0.25 → 6 months of 40 000 rows). The database of
``--database-url`` (default: a fresh SQLite file) is migrated and the two bench agencies'
dossiers are emptied: never point it at real data. Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    DATE,
    DATE_TIME,
    ROOT,
    analyze,
    bench_agency,
    gunicorn_command,
    run_import,
    setup_django,
    sqlite_floor,
    write_export,
)
from dossiers import floor_postgres  # noqa: E402


def month_starts(months: int, last: dt.date) -> list[dt.date]:
    """The first days of ``months`` months ending with the month of ``last``."""
    starts = [last.replace(day=1)]
    while len(starts) < months:
        starts.append((starts[-1] - dt.timedelta(days=1)).replace(day=1))
    return starts[::-1]


def generate_month(path: Path, start: dt.date, rows: int, seed: int) -> None:
    """A one-stop system's export of the dossiers received in the month of ``start``."""
    following = (start + dt.timedelta(days=32)).replace(day=1)
    first = dt.datetime.combine(start, dt.time(7, 30))  # noqa: DTZ001 - local text
    span = (dt.datetime.combine(following, dt.time(0)) - first).total_seconds()  # noqa: DTZ001
    write_export(
        path,
        title=f"DANH SÁCH HỒ SƠ THÁNG {start:%m/%Y}",
        rows=rows,
        seed=seed,
        first=first,
        span=span,
        code=lambda i: f"H48.{start:%Y%m}.{i:06d}",
    )


def floor_strptime_sqlite(path: Path, folder: Path) -> float:
    """csv + strptime of the three date columns + executemany into a plain typed table."""
    strptime = dt.datetime.strptime

    def typed(reader: Iterator[list[str]]) -> list[tuple[Any, ...]]:
        return [
            (
                r[0],
                r[1],
                r[2],
                int(r[3]),
                strptime(r[4], DATE_TIME).isoformat(" "),
                strptime(r[5], DATE).isoformat(" "),
                strptime(r[6], DATE_TIME).isoformat(" ") if r[6] else None,
                None,
                int(r[8]),
                int(r[9]),
                int(r[10]),
            )
            for r in reader
        ]

    columns = (
        "code TEXT, procedure TEXT, unit TEXT, channel INTEGER, received TEXT, due TEXT, "
        "ended TEXT, returned TEXT, status INTEGER, supplements INTEGER, paid INTEGER"
    )
    return sqlite_floor(path, folder, columns, typed)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(port: int, path: str, cookie: str, sessions: int, seconds: float) -> dict[str, Any]:
    """``sessions`` threads requesting ``path`` back to back for ``seconds``; each request
    on a new connection (as a browser tab would after its keep-alive ends)."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def session() -> None:
        mine = []
        failed = 0
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "localhost"})
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status != 200:
                    failed += 1
                    continue
            except OSError:
                failed += 1
                continue
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=session) for _ in range(sessions)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000 if latencies else None,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000 if latencies else None,
        "errors": errors[0],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the 24 months")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--month-rows", type=int, default=40_000)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--scenario", default="monthly", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    months = max(1, round(args.months * args.scale))
    folder = Path(tempfile.mkdtemp(prefix="parindex-monthly-"))
    env = setup_django(folder, args.database_url)
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from parindex.org.choices import Role
    from parindex.org.models import Membership, User

    agencies = {code: bench_agency(code, f"Bench {code}") for code in ("BENCH", "FIRST")}
    user, _ = User.objects.get_or_create(username="bench-secretariat")
    Membership.objects.get_or_create(user=user, role=Role.SECRETARIAT, agency=agencies["BENCH"])
    engine = connection.vendor
    with connection.cursor() as cursor:
        if engine == "postgresql":
            cursor.execute("VACUUM (ANALYZE) dossiers_dossier")
            cursor.execute("VACUUM (ANALYZE) dossiers_dossiercount")
    connection.close()

    today = timezone.localdate()
    # Whole months up to the last one that has ended (an export never holds future dates).
    starts = month_starts(months, today.replace(day=1) - dt.timedelta(days=1))
    began = time.perf_counter()
    files = []
    for n, start in enumerate(starts):
        path = folder / f"dossiers-{start:%Y-%m}.csv"
        generate_month(path, start, args.month_rows, seed=17 + n)
        files.append(path)
    print(
        f"engine {engine}, {months} monthly files × {args.month_rows:,} rows "
        f"({months * args.month_rows:,} in all, {starts[0]:%m/%Y}–{starts[-1]:%m/%Y}), "
        f"generated in {time.perf_counter() - began:.1f} s; cpus {os.cpu_count()}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )

    # What every import command pays before reading a row (Python, Django, the apps).
    began = time.perf_counter()
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "parindex", "shell", "-c", "pass"], cwd=ROOT, env=env, check=True
    )
    startup = time.perf_counter() - began
    print(f"process start-up (part of every import time below): {startup:.2f} s")
    month_times = []
    for path in files:
        seconds, summary = run_import(path, "BENCH", env)
        month_times.append(seconds)
        print(f"  import {path.name}: {seconds:7.2f} s  [{summary}]", flush=True)
    # The last month's file again, into the empty agency: the first-load time of that file.
    last = files[-1]
    first_load, first_summary = run_import(last, "FIRST", env)
    history = (months - 1) * args.month_rows
    print("\n== targets (issue 17) beside their floors, same run ==")
    print(
        f"month into a history of {history:,}: {month_times[-1]:7.2f} s  vs first load of the "
        f"same file {first_load:7.2f} s  ratio {month_times[-1] / first_load:5.2f} "
        f"(target ≤ 1.5)  [{first_summary}]"
    )
    print(
        f"  every month: median {statistics.median(month_times):.2f} s, first "
        f"{month_times[0]:.2f} s, last {month_times[-1]:.2f} s"
    )
    if engine == "sqlite":
        floor = floor_strptime_sqlite(last, folder)
        print(
            f"SQLite import of a month {first_load:7.2f} s ({first_load - startup:.2f} s without "
            f"the start-up) vs csv+strptime+executemany {floor:6.2f} s  ratio "
            f"{first_load / floor:5.2f} ({(first_load - startup) / floor:.2f}) (target ≤ 2.0)"
        )
    else:
        floor = floor_postgres(last, args.database_url)
        print(f"(reference: COPY of the month's raw text {floor:6.2f} s)")

    # Re-import of the whole history, unchanged: one file of every month's rows.
    combined = folder / "history.csv"
    with combined.open("w", encoding="utf-8", newline="") as out:
        for n, path in enumerate(files):
            with path.open(encoding="utf-8") as source:
                lines = source.readlines()
            out.writelines(lines if n == 0 else lines[3:])
    total = months * args.month_rows
    seconds, summary = run_import(combined, "BENCH", env)
    per_million = (seconds - startup) * 1_000_000 / total
    print(
        f"re-import of the whole history unchanged ({total:,} rows): {seconds:7.2f} s, "
        f"{per_million:6.2f} s per million rows without the start-up (target ≤ 10 s for 1 M)"
        f"  [{summary}]"
    )

    connection.connect()
    with connection.cursor() as cursor:
        if engine == "postgresql":
            cursor.execute(
                "SELECT sum(n_dead_tup), sum(n_live_tup) FROM pg_stat_user_tables "
                "WHERE relname LIKE 'dossiers_dossiercount%%'"
            )
            dead, live = cursor.fetchone()
            print(f"counts table: {live:,} live rows, {dead:,} dead rows (before any vacuum)")
        analyze(cursor, engine)
    client = Client()
    client.force_login(user)
    default = "/dossiers/?agency=BENCH"
    long = f"/dossiers/?agency=BENCH&date_from={starts[0]:%Y-%m-%d}&date_to={today:%Y-%m-%d}"
    empty = "/healthz"

    def best(url: str, repeat: int = 7) -> tuple[float, float]:
        client.get(url)
        timings = []
        for _ in range(repeat):
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        return min(timings) * 1000, statistics.median(timings) * 1000

    floor_ms, floor_median = best(empty)
    for name, url, target in (
        ("default period (this year)", default, 100),
        (f"long period ({starts[0]:%m/%Y}–today)", long, 300),
    ):
        fastest, median = best(url)
        print(
            f"dashboard {name}: best {fastest:6.0f} ms, median {median:6.0f} ms "
            f"(target ≤ {target}) vs /healthz best {floor_ms:4.0f} ms"
        )

    session_cookie = f"sessionid={client.cookies['sessionid'].value}"
    connection.close()
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        gunicorn_command(
            port, args.workers, "--worker-class", "gthread", "--threads", str(args.threads)
        ),
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        load(port, "/healthz", session_cookie, 4, 3)  # warm every worker
        load(port, default, session_cookie, args.workers * 2, 5)
        healthz = load(port, "/healthz", session_cookie, args.sessions, min(20, args.duration))
        dashboard = load(port, default, session_cookie, args.sessions, args.duration)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"{args.sessions} sessions for {args.duration:.0f} s on gunicorn ({args.workers} "
        f"workers × {args.threads} threads): dashboard {dashboard['per_second']:5.1f} req/s "
        f"(target ≥ 20), median {dashboard['median_ms']:.0f} ms, p95 {dashboard['p95_ms']:.0f} ms,"
        f" {dashboard['requests']} requests, {dashboard['errors']} errors"
    )
    print(
        f"  floor: /healthz under the same sessions {healthz['per_second']:6.1f} req/s, "
        f"median {healthz['median_ms']:.0f} ms ({healthz['errors']} errors)"
    )
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
