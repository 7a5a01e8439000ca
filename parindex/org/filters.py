import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parindex.org.choices import Role, UnitKind
from parindex.org.models import Agency, Unit, User


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), field_name="agency", label=_("Agency")
    )
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Unit
        fields = ["q", "agency", "kind", "is_active"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["agency"].queryset = Agency.objects.restrict(request.user)

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    role = django_filters.ChoiceFilter(
        choices=Role.choices, field_name="memberships__role", label=_("Role"), distinct=True
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), field_name="memberships__unit", label=_("Unit"), distinct=True
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["q", "role", "unit", "is_active"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["unit"].queryset = Unit.objects.restrict(request.user).select_related("agency")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value) | Q(full_name__icontains=value) | Q(email__icontains=value)
        )
