"""The permission matrix: each role × self score, appraisal, explanation in each stage."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import PERSONAS
from parindex.common.errors import DomainError
from parindex.scorecards import services
from parindex.scorecards.choices import Stage
from parindex.scorecards.tests.conftest import score_of

# 1.2.1 is led by unit A (QLCN); unit B (TDC) cooperates on it.
SELF_ALLOWED = {Stage.DRAFT: {"admin", "secretariat", "head_a", "staff_a"}}
APPRAISE_ALLOWED = {
    Stage.APPRAISAL_1: {"admin", "appraiser"},
    Stage.APPRAISAL_2: {"admin", "appraiser"},
}
EXPLAIN_ALLOWED = {Stage.EXPLANATION: {"admin", "secretariat", "head_a", "staff_a"}}
VIEW_ALLOWED = set(PERSONAS) - {"outsider", "other_secretariat"}
STAGES = [
    Stage.DRAFT,
    Stage.SUBMITTED,
    Stage.APPRAISAL_1,
    Stage.EXPLANATION,
    Stage.APPRAISAL_2,
    Stage.FINAL,
]


def attempt(action):
    try:
        action()
        return True
    except (PermissionDenied, DomainError):
        return False


@pytest.mark.parametrize("stage", STAGES)
def test_permission_matrix(org, assessment, stage):
    assessment.stage = stage
    assessment.save()
    for role in PERSONAS:
        user = org.by_name(role)
        allowed_self = attempt(
            lambda u=user: services.score_self(
                actor=u, score=score_of(assessment, "1.2.1"), points="3", explanation="x"
            )
        )
        assert allowed_self == (role in SELF_ALLOWED.get(stage, set())), (role, stage, "self")
        allowed_appraise = attempt(
            lambda u=user: services.score_appraise(
                actor=u, score=score_of(assessment, "1.2.1"), points="3.5"
            )
        )
        assert allowed_appraise == (role in APPRAISE_ALLOWED.get(stage, set())), (
            role,
            stage,
            "appraise",
        )
        allowed_explain = attempt(
            lambda u=user: services.score_explain(
                actor=u, score=score_of(assessment, "1.2.1"), answer="Giải trình"
            )
        )
        assert allowed_explain == (role in EXPLAIN_ALLOWED.get(stage, set())), (
            role,
            stage,
            "explain",
        )


def test_who_sees_a_score(org, assessment):
    from parindex.scorecards.models import Score

    score = score_of(assessment, "1.2.1")
    for role in PERSONAS:
        visible = Score.objects.restrict(org.by_name(role)).filter(pk=score.pk).exists()
        assert visible == (role in VIEW_ALLOWED), role


def test_staff_of_another_unit_cannot_see_a_leaf_they_have_no_part_in(org, assessment):
    from parindex.scorecards.models import Score

    score = score_of(assessment, "1.1")  # led by HCTH, nobody cooperates
    assert not Score.objects.restrict(org.staff_b).filter(pk=score.pk).exists()
    assert not Score.objects.restrict(org.staff_a).filter(pk=score.pk).exists()


def test_survey_leaves_are_never_self_scored(org, assessment):
    with pytest.raises(DomainError):
        services.score_self(actor=org.admin, score=score_of(assessment, "3.1"), points="1")


def test_every_score_change_is_audited_with_before_and_after(org, assessment):
    from parindex.audit.models import AuditEntry

    services.score_self(
        actor=org.staff_a, score=score_of(assessment, "1.2.1"), points="3", explanation="ok"
    )
    entry = AuditEntry.objects.get(action="score.self_assessed")
    assert entry.actor == org.staff_a
    assert entry.before == {"self_points": None, "self_explanation": ""}
    assert entry.after == {"self_points": "3.000", "self_explanation": "ok"}
