from __future__ import annotations

import contextlib

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parindex.common.errors import DomainError
from parindex.common.widgets import DateField
from parindex.org.models import Agency, Unit, User
from parindex.reports import periods
from parindex.reports.choices import Frequency, PeriodKind
from parindex.reports.registry import type_choices


def _part_choices() -> list:
    """The part of the year a report covers, grouped as an official reads them."""
    return [
        ("Y", _("The whole year")),
        (_("6 months"), [("H1", _("First 6 months")), ("H2", _("Last 6 months"))]),
        (
            _("Quarter"),
            [
                (f"Q{n}", label)
                for n, label in enumerate(
                    (_("Quarter I"), _("Quarter II"), _("Quarter III"), _("Quarter IV")), 1
                )
            ],
        ),
        (
            _("Month"),
            [(f"M{n:02d}", _("Month %(n)d") % {"n": n}) for n in range(1, 13)],
        ),
        ("C", _("Dates of my choice (from – to)")),
    ]


class RunCreateForm(forms.Form):
    """A report type, an agency and a period chosen as year, half, quarter, month or two dates
    (a period key such as ``2026-Q1`` is still read from links and older clients)."""

    report_type = forms.ChoiceField(label=_("Report type"), choices=())
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    part = forms.ChoiceField(label=_("Period"), choices=(), required=False)
    date_from = DateField(label=_("From (dates of my choice)"), required=False)
    date_to = DateField(label=_("To (dates of my choice)"), required=False)
    period = forms.CharField(max_length=30, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, agencies=None, **kwargs):
        initial = kwargs.get("initial") or {}
        key = initial.pop("period", None) if initial else None
        if key:
            with contextlib.suppress(DomainError):
                initial.update(_fields_of(periods.parse(key)))
        initial.setdefault("year", timezone.localdate().year)
        initial.setdefault("part", "Y")
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = _part_choices()
        self.fields["report_type"].choices = type_choices()
        self.fields["agency"].queryset = agencies
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()

    def clean(self):
        data = super().clean()
        self._forget_unused_boxes(data)
        try:
            data["period"] = self._period(data)
        except DomainError as exc:
            # "period" is the hidden key field: its errors would not show; name the boxes instead
            field = exc.field if exc.field in self.fields and exc.field != "period" else None
            if field is None and data.get("part") == "C" and not data.get("period"):
                field = "date_to"
            self.add_error(field, exc.message)
        return data

    def _forget_unused_boxes(self, data: dict) -> None:
        """Every box is on the page (no JavaScript needed); those the chosen kind does not use
        are ignored, even when they hold something that is not a year or a date."""
        if data.get("period"):
            unused: tuple[str, ...] = ("year", "part", "date_from", "date_to")
        elif data.get("part") == "C":
            unused = ("year",)
        else:
            unused = ("date_from", "date_to")
        for name in unused:
            self.errors.pop(name, None)
            data.pop(name, None)

    def _period(self, data: dict):
        if data.get("period"):
            return periods.parse(data["period"])
        part = data.get("part") or "Y"
        if part == "C":
            start, end = data.get("date_from"), data.get("date_to")
            if not (start and end):
                raise DomainError(_("Give both dates of the period."), field="date_from")
            return periods.custom(start, end)
        year = data.get("year")
        if not year:
            raise DomainError(_("Give the year of the period."), field="year")
        if part == "Y":
            return periods.year(year)
        number = int(part[1:])
        return {"H": periods.half, "Q": periods.quarter, "M": periods.month}[part[0]](year, number)


def _fields_of(period) -> dict:
    """The form's fields that choose this period."""
    if period.kind == PeriodKind.CUSTOM:
        return {"part": "C", "date_from": period.start, "date_to": period.end}
    prefix = {
        PeriodKind.YEAR: "Y",
        PeriodKind.HALF: "H",
        PeriodKind.QUARTER: "Q",
        PeriodKind.MONTH: "M",
    }[period.kind]
    part = (
        "Y"
        if prefix == "Y"
        else f"{prefix}{period.number:02d}"
        if prefix == "M"
        else (f"{prefix}{period.number}")
    )
    return {"year": period.year, "part": part}


class SectionsForm(forms.Form):
    """The summary line and one text area per editable section of the run's type."""

    summary = forms.CharField(label=_("Summary line"), max_length=500)

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        for section in run.report_type.sections:
            self.fields[f"section_{section.key}"] = forms.CharField(
                label=section.form_label or _("Text"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=run.section_text(section.key),
            )
        self.fields["summary"].initial = run.summary

    def sections(self) -> dict[str, str]:
        return {
            name.removeprefix("section_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("section_")
        }


class ConclusionForm(forms.Form):
    text = forms.CharField(
        label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    units = forms.MultipleChoiceField(
        label=_("Units assigned"), required=False, widget=forms.CheckboxSelectMultiple
    )
    deadline = DateField(label=_("Deadline"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = units


#: A notice of conclusions holds at most this many rows (the director's notice has eleven).
MAX_CONCLUSIONS = 60
ConclusionFormSet = forms.formset_factory(
    ConclusionForm, extra=1, can_delete=True, max_num=MAX_CONCLUSIONS, validate_max=True
)


def _unit_choices(run) -> list[tuple[str, str]]:
    return [
        (u.code, f"{u.code} – {u.name}")
        for u in Unit.objects.filter(agency=run.agency, is_active=True).order_by("code")
    ]


def conclusion_row(run, index: int) -> ConclusionForm:
    """One empty conclusion row, numbered to follow the rows on the page (added in place)."""
    return ConclusionForm(prefix=f"conclusions-{index}", units=_unit_choices(run))


def conclusion_formset(run, data=None):
    units = _unit_choices(run)
    initial = [
        {"text": c.get("text"), "units": c.get("units"), "deadline": c.get("deadline")}
        for c in run.conclusions or []
    ]
    return ConclusionFormSet(
        data, initial=initial, prefix="conclusions", form_kwargs={"units": units}
    )


class IssueForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1)
    issued_on = DateField(label=_("Issue date"))
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    signer_authority = forms.CharField(
        label=_("Signer's authority"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One line each, e.g. KT. GIÁM ĐỐC then PHÓ GIÁM ĐỐC."),
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line; “Lưu: VT, HCTH.” is added at the end."),
    )

    def recipient_list(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["recipients"].splitlines() if line.strip()
        ]


class ScheduleForm(forms.Form):
    report_type = forms.ChoiceField(label=_("Report type"), choices=())
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    recipients = forms.ModelMultipleChoiceField(
        label=_("Recipients"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only people who may read the agency's reports receive them."),
    )

    def __init__(self, *args, agencies=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_type"].choices = type_choices()
        self.fields["agency"].queryset = agencies
        self.fields["recipients"].queryset = people
