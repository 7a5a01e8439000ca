"""Writes of the people app (services split by aggregate)."""

from parindex.people.services.imports import (
    find_agency,
    import_positions,
    import_staff,
    import_training,
)
from parindex.people.services.quotas import import_quotas, quota_set
from parindex.people.services.records import (
    may_manage,
    position_create,
    position_update,
    rotation_plan_add,
    staff_create,
    staff_export_recorded,
    staff_link_user,
    staff_record_read,
    staff_update,
    training_complete,
    training_create,
    training_update,
)

__all__ = [
    "find_agency",
    "import_positions",
    "import_quotas",
    "import_staff",
    "import_training",
    "may_manage",
    "rotation_plan_add",
    "position_create",
    "position_update",
    "quota_set",
    "staff_create",
    "staff_export_recorded",
    "staff_link_user",
    "staff_record_read",
    "staff_update",
    "training_complete",
    "training_create",
    "training_update",
]

from parindex.people.services.rating import (  # noqa: E402
    cap_status,
    rating_decide,
    rating_propose,
    rating_self_assess,
    season_open,
    season_update,
)

__all__ += [
    "cap_status",
    "rating_decide",
    "rating_propose",
    "rating_self_assess",
    "season_open",
    "season_update",
]
