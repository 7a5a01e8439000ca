import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.common.periods import YEAR_BOUNDS
from parindex.common.widgets import DateFilter, DateInput
from parindex.org.models import Unit
from parindex.workplan import selectors
from parindex.workplan.choices import InitiativeStatus, PlanStatus, PlanType, TaskStatus
from parindex.workplan.models import Initiative, Plan, Task
from parindex.workplan.models import today as local_today

STATE_CHOICES = (
    ("overdue", _("Overdue")),
    ("due_soon", _("Due within 5 working days")),
    ("on_track", _("On track")),
    ("done_on_time", _("Done on time")),
    ("done_late", _("Done late")),
)


class TaskFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.none(), label=_("Plan"))
    lead_unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Lead unit"))
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices, label=_("Status"))
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="by_state", label=_("Deadline")
    )
    year = django_filters.NumberFilter(field_name="plan__year", label=_("Year"), **YEAR_BOUNDS)
    due_from = DateFilter(
        widget=DateInput(), field_name="due_date", lookup_expr="gte", label=_("Due from")
    )
    due_to = DateFilter(
        widget=DateInput(), field_name="due_date", lookup_expr="lte", label=_("Due to")
    )

    class Meta:
        model = Task
        fields = ["q", "plan", "lead_unit", "status", "state", "year", "due_from", "due_to"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["plan"].queryset = Plan.objects.restrict(request.user)
        self.filters["lead_unit"].queryset = Unit.objects.restrict(request.user).select_related(
            "agency"
        )

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(expected_output__icontains=value))

    def by_state(self, queryset, name, value):
        on = local_today()
        return queryset.filter(
            {
                "overdue": selectors.overdue_q(on),
                "due_soon": selectors.due_soon_q(on),
                "on_track": selectors.on_track_q(on),
                "done_on_time": selectors.done_on_time_q(),
                "done_late": selectors.done_late_q(),
            }[value]
        )


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    plan_type = django_filters.ChoiceFilter(choices=PlanType.choices, label=_("Type"))
    year = django_filters.NumberFilter(label=_("Year"), **YEAR_BOUNDS)
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = Plan
        fields = ["q", "plan_type", "year", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(title__icontains=value) | Q(doc_number__icontains=value)
        )


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(label=_("Year"), **YEAR_BOUNDS)
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    status = django_filters.ChoiceFilter(choices=InitiativeStatus.choices, label=_("Status"))

    class Meta:
        model = Initiative
        fields = ["q", "year", "unit", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user).select_related("agency")

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(solution__icontains=value))
