"""Writes of the dossiers app: procedures, dossiers, import runs and calendar overrides.

Split by aggregate; import from here (``from parindex.dossiers import services``).
"""

from parindex.dossiers.services.calendar import (
    calendar_day_delete,
    calendar_day_set,
    import_calendar,
)
from parindex.dossiers.services.dossiers import (
    DOSSIER_COLUMNS,
    DossierImporter,
    dossiers_push,
    import_dossiers,
)
from parindex.dossiers.services.procedures import (
    PROCEDURE_COLUMNS,
    import_procedures,
    procedure_update,
)
from parindex.dossiers.services.runs import (
    import_run_execute,
    import_run_record,
    import_run_start,
    import_run_start_background,
    read_progress,
)

__all__ = [
    "DOSSIER_COLUMNS",
    "PROCEDURE_COLUMNS",
    "DossierImporter",
    "calendar_day_delete",
    "calendar_day_set",
    "dossiers_push",
    "import_calendar",
    "import_dossiers",
    "import_procedures",
    "import_run_execute",
    "import_run_record",
    "import_run_start",
    "import_run_start_background",
    "procedure_update",
    "read_progress",
]
