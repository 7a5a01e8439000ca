"""Plain forms for the work-plan screens; the services do the checking that matters."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.common.widgets import (
    DateField,
    SearchableSelect,
    SearchableSelectMultiple,
    person_with_unit,
)
from parindex.org.models import Agency, Unit, User
from parindex.workplan.choices import (
    AttachmentKind,
    FeedKind,
    InitiativeStatus,
    PlanStatus,
    PlanType,
    Recurrence,
    TaskStatus,
)


def _date(label, required=False):
    return DateField(label=label, required=required)


def agency_people(agency_id: int):
    return (
        User.objects.filter(
            Q(memberships__unit__agency_id=agency_id) | Q(memberships__agency_id=agency_id),
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


class PlanForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Agency"))
    code = forms.CharField(label=_("Code"), max_length=40)
    plan_type = forms.ChoiceField(label=_("Type"), choices=PlanType.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=255)
    doc_number = forms.CharField(label=_("Document number"), max_length=60, required=False)
    doc_date = _date(_("Document date"))
    doc_summary = forms.CharField(label=_("Summary (trích yếu)"), max_length=500, required=False)
    doc_file = forms.FileField(label=_("Document file"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=PlanStatus.choices, initial=PlanStatus.ACTIVE
    )

    def __init__(self, *args, agencies=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=500)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Lead unit"))
    cooperating_units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Cooperating units"),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 4}),
    )
    assignees = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        label=_("Assignees"),
        required=False,
        widget=SearchableSelectMultiple(),
    )
    start_date = _date(_("Start date"))
    due_date = _date(_("Due date"), required=True)
    expected_output = forms.CharField(
        label=_("Expected output (sản phẩm)"), max_length=500, required=False
    )
    criteria = forms.CharField(
        label=_("Index criteria"),
        required=False,
        help_text=_("Codes separated by commas, e.g. 3.2.1, 5.1"),
    )
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Recurrence.choices, required=False)

    def __init__(self, *args, plan, lead_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = lead_units
        self.fields["cooperating_units"].queryset = Unit.objects.filter(
            agency_id=plan.agency_id, is_active=True
        )
        self.fields["assignees"].queryset = agency_people(plan.agency_id)
        self.fields["assignees"].label_from_instance = person_with_unit(
            self.fields["assignees"].queryset, plan.agency_id
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Only for tasks in progress or paused; leave empty for the status's default."),
    )
    done_at = _date(_("Done on"))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, may_cancel=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_cancel:
            self.fields["status"].choices = [
                c for c in TaskStatus.choices if c[0] != TaskStatus.CANCELLED
            ]


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"), required=False)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=500,
        required=False,
        help_text=_("A document number or a link, when there is no file"),
    )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class TemplateForm(forms.Form):
    lead_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Lead unit"))
    anchor = _date(_("Review meeting date"))
    inspections = forms.CharField(
        label=_("Units to inspect"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: unit code and date, e.g. “TDC 15/09/2026”"),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = Unit.objects.filter(
            agency_id=plan.agency_id, is_active=True
        )
        if plan.plan_type == "inspection":
            del self.fields["anchor"]
        else:
            del self.fields["inspections"]


class InitiativeForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=500)
    problem = forms.CharField(
        label=_("Problem addressed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    solution = forms.CharField(
        label=_("Solution"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    expected_effect = forms.CharField(
        label=_("Expected effect"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Owner"), required=False)
    start_date = _date(_("Start date"))
    end_date = _date(_("End date"))

    def __init__(self, *args, units, owners, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = person_with_unit(owners)
        self.fields["owner"].widget = SearchableSelect()
        if editing:
            del self.fields["unit"]
            del self.fields["year"]
        else:
            self.fields["unit"].queryset = units


class InitiativeTransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=InitiativeStatus.choices)
    board_notes = forms.CharField(
        label=_("Evaluation board's notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    board_score = forms.DecimalField(
        label=_("Evaluation score"), required=False, min_value=0, max_value=100, decimal_places=2
    )


class FileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"))


class FeedForm(forms.Form):
    kind = forms.ChoiceField(label=_("Feed of"), choices=FeedKind.choices)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ExemptionForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    reason = forms.CharField(label=_("Reason for the exemption"), max_length=255, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
