"""The PAR Index criteria a task serves, linked to the scorecards app's framework of the year.

Tasks keep criterion codes ("3.2", "7.2.1") and the year of the framework they refer to. When
the scorecards app holds a framework for that year, the codes must exist in it
(`check_criteria`), the task page links each code to its criterion (`criterion_links`), and the
criterion's page lists the tasks serving it (`tasks_for_criterion`). Without that
year's framework, codes are only checked for their form (`services.tasks.clean_criteria`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from parindex.common.errors import DomainError
from parindex.org.access import Action
from parindex.org.models import Agency
from parindex.workplan.choices import TaskStatus
from parindex.workplan.models import Task

#: At most this many tasks are listed on a criterion's page.
TASKS_PER_CRITERION = 50


def _nodes(year: int | None, codes: Sequence[str]) -> dict[str, Any] | None:
    """The year's framework nodes with these codes by code, or None when there is no framework
    to check against (no year, or no framework for the year)."""
    if not year:
        return None
    from parindex.scorecards import figures as scorecards

    if not scorecards.has_framework(year):
        return None
    return scorecards.criterion_nodes(year, list(codes))


def check_criteria(year: int | None, codes: Sequence[str]) -> None:
    """Refuse codes that are not criteria of `year`'s framework, when that framework exists."""
    if not codes:
        return
    nodes = _nodes(year, codes)
    if nodes is None:
        return
    unknown = [c for c in codes if c not in nodes]
    if unknown:
        raise DomainError(
            _("The PAR Index framework of %(year)s has no criterion %(codes)s.")
            % {"year": year, "codes": ", ".join(unknown)},
            field="criteria",
        )


def criterion_links(task: Task, user: Any = None) -> list[dict[str, Any]]:
    """Each code of the task with its criterion's title and page: the leaf's page in the
    agency's scorecard, or the scorecard itself for an area or a criterion with parts; no page
    when the agency has no assessment for the year, or (given `user`) when the user may not
    open that leaf; no title when the code is unknown."""
    codes = list(task.criteria or [])
    if not codes:
        return []
    nodes = _nodes(task.criteria_year, codes) or {}
    assessed = False
    if nodes:
        from parindex.scorecards.models import Assessment

        assessed = Assessment.objects.filter(
            agency_id=task.agency_id, framework__year=task.criteria_year
        ).exists()
    openable = None
    if assessed and user is not None:
        from parindex.scorecards.selectors import openable_leaf_codes

        openable = openable_leaf_codes(user, task.agency_id, task.criteria_year)
    links = []
    for code in codes:
        node = nodes.get(code)
        url = None
        if node is not None and node.is_leaf and openable is not None and code not in openable:
            url = None
        elif node is not None and assessed:
            agency_code = task.agency.code
            url = (
                reverse("scorecards:leaf", args=[agency_code, task.criteria_year, code])
                if node.is_leaf
                else reverse("scorecards:scorecard", args=[agency_code, task.criteria_year])
            )
        links.append({"code": code, "title": node.title if node else "", "url": url})
    return links


def _serves(task_codes: Sequence[str], code: str) -> bool:
    """A task serves a criterion when it names it or one of the criteria above it."""
    return any(code == c or code.startswith(f"{c}.") for c in task_codes)


def tasks_for_criterion(user: Any, agency: Agency, year: int, code: str) -> list[Task]:
    """The tasks the user may see that serve criterion `code` of `year` for `agency` (naming the
    code or a criterion above it), cancelled ones left out, by due date; at most 50."""
    candidates = (
        Task.objects.restrict(user, Action.VIEW)
        .filter(agency=agency, criteria_year=year)
        .exclude(status=TaskStatus.CANCELLED)
        .values_list("pk", "criteria")
    )
    ids = [pk for pk, codes in candidates if _serves(codes or [], code)]
    return list(
        Task.objects.filter(pk__in=ids)
        .select_related("lead_unit", "plan")
        .order_by("due_date", "id")[:TASKS_PER_CRITERION]
    )
