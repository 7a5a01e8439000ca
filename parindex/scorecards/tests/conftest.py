from __future__ import annotations

import pytest

from parindex.scorecards import services
from parindex.scorecards.models import Score
from parindex.scorecards.tests.helpers import framework_file


@pytest.fixture(autouse=True)
def english_messages():
    """Messages are asserted in English (msgids); screens are tested in both languages."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def framework(org, tmp_path):
    """The small framework of 2022 with SKHCN's assignments (HCTH, QLCN = unit A, TDC = unit B)."""
    services.import_framework(framework_file(tmp_path), year=2022, agency_code="SKHCN")
    from parindex.scorecards.models import Framework

    return Framework.objects.get(year=2022)


@pytest.fixture
def assessment(org, framework):
    return services.assessment_open(actor=None, agency=org.agency, year=2022)


def score_of(assessment, code: str) -> Score:
    return Score.objects.select_related("node", "assessment__agency", "assessment__framework").get(
        assessment=assessment, node__code=code
    )
