"""The database figures agree exactly with a plain Python reading of docs/formats.md §6."""

import datetime as dt
import random

import pytest

from parindex.common.workdays import TZ
from parindex.dossiers.figures import COUNTS, RATES, dossier_figures, months_of
from parindex.dossiers.models import Dossier, Procedure
from parindex.dossiers.tests.helpers import make_dossier, make_procedure


def naive(dossiers, d1, d2):
    """docs/formats.md §6 word for word, on Python objects."""
    c = dict.fromkeys(COUNTS, 0)
    for d in dossiers:
        if d.status in (1, 3):
            continue
        received = d.received_at.astimezone(TZ).date()
        end = d.ended_at.astimezone(TZ).date() if d.ended_at else None
        due = d.due_at.astimezone(TZ).date()
        if d1 <= received <= d2:
            c["received"] += 1
            c[{1: "received_direct", 2: "received_online", 3: "received_postal"}[d.channel]] += 1
            c["fee_payable"] += d.procedure.fee > 0
            c["paid_online"] += d.online_payment == 1
        if end is not None and d1 <= end <= d2:
            c["resolved"] += 1
            c["resolved_online"] += d.channel == 2
            if d.ended_at > d.due_at or d.supplement_count > 1:
                c["late"] += 1
            elif end < due:
                c["early"] += 1
            else:
                c["on_time"] += 1
        if received <= d2 and (end is None or end > d2):
            c["pending"] += 1
            c["pending_overdue"] += due <= d2
    return c


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_match_an_independent_computation(org, seed):
    rng = random.Random(seed)
    procedures = [
        make_procedure(org.agency, "1.001", unit=org.unit_a, fee=150_000),
        make_procedure(org.agency, "2.002", unit=org.unit_b),
        make_procedure(org.agency, "3.003", unit=None, fee=1),
    ]
    base = dt.datetime(2026, 1, 1, tzinfo=TZ)
    for i in range(250):
        received = base + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 120))
        due = received + dt.timedelta(
            minutes=rng.choice([0, 1, 60 * 17, 60 * 24 * 5, rng.randint(0, 60 * 24 * 20)])
        )
        end = None
        if rng.random() < 0.8:
            end = rng.choice(
                [
                    due,
                    due + dt.timedelta(minutes=1),
                    due - dt.timedelta(minutes=1),
                    received + (due - received) * rng.random(),
                    due + dt.timedelta(days=rng.randint(1, 9)),
                ]
            )
            end = max(end, received)  # an end before the reception is refused by the import
        make_dossier(
            rng.choice(procedures),
            f"D{i}",
            received,
            due,
            end,
            status=rng.choice([1, 2, 3, 4, 5, 7, 9, 10, 10, 10]),
            channel=rng.choice([1, 2, 3]),
            supplements=rng.choice([0, 0, 1, 2]),
            payment=rng.choice([0, 0, 1, 2]),
        )
    everything = list(Dossier.objects.select_related("unit", "procedure"))
    for d1, d2 in PERIODS:
        assert_figures_match(org.agency, everything, d1, d2)
    # The fee counts read the catalogue as it is now: a procedure that starts charging
    # changes them at once, with no re-import.
    Procedure.objects.filter(code="2.002").update(fee=50_000)
    everything = list(Dossier.objects.select_related("unit", "procedure"))
    assert_figures_match(org.agency, everything, *PERIODS[0])


# Whole months, parts of months at either end, one day, a period inside one month, periods
# reaching before and after the data: every way the counts' day and month rows combine.
PERIODS = [
    (dt.date(2026, 2, 3), dt.date(2026, 4, 17)),
    (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    (dt.date(2026, 3, 15), dt.date(2026, 3, 15)),
    (dt.date(2026, 3, 2), dt.date(2026, 3, 30)),
    (dt.date(2025, 12, 15), dt.date(2026, 2, 10)),
    (dt.date(2026, 4, 1), dt.date(2026, 6, 13)),
    (dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
]


def naive_rates(c):
    """The rates of docs/formats.md §6 from the counts, None for a zero denominator."""
    return {
        "online_share": c["received_online"] / c["received"] if c["received"] else None,
        "resolved_online_share": (c["resolved_online"] / c["resolved"] if c["resolved"] else None),
        "on_time_rate": (c["early"] + c["on_time"]) / c["resolved"] if c["resolved"] else None,
        "paid_online_share": c["paid_online"] / c["fee_payable"] if c["fee_payable"] else None,
    }


def assert_figures_match(agency, everything, d1, d2):
    data = dossier_figures(agency, d1, d2)
    expected = naive(everything, d1, d2)
    assert {k: data["total"][k] for k in COUNTS} == expected, (d1, d2)
    assert {k: data["total"][k] for k in RATES} == pytest.approx(naive_rates(expected))
    for by, key in (
        ("unit", lambda d: d.unit.code if d.unit else ""),
        ("procedure", lambda d: d.procedure.code),
        ("channel", lambda d: {1: "direct", 2: "online", 3: "postal"}[d.channel]),
    ):
        groups = {g["key"]: g for g in dossier_figures(agency, d1, d2, by=by)["groups"]}
        for value in {key(d) for d in everything}:
            expected = naive([d for d in everything if key(d) == value], d1, d2)
            if not (expected["received"] or expected["resolved"] or expected["pending"]):
                assert value not in groups
                continue
            assert {k: groups[value][k] for k in COUNTS} == expected, (by, value, d1, d2)
    months = dossier_figures(agency, d1, d2, by="month")["groups"]
    assert [g["key"] for g in months] == [s.strftime("%Y-%m") for s, _e in months_of(d1, d2)]
    for group, (start, end) in zip(months, months_of(d1, d2), strict=True):
        assert {k: group[k] for k in COUNTS} == naive(everything, start, end), (d1, d2, start)
