"""Writes of the registers. Each service is atomic, checks rights and writes the audit row."""

from parindex.registers.services.documents import (
    DOCUMENT_FIELDS,
    document_create,
    document_update,
    review_add_verdict,
    review_create,
)
from parindex.registers.services.imports import (
    import_inspections,
    import_legal_documents,
    import_recommendations,
)
from parindex.registers.services.inspections import (
    INSPECTION_FIELDS,
    inspection_conclude,
    inspection_create,
    inspection_update,
    may_keep_inspection,
)
from parindex.registers.services.recommendations import (
    RECOMMENDATION_FIELDS,
    may_raise,
    recommendation_create,
    recommendation_follow_task,
    recommendation_reopen,
    recommendation_resolve,
    recommendation_update,
)

__all__ = [
    "DOCUMENT_FIELDS",
    "INSPECTION_FIELDS",
    "RECOMMENDATION_FIELDS",
    "document_create",
    "document_update",
    "import_inspections",
    "import_legal_documents",
    "import_recommendations",
    "inspection_conclude",
    "inspection_create",
    "inspection_update",
    "may_keep_inspection",
    "may_raise",
    "recommendation_create",
    "recommendation_follow_task",
    "recommendation_reopen",
    "recommendation_resolve",
    "recommendation_update",
    "review_add_verdict",
    "review_create",
]
