"""Bound leaves, the over-claim warning, the projection and the risk list on a hand-made year."""

from decimal import Decimal

import pytest

from parindex.metrics import selectors
from parindex.metrics.tests.conftest import set_self, write_framework
from parindex.scorecards import services as scorecards
from parindex.scorecards.models import Score


@pytest.fixture
def data(data):
    """The shared year (conftest), with 1.2 and 1.3 self-scored too."""
    year = data
    set_self(year, "1.2", 0)
    set_self(year, "1.3", 3)
    return year


def test_bound_leaves_show_value_suggested_and_self_score(org, data):
    rows = {r.code: r for r in selectors.bound_leaves(org.agency, 2026)}
    assert set(rows) == {"1.1", "1.2"}
    tasks = rows["1.1"]
    assert tasks.reading.value == Decimal("60.00")
    assert tasks.suggested == Decimal("2.400")
    assert tasks.self_points == 4
    assert tasks.lead_unit == org.unit_a
    assert rows["1.2"].suggested == 0


def test_a_self_score_above_the_data_is_flagged(org, data):
    rows = {r.code: r for r in selectors.bound_leaves(org.agency, 2026)}
    assert rows["1.1"].over_claim  # 4 > 2.4
    assert not rows["1.2"].over_claim  # 0 = 0
    set_self(data, "1.1", "2.4")
    rows = {r.code: r for r in selectors.bound_leaves(org.agency, 2026)}
    assert not rows["1.1"].over_claim


def test_the_risk_list_is_sorted_by_points_at_risk_with_reasons(org, data):
    rows = selectors.risk_rows(org.agency, 2026)
    assert [(r.code, r.at_risk) for r in rows] == [
        ("1.2", Decimal("2.000")),
        ("1.1", Decimal("1.600")),
    ]
    assert rows[1].reason == "tasks on time 60 % / needs 100 %: 2 tasks short"
    assert rows[0].reason == "units with an initiative 66,67 % / needs 100 %: 1 units short"
    assert "state=overdue" in rows[1].act_url
    assert "initiatives/missing" in rows[0].act_url
    by_unit = selectors.risk_by_unit(rows)
    assert [(u["unit"].code, u["at_risk"]) for u in by_unit] == [
        ("TDC", 2),
        ("QLCN", Decimal("1.6")),
    ]


def test_a_unit_sees_only_the_risks_its_unit_leads(org, data):
    assert selectors.reach(org.director, org.agency) is None
    reach_a = selectors.reach(org.head_a, org.agency)
    assert reach_a == {org.unit_a.pk}
    assert [r.code for r in selectors.risk_rows(org.agency, 2026, units=reach_a)] == ["1.1"]
    assert selectors.reach(org.other_secretariat, org.agency) == frozenset()


def test_points_at_risk_document_for_reports(org, data):
    doc = selectors.points_at_risk(org.agency, 2026)
    assert doc["year"] == 2026 and doc["total"] == 3.6
    assert doc["items"][0] == {
        "code": "1.2",
        "title": "Sáng kiến",
        "max": 2.0,
        "at_risk": 2.0,
        "lead_unit": "TDC",
        "reason": "units with an initiative 66,67 % / needs 100 %: 1 units short",
    }
    assert selectors.points_at_risk(org.agency, 2030) is None


def test_the_reports_source_reads_the_points_at_risk(org, data):
    from parindex.reports import sources

    assert sources.points_at_risk(org.agency, 2026)["total"] == 3.6


def test_projection_uses_entered_suggested_and_assumed_scores(org, data, tmp_path):
    # Last year: the survey leaf got 4 points.
    scorecards.import_framework(
        write_framework(tmp_path / "k2025.csv"), year=2025, agency_code="SKHCN"
    )
    last = scorecards.assessment_open(actor=None, agency=org.agency, year=2025)
    Score.objects.filter(assessment=last, node__code="2.1").update(appraised_points=4)
    proj = selectors.projection(org.agency, 2026)
    leaves = {leaf.code: leaf for leaf in proj.leaves}
    assert (leaves["1.1"].projected, leaves["1.1"].source) == (Decimal("2.400"), "metric")
    assert (leaves["1.2"].projected, leaves["1.2"].source) == (0, "metric")
    assert (leaves["1.3"].projected, leaves["1.3"].source) == (3, "self")
    assert (leaves["2.1"].projected, leaves["2.1"].source) == (4, "last_year")
    # (2.4 + 0 + 3 + 4) ÷ 15 × 100
    assert proj.index == Decimal("62.67")
    assert proj.last_year_index == Decimal("26.67")
    assert proj.sources == {"metric": 2, "self": 1, "last_year": 1}
    assert proj.assumed == 1


def test_projection_prefers_the_councils_score_and_assumes_zero_without_history(org, data):
    Score.objects.filter(assessment=data, node__code="1.1").update(appraised_points=1)
    proj = selectors.projection(org.agency, 2026)
    leaves = {leaf.code: leaf for leaf in proj.leaves}
    assert (leaves["1.1"].projected, leaves["1.1"].source) == (1, "appraised")
    assert (leaves["2.1"].projected, leaves["2.1"].source) == (0, "none")
    assert proj.last_year_index is None


def test_a_leaf_without_data_suggests_nothing_and_risks_nothing(org, year):
    rows = {r.code: r for r in selectors.bound_leaves(org.agency, 2026)}
    assert rows["1.1"].reading.value is None
    assert rows["1.1"].suggested is None and rows["1.1"].at_risk == 0
    assert "no data" in rows["1.1"].reason


def test_reasons_group_thousands_the_vietnamese_way():
    from decimal import Decimal

    from parindex.metrics.selectors import number

    assert [number(Decimal(x)) for x in ("1007", "66.666", "38.50", "1234567.5", "100")] == [
        "1.007",
        "66,67",
        "38,5",
        "1.234.567,5",
        "100",
    ]
