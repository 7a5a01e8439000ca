from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    """Live metrics, early warning and the director's page."""

    name = "parindex.metrics"
    label = "metrics"
    verbose_name = _("Metrics and early warning")
