"""The dossier API: token auth, validation, idempotence, scope."""

import json

import pytest

from parindex.dossiers.models import Dossier, ImportRun
from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure
from parindex.org.services import api_token_create


def row(code="H1", **extra):
    data = {
        "code": code,
        "procedure": "1.001",
        "channel": "trực tuyến",
        "received_at": "02/03/2026 08:00",
        "due_at": "10/03/2026",
        "status": 4,
    }
    data.update(extra)
    return data


@pytest.fixture
def token(org):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    return api_token_create(actor=org.secretariat, name="một cửa")[1]


def push(client, token, rows, **extra):
    return client.post(
        "/api/v1/dossiers/bulk",
        data=json.dumps({"agency": "SKHCN", "rows": rows, **extra}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_push_without_a_token_is_refused(client, org):
    response = client.post(
        "/api/v1/dossiers/bulk",
        data=json.dumps({"agency": "SKHCN", "rows": []}),
        content_type="application/json",
    )
    assert response.status_code == 401


def test_push_creates_then_is_idempotent(client, token):
    first = push(client, token, [row(), row("H2", MaTTHC="1.001", KenhThucHien=1)])
    assert first.status_code == 200, first.content
    assert first.json()["created"] == 2
    again = push(client, token, [row(), row("H2", MaTTHC="1.001", KenhThucHien=1)])
    assert again.json()["unchanged"] == 2 and again.json()["created"] == 0
    changed = push(client, token, [row(status="đã trả kết quả", finished_at="05/03/2026 10:00")])
    assert changed.json()["updated"] == 1
    assert Dossier.objects.get(code="H1").status == 10
    assert ImportRun.objects.filter(file_name="API").count() == 3


def test_push_validates_like_the_file_import(client, token):
    response = push(client, token, [row(), row("H2", due_at="01/03/2026")])
    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(2, "Ngày hẹn trả")]
    assert not Dossier.objects.exists()
    skipped = push(client, token, [row(), row("H2", due_at="01/03/2026")], skip_invalid=True)
    assert skipped.json()["created"] == 1 and skipped.json()["rejected"] == 1


def test_push_by_someone_who_is_not_secretariat_is_forbidden(client, org, token):
    staff_token = api_token_create(actor=org.staff_a, name="x")[1]
    assert push(client, staff_token, [row()]).status_code == 403
    other = api_token_create(actor=org.other_secretariat, name="x")[1]
    assert push(client, other, [row()]).status_code in (403, 404)


def test_lists_detail_and_figures_follow_the_scope(client, org, token):
    pb = make_procedure(org.agency, "2.002", unit=org.unit_b)
    push(client, token, [row()])
    make_dossier(pb, "B1", at("02/03/2026"), at("05/03/2026"), None, status=4)
    staff = api_token_create(actor=org.staff_a, name="x")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {staff}"}
    listed = client.get("/api/v1/dossiers/dossiers?agency=SKHCN", **auth).json()
    assert [d["code"] for d in listed] == ["H1"]
    assert client.get("/api/v1/dossiers/dossiers/SKHCN/B1", **auth).status_code == 404
    assert client.get("/api/v1/dossiers/dossiers/SKHCN/H1", **auth).json()["channel"] == 2
    figures = client.get(
        "/api/v1/dossiers/figures?agency=SKHCN&from=2026-03-01&to=2026-03-31", **auth
    ).json()
    assert figures["total"]["received"] == 1 and figures["total"]["online_share"] == 1.0
    secretariat = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    full = client.get(
        "/api/v1/dossiers/figures?agency=SKHCN&from=2026-03-01&to=2026-03-31&by=unit", **secretariat
    ).json()
    assert full["total"]["received"] == 2 and len(full["groups"]) == 2
    filtered = client.get("/api/v1/dossiers/dossiers?status=4&unit=TDC", **secretariat).json()
    assert [d["code"] for d in filtered] == ["B1"]
    procs = client.get("/api/v1/dossiers/procedures?agency=SKHCN", **auth).json()
    assert {p["code"] for p in procs} == {"1.001", "2.002"}
