"""Benchmark of the dossier import and figures (issue 4, docs/performance.md).

    python bench/dossiers.py                      # SQLite, 20 000 rows (about a minute)
    python bench/dossiers.py --rows 1000000       # the full run
    python bench/dossiers.py --database-url postgres://postgres@127.0.0.1:5432/wt4_bench
    python bench/dossiers.py --scenario monthly [--scale 0.25]  # month after month (issue 17)

It generates N synthetic dossier rows as a CSV export, then times, on the same file and the
same database engine:

* the floor: a bare loader (``csv`` + ``executemany`` on SQLite, ``COPY`` on PostgreSQL) into a
  plain table with the same columns, no parsing, no checks;
* ``parindex import_dossiers`` end to end (a subprocess, so its peak memory is measured alone);
* a re-import of the same file (everything unchanged);
* the table floor: the stored rows written again into an identical table (its indexes and
  constraints), what writing the rows costs before any parsing or checking;
* all the figures (total and every grouping) for a calendar year and for a period cut inside
  months, and the dashboard request (the secretariat for both periods, a unit head).

The database named by ``--database-url`` (default: a fresh SQLite file in a temporary folder)
is migrated and its dossier tables emptied: never point it at real data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import HEADER, UNITS, analyze, bench_agency, setup_django, sqlite_floor, write_export
from _common import run_import as import_dossiers


def generate(path: Path, rows: int, seed: int = 4) -> None:
    """``rows`` dossiers received from January 2024 to October 2026, numbered ``H48.<i>``."""
    start = dt.datetime(2024, 1, 1, 7, 30)  # noqa: DTZ001 - local text
    span = (dt.datetime(2026, 11, 1) - start).total_seconds()  # noqa: DTZ001
    write_export(
        path,
        title="DANH SÁCH HỒ SƠ",
        rows=rows,
        seed=seed,
        first=start,
        span=span,
        code=lambda i: f"H48.{i:08d}",
    )


def floor_sqlite(path: Path, folder: Path) -> float:
    columns = ", ".join(f"c{i} TEXT" for i in range(len(HEADER)))
    return sqlite_floor(path, folder, columns, lambda reader: reader)


def floor_postgres(path: Path, url: str) -> float:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_floor")
        conn.execute(
            f"CREATE TABLE bench_floor ({', '.join(f'c{i} text' for i in range(len(HEADER)))})"
        )
        with path.open("rb") as handle:
            for _ in range(2):
                handle.readline()
            sql = "COPY bench_floor FROM STDIN (FORMAT csv, HEADER true)"
            return _timed_copy(conn, "bench_floor", sql, handle)


def _timed_copy(conn: Any, table: str, sql: str, handle: Any) -> float:
    """Seconds to COPY the rest of ``handle`` into ``table`` and commit; the table is dropped."""
    began = time.perf_counter()
    with conn.cursor() as cur, cur.copy(sql) as copy:
        while chunk := handle.read(1 << 20):
            copy.write(chunk)
    conn.commit()
    elapsed = time.perf_counter() - began
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    return elapsed


def table_floor_sqlite(database: str) -> float:
    """The stored dossier rows written again, with executemany, into an empty table with the
    dossier table's columns, indexes and constraints: what writing the rows costs before any
    parsing or checking."""
    db = sqlite3.connect(database)
    # The page cache the import gives itself (writes.large_cache).
    db.execute("PRAGMA cache_size = -131072")
    source = sqlite3.connect(database)
    schema = db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'dossiers_dossier' AND sql IS NOT NULL"
    ).fetchall()
    db.execute("DROP TABLE IF EXISTS bench_table_floor")
    for (sql,) in schema:
        sql = sql.replace('"dossiers_dossier"', '"bench_table_floor"')
        db.execute(sql.replace('INDEX "', 'INDEX "bench_'))
    db.commit()
    width = len(source.execute("SELECT * FROM dossiers_dossier LIMIT 1").description)
    began = time.perf_counter()
    marks = ", ".join("?" * width)
    rows = source.execute("SELECT * FROM dossiers_dossier")
    db.executemany(f"INSERT INTO bench_table_floor VALUES ({marks})", rows)  # noqa: S608
    db.commit()
    elapsed = time.perf_counter() - began
    db.execute("DROP TABLE bench_table_floor")
    db.commit()
    return elapsed


def table_floor_postgres(url: str, folder: Path) -> float:
    """The same on PostgreSQL, with COPY from a file of the stored rows."""
    import psycopg

    dump = folder / "dossiers.copy"
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        with (
            conn.cursor() as cur,
            dump.open("wb") as out,
            cur.copy("COPY dossiers_dossier TO STDOUT") as copy,
        ):
            for chunk in copy:
                out.write(chunk)
        conn.execute("DROP TABLE IF EXISTS bench_table_floor")
        conn.execute("CREATE TABLE bench_table_floor (LIKE dossiers_dossier INCLUDING ALL)")
        conn.commit()
        with dump.open("rb") as handle:
            sql = "COPY bench_table_floor FROM STDIN"
            elapsed = _timed_copy(conn, "bench_table_floor", sql, handle)
    dump.unlink()
    return elapsed


def run_import(path: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, summary line) of the import command in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    elapsed, summary = import_dossiers(path, "BENCH", env)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest child so far: the import is the biggest one.
    return elapsed, max(peak, before) / 1024, summary


def main() -> None:
    if "--scenario" in sys.argv:
        at = sys.argv.index("--scenario")
        if sys.argv[at + 1 : at + 2] == ["monthly"]:
            # Month after month into one agency (issue 17): bench/dossiers_monthly.py.
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from dossiers_monthly import main as monthly

            monthly(sys.argv[1:])
            return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scenario",
        choices=("bulk", "monthly"),
        default="bulk",
        help="bulk: one file of --rows (issue 4); monthly: bench/dossiers_monthly.py (issue 17)",
    )
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="parindex-bench-"))
    env = setup_django(folder, args.database_url)
    from django.db import connection

    from parindex.org.choices import Role
    from parindex.org.models import Membership, Unit, User

    agency = bench_agency("BENCH", "Bench agency", time_limit=5)
    user, _ = User.objects.get_or_create(username="bench-secretariat")
    Membership.objects.get_or_create(user=user, role=Role.SECRETARIAT, agency=agency)
    engine = connection.vendor
    csv_path = folder / "dossiers.csv"
    began = time.perf_counter()
    generate(csv_path, args.rows)
    print(
        f"engine {engine}, {args.rows:,} rows, file {csv_path.stat().st_size / 1e6:.1f} MB "
        f"(generated in {time.perf_counter() - began:.1f} s)"
    )
    connection.close()

    if engine == "sqlite":
        floor, floor_name, target = floor_sqlite(csv_path, folder), "csv + executemany", 2.0
    else:
        floor, floor_name, target = floor_postgres(csv_path, args.database_url), "COPY", 1.5
    seconds, peak, summary = run_import(csv_path, env)
    print(f"floor ({floor_name}):        {floor:8.2f} s")
    print(
        f"import_dossiers (new):        {seconds:8.2f} s  ratio {seconds / floor:5.2f} "
        f"(target ≤ {target})  peak RSS {peak:.0f} MB (target < 500)  [{summary}]"
    )
    seconds2, peak2, summary2 = run_import(csv_path, env)
    print(
        f"import_dossiers (re-import):  {seconds2:8.2f} s  ratio {seconds2 / floor:5.2f}  "
        f"[{summary2}]"
    )

    if engine == "sqlite":
        table_floor = table_floor_sqlite(connection.settings_dict["NAME"])
    else:
        table_floor = table_floor_postgres(args.database_url, folder)
    print(
        f"table floor (stored rows into an identical table, its indexes): {table_floor:.2f} s  "
        f"ratio {table_floor / floor:5.2f}"
    )

    # What autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) does after a big load: fresh
    # statistics for the planner.
    began = time.perf_counter()
    with connection.cursor() as cursor:
        analyze(cursor, engine)
    print(f"vacuum/analyze after the load:{time.perf_counter() - began:8.2f} s")

    from parindex.dossiers.figures import dossier_figures

    # A calendar year (whole months: month rows only) and a period cut inside its first and
    # last months (day rows for those parts).
    periods = [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("10/01/2025–17/10/2026", dt.date(2025, 1, 10), dt.date(2026, 10, 17)),
    ]
    for name, d1, d2 in periods:
        total_time = 0.0
        for by in (None, "unit", "procedure", "channel", "month"):
            began = time.perf_counter()
            data = dossier_figures(agency, d1, d2, by=by)
            spent = time.perf_counter() - began
            total_time += spent
            print(f"figures {name} by {by or 'total':<10} {spent * 1000:8.0f} ms")
        print(f"all figures for {name}:  {total_time * 1000:8.0f} ms (target < 1000)")
        print(
            "  total:", {k: data["total"][k] for k in ("received", "resolved", "late", "pending")}
        )

    from django.test import Client

    head, _ = User.objects.get_or_create(username="bench-head")
    Membership.objects.get_or_create(
        user=head, role=Role.UNIT_HEAD, unit=Unit.objects.get(agency=agency, code=UNITS[0])
    )
    for who, url in (
        (user, "/dossiers/?agency=BENCH&date_from=2025-01-01&date_to=2025-12-31"),
        (user, "/dossiers/?agency=BENCH&date_from=2025-01-10&date_to=2026-10-17"),
        (head, "/dossiers/?agency=BENCH&date_from=2025-01-01&date_to=2025-12-31"),
    ):
        client = Client()
        client.force_login(who)
        client.get(url)
        timings = []
        for _ in range(3):
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise SystemExit(f"dashboard answered {response.status_code}")
        print(
            f"dashboard {who.username} {url.split('&', 1)[1]} (best of 3): "
            f"{min(timings) * 1000:5.0f} ms (target < 300)"
        )
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
