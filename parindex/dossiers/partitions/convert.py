"""Migrations: an ordinary table becomes partitioned by year, and back (PostgreSQL only).

Both directions keep every row, the ids and the id sequence's position, and every constraint
and index name Django knows. The rows are copied before the keys, checks, foreign keys and
indexes are added: building an index over loaded rows, and checking a foreign key with one
join, is several times faster than row by row.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from parindex.dossiers.partitions.core import (
    create_year,
    is_partitioned,
    q,
    tune_autovacuum,
)
from parindex.dossiers.partitions.spec import TableSpec


def _indexes(cursor: Any, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the indexes that back no constraint."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
        "AND i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conrelid = %s::regclass AND c.conname = i.indexname) ORDER BY i.indexname",
        [table, table],
    )
    return cursor.fetchall()


def _constraints(cursor: Any, table: str) -> list[tuple[str, str, str]]:
    """(name, kind, definition) of the table's own constraints."""
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND coninhcount = 0 ORDER BY conname",
        [table],
    )
    return cursor.fetchall()


def _next_id(cursor: Any, table: str) -> int:
    """The next id the table's sequence would give (never below the largest id + 1)."""
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {q(table)}")  # noqa: S608
    max_id = cursor.fetchone()[0]
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    last = 0
    if sequence:
        cursor.execute(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}")  # noqa: S608
        last = cursor.fetchone()[0]
    return max(max_id, last) + 1


def _set_aside(cursor: Any, table: str, old: str, indexes: list[tuple[str, str]]) -> None:
    """Rename `table` to `old`, and its key and index names (unique in the schema) so the
    new table can take them; check and foreign-key names are per table and stay."""
    cursor.execute(f"ALTER TABLE {q(table)} RENAME TO {q(old)}")
    for i, (name, kind, _d) in enumerate(_constraints(cursor, old)):
        if kind in ("p", "u"):
            cursor.execute(
                f"ALTER TABLE {q(old)} RENAME CONSTRAINT {q(name)} TO {q(f'{old}_k{i}')}"
            )
    for i, (name, _d) in enumerate(indexes):
        cursor.execute(f"ALTER INDEX {q(name)} RENAME TO {q(f'{old}_i{i}')}")


def _add_constraints(
    cursor: Any, table: str, kept: list[tuple[str, str, str]], indexes: list[tuple[str, str]]
) -> None:
    for name, kind, definition in kept:
        if kind in ("c", "f"):
            cursor.execute(f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} {definition}")
    for _name, definition in indexes:
        cursor.execute(definition)  # the same name, now on the new table


def _fill(
    cursor: Any,
    table: str,
    old: str,
    primary_key: str,
    keys: dict[str, tuple[str, ...]],
    kept: list[tuple[str, str, str]],
    indexes: list[tuple[str, str]],
    *,
    cascade: bool = False,
) -> None:
    """The rows of the set-aside `old` copied into the new `table`, then its primary key, its
    unique `keys` (name → columns), the constraints and indexes kept; `old` dropped (with
    what depends on it when `cascade`) and the new table analysed."""
    cursor.execute(f"INSERT INTO {q(table)} SELECT * FROM {q(old)}")  # noqa: S608
    cursor.execute(
        f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(table + '_pkey')} PRIMARY KEY ({primary_key})"
    )
    for name, columns in keys.items():
        names = ", ".join(map(q, columns))
        cursor.execute(f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} UNIQUE ({names})")
    _add_constraints(cursor, table, kept, indexes)
    cursor.execute(f"DROP TABLE {q(old)}{' CASCADE' if cascade else ''}")
    cursor.execute(f"ANALYZE {q(table)}")


def partition_table(schema_editor: Any, spec: TableSpec) -> None:
    """Migration forward: turn the ordinary table into a partitioned one, with partitions from
    its first year (or this year) to next year and a DEFAULT one."""
    conn = schema_editor.connection
    if conn.vendor != "postgresql" or is_partitioned(spec, conn):
        return
    table, column = spec.table, spec.column
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint "
            "WHERE confrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        pointing = [row[0] for row in cursor.fetchall()]
        if pointing:
            # PostgreSQL points a foreign key only at a unique index, and a partitioned
            # table's unique indexes all hold the partition column.
            raise RuntimeError(
                f"{table} cannot be partitioned while foreign keys of {', '.join(pointing)} "
                "point at it: declare them db_constraint=False"
            )
        indexes = _indexes(cursor, table)
        kept = _constraints(cursor, table)
        unknown = [n for n, kind, _d in kept if kind == "u" and n not in spec.keys]
        if unknown:
            raise RuntimeError(f"unique constraints {unknown} of {table} are not in its spec")
        cursor.execute(
            f"SELECT EXTRACT(YEAR FROM min({q(column)}))::int, "  # noqa: S608
            f"EXTRACT(YEAR FROM max({q(column)}))::int FROM {q(table)}"
        )
        first, last = cursor.fetchone()
        next_id = _next_id(cursor, table)
        old = f"{table}_unpartitioned"
        _set_aside(cursor, table, old, indexes)
        cursor.execute(
            f"CREATE TABLE {q(table)} (LIKE {q(old)} INCLUDING DEFAULTS) "
            f"PARTITION BY RANGE ({q(column)})"
        )
        cursor.execute(f"CREATE SEQUENCE {q(spec.sequence)} OWNED BY {q(table)}.id")
        cursor.execute("SELECT setval(%s, %s, false)", [spec.sequence, next_id])
        cursor.execute(
            f"ALTER TABLE {q(table)} ALTER COLUMN id "
            f"SET DEFAULT nextval('{spec.sequence}'::regclass)"
        )
        cursor.execute(f"CREATE TABLE {q(spec.default)} PARTITION OF {q(table)} DEFAULT")
        if spec.autovacuum:
            tune_autovacuum(cursor, spec.default)
        this_year = timezone.localdate().year
        for year in range(min(first or this_year, this_year), max(last or 0, this_year + 1) + 1):
            create_year(cursor, spec, year)
        keys = {name: columns for name, (columns, _plain) in spec.keys.items()}
        _fill(cursor, table, old, f"id, {q(column)}", keys, kept, indexes)


def unpartition_table(schema_editor: Any, spec: TableSpec) -> None:
    """Migration backward: one ordinary table again, with an identity id and the keys as
    Django's model state has them."""
    conn = schema_editor.connection
    if conn.vendor != "postgresql" or not is_partitioned(spec, conn):
        return
    table = spec.table
    with conn.cursor() as cursor:
        indexes = _indexes(cursor, table)
        kept = _constraints(cursor, table)
        next_id = _next_id(cursor, table)
        old = f"{table}_partitioned"
        _set_aside(cursor, table, old, indexes)
        cursor.execute(f"CREATE TABLE {q(table)} (LIKE {q(old)} INCLUDING DEFAULTS)")
        cursor.execute(f"ALTER TABLE {q(table)} ALTER COLUMN id DROP DEFAULT")
        cursor.execute(
            f"ALTER TABLE {q(table)} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY "
            f"(START WITH {int(next_id)})"
        )
        keys = {name: columns for name, (_partitioned, columns) in spec.keys.items()}
        _fill(cursor, table, old, "id", keys, kept, indexes, cascade=True)
