"""The demo year: a drafting plan, inspections with PAR checks, ~30 recommendations; re-runnable."""

from django.core.management import call_command

from parindex.registers.choices import InspectionKind, RecommendationSource
from parindex.registers.models import Inspection, LegalDocument, Recommendation, today
from parindex.scorecards.models import Node


def test_demo_builds_a_realistic_year_of_registers_and_is_idempotent(db):
    call_command("demo")
    on = today()
    assert LegalDocument.objects.count() == 6
    assert Inspection.objects.count() == 10
    assert (
        Inspection.objects.filter(kind=InspectionKind.PAR_CHECK, target_unit__isnull=False).count()
        == 4
    )
    recs = list(Recommendation.objects.all())
    assert 10 <= len(recs) <= 32
    assert {r.source for r in recs} >= {
        RecommendationSource.APPRAISAL,
        RecommendationSource.NOTICE,
        RecommendationSource.REVIEW,
    }
    assert all(r.task is not None and r.task.lead_unit_id == r.unit_id for r in recs)
    if on.month >= 7:
        assert len(recs) >= 25
        assert any(r.is_overdue(on) for r in recs)
    assert Node.objects.filter(framework__year=on.year, metric_key="legal.on_time_rate").exists()
    counts = (LegalDocument.objects.count(), Inspection.objects.count(), len(recs))
    call_command("demo")
    assert (
        LegalDocument.objects.count(),
        Inspection.objects.count(),
        Recommendation.objects.count(),
    ) == counts
