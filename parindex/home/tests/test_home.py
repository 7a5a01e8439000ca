import pytest
from django.db import DatabaseError
from django.urls import reverse

from parindex.org import services


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    class DeadConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("parindex.home.views.connection", DeadConnection())
    response = client.get("/healthz")
    assert response.status_code == 503


def test_api_me_refuses_anonymous_callers(client, db):
    assert client.get("/api/v1/me").status_code == 401


def test_api_me_returns_the_caller_and_roles_by_session(org, client_for):
    data = client_for(org.head_a).get("/api/v1/me").json()
    assert data["username"] == "truong_a"
    assert data["roles"] == [
        {"role": "unit_head", "agency": "SKHCN", "unit": "QLCN", "council": None}
    ]


def test_api_accepts_a_bearer_token_until_it_is_revoked(org, client):
    token, key = services.api_token_create(actor=org.staff_a, name="Một cửa")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/v1/me", headers=headers).json()["username"] == "cv_a"
    services.api_token_revoke(actor=org.staff_a, token=token)
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer pi_wrong"}).status_code == 401


def test_openapi_schema_lists_the_me_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"]


def test_api_units_are_scoped(org, client_for):
    codes = {u["code"] for u in client_for(org.other_secretariat).get("/api/v1/units").json()}
    assert codes == {"VP"}


@pytest.mark.parametrize("persona", ["admin", "secretariat", "director", "staff_a", "outsider"])
def test_overview_renders_in_vietnamese_for_every_persona(org, client_for, persona):
    page = client_for(org.by_name(persona)).get(reverse("home:overview"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tổng quan" in text
    assert "Chỉ số CCHC" in text


def test_numbers_and_dates_use_vietnamese_formats(settings):
    import datetime as dt

    from django.utils import formats, translation

    with translation.override("vi"):
        assert (
            formats.number_format(1234.5, decimal_pos=1, use_l10n=True, force_grouping=True)
            == "1.234,5"
        )
        assert formats.date_format(dt.date(2026, 2, 5), "SHORT_DATE_FORMAT") == "05/02/2026"


def test_the_login_page_is_vietnamese_whatever_the_browser_asks(client, db):
    page = client.get(reverse("login"), headers={"Accept-Language": "en-US"}).content.decode()
    assert "Đăng nhập" in page
