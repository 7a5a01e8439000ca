from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions


class UnitKind(models.TextChoices):
    OFFICE = "phong", _("Division (phòng)")
    SUB_DEPARTMENT = "chi_cuc", _("Sub-department (chi cục)")
    CENTRE = "trung_tam", _("Centre (trung tâm)")
    INSPECTORATE = "thanh_tra", _("Inspectorate (thanh tra)")
    OTHER = "khac", _("Other")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SECRETARIAT = "secretariat", _("PAR secretariat")
    LEADER = "leader", _("Leader")
    UNIT_HEAD = "unit_head", _("Unit head")
    UNIT_STAFF = "unit_staff", _("Unit staff")
    APPRAISER = "appraiser", _("Appraisal council member")
    VIEWER = "viewer", _("Viewer")
    PROVINCE_SECRETARIAT = "province_secretariat", _("Province PAR secretariat")
    PROVINCE_COUNCIL = "province_council", _("Province appraisal council")


# Which scope each role is held in: decides the membership's required target.
AGENCY_ROLES = frozenset({Role.SECRETARIAT, Role.LEADER, Role.VIEWER})
UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_STAFF})
COUNCIL_ROLES = frozenset({Role.APPRAISER})
# Held in a province: the roles that own the year's framework, the calendar and the ranking.
PROVINCE_ROLES = frozenset({Role.PROVINCE_SECRETARIAT, Role.PROVINCE_COUNCIL})


class Language(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")


# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").

audit_actions(
    {
        "agency.merged": pgettext_lazy("audit action", "Agencies merged"),
        "unit.merged": pgettext_lazy("audit action", "Units merged"),
        "unit.renamed": pgettext_lazy("audit action", "Unit renamed"),
        "unit.split": pgettext_lazy("audit action", "Unit split"),
        "province.created": pgettext_lazy("audit action", "Province created"),
        "agency.created": pgettext_lazy("audit action", "Agency created"),
        "agency.updated": pgettext_lazy("audit action", "Agency details changed"),
        "unit.created": pgettext_lazy("audit action", "Unit created"),
        "unit.updated": pgettext_lazy("audit action", "Unit details changed"),
        "person.created": pgettext_lazy("audit action", "Account created"),
        "person.updated": pgettext_lazy("audit action", "Personal details changed"),
        "person.password_set": pgettext_lazy("audit action", "Password set"),
        "person.unlocked": pgettext_lazy("audit action", "Login unlocked"),
        "membership.added": pgettext_lazy("audit action", "Role given"),
        "membership.removed": pgettext_lazy("audit action", "Role withdrawn"),
        "api_token.created": pgettext_lazy("audit action", "API key created"),
        "api_token.revoked": pgettext_lazy("audit action", "API key revoked"),
    }
)
