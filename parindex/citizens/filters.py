"""Filters of the citizens' lists (each list's export uses the same filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.citizens.choices import FeedbackKind, FeedbackState, OutreachKind, ResponseSource
from parindex.citizens.models import FeedbackItem, OutreachActivity, SurveyResponse
from parindex.common.periods import YEAR_BOUNDS
from parindex.common.widgets import DateFilter, DateInput
from parindex.dossiers.choices import Channel
from parindex.org.access import Action
from parindex.org.models import Unit


class ResponseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    source = django_filters.ChoiceFilter(choices=ResponseSource.choices, label=_("Source"))
    date_from = DateFilter(
        widget=DateInput(), field_name="answered_on", lookup_expr="gte", label=_("From")
    )
    date_to = DateFilter(
        widget=DateInput(), field_name="answered_on", lookup_expr="lte", label=_("To")
    )

    class Meta:
        model = SurveyResponse
        fields = ["q", "unit", "channel", "source", "date_from", "date_to"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user, Action.VIEW)

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(procedure__code__icontains=value))


class FeedbackFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    state = django_filters.ChoiceFilter(choices=FeedbackState.choices, label=_("State"))
    kind = django_filters.ChoiceFilter(choices=FeedbackKind.choices, label=_("About"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = FeedbackItem
        fields = ["q", "state", "kind", "unit", "overdue"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user, Action.VIEW)

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(subject__icontains=value))

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        overdue = Q(answered_on__isnull=True, due_on__lt=timezone.localdate())
        if value is None:
            return queryset
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class OutreachFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=OutreachKind.choices, label=_("Kind"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    year = django_filters.NumberFilter(
        field_name="planned_on", lookup_expr="year", label=_("Year"), **YEAR_BOUNDS
    )
    done = django_filters.BooleanFilter(
        field_name="done_on", lookup_expr="isnull", exclude=True, label=_("Done")
    )

    class Meta:
        model = OutreachActivity
        fields = ["q", "kind", "unit", "year", "done"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user, Action.VIEW)

    def search(self, queryset, name, value):
        return queryset.filter(Q(topic__icontains=value) | Q(audience__icontains=value))
