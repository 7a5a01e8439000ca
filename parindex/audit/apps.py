from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "parindex.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Each app registers the words of its audit actions in its choices.py.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("choices")
