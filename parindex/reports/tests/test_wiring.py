"""The reports read the real apps: notices become workplan tasks, and the figures frozen in a
report are the owning app's figures (the scorecard of `parindex scorecard`, the workplan's
on-time rate and initiative coverage)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from conftest import clock_at
from parindex.audit.models import AuditEntry
from parindex.common.errors import DomainError
from parindex.reports import services
from parindex.reports.tests.conftest import EVIDENCE_REVIEW, issue, make_notice, make_run
from parindex.scorecards.tests.helpers import framework_file, scores_file
from parindex.workplan import figures as workplan_figures
from parindex.workplan import selectors as workplan_selectors
from parindex.workplan import services as workplan
from parindex.workplan.choices import PlanType, TaskStatus
from parindex.workplan.models import Plan, Task
from parindex.workplan.tests.helpers import make_plan, make_task


@pytest.fixture
def frozen():
    with clock_at(dt.date(2026, 6, 15), hour=12):
        yield


# --- notices of conclusions → workplan tasks --------------------------------------------------


@pytest.fixture
def notice(org):
    second = {"text": "Nâng tỷ lệ hồ sơ trực tuyến", "units": ["QLCN", "TDC"], "deadline": None}
    return make_notice(org, EVIDENCE_REVIEW, second)


def test_issuing_a_notice_makes_a_task_per_conclusion_and_unit_on_the_board(
    org, notice, client_for
):
    run = issue(notice, org.secretariat, number=7, day=dt.date(2026, 2, 5))
    plan = Plan.objects.get(agency=org.agency, code="TBKL-2026")
    assert plan.plan_type == PlanType.OTHER and plan.year == 2026
    assert plan.title == "Nhiệm vụ theo thông báo kết luận năm 2026"
    tasks = list(Task.objects.filter(plan=plan).order_by("id"))
    assert [(t.lead_unit.code, t.due_date) for t in tasks] == [
        ("QLCN", dt.date(2026, 3, 15)),
        ("TDC", dt.date(2026, 3, 15)),
        ("QLCN", dt.date(2026, 12, 31)),  # no deadline: the end of the notice's year
        ("TDC", dt.date(2026, 12, 31)),
    ]
    assert tasks[0].title == "Rà soát tài liệu kiểm chứng"
    assert tasks[0].assigner == org.secretariat
    assert "Nguồn: 7/TB-SKHCN ngày 05/02/2026, kết luận 1" in tasks[0].description
    assert "kết luận 2" in tasks[3].description
    rows = workplan_selectors.board(org.secretariat, org.agency, year=2026)
    assert sum(r.total for r in rows) == 4
    assert {r.unit.code: r.total for r in rows if r.total} == {"QLCN": 2, "TDC": 2}
    # The unit head sees the tasks of the unit on its own board.
    assert sum(r.total for r in workplan_selectors.board(org.head_a, org.agency, year=2026)) == 2
    assert AuditEntry.objects.filter(action="task.created_from_notice").count() == 4
    page = client_for(org.secretariat).get(reverse("workplan:board"), {"year": 2026})
    assert page.status_code == 200 and page.context["totals"].total == 4
    assert AuditEntry.objects.filter(action="plan.created", target_id=str(plan.pk)).exists()
    assert "4" in AuditEntry.objects.get(action="report.issued", target_id=str(run.pk)).note


def test_an_issued_notice_cannot_be_issued_again(org, notice):
    run = issue(notice, org.secretariat, number=7)
    with pytest.raises(DomainError):
        issue(run, org.secretariat, number=8)
    assert Task.objects.count() == 4


def test_a_second_notice_of_the_year_adds_to_the_same_plan(org, notice):
    issue(notice, org.secretariat, number=7)
    other = services.run_update_sections(
        actor=org.secretariat,
        run=make_run(org, "conclusion_notice", "2026-03"),
        conclusions=[{"text": "Báo cáo quý", "units": ["HCTH"], "deadline": "2026-04-10"}],
    )
    issue(other, org.secretariat, number=9, day=dt.date(2026, 3, 20))
    assert Plan.objects.filter(code__startswith="TBKL-").count() == 1
    assert Task.objects.count() == 5


def test_only_those_who_may_issue_notices_hand_over_tasks(org):
    for person in (org.head_a, org.staff_a, org.viewer, org.other_secretariat):
        with pytest.raises(PermissionDenied):
            workplan.task_create_from_notice(
                actor=person,
                agency=org.agency,
                unit=org.unit_a,
                title="x",
                due_date=None,
                source="1/TB-SKHCN",
                note="x",
            )
    assert not Task.objects.exists()


def test_a_task_from_a_notice_needs_a_unit_of_the_agency(org):
    with pytest.raises(DomainError):
        workplan.task_create_from_notice(
            actor=org.secretariat,
            agency=org.agency,
            unit=org.other_unit,
            title="x",
            due_date=dt.date(2026, 5, 1),
            source="1/TB-SKHCN",
            note="x",
        )


# --- scorecard figures ---------------------------------------------------------------------

SELF = [
    ["1.1", "4", "", "1891/KH-SKHCN ngày 30/12/2021"],
    ["1.2.1", "3", "Chưa ban hành báo cáo quý IV", ""],
    ["1.2.2", "2", "", "25/BC-SKHCN"],
    ["2.1", "3", "", "Sổ theo dõi"],
    ["4.1", "1", "Chờ quyết định công nhận", ""],  # bonus points claimed without evidence
]
APPRAISAL = [
    ["1.1", "3", "Thiếu kế hoạch kiểm tra", ""],
    ["1.2.1", "2,5", "Thiếu báo cáo quý IV", ""],
    ["3.1", "2", "", ""],
]


@pytest.fixture
def scored(org, tmp_path):
    """SKHCN's 2022 scorecard: self scores (1.2.1 without evidence) and an appraisal."""
    out = io.StringIO()
    call_command(
        "import_framework",
        str(framework_file(tmp_path)),
        "--year",
        "2022",
        "--agency",
        "SKHCN",
        stdout=out,
    )
    for rows, stage in ((SELF, "self"), (APPRAISAL, "appraisal")):
        path = scores_file(tmp_path, rows, name=f"{stage}.csv")
        call_command(
            "import_scores",
            str(path),
            "--agency",
            "SKHCN",
            "--year",
            "2022",
            "--stage",
            stage,
            stdout=out,
        )
    out = io.StringIO()
    call_command("scorecard", "--agency", "SKHCN", "--year", "2022", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_self_assessment_freezes_the_scorecard_of_the_scorecard_command(org, scored):
    run = make_run(org, "self_assessment", "2022")
    card = run.data["scorecard"]
    assert {k: v for k, v in card.items() if k not in ("without_evidence", "units")} == scored
    assert card["without_evidence"] == [
        {
            "code": "1.2.1",
            "title": "Báo cáo quý",
            "self": 3.0,
            "explanation": "Chưa ban hành báo cáo quý IV",
        },
        {
            "code": "4.1",
            "title": "Sáng kiến được công nhận",
            "self": 1.0,
            "explanation": "Chờ quyết định công nhận",
        },
    ]
    assert card["units"]["QLCN"] == "Phòng Quản lý Công nghệ"
    assert "Chưa có số liệu" not in _text(run)
    assert f"{scored['self_total']:.2f}".replace(".", ",") in _text(run)


def test_the_lost_points_ledger_prints_the_scorecards_lost_points_by_unit(org, scored):
    run = make_run(org, "lost_points", "2022")
    assert run.data["scorecard"]["lost_by_unit"] == scored["lost_by_unit"]
    assert scored["lost_by_unit"]  # the appraisal deducted points
    text = _text(run)
    total = sum(u["lost"] for u in scored["lost_by_unit"])
    assert f"Tổng số điểm bị trừ khi thẩm định: {total:.2f}".replace(".", ",") in text


def test_a_year_without_framework_prints_no_data(org, scored):
    run = make_run(org, "self_assessment", "2025")
    assert run.data["scorecard"] is None
    assert "Chưa có số liệu" in _text(run)


# --- workplan figures ----------------------------------------------------------------------


@pytest.fixture
def tasks(org, frozen):
    plan = make_plan(org, code="KH-CCHC-2026", title="Kế hoạch CCHC năm 2026")

    def make(title, unit, due, status=TaskStatus.NOT_STARTED, done_at=None):
        return make_task(org, plan, title, unit, due, status=status, done_at=done_at)

    make("Đúng hạn", org.unit_a, dt.date(2026, 3, 31), TaskStatus.DONE, dt.date(2026, 3, 30))
    make("Trễ hạn", org.unit_a, dt.date(2026, 4, 30), TaskStatus.DONE, dt.date(2026, 5, 5))
    make("Quá hạn", org.unit_b, dt.date(2026, 5, 31))
    make("Chưa đến hạn", org.unit_b, dt.date(2026, 6, 30))
    make("Đã hủy", org.unit_b, dt.date(2026, 2, 28), TaskStatus.CANCELLED)
    make("Kỳ tới", org.unit_a, dt.date(2026, 9, 30))
    make("Năm sau", org.unit_a, dt.date(2027, 3, 31))
    workplan.initiative_register(actor=org.secretariat, unit=org.unit_a, year=2026, title="Số hóa")
    return plan


def test_the_implementation_report_freezes_the_workplan_figures(org, tasks):
    run = make_run(org, "par_implementation", "2026-H1")
    figures = run.data["tasks"]
    assert figures == json.loads(
        json.dumps(
            workplan_figures.task_figures(org.agency, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        )
    )
    assert (figures["total"], figures["completed"], figures["completed_on_time"]) == (4, 2, 1)
    assert (figures["completed_late"], figures["open"], figures["overdue"]) == (1, 2, 1)
    # The very rate of the workplan app: on time ÷ (done + overdue).
    assert figures["on_time_rate"] == workplan_selectors.on_time_rate(
        org.agency, None, (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    )
    assert figures["on_time_rate"] == pytest.approx(1 / 3)
    assert figures["by_unit"] == [
        {
            "unit": "QLCN",
            "label": "Phòng Quản lý Công nghệ",
            "total": 2,
            "completed": 2,
            "completed_on_time": 1,
            "overdue": 0,
        },
        {
            "unit": "TDC",
            "label": "Phòng Tiêu chuẩn Đo lường Chất lượng",
            "total": 2,
            "completed": 0,
            "completed_on_time": 0,
            "overdue": 1,
        },
    ]
    assert figures["next_period"] == [{"title": "Kỳ tới", "unit": "QLCN", "due": "2026-09-30"}]
    coverage = workplan_selectors.initiative_coverage(org.agency, 2026)
    assert run.data["initiatives"]["units_with_initiative"] == len(coverage.registered) == 1
    assert run.data["initiatives"]["units_total"] == len(coverage.required)
    assert run.data["initiatives"]["coverage"] == coverage.rate
    assert run.data["initiatives"]["initiatives"] == [
        {"title": "Số hóa", "unit": "QLCN", "status": "registered"}
    ]
    text = _text(run)
    assert "Tổng số nhiệm vụ đến hạn trong kỳ: 4; đã hoàn thành 2, trong đó đúng hạn 1" in text
    assert f"Có 1/{len(coverage.required)} phòng, đơn vị đăng ký sáng kiến" in text


def _text(run) -> str:
    from docx import Document

    from parindex.reports import documents

    document = Document(io.BytesIO(documents.docx_bytes(run)))
    return "\n".join(p.text for p in document.paragraphs)
