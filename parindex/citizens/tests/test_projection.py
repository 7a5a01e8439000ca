"""A survey leaf of the framework bound to `survey.index` takes the live index in the projection
until the council enters the official result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from parindex.citizens.services.survey_imports import import_survey_responses
from parindex.citizens.tests.helpers import make_survey, write_csv
from parindex.metrics.selectors import projection
from parindex.scorecards import services as scorecards
from parindex.scorecards.models import Score
from parindex.scorecards.tests.helpers import METRIC_HEADER
from parindex.scorecards.tests.helpers import write_csv as write_framework

FRAMEWORK = [
    ["1", "Chỉ đạo, điều hành", "5", "", "HCTH", "", ""],
    ["2", "Điều tra xã hội học", "10", "điều tra XHH", "", "", ""],
    ["2.1", "Mức độ hài lòng", "10", "điều tra XHH", "", "survey.index", "full_at 80"],
]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(dt.datetime(2026, 6, 15, 3, tzinfo=dt.UTC), tick=False):
        yield


def test_a_bound_survey_leaf_is_projected_from_the_index_until_the_council_scores_it(org, tmp_path):
    path = write_framework(tmp_path / "khung.csv", METRIC_HEADER, FRAMEWORK)
    scorecards.import_framework(path, year=2026, agency_code="SKHCN")
    assessment = scorecards.assessment_open(actor=None, agency=org.agency, year=2026)
    make_survey(tmp_path)
    forms = write_csv(
        tmp_path / "r.csv",
        [
            ["Mã phiếu", "Ngày", "Q1", "Q3"],
            ["P1", "02/02/2026", "5", "2"],
            ["P2", "03/02/2026", "4", "4"],
        ],
    )
    import_survey_responses(forms, agency_code="SKHCN", survey_code="KS")
    # tiep_can 2/2 = 100 %, cong_chuc 1/2 = 50 % → index 75 %; full_at 80 → 10 × 75/80.
    leaf = {lf.code: lf for lf in projection(org.agency, 2026).leaves}["2.1"]
    assert leaf.source == "metric"
    assert leaf.projected == Decimal("9.375")
    score = Score.objects.get(assessment=assessment, node__code="2.1")
    score.appraised_points = Decimal("8.5")
    score.save()
    leaf = {lf.code: lf for lf in projection(org.agency, 2026).leaves}["2.1"]
    assert (leaf.source, leaf.projected) == ("appraised", Decimal("8.5"))
