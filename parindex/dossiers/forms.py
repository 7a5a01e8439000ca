from django import forms
from django.utils.translation import gettext_lazy as _

from parindex.common.widgets import DateField
from parindex.dossiers.choices import (
    ImportKind,
    LimitUnit,
    OnlineLevel,
    ReviewDecision,
    ReviewProposal,
)


class PeriodForm(forms.Form):
    agency = forms.CharField(label=_("Agency"), required=False)
    date_from = DateField(label=_("From"), required=False)
    date_to = DateField(label=_("To"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


class ImportForm(forms.Form):
    agency = forms.ChoiceField(label=_("Agency"))
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=ImportKind.choices, initial=ImportKind.DOSSIERS
    )
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows and return the invalid ones in a file"), required=False
    )
    create_procedures = forms.BooleanField(
        label=_("Create procedures missing from the catalogue (dossier files)"), required=False
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.code, f"{a.code} – {a.name}") for a in agencies]


class CalendarDayForm(forms.Form):
    day = DateField(label=_("Day"))
    working = forms.TypedChoiceField(
        label=_("Kind"),
        coerce=lambda v: v == "1",
        choices=(("0", _("Day off")), ("1", _("Working day (swap)"))),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class CalendarImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv): Ngày, Loại (nghỉ / làm việc), Ghi chú"))


class ProcedureForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=1000)
    field = forms.CharField(label=_("Field"), max_length=255, required=False)
    time_limit = forms.DecimalField(
        label=_("Time limit"), required=False, min_value=0, max_digits=8, decimal_places=2
    )
    limit_unit = forms.ChoiceField(label=_("Time-limit unit"), choices=LimitUnit.choices)
    online_level = forms.ChoiceField(label=_("Online level"), choices=OnlineLevel.choices)
    fee = forms.IntegerField(label=_("Fee (đồng)"), min_value=0)
    is_active = forms.BooleanField(label=_("Active"), required=False)
    decision = forms.CharField(label=_("Publication decision"), max_length=255, required=False)
    published_on = DateField(label=_("Publication date"), required=False)
    basis_effective_on = DateField(label=_("Legal basis takes effect on"), required=False)


class ApologySlipForm(forms.Form):
    issued_on = DateField(label=_("Slip issued on"))
    new_due_on = DateField(label=_("New due date"))
    file = forms.FileField(label=_("Scanned slip (PDF or image)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReviewProposalForm(forms.Form):
    procedure = forms.ChoiceField(label=_("Procedure"))
    proposal = forms.ChoiceField(label=_("Proposal"), choices=ReviewProposal.choices)
    proposed_level = forms.ChoiceField(
        label=_("Online level to register"),
        choices=[("", "—"), *OnlineLevel.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, procedures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [
            (p.code, f"{p.code} – {p.name[:80]}") for p in procedures
        ]


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReviewDecision.ACCEPTED, ReviewDecision.ACCEPTED.label),
            (ReviewDecision.REJECTED, ReviewDecision.REJECTED.label),
        ],
    )
    decided_on = DateField(label=_("Decided on"))
    decision_ref = forms.CharField(label=_("Decision document"), max_length=255, required=False)
