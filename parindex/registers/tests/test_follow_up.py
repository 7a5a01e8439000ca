"""Recommendations from every source become tasks; closing the task with evidence closes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from parindex.audit.models import AuditEntry
from parindex.common.errors import DomainError
from parindex.registers.choices import InspectionKind, RecommendationSource, Verdict
from parindex.registers.models import Recommendation
from parindex.registers.services import (
    inspection_conclude,
    inspection_create,
    recommendation_reopen,
    recommendation_resolve,
    review_create,
)
from parindex.registers.tests.conftest import make_document, make_inspection, make_recommendation
from parindex.workplan.choices import TaskStatus
from parindex.workplan.models import Task
from parindex.workplan.services import task_add_attachment, task_set_status

DAY = dt.date(2026, 3, 2)


def an_inspection(org, inspectorate, **extra):
    fields = {
        "code": "TT-01",
        "subject": "Thanh tra đo lường",
        "kind": InspectionKind.INSPECTION,
        "plan_year": 2026,
        "unit": inspectorate.unit,
        "decision_on": dt.date(2026, 2, 1),
        "conclusion_due": dt.date(2026, 3, 31),
    }
    fields.update(extra)
    return inspection_create(actor=inspectorate.inspector, agency=org.agency, **fields)


def conclude_with_two(org, inspectorate):
    inspection = an_inspection(org, inspectorate)
    return inspection_conclude(
        actor=inspectorate.inspector,
        inspection=inspection,
        concluded_on=DAY,
        conclusion_number="05/KL-TTr",
        conclusion="Còn thiếu sót",
        recommendations=[
            {"text": "Hiệu chuẩn lại cân", "unit": org.unit_a, "due_date": dt.date(2026, 6, 30)},
            {
                "text": "Nộp phạt",
                "unit": org.unit_b,
                "due_date": dt.date(2026, 5, 31),
                "amount": 5_000_000,
                "criterion": "7.1",
            },
        ],
    )


@pytest.mark.django_db
def test_a_conclusion_with_two_recommendations_gives_each_owner_unit_a_task(org, inspectorate):
    first, second = conclude_with_two(org, inspectorate)
    assert (first.code, second.code) == ("TT-01-KN1", "TT-01-KN2")
    assert first.source == RecommendationSource.INSPECTION
    assert first.task.lead_unit == org.unit_a and second.task.lead_unit == org.unit_b
    assert second.task.due_date == dt.date(2026, 5, 31) and second.task.criteria == ["7.1"]
    assert second.task.plan.code == "KN-2026"
    assert "TT-01" in first.task.description
    assert Task.objects.restrict(org.head_a).filter(pk=first.task.pk).exists()
    assert not Task.objects.restrict(org.head_a).filter(pk=second.task.pk).exists()
    assert AuditEntry.objects.filter(action="recommendation.created").count() == 2
    assert AuditEntry.objects.filter(action="task.created_from_recommendation").count() == 2


@pytest.mark.django_db
def test_closing_the_task_needs_evidence_and_then_closes_the_recommendation(org, inspectorate):
    first, _second = conclude_with_two(org, inspectorate)
    with pytest.raises(DomainError):
        task_set_status(actor=org.head_a, task=first.task, status=TaskStatus.DONE, done_at=DAY)
    first.refresh_from_db()
    assert first.done_on is None and first.task.status != TaskStatus.DONE
    task_add_attachment(actor=org.head_a, task=first.task, reference="Biên bản hiệu chuẩn số 12")
    task_set_status(actor=org.head_a, task=first.task, status=TaskStatus.DONE, done_at=DAY)
    first.refresh_from_db()
    assert first.done_on == DAY
    entry = AuditEntry.objects.get(action="recommendation.closed")
    assert entry.before["done_on"] is None and entry.after["done_on"] == DAY.isoformat()


@pytest.mark.django_db
def test_reopening_the_task_reopens_the_recommendation_and_is_audited(org, inspectorate):
    first, _ = conclude_with_two(org, inspectorate)
    recommendation_resolve(
        actor=org.head_a, recommendation=first, done_on=DAY, evidence_reference="CV 15"
    )
    assert first.done_on == DAY
    with pytest.raises(DomainError):
        recommendation_reopen(actor=org.head_a, recommendation=first, note="")
    recommendation_reopen(actor=org.head_a, recommendation=first, note="Thiếu hồ sơ")
    first.refresh_from_db()
    assert first.done_on is None and first.task.status == TaskStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(
        action="recommendation.reopened", target_id=str(first.pk)
    ).exists()


@pytest.mark.django_db
def test_another_unit_can_neither_resolve_nor_reopen_a_recommendation(org, inspectorate):
    first, _ = conclude_with_two(org, inspectorate)
    for user in (
        org.head_b,
        org.staff_b,
        org.viewer,
        org.director,
        org.outsider,
        org.other_secretariat,
    ):
        with pytest.raises(PermissionDenied):
            recommendation_resolve(actor=user, recommendation=first, evidence_reference="x")
    assert Recommendation.objects.get(pk=first.pk).done_on is None


@pytest.mark.django_db
def test_only_the_inspectorate_changes_inspections_and_the_secretariat_its_par_checks(
    org, inspectorate
):
    for user in (
        org.head_a,
        org.staff_a,
        org.director,
        org.viewer,
        org.secretariat,
        org.other_secretariat,
    ):
        with pytest.raises(PermissionDenied):
            an_inspection(org, type("I", (), {"unit": inspectorate.unit, "inspector": user}))
    check = make_inspection(
        org,
        "KT-CCHC-1",
        "Kiểm tra CCHC phòng QLCN",
        InspectionKind.PAR_CHECK,
        org.secretariat_unit,
        actor=org.secretariat,
        target_unit=org.unit_a,
    )
    [made] = inspection_conclude(
        actor=org.secretariat,
        inspection=check,
        concluded_on=DAY,
        recommendations=[
            {"text": "Niêm yết TTHC", "unit": org.unit_a, "due_date": dt.date(2026, 4, 30)}
        ],
    )
    assert made.source == RecommendationSource.PAR_CHECK and made.task.lead_unit == org.unit_a


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source",
    [RecommendationSource.APPRAISAL, RecommendationSource.NOTICE, RecommendationSource.OTHER],
)
def test_the_secretariat_raises_recommendations_from_appraisal_and_notices(org, source):
    rec = make_recommendation(
        org,
        "Bổ sung minh chứng",
        org.unit_b,
        dt.date(2026, 9, 30),
        actor=org.secretariat,
        source=source,
        source_reference="Hội đồng thẩm định trừ 0,5 điểm tiêu chí 2.1",
        criterion="2.1",
    )
    assert rec.code == "KN-2026-001" and rec.task.lead_unit == org.unit_b
    with pytest.raises(PermissionDenied):
        make_recommendation(
            org, "x", org.unit_b, dt.date(2026, 9, 30), actor=org.head_b, source=source
        )


@pytest.mark.django_db
def test_a_review_records_a_verdict_per_document_and_raises_recommendations(org):
    document = make_document(
        org,
        "VB-1",
        "Quy định quản lý",
        dt.date(2024, 6, 30),
        actor=org.secretariat,
        issued_on=dt.date(2024, 7, 10),
        submitted_on=dt.date(2024, 6, 20),
        number="15/2024/QĐ-UBND",
    )
    review = review_create(
        actor=org.head_a,
        agency=org.agency,
        code="RS-2026",
        title="Rà soát văn bản năm 2026",
        unit=org.unit_a,
        done_on=DAY,
        items=[
            {"document": document, "verdict": Verdict.AMEND, "note": "Luật mới"},
            {"document_label": "20/2019/QĐ-UBND", "verdict": Verdict.VALID},
        ],
    )
    assert [i.verdict for i in review.items.all()] == [Verdict.AMEND, Verdict.VALID]
    assert AuditEntry.objects.filter(
        action="legal_document.reviewed", target_id=str(document.pk)
    ).exists()
    rec = make_recommendation(
        org,
        "Trình sửa đổi 15/2024/QĐ-UBND",
        org.unit_a,
        dt.date(2026, 10, 31),
        actor=org.secretariat,
        review=review,
    )
    assert rec.source == RecommendationSource.REVIEW and rec.task is not None
    with pytest.raises(PermissionDenied):
        review_create(
            actor=org.head_b, agency=org.agency, code="X", title="x", unit=org.unit_a, done_on=DAY
        )
