"""The metrics themselves: one function each, registered with its definition.

The dossier figures come from the dossiers app's own function (``dossier_figures``, docs/formats.md §6)
and the task and initiative figures from the workplan's selectors: nothing is recomputed here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from parindex.common.links import url_with_query
from parindex.metrics.registry import COUNT, PERCENT, Reading, metric, rate

_url = url_with_query


def _period(agency: Any, unit: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    return {
        "agency": agency.code,
        "date_from": start.isoformat(),
        "date_to": end.isoformat(),
        "unit_code": unit.code if unit is not None else None,
    }


def _figures(agency: Any, unit: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The dossiers app's figures (docs/formats.md §6), once per page and cached between imports."""
    from parindex.metrics.figures import dossier_figures

    units = [unit.pk] if unit is not None else None
    return dossier_figures(agency, start, end, units=units)["total"]


# -- dossiers -----------------------------------------------------------------------------------


@metric(
    "dossiers.on_time_rate",
    label=_("Dossiers resolved on time"),
    short_label=_("dossiers on time"),
    unit=PERCENT,
    noun=_("dossiers"),
    description=_(
        "(early + on time) ÷ resolved: dossiers whose processing ended in the period, ended on "
        "or before their due date with at most one supplement request (docs/formats.md §6)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "dossiers:late_list", **_period(agency, unit, start, end)
    ),
)
def dossiers_on_time_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    total = _figures(agency, unit, start, end)
    return rate("dossiers.on_time_rate", total["early"] + total["on_time"], total["resolved"])


@metric(
    "dossiers.resolved_online_share",
    label=_("Resolved dossiers received online"),
    short_label=_("online"),
    unit=PERCENT,
    noun=_("dossiers"),
    description=_(
        "resolved online ÷ resolved: of the dossiers whose processing ended in the period, the "
        "share received online (channel 2); the department's target is at least 50 % "
        "(docs/formats.md §6)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "dossiers:dossier_list", metric="resolved", **_period(agency, unit, start, end)
    ),
)
def dossiers_resolved_online_share(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    total = _figures(agency, unit, start, end)
    return rate("dossiers.resolved_online_share", total["resolved_online"], total["resolved"])


@metric(
    "dossiers.online_share",
    label=_("Dossiers received online"),
    short_label=_("online"),
    unit=PERCENT,
    noun=_("dossiers"),
    description=_(
        "received online ÷ received: of the dossiers received in the period, the share "
        "received online (channel 2), the national Decision 766 measure (docs/formats.md §6)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "dossiers:dossier_list", metric="received_direct", **_period(agency, unit, start, end)
    ),
)
def dossiers_online_share(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    total = _figures(agency, unit, start, end)
    return rate("dossiers.online_share", total["received_online"], total["received"])


@metric(
    "dossiers.paid_online_share",
    label=_("Fee-payable dossiers paid online"),
    short_label=_("paid online"),
    unit=PERCENT,
    noun=_("dossiers"),
    description=_(
        "paid online ÷ fee payable: of the dossiers received in the period whose procedure has "
        "a fee, the share marked paid online, the Decision 766 online-payment measure "
        "(docs/formats.md §6)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "dossiers:dossier_list", metric="fee_payable", **_period(agency, unit, start, end)
    ),
)
def dossiers_paid_online_share(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    total = _figures(agency, unit, start, end)
    return rate("dossiers.paid_online_share", total["paid_online"], total["fee_payable"])


@metric(
    "dossiers.apology_share",
    label=_("Late dossiers with an apology slip"),
    short_label=_("apology slips"),
    unit=PERCENT,
    noun=_("dossiers"),
    description=_(
        "with a slip ÷ needing one: of the dossiers resolved late in the period or pending and "
        "overdue at its end, the share whose apology slip with a new date (form 04) is "
        "recorded."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "dossiers:apologies", **_period(agency, unit, start, end)
    ),
)
def dossiers_apology_share(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.dossiers.measures import apology_figures

    units = [unit.pk] if unit is not None else None
    data = apology_figures(agency, start, end, units=units)
    return rate(
        "dossiers.apology_share",
        data["with_slip"],
        data["required"],
        names=data["missing_dossiers"][:20],
    )


# -- procedures ---------------------------------------------------------------------------------


@metric(
    "procedures.online_coverage",
    label=_("Procedures offered online"),
    short_label=_("procedures online"),
    unit=PERCENT,
    noun=_("procedures"),
    description=_(
        "active procedures offered entirely or partly online ÷ active procedures, in the "
        "catalogue as it stands (the period does not change it)."
    ),
    drilldown=lambda agency, unit, start, end: _url("dossiers:procedure_list", agency=agency.code),
)
def procedures_online_coverage(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from django.db.models import Count, Q

    from parindex.dossiers.choices import OnlineLevel
    from parindex.dossiers.models import Procedure

    qs = Procedure.objects.filter(agency=agency, is_active=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    counts = qs.aggregate(
        total=Count("pk"),
        online=Count("pk", filter=Q(online_level__in=[OnlineLevel.FULL, OnlineLevel.PARTIAL])),
    )
    return rate("procedures.online_coverage", counts["online"], counts["total"])


@metric(
    "procedures.published_on_time",
    label=_("Procedures published on time"),
    short_label=_("published on time"),
    unit=PERCENT,
    noun=_("procedures"),
    description=_(
        "published on time ÷ due: of the procedures whose legal basis takes effect in the "
        "period, the share whose publication decision is dated on or before that day (a "
        "procedure not published counts as late), the Decision 766 transparency measure."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "dossiers:publication", **_period(agency, unit, start, end)
    ),
)
def procedures_published_on_time(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.dossiers.measures import publication_figures

    units = [unit.pk] if unit is not None else None
    data = publication_figures(agency, start, end, units=units)
    return rate(
        "procedures.published_on_time",
        data["on_time"],
        data["due"],
        names=[p["code"] for p in data["late_procedures"][:20]],
    )


@metric(
    "procedures.online_unused",
    label=_("Online procedures with no online dossier"),
    short_label=_("unused online procedures"),
    unit=COUNT,
    noun=_("procedures"),
    description=_(
        "active procedures offered entirely or partly online that received no online dossier "
        "in the period (the list of procedure_review, docs/formats.md §6)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "dossiers:review", **_period(agency, unit, start, end)
    ),
)
def procedures_online_unused(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.dossiers.figures import procedure_review

    units = [unit.pk] if unit is not None else None
    items = procedure_review(agency, start, end, top=0, units=units)["online_without_dossiers"]
    return Reading("procedures.online_unused", value=_count(len(items)), items=items)


def _count(n: int):
    from decimal import Decimal

    return Decimal(n)


# -- work plan ----------------------------------------------------------------------------------


@metric(
    "tasks.on_time_rate",
    label=_("Tasks done on time"),
    short_label=_("tasks on time"),
    unit=PERCENT,
    noun=_("tasks"),
    description=_(
        "tasks due in the period done on or before their due date ÷ (tasks done + open tasks "
        "already past their due date); cancelled tasks and open tasks not yet due are left out."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "workplan:task_list",
        state="overdue",
        lead_unit=unit.pk if unit is not None else None,
        due_from=start.isoformat(),
        due_to=end.isoformat(),
    ),
)
def tasks_on_time_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.workplan.selectors import on_time_counts

    numerator, denominator = on_time_counts(agency, unit, (start, end))
    return rate("tasks.on_time_rate", numerator, denominator)


@metric(
    "initiatives.coverage",
    label=_("Units with an initiative"),
    short_label=_("units with an initiative"),
    unit=PERCENT,
    noun=_("units"),
    description=_(
        "units with an initiative registered for the year of the period's end ÷ active units "
        "that must register one (exempted units left out)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "metrics:initiative_gaps", agency=agency.code, year=end.year
    ),
)
def initiatives_coverage(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.workplan.selectors import initiative_coverage

    coverage = initiative_coverage(agency, end.year)
    required, registered = coverage.required, coverage.registered
    missing = coverage.missing
    if unit is not None:
        required = [u for u in required if u.pk == unit.pk]
        registered = [u for u in registered if u.pk == unit.pk]
        missing = [u for u in missing if u.pk == unit.pk]
    return rate(
        "initiatives.coverage",
        len(registered),
        len(required),
        items=[{"code": u.code, "name": u.name} for u in missing],
    )


# -- citizens' voice ----------------------------------------------------------------------------


def _survey_of(agency: Any, year: int):
    from parindex.citizens.models import Survey

    return Survey.objects.filter(agency=agency, year=year).order_by("-created_at", "code").first()


def _survey_url(agency: Any, unit: Any, start: dt.date, end: dt.date) -> str | None:
    survey = _survey_of(agency, end.year)
    if survey is None:
        return _url("citizens:index")
    return _url(
        "citizens:survey_detail",
        args=(agency.code, survey.code),
        date_from=start.isoformat(),
        date_to=end.isoformat(),
    )


@metric(
    "survey.index",
    label=_("Satisfaction index (own survey)"),
    short_label=_("satisfaction"),
    unit=PERCENT,
    noun=_("forms"),
    description=_(
        "The mean of the satisfied shares of the five elements that have answers (4 or 5 on the "
        "5-point scale), over the forms of the agency's survey of the period's year dated in the "
        "period (docs/formats.md §10); the council still enters the official survey result."
    ),
    drilldown=_survey_url,
)
def survey_index(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from decimal import Decimal

    from parindex.citizens.selectors import survey_index as compute

    survey = _survey_of(agency, end.year)
    if survey is None:
        return Reading("survey.index", None)
    d1 = max(start, dt.date(survey.year, 1, 1))
    d2 = min(end, dt.date(survey.year, 12, 31))
    if d2 < d1:
        return Reading("survey.index", None)
    units = [unit.pk] if unit is not None else None
    total = compute(survey, d1, d2, units=units)["total"]
    if total["index"] is None:
        return Reading("survey.index", None)
    value = (Decimal(str(total["index"])) * 100).quantize(Decimal("0.01"))
    return Reading("survey.index", value)


@metric(
    "feedback.on_time_rate",
    label=_("Feedback answered on time"),
    short_label=_("feedback on time"),
    unit=PERCENT,
    noun=_("feedback items"),
    description=_(
        "Feedback items due in the period answered on or before their due day ÷ (items due in "
        "the period answered + unanswered items whose due day has passed); the due day is the "
        "agency's number of working days after reception."
    ),
    drilldown=lambda agency, unit, start, end: _url("citizens:feedback_list"),
)
def feedback_on_time_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from django.utils import timezone

    from parindex.citizens.selectors import feedback_on_time_counts

    numerator, denominator = feedback_on_time_counts(agency, unit, start, end, timezone.localdate())
    return rate("feedback.on_time_rate", numerator, denominator)


# -- registers (legal documents, inspections, recommendations) -----------------------------------


@metric(
    "legal.on_time_rate",
    label=_("Legal documents submitted on schedule"),
    short_label=_("documents on schedule"),
    unit=PERCENT,
    noun=_("documents"),
    description=_(
        "submitted on time ÷ (submitted + overdue): documents of the drafting plan of the "
        "period's year, read at the period's end (legal_figures, docs/registers.md)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "registers:document_list",
        year=end.year,
        state="late",
        lead_unit=unit.pk if unit is not None else None,
    ),
)
def legal_on_time_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.registers.figures import legal_counts
    from parindex.registers.models import LegalDocument
    from parindex.registers.selectors import late_documents

    docs = LegalDocument.objects.filter(agency=agency, plan_year=end.year)
    units = [unit.pk] if unit is not None else None
    if units:
        docs = docs.filter(lead_unit__in=units)
    counts = legal_counts(docs, end)
    late = list(late_documents(agency, end.year, units=units, on=end))
    return rate(
        "legal.on_time_rate",
        counts["submitted_on_time"],
        counts["submitted"] + counts["overdue"],
        items=[{"code": d.code, "name": d.title, "unit": d.lead_unit.code} for d in late],
        names=[d.code for d in late],
    )


@metric(
    "inspections.plan_rate",
    label=_("Planned inspections concluded"),
    short_label=_("inspections concluded"),
    unit=PERCENT,
    noun=_("inspections"),
    description=_(
        "inspections of the plan concluded by the period's end ÷ inspections in the plan of the "
        "period's year (inspection_figures, docs/registers.md)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "registers:inspection_list",
        year=end.year,
        planned="true",
        unit=unit.pk if unit is not None else None,
    ),
)
def inspections_plan_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.registers.figures import inspection_counts
    from parindex.registers.models import Inspection

    inspections = Inspection.objects.filter(agency=agency, plan_year=end.year)
    if unit is not None:
        inspections = inspections.filter(unit=unit)
    counts = inspection_counts(inspections, end)
    return rate("inspections.plan_rate", counts["planned_done"], counts["planned"])


@metric(
    "recommendations.rate",
    label=_("Recommendations handled on time"),
    short_label=_("recommendations on time"),
    unit=PERCENT,
    noun=_("recommendations"),
    description=_(
        "done on time ÷ (done on time + done late + overdue): recommendations whose deadline "
        "falls in the period's year, read at the period's end (inspection_figures, "
        "docs/registers.md)."
    ),
    drilldown=lambda agency, unit, start, end: _url(
        "registers:recommendation_list",
        year=end.year,
        state="overdue",
        unit=unit.pk if unit is not None else None,
    ),
)
def recommendations_rate(agency: Any, unit: Any, start: dt.date, end: dt.date) -> Reading:
    from parindex.registers.figures import recommendation_counts
    from parindex.registers.models import Recommendation
    from parindex.registers.selectors import overdue_recommendations

    recs = Recommendation.objects.filter(agency=agency, due_date__year=end.year)
    units = [unit.pk] if unit is not None else None
    if units:
        recs = recs.filter(unit__in=units)
    counts = recommendation_counts(recs, end)
    overdue = [
        r
        for r in overdue_recommendations(agency, units=units, on=end)
        if r.due_date.year == end.year
    ]
    return rate(
        "recommendations.rate",
        counts["rec_done_on_time"],
        counts["rec_done_on_time"] + counts["rec_done_late"] + counts["rec_overdue"],
        items=[{"code": r.code, "name": r.text[:120], "unit": r.unit.code} for r in overdue],
        names=[r.code for r in overdue],
    )


# -- people (registered by the people app's module) ------------------------------------------

from parindex.people import metrics as _people_metrics  # noqa: E402, F401
