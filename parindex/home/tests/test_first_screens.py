"""Each role lands on what it works on, over the demo data (issue: the first screen of three
roles said there was nothing while everything existed)."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

from parindex.org.models import User


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _home(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_each_demo_role_lands_on_what_it_works_on():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    nothing = ("Chưa có bảng điểm", "Chưa có số liệu hồ sơ", "Chưa có kế hoạch")

    staff = _home("chuyenvien")
    assert 'id="my-criteria"' in staff and 'id="my-tasks"' in staff
    assert 'id="my-late-dossiers"' in staff
    assert "Đơn vị của bạn chủ trì 3 tiêu chí" in _text(staff)
    assert "/scorecards/SKHCN/2026/mine/" in staff or "/scorecards/SKHCN/2026/" in staff
    assert "/dossiers/late/?agency=SKHCN&amp;unit_code=QLCN" in staff
    assert re.search(r"\d+ hồ sơ giải quyết trễ hạn từ 01/01/", _text(staff))

    council = _text(_home("thamdinh"))
    assert "Cơ quan cần thẩm định" in council
    assert "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi 2026 Giải trình 11/12/2026" in council

    viewer = _home("xem")
    assert "Chỉ số dự kiến năm 2026" in _text(viewer)
    assert '<form method="post"' not in viewer.split("<main", 1)[-1]

    head = _home("truongphong")
    assert "Chỉ số dự kiến năm 2026" in _text(head) and 'id="my-criteria"' in head

    for username in ("chuyenvien", "thamdinh", "xem", "truongphong", "giamdoc", "thuky"):
        page = _text(_home(username))
        assert not any(phrase in page for phrase in nothing), username


def test_a_person_without_a_role_is_told_to_ask_for_one(org, client_for):
    page = client_for(org.outsider).get("/").content.decode()
    assert "Bạn chưa được giao vai trò nào" in page


def test_a_viewer_sees_the_directors_page_read_only(org, client_for):
    page = client_for(org.viewer).get("/").content.decode()
    assert "Chỉ số dự kiến" in page
