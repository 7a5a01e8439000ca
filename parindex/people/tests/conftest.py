"""People fixtures on top of the root `org` personas: file writers and a command runner."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from parindex.people import services
from parindex.people.models import StaffMember

POSITION_HEADER = ["Mã vị trí", "Tên vị trí", "Đơn vị", "Nhóm", "Ngạch yêu cầu", "Số lượng"]
STAFF_HEADER = [
    "Mã cán bộ",
    "Họ và tên",
    "Đơn vị",
    "Mã vị trí",
    "Ngạch",
    "Ngày nhận vị trí",
    "Diện chuyển đổi",
    "Ngày nghỉ",
]
TRAINING_HEADER = [
    "Mã khóa",
    "Tên khóa",
    "Mã cán bộ",
    "Trong kế hoạch",
    "Năm kế hoạch",
    "Ngày hoàn thành",
]


class Runner:
    """Runs a `parindex` command; returns (exit code, stdout, stderr)."""

    def __call__(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(*args, stdout=out, stderr=err)
        except CommandError as exc:
            return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
        return 0, out.getvalue(), err.getvalue()

    def json(self, *args: str) -> dict:
        code, out, err = self(*args, "--format", "json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def run() -> Runner:
    return Runner()


@pytest.fixture
def write_csv(tmp_path):
    def write(name: str, header: list[str], rows: list[list[object]]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def scheme(org, run, write_csv):
    """A small scheme: unit A has a head post and two experts, unit B one expert and a driver."""
    path = write_csv(
        "positions.csv",
        POSITION_HEADER,
        [
            ["TP-A", "Trưởng phòng", "QLCN", "lãnh đạo, quản lý", "chuyên viên chính", 1],
            ["PP-A", "Phó trưởng phòng", "QLCN", "lãnh đạo, quản lý", "", 1],
            [
                "CV-A",
                "Chuyên viên quản lý công nghệ",
                "QLCN",
                "chuyên môn, nghiệp vụ",
                "chuyên viên; chuyên viên chính",
                2,
            ],
            ["CV-B", "Chuyên viên đo lường", "TDC", "chuyên môn, nghiệp vụ", "chuyên viên", 1],
            ["LX-B", "Lái xe", "TDC", "hỗ trợ, phục vụ", "", 1],
        ],
    )
    code, out, err = run("import_positions", str(path), "--agency", "SKHCN")
    assert code == 0, err
    return path


# -- the rating season of 2022: the index, the staff, tasks and an initiative ---------------

RATING_YEAR = YEAR = 2022


@pytest.fixture
def index_year(org, tmp_path):
    """The small 2022 framework: 1.2.1 led by QLCN (unit A) loses 1 point, 1.1 (HCTH) 0.5,
    1.2.2 (TDC) 0.25; the staff member of unit A answers for 1.2.1."""
    from parindex.scorecards import services as scorecards
    from parindex.scorecards.models import Assignment, Score
    from parindex.scorecards.tests.helpers import framework_file

    scorecards.import_framework(framework_file(tmp_path), year=YEAR, agency_code="SKHCN")
    assessment = scorecards.assessment_open(actor=None, agency=org.agency, year=YEAR)
    for code, self_points, appraised in (
        ("1.1", "4", "3.5"),
        ("1.2.1", "3.5", "2.5"),
        ("1.2.2", "2.5", "2.25"),
    ):
        Score.objects.filter(assessment=assessment, node__code=code).update(
            self_points=Decimal(self_points), appraised_points=Decimal(appraised)
        )
    Assignment.objects.filter(agency=org.agency, node__code="1.2.1").update(responsible=org.staff_a)
    return assessment


@pytest.fixture
def people(org, scheme, run, write_csv):
    rows = [
        ["A1", "Lê Văn Một", "QLCN", "CV-A", "chuyên viên", "", "", "", org.staff_a.username],
        ["A2", "Phạm Thị Hai", "QLCN", "TP-A", "chuyên viên chính", "", "", "", org.head_a.username],
        ["B1", "Võ Văn Ba", "TDC", "CV-B", "chuyên viên", "", "", "", org.staff_b.username],
    ]  # fmt: skip
    assert run("import_staff", str(write_csv("s.csv", [*STAFF_HEADER, "Tài khoản"], rows)),
               "--agency", "SKHCN")[0] == 0  # fmt: skip
    training = [["K1", "QLNN", "A1", "", str(YEAR), "15/10/2022"], ["K2", "Tin học", "A1", "", str(YEAR), ""]]  # fmt: skip
    assert run("import_training", str(write_csv("t.csv", TRAINING_HEADER, training)),
               "--agency", "SKHCN")[0] == 0  # fmt: skip
    return {m.code: m for m in StaffMember.objects.select_related("unit", "agency")}


@pytest.fixture
def tasks(org):
    from parindex.workplan.choices import TaskStatus
    from parindex.workplan.models import Initiative
    from parindex.workplan.tests.helpers import make_plan, make_task

    plan = make_plan(org, code="KH-2022", year=YEAR, title="Kế hoạch CCHC 2022")

    def task(title, due, *, who=(org.staff_a,), status=TaskStatus.NOT_STARTED, done=None):
        return make_task(
            org, plan, title, org.unit_a, due, assignees=list(who), status=status, done_at=done
        )

    task("Đúng hạn", dt.date(2022, 3, 31), status=TaskStatus.DONE, done=dt.date(2022, 3, 31))
    task("Trễ hạn", dt.date(2022, 3, 31), status=TaskStatus.DONE, done=dt.date(2022, 4, 1))
    task("Quá hạn", dt.date(2022, 6, 30))
    task("Chưa đến hạn", dt.date(2022, 12, 31))
    task("Của trưởng phòng", dt.date(2022, 5, 31), who=(org.head_a,))
    Initiative.objects.create(agency=org.agency, year=YEAR, unit=org.unit_a, title="Một cửa số")
    return plan


@pytest.fixture
def season(org):
    return services.season_open(actor=org.secretariat, agency=org.agency, year=YEAR)
