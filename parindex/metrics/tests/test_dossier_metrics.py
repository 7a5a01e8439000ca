"""The dossier and procedure metrics, read from the dossiers app's own figures (docs/formats.md §6)."""

import datetime as dt
from decimal import Decimal

import pytest

from parindex.metrics import registry

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 6, 15))
EMPTY = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def dossiers(org, frozen):
    from parindex.dossiers.choices import OnlineLevel
    from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure

    p1 = make_procedure(org.agency, "1.001", unit=org.unit_a, online=OnlineLevel.FULL)
    make_procedure(org.agency, "1.002", unit=org.unit_b, online=OnlineLevel.PARTIAL)
    p3 = make_procedure(org.agency, "1.003", unit=org.unit_a)
    p4 = make_procedure(org.agency, "1.004", unit=org.unit_a, online=OnlineLevel.FULL)
    p4.is_active = False
    p4.save()
    due = at("10/03/2026", "17:00")
    make_dossier(p1, "D1", at("02/03/2026"), due, at("05/03/2026"), channel=2)  # early, online
    make_dossier(p1, "D2", at("02/03/2026"), due, at("12/03/2026"))  # late
    make_dossier(p3, "D3", at("03/03/2026"), due, at("10/03/2026", "09:00"))  # on time
    make_dossier(p3, "D4", at("04/03/2026"), due, None, status=4, channel=2)  # pending, online
    make_dossier(
        p1, "D5", at("04/03/2026"), due, None, status=3, channel=2
    )  # refused: never counts


def read(key, org, unit=None, period=YEAR):
    return registry.read(key, org.agency, unit, *period)


def test_on_time_rate(org, dossiers):
    reading = read("dossiers.on_time_rate", org)
    assert (reading.numerator, reading.denominator) == (2, 3)
    assert reading.value == Decimal("66.67")
    assert "/dossiers/late/" in reading.url


def test_online_share_of_received(org, dossiers):
    reading = read("dossiers.online_share", org)
    assert (reading.numerator, reading.denominator, reading.value) == (2, 4, 50)
    assert reading.fraction == 0.5


def test_resolved_online_share(org, dossiers):
    reading = read("dossiers.resolved_online_share", org)
    assert (reading.numerator, reading.denominator) == (1, 3)
    assert reading.shortfall(Decimal(50)) == 1  # one more resolved dossier online reaches 50 %


def test_online_coverage_counts_active_procedures(org, dossiers):
    reading = read("procedures.online_coverage", org)
    assert (reading.numerator, reading.denominator) == (2, 3)
    unit_b = read("procedures.online_coverage", org, org.unit_b)
    assert (unit_b.numerator, unit_b.denominator) == (1, 1)


def test_online_procedures_without_online_dossiers(org, dossiers):
    reading = read("procedures.online_unused", org)
    assert reading.value == 1
    assert [i["code"] for i in reading.items] == ["1.002"]


def test_dossier_metrics_of_one_unit(org, dossiers):
    assert read("dossiers.on_time_rate", org, org.unit_a).denominator == 3
    assert read("dossiers.on_time_rate", org, org.unit_b).value is None


@pytest.mark.parametrize(
    "key", ["dossiers.on_time_rate", "dossiers.online_share", "dossiers.resolved_online_share"]
)
def test_an_empty_period_has_no_value(org, dossiers, key):
    reading = read(key, org, period=EMPTY)
    assert reading.value is None and reading.denominator == 0


def test_the_risk_reason_counts_the_dossiers_missing(org, dossiers, year):
    from parindex.metrics import selectors
    from parindex.metrics.services import leaf_bind
    from parindex.scorecards.models import Node

    leaf_bind(
        actor=None,
        node=Node.objects.get(framework__year=2026, code="1.3"),
        metric="dossiers.online_share",
        rule="full_at 100",
    )
    row = {r.code: r for r in selectors.risk_rows(org.agency, 2026)}["1.3"]
    assert row.reason == "online 50 % / needs 100 %: 2 dossiers short"
    assert row.at_risk == 2  # max 4 × (1 − 50 ÷ 100)


def test_figures_are_cached_until_the_dossiers_change(org, dossiers, monkeypatch):
    from parindex.dossiers import figures
    from parindex.dossiers.tests.helpers import at, make_dossier

    calls = []
    real = figures.dossier_figures
    monkeypatch.setattr(
        figures, "dossier_figures", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    assert read("dossiers.on_time_rate", org).denominator == 3
    assert read("dossiers.on_time_rate", org).denominator == 3
    assert len(calls) == 1
    procedure = figures.Procedure.objects.get(code="1.003")
    make_dossier(procedure, "D6", at("05/03/2026"), at("10/03/2026", "17:00"), at("06/03/2026"))
    assert read("dossiers.on_time_rate", org).denominator == 4
    assert len(calls) == 2


def test_paid_online_share_of_fee_payable(org, frozen):
    from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure

    paying = make_procedure(org.agency, "2.001", unit=org.unit_a, fee=50_000)
    free = make_procedure(org.agency, "2.002", unit=org.unit_b)
    due = at("10/03/2026", "17:00")
    make_dossier(paying, "P1", at("02/03/2026"), due, payment=1)
    make_dossier(paying, "P2", at("02/03/2026"), due, payment=0)
    make_dossier(paying, "P3", at("02/03/2026"), due, payment=2)
    make_dossier(free, "P4", at("02/03/2026"), due, payment=1)
    reading = read("dossiers.paid_online_share", org)
    # Paid online counts every received dossier marked paid, fee or not (docs/formats.md §6).
    assert (reading.numerator, reading.denominator) == (2, 3)
    assert "metric=fee_payable" in reading.url
    assert read("dossiers.paid_online_share", org, unit=org.unit_b).value is None
