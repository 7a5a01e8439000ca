"""Drop the single-column agency indexes Django adds for foreign keys: every query of these
tables filters on the agency *and* more, and a composite index leading with the agency serves
it. On PostgreSQL the counts' one was chosen for the figures, which then read every count row
of the agency.

The database side drops the index it finds by introspection (its name is a hash), so SQLite
does not rebuild the tables as an ``AlterField`` would.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLES = {
    "procedure": "dossiers_procedure",
    "dossier": "dossiers_dossier",
    "dossiercount": "dossiers_dossiercount",
    "importrun": "dossiers_importrun",
}


def _agency_only_indexes(schema_editor, table):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and info["columns"] == ["agency_id"]
    ]


def drop_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    for table in TABLES.values():
        for name in _agency_only_indexes(schema_editor, table):
            schema_editor.execute(f"DROP INDEX {quote(name)}")


def create_indexes(apps, schema_editor):
    for model_name in TABLES:
        model = apps.get_model("dossiers", model_name)
        field = model._meta.get_field("agency")
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


def _agency(related_name, on_delete, **extra):
    return models.ForeignKey(
        db_index=False,
        on_delete=on_delete,
        related_name=related_name,
        to="org.agency",
        verbose_name="agency",
        **extra,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0003_count_paid_online"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="procedure",
                    name="agency",
                    field=_agency("procedures", django.db.models.deletion.PROTECT),
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="agency",
                    field=_agency("dossiers", django.db.models.deletion.PROTECT),
                ),
                migrations.AlterField(
                    model_name="dossiercount",
                    name="agency",
                    field=_agency("+", django.db.models.deletion.CASCADE, db_constraint=False),
                ),
                migrations.AlterField(
                    model_name="importrun",
                    name="agency",
                    field=_agency("import_runs", django.db.models.deletion.CASCADE),
                ),
            ],
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
        ),
    ]
