from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The shell: overview page, navigation, health check."""

    name = "parindex.home"
    label = "home"
    verbose_name = _("Overview")
