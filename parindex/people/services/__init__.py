"""Writes of the people app (services split by aggregate)."""

from parindex.people.services.imports import (
    find_agency,
    import_positions,
    import_staff,
    import_training,
)
from parindex.people.services.records import (
    may_manage,
    position_create,
    position_update,
    staff_create,
    staff_link_user,
    staff_update,
    training_complete,
    training_create,
    training_update,
)

__all__ = [
    "find_agency",
    "import_positions",
    "import_staff",
    "import_training",
    "may_manage",
    "position_create",
    "position_update",
    "staff_create",
    "staff_link_user",
    "staff_update",
    "training_complete",
    "training_create",
    "training_update",
]
