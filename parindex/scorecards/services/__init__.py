"""Writes of the scorecards app: every state change is a service, atomic, checked, audited."""

from parindex.scorecards.services.assignments import (  # noqa: F401
    assignment_set,
    assignments_carry_over,
)
from parindex.scorecards.services.framework import (  # noqa: F401
    FRAMEWORK_COLUMNS,
    framework_change_announce,
    framework_change_note,
    framework_is_frozen,
    framework_update,
)
from parindex.scorecards.services.framework_export import export_framework_xlsx  # noqa: F401
from parindex.scorecards.services.framework_import import (  # noqa: F401
    import_framework,
    preview_framework,
)
from parindex.scorecards.services.scores import (  # noqa: F401
    SCORE_COLUMNS,
    evidence_add,
    import_scores,
    reference_add,
    score_appraise,
    score_explain,
    score_self,
)
from parindex.scorecards.services.workflow import (  # noqa: F401
    assessment_move,
    assessment_open,
    assessment_reopen,
    eligibility_problems,
    ensure_scores,
    sync_score_units,
)
