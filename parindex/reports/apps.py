from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "parindex.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Importing the types registers them (registry.register at import time).
        from parindex.reports import report_types  # noqa: F401
