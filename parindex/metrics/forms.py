from django import forms
from django.utils.translation import gettext_lazy as _

from parindex.common.widgets import DateField
from parindex.metrics.models import Direction
from parindex.org.models import Unit


class BindForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    metric = forms.ChoiceField(label=_("Metric"), required=False)
    rule = forms.CharField(
        label=_("Rule"),
        required=False,
        max_length=200,
        help_text=_("full_at T, steps T1:F1, T2:F2 or at_least T (values in percent)."),
    )
    announcement = forms.CharField(
        label=_("Announcement of the change"), required=False, max_length=2000
    )

    def __init__(self, *args, metrics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", _("— not bound —"))] + [
            (m.key, f"{m.key} · {m.label}") for m in metrics
        ]


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=500)
    unit = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=Unit.objects.none(), required=False
    )
    target = forms.DecimalField(
        label=_("Target value"), max_digits=14, decimal_places=4, localize=True
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    measure = forms.CharField(label=_("Unit of measure"), max_length=40, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class ValueForm(forms.Form):
    period_end = DateField(
        label=_("Period end"), help_text=_("The last day of the period, dd/mm/yyyy.")
    )
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=4, localize=True)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ValueImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("XLSX or CSV with the columns Mã chỉ tiêu, Kỳ, Giá trị (Ghi chú optional)."),
    )
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows and skip the invalid ones"), required=False
    )
