"""The reports API: list, create, download."""

import json

from parindex.reports.models import ReportRun
from parindex.reports.tests.conftest import issue


def test_api_lists_runs_in_scope(org, client_for, draft):
    data = client_for(org.director).get("/api/v1/reports/runs").json()
    assert [r["id"] for r in data] == [str(draft.uuid)]
    assert data[0]["period"] == "2026-Q1" and data[0]["status"] == "draft"
    assert client_for(org.other_secretariat).get("/api/v1/reports/runs").json() == []


def test_api_creates_a_run_for_the_secretariat_only(org, client_for):
    payload = json.dumps({"type": "dossiers", "agency": "SKHCN", "period": "2026-03"})
    response = client_for(org.secretariat).post(
        "/api/v1/reports/runs", payload, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["period"] == "2026-03"
    refused = client_for(org.head_a).post(
        "/api/v1/reports/runs", payload, content_type="application/json"
    )
    assert refused.status_code == 403
    bad = client_for(org.secretariat).post(
        "/api/v1/reports/runs",
        json.dumps({"type": "dossiers", "agency": "SKHCN", "period": "2026-Q9"}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "period"
    assert ReportRun.objects.count() == 1


def test_api_downloads_docx_xlsx_and_json(org, client_for, draft):
    issue(draft, org.secretariat)
    client = client_for(org.viewer)
    run = client.get(f"/api/v1/reports/runs/{draft.uuid}").json()
    docx = client.get(run["docx_url"])
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(run["xlsx_url"]).status_code == 200
    document = client.get(f"/api/v1/reports/runs/{draft.uuid}/json").json()
    assert document["reference"] == "15/BC-SKHCN" and document["issued_on"] == "2026-02-05"
    assert client.get(f"/api/v1/reports/runs/{draft.uuid}/odt").status_code == 404
    assert client_for(org.outsider).get(f"/api/v1/reports/runs/{draft.uuid}").status_code == 404
    assert client.get("/api/v1/reports/runs/not-a-uuid").status_code == 404


def test_api_lists_the_report_types(org, client_for):
    keys = {t["key"] for t in client_for(org.viewer).get("/api/v1/reports/types").json()}
    assert keys == {
        "self_assessment",
        "par_implementation",
        "conclusion_notice",
        "lost_points",
        "dossiers",
    }
