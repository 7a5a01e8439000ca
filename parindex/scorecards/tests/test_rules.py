from decimal import Decimal as D

import pytest

from parindex.scorecards.rules import RuleError, check_metric, parse_rule, points_for


@pytest.mark.parametrize(
    "rule,value,expected",
    [
        ("full_at 50", 25, D("1.5")),
        ("full_at 50", 80, D("3")),
        ("at_least 90", D("89.9"), D("0")),
        ("at_least 90", 90, D("3")),
        ("steps 100:1, 80:0.5", 100, D("3")),
        ("steps 100:1, 80:0.5", 85, D("1.5")),
        ("steps 100:1, 80:0.5", 79, D("0")),
        ("steps 80:0,5; 100:1", 90, D("1.5")),
    ],
)
def test_rules_turn_a_rate_into_points(rule, value, expected):
    assert points_for(rule, value, D("3")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "full_at",
        "full_at x",
        "steps",
        "steps 100",
        "half 50",
        "steps 100:2",
        "full_at 0",
        "steps 80:1, 80:0.5",
    ],
)
def test_malformed_rules_are_refused(text):
    with pytest.raises(RuleError):
        parse_rule(text)


def test_unknown_metric_is_refused():
    assert check_metric("tasks.on_time_rate") == "tasks.on_time_rate"
    with pytest.raises(RuleError):
        check_metric("tasks.speed")


def test_no_value_gives_no_points():
    assert points_for("full_at 50", None, D("3")) == 0


def test_a_rule_reads_as_a_vietnamese_sentence():
    from django.utils import translation

    from parindex.scorecards.rules import describe_rule

    with translation.override("vi"):
        assert describe_rule("steps 100:1, 80:0.5") == (
            "đạt 100 % → đủ điểm; từ 80 % → 50 % số điểm; dưới 80 % → 0 điểm"
        )
        assert describe_rule("at_least 95,5") == "từ 95,5 % → đủ điểm; dưới 95,5 % → 0 điểm"
        assert describe_rule("full_at 50").startswith("đạt 50 % → đủ điểm")
        assert describe_rule("") == "—"


def test_a_metric_key_is_shown_by_its_label():
    from django.utils import translation

    from parindex.scorecards.rules import metric_label

    with translation.override("vi"):
        label = metric_label("dossiers.on_time_rate")
    assert label != "dossiers.on_time_rate" and "." not in label


def test_a_refused_fraction_is_written_the_way_the_message_language_writes_it():
    from django.utils import translation

    with translation.override("vi"), pytest.raises(RuleError) as refused:
        parse_rule("steps 100:1.5")
    assert "không phải 1,5" in str(refused.value)
