from django.db import migrations, models


def count_paid_online(apps, schema_editor):
    """Fill the new column from the dossiers already stored: each agency's counts rebuilt."""
    dossier = apps.get_model("dossiers", "Dossier")
    agencies = list(dossier.objects.values_list("agency_id", flat=True).distinct())
    if not agencies:
        return
    # The service of today: this runs once, right after the column was added.
    from parindex.dossiers.services.counts import dossier_counts_rebuild

    for agency_id in agencies:
        dossier_counts_rebuild(agency_id)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossiercount",
            name="paid_online",
            field=models.IntegerField(default=0, verbose_name="paid online"),
        ),
        migrations.RunPython(count_paid_online, migrations.RunPython.noop),
    ]
