"""Screens of the PAR Index scorecard. Thin: forms in, services and selectors out.

One module per aggregate: frameworks, the scorecard (with its worklist and accountability
pages), a leaf, assignments."""

from parindex.scorecards.views.assignments import (  # noqa: F401
    assignment_edit,
    assignments,
)
from parindex.scorecards.views.frameworks import (  # noqa: F401
    assessment_open,
    framework_edit,
    framework_export,
    framework_import,
    framework_list,
    index,
)
from parindex.scorecards.views.leaf import (  # noqa: F401
    evidence_download,
    leaf,
)
from parindex.scorecards.views.scorecard import (  # noqa: F401
    assessment_move,
    assessment_reopen,
    ledger,
    ranking,
    scorecard,
    scorecard_export,
    snapshots,
    worklist,
)
