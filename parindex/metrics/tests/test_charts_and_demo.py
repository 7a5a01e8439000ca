"""The SVG charts and the demo step."""

from decimal import Decimal

from parindex.common import charts
from parindex.metrics.models import Indicator, IndicatorValue


def test_line_chart_draws_points_links_a_gap_and_the_target():
    svg = charts.line_chart(
        [("01/2026", Decimal(30), "/a"), ("02/2026", None, None), ("03/2026", Decimal(55), None)],
        target=Decimal(50),
    )
    assert svg.startswith("<svg") and 'viewBox="0 0 360 180"' in svg
    assert svg.count("<circle") == 2 and '<a href="/a">' in svg
    assert "<polyline" not in svg  # the gap leaves no segment of two points
    assert 'class="target"' in svg
    assert "01/2026: 30 %" in svg  # the text alternative


def test_bar_chart_escapes_labels():
    svg = charts.bar_chart([("<b>", Decimal("1.5"), "/x?a=1&b=2")])
    assert "&lt;b&gt;" in svg and "/x?a=1&amp;b=2" in svg
    assert charts.bar_chart([]) == ""


def test_demo_adds_indicators_idempotently(org):
    from parindex.metrics import demo
    from parindex.org.demo import DemoContext

    units = {u.code: u for u in [org.unit_a, org.unit_b, org.secretariat_unit]}
    ctx = DemoContext(agency=org.agency, units=units, people={}, second_agency=org.other_agency)
    demo.load(ctx)
    demo.load(ctx)
    assert Indicator.objects.filter(agency=org.agency).count() == 3
    assert IndicatorValue.objects.filter(indicator__code="PCI-TC").exists()
