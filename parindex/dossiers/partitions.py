"""PostgreSQL declarative partitioning of the dossier counts by year (docs/scale.md).

``dossiers_dossiercount`` becomes a table partitioned by RANGE (``day``): one partition a
year (``dossiers_dossiercount_y2026``) and a DEFAULT partition for any day no yearly
partition holds, so a write never fails. A figure of a period reads only the partitions of
its years (the planner prunes the others). Its primary key is (id, day) — PostgreSQL wants
the partition key in every unique index — and the import's upsert key already holds ``day``.

SQLite keeps one ordinary table: every function here is for PostgreSQL only, and Django sees
the same model on both (reads and writes go through the parent table).
"""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

TABLE = "dossiers_dossiercount"
DEFAULT = f"{TABLE}_default"
SEQUENCE = f"{TABLE}_pid_seq"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def partition_name(year: int) -> str:
    return f"{TABLE}_y{int(year):04d}"


def is_partitioned(conn: Any = None) -> bool:
    conn = conn or connection
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid "
            "WHERE c.relname = %s AND c.relnamespace = 'public'::regnamespace",
            [TABLE],
        )
        return cursor.fetchone() is not None


@dataclass
class Partition:
    name: str
    year: int | None  # None: the DEFAULT partition
    rows: int


def partitions() -> list[Partition]:
    """The yearly partitions (and the default one) with their row counts."""
    if not is_partitioned():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s ORDER BY c.relname",
            [TABLE],
        )
        names = [row[0] for row in cursor.fetchall()]
        out = []
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {_q(name)}")  # noqa: S608 (catalogue name)
            year = int(name.rsplit("_y", 1)[1]) if "_y" in name else None
            out.append(Partition(name, year, cursor.fetchone()[0]))
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
    cursor.execute(f"ALTER TABLE {_q(table)} SET ({options})")


def tune_all(conn: Any = None) -> list[str]:
    """Apply AUTOVACUUM to the counts table, or to each of its partitions; the tables set."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return []
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s ORDER BY c.relname",
            [TABLE],
        )
        tables = [row[0] for row in cursor.fetchall()] if is_partitioned(conn) else [TABLE]
        for table in tables:
            tune_autovacuum(cursor, table)
    return tables


def _create_year(cursor: Any, year: int) -> bool:
    """Create the partition of `year` if missing, moving its rows out of DEFAULT first."""
    name = partition_name(year)
    cursor.execute("SELECT to_regclass(%s)", [f"public.{name}"])
    if cursor.fetchone()[0] is not None:
        return False
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    # A new partition cannot be attached while DEFAULT holds rows of its range: build it
    # beside, move those rows in, then attach (one transaction).
    cursor.execute(
        f"CREATE TABLE {_q(name)} (LIKE {_q(TABLE)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
    )
    cursor.execute(
        f"WITH moved AS (DELETE FROM {_q(DEFAULT)} WHERE day >= %s AND day < %s RETURNING *) "  # noqa: S608
        f"INSERT INTO {_q(name)} SELECT * FROM moved",
        [start, end],
    )
    cursor.execute(
        f"ALTER TABLE {_q(TABLE)} ATTACH PARTITION {_q(name)} FOR VALUES FROM (%s) TO (%s)",
        [start, end],
    )
    tune_autovacuum(cursor, name)
    return True


def ensure_years(years: list[int] | range) -> list[int]:
    """Create the missing yearly partitions; the years created."""
    if not is_partitioned():
        return []
    created = []
    with transaction.atomic(), connection.cursor() as cursor:
        for year in years:
            if _create_year(cursor, int(year)):
                created.append(int(year))
    return created


def partition_table(schema_editor: Any) -> None:
    """Migration forward: turn the ordinary counts table into a partitioned one, keeping
    every row, the constraint and index names Django knows, and the id sequence."""
    conn = schema_editor.connection
    if conn.vendor != "postgresql" or is_partitioned(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND schemaname = 'public'",
            [TABLE],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass",
            [TABLE],
        )
        rows = cursor.fetchall()
        constraints = [(name, kind) for name, kind, _d in rows]
        # Unique and check constraints come back as they are (a unique key must hold `day`).
        kept = [(name, definition) for name, kind, definition in rows if kind in ("u", "c")]
        cursor.execute(
            f"SELECT EXTRACT(YEAR FROM min(day))::int, EXTRACT(YEAR FROM max(day))::int, "  # noqa: S608
            f"coalesce(max(id), 0) FROM {TABLE}"
        )
        first, last, max_id = cursor.fetchone()
        old = f"{TABLE}_unpartitioned"
        cursor.execute(f"ALTER TABLE {_q(TABLE)} RENAME TO {_q(old)}")
        for name, _kind in constraints:
            cursor.execute(
                f"ALTER TABLE {_q(old)} RENAME CONSTRAINT {_q(name)} TO {_q(name + '_o')}"
            )
        constraint_names = {name for name, _kind in constraints}
        for name, _definition in indexes:
            if name not in constraint_names:
                cursor.execute(f"ALTER INDEX {_q(name)} RENAME TO {_q(name + '_o')}")
        cursor.execute(
            f"CREATE TABLE {_q(TABLE)} (LIKE {_q(old)} INCLUDING DEFAULTS) PARTITION BY RANGE (day)"
        )
        cursor.execute(f"CREATE SEQUENCE {_q(SEQUENCE)} OWNED BY {_q(TABLE)}.id")
        cursor.execute("SELECT setval(%s, %s, false)", [SEQUENCE, max_id + 1])
        cursor.execute(
            f"ALTER TABLE {_q(TABLE)} ALTER COLUMN id SET DEFAULT nextval('{SEQUENCE}'::regclass)"
        )
        cursor.execute(
            f"ALTER TABLE {_q(TABLE)} ADD CONSTRAINT {_q(TABLE + '_pkey')} PRIMARY KEY (id, day)"
        )
        for name, definition in kept:
            cursor.execute(f"ALTER TABLE {_q(TABLE)} ADD CONSTRAINT {_q(name)} {definition}")
        for name, definition in indexes:
            if name not in constraint_names:
                cursor.execute(definition)  # the same name, now on the partitioned table
        cursor.execute(f"CREATE TABLE {_q(DEFAULT)} PARTITION OF {_q(TABLE)} DEFAULT")
        tune_autovacuum(cursor, DEFAULT)
        this_year = timezone.localdate().year
        for year in range(min(first or this_year, this_year), max(last or 0, this_year + 1) + 1):
            _create_year(cursor, year)
        cursor.execute(f"INSERT INTO {_q(TABLE)} SELECT * FROM {_q(old)}")  # noqa: S608
        cursor.execute(f"DROP TABLE {_q(old)}")
        cursor.execute(f"ANALYZE {_q(TABLE)}")


def unpartition_table(schema_editor: Any) -> None:
    """Migration backward: one ordinary table again, with an identity id."""
    conn = schema_editor.connection
    if conn.vendor != "postgresql" or not is_partitioned(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND schemaname = 'public'",
            [TABLE],
        )
        indexes = [
            (n, d) for n, d in cursor.fetchall() if n not in (f"{TABLE}_pkey", "dossiers_count_key")
        ]
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {_q(TABLE)}")  # noqa: S608
        max_id = cursor.fetchone()[0]
        old = f"{TABLE}_partitioned"
        cursor.execute(f"ALTER TABLE {_q(TABLE)} RENAME TO {_q(old)}")
        cursor.execute(f"ALTER TABLE {_q(old)} RENAME CONSTRAINT {_q(TABLE + '_pkey')} TO p_o")
        cursor.execute(f"ALTER TABLE {_q(old)} RENAME CONSTRAINT dossiers_count_key TO k_o")
        for name, _d in indexes:
            cursor.execute(f"ALTER INDEX {_q(name)} RENAME TO {_q(name + '_o')}")
        cursor.execute(f"CREATE TABLE {_q(TABLE)} (LIKE {_q(old)})")
        cursor.execute(
            f"ALTER TABLE {_q(TABLE)} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY "
            f"(START WITH {int(max_id) + 1})"
        )
        cursor.execute(f"ALTER TABLE {_q(TABLE)} ADD PRIMARY KEY (id)")
        cursor.execute(
            f"ALTER TABLE {_q(TABLE)} ADD CONSTRAINT dossiers_count_key UNIQUE "
            "(agency_id, grain, day, unit_key, procedure_id, channel)"
        )
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute(f"INSERT INTO {_q(TABLE)} SELECT * FROM {_q(old)}")  # noqa: S608
        cursor.execute(f"DROP TABLE {_q(old)} CASCADE")


def detach_year(year: int, archive: Path, *, keep_table: bool = False) -> int:
    """Detach the partition of `year`, write its rows to `archive` (gzip CSV with a header)
    and drop it (or keep it as a plain table); the number of rows archived."""
    if not is_partitioned():
        raise ValueError("the dossier counts are not partitioned (PostgreSQL only)")
    name = partition_name(year)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [f"public.{name}"])
        if cursor.fetchone()[0] is None:
            raise ValueError(f"no partition for {year}")
        cursor.execute(f"ALTER TABLE {_q(TABLE)} DETACH PARTITION {_q(name)}")
        archive.parent.mkdir(parents=True, exist_ok=True)
        rows = 0
        with gzip.open(archive, "wb") as out:
            copy_sql = f"COPY {_q(name)} TO STDOUT WITH (FORMAT csv, HEADER true)"
            with cursor.cursor.copy(copy_sql) as copy:
                for block in copy:
                    out.write(bytes(block))
        cursor.execute(f"SELECT count(*) FROM {_q(name)}")  # noqa: S608
        rows = cursor.fetchone()[0]
        if not keep_table:
            cursor.execute(f"DROP TABLE {_q(name)}")
    return rows


def restore_year(year: int, archive: Path) -> int:
    """Bring an archived year back: recreate its partition and load the archive into it."""
    if not is_partitioned():
        raise ValueError("the dossier counts are not partitioned (PostgreSQL only)")
    with transaction.atomic(), connection.cursor() as cursor:
        if not _create_year(cursor, year):
            raise ValueError(f"the partition for {year} exists already")
        name = partition_name(year)
        with gzip.open(archive, "rb") as source:
            copy_sql = f"COPY {_q(name)} FROM STDIN WITH (FORMAT csv, HEADER true)"
            with cursor.cursor.copy(copy_sql) as copy:
                while block := source.read(1 << 20):
                    copy.write(block)
        cursor.execute(f"SELECT count(*) FROM {_q(name)}")  # noqa: S608
        return cursor.fetchone()[0]
