import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.org.models import Agency
from parindex.scorecards.choices import Stage


class ProvinceAgencyFilter(django_filters.FilterSet):
    """The province page's filter: an agency's code or name, the stage of its assessment."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, method="at_stage")

    class Meta:
        model = Agency
        fields: list[str] = []

    def __init__(self, *args, request=None, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.year = year

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))

    def at_stage(self, queryset, name, value):
        return queryset.filter(assessments__framework__year=self.year, assessments__stage=value)
