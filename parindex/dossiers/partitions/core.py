"""Listing and creating the yearly partitions of a table described by a TableSpec."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from parindex.dossiers.partitions.spec import COUNTS, SPECS, TableSpec


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def is_partitioned(spec: TableSpec, conn: Any = None) -> bool:
    conn = conn or connection
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid "
            "WHERE c.relname = %s AND c.relnamespace = 'public'::regnamespace",
            [spec.table],
        )
        return cursor.fetchone() is not None


def partition_exists(cursor: Any, name: str) -> bool:
    cursor.execute("SELECT to_regclass(%s)", [f"public.{name}"])
    return cursor.fetchone()[0] is not None


def children(cursor: Any, table: str) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s ORDER BY c.relname",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


@dataclass
class Partition:
    table: str
    name: str
    year: int | None  # None: the DEFAULT partition
    rows: int


def partitions(spec: TableSpec | None = None) -> list[Partition]:
    """The yearly partitions (and the default ones) with their row counts: of one table, or
    of every partitioned table."""
    out = []
    for one in [spec] if spec else SPECS.values():
        if not is_partitioned(one):
            continue
        with connection.cursor() as cursor:
            for name in children(cursor, one.table):
                cursor.execute(f"SELECT count(*) FROM {q(name)}")  # noqa: S608 (catalogue name)
                suffix = name.removeprefix(one.table)
                year = int(suffix[2:]) if suffix.startswith("_y") else None
                out.append(Partition(one.table, name, year, cursor.fetchone()[0]))
    return out


#: Autovacuum of the counts (docs/performance.md): an import rewrites a few thousand count rows
#: of a table holding millions, and the defaults (vacuum at 20 % dead rows, analyse at 10 %)
#: would let dead rows and stale statistics pile up over months of imports. Set on each
#: partition (PostgreSQL keeps no storage parameters on a partitioned parent).
AUTOVACUUM = {
    "autovacuum_vacuum_scale_factor": "0.01",
    "autovacuum_vacuum_threshold": "1000",
    "autovacuum_vacuum_insert_scale_factor": "0.02",
    "autovacuum_analyze_scale_factor": "0.01",
    "autovacuum_analyze_threshold": "1000",
}


def tune_autovacuum(cursor: Any, table: str) -> None:
    options = ", ".join(f"{key} = {value}" for key, value in AUTOVACUUM.items())
    cursor.execute(f"ALTER TABLE {q(table)} SET ({options})")


def tune_all(conn: Any = None) -> list[str]:
    """Apply AUTOVACUUM to the counts table, or to each of its partitions; the tables set."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return []
    with conn.cursor() as cursor:
        tables = children(cursor, COUNTS.table) if is_partitioned(COUNTS, conn) else [COUNTS.table]
        for table in tables:
            tune_autovacuum(cursor, table)
    return tables


def create_year(cursor: Any, spec: TableSpec, year: int) -> bool:
    """Create the partition of `year` if missing, moving its rows out of DEFAULT first."""
    name = spec.partition_name(year)
    if partition_exists(cursor, name):
        return False
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    # A new partition cannot be attached while DEFAULT holds rows of its range: build it
    # beside, move those rows in, then attach (one transaction).
    cursor.execute(
        f"CREATE TABLE {q(name)} (LIKE {q(spec.table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
    )
    cursor.execute(
        f"WITH moved AS (DELETE FROM {q(spec.default)} "  # noqa: S608
        f"WHERE {q(spec.column)} >= %s AND {q(spec.column)} < %s RETURNING *) "
        f"INSERT INTO {q(name)} SELECT * FROM moved",
        [start, end],
    )
    cursor.execute(
        f"ALTER TABLE {q(spec.table)} ATTACH PARTITION {q(name)} FOR VALUES FROM (%s) TO (%s)",
        [start, end],
    )
    if spec.autovacuum:
        tune_autovacuum(cursor, name)
    return True


def ensure_years(years: Iterable[int], specs: Iterable[TableSpec] | None = None) -> list[int]:
    """Create the missing yearly partitions of every partitioned table (or of `specs`); the
    years for which a partition was created."""
    years = [int(year) for year in years]
    created: set[int] = set()
    with transaction.atomic(), connection.cursor() as cursor:
        for spec in specs or SPECS.values():
            if not is_partitioned(spec):
                continue
            created.update(year for year in years if create_year(cursor, spec, year))
    return sorted(created)
