"""Reads of the citizens' voice: the survey index (docs/formats.md §10), feedback and outreach lists.

The survey index, as docs/citizens.md defines it:
- `responses`: forms whose date lies in [from, to];
- per element E: `E_answers` = answered rating questions of E on those forms (1–5; blank, 0 and
  "Không ý kiến" are not answers and are not stored), `E_satisfied` = answers 4 or 5,
  `E_rate` = E_satisfied ÷ E_answers (null when E_answers is 0);
- `index` = the mean of the element rates that are not null (null when all are);
- groups by the form's own unit, procedure code or channel key; forms without the field are
  left out of the groups but counted in `total`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Q

from parindex.citizens.choices import ELEMENT_CODES, SATISFIED
from parindex.citizens.models import Answer, FeedbackItem, OutreachActivity, Survey, SurveyResponse
from parindex.dossiers.choices import CHANNEL_KEYS, Channel
from parindex.org import access
from parindex.org.access import Action, get_object_for_user

GROUPINGS = ("unit", "procedure", "channel")
_GROUP_FIELD = {"unit": "unit_id", "procedure": "procedure_id", "channel": "channel"}


def _block(responses: int, counts: dict[str, tuple[int, int]]) -> dict[str, Any]:
    block: dict[str, Any] = {"responses": responses}
    rates = []
    for code in ELEMENT_CODES:
        answers, satisfied = counts.get(code, (0, 0))
        rate = satisfied / answers if answers else None
        block[f"{code}_answers"] = answers
        block[f"{code}_satisfied"] = satisfied
        block[f"{code}_rate"] = rate
        if rate is not None:
            rates.append(rate)
    block["index"] = sum(rates) / len(rates) if rates else None
    return block


def survey_period(
    survey: Survey, d1: dt.date | None, d2: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The period read when none is given: the survey's year."""
    return d1 or dt.date(survey.year, 1, 1), d2 or dt.date(survey.year, 12, 31)


def survey_index(
    survey: Survey,
    d1: dt.date | None = None,
    d2: dt.date | None = None,
    *,
    by: str | None = None,
    units: list[int] | None = None,
) -> dict[str, Any]:
    """The docs/formats.md §10 document. ``units`` narrows every figure to forms of those units."""
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    d1, d2 = survey_period(survey, d1, d2)
    if d2 < d1:
        raise ValueError("the period ends before it starts")
    forms = SurveyResponse.objects.filter(survey=survey, answered_on__range=(d1, d2))
    if units is not None:
        forms = forms.filter(unit__in=units)
    answers = Answer.objects.filter(
        response__survey=survey, response__answered_on__range=(d1, d2), value__gte=1, value__lte=5
    )
    if units is not None:
        answers = answers.filter(response__unit__in=units)
    element_counts = {"n": Count("pk"), "satisfied": Count("pk", filter=Q(value__in=SATISFIED))}
    total_counts = {
        row["question__element"]: (row["n"], row["satisfied"])
        for row in answers.values("question__element").annotate(**element_counts)
    }
    document: dict[str, Any] = {
        "agency": survey.agency.code,
        "survey": survey.code,
        "from": d1.isoformat(),
        "to": d2.isoformat(),
        "by": by,
        "total": _block(forms.count(), total_counts),
        "groups": [],
    }
    if by is None:
        return document
    field = _GROUP_FIELD[by]
    form_counts = {
        row[field]: row["n"]
        for row in forms.exclude(**{f"{field}__isnull": True}).values(field).annotate(n=Count("pk"))
    }
    group_counts: dict[Any, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in (
        answers.exclude(**{f"response__{field}__isnull": True})
        .values(f"response__{field}", "question__element")
        .annotate(**element_counts)
    ):
        group_counts[row[f"response__{field}"]][row["question__element"]] = (
            row["n"],
            row["satisfied"],
        )
    names = _group_names(by, list(form_counts))
    groups = []
    for value, n in form_counts.items():
        key, label = names[value]
        groups.append({"key": key, "label": label, **_block(n, group_counts.get(value, {}))})
    groups.sort(key=lambda g: g["key"])
    document["groups"] = groups
    return document


def _group_names(by: str, values: list[Any]) -> dict[Any, tuple[str, str]]:
    if by == "unit":
        from parindex.org.models import Unit

        return {u.pk: (u.code, u.name) for u in Unit.objects.filter(pk__in=values)}
    if by == "procedure":
        from parindex.dossiers.models import Procedure

        return {
            p.pk: (p.code, p.name)
            for p in Procedure.objects.filter(pk__in=values).only("code", "name")
        }
    return {v: (CHANNEL_KEYS[Channel(v)], str(Channel(v).label)) for v in values}


def survey_index_by_month(
    survey: Survey, *, units: list[int] | None = None
) -> list[dict[str, Any]]:
    """The index of each month of the survey's year (for the chart), months without forms
    included with null rates."""
    rows = []
    for month in range(1, 13):
        start = dt.date(survey.year, month, 1)
        end = (
            dt.date(survey.year + 1, 1, 1) if month == 12 else dt.date(survey.year, month + 1, 1)
        ) - dt.timedelta(days=1)
        block = survey_index(survey, start, end, units=units)["total"]
        rows.append({"key": start.strftime("%Y-%m"), "label": start.strftime("%m/%Y"), **block})
    return rows


def low_elements(block: dict[str, Any], threshold: float = 0.8) -> list[dict[str, Any]]:
    """Elements whose rate is below ``threshold``, lowest first (the director's page)."""
    from parindex.citizens.choices import Element

    low = [
        {
            "code": code,
            "label": Element(code).label,
            "rate": block[f"{code}_rate"],
            "answers": block[f"{code}_answers"],
        }
        for code in ELEMENT_CODES
        if block[f"{code}_rate"] is not None and block[f"{code}_rate"] < threshold
    ]
    low.sort(key=lambda e: (e["rate"], e["code"]))
    return low


# -- surveys --------------------------------------------------------------------------------------


def surveys_for_user(user: Any):
    return Survey.objects.restrict(user, Action.VIEW).select_related("agency")


def get_survey_for_user(user: Any, agency_code: str, code: str, *, write: bool = False) -> Survey:
    return get_object_for_user(
        Survey.objects.select_related("agency"),
        user,
        write=write,
        agency__code=agency_code,
        code=code,
    )


def responses_for_user(user: Any, survey: Survey):
    return (
        SurveyResponse.objects.restrict(user, Action.VIEW)
        .filter(survey=survey)
        .select_related("procedure", "unit")
        .annotate(n_answers=Count("answers"))
        .order_by("-answered_on", "code")
    )


def unit_reach(user: Any, agency: Any) -> list[int] | None:
    """None when the user reads the whole agency, else the ids of their units in it."""
    if access.reads_agency(user, agency):
        return None
    return sorted(access.member_unit_ids(user))


# -- feedback -------------------------------------------------------------------------------------


def feedback_for_user(user: Any):
    return FeedbackItem.objects.restrict(user, Action.VIEW).select_related(
        "agency", "unit", "procedure"
    )


def get_feedback_for_user(user: Any, code: str) -> FeedbackItem:
    return get_object_for_user(
        FeedbackItem.objects.select_related("agency", "unit", "procedure", "answered_by"),
        user,
        code=code,
    )


def feedback_on_time_counts(
    agency: Any, unit: Any, start: dt.date, end: dt.date, today: dt.date
) -> tuple[int, int]:
    """(answered on time, counted) of the items due in [start, end]: an answered item counts;
    an unanswered one counts once its due day has passed (before `today`)."""
    qs = FeedbackItem.objects.filter(agency=agency, due_on__range=(start, end))
    if unit is not None:
        qs = qs.filter(unit=unit)
    counts = qs.aggregate(
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        on_time=Count(
            "pk",
            filter=Q(answered_on__isnull=False, answered_on__lte=F("due_on")),
        ),
        overdue=Count("pk", filter=Q(answered_on__isnull=True, due_on__lt=today)),
    )
    return counts["on_time"], counts["answered"] + counts["overdue"]


def overdue_feedback(agency: Any, today: dt.date, units: list[int] | None = None):
    qs = FeedbackItem.objects.filter(
        agency=agency, answered_on__isnull=True, due_on__lt=today
    ).select_related("unit")
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs.order_by("due_on", "code")


# -- outreach -------------------------------------------------------------------------------------


def outreach_for_user(user: Any):
    return (
        OutreachActivity.objects.restrict(user, Action.VIEW)
        .select_related("agency", "unit")
        .prefetch_related("procedures")
    )


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def outreach_effect(activity: OutreachActivity) -> list[dict[str, Any]]:
    """For each targeted procedure, the online share (received online ÷ received, docs/formats.md §6)
    in the three months before the activity's day and the three months from it."""
    from parindex.dossiers.figures import dossier_figures

    day = activity.day
    before = (add_months(day, -3), day - dt.timedelta(days=1))
    after = (day, add_months(day, 3) - dt.timedelta(days=1))
    rows = []
    for procedure in activity.procedures.all():
        first = dossier_figures(activity.agency, *before, procedure=procedure)["total"]
        second = dossier_figures(activity.agency, *after, procedure=procedure)["total"]
        change = None
        if first["online_share"] is not None and second["online_share"] is not None:
            change = second["online_share"] - first["online_share"]
        rows.append(
            {
                "code": procedure.code,
                "name": procedure.name,
                "before_from": before[0].isoformat(),
                "before_to": before[1].isoformat(),
                "after_from": after[0].isoformat(),
                "after_to": after[1].isoformat(),
                "received_before": first["received"],
                "online_before": first["received_online"],
                "share_before": first["online_share"],
                "received_after": second["received"],
                "online_after": second["received_online"],
                "share_after": second["online_share"],
                "change": change,
            }
        )
    return rows


def outreach_plan(agency: Any, year: int, units: list[int] | None = None) -> dict[str, Any]:
    """The year's plan against what was done, in total and by unit."""
    qs = OutreachActivity.objects.filter(agency=agency, planned_on__year=year)
    if units is not None:
        qs = qs.filter(unit__in=units)
    rows = (
        qs.values("unit__code", "unit__name")
        .annotate(planned=Count("pk"), done=Count("pk", filter=Q(done_on__isnull=False)))
        .order_by("unit__code")
    )
    groups = [
        {
            "key": r["unit__code"],
            "label": r["unit__name"],
            "planned": r["planned"],
            "done": r["done"],
            "done_rate": r["done"] / r["planned"] if r["planned"] else None,
        }
        for r in rows
    ]
    planned = sum(g["planned"] for g in groups)
    done = sum(g["done"] for g in groups)
    return {
        "agency": agency.code,
        "year": year,
        "total": {
            "planned": planned,
            "done": done,
            "done_rate": done / planned if planned else None,
        },
        "groups": groups,
    }


def can_create_survey(user: Any) -> bool:
    return access.may_create(user)


def survey_agencies(user: Any):
    """Agencies where the user may create surveys (secretariat), for the import screen."""
    from parindex.org.models import Agency

    return Agency.objects.restrict(user, Action.CHANGE).filter(is_active=True).order_by("code")


def entry_surveys(user: Any):
    """Surveys whose forms the user may enter or import."""
    from parindex.citizens.models import ENTER

    return Survey.objects.restrict(user, ENTER).select_related("agency").order_by("-year", "code")


def feedback_agencies(user: Any):
    """Agencies whose feedback the user reads as a whole (for the public links on the list)."""
    from parindex.org.models import Agency

    return Agency.objects.restrict(user).filter(is_active=True).order_by("code")


def director_figures(agency: Any, units: list[int] | None, today: dt.date) -> dict[str, Any]:
    """What the director's page shows of the citizens' voice: this year's survey index with the
    elements below 80 % named, and the feedback past its deadline."""
    from django.urls import reverse

    survey = (
        Survey.objects.filter(agency=agency, year=today.year)
        .order_by("-created_at", "code")
        .first()
    )
    block = None
    if survey is not None:
        block = survey_index(survey, dt.date(today.year, 1, 1), today, units=units)["total"]
    overdue = list(overdue_feedback(agency, today, units)[:5])
    return {
        "survey": survey,
        "survey_url": survey.get_absolute_url() if survey else None,
        "index": block["index"] if block else None,
        "responses": block["responses"] if block else 0,
        "low_elements": low_elements(block) if block else [],
        "overdue_feedback": overdue,
        "overdue_count": overdue_feedback(agency, today, units).count(),
        "feedback_url": reverse("citizens:feedback_list") + "?overdue=true",
    }
