import django_filters
from django.utils.translation import gettext_lazy as _

from parindex.common.periods import YEAR_BOUNDS
from parindex.org.models import Agency
from parindex.reports.choices import PeriodKind, RunStatus
from parindex.reports.models import ReportRun
from parindex.reports.registry import type_choices


class RunFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="summary", lookup_expr="icontains", label=_("Search"))
    type_key = django_filters.ChoiceFilter(choices=(), label=_("Report type"))
    status = django_filters.ChoiceFilter(choices=RunStatus.choices, label=_("Status"))
    period_kind = django_filters.ChoiceFilter(choices=PeriodKind.choices, label=_("Period kind"))
    period_year = django_filters.NumberFilter(label=_("Year"), **YEAR_BOUNDS)
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.none(), label=_("Agency"))

    class Meta:
        model = ReportRun
        fields = ["q", "type_key", "status", "period_kind", "period_year", "agency"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["type_key"].extra["choices"] = type_choices()
        self.filters["agency"].queryset = Agency.objects.restrict(request.user)
