"""Fixed vocabularies of the metrics app: the audit trail's words for its actions."""

from django.utils.translation import pgettext_lazy

from parindex.audit.registry import audit_actions

# The audit trail's words for this app's actions (see docs/architecture.md, "Audit trail").
audit_actions(
    {
        "criterion.bound": pgettext_lazy("audit action", "Criterion linked to a figure"),
        "indicator.changed": pgettext_lazy("audit action", "Indicator changed"),
        "indicator.value_set": pgettext_lazy("audit action", "Indicator value recorded"),
    }
)
