"""The product's own error pages, its favicon and the footer's language switch."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from parindex.common.env import EnvError, read_config


def test_debug_pages_are_off_unless_parindex_debug_asks_for_them(tmp_path):
    base = {"PARINDEX_DATA_DIR": str(tmp_path)}
    assert read_config(base, base_dir=tmp_path).debug is False
    assert read_config({**base, "PARINDEX_DEBUG": "true"}, base_dir=tmp_path).debug is True
    with pytest.raises(EnvError, match="PARINDEX_DEBUG"):
        read_config(
            {
                **base,
                "PARINDEX_DEBUG": "1",
                "PARINDEX_ENV": "production",
                "SECRET_KEY": "k" * 20 + "abcdefghij" * 4,
                "ALLOWED_HOSTS": "cchc.example.vn",
            },
            base_dir=tmp_path,
        )
    # What `make run` gets: no PARINDEX_DEBUG in its environment.
    assert settings.DEBUG is False


def test_an_unknown_address_answers_the_products_vietnamese_404(org, client_for):
    response = client_for(org.staff_a).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy" in page and 'class="topbar"' in page
    assert "Page not found" not in page and "URLconf" not in page


def test_a_server_error_answers_the_products_vietnamese_500(org, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    client = Client(raise_request_exception=False)
    client.force_login(org.staff_a)
    monkeypatch.setattr("django.urls.resolvers.URLResolver.resolve", broken)
    response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Lỗi hệ thống" in page and "Traceback" not in page


def test_every_page_names_the_favicon_and_the_browsers_default_address_finds_it(org, client_for):
    page = client_for(org.staff_a).get("/").content.decode()
    assert 'rel="icon" href="/static/parindex/favicon.svg"' in page
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/parindex/favicon.svg"


def test_the_footer_language_switch_works_for_a_signed_in_user(org, client_for):
    client = client_for(org.staff_a)
    assert "Tổng quan" in client.get("/").content.decode()
    response = client.post("/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    assert "<h1>Overview</h1>" in page and 'value="vi"' in page
    client.post("/language/", {"language": "vi", "next": "/"})
    assert "<h1>Tổng quan</h1>" in client.get("/").content.decode()
    org.staff_a.refresh_from_db()
    assert org.staff_a.language == "vi"
