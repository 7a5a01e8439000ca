"""The province page: every agency's standing, for the province's roles only, in a fixed number
of queries; the drill-down opens an agency's own overview."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.org.models import Agency
from parindex.province import services
from parindex.province.models import Standing
from parindex.scorecards import services as scorecards
from parindex.scorecards.models import Assessment, Score
from parindex.scorecards.tests.helpers import framework_file

PAGE = "/province/TINH/"


@pytest.fixture
def framework(org, tmp_path):
    scorecards.import_framework(framework_file(tmp_path), year=2022, agency_code="SKHCN")
    from parindex.scorecards.models import Framework

    return Framework.objects.get(year=2022)


def open_for(agency, stage="draft", points=None):
    assessment = scorecards.assessment_open(actor=None, agency=agency, year=2022)
    Assessment.objects.filter(pk=assessment.pk).update(stage=stage)
    if points is not None:
        Score.objects.filter(assessment=assessment).update(self_points=0, appraised_points=points)
    return assessment


def add_agencies(org, count: int, start: int = 0):
    for i in range(start, start + count):
        agency = Agency.objects.create(province=org.province, code=f"X{i:03d}", name=f"Sở {i}")
        open_for(agency, stage="appraisal_1", points=Decimal("0.5"))


@pytest.mark.parametrize("persona", ["province_secretariat", "province_council", "admin"])
def test_province_roles_see_every_agency_with_a_drill_down(org, framework, client_for, persona):
    open_for(org.agency, stage="submitted")
    response = client_for(org.by_name(persona)).get(PAGE + "?year=2022")
    assert response.status_code == 200
    page = response.content.decode()
    rows = response.context["rows"]
    assert [r[0].value for r in rows] == ["SKHCN", "STP"]
    assert rows[0][2].value == response.context["rows"][0][2].value != ""
    assert rows[1][2].value == ""
    assert f'href="{reverse("home:overview")}?agency=STP"' in page


@pytest.mark.parametrize(
    "persona",
    ["secretariat", "director", "head_a", "staff_a", "appraiser", "viewer", "other_secretariat"],
)
def test_agency_roles_cannot_open_the_province_page(org, framework, client_for, persona):
    client = client_for(org.by_name(persona))
    assert client.get(PAGE).status_code == 404
    assert client.get("/province/").status_code == 403
    assert client.get("/api/v1/province/TINH/agencies?year=2022").status_code == 404


def test_the_drill_down_opens_another_agency_for_the_province_council_only(
    org, framework, client_for
):
    council = client_for(org.province_council).get(reverse("home:overview") + "?agency=STP")
    assert council.context["director"]["agency"] == org.other_agency
    own = client_for(org.secretariat).get(reverse("home:overview") + "?agency=STP")
    assert own.context["director"]["agency"] == org.agency  # never the other agency


def test_the_page_shows_the_appraised_index_and_the_refreshed_projection(org, framework):
    open_for(org.agency, stage="appraisal_1", points=Decimal("1"))
    count = services.standings_refresh(
        actor=org.province_secretariat, province=org.province, year=2022
    )
    assert count == 2
    from parindex.province.selectors import province_rows

    rows = {r.agency.code: r for r in province_rows(org.province, 2022)}
    assert rows["SKHCN"].stage == "appraisal_1" and rows["SKHCN"].appraised_index is not None
    assert rows["STP"].stage is None and rows["STP"].appraised_index is None
    assert Standing.objects.filter(year=2022).count() == 2
    assert rows["SKHCN"].computed_at is not None
    assert AuditEntry.objects.filter(action="province.standings_refreshed").count() == 1


def test_an_agency_secretariat_cannot_refresh_the_standings(org, framework):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.standings_refresh(actor=org.secretariat, province=org.province, year=2022)


def test_the_page_reads_a_fixed_number_of_queries_for_n_and_2n_agencies(org, framework, client_for):
    client = client_for(org.province_council)
    add_agencies(org, 5)
    with CaptureQueriesContext(connection) as small:
        first = client.get(PAGE + "?year=2022&per_page=100")
    add_agencies(org, 7, start=5)
    with CaptureQueriesContext(connection) as large:
        second = client.get(PAGE + "?year=2022&per_page=100")
    assert len(first.context["rows"]) == 7 and len(second.context["rows"]) == 14
    # The same index as the agency's own scorecard.
    from parindex.scorecards.selectors import compute_for

    x005 = Agency.objects.get(code="X005")
    shown = {r[0].value: r for r in second.context["rows"]}
    assert shown["X005"][3].value == compute_for(x005, framework).index.quantize(Decimal("0.01"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_export_is_what_is_on_screen(org, framework, client_for):
    client = client_for(org.province_secretariat)
    response = client.get(PAGE + "?year=2022&q=STP&export=csv")
    text = response.content.decode("utf-8-sig")
    assert "STP" in text and "SKHCN" not in text


def test_the_api_and_the_command_give_the_same_rows(org, framework, client_for):
    open_for(org.agency, stage="submitted")
    api = client_for(org.province_council).get("/api/v1/province/TINH/agencies?year=2022").json()
    out = io.StringIO()
    call_command("province_standings", "--year", "2022", stdout=out)
    command = json.loads(out.getvalue())
    assert [r["agency"] for r in api] == [r["agency"] for r in command] == ["SKHCN", "STP"]
    assert api[0]["stage"] == command[0]["stage"] == "submitted"


def test_the_command_refuses_an_agency_user(org, framework):
    from django.http import Http404

    with pytest.raises(Http404):
        call_command(
            "province_standings",
            "--year",
            "2022",
            "--user",
            org.secretariat.username,
            stdout=io.StringIO(),
        )
