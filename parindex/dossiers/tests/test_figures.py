"""docs/formats.md §6 on small hand-made sets."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from parindex.dossiers.choices import OnlineLevel
from parindex.dossiers.figures import dossier_figures, metric_filter, procedure_review
from parindex.dossiers.models import Dossier
from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure, march_kpis

D1, D2 = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


@pytest.fixture
def proc(org):
    return make_procedure(org.agency, unit=org.unit_a)


def totals(org, d1=D1, d2=D2, **kw):
    return dossier_figures(org.agency, d1, d2, **kw)["total"]


def test_end_one_minute_after_due_is_late_and_at_due_is_on_time(org, proc):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026", "17:00"), at("10/03/2026", "17:00"))
    make_dossier(proc, "B", at("02/03/2026"), at("10/03/2026", "17:00"), at("10/03/2026", "17:01"))
    make_dossier(proc, "C", at("02/03/2026"), at("10/03/2026", "17:00"), at("09/03/2026", "23:59"))
    t = totals(org)
    assert (t["early"], t["on_time"], t["late"], t["resolved"]) == (1, 1, 1, 3)
    assert t["on_time_rate"] == pytest.approx(2 / 3)


def test_end_on_the_due_day_before_the_due_time_is_on_time_not_early(org, proc):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026", "17:00"), at("10/03/2026", "07:00"))
    t = totals(org)
    assert (t["early"], t["on_time"]) == (0, 1)


def test_more_than_one_supplement_request_makes_an_early_dossier_late(org, proc):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026"), at("03/03/2026"), supplements=2)
    make_dossier(proc, "B", at("02/03/2026"), at("10/03/2026"), at("03/03/2026"), supplements=1)
    t = totals(org)
    assert (t["late"], t["early"]) == (1, 1)


def test_statuses_1_and_3_never_count(org, proc):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026"), None, status=1)
    make_dossier(proc, "B", at("02/03/2026"), at("10/03/2026"), at("02/03/2026"), status=3)
    t = totals(org)
    assert t["received"] == t["resolved"] == t["pending"] == 0
    assert t["online_share"] is None and t["on_time_rate"] is None


def test_pending_overdue_at_the_period_end(org, proc):
    make_dossier(proc, "due-on-end", at("20/03/2026"), at("31/03/2026", "17:00"), None, status=4)
    make_dossier(proc, "due-after", at("20/03/2026"), at("01/04/2026", "17:00"), None, status=4)
    make_dossier(proc, "ended-after", at("20/02/2026"), at("25/03/2026"), at("02/04/2026"))
    make_dossier(proc, "ended-before", at("20/02/2026"), at("25/02/2026"), at("27/02/2026"))
    t = totals(org)
    assert t["pending"] == 3
    assert t["pending_overdue"] == 2  # due 31/03 and the one due 25/03 that ended in April
    assert t["received"] == 2
    assert t["resolved"] == 0


def test_online_shares_use_received_and_resolved_denominators(org, proc):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026"), at("05/03/2026"), channel=2)
    make_dossier(proc, "B", at("02/03/2026"), at("10/03/2026"), None, channel=1, status=4)
    make_dossier(proc, "C", at("02/02/2026"), at("10/02/2026"), at("05/03/2026"), channel=3)
    t = totals(org)
    assert (t["received"], t["received_online"], t["received_direct"], t["received_postal"]) == (
        2,
        1,
        1,
        0,
    )
    assert t["online_share"] == 0.5
    assert t["resolved"] == 2 and t["resolved_online"] == 1
    assert t["resolved_online_share"] == 0.5


def test_month_rows_cover_every_month_of_the_period_with_zeros(org, proc):
    make_dossier(proc, "A", at("15/01/2026"), at("20/01/2026"), at("19/01/2026"))
    data = dossier_figures(org.agency, dt.date(2026, 1, 10), dt.date(2026, 3, 5), by="month")
    assert [g["key"] for g in data["groups"]] == ["2026-01", "2026-02", "2026-03"]
    feb = data["groups"][1]
    assert feb["received"] == 0 and feb["resolved"] == 0 and feb["online_share"] is None
    assert data["groups"][0]["received"] == 1 and data["groups"][0]["early"] == 1


def test_month_rows_count_pending_at_each_month_end(org, proc):
    make_dossier(proc, "A", at("15/01/2026"), at("20/01/2026"), at("10/03/2026"))
    data = dossier_figures(org.agency, dt.date(2026, 1, 1), dt.date(2026, 3, 31), by="month")
    pending = [g["pending"] for g in data["groups"]]
    overdue = [g["pending_overdue"] for g in data["groups"]]
    assert pending == [1, 1, 0] and overdue == [1, 1, 0]
    assert data["groups"][2]["late"] == 1


def test_groups_without_counted_dossiers_are_left_out(org, proc):
    other = make_procedure(org.agency, "2.002", unit=org.unit_b)
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026"), at("05/03/2026"))
    make_dossier(other, "B", at("02/03/2026"), at("10/03/2026"), None, status=1)
    by_unit = dossier_figures(org.agency, D1, D2, by="unit")
    assert [g["key"] for g in by_unit["groups"]] == ["QLCN"]
    by_channel = dossier_figures(org.agency, D1, D2, by="channel")
    assert [g["key"] for g in by_channel["groups"]] == ["direct"]
    by_proc = dossier_figures(org.agency, D1, D2, by="procedure")
    assert [(g["key"], g["label"]) for g in by_proc["groups"]] == [("1.001", "Thủ tục 1.001")]


def test_json_has_every_key_of_the_contract(org, proc, capsys):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026"), at("05/03/2026"))
    march_kpis("--by", "unit", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"agency", "from", "to", "by", "total", "groups"}
    keys = {
        "received",
        "received_online",
        "received_direct",
        "received_postal",
        "resolved",
        "resolved_online",
        "early",
        "on_time",
        "late",
        "pending",
        "pending_overdue",
        "online_share",
        "resolved_online_share",
        "on_time_rate",
        "fee_payable",
        "paid_online",
        "paid_online_share",
    }
    assert set(data["total"]) == keys
    assert set(data["groups"][0]) == keys | {"key", "label"}
    assert data["from"] == "2026-03-01" and data["by"] == "unit"
    assert data["total"]["resolved_online_share"] == 0.0


def test_csv_and_xlsx_exports_of_the_figures(org, proc, tmp_path, capsys):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026"), at("05/03/2026"))
    march_kpis("--by", "month", "--format", "csv")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("key,label,received,")
    assert lines[1].startswith("total,,1,")
    assert lines[2].startswith("2026-03,03/2026,1,")
    target = tmp_path / "f.xlsx"
    march_kpis("--format", "xlsx", "--output", str(target))
    from openpyxl import load_workbook

    sheet = load_workbook(target).worksheets[0]
    assert sheet.cell(2, 1).value == "total" and sheet.cell(2, 3).value == 1


def test_drill_down_filter_matches_each_count(org, proc):
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026", "17:00"), at("10/03/2026", "17:01"))
    make_dossier(proc, "B", at("02/03/2026"), at("10/03/2026"), at("03/03/2026"))
    make_dossier(proc, "C", at("02/03/2026"), at("05/03/2026"), None, status=4)
    t = totals(org)
    for name in (
        "received",
        "resolved",
        "early",
        "on_time",
        "late",
        "pending",
        "pending_overdue",
        "fee_payable",
        "paid_online",
    ):
        qs = Dossier.objects.filter(counted=True).filter(metric_filter(name, D1, D2))
        assert qs.count() == t[name], name


def test_procedure_review_top_and_online_without_online_dossiers(org, proc, capsys):
    busy = make_procedure(org.agency, "3.003", online=OnlineLevel.FULL)
    unused = make_procedure(org.agency, "4.004", online=OnlineLevel.PARTIAL)
    for i in range(3):
        make_dossier(busy, f"X{i}", at("02/03/2026"), at("10/03/2026"), None, status=4, channel=2)
    make_dossier(proc, "Y", at("02/03/2026"), at("10/03/2026"), None, status=4)
    make_dossier(unused, "Z", at("02/03/2026"), at("10/03/2026"), None, status=4, channel=1)
    call_command(
        "procedure_review",
        "--agency",
        "SKHCN",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--top",
        "2",
        "--format",
        "json",
    )
    data = json.loads(capsys.readouterr().out)
    assert data["high_volume"] == [
        {"code": "3.003", "name": "Thủ tục 3.003", "received": 3},
        {"code": "1.001", "name": "Thủ tục 1.001", "received": 1},
    ]
    assert data["online_without_dossiers"] == [
        {"code": "4.004", "name": "Thủ tục 4.004", "online_level": "một phần"}
    ]
    assert procedure_review(org.agency, D1, D2)["high_volume"][2]["code"] == "4.004"


def test_unit_restriction_narrows_the_figures(org, proc):
    other = make_procedure(org.agency, "2.002", unit=org.unit_b)
    make_dossier(proc, "A", at("02/03/2026"), at("10/03/2026"), None, status=4)
    make_dossier(other, "B", at("02/03/2026"), at("10/03/2026"), None, status=4)
    assert totals(org, units=[org.unit_a.pk])["received"] == 1
