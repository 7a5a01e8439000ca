from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "parindex.workplan"
    label = "workplan"
    verbose_name = _("Plans, tasks and initiatives")
