"""Detaching an old year to gzip CSV files, and bringing it back (PostgreSQL only).

A year's archive is a folder of files named after the tables' partitions
(``dossiers_dossier_y2021.csv.gz``, ``dossiers_dossiercount_y2021.csv.gz``), each with a
header. The rows of other tables that point at the year's dossiers (survey invitations,
apology slips: foreign keys without a database constraint, docs/scale.md) are archived and
deleted with them, in files named ``<their table>_y2021.csv.gz``, and restored with them.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection, transaction

from parindex.dossiers.partitions.core import create_year, is_partitioned, partition_exists, q
from parindex.dossiers.partitions.spec import SPECS, TableSpec


def dependants(spec: TableSpec) -> list[tuple[str, str]]:
    """(table, column) of the foreign keys that point at the spec's model."""
    if spec.model is None:
        return []
    model = apps.get_model(spec.model)
    return [
        (rel.related_model._meta.db_table, rel.field.column)
        for rel in model._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
    ]


def archive_file(folder: Path, table: str, year: int) -> Path:
    return folder / f"{table}_y{int(year):04d}.csv.gz"


def _copy_out(cursor: Any, query: str, path: Path) -> None:
    sql = f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)"
    with gzip.open(path, "wb") as out, cursor.cursor.copy(sql) as copy:
        for block in copy:
            out.write(bytes(block))


def _copy_in(cursor: Any, path: Path, table: str) -> int:
    """Load an archive into `table` by its header's column names; the rows loaded."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as text:
        header = next(csv.reader(text))
    columns = ", ".join(map(q, header))
    cursor.execute(f"SELECT count(*) FROM {q(table)}")  # noqa: S608
    before = cursor.fetchone()[0]
    sql = f"COPY {q(table)} ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true)"
    with gzip.open(path, "rb") as source, cursor.cursor.copy(sql) as copy:
        while block := source.read(1 << 20):
            copy.write(block)
    cursor.execute(f"SELECT count(*) FROM {q(table)}")  # noqa: S608
    return cursor.fetchone()[0] - before


def _chosen(specs: Iterable[TableSpec] | None) -> list[TableSpec]:
    chosen = [spec for spec in specs or SPECS.values() if is_partitioned(spec)]
    if not chosen:
        raise ValueError("these tables are not partitioned (PostgreSQL only)")
    return chosen


def detach_year(
    year: int,
    folder: Path,
    *,
    specs: Iterable[TableSpec] | None = None,
    keep_table: bool = False,
) -> dict[str, int]:
    """Detach the partitions of `year`, write their rows and the rows pointing at them to
    `folder` and drop them (or keep them as plain tables); the rows archived, by table."""
    chosen = _chosen(specs)
    archived: dict[str, int] = {}
    try:
        _detach(year, folder, chosen, keep_table, archived)
    except BaseException:
        # Nothing was detached: files written so far would only block a second attempt.
        for table in archived:
            archive_file(folder, table, year).unlink(missing_ok=True)
        raise
    return archived


def _detach(
    year: int, folder: Path, chosen: list[TableSpec], keep_table: bool, archived: dict[str, int]
) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # Deferred foreign-key checks still queued in this transaction would block the DROP.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        present = [s for s in chosen if partition_exists(cursor, s.partition_name(year))]
        if not present:
            raise ValueError(f"no partition for {year}")
        tables = [t for s in present for t in [*(d for d, _c in dependants(s)), s.table]]
        for path in (archive_file(folder, table, year) for table in tables):
            if path.exists():
                raise ValueError(f"{path} exists already")
        folder.mkdir(parents=True, exist_ok=True)
        for spec in present:
            name = spec.partition_name(year)
            cursor.execute(f"ALTER TABLE {q(spec.table)} DETACH PARTITION {q(name)}")
            for table, column in dependants(spec):
                pointing = f"{q(column)} IN (SELECT id FROM {q(name)})"  # noqa: S608
                select = f"SELECT * FROM {q(table)} WHERE {pointing}"  # noqa: S608
                archived[table] = 0  # from here on its file is ours to remove on failure
                _copy_out(cursor, select, archive_file(folder, table, year))
                cursor.execute(f"DELETE FROM {q(table)} WHERE {pointing}")  # noqa: S608
                archived[table] = cursor.rowcount
            archived[spec.table] = 0
            _copy_out(cursor, f"SELECT * FROM {q(name)}", archive_file(folder, spec.table, year))  # noqa: S608
            cursor.execute(f"SELECT count(*) FROM {q(name)}")  # noqa: S608
            archived[spec.table] = cursor.fetchone()[0]
            if not keep_table:
                cursor.execute(f"DROP TABLE {q(name)}")


def restore_year(
    year: int, folder: Path, *, specs: Iterable[TableSpec] | None = None
) -> dict[str, int]:
    """Bring an archived year back: recreate each table's partition of `year` whose archive
    is in `folder`, load it, then the rows that pointed at it; the rows loaded, by table."""
    chosen = _chosen(specs)
    restored: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for spec in chosen:
            path = archive_file(folder, spec.table, year)
            if not path.is_file():
                continue
            if not create_year(cursor, spec, year):
                raise ValueError(f"the partition {spec.partition_name(year)} exists already")
            restored[spec.table] = _copy_in(cursor, path, spec.partition_name(year))
            for table, _column in dependants(spec):
                path = archive_file(folder, table, year)
                if path.is_file():
                    restored[table] = _copy_in(cursor, path, table)
    if not restored:
        raise ValueError(f"no archive of {year} in {folder}")
    return restored
