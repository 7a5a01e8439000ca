"""Reads of the reports app, always within the viewer's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from parindex.org.access import Action, get_object_for_user
from parindex.org.models import Agency
from parindex.reports.models import ReportDelivery, ReportRun, ReportSchedule


def runs_for_user(user: Any) -> QuerySet[ReportRun]:
    return ReportRun.objects.restrict(user).select_related("agency", "created_by")


def get_run_for_user(user: Any, uuid: Any, *, write: bool = False) -> ReportRun:
    return get_object_for_user(
        ReportRun.objects.select_related("agency", "superseded_by", "issued_by"),
        user,
        write=write,
        uuid=uuid,
    )


def agencies_managed_by(user: Any) -> QuerySet[Agency]:
    """Agencies whose reports the user may create and issue."""
    return Agency.objects.restrict(user, Action.CHANGE)


def schedules_for_user(user: Any) -> QuerySet[ReportSchedule]:
    return (
        ReportSchedule.objects.restrict(user)
        .select_related("agency")
        .prefetch_related("recipients")
    )


def get_schedule_for_user(user: Any, pk: int, *, write: bool = False) -> ReportSchedule:
    return get_object_for_user(
        ReportSchedule.objects.select_related("agency"), user, write=write, pk=pk
    )


def inbox_for_user(user: Any) -> QuerySet[ReportDelivery]:
    return ReportDelivery.objects.restrict(user, Action.VIEW).select_related(
        "run__agency", "schedule"
    )
