"""The inspection and recommendation imports and `inspection_figures`, at the edges."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import refused_command
from conftest import run_command as run
from parindex.audit.models import AuditEntry
from parindex.registers.choices import InspectionKind
from parindex.registers.models import Inspection, Recommendation
from parindex.registers.tests.conftest import figures, write_csv
from parindex.workplan.choices import TaskStatus

INS_HEADER = [
    "Mã cuộc",
    "Nội dung",
    "Loại",
    "Năm kế hoạch",
    "Trong kế hoạch",
    "Đơn vị thực hiện",
    "Đối tượng",
    "Ngày quyết định",
    "Hạn kết luận",
    "Ngày kết luận",
]
REC_HEADER = [
    "Mã kiến nghị",
    "Mã cuộc",
    "Nội dung",
    "Đơn vị thực hiện",
    "Hạn xử lý",
    "Ngày hoàn thành",
    "Số tiền",
]


def ins(
    code,
    unit="TTRA",
    kind="thanh tra",
    planned="",
    decision="",
    due="",
    concluded="",
    year=2026,
    target="",
):
    return [code, f"Thanh tra {code}", kind, year, planned, unit, target, decision, due, concluded]


def rec(code, unit="QLCN", due="30/06/2026", done="", inspection="", amount=""):
    return [code, inspection, f"Khắc phục {code}", unit, due, done, amount]


def import_ins(tmp_path, rows, *extra):
    path = write_csv(tmp_path / "ins.csv", INS_HEADER, rows)
    return run("import_inspections", str(path), "--agency", "SKHCN", *extra)


def import_recs(tmp_path, rows, *extra):
    path = write_csv(tmp_path / "rec.csv", REC_HEADER, rows)
    return run("import_recommendations", str(path), "--agency", "SKHCN", *extra)


def refused(command, path):
    return refused_command(command, str(path), "--agency", "SKHCN")


def inspection_json(*extra):
    return figures(
        "inspection_figures", "--agency", "SKHCN", "--year", "2026", "--format", "json", *extra
    )


@pytest.mark.django_db
def test_import_inspections_reads_kinds_yes_no_and_defaults_to_planned(org, inspectorate, tmp_path):
    out, _ = import_ins(
        tmp_path,
        [
            ins("TT1"),
            ins("TT2", kind="Kiểm tra chuyên ngành", planned="không"),
            ins("KT1", kind="kiểm tra CCHC", unit="HCTH", planned="x", target="QLCN"),
            ins("TD1", kind="THEO DÕI THI HÀNH PHÁP LUẬT", planned="0"),
        ],
    )
    assert out.strip() == "created 4, updated 0, unchanged 0, rejected 0"
    got = {i.code: i for i in Inspection.objects.all()}
    assert got["TT1"].planned and not got["TT2"].planned and got["KT1"].planned
    assert got["KT1"].kind == InspectionKind.PAR_CHECK and got["KT1"].target_unit == org.unit_a
    assert got["TD1"].kind == InspectionKind.LAW_MONITORING and not got["TD1"].planned
    out, _ = import_ins(
        tmp_path, [ins("TT1"), ins("TT2", kind="Kiểm tra chuyên ngành", planned="không")]
    )
    assert out.strip() == "created 0, updated 0, unchanged 2, rejected 0"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column"),
    [
        (ins("X", unit="NOPE"), "Đơn vị thực hiện"),
        (ins("X", kind="kiểm toán"), "Loại"),
        (ins("X", planned="có lẽ"), "Trong kế hoạch"),
        (ins("X", decision="10/05/2026", concluded="09/05/2026"), "Ngày kết luận"),
        (ins("X", year=1999), "Năm kế hoạch"),
        (ins("TT1"), "Mã cuộc"),
    ],
)
def test_a_bad_inspection_row_refuses_the_whole_file(org, inspectorate, tmp_path, row, column):
    path = write_csv(tmp_path / "bad.csv", INS_HEADER, [ins("TT1"), row])
    assert f"row 3, column {column}:" in refused("import_inspections", path)
    assert not Inspection.objects.exists()


@pytest.mark.django_db
def test_a_recommendation_naming_an_unknown_inspection_is_refused(org, inspectorate, tmp_path):
    import_ins(tmp_path, [ins("TT1")])
    path = write_csv(
        tmp_path / "r.csv", REC_HEADER, [rec("K1", inspection="TT1"), rec("K2", inspection="TT9")]
    )
    assert "row 3, column Mã cuộc:" in refused("import_recommendations", path)
    assert not Recommendation.objects.exists()


@pytest.mark.django_db
def test_recommendation_amounts_are_whole_numbers_in_dong(org, tmp_path):
    import_recs(tmp_path, [rec("K1", amount="150.000"), rec("K2", amount="1.234.000 đ")])
    assert Recommendation.objects.get(code="K1").amount == 150000
    assert Recommendation.objects.get(code="K2").amount == 1234000
    path = write_csv(tmp_path / "r.csv", REC_HEADER, [rec("K3", amount="12,5")])
    assert "row 2, column Số tiền:" in refused("import_recommendations", path)


@pytest.mark.django_db
def test_imported_recommendations_become_tasks_and_reimport_is_idempotent(org, tmp_path):
    out, _ = import_recs(tmp_path, [rec("K1"), rec("K2", unit="TDC", done="01/06/2026")])
    assert out.strip() == "created 2, updated 0, unchanged 0, rejected 0"
    k1, k2 = Recommendation.objects.get(code="K1"), Recommendation.objects.get(code="K2")
    assert k1.task.lead_unit == org.unit_a and k1.task.due_date == dt.date(2026, 6, 30)
    assert k2.task.status == TaskStatus.DONE and k2.task.done_at == dt.date(2026, 6, 1)
    out, _ = import_recs(tmp_path, [rec("K1"), rec("K2", unit="TDC", done="01/06/2026")])
    assert out.strip() == "created 0, updated 0, unchanged 2, rejected 0"
    out, _ = import_recs(tmp_path, [rec("K1", due="31/07/2026"), rec("K2", unit="TDC", done="")])
    assert out.strip() == "created 0, updated 2, unchanged 0, rejected 0"
    k1.refresh_from_db()
    k2.refresh_from_db()
    assert k1.task.due_date == dt.date(2026, 7, 31)
    assert k2.done_on is None and k2.task.status != TaskStatus.DONE
    assert AuditEntry.objects.filter(action="recommendation.reopened").count() == 1


@pytest.mark.django_db
def test_inspection_figures_at_the_boundaries(org, inspectorate, tmp_path):
    import_ins(
        tmp_path,
        [
            ins("P_DONE_ON_DUE", due="30/06/2026", concluded="30/06/2026"),
            ins("P_DONE_LATE", due="30/06/2026", concluded="01/07/2026"),
            ins("P_NOT_YET_DUE_ASOF", due="15/10/2026"),
            ins("P_LATE_NONE", due="14/10/2026"),
            ins("P_CONCLUDED_AFTER_ASOF", due="30/09/2026", concluded="16/10/2026"),
            ins(
                "U_DONE", planned="không", concluded="15/10/2026", unit="HCTH", kind="kiểm tra CCHC"
            ),
            ins("U_OPEN", planned="không", unit="TDC"),
            ins("OTHER_YEAR", year=2025, concluded="01/01/2026"),
        ],
    )
    import_recs(
        tmp_path,
        [
            rec("R_ON_TIME", due="15/10/2026", done="15/10/2026"),
            rec("R_LATE", due="01/10/2026", done="02/10/2026"),
            rec("R_OVERDUE", due="14/10/2026"),
            rec("R_DONE_AFTER_ASOF", due="01/10/2026", done="16/10/2026"),
            rec("R_OPEN_ON_ASOF", due="15/10/2026", unit="TDC"),
            rec("R_OPEN_LATER", due="20/12/2026", unit="TDC"),
            rec("R_EARLY", due="20/12/2026", done="01/10/2026", unit="TDC"),
            rec("R_OTHER_YEAR", due="31/12/2025"),
        ],
    )
    data = inspection_json("--as-of", "2026-10-15")
    assert data["total"] == {
        "planned": 5,
        "planned_done": 2,
        "unplanned_done": 1,
        "conclusions_late": 3,
        "plan_rate": 2 / 5,
        "rec_due": 5,
        "rec_done_on_time": 2,
        "rec_done_late": 1,
        "rec_overdue": 2,
        "rec_open": 2,
        "rec_rate": 2 / 5,
    }
    keys = [g["key"] for g in data["groups"]]
    assert keys == ["HCTH", "QLCN", "TDC", "TTRA"]
    groups = {g["key"]: g for g in data["groups"]}
    assert groups["HCTH"]["unplanned_done"] == 1 and groups["HCTH"]["plan_rate"] is None
    assert groups["QLCN"]["planned"] == 0 and groups["QLCN"]["rec_overdue"] == 2
    assert groups["TDC"]["rec_open"] == 2 and groups["TDC"]["rec_rate"] == 1.0
    assert groups["TTRA"]["rec_rate"] is None and groups["TTRA"]["plan_rate"] == 2 / 5


@pytest.mark.django_db
def test_a_unit_with_only_an_unplanned_open_inspection_is_left_out(org, inspectorate, tmp_path):
    import_ins(tmp_path, [ins("U", planned="no", unit="TDC")])
    data = inspection_json("--as-of", "2026-03-01")
    assert data["groups"] == []
    assert data["total"]["plan_rate"] is None and data["total"]["rec_rate"] is None
