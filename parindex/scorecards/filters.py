import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from parindex.scorecards.models import Score

STATE_CHOICES = (
    ("to_score", _("To score")),
    ("missing_evidence", _("Missing evidence")),
    ("deducted", _("Points deducted")),
)


class WorklistFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, method="by_state", label=_("State"))

    class Meta:
        model = Score
        fields = ["q", "state"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)

    def search(self, queryset, name, value):
        return queryset.filter(Q(node__code__startswith=value) | Q(node__title__icontains=value))

    def by_state(self, queryset, name, value):
        if value == "to_score":
            return queryset.filter(self_points__isnull=True).exclude(node__kind="survey")
        if value == "missing_evidence":
            return queryset.filter(
                self_points__isnull=False, evidence_count=0, reference_count=0, self_explanation=""
            )
        if value == "deducted":
            return queryset.filter(
                Q(appraised_points__lt=F("self_points")) | Q(round2_points__lt=F("self_points"))
            )
        return queryset
