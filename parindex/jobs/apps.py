from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs: the task queue's workers, their heartbeats and the reaper."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "parindex.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from parindex.jobs import checks  # noqa: F401 - registers the system checks
