"""What the overview page shows, within the viewer's scope."""

from __future__ import annotations

from typing import Any

from parindex.org import access
from parindex.org.models import Agency, Membership, Unit, User


def overview_for(user: Any) -> dict[str, Any]:
    return {
        "agencies": list(Agency.objects.restrict(user).order_by("code")[:10]),
        "unit_count": Unit.objects.restrict(user).filter(is_active=True).count(),
        "people_count": User.objects.restrict(user).filter(is_active=True).count(),
        "my_roles": list(
            Membership.objects.filter(user=user).select_related("agency", "unit__agency", "council")
        ),
        "is_admin": access.is_admin(user),
    }


def director_for(user: Any, *, agency_code: str | None = None) -> dict[str, Any]:
    """The director's page (leaders, secretariat, admin; unit heads for their unit; viewers
    read-only); empty for everyone else."""
    from parindex.metrics.director import director_page, shows_director_page

    if not (shows_director_page(user) or access.is_viewer(user)):
        return {}
    return {"director": director_page(user, agency_code=agency_code)}


def my_work_for(user: Any, *, today: Any = None) -> dict[str, Any]:
    """What a unit member works on, for the first screen: the criteria their unit leads in the
    current assessment, their open tasks, and their units' late dossiers this year. Each part is
    None when the user has nothing of the kind to see."""
    from django.utils import timezone

    from parindex.workplan.choices import TaskStatus
    from parindex.workplan.selectors import my_tasks

    today = today or timezone.localdate()
    units = access.member_unit_ids(user)
    work: dict[str, Any] = {"criteria": None, "tasks": None, "late": None}
    if units:
        from parindex.scorecards import selectors as cards

        assessment = cards.default_assessment_for_user(user)
        if assessment is not None:
            scores = list(cards.worklist_for_user(user, assessment, units=list(units)))
            statuses = [cards.worklist_status(s) for s in scores]
            work["criteria"] = {
                "assessment": assessment,
                "deadline": assessment.deadline(),
                "total": len(scores),
                "to_score": statuses.count("to_score"),
                "missing_evidence": statuses.count("missing_evidence"),
                "to_explain": statuses.count("to_explain"),
                # The criteria still needing work first, then the rest.
                "rows": sorted(zip(scores, statuses, strict=True), key=lambda p: p[1] == "done")[
                    :8
                ],
            }
    open_tasks = my_tasks(user).exclude(status__in=(TaskStatus.DONE, TaskStatus.CANCELLED))
    shown = list(open_tasks[:8])
    if shown or units:
        work["tasks"] = {
            "rows": shown,
            "total": open_tasks.count(),
            "overdue": open_tasks.filter(due_date__lt=today).count(),
            "today": today,
        }
    if units:
        from parindex.dossiers.figures import metric_filter
        from parindex.dossiers.selectors import default_period, dossiers_for_user

        d1, d2 = default_period(today)
        late = (
            dossiers_for_user(user)
            .filter(unit__in=units, counted=True)
            .filter(metric_filter("late", d1, d2))
        )
        unit_list = list(Unit.objects.filter(pk__in=units).select_related("agency"))
        work["late"] = {
            "total": late.count(),
            "rows": list(late.order_by("-ended_on", "code")[:5]),
            "units": unit_list,
            "since": d1,
        }
    return work


def appraisals_for(user: Any) -> list[dict[str, Any]] | None:
    """For a council member: the agencies to appraise, each with its latest assessment, stage,
    the stage's deadline and how many criteria are open to them now. None for other users."""

    appraised = access.appraised_agency_ids(user)
    if not appraised:
        return None
    from parindex.scorecards.choices import ScoreAction
    from parindex.scorecards.models import Assessment, Score

    rows = []
    for agency in Agency.objects.filter(pk__in=appraised).order_by("code"):
        assessment = (
            Assessment.objects.restrict(user)
            .filter(agency=agency)
            .select_related("framework")
            .order_by("-framework__year")
            .first()
        )
        to_appraise = (
            Score.objects.restrict(user, ScoreAction.APPRAISE)
            .filter(assessment=assessment, node__is_leaf=True)
            .count()
            if assessment
            else 0
        )
        rows.append(
            {
                "agency": agency,
                "assessment": assessment,
                "deadline": assessment.deadline() if assessment else None,
                "to_appraise": to_appraise,
            }
        )
    return rows
