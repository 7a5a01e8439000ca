from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parindex.audit.display import changes_text
from parindex.audit.filters import AuditFilter
from parindex.audit.selectors import audit_entries_for_user
from parindex.common.listing import Column, render_list
from parindex.org import access

AUDIT_COLUMNS = (
    Column(gettext_lazy("Time"), "created_at"),
    Column(gettext_lazy("Actor"), "actor_text"),
    Column(gettext_lazy("Action"), "action_label"),
    Column(gettext_lazy("Target"), "target_repr"),
    Column(gettext_lazy("Changes"), changes_text),
    Column(gettext_lazy("Note"), "note"),
)


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not access.may_read_audit(request.user):
        raise PermissionDenied
    return render_list(
        request,
        queryset=audit_entries_for_user(request.user),
        columns=AUDIT_COLUMNS,
        filterset_class=AuditFilter,
        title=_("Audit trail"),
        export_name="audit",
        empty_message=_("No change recorded for this filter."),
    )
