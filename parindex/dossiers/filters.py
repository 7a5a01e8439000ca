import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.dossiers.choices import Channel, OnlineLevel, Status
from parindex.dossiers.models import Dossier, Procedure
from parindex.org.access import Action
from parindex.org.models import Unit


class DossierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))

    class Meta:
        model = Dossier
        fields = ["q", "unit", "channel", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user, Action.VIEW)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value)
            | Q(procedure__code__icontains=value)
            | Q(procedure__name__icontains=value)
        )


class ProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    field = django_filters.CharFilter(lookup_expr="icontains", label=_("Field"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.none(), label=_("Unit"))
    online_level = django_filters.ChoiceFilter(choices=OnlineLevel.choices, label=_("Online level"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Procedure
        fields = ["q", "field", "unit", "online_level", "is_active"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user, Action.VIEW)

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))
