from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "parindex.registers"
    label = "registers"
    verbose_name = _("Legal documents, inspections and recommendations")
