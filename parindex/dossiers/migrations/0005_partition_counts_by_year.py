"""PostgreSQL only: the dossier counts partitioned by year (parindex/dossiers/partitions/).

Nothing changes on SQLite, nor in Django's model state: the same table name, columns,
constraint and index names; only the primary key becomes (id, day) in the database.
"""

from django.db import migrations


def forward(apps, schema_editor):
    from parindex.dossiers.partitions import COUNTS, partition_table

    partition_table(schema_editor, COUNTS)


def backward(apps, schema_editor):
    from parindex.dossiers.partitions import COUNTS, unpartition_table

    unpartition_table(schema_editor, COUNTS)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_drop_agency_only_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
