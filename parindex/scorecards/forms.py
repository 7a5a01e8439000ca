from django import forms
from django.utils.translation import gettext_lazy as _

from parindex.common.widgets import DateField, DateInput, SearchableSelect
from parindex.org.models import Membership
from parindex.scorecards.choices import Stage


class SelfScoreForm(forms.Form):
    # Text, read by the services like an import cell: "3,5" and "3.5" are both 3.5.
    points = forms.CharField(label=_("Self-assessed points"), max_length=20, required=False)
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AppraisalForm(forms.Form):
    points = forms.CharField(label=_("Appraised points"), max_length=20, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when points are deducted."),
    )


class ExplanationForm(forms.Form):
    answer = forms.CharField(
        label=_("The unit's explanation"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"), help_text=_("PDF, Office documents or images.")
    )


class ReferenceForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=120)
    issued_on = DateField(label=_("Date"), required=False)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False)


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    note = forms.CharField(label=_("Note"), required=False)


class ReopenForm(forms.Form):
    to_stage = forms.ChoiceField(
        label=_("Reopen at"), choices=[c for c in Stage.choices if c[0] != Stage.FINAL]
    )
    deadline = DateField(
        label=_("New deadline of that stage"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=DateInput(),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


def announcement_field() -> forms.CharField:
    """The announcement of a framework change (framework_change_note requires it once an
    assessment is past the self-assessment); a new field on every form that offers it."""
    return forms.CharField(
        label=_("Announcement of the change"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required once an agency's assessment has gone past the self-assessment: what "
            "changes and why. Every agency using the framework sees it in its audit trail."
        ),
    )


class FrameworkImportForm(forms.Form):
    file = forms.FileField(label=_("Framework file (XLSX or CSV)"), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    agency = forms.ModelChoiceField(
        label=_("Read lead units for agency"), queryset=None, required=False
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(widget=forms.HiddenInput, required=False)
    announcement = announcement_field()

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("token"):
            self.add_error("file", _("Choose a file."))
        return data


class AssignmentForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=None, required=False)
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("Cooperating units"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=None, required=False, widget=SearchableSelect()
    )

    def __init__(self, *args, units=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["cooperating_units"].queryset = units
        self.fields["responsible"].queryset = people
        if people is not None and units is not None:
            # Two people may share a name: each is shown with the unit they work in.
            unit_of = dict(
                Membership.objects.filter(user__in=people, unit__in=units)
                .order_by("unit__code")
                .values_list("user_id", "unit__code")
            )
            self.fields["responsible"].label_from_instance = lambda user: (
                f"{user.display_name} — {unit_of[user.pk]}"
                if user.pk in unit_of
                else user.display_name
            )


class OpenAssessmentForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    self_deadline = DateField(label=_("Self-assessment deadline"), required=False)
    appraisal_1_deadline = DateField(label=_("Appraisal round 1 deadline"), required=False)
    explanation_deadline = DateField(label=_("Explanation deadline"), required=False)
    appraisal_2_deadline = DateField(label=_("Appraisal round 2 deadline"), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class FrameworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    has_round_2 = forms.BooleanField(label=_("Second appraisal round"), required=False)
    announcement = announcement_field()
