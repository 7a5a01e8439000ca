"""Screens of the dossiers app (split by what they show)."""

from parindex.dossiers.views.figures import (
    dashboard,
    dossier_detail,
    dossier_list,
    late_list,
    overdue_list,
    procedure_detail,
    procedure_edit,
    procedure_list,
    review,
)
from parindex.dossiers.views.manage import (
    calendar,
    calendar_delete,
    calendar_import,
    import_detail,
    import_list,
    import_rejected,
    import_upload,
)
from parindex.dossiers.views.measures import (
    apologies,
    apology_edit,
    apology_file,
    publication,
    review_decide,
    review_outcomes,
)

__all__ = [
    "apologies",
    "apology_edit",
    "apology_file",
    "publication",
    "review_decide",
    "review_outcomes",
    "calendar",
    "calendar_delete",
    "calendar_import",
    "dashboard",
    "dossier_detail",
    "dossier_list",
    "import_detail",
    "import_list",
    "import_rejected",
    "import_upload",
    "late_list",
    "overdue_list",
    "procedure_detail",
    "procedure_edit",
    "procedure_list",
    "review",
]
