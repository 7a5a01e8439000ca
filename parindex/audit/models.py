"""The audit trail: who changed what, when, from which value to which."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.common.fields import person_link
from parindex.org.access import (
    RestrictedQuerySet,
    Scope,
    ScopeRule,
)


def _audit_readers(scope: Scope) -> Q:
    """An agency's secretariat reads its rows; a province's secretariat, the province's too."""
    own = Q(agency__in=scope.secretariat)
    if scope.province_secretariat:
        own |= Q(province__in=scope.province_secretariat) | Q(
            agency__province__in=scope.province_secretariat
        )
    return own


class AuditEntry(models.Model):
    """One change made through a service: action code, actor, target, before and after."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = person_link(_("actor"))
    # Kept as text so the entry still reads right after the person is renamed or deleted.
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    # The login name at the time: unique and changed only by the secretariat, so an entry
    # cannot be passed off as another person's by changing one's display name.
    actor_username = models.CharField(_("actor username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=60)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("target type")
    )
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    # Set on province-level changes (the framework, the calendar): the province's roles see
    # them; each affected agency gets its own row beside it (agency set).
    province = models.ForeignKey(
        "org.Province",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            # The history panel of a detail page: entries of one object, newest first.
            models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target"),
            # The audit list filtered by agency and action.
            models.Index(fields=["agency", "action", "-created_at"], name="audit_agency_action"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_text} {self.action} {self.target_repr}"
        )

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field whose value differs."""
        before = self.before or {}
        after = self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    @property
    def action_label(self) -> str:
        """The action in words ("Tự chấm điểm"), from the registry of `audit.registry`."""
        from parindex.audit.registry import action_label

        return str(action_label(self.action))

    @property
    def actor_text(self) -> str:
        """The actor's username and the name they bore then ("cv_a (Nguyễn Văn A)");
        entries written by an import or a timer read "system"."""
        from django.utils.translation import gettext

        if self.actor_name in ("", "system") and not self.actor_username:
            return gettext("System")
        if not self.actor_username or self.actor_username == self.actor_name:
            return self.actor_name or self.actor_username
        return f"{self.actor_username} ({self.actor_name})"

    @property
    def lines(self) -> list:
        """The changes in words: field labels, choice labels, dd/mm/yyyy, `1,5`, "—"."""
        from parindex.audit.display import change_lines

        return change_lines(self)

    scope_filter = ScopeRule(view=_audit_readers)
