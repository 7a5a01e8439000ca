"""Columns of the people lists. A unit head's staff list shows names, positions and ranks only."""

from django.utils.translation import gettext_lazy as _

from parindex.common.listing import Column

POSITION_COLUMNS = (
    Column(_("Code"), "code"),
    Column(_("Position"), "name"),
    Column(_("Unit"), "unit.code"),
    Column(_("Group"), "get_group_display"),
    Column(_("Required ranks"), lambda p: "; ".join(p.required_ranks)),
    Column(_("Approved headcount"), "headcount", numeric=True),
    Column(_("Holding it"), "held", numeric=True),
)

#: What a unit head sees of the unit's people.
STAFF_BASIC_COLUMNS = (
    Column(_("Full name"), "full_name"),
    Column(_("Unit"), "unit.code"),
    Column(_("Position"), lambda m: m.position.name if m.position else None),
    Column(_("Rank"), "rank"),
)

#: The full record (secretariat, leaders).
STAFF_FULL_COLUMNS = (
    Column(_("Staff code"), "code", link=True),
    Column(_("Full name"), "full_name", link=True),
    Column(_("Unit"), "unit.code"),
    Column(_("Position"), lambda m: m.position.name if m.position else None),
    Column(_("Rank"), "rank"),
    Column(_("In the position since"), "placed_on"),
    Column(_("Must rotate"), "must_rotate"),
    Column(_("Left on"), "left_on"),
    Column(_("User account"), lambda m: m.user.username if m.user else None),
)

TRAINING_COLUMNS = (
    Column(_("Course code"), "course_code", link=True),
    Column(_("Course"), "course_name"),
    Column(_("Person"), "staff.full_name"),
    Column(_("Unit"), "staff.unit.code"),
    Column(_("In the plan"), "in_plan"),
    Column(_("Plan year"), lambda t: str(t.plan_year) if t.plan_year else None),
    Column(_("Completed on"), "completed_on"),
    Column(_("Certificate"), lambda t: bool(t.certificate)),
)
