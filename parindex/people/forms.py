"""Plain forms of the people app; views run the services through `call_service`."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from parindex.common.widgets import DateField
from parindex.org.models import Agency
from parindex.people.choices import RatingLevel

IMPORT_KINDS = (
    ("positions", _("Job-position scheme")),
    ("staff", _("Staff records")),
    ("training", _("Training plan and completions")),
    ("quotas", _("Staffing quotas (biên chế) of the units")),
)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=IMPORT_KINDS)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    file = forms.FileField(label=_("File (XLSX or CSV)"))
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows and set the invalid ones aside"), required=False
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


class CompletionForm(forms.Form):
    completed_on = DateField(label=_("Completed on"))
    certificate = forms.FileField(
        label=_("Certificate (PDF, image or Office file)"), required=False
    )


class SeasonForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    excellent_cap_percent = forms.DecimalField(
        label=_("Cap on “excellent” (% of “good”)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        initial=Decimal(20),
        decimal_places=2,
    )


LEVEL_CHOICES = [("", "—"), *RatingLevel.choices]


class SelfAssessmentForm(forms.Form):
    # The rating service's keyword for each field (the fields keep the names the page shows).
    service_names = {"self_assessment": "text", "self_level": "level"}

    self_assessment = forms.CharField(
        label=_("Self-assessment"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    self_level = forms.ChoiceField(
        label=_("The level you think you reached"), choices=LEVEL_CHOICES, required=False
    )


class ProposalForm(forms.Form):
    service_names = {"proposed_level": "level", "head_comment": "comment"}

    proposed_level = forms.ChoiceField(label=_("Proposed level"), choices=RatingLevel.choices)
    head_comment = forms.CharField(
        label=_("Comments"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )


class DecisionForm(forms.Form):
    service_names = {"decided_level": "level", "decision_note": "note"}

    decided_level = forms.ChoiceField(label=_("Decided level"), choices=RatingLevel.choices)
    decision_note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=20000
    )


class RotationPlanForm(forms.Form):
    staff_code = forms.CharField(widget=forms.HiddenInput)
    planned_on = DateField(label=_("Planned for"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class QuotaForm(forms.Form):
    unit = forms.CharField(widget=forms.HiddenInput)
    quota = forms.IntegerField(label=_("Staffing quota"), min_value=0, max_value=10_000)
