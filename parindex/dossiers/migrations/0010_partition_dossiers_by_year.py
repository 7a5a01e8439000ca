"""PostgreSQL only: the dossiers partitioned by year of reception (parindex/dossiers/partitions/).

Nothing changes on SQLite, nor in Django's model state: the same table name, columns,
constraint and index names. In the database only, the primary key becomes (id, received_on)
and the unique (agency, code) becomes (agency, code, received_on); the import keeps
(agency, code) unique (services/writes.py). The foreign keys pointing at dossiers lost their
database constraint first (dossiers 0009, citizens 0002).
"""

from django.db import migrations


def forward(apps, schema_editor):
    from parindex.dossiers.partitions import DOSSIERS, partition_table

    partition_table(schema_editor, DOSSIERS)


def backward(apps, schema_editor):
    from parindex.dossiers.partitions import DOSSIERS, unpartition_table

    unpartition_table(schema_editor, DOSSIERS)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0009_apology_dossier_without_db_constraint"),
        ("citizens", "0002_invitation_dossier_without_db_constraint"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
