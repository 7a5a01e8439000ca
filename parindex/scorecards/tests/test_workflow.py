"""The assessment workflow: transitions, refusals, eligibility, snapshots, reopening."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from parindex.audit.models import AuditEntry
from parindex.common.errors import DomainError
from parindex.scorecards import services
from parindex.scorecards.choices import Stage
from parindex.scorecards.models import Score, Snapshot
from parindex.scorecards.selectors import compare_snapshots
from parindex.scorecards.tests.conftest import score_of

PDF = b"%PDF-1.4\n%test\n"


def fill_self(assessment, *, explain=True):
    for score in Score.objects.filter(assessment=assessment).select_related("node", "assessment"):
        if score.node.kind == "survey":
            continue
        services.score_self(
            actor=None,
            score=score,
            points=score.node.max_points,
            explanation="Đã thực hiện" if explain else "",
        )


def test_submission_needs_every_self_assessed_leaf_scored(org, assessment):
    with pytest.raises(DomainError) as exc:
        services.assessment_move(
            actor=org.secretariat, assessment=assessment, to_stage=Stage.SUBMITTED
        )
    assert "1.1: not scored yet" in exc.value.message


def test_submission_needs_evidence_or_an_explanation(org, assessment):
    fill_self(assessment, explain=False)
    problems = services.eligibility_problems(assessment)
    assert ("1.1", "no evidence and no explanation") in problems
    for code, _problem in problems:
        score = score_of(assessment, code)
        if code == "1.1":
            services.evidence_add(
                actor=org.secretariat,
                score=score,
                upload=SimpleUploadedFile("kh.pdf", PDF, "application/pdf"),
            )
        else:
            services.reference_add(actor=org.secretariat, score=score, number="12/KH-SKHCN")
    assert services.eligibility_problems(assessment) == []
    services.assessment_move(actor=org.secretariat, assessment=assessment, to_stage=Stage.SUBMITTED)
    assessment.refresh_from_db()
    assert assessment.stage == Stage.SUBMITTED


# Every stage after the draft, in order, to the final scorecard.
TO_FINAL = (Stage.SUBMITTED, Stage.APPRAISAL_1, Stage.EXPLANATION, Stage.APPRAISAL_2, Stage.FINAL)


def walk(org, assessment, *stages, actor=None):
    for stage in stages:
        who = actor or (org.secretariat if stage == Stage.SUBMITTED else org.appraiser)
        services.assessment_move(actor=who, assessment=assessment, to_stage=stage)
        assessment.refresh_from_db()


def test_the_whole_workflow_freezes_a_snapshot_at_each_move(org, assessment):
    fill_self(assessment)
    walk(org, assessment, Stage.SUBMITTED, Stage.APPRAISAL_1)
    services.score_appraise(
        actor=org.appraiser,
        score=score_of(assessment, "1.1"),
        points="3",
        reason="Thiếu báo cáo kiểm tra",
    )
    walk(org, assessment, Stage.EXPLANATION)
    services.score_explain(actor=org.staff_a, score=score_of(assessment, "1.2.1"), answer="n/a")
    walk(org, assessment, Stage.APPRAISAL_2, Stage.FINAL)
    snaps = list(Snapshot.objects.filter(assessment=assessment))
    assert [(s.from_stage, s.to_stage) for s in snaps] == [
        ("draft", "submitted"),
        ("submitted", "appraisal_1"),
        ("appraisal_1", "explanation"),
        ("explanation", "appraisal_2"),
        ("appraisal_2", "final"),
    ]
    assert snaps[1].data["scores"]["1.1"]["appraised"] is None
    assert snaps[2].data["scores"]["1.1"]["appraised"] == "3.000"
    diff = compare_snapshots(snaps[1], snaps[2])
    assert [row["code"] for row in diff] == ["1.1"]
    assert AuditEntry.objects.filter(action="assessment.moved").count() == 5


def test_closing_the_appraisal_recognises_unappraised_self_scores(org, assessment):
    fill_self(assessment)
    walk(org, assessment, *TO_FINAL)
    assessment.refresh_from_db()
    assert assessment.appraisal_closed
    assert score_of(assessment, "1.2.1").appraised_points == D("3.5")


@pytest.mark.parametrize(
    "who,stage",
    [
        ("staff_a", Stage.SUBMITTED),
        ("head_a", Stage.SUBMITTED),
        ("director", Stage.SUBMITTED),
        ("appraiser", Stage.SUBMITTED),
        ("viewer", Stage.SUBMITTED),
        ("other_secretariat", Stage.SUBMITTED),
    ],
)
def test_only_the_secretariat_submits(org, assessment, who, stage):
    fill_self(assessment)
    with pytest.raises(PermissionDenied):
        services.assessment_move(actor=org.by_name(who), assessment=assessment, to_stage=stage)


@pytest.mark.parametrize("who", ["secretariat", "staff_a", "director"])
def test_only_the_council_starts_the_appraisal(org, assessment, who):
    fill_self(assessment)
    walk(org, assessment, Stage.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.assessment_move(
            actor=org.by_name(who), assessment=assessment, to_stage=Stage.APPRAISAL_1
        )


def test_stages_cannot_be_skipped(org, assessment):
    with pytest.raises(DomainError):
        services.assessment_move(actor=org.admin, assessment=assessment, to_stage=Stage.FINAL)


def test_a_submitted_self_assessment_can_be_returned(org, assessment):
    fill_self(assessment)
    walk(org, assessment, Stage.SUBMITTED)
    walk(org, assessment, Stage.DRAFT, actor=org.secretariat)
    assert assessment.stage == Stage.DRAFT


def test_without_a_second_round_explanation_leads_to_final(org, assessment):
    assessment.framework.has_round_2 = False
    assessment.framework.save()
    fill_self(assessment)
    walk(org, assessment, Stage.SUBMITTED, Stage.APPRAISAL_1, Stage.EXPLANATION)
    with pytest.raises(DomainError):
        services.assessment_move(
            actor=org.appraiser, assessment=assessment, to_stage=Stage.APPRAISAL_2
        )
    walk(org, assessment, Stage.FINAL)
    assert assessment.stage == Stage.FINAL


def test_a_final_assessment_is_locked_and_only_an_admin_reopens_it(org, assessment):
    fill_self(assessment)
    walk(org, assessment, *TO_FINAL)
    with pytest.raises(DomainError):
        services.assessment_move(
            actor=org.appraiser, assessment=assessment, to_stage=Stage.APPRAISAL_2
        )
    with pytest.raises(DomainError):
        services.score_appraise(
            actor=org.admin, score=score_of(assessment, "1.1"), points="1", reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(
            actor=org.secretariat,
            assessment=assessment,
            to_stage=Stage.APPRAISAL_2,
            reason="sai sót",
        )
    with pytest.raises(DomainError):
        services.assessment_reopen(
            actor=org.admin, assessment=assessment, to_stage=Stage.APPRAISAL_2, reason=" "
        )
    later = timezone.localdate() + dt.timedelta(days=10)
    for deadline in (None, timezone.localdate() - dt.timedelta(days=1)):
        with pytest.raises(DomainError) as refused:
            services.assessment_reopen(
                actor=org.admin,
                assessment=assessment,
                to_stage=Stage.APPRAISAL_2,
                reason="Hội đồng xem xét lại tiêu chí 1.1",
                deadline=deadline,
            )
        assert refused.value.field == "deadline"
    services.assessment_reopen(
        actor=org.admin,
        assessment=assessment,
        to_stage=Stage.APPRAISAL_2,
        reason="Hội đồng xem xét lại tiêu chí 1.1",
        deadline=later,
    )
    assessment.refresh_from_db()
    assert assessment.stage == Stage.APPRAISAL_2 and not assessment.appraisal_closed
    assert assessment.appraisal_2_deadline == later == assessment.deadline()
    entry = AuditEntry.objects.get(action="assessment.reopened")
    assert entry.note == "Hội đồng xem xét lại tiêu chí 1.1"
    assert Snapshot.objects.filter(assessment=assessment, from_stage="final").exists()


def test_evidence_is_stored_with_its_sha256_and_checked(org, assessment, settings):
    score = score_of(assessment, "1.2.1")
    evidence = services.evidence_add(
        actor=org.staff_a, score=score, upload=SimpleUploadedFile("bc.pdf", PDF, "application/pdf")
    )
    import hashlib

    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest() and evidence.size == len(PDF)
    with pytest.raises(DomainError):
        services.evidence_add(
            actor=org.staff_a,
            score=score,
            upload=SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream"),
        )
    with pytest.raises(DomainError):
        services.evidence_add(
            actor=org.staff_a,
            score=score,
            upload=SimpleUploadedFile("fake.pdf", b"hello", "application/pdf"),
        )
    settings.PARINDEX_MAX_UPLOAD_BYTES = 10
    with pytest.raises(DomainError):
        services.evidence_add(
            actor=org.staff_a,
            score=score,
            upload=SimpleUploadedFile("big.pdf", PDF, "application/pdf"),
        )


def test_a_deduction_needs_a_reason(org, assessment):
    fill_self(assessment)
    walk(org, assessment, Stage.SUBMITTED, Stage.APPRAISAL_1)
    with pytest.raises(DomainError):
        services.score_appraise(actor=org.appraiser, score=score_of(assessment, "1.1"), points="3")
    assert services.score_appraise(
        actor=org.appraiser, score=score_of(assessment, "1.1"), points="4"
    )


def test_points_outside_the_range_are_refused(org, assessment):
    with pytest.raises(DomainError):
        services.score_self(actor=org.staff_a, score=score_of(assessment, "1.2.1"), points="3.6")
    with pytest.raises(DomainError):
        services.score_self(actor=org.staff_a, score=score_of(assessment, "1.2.1"), points="-0.5")


def test_assignments_carry_over_to_a_new_year(org, framework, tmp_path):
    from parindex.scorecards.models import Assignment
    from parindex.scorecards.tests.helpers import FRAMEWORK_HEADER, SMALL, write_csv

    rows = [r[:6] + ["", ""] + r[8:] for r in SMALL]
    services.import_framework(write_csv(tmp_path / "k23.csv", FRAMEWORK_HEADER, rows), year=2023)
    count = services.assignments_carry_over(
        actor=org.secretariat, agency=org.agency, from_year=2022, to_year=2023
    )
    assert count == 6
    assert (
        Assignment.objects.get(node__framework__year=2023, node__code="1.2.1").lead_unit
        == org.unit_a
    )
    with pytest.raises(PermissionDenied):
        services.assignments_carry_over(
            actor=org.staff_a, agency=org.agency, from_year=2022, to_year=2023
        )


def test_opening_a_new_year_carries_last_years_assignments_over_for_review(
    org, framework, tmp_path, client_for
):
    """No hidden extra step: the new year's assessment starts from last year's assignments, and
    the assignments page says which rows are still as last year."""
    from django.urls import reverse

    from parindex.scorecards.models import Assignment
    from parindex.scorecards.tests.helpers import FRAMEWORK_HEADER, SMALL, write_csv

    rows = [r[:6] + ["", ""] + r[8:] for r in SMALL]
    services.import_framework(write_csv(tmp_path / "k23.csv", FRAMEWORK_HEADER, rows), year=2023)
    services.assessment_open(actor=org.secretariat, agency=org.agency, year=2023)
    carried = Assignment.objects.filter(agency=org.agency, node__framework__year=2023)
    assert carried.count() == 6
    assert carried.get(node__code="1.2.1").lead_unit == org.unit_a
    node = carried.get(node__code="1.2.2").node
    services.assignment_set(
        actor=org.secretariat, agency=org.agency, node=node, lead_unit=org.unit_a
    )
    page = client_for(org.secretariat).get(reverse("scorecards:assignments", args=["SKHCN", 2023]))
    marked = {r["node"].code for r in page.context["rows"] if r["as_last_year"]}
    assert "1.2.1" in marked and "1.2.2" not in marked
    assert page.context["as_last_year"] == 5
    assert 'id="carried-over"' in page.content.decode()


def test_changing_an_assignment_moves_the_scores_to_the_new_unit(org, assessment):
    node = score_of(assessment, "1.2.2").node
    services.assignment_set(
        actor=org.secretariat, agency=org.agency, node=node, lead_unit=org.unit_a
    )
    assert score_of(assessment, "1.2.2").lead_unit == org.unit_a
    with pytest.raises(PermissionDenied):
        services.assignment_set(
            actor=org.head_a, agency=org.agency, node=node, lead_unit=org.unit_b
        )


def test_the_workflow_says_who_moves_the_next_stage_and_why_a_button_is_missing(
    org, assessment, client_for
):
    from django.urls import reverse

    url = reverse("scorecards:scorecard", args=["SKHCN", 2022])
    from parindex.scorecards.services.workflow import workflow_steps

    steps = workflow_steps(org.staff_a, assessment)
    assert [(s.stage, s.allowed) for s in steps] == [(Stage.SUBMITTED, False)]
    assert [(s.stage, s.allowed) for s in workflow_steps(org.secretariat, assessment)] == [
        (Stage.SUBMITTED, True)
    ]
    page = client_for(org.staff_a).get(url).content.decode()
    assert "PAR secretariat" in page or "Thường trực" in page
    assert 'aria-current="step"' in page
    assert 'name="move"' not in page
    fill_self(assessment)
    walk(org, assessment, Stage.SUBMITTED)
    who = {s.stage: s.who for s in workflow_steps(org.secretariat, assessment)}
    assert set(who) == {Stage.DRAFT, Stage.APPRAISAL_1}
    assert [s.stage for s in workflow_steps(org.secretariat, assessment) if s.allowed] == [
        Stage.DRAFT
    ]
