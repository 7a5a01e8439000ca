"""API: tree, scores (read; write within rights), scorecard = the command's JSON."""

import io
import json

from django.core.management import call_command

from parindex.scorecards import services
from parindex.scorecards.tests.conftest import score_of

API = "/api/v1/scorecards"


def test_tree_lists_nodes_in_code_order(org, framework, client_for):
    data = client_for(org.staff_a).get(f"{API}/frameworks/2022/tree").json()
    assert [n["code"] for n in data][:4] == ["1", "1.1", "1.2", "1.2.1"]
    assert data[6]["metric"] == "dossiers.on_time_rate"


def test_scores_are_scoped_to_the_callers_rights(org, assessment, client_for):
    data = client_for(org.staff_a).get(f"{API}/SKHCN/2022/scores").json()
    assert [s["code"] for s in data] == ["1.2.1", "2.1"]
    assert len(client_for(org.director).get(f"{API}/SKHCN/2022/scores").json()) == 10
    assert client_for(org.other_secretariat).get(f"{API}/SKHCN/2022/scores").status_code == 404


def test_the_lead_unit_writes_its_self_score_and_nobody_else(org, assessment, client_for):
    response = client_for(org.staff_a).patch(
        f"{API}/SKHCN/2022/scores/1.2.1",
        data={"self": "3.25", "self_explanation": "Đủ"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["self"] == 3.25
    response = client_for(org.director).patch(
        f"{API}/SKHCN/2022/scores/1.2.1", data={"self": "1"}, content_type="application/json"
    )
    assert response.status_code == 403
    response = client_for(org.staff_a).patch(
        f"{API}/SKHCN/2022/scores/1.2.1", data={"self": "9"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert str(score_of(assessment, "1.2.1").self_points) == "3.250"


def test_scorecard_endpoint_equals_the_command(org, assessment, client_for):
    services.score_self(actor=None, score=score_of(assessment, "1.2.1"), points="3", explanation="")
    out = io.StringIO()
    call_command("scorecard", "--agency", "SKHCN", "--year", "2022", "--format", "json", stdout=out)
    api = client_for(org.viewer).get(f"{API}/SKHCN/2022/scorecard").json()
    assert api == json.loads(out.getvalue())
    assert client_for(org.outsider).get(f"{API}/SKHCN/2022/scorecard").status_code == 404
