"""The rating season's page per person (hồ sơ đánh giá): what the index and the registers already
know about the person's year, gathered from the records they come from. It never proposes a
level: it only puts the figures beside the person.

- the lost points of the criteria the person's unit leads (labelled the unit's, and the head's
  own when the person heads the unit), from the scorecard (docs/formats.md §3 ``lost``);
- the lost points of the criteria the person answers for (the assignment's responsible person,
  inherited from the nearest ancestor);
- the person's tasks of the year (assigned to their account): done on time, done late, overdue,
  still open; for a head also the tasks the unit leads;
- overdue recommendations the person's unit owns (``registers``, docs/formats.md §8 ``rec_overdue``);
- the unit's initiatives of the year; the person's training of the plan year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parindex.org.choices import Role
from parindex.org.models import Membership
from parindex.people.figures import default_as_of
from parindex.people.models import StaffMember, TrainingRecord

ZERO = Decimal(0)


@dataclass
class LostCriterion:
    code: str
    title: str
    max_points: Decimal
    self_points: Decimal | None
    appraised: Decimal
    lost: Decimal
    lead_unit: str


@dataclass
class TaskCounts:
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    open: int = 0
    overdue_titles: list[tuple[str, dt.date]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.done_on_time + self.done_late + self.overdue + self.open


@dataclass
class RecommendationItem:
    """One overdue recommendation (kiến nghị) a unit owns, as the registers app reports it."""

    code: str
    text: str
    due_on: dt.date
    unit: str


@dataclass
class ParFile:
    member: StaffMember
    year: int
    as_of: dt.date
    is_head: bool
    has_scorecard: bool
    unit_lost: list[LostCriterion]
    own_lost: list[LostCriterion]
    tasks: TaskCounts | None  # None: the person has no account, tasks cannot name them
    unit_tasks: TaskCounts | None  # heads only
    recommendations: list[RecommendationItem] | None  # None: the registers app is not installed
    initiatives: list[Any]
    training: list[TrainingRecord]

    @property
    def unit_lost_total(self) -> Decimal:
        return sum((c.lost for c in self.unit_lost), ZERO)

    @property
    def own_lost_total(self) -> Decimal:
        return sum((c.lost for c in self.own_lost), ZERO)

    @property
    def training_done(self) -> int:
        return sum(1 for t in self.training if t.completed_on and t.completed_on <= self.as_of)


def heads_unit(member: StaffMember) -> bool:
    """Whether the person's account holds the head role of the person's unit."""
    if not member.user_id:
        return False
    return Membership.objects.filter(
        user_id=member.user_id, role=Role.UNIT_HEAD, unit_id=member.unit_id
    ).exists()


def _scorecard(member: StaffMember, year: int) -> tuple[bool, list[LostCriterion], list[Any]]:
    """(framework exists, lost leaves of the agency, [(leaf code, responsible user id)])."""
    from parindex.scorecards.models import Assignment, Framework, Node
    from parindex.scorecards.selectors import compute_for

    framework = Framework.objects.filter(year=year).first()
    if framework is None:
        return False, [], []
    card = compute_for(member.agency, framework)
    leaves = [
        LostCriterion(
            n.code, n.title, n.max_points, n.self_points, n.appraised, n.lost, n.lead_unit or ""
        )
        for n in card.nodes
        if n.is_leaf and n.lost != 0
    ]
    own = dict(
        Assignment.objects.filter(
            agency=member.agency, node__framework=framework, responsible__isnull=False
        ).values_list("node__code", "responsible_id")
    )
    responsible: dict[str, int | None] = {}
    for code, parent_code in sorted(
        Node.objects.filter(framework=framework).values_list("code", "parent__code"),
        key=lambda item: len(item[0].split(".")),
    ):
        responsible[code] = own.get(code) or (responsible.get(parent_code) if parent_code else None)
    return True, leaves, [(leaf.code, responsible.get(leaf.code)) for leaf in leaves]


def _task_counts(tasks: Any, on: dt.date) -> TaskCounts:
    from parindex.workplan.choices import OPEN_STATUSES, TaskStatus

    counts = TaskCounts()
    for task in tasks.exclude(status=TaskStatus.CANCELLED).order_by("due_date", "pk"):
        if task.status == TaskStatus.DONE and task.done_at is not None:
            if task.done_at <= task.due_date:
                counts.done_on_time += 1
            else:
                counts.done_late += 1
        elif task.status in OPEN_STATUSES and task.due_date < on:
            counts.overdue += 1
            counts.overdue_titles.append((task.title, task.due_date))
        else:
            counts.open += 1
    return counts


def overdue_recommendations(
    member: StaffMember, year: int, as_of: dt.date
) -> list[RecommendationItem] | None:
    """Recommendations the person's unit owns that are overdue: deadline in `year` and before
    `as_of`, not done by `as_of` (the ``rec_overdue`` of the registers' figures)."""
    from django.db.models import Q

    from parindex.registers.models import Recommendation

    rows = Recommendation.objects.filter(
        agency_id=member.agency_id,
        unit_id=member.unit_id,
        due_date__year=year,
        due_date__lt=as_of,
    ).filter(Q(done_on__isnull=True) | Q(done_on__gt=as_of))
    return [
        RecommendationItem(r.code, r.text, r.due_date, member.unit.code)
        for r in rows.order_by("due_date", "code")
    ]


def par_file(member: StaffMember, year: int, *, as_of: dt.date | None = None) -> ParFile:
    """Everything the rating page shows for one person and year (the caller checks access)."""
    as_of = as_of or default_as_of(year)
    is_head = heads_unit(member)
    has_card, leaves, responsible = _scorecard(member, year)
    unit_lost = [leaf for leaf in leaves if leaf.lead_unit == member.unit.code]
    own_codes = {code for code, user_id in responsible if user_id and user_id == member.user_id}
    own_lost = [leaf for leaf in leaves if leaf.code in own_codes]
    tasks = unit_tasks = None
    initiatives: list[Any] = []
    from parindex.workplan.models import Initiative, Task

    year_tasks = Task.objects.filter(agency=member.agency, due_date__year=year)
    if member.user_id:
        tasks = _task_counts(year_tasks.filter(assignees=member.user_id), as_of)
    if is_head:
        unit_tasks = _task_counts(year_tasks.filter(lead_unit=member.unit), as_of)
    initiatives = list(
        Initiative.objects.filter(agency=member.agency, year=year, unit=member.unit).order_by("pk")
    )
    training = list(
        TrainingRecord.objects.filter(staff=member, plan_year=year).order_by("course_code")
    )
    return ParFile(
        member=member,
        year=year,
        as_of=as_of,
        is_head=is_head,
        has_scorecard=has_card,
        unit_lost=unit_lost,
        own_lost=own_lost,
        tasks=tasks,
        unit_tasks=unit_tasks,
        recommendations=overdue_recommendations(member, year, as_of),
        initiatives=initiatives,
        training=training,
    )
