import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.common.periods import YEAR_BOUNDS
from parindex.org.models import Unit
from parindex.people.choices import PositionGroup
from parindex.people.models import Position, StaffMember, TrainingRecord


class _UnitScoped(django_filters.FilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user).select_related("agency")


class PositionFilter(_UnitScoped):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    group = django_filters.ChoiceFilter(choices=PositionGroup.choices, label=_("Group"))

    class Meta:
        model = Position
        fields = ["q", "unit", "group"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class StaffFilter(_UnitScoped):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    present = django_filters.BooleanFilter(method="filter_present", label=_("Still working here"))

    class Meta:
        model = StaffMember
        fields = ["q", "unit", "present"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(full_name__icontains=value) | Q(rank__icontains=value)
        )

    def filter_present(self, queryset, name, value):
        from django.utils import timezone

        today = timezone.localdate()
        present = Q(left_on__isnull=True) | Q(left_on__gte=today)
        return queryset.filter(present) if value else queryset.exclude(present)


class TrainingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    plan_year = django_filters.NumberFilter(label=_("Plan year"), **YEAR_BOUNDS)
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), field_name="staff__unit", label=_("Unit")
    )
    done = django_filters.BooleanFilter(
        field_name="completed_on", lookup_expr="isnull", exclude=True, label=_("Completed")
    )

    class Meta:
        model = TrainingRecord
        fields = ["q", "plan_year", "unit", "done"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user).select_related("agency")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(course_code__icontains=value)
            | Q(course_name__icontains=value)
            | Q(staff__full_name__icontains=value)
        )
