"""What the work plan's models share: the criterion code form, extra actions, today."""

from __future__ import annotations

import datetime as dt
import re

from django.db import models
from django.db.models import Q
from django.utils import timezone

from parindex.org.access import Scope

#: A criterion code of the PAR Index tree: "3", "3.2", "3.2.1".
CRITERION_CODE = re.compile(r"^\d{1,2}(\.\d{1,2}){0,4}$")
#: Extra action: change a task's plan, dates, units and people (the unit head, the secretariat).
MANAGE = "manage"
#: Extra action: record the evaluation board's decision on an initiative (the secretariat).
EVALUATE = "evaluate"


def agency_workers_and_viewers(scope: Scope) -> Q:
    """Plans and initiatives are the agency's: its secretariat, leaders, viewers and unit members
    read them (not appraisers or province roles)."""
    return Q(agency__in=scope.secretariat | scope.leader | scope.viewer | scope.member_agencies)


def today() -> dt.date:
    """Today in the local time zone (Asia/Ho_Chi_Minh): the day tasks are judged against."""
    return timezone.localdate()


def _upload_to(instance: models.Model, filename: str) -> str:
    return f"workplan/{instance._meta.model_name}/{timezone.localdate():%Y/%m}/{filename}"
