"""Forms of the citizens' voice: the public survey and feedback forms, and the staff forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parindex.citizens.choices import (
    FeedbackKind,
    OutreachKind,
    QuestionKind,
    Rating,
    ResponseSource,
)
from parindex.citizens.models import Survey
from parindex.citizens.public import HONEYPOT
from parindex.common.widgets import DateField, SearchableSelectMultiple
from parindex.dossiers.choices import Channel
from parindex.dossiers.models import Procedure
from parindex.org.models import Unit

NO_OPINION = "0"


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class SurveyAnswerForm(HoneypotMixin):
    """One radio group per rating question (1–5 and "no opinion"), a text box per text question
    and a radio group per profile question; nothing is required."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        rating_choices = [(str(r.value), r.label) for r in Rating] + [(NO_OPINION, _("No opinion"))]
        for question in self.questions:
            name = f"q_{question.code}"
            if question.kind == QuestionKind.RATING:
                field: forms.Field = forms.ChoiceField(
                    label=question.text,
                    choices=rating_choices,
                    required=False,
                    widget=forms.RadioSelect,
                )
            elif question.kind == QuestionKind.PROFILE and question.option_list:
                field = forms.ChoiceField(
                    label=question.text,
                    choices=[(o, o) for o in question.option_list],
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.question = question
            self.fields[name] = field
        # The honeypot last, out of the way of keyboard users.
        self.fields[HONEYPOT] = self.fields.pop(HONEYPOT)

    def question_fields(self):
        return [self[name] for name in self.fields if name != HONEYPOT]

    def answers(self) -> dict[str, Any]:
        return {q.code: self.cleaned_data.get(f"q_{q.code}") or None for q in self.questions}


class DeskEntryForm(SurveyAnswerForm):
    """The desk's quick entry of a paper or phone form."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, survey=survey, **kwargs)
        del self.fields[HONEYPOT]
        head = {
            "code": forms.CharField(label=_("Form number"), max_length=40),
            "answered_on": DateField(label=_("Date")),
            "source": forms.ChoiceField(
                label=_("Source"),
                choices=[
                    (ResponseSource.PAPER, ResponseSource.PAPER.label),
                    (ResponseSource.PHONE, ResponseSource.PHONE.label),
                ],
            ),
            "procedure": forms.ModelChoiceField(
                label=_("Procedure"),
                required=False,
                queryset=Procedure.objects.filter(agency=survey.agency).order_by("code"),
            ),
            "unit": forms.ModelChoiceField(
                label=_("Unit"),
                required=False,
                queryset=Unit.objects.filter(agency=survey.agency, is_active=True).order_by("code"),
            ),
            "channel": forms.TypedChoiceField(
                label=_("Channel of the dossier"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("unknown")), *Channel.choices],
            ),
        }
        self.fields = {**head, **self.fields}

    def question_fields(self):
        return [self[name] for name in self.fields if name.startswith("q_")]

    def head_fields(self):
        return [self[name] for name in self.fields if not name.startswith("q_")]


class InvitationForm(forms.Form):
    dossier = forms.CharField(label=_("Dossier code"), max_length=60)


class SurveySettingsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    is_open = forms.BooleanField(label=_("Open to the public"), required=False)
    invitation_days = forms.IntegerField(
        label=_("Invitations valid for (days)"), min_value=1, max_value=365
    )


class SurveyImportForm(forms.Form):
    file = forms.FileField(label=_("File (XLSX or CSV)"))
    skip_invalid = forms.BooleanField(label=_("Skip invalid rows"), required=False)


# -- feedback -------------------------------------------------------------------------------------

ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


class FeedbackForm(HoneypotMixin):
    kind = forms.ChoiceField(
        label=_("Your feedback is"), choices=FeedbackKind.choices, widget=forms.RadioSelect
    )
    procedure = forms.ModelChoiceField(
        label=_("Procedure concerned (if any)"), required=False, queryset=Procedure.objects.none()
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    content = forms.CharField(
        label=_("Content"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    contact_phone = forms.RegexField(
        label=_("Phone (optional)"),
        regex=r"^[0-9 +().-]{6,20}$",
        required=False,
        max_length=20,
        error_messages={"invalid": _("Enter a phone number.")},
    )
    contact_email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    attachment = forms.FileField(
        label=_("Attachment (optional: PDF, JPG or PNG, at most 5 MB)"), required=False
    )

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.filter(
            agency=agency, is_active=True
        ).order_by("code")
        self.fields[HONEYPOT] = self.fields.pop(HONEYPOT)


class FeedbackLookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)


class FeedbackAssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit in charge"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency, is_active=True)


class FeedbackAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )


class FeedbackSettingsForm(forms.Form):
    answer_days = forms.IntegerField(
        label=_("Answer within (working days)"), min_value=1, max_value=60
    )
    remind_days = forms.IntegerField(
        label=_("Remind (working days before the deadline)"), min_value=0, max_value=30
    )


# -- outreach -------------------------------------------------------------------------------------


class OutreachForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutreachKind.choices)
    topic = forms.CharField(label=_("Topic"), max_length=255)
    audience = forms.CharField(label=_("Audience"), max_length=255, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    planned_on = DateField(label=_("Planned for"))
    done_on = DateField(label=_("Done on"), required=False)
    participants = forms.IntegerField(
        label=_("Participants"), required=False, min_value=0, max_value=1_000_000
    )
    procedures = forms.ModelMultipleChoiceField(
        label=_("Targeted procedures"),
        required=False,
        queryset=Procedure.objects.none(),
        widget=SearchableSelectMultiple(),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency, is_active=True)
        self.fields["procedures"].queryset = Procedure.objects.filter(agency=agency).order_by(
            "code"
        )
