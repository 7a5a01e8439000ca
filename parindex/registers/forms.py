"""Plain forms of the registers; the views hand their cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parindex.common.widgets import DateField
from parindex.registers.choices import InspectionKind, RecommendationSource, ReviewKind, Verdict

#: How many recommendation rows the conclusion form offers.
CONCLUSION_ROWS = 5


def _date(label, required=False):
    return DateField(label=label, required=required)


def _units(units):
    return forms.ModelChoiceField(queryset=units, label=_("Unit"))


def _amount(label):
    return forms.IntegerField(label=label, required=False, min_value=0)


class DocumentForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=500)
    form = forms.CharField(label=_("Form"), max_length=60, required=False)
    lead_unit = forms.ModelChoiceField(queryset=None, label=_("Lead unit"))
    plan_year = forms.IntegerField(label=_("Plan year"), min_value=2000, max_value=2100)
    submission_due = _date(_("Deadline to submit"), required=True)
    consultation_from = _date(_("Posted for comments from"))
    consultation_to = _date(_("Posted for comments until"))
    sent_for_appraisal = _date(_("Sent for appraisal"))
    appraisal_received = _date(_("Appraisal opinion received"))
    submitted_on = _date(_("Submitted"))
    issued_on = _date(_("Issued"))
    number = forms.CharField(label=_("Number"), max_length=60, required=False)
    published_on = _date(_("Published"))
    withdrawn_on = _date(_("Withdrawn from the plan"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units


class InspectionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    subject = forms.CharField(label=_("Subject"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices)
    plan_year = forms.IntegerField(label=_("Plan year"), min_value=2000, max_value=2100)
    planned = forms.BooleanField(label=_("In the plan"), required=False, initial=True)
    unit = forms.ModelChoiceField(queryset=None, label=_("Carried out by"))
    target = forms.CharField(label=_("Inspected"), max_length=500, required=False)
    target_unit = forms.ModelChoiceField(
        queryset=None, label=_("Unit inspected (PAR check)"), required=False
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decision_on = _date(_("Decision date"))
    fieldwork_from = _date(_("Fieldwork from"))
    fieldwork_to = _date(_("Fieldwork until"))
    conclusion_due = _date(_("Conclusion due"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["target_unit"].queryset = units


class ConclusionForm(forms.Form):
    """The conclusion and up to CONCLUSION_ROWS recommendations, one row each."""

    concluded_on = _date(_("Conclusion issued"), required=True)
    conclusion_number = forms.CharField(label=_("Conclusion number"), max_length=60, required=False)
    conclusion = forms.CharField(
        label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    fines = _amount(_("Fines (đồng)"))
    recoveries = _amount(_("Recoveries (đồng)"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, CONCLUSION_ROWS + 1):
            self.fields[f"rec_{n}_text"] = forms.CharField(
                label=_("Recommendation %(n)s") % {"n": n},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"rec_{n}_unit"] = forms.ModelChoiceField(
                queryset=units, label=_("Owner unit"), required=False
            )
            self.fields[f"rec_{n}_due"] = _date(_("Deadline"))
            self.fields[f"rec_{n}_amount"] = _amount(_("Amount (đồng)"))
            self.fields[f"rec_{n}_criterion"] = forms.CharField(
                label=_("Criterion protected"), max_length=20, required=False
            )

    def clean(self):
        data = super().clean()
        rows = []
        for n in range(1, CONCLUSION_ROWS + 1):
            text = (data.get(f"rec_{n}_text") or "").strip()
            if not text:
                continue
            if not data.get(f"rec_{n}_unit"):
                self.add_error(f"rec_{n}_unit", _("Choose the owner unit."))
            if not data.get(f"rec_{n}_due"):
                self.add_error(f"rec_{n}_due", _("A deadline is required."))
            rows.append(
                {
                    "text": text,
                    "unit": data.get(f"rec_{n}_unit"),
                    "due_date": data.get(f"rec_{n}_due"),
                    "amount": data.get(f"rec_{n}_amount"),
                    "criterion": (data.get(f"rec_{n}_criterion") or "").strip(),
                }
            )
        data["recommendations"] = rows
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        keys = ("concluded_on", "conclusion_number", "conclusion", "fines", "recoveries")
        return {**{k: data.get(k) for k in keys}, "recommendations": data["recommendations"]}


class RecommendationForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, required=False, help_text=_("Empty: KN-YYYY-NNN")
    )
    source = forms.ChoiceField(label=_("Source"), choices=RecommendationSource.choices)
    source_reference = forms.CharField(
        label=_("Source reference"),
        max_length=255,
        required=False,
        help_text=_("E.g. the notice's number, or the appraisal round"),
    )
    text = forms.CharField(label=_("What must be done"), widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ModelChoiceField(queryset=None, label=_("Owner unit"))
    due_date = _date(_("Deadline"), required=True)
    amount = _amount(_("Amount (đồng)"))
    criterion = forms.CharField(label=_("Criterion protected"), max_length=20, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ResolveForm(forms.Form):
    done_on = _date(_("Done on"), required=True)
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)
    evidence_reference = forms.CharField(
        label=_("Evidence reference"),
        max_length=500,
        required=False,
        help_text=_("A document number or a link, when there is no file"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if not data.get("evidence_file") and not (data.get("evidence_reference") or "").strip():
            raise forms.ValidationError(_("Attach a file or give a reference as evidence."))
        return data


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("Why is it reopened?"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    unit = forms.ModelChoiceField(queryset=None, label=_("Unit"))
    done_on = _date(_("Date"), required=True)
    basis = forms.CharField(
        label=_("Grounds (laws that changed)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class VerdictForm(forms.Form):
    document = forms.ModelChoiceField(queryset=None, label=_("Document"), required=False)
    document_label = forms.CharField(
        label=_("Or a document not in the register (number and title)"),
        max_length=500,
        required=False,
    )
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    note = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    file = forms.FileField(label=_("File (XLSX, XLS, ODS or CSV)"))
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows and set the invalid ones aside"), required=False
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], agencies: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()
