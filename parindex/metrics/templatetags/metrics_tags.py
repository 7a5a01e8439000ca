from decimal import Decimal

from django import template

from parindex.common.numbers import screen_number
from parindex.metrics import selectors
from parindex.scorecards.templatetags.scorecard_tags import metric_text, rule_text

register = template.Library()


@register.filter
def vnum(value):
    """A figure on a screen, at most two decimals, in the reader's notation (38,5 in Vietnamese,
    38.5 in English), "—" when there is none."""
    if value is None or value == "":
        return "—"
    return screen_number(Decimal(str(value)).quantize(Decimal("0.01")))


@register.inclusion_tag("metrics/_leaf_metric.html")
def leaf_metric(assessment, node, score=None):
    """The live value, suggested score and self score of a bound leaf (scorecard leaf page)."""
    row = None
    if node is not None and node.metric_key:
        row = selectors.bound_leaf(assessment.agency, assessment.framework.year, node.code)
    return {"row": row, "assessment": assessment}


@register.inclusion_tag("metrics/_index_pair.html")
def index_pair(scorecard_index, projection):
    """The scorecard's index and the projected index side by side, in one format, with the
    line that says how they differ (a user seeing both must not wonder which is right)."""
    return {"scorecard_index": scorecard_index, "projection": projection}


# The scorecards' rule and metric filters, for the metric screens that load only this library.
register.filter("rule_text", rule_text)
register.filter("metric_text", metric_text)
