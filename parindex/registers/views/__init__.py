"""Screens of the registers, one module per aggregate: documents (with reviews), inspections,
recommendations, file imports."""

from parindex.registers.views.documents import (
    document_create,
    document_detail,
    document_edit,
    document_list,
    index,
    review_create,
    review_detail,
    review_list,
)
from parindex.registers.views.files import (
    import_file,
)
from parindex.registers.views.inspections import (
    inspection_conclude,
    inspection_create,
    inspection_detail,
    inspection_edit,
    inspection_list,
)
from parindex.registers.views.recommendations import (
    recommendation_board,
    recommendation_create,
    recommendation_detail,
    recommendation_list,
)

__all__ = [
    "document_create",
    "document_detail",
    "document_edit",
    "document_list",
    "import_file",
    "index",
    "inspection_conclude",
    "inspection_create",
    "inspection_detail",
    "inspection_edit",
    "inspection_list",
    "recommendation_board",
    "recommendation_create",
    "recommendation_detail",
    "recommendation_list",
    "review_create",
    "review_detail",
    "review_list",
]
