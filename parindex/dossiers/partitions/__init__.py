"""PostgreSQL declarative partitioning by year of the dossiers and their counts
(docs/scale.md).

Each table partitioned by RANGE of a date column (spec.py: ``dossiers_dossier`` by
``received_on``, ``dossiers_dossiercount`` by ``day``) has one partition a year
(``dossiers_dossier_y2026``) and a DEFAULT partition for any date no yearly partition holds,
so a write never fails. A query on a period reads only the partitions of its years (the
planner prunes the others). The primary key becomes (id, partition column) and every unique
key holds the partition column too — in the database only: Django's model state is the same
on both engines, and reads and writes go through the parent table.

SQLite keeps ordinary tables: every function here is for PostgreSQL only.
"""

from parindex.dossiers.partitions.archive import archive_file, dependants, detach_year, restore_year
from parindex.dossiers.partitions.convert import partition_table, unpartition_table
from parindex.dossiers.partitions.core import (
    AUTOVACUUM,
    Partition,
    ensure_years,
    is_partitioned,
    partitions,
    tune_all,
)
from parindex.dossiers.partitions.spec import COUNTS, DOSSIERS, SPECS, TableSpec

__all__ = [
    "AUTOVACUUM",
    "COUNTS",
    "DOSSIERS",
    "SPECS",
    "Partition",
    "TableSpec",
    "archive_file",
    "dependants",
    "detach_year",
    "ensure_years",
    "is_partitioned",
    "partition_table",
    "partitions",
    "restore_year",
    "tune_all",
    "unpartition_table",
]
