"""Each rule at, just below and just above its thresholds (values in percent)."""

from decimal import Decimal as D

import pytest

from parindex.metrics.selectors import full_threshold
from parindex.scorecards.rules import parse_rule, points_for


@pytest.mark.parametrize(
    "rule,value,expected",
    [
        ("full_at 50", D("49.99"), D("1.9996")),
        ("full_at 50", D("50"), D("2")),
        ("full_at 50", D("50.01"), D("2")),
        ("full_at 50", D("0"), D("0")),
        ("at_least 80", D("79.99"), D("0")),
        ("at_least 80", D("80"), D("2")),
        ("at_least 80", D("80.01"), D("2")),
        ("steps 100:1, 80:0.5", D("99.99"), D("1")),
        ("steps 100:1, 80:0.5", D("100"), D("2")),
        ("steps 100:1, 80:0.5", D("80"), D("1")),
        ("steps 100:1, 80:0.5", D("79.99"), D("0")),
        ("steps 100:1, 80:0.5", D("80.01"), D("1")),
    ],
)
def test_rules_at_and_around_their_thresholds(rule, value, expected):
    assert points_for(rule, value, D("2")) == expected


@pytest.mark.parametrize(
    "rule,threshold",
    [("full_at 50", D("50")), ("at_least 80", D("80")), ("steps 100:1, 80:0.5", D("100"))],
)
def test_the_full_points_threshold_of_each_rule(rule, threshold):
    assert full_threshold(parse_rule(rule)) == threshold
