from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_usernames(apps, schema_editor):
    """Rows written before the field existed take the actor's current username."""
    AuditEntry = apps.get_model("audit", "AuditEntry")
    User = apps.get_model("org", "User")
    AuditEntry.objects.filter(actor__isnull=False).update(
        actor_username=Subquery(User.objects.filter(pk=OuterRef("actor_id")).values("username")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_province"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="actor_username",
            field=models.CharField(blank=True, max_length=150, verbose_name="actor username"),
        ),
        migrations.RunPython(fill_usernames, migrations.RunPython.noop),
    ]
