from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parindex.common.errors import DomainError
from parindex.common.widgets import DateField
from parindex.org.models import Agency, Unit, User
from parindex.reports import periods
from parindex.reports.choices import Frequency
from parindex.reports.registry import type_choices

PERIOD_HELP = _(
    "2026 (year), 2026-H1 (6 months), 2026-Q1 (quarter), 2026-03 (month) or "
    "2026-01-01..2026-03-15 (dates)."
)


class RunCreateForm(forms.Form):
    report_type = forms.ChoiceField(label=_("Report type"), choices=())
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    period = forms.CharField(label=_("Period"), max_length=30, help_text=PERIOD_HELP)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_type"].choices = type_choices()
        self.fields["agency"].queryset = agencies
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()

    def clean_period(self):
        try:
            return periods.parse(self.cleaned_data["period"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None


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
