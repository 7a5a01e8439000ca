"""Report runs through their services: freezing, editing, issuing, immutability, rights, audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parindex.audit.models import AuditEntry
from parindex.common.errors import DomainError
from parindex.reports import hooks, periods, services, sources
from parindex.reports.choices import RunStatus
from parindex.reports.models import ReportRun
from parindex.reports.tests.conftest import DOSSIERS, EVIDENCE_REVIEW, issue, make_notice, make_run


def _actions(run):
    return list(
        AuditEntry.objects.filter(target_id=str(run.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_creating_a_run_freezes_the_data_with_the_agency_names(org, with_sources, monkeypatch):
    run = make_run(org, "dossiers", "2026-Q1")
    assert run.status == RunStatus.DRAFT
    assert run.snapshot["agency"]["parent_body"] == "UBND TỈNH QUẢNG NGÃI"
    assert run.snapshot["period"]["key"] == "2026-Q1"
    assert run.data["dossiers"]["total"]["received"] == 1234
    # Later changes of the source do not reach the frozen run.
    monkeypatch.setattr(sources, "dossier_figures", lambda agency, start, end: None)
    run.refresh_from_db()
    assert run.data["dossiers"] == DOSSIERS
    assert run.sections["solutions"].startswith("Tiếp tục đẩy mạnh")
    assert _actions(run) == ["report.created"]


def test_sources_return_nothing_while_the_apps_hold_nothing_for_the_agency(org):
    assert sources.scorecard(org.agency, 2025) is None  # no framework for 2025
    assert sources.task_figures(org.agency, dt.date(2026, 1, 1), dt.date(2026, 3, 31)) is None
    assert sources.dossier_figures(org.agency, dt.date(2026, 1, 1), dt.date(2026, 3, 31)) is None
    assert sources.points_at_risk(org.agency, 2026) is None
    # The initiative coverage is a figure even with no initiative: 0 of the units.
    assert sources.initiative_coverage(org.agency, 2026)["units_with_initiative"] == 0


def test_a_type_refuses_a_period_it_does_not_accept(org):
    with pytest.raises(DomainError):
        make_run(org, "self_assessment", "2026-Q1")


def test_unknown_type_is_refused(org):
    with pytest.raises(DomainError):
        services.run_create(
            actor=org.secretariat, agency=org.agency, type_key="nope", period=periods.parse("2026")
        )


def test_author_edits_sections_of_a_draft_with_an_audit_row(org, draft):
    services.run_update_sections(
        actor=org.secretariat, run=draft, sections={"assessment": "Đạt yêu cầu."}, summary="Tóm tắt"
    )
    draft.refresh_from_db()
    assert draft.sections["assessment"] == "Đạt yêu cầu."
    assert draft.summary == "Tóm tắt"
    entry = AuditEntry.objects.filter(action="report.updated").get()
    assert entry.before["summary"] != entry.after["summary"]


def test_unknown_section_is_refused(org, draft):
    with pytest.raises(DomainError):
        services.run_update_sections(actor=org.secretariat, run=draft, sections={"x": "y"})


def test_issuing_numbers_dates_and_signs_the_report(org, draft):
    run = issue(draft, org.secretariat)
    assert run.status == RunStatus.ISSUED
    assert run.reference == "15/BC-SKHCN"
    assert run.number_year == 2026
    assert run.issued_by == org.secretariat
    assert len(run.docx_sha256) == 64
    assert _actions(run) == ["report.created", "report.issued"]


def test_an_issued_report_cannot_change(org, draft):
    run = issue(draft, org.secretariat)
    with pytest.raises(DomainError):
        services.run_update_sections(actor=org.secretariat, run=run, sections={"assessment": "x"})
    with pytest.raises(DomainError):
        services.run_refresh(actor=org.secretariat, run=run)
    with pytest.raises(DomainError):
        issue(run, org.secretariat, number=16)
    with pytest.raises(DomainError):
        services.run_delete(actor=org.secretariat, run=run)
    run.refresh_from_db()
    assert run.number == 15 and run.sections == draft.sections


def test_a_number_is_used_once_a_year_per_document_type(org, with_sources):
    first = make_run(org, "dossiers", "2026-01")
    second = make_run(org, "dossiers", "2026-02")
    issue(first, org.secretariat, number=3, day=dt.date(2026, 2, 3))
    with pytest.raises(DomainError) as caught:
        issue(second, org.secretariat, number=3, day=dt.date(2026, 3, 3))
    assert caught.value.field == "number"
    assert services.next_number(org.agency, "BC", 2026) == 4


def test_superseding_makes_a_new_draft_and_marks_the_old_one(org, draft):
    run = issue(draft, org.secretariat)
    copy = services.run_supersede(actor=org.secretariat, run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.SUPERSEDED and run.superseded_by == copy
    assert copy.status == RunStatus.DRAFT and copy.snapshot == run.snapshot
    assert copy.number is None
    assert "report.superseded" in _actions(run)
    with pytest.raises(DomainError):
        services.run_supersede(actor=org.secretariat, run=run)


def test_drafts_can_be_deleted_with_an_audit_row(org, draft):
    pk = draft.pk
    services.run_delete(actor=org.secretariat, run=draft)
    assert not ReportRun.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(action="report.deleted", target_id=str(pk)).exists()


@pytest.mark.parametrize(
    "persona",
    ["head_a", "staff_a", "director", "viewer", "appraiser", "other_secretariat", "outsider"],
)
def test_only_the_secretariat_and_admin_create_and_issue_agency_reports(org, draft, persona):
    user = org.by_name(persona)
    with pytest.raises(PermissionDenied):
        services.run_create(
            actor=user, agency=org.agency, type_key="dossiers", period=periods.parse("2026")
        )
    with pytest.raises(PermissionDenied):
        issue(draft, user)
    with pytest.raises(PermissionDenied):
        services.run_update_sections(actor=user, run=draft, summary="x")
    with pytest.raises(PermissionDenied):
        services.run_delete(actor=user, run=draft)


def test_a_unit_head_cannot_issue_agency_reports(org, draft):
    with pytest.raises(PermissionDenied):
        issue(draft, org.head_a)
    draft.refresh_from_db()
    assert draft.status == RunStatus.DRAFT


def test_admin_may_issue(org, draft):
    assert issue(draft, org.admin).status == RunStatus.ISSUED


def test_who_reads_which_report(org, draft):
    readers = {
        name
        for name in (
            "admin",
            "secretariat",
            "director",
            "viewer",
            "appraiser",
            "head_a",
            "staff_a",
            "other_secretariat",
            "outsider",
        )
        if ReportRun.objects.restrict(org.by_name(name)).filter(pk=draft.pk).exists()
    }
    assert readers == {"admin", "secretariat", "director", "viewer", "appraiser"}
    issue(draft, org.secretariat)
    assert ReportRun.objects.restrict(org.head_a).filter(pk=draft.pk).exists()
    assert not ReportRun.objects.restrict(org.other_secretariat).filter(pk=draft.pk).exists()


# --- notices of conclusions ---------------------------------------------------------------


@pytest.fixture
def notice(org):
    return make_notice(
        org,
        EVIDENCE_REVIEW,
        {
            "text": "Nâng tỷ lệ hồ sơ trực tuyến",
            "units": ["QLCN"],
            "deadline": dt.date(2026, 6, 30),
        },
        {"text": "", "units": [], "deadline": None},  # an empty row of the form is dropped
    )


def test_conclusions_are_stored_as_structured_rows(notice):
    assert notice.conclusions == [
        {"text": "Rà soát tài liệu kiểm chứng", "units": ["QLCN", "TDC"], "deadline": "2026-03-15"},
        {"text": "Nâng tỷ lệ hồ sơ trực tuyến", "units": ["QLCN"], "deadline": "2026-06-30"},
    ]


def test_conclusion_with_unknown_unit_is_refused(org, notice):
    with pytest.raises(DomainError):
        services.run_update_sections(
            actor=org.secretariat, run=notice, conclusions=[{"text": "x", "units": ["VP"]}]
        )


def test_a_notice_needs_conclusions_to_be_issued(org):
    run = make_run(org, "conclusion_notice", "2026-02")
    with pytest.raises(DomainError):
        issue(run, org.secretariat)


def test_issuing_a_notice_hands_each_assignment_to_the_hook(org, notice, monkeypatch):
    called = []
    monkeypatch.setattr(hooks, "notice_issued", lambda run, actor=None: called.append(run) or [])
    issue(notice, org.secretariat, number=4, signer_authority="TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG")
    assert [r.pk for r in called] == [notice.pk]


def test_each_assignment_is_handed_to_the_workplan_app(org, notice, monkeypatch):
    created = []
    monkeypatch.setattr(
        hooks,
        "create_tracked_task",
        lambda *, run, actor, assignment: created.append((run.reference, assignment)),
    )
    run = issue(notice, org.secretariat, number=4)
    assert created == [
        (
            "4/TB-SKHCN",
            {
                "number": 1,
                "text": "Rà soát tài liệu kiểm chứng",
                "unit": "QLCN",
                "deadline": "2026-03-15",
            },
        ),
        (
            "4/TB-SKHCN",
            {
                "number": 1,
                "text": "Rà soát tài liệu kiểm chứng",
                "unit": "TDC",
                "deadline": "2026-03-15",
            },
        ),
        (
            "4/TB-SKHCN",
            {
                "number": 2,
                "text": "Nâng tỷ lệ hồ sơ trực tuyến",
                "unit": "QLCN",
                "deadline": "2026-06-30",
            },
        ),
    ]
    assert "3" in AuditEntry.objects.get(action="report.issued", target_id=str(run.pk)).note


def test_the_notice_document_lists_conclusions_with_units_and_deadlines(org, notice):
    import io

    from docx import Document

    from parindex.reports import documents

    run = issue(notice, org.secretariat, number=4, day=dt.date(2026, 2, 27))
    document = Document(io.BytesIO(documents.docx_bytes(run)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.tables[0].rows[1].cells[0].text == "Số: 4/TB-SKHCN"
    assert "THÔNG BÁO" in text
    assert "1. Rà soát tài liệu kiểm chứng" in text
    assert "Giao: Phòng Quản lý Công nghệ; Phòng Tiêu chuẩn Đo lường Chất lượng" in text
    assert "trước ngày 15/03/2026" in text


def test_a_renamed_provider_fails_loudly_instead_of_printing_no_data(org, monkeypatch):
    """The sources call their providers plainly: a provider that went away is an error, never
    a quiet "Chưa có số liệu" in an official report."""
    from parindex.scorecards import figures as scorecards

    monkeypatch.delattr(scorecards, "scorecard_figures")
    with pytest.raises(AttributeError):
        sources.scorecard(org.agency, 2026)
