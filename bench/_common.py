"""What the benches share: the synthetic one-stop export, the import command, the Django set-up
of a bench database, the bench agencies and the gunicorn command line.

Imported as ``_common`` by the scripts of this folder (run as ``python bench/<script>.py``, so
the folder is on ``sys.path``).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "Mã hồ sơ",
    "Mã TTHC",
    "Đơn vị",
    "Kênh",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày kết thúc xử lý",
    "Ngày trả kết quả",
    "Trạng thái",
    "Số lần bổ sung",
    "Thanh toán trực tuyến",
]
UNITS = ["QLCN", "TDC", "KHTC", "HCTH", "TTUD"]
PROCEDURES = [f"1.{i:06d}" for i in range(60)]
DATE_TIME = "%d/%m/%Y %H:%M:%S"
DATE = "%d/%m/%Y"


def write_export(
    path: Path,
    *,
    title: str,
    rows: int,
    seed: int,
    first: dt.datetime,
    span: float,
    code: Callable[[int], str],
) -> None:
    """A one-stop system's export of ``rows`` dossiers received within ``span`` seconds after
    ``first`` (local wall-clock times written as text), the i-th one numbered ``code(i)``."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["SỞ KHOA HỌC VÀ CÔNG NGHỆ"])
        writer.writerow([title])
        writer.writerow(HEADER)
        for i in range(rows):
            received = first + dt.timedelta(seconds=rng.random() * span)
            due = received + dt.timedelta(days=rng.choice((1, 3, 5, 7, 10, 15)))
            fate = rng.random()
            end = ""
            status = 4
            if fate < 0.9:
                end_at = received + (due - received) * rng.uniform(0.2, 1.3)
                end = end_at.strftime(DATE_TIME)
                status = 10
            elif fate < 0.92:
                status = rng.choice((1, 3))
            writer.writerow(
                [
                    code(i),
                    rng.choice(PROCEDURES),
                    rng.choice(UNITS),
                    rng.choice((1, 2, 2, 3)),
                    received.strftime(DATE_TIME),
                    due.strftime(DATE),
                    end,
                    "",
                    status,
                    rng.choice((0, 0, 0, 1, 2)),
                    rng.choice((0, 1)),
                ]
            )


def sqlite_floor(
    path: Path, folder: Path, columns: str, rows: Callable[[Iterator[list[str]]], Iterable[Any]]
) -> float:
    """Seconds to load the export at ``path`` with ``executemany`` into a plain table
    ``floor (columns)`` of a scratch SQLite file in ``folder``; ``rows`` turns the csv reader,
    past the title and header rows, into the values inserted (its work is timed too)."""
    db = sqlite3.connect(folder / "floor.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("DROP TABLE IF EXISTS floor")
    db.execute(f"CREATE TABLE floor ({columns})")
    began = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        for _ in range(3):
            next(reader)
        marks = ", ".join("?" * len(HEADER))
        db.executemany(f"INSERT INTO floor VALUES ({marks})", rows(reader))  # noqa: S608
    db.commit()
    elapsed = time.perf_counter() - began
    db.close()
    return elapsed


def run_import(path: Path, agency: str, env: dict[str, str], *options: str) -> tuple[float, str]:
    """(seconds, summary line) of ``parindex import_dossiers`` in a child process."""
    began = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "parindex", "import_dossiers", str(path), "--agency", agency]
        + list(options),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - began
    if done.returncode:
        raise SystemExit(f"import failed:\n{done.stderr[-3000:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def setup_django(folder: Path, database_url: str | None) -> dict[str, str]:
    """Django set up in this process on ``database_url`` (default: a fresh SQLite file in
    ``folder``), migrated; the environment for the child processes. A replica is dropped: it
    would not be a copy of the bench database."""
    env = dict(
        os.environ, PARINDEX_DATA_DIR=str(folder), DJANGO_SETTINGS_MODULE="parindex.settings"
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    env.pop("DATABASE_REPLICA_URL", None)
    os.environ.update(env)
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL"):
        if name not in env:
            os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


def bench_agency(code: str, name: str, **procedure_defaults: Any) -> Any:
    """The agency ``code`` with no dossiers nor counts, the bench's units and procedures."""
    from parindex.dossiers.models import Dossier, DossierCount, Procedure
    from parindex.org.models import Agency, Unit

    Dossier.objects.filter(agency__code=code).delete()
    DossierCount.objects.filter(agency__code=code).delete()
    agency, _ = Agency.objects.get_or_create(code=code, defaults={"name": name})
    for unit in UNITS:
        Unit.objects.get_or_create(agency=agency, code=unit, defaults={"name": f"Phòng {unit}"})
    for procedure in PROCEDURES:
        Procedure.objects.get_or_create(
            agency=agency,
            code=procedure,
            defaults={"name": f"Thủ tục {procedure}", **procedure_defaults},
        )
    return agency


def analyze(cursor: Any, engine: str) -> None:
    """Fresh planner statistics after a big load, what autovacuum (PostgreSQL) or a periodic
    ANALYZE (SQLite) gives."""
    if engine == "postgresql":
        cursor.execute("VACUUM (ANALYZE) dossiers_dossier")
        cursor.execute("VACUUM (ANALYZE) dossiers_dossiercount")
    else:
        cursor.execute("ANALYZE")


def gunicorn_command(port: int, workers: int, *options: str) -> list[str]:
    """The command line of gunicorn serving parindex on the loopback ``port``."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "parindex.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        *options,
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
