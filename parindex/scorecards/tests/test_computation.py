"""docs/formats.md §3 on hand-made trees, checked against hand computations."""

from decimal import Decimal as D

from parindex.scorecards.computation import (
    NodeInput,
    competition_ranking,
    compute_scorecard,
    scorecard_json,
)


def leaf(code, kind, mx, self_points=None, appraised=None, lead=None, title=""):
    parent = code.rsplit(".", 1)[0] if "." in code else None
    return NodeInput(
        code,
        title or code,
        kind,
        D(mx),
        parent,
        lead,
        None if self_points is None else D(self_points),
        None if appraised is None else D(appraised),
    )


def inner(code, kind, mx, lead=None):
    parent = code.rsplit(".", 1)[0] if "." in code else None
    return NodeInput(code, code, kind, D(mx), parent, lead)


def tree():
    return [
        inner("10", "self", "10"),
        leaf("10.1", "self", "10", "9", "9", "HCTH"),
        inner("2", "self", "10"),
        leaf("2.1", "self", "4", "4", "3", "QLCN"),  # 1 lost by QLCN
        leaf("2.2", "self", "3", "2", "2.5", "TDC"),  # raised by 0.5
        leaf("2.3", "survey", "3", None, "2.25"),  # survey: no self
        inner("1", "self", "10"),
        inner("1.1", "self", "6"),
        leaf("1.1.1", "self", "3.5", "3.5", "2", "QLCN"),  # 1.5 lost by QLCN
        leaf("1.1.2", "self", "2.5", "2.5", "2.5", None),  # unassigned
        leaf("1.2", "self", "4", "4", "3", None),  # 1 lost, nobody's
        inner("8", "survey", "5"),
        leaf("8.1", "survey", "5", None, "4"),
        inner("B", "bonus", "2"),
        leaf("B.1", "bonus", "2", "1", "0.75", "TDC"),
        inner("P", "penalty", "3"),
        leaf("P.1", "penalty", "3", "0", "1"),
    ]


def test_totals_follow_the_contract_definitions():
    card = compute_scorecard(tree())
    assert card.max_total == D("35")
    # ordinary leaves only: 9 + 4 + 2 + 3.5 + 2.5 + 4
    assert card.self_total == D("25")
    # 9 + (3 + 2.5 + 2.25) + (2 + 2.5 + 3) + 4
    assert card.appraised_total == D("28.25")
    assert card.bonus == D("0.75")
    assert card.penalty == D("1")
    # (28.25 + 0.75 − 1) ÷ 35 × 100 = 80.0
    assert card.index == D("80.00")


def test_nodes_come_in_numeric_code_order():
    codes = [n.code for n in compute_scorecard(tree()).nodes]
    assert codes == [
        "1",
        "1.1",
        "1.1.1",
        "1.1.2",
        "1.2",
        "2",
        "2.1",
        "2.2",
        "2.3",
        "8",
        "8.1",
        "10",
        "10.1",
        "B",
        "B.1",
        "P",
        "P.1",
    ]


def test_survey_leaves_have_no_self_score_and_do_not_lose_points():
    nodes = {n.code: n for n in compute_scorecard(tree()).nodes}
    assert nodes["2.3"].self_points is None
    assert nodes["8"].self_points is None
    assert nodes["2"].self_points == D("6")
    assert nodes["2"].appraised == D("7.75")
    # lost over self-assessed leaves: 1 − 0.5 (raised); the survey leaf counts nothing
    assert nodes["2"].lost == D("0.5")
    assert nodes["2.2"].lost == D("-0.5")


def test_lost_by_unit_sorted_descending_without_zero_and_without_unassigned():
    card = compute_scorecard(tree())
    assert card.lost_by_unit == [("QLCN", D("2.5")), ("TDC", D("-0.5"))]


def test_lost_points_of_unassigned_leaves_still_count_in_the_tree():
    nodes = {n.code: n for n in compute_scorecard(tree()).nodes}
    assert nodes["1"].lost == D("2.5")


def test_decimal_sums_are_exact():
    nodes = [
        inner("1", "self", "0.3"),
        leaf("1.1", "self", "0.1", "0.1", "0.1"),
        leaf("1.2", "self", "0.2", "0.2", "0.2"),
    ]
    card = compute_scorecard(nodes)
    assert card.appraised_total == D("0.3")
    assert card.index == D("100.00")


def test_index_rounds_half_up_to_two_decimals():
    nodes = [inner("1", "self", "100"), leaf("1.1", "self", "100", "66.665", "66.665")]
    assert compute_scorecard(nodes).index == D("66.67")
    nodes = [inner("1", "self", "100"), leaf("1.1", "self", "100", "66.675", "66.675")]
    assert compute_scorecard(nodes).index == D("66.68")


def test_json_document_has_the_contract_keys_and_numbers():
    doc = scorecard_json(compute_scorecard(tree()), agency="SKHCN", year=2022, framework="F")
    assert list(doc) == [
        "agency",
        "year",
        "framework",
        "max_total",
        "self_total",
        "appraised_total",
        "bonus",
        "penalty",
        "index",
        "nodes",
        "lost_by_unit",
    ]
    assert doc["index"] == 80.0 and isinstance(doc["index"], float)
    assert doc["nodes"][0] == {
        "code": "1",
        "title": "1",
        "kind": "self",
        "max": 10.0,
        "self": 10.0,
        "appraised": 7.5,
        "lost": 2.5,
        "lead_unit": None,
    }
    assert doc["lost_by_unit"] == [{"unit": "QLCN", "lost": 2.5}, {"unit": "TDC", "lost": -0.5}]


def test_an_empty_framework_has_no_index():
    assert compute_scorecard([]).index is None


def test_ranking_ties_share_a_rank():
    rows = competition_ranking([("A", D("90")), ("B", D("95")), ("C", D("90")), ("D", D("80"))])
    assert [(r["agency"], r["rank"]) for r in rows] == [("B", 1), ("A", 2), ("C", 2), ("D", 4)]


def test_unscored_leaves_have_no_self_and_count_nothing():
    nodes = [
        inner("1", "self", "3"),
        leaf("1.1", "self", "1", "1", "1", "A"),
        leaf("1.2", "self", "2", None, None, "A"),
        inner("2", "bonus", "1"),
        leaf("2.1", "bonus", "1", None, None),
    ]
    card = compute_scorecard(nodes)
    by_code = {n.code: n for n in card.nodes}
    assert by_code["1.2"].self_points is None and by_code["1.2"].lost == 0
    assert by_code["1"].self_points == D("1") and by_code["2"].self_points is None
    assert card.self_total == D("1") and card.index == D("33.33")


def test_metric_leaves_are_listed_for_the_early_warning(org, framework):
    from parindex.scorecards.selectors import metric_leaves

    rows = metric_leaves(org.agency, 2022)
    assert [(r["node"].code, r["metric"], r["rule"], r["lead_unit"].code) for r in rows] == [
        ("2.1", "dossiers.on_time_rate", "full_at 100", "QLCN")
    ]
