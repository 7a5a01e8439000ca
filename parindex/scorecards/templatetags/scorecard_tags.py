from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pts(value):
    """Points without trailing zeros, in the active language's format (3,5 in Vietnamese)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True)


@register.simple_tag(takes_context=True)
def scorecard_rights(context, agency, year):
    """What of an assessment the signed-in user may open, so a page shows only those links:
    `{% scorecard_rights agency year as rights %}` → rights.leaves (codes), rights.snapshots,
    rights.ranking. Computed once per request and assessment."""
    from parindex.scorecards import selectors

    request = context["request"]
    cache = getattr(request, "_scorecard_rights", None)
    if cache is None:
        cache = request._scorecard_rights = {}
    key = (getattr(agency, "pk", agency), int(year))
    if key not in cache:
        user = request.user
        assessment = (
            selectors.assessments_for_user(user)
            .filter(agency=key[0], framework__year=key[1])
            .first()
        )
        cache[key] = {
            "leaves": selectors.openable_leaf_codes(user, key[0], key[1]),
            "snapshots": assessment is not None and selectors.may_see_snapshots(user, assessment),
            "ranking": selectors.may_see_ranking(user),
        }
    return cache[key]


@register.filter
def rule_text(rule):
    """A metric rule as a sentence ("đạt 100 % → đủ điểm; từ 80 % → 50 % số điểm")."""
    from parindex.scorecards.rules import describe_rule

    return describe_rule(rule)


@register.filter
def metric_text(key):
    """A metric key shown by its label."""
    from parindex.scorecards.rules import metric_label

    return metric_label(key)


@register.filter
def pts_or_dash(value):
    """Points as `pts` shows them (a snapshot's "3.500" → "3,5"), "—" when there are none."""
    if value is None or value == "":
        return "—"
    try:
        return pts(value)
    except (ArithmeticError, ValueError, TypeError):
        return str(value)
