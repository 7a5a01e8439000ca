"""Fixed vocabularies of this app: the audit trail's words for its actions."""

from django.utils.translation import pgettext_lazy  # noqa: E402

from parindex.audit.registry import audit_actions  # noqa: E402

# The audit trail's words for this app's actions (see docs/architecture.md).
audit_actions(
    {
        "province.standings_refreshed": pgettext_lazy(
            "audit action", "Province standings refreshed"
        ),
    }
)
