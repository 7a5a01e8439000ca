from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    SUPERSEDED = "superseded", _("Superseded")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    HALF = "half", _("6 months")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")
    CUSTOM = "custom", _("Custom dates")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
