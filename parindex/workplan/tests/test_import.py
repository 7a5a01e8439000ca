"""import_tasks: columns, row errors, all or nothing, --skip-invalid, idempotent re-import."""

import csv
import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from parindex.workplan.models import Task
from parindex.workplan.services.imports import parse_due

HEADER = ["Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Sản phẩm"]


def write_xlsx(path, rows, title=True):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


GOOD = [
    ["Ban hành kế hoạch CCHC năm 2026", "HCTH", "", "31/01/2026", "Kế hoạch"],
    ["Rà soát TTHC lĩnh vực công nghệ", "QLCN", "HCTH; TDC", "Quý II/2026", "Báo cáo rà soát"],
    ["Tự đánh giá Chỉ số CCHC", "Phòng Hành chính – Tổng hợp", "QLCN", "Tháng 11/2026", ""],
    ["Tuyên truyền CCHC", "TDC", "", "Thường xuyên", ""],
]


def run(path, plan, *args):
    call_command("import_tasks", str(path), "--plan", plan.code, *args)


def test_import_creates_the_tasks(plan, tmp_path, capsys):
    run(write_xlsx(tmp_path / "kh.xlsx", GOOD), plan)
    assert "created 4, updated 0, unchanged 0, rejected 0" in capsys.readouterr().out
    review = Task.objects.get(title="Rà soát TTHC lĩnh vực công nghệ")
    assert review.due_date == dt.date(2026, 6, 30)
    assert sorted(u.code for u in review.cooperating_units.all()) == ["HCTH", "TDC"]
    assert review.expected_output == "Báo cáo rà soát"
    assert Task.objects.get(title="Tự đánh giá Chỉ số CCHC").lead_unit.code == "HCTH"
    assert Task.objects.get(title="Tuyên truyền CCHC").due_date == dt.date(2026, 12, 31)


def test_reimport_changes_nothing_and_a_changed_row_updates(plan, tmp_path, capsys):
    path = write_xlsx(tmp_path / "kh.xlsx", GOOD)
    run(path, plan)
    capsys.readouterr()
    run(path, plan)
    assert "created 0, updated 0, unchanged 4, rejected 0" in capsys.readouterr().out
    changed = [row[:] for row in GOOD]
    changed[0][3] = "15/02/2026"
    run(write_xlsx(tmp_path / "kh2.xlsx", changed), plan)
    assert "created 0, updated 1, unchanged 3, rejected 0" in capsys.readouterr().out
    assert Task.objects.get(title=GOOD[0][0]).due_date == dt.date(2026, 2, 15)


def test_invalid_rows_refuse_the_whole_file(plan, tmp_path, capsys):
    rows = GOOD + [
        ["", "HCTH", "", "01/02/2026", ""],
        ["Việc X", "KHONGCO", "", "01/02/2026", ""],
        ["Việc Y", "HCTH", "ABC", "01/02/2026", ""],
        ["Việc Z", "HCTH", "", "32/13/2026", ""],
    ]
    with pytest.raises(CommandError):
        run(write_xlsx(tmp_path / "kh.xlsx", rows), plan)
    err = capsys.readouterr().err
    # Messages in the user's language (Vietnamese by default), as every import's.
    assert "row 7, column Nội dung: cần có giá trị" in err
    assert "row 8, column Đơn vị chủ trì: không có đơn vị KHONGCO trong cơ quan SKHCN" in err
    assert "row 9, column Đơn vị phối hợp" in err
    assert "row 10, column Thời hạn: không đọc được '32/13/2026' là hạn hoàn thành" in err
    assert Task.objects.count() == 0


def test_skip_invalid_writes_the_good_rows_and_a_rejected_file(plan, tmp_path, capsys):
    rows = GOOD + [["Việc X", "KHONGCO", "", "01/02/2026", ""]]
    path = write_csv(tmp_path / "kh.csv", rows)
    run(path, plan, "--skip-invalid")
    assert "created 4, updated 0, unchanged 0, rejected 1" in capsys.readouterr().out
    rejected = (tmp_path / "kh.rejected.csv").read_text(encoding="utf-8-sig")
    assert "KHONGCO" in rejected and "Lý do" in rejected


def test_a_repeated_task_in_the_file_is_a_row_error(plan, tmp_path, capsys):
    rows = [GOOD[0], GOOD[0]]
    with pytest.raises(CommandError):
        run(write_xlsx(tmp_path / "kh.xlsx", rows), plan)
    assert "nhiệm vụ này của HCTH trùng với dòng 3" in capsys.readouterr().err


def test_plan_by_id_and_unknown_plan(plan, tmp_path, capsys):
    path = write_xlsx(tmp_path / "kh.xlsx", GOOD[:1])
    call_command("import_tasks", str(path), "--plan", str(plan.pk))
    assert "created 1" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("import_tasks", str(path), "--plan", "NOPE")


def test_missing_required_column_is_a_file_error(plan, tmp_path):
    wb = Workbook()
    wb.active.append(["Nội dung", "Sản phẩm"])
    wb.active.append(["Việc", "x"])
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(CommandError):
        run(tmp_path / "bad.xlsx", plan)


def test_import_is_audited_with_the_user(org, plan, tmp_path):
    from parindex.audit.models import AuditEntry

    path = write_xlsx(tmp_path / "kh.xlsx", GOOD[:1])
    call_command("import_tasks", str(path), "--plan", plan.code, "--user", org.secretariat.username)
    entry = AuditEntry.objects.get(action="task.created")
    assert entry.actor == org.secretariat


def test_a_unit_head_cannot_import(org, plan, tmp_path):
    path = write_xlsx(tmp_path / "kh.xlsx", GOOD[:1])
    with pytest.raises(CommandError):
        call_command("import_tasks", str(path), "--plan", plan.code, "--user", org.head_a.username)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2026", dt.date(2026, 3, 31)),
        ("2026-03-31", dt.date(2026, 3, 31)),
        ("Tháng 6/2026", dt.date(2026, 6, 30)),
        ("tháng 2", dt.date(2026, 2, 28)),
        ("06/2026", dt.date(2026, 6, 30)),
        ("Quý I", dt.date(2026, 3, 31)),
        ("Quý IV/2026", dt.date(2026, 12, 31)),
        ("quý 3 năm 2026", dt.date(2026, 9, 30)),
        ("6 tháng đầu năm", dt.date(2026, 6, 30)),
        ("Cả năm", dt.date(2026, 12, 31)),
        ("Năm 2026", dt.date(2026, 12, 31)),
        (dt.datetime(2026, 5, 4), dt.date(2026, 5, 4)),  # noqa: DTZ001
    ],
)
def test_due_dates_as_plans_write_them(text, expected):
    assert parse_due(text, 2026) == expected


def test_unreadable_due_date():
    with pytest.raises(ValueError):
        parse_due("sớm nhất có thể", 2026)
