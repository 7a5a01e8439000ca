"""Choices of the procedure catalogue and of dossiers (docs/domain.md §2, docs/formats.md §4–5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions
from parindex.common import workdays


class LimitUnit(models.TextChoices):
    WORKING_DAYS = workdays.WORKING_DAYS, _("working days")
    CALENDAR_DAYS = workdays.CALENDAR_DAYS, _("calendar days")
    WORKING_HOURS = workdays.WORKING_HOURS, _("working hours")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("entirely online (toàn trình)")
    PARTIAL = "partial", _("partly online (một phần)")
    NONE = "none", _("not online")


class Channel(models.IntegerChoices):
    DIRECT = 1, _("in person")
    ONLINE = 2, _("online")
    POSTAL = 3, _("public postal service")


#: Group keys of channels in the figures (docs/formats.md §6).
CHANNEL_KEYS = {Channel.DIRECT: "direct", Channel.ONLINE: "online", Channel.POSTAL: "postal"}


class Status(models.IntegerChoices):
    NEW = 1, _("registered, not yet received")
    RECEIVED = 2, _("received")
    REFUSED = 3, _("refused at reception")
    PROCESSING = 4, _("being processed")
    SUPPLEMENT = 5, _("supplement requested")
    FINANCIAL = 6, _("financial obligation requested")
    WITHDRAWN = 7, _("withdrawn by the applicant")
    STOPPED = 8, _("processing stopped")
    DONE = 9, _("processed")
    RETURNED = 10, _("result returned")


#: Statuses that never count as received (docs/formats.md §5).
NOT_RECEIVED = (Status.NEW, Status.REFUSED)
#: Statuses whose result date stands in for a missing end date (docs/formats.md §5).
END_BY_RESULT = (Status.WITHDRAWN, Status.STOPPED)


class Outcome(models.IntegerChoices):
    """How a dossier ended, against its due date (docs/formats.md §6)."""

    OPEN = 0, _("not ended")
    EARLY = 1, _("early")
    ON_TIME = 2, _("on time")
    LATE = 3, _("late")


class OnlinePayment(models.IntegerChoices):
    NO = 0, _("no")
    YES = 1, _("yes")
    OTHER = 2, _("code 2")


class ReviewProposal(models.TextChoices):
    """What a procedure review proposes (the director's notice, conclusion on procedures)."""

    SIMPLIFY = "simplify", _("simplify the procedure")
    PROMOTE_ONLINE = "promote_online", _("promote its online service")
    REREGISTER_LEVEL = "reregister", _("re-register its online level")


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("not yet decided")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class ImportKind(models.TextChoices):
    PROCEDURES = "procedures", _("procedures")
    DOSSIERS = "dossiers", _("dossiers")
    CALENDAR = "calendar", _("calendar")


class ImportState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    REFUSED = "refused", _("refused")
    FAILED = "failed", _("failed")


# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").

audit_actions(
    {
        "dossier_counts.year_archived": pgettext_lazy(
            "audit action", "A year of dossiers or counts archived"
        ),
        "dossier_counts.year_restored": pgettext_lazy(
            "audit action", "A year of dossiers or counts restored"
        ),
        "procedure.created": pgettext_lazy("audit action", "Procedure added"),
        "procedure.updated": pgettext_lazy("audit action", "Procedure changed"),
        "dossier.imported": pgettext_lazy("audit action", "Dossiers imported"),
        "dossier.updated": pgettext_lazy("audit action", "Dossier updated"),
        "dossier.apology_recorded": pgettext_lazy("audit action", "Apology slip recorded"),
        "procedure_review.proposed": pgettext_lazy("audit action", "Procedure review proposed"),
        "procedure_review.decided": pgettext_lazy("audit action", "Procedure review decided"),
        "calendar.day_set": pgettext_lazy("audit action", "Calendar day set"),
        "calendar.day_deleted": pgettext_lazy("audit action", "Calendar day removed"),
    }
)
