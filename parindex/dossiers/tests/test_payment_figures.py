"""Decision 766's online-payment measure: fee_payable, paid_online, paid_online_share (docs/formats.md §6)."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from parindex.dossiers.services import import_dossiers
from parindex.dossiers.tests.helpers import DOSSIER_HEADER, make_procedure, march_kpis, write_csv

HEADER = [*DOSSIER_HEADER, "Thanh toán trực tuyến"]


def row(code, procedure, received, payment, *, status=10, channel=2):
    return [code, procedure, "", channel, received, "30/04/2026", "", "", status, 0, payment]


def kpis(capsys, *extra, d1="2026-03-01", d2="2026-03-31"):
    call_command(
        "dossier_kpis", "--agency", "SKHCN", "--from", d1, "--to", d2, *extra, "--format", "json"
    )
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def catalogue(org):
    make_procedure(org.agency, "FEE", unit=org.unit_a, fee=1)  # the smallest fee there is
    make_procedure(org.agency, "FREE", unit=org.unit_b, fee=0)


def test_fee_payable_counts_received_dossiers_of_procedures_with_a_fee(
    org, catalogue, tmp_path, capsys
):
    rows = [
        row("A", "FEE", "01/03/2026", "1"),
        row("B", "FEE", "31/03/2026 23:59", "0"),
        row("C", "FREE", "15/03/2026", "1"),  # paid online, yet no fee: not fee-payable
        row("D", "FEE", "28/02/2026 23:59", "1"),  # received before the period
        row("E", "FEE", "01/04/2026", "1"),  # after it
        row("F", "FEE", "10/03/2026", "1", status=1),  # not received
        row("G", "FEE", "10/03/2026", "1", status=3),  # refused at reception
    ]
    import_dossiers(write_csv(tmp_path / "a.csv", [HEADER, *rows]), agency_code="SKHCN")
    total = kpis(capsys)["total"]
    assert total["fee_payable"] == 2
    assert total["paid_online"] == 2  # A and C: the definition does not ask for a fee
    assert total["paid_online_share"] == 1.0


@pytest.mark.parametrize(
    ("value", "paid"),
    [("1", 1), ("có", 1), ("Có", 1), ("0", 0), ("không", 0), ("2", 0), ("", 0)],
)
def test_only_value_1_or_co_counts_as_paid_online(org, catalogue, tmp_path, capsys, value, paid):
    import_dossiers(
        write_csv(tmp_path / "a.csv", [HEADER, row("A", "FEE", "05/03/2026", value)]),
        agency_code="SKHCN",
    )
    total = kpis(capsys)["total"]
    assert (total["fee_payable"], total["paid_online"]) == (1, paid)
    assert total["paid_online_share"] == paid


def test_paid_online_share_is_null_without_fee_payable_dossiers(org, catalogue, tmp_path, capsys):
    import_dossiers(
        write_csv(tmp_path / "a.csv", [HEADER, row("A", "FREE", "05/03/2026", "1")]),
        agency_code="SKHCN",
    )
    total = kpis(capsys)["total"]
    assert (total["fee_payable"], total["paid_online"]) == (0, 1)
    assert total["paid_online_share"] is None


def test_every_group_carries_the_payment_keys(org, catalogue, tmp_path, capsys):
    rows = [
        row("A", "FEE", "05/03/2026", "1"),
        row("B", "FEE", "06/03/2026", "0", channel=1),
        row("C", "FREE", "07/04/2026", "1"),
    ]
    import_dossiers(write_csv(tmp_path / "a.csv", [HEADER, *rows]), agency_code="SKHCN")
    by_unit = {g["key"]: g for g in kpis(capsys, "--by", "unit", d2="2026-04-30")["groups"]}
    assert by_unit[org.unit_a.code]["fee_payable"] == 2
    assert by_unit[org.unit_a.code]["paid_online_share"] == 0.5
    assert by_unit[org.unit_b.code]["paid_online_share"] is None
    by_channel = {g["key"]: g for g in kpis(capsys, "--by", "channel")["groups"]}
    assert by_channel["online"]["paid_online"] == 1 and by_channel["direct"]["paid_online"] == 0
    months = kpis(capsys, "--by", "month", d1="2026-03-15", d2="2026-04-30")["groups"]
    # 15/03–31/03 holds no reception; April holds C only.
    assert [(g["key"], g["fee_payable"], g["paid_online"]) for g in months] == [
        ("2026-03", 0, 0),
        ("2026-04", 0, 1),
    ]


def test_a_reimport_that_marks_a_payment_moves_the_count(org, catalogue, tmp_path, capsys):
    import_dossiers(
        write_csv(tmp_path / "a.csv", [HEADER, row("A", "FEE", "05/03/2026", "0")]),
        agency_code="SKHCN",
    )
    assert kpis(capsys)["total"]["paid_online"] == 0
    import_dossiers(
        write_csv(tmp_path / "b.csv", [HEADER, row("A", "FEE", "05/03/2026", "có")]),
        agency_code="SKHCN",
    )
    assert kpis(capsys)["total"]["paid_online"] == 1


def test_csv_export_has_the_payment_columns(org, catalogue, tmp_path, capsys):
    import_dossiers(
        write_csv(tmp_path / "a.csv", [HEADER, row("A", "FEE", "05/03/2026", "1")]),
        agency_code="SKHCN",
    )
    march_kpis("--format", "csv")
    header, total = capsys.readouterr().out.splitlines()[:2]
    cells = dict(zip(header.split(","), total.split(","), strict=True))
    assert (cells["fee_payable"], cells["paid_online"], cells["paid_online_share"]) == (
        "1",
        "1",
        "1.0",
    )


def test_period_of_one_day_counts_the_reception_day_only(org, catalogue, tmp_path, capsys):
    rows = [row("A", "FEE", "05/03/2026 00:00", "1"), row("B", "FEE", "06/03/2026 00:00", "1")]
    import_dossiers(write_csv(tmp_path / "a.csv", [HEADER, *rows]), agency_code="SKHCN")
    day = dt.date(2026, 3, 5).isoformat()
    assert kpis(capsys, d1=day, d2=day)["total"]["paid_online"] == 1


def test_dashboard_shows_the_paid_online_share_and_drills_down(client_for, org, catalogue):
    from parindex.dossiers.models import Procedure
    from parindex.dossiers.tests.helpers import at, make_dossier

    paying = Procedure.objects.get(code="FEE")
    make_dossier(paying, "A", at("02/03/2026"), at("05/03/2026"), payment=1, unit=org.unit_a)
    make_dossier(paying, "B", at("02/03/2026"), at("05/03/2026"), payment=0, unit=org.unit_a)
    make_dossier(paying, "C", at("02/03/2026"), at("05/03/2026"), payment=0, unit=org.unit_a)
    make_dossier(paying, "D", at("02/03/2026"), at("05/03/2026"), payment=1, unit=org.unit_b)
    period = "agency=SKHCN&date_from=2026-03-01&date_to=2026-03-31"
    page = client_for(org.secretariat).get(f"/dossiers/?{period}")
    assert page.context["total"]["fee_payable"] == 4
    assert page.context["pct"]["paid_online_share"] == 50.0
    assert 'id="fig-paid-online"' in page.content.decode()
    listed = client_for(org.secretariat).get(f"/dossiers/list/?{period}&metric=paid_online")
    assert {row[0].value for row in listed.context["rows"]} == {"A", "D"}
    # A unit's staff see their unit's share only.
    own = client_for(org.staff_a).get(f"/dossiers/?{period}")
    assert own.context["pct"]["paid_online_share"] == pytest.approx(100 / 3)
    listed = client_for(org.staff_b).get(f"/dossiers/list/?{period}&metric=fee_payable")
    assert {row[0].value for row in listed.context["rows"]} == {"D"}
