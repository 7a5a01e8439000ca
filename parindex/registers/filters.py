"""The filters of the registers' lists (their exports use the same filters)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.common.periods import YEAR_BOUNDS
from parindex.org.models import Unit
from parindex.registers import selectors
from parindex.registers.choices import InspectionKind, RecommendationSource, RecommendationState
from parindex.registers.models import Inspection, LegalDocument, Recommendation, Review, today

DOCUMENT_STATES = (
    ("late", _("Late (overdue or submitted late)")),
    ("overdue", _("Overdue, not submitted")),
    ("submitted", _("Submitted")),
    ("issued", _("Issued")),
    ("withdrawn", _("Withdrawn")),
)


class _UnitsMixin:
    unit_fields: tuple[str, ...] = ()

    def restrict_units(self, request) -> None:
        units = Unit.objects.restrict(request.user).select_related("agency")
        for name in self.unit_fields:
            self.filters[name].queryset = units


class DocumentFilter(_UnitsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(field_name="plan_year", label=_("Plan year"), **YEAR_BOUNDS)
    lead_unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Lead unit"))
    state = django_filters.ChoiceFilter(
        choices=DOCUMENT_STATES, method="by_state", label=_("State")
    )
    unit_fields = ("lead_unit",)

    class Meta:
        model = LegalDocument
        fields = ["q", "year", "lead_unit", "state"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.restrict_units(request)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(title__icontains=value) | Q(number__icontains=value)
        )

    def by_state(self, queryset, name, value):
        on = today()
        if value == "late":
            return queryset.filter(selectors.document_late_q(on))
        if value == "overdue":
            return queryset.filter(selectors.document_overdue_q(on))
        if value == "submitted":
            return queryset.filter(submitted_on__lte=on)
        if value == "issued":
            return queryset.filter(issued_on__lte=on)
        return queryset.filter(withdrawn_on__lte=on)


class InspectionFilter(_UnitsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(field_name="plan_year", label=_("Plan year"), **YEAR_BOUNDS)
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices, label=_("Kind"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Carried out by"))
    planned = django_filters.BooleanFilter(label=_("In the plan"))
    unit_fields = ("unit",)

    class Meta:
        model = Inspection
        fields = ["q", "year", "kind", "unit", "planned"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.restrict_units(request)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(subject__icontains=value) | Q(target__icontains=value)
        )


class RecommendationFilter(_UnitsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Owner unit"))
    source = django_filters.ChoiceFilter(choices=RecommendationSource.choices, label=_("Source"))
    state = django_filters.ChoiceFilter(
        choices=RecommendationState.choices, method="by_state", label=_("State")
    )
    year = django_filters.NumberFilter(
        field_name="due_date__year", label=_("Deadline year"), **YEAR_BOUNDS
    )
    inspection = django_filters.CharFilter(field_name="inspection__code", label=_("Inspection"))
    unit_fields = ("unit",)

    class Meta:
        model = Recommendation
        fields = ["q", "unit", "source", "state", "year", "inspection"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.restrict_units(request)

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(text__icontains=value))

    def by_state(self, queryset, name, value):
        return queryset.filter(selectors.rec_state_q(value, today()))


class ReviewFilter(_UnitsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    unit_fields = ("unit",)

    class Meta:
        model = Review
        fields = ["q", "unit", "kind"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.restrict_units(request)

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))
