from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    """The province level: every agency's standing on one page, the standings it keeps."""

    name = "parindex.province"
    label = "province"
    verbose_name = _("Province")
