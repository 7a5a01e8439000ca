import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.audit.models import AuditEntry
from parindex.audit.registry import ACTIONS
from parindex.common.widgets import DateFilter, DateInput
from parindex.org.models import Agency


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    action = django_filters.ChoiceFilter(choices=(), label=_("Action"))
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.none(), label=_("Agency"))
    since = DateFilter(
        widget=DateInput(), field_name="created_at", lookup_expr="date__gte", label=_("From")
    )
    until = DateFilter(
        widget=DateInput(), field_name="created_at", lookup_expr="date__lte", label=_("To")
    )

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "agency", "since", "until"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["agency"].queryset = Agency.objects.restrict(request.user)
        self.filters["action"].extra["choices"] = sorted(
            ((code, str(label)) for code, label in ACTIONS.items()), key=lambda c: c[1]
        )

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(actor_name__icontains=value)
            | Q(actor_username__icontains=value)
            | Q(target_repr__icontains=value)
            | Q(note__icontains=value)
        )
