"""Units, people and roles screens, role by role."""

import pytest
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.org.models import Membership, Unit, User

ALL = ["admin", "secretariat", "director", "head_a", "staff_a", "appraiser", "viewer", "outsider"]


@pytest.mark.parametrize("persona", ALL)
def test_every_persona_opens_the_unit_and_people_lists(org, client_for, persona):
    client = client_for(org.by_name(persona))
    assert client.get(reverse("org:unit_list")).status_code == 200
    assert client.get(reverse("org:person_list")).status_code == 200


def test_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse("org:unit_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_unit_list_shows_only_the_viewer_scope(org, client_for):
    page = client_for(org.other_secretariat).get(reverse("org:unit_list")).content.decode()
    assert "Văn phòng Sở Tư pháp" in page
    assert "Phòng Quản lý Công nghệ" not in page


def test_unit_list_is_filtered_searched_and_exported_as_shown(org, client_for):
    client = client_for(org.secretariat)
    page = client.get(reverse("org:unit_list"), {"q": "tiêu chuẩn"}).content.decode()
    assert "Phòng Tiêu chuẩn" in page and "Phòng Quản lý Công nghệ" not in page
    export = client.get(reverse("org:unit_list"), {"q": "tiêu chuẩn", "export": "csv"})
    text = export.content.decode("utf-8-sig")
    assert "TDC" in text and "QLCN" not in text
    assert export["Content-Type"].startswith("text/csv")
    xlsx = client.get(reverse("org:unit_list"), {"export": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_unit_list_shows_every_unit_with_as_many_queries_for_twice_the_units(
    org, client_for, list_scales
):
    def add(start, stop):
        for i in range(start, stop):
            Unit.objects.create(agency=org.agency, code=f"U{i}", name=f"Đơn vị thử {i}")

    list_scales(
        client_for(org.secretariat), reverse("org:unit_list"), add, lambda i: f"Đơn vị thử {i}<"
    )


def test_person_list_shows_every_person_with_as_many_queries_for_twice_the_people(
    org, client_for, list_scales
):
    def add(start, stop):
        for i in range(start, stop):
            user = User.objects.create_user(username=f"p{i}", full_name=f"Người thử {i}")
            Membership.objects.create(user=user, role="unit_staff", unit=org.unit_a)

    list_scales(
        client_for(org.secretariat), reverse("org:person_list"), add, lambda i: f"Người thử {i}<"
    )


def test_unit_head_of_a_cannot_edit_unit_b(org, client_for):
    client = client_for(org.head_a)
    url_b = reverse("org:unit_edit", args=["SKHCN", "TDC"])
    assert client.get(url_b).status_code == 403
    assert (
        client.post(url_b, {"code": "TDC", "name": "Đổi tên", "kind": "phong"}).status_code == 403
    )
    assert Unit.objects.get(pk=org.unit_b.pk).name == "Phòng Tiêu chuẩn Đo lường Chất lượng"


def test_unit_head_edits_own_unit_and_the_change_is_audited(org, client_for):
    client = client_for(org.head_a)
    url = reverse("org:unit_edit", args=["SKHCN", "QLCN"])
    response = client.post(
        url, {"code": "QLCN", "name": "Phòng QLCN&CN", "kind": "phong", "is_active": "on"}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="unit.updated")
    assert entry.actor == org.head_a
    assert entry.before["name"] == "Phòng Quản lý Công nghệ"
    assert entry.after["name"] == "Phòng QLCN&CN"
    detail = client.get(org.unit_a.get_absolute_url()).content.decode()
    assert "unit.updated" in detail  # the history panel


@pytest.mark.parametrize("persona", ["viewer", "director", "staff_a", "appraiser"])
def test_read_only_personas_cannot_create_or_change_anything(org, client_for, persona):
    client = client_for(org.by_name(persona))
    assert client.get(reverse("org:unit_create")).status_code == 403
    assert client.get(reverse("org:unit_edit", args=["SKHCN", "QLCN"])).status_code == 403
    assert client.get(reverse("org:person_create")).status_code == 403
    assert client.get(reverse("org:person_edit", args=["cv_b"])).status_code in (403, 404)
    response = client.post(reverse("org:membership_add", args=["cv_b"]), {"role": "viewer"})
    assert response.status_code in (403, 404)
    assert not Membership.objects.filter(user=org.staff_b, role="viewer").exists()


def test_unit_of_another_agency_is_not_found_for_the_secretariat(org, client_for):
    response = client_for(org.secretariat).get(reverse("org:unit_detail", args=["STP", "VP"]))
    assert response.status_code == 404


def test_secretariat_creates_a_unit_with_a_clear_error_on_a_taken_code(org, client_for):
    client = client_for(org.secretariat)
    taken = client.post(
        reverse("org:unit_create"),
        {
            "agency": org.agency.pk,
            "code": "qlcn",
            "name": "Trùng mã",
            "kind": "phong",
        },
    )
    assert taken.status_code == 200
    assert "Cơ quan này đã có đơn vị mang mã này." in taken.content.decode()
    created = client.post(
        reverse("org:unit_create"),
        {
            "agency": org.agency.pk,
            "code": "khtc",
            "name": "Phòng Kế hoạch – Tài chính",
            "kind": "phong",
        },
    )
    assert created.status_code == 302
    assert Unit.objects.get(agency=org.agency, code="KHTC").name == "Phòng Kế hoạch – Tài chính"


def test_secretariat_creates_a_person_with_a_unit_role(org, client_for):
    client = client_for(org.secretariat)
    response = client.post(
        reverse("org:person_create"),
        {
            "username": "cv_moi",
            "full_name": "Nguyễn Văn Mới",
            "language": "vi",
            "password": "Mot-mat-khau-dai-2026",
            "role": "unit_staff",
            "unit": org.unit_b.pk,
        },
    )
    assert response.status_code == 302
    person = User.objects.get(username="cv_moi")
    assert person.check_password("Mot-mat-khau-dai-2026")
    assert person.memberships.get().unit == org.unit_b
    assert AuditEntry.objects.filter(action="person.created", target_id=str(person.pk)).exists()
    assert AuditEntry.objects.filter(action="membership.added", target_id=str(person.pk)).exists()


def test_secretariat_cannot_give_a_role_in_another_agency(org, client_for):
    client = client_for(org.secretariat)
    client.post(
        reverse("org:membership_add", args=["cv_a"]),
        {
            "role": "unit_staff",
            "unit": org.other_unit.pk,
        },
    )
    assert not Membership.objects.filter(user=org.staff_a, unit=org.other_unit).exists()


def test_secretariat_assigns_and_removes_a_role(org, client_for):
    client = client_for(org.secretariat)
    client.post(
        reverse("org:membership_add", args=["cv_a"]), {"role": "viewer", "agency": org.agency.pk}
    )
    membership = Membership.objects.get(user=org.staff_a, role="viewer")
    client.post(reverse("org:membership_remove", args=["cv_a", membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="membership.removed").exists()


def test_user_switches_own_language_to_english(org, client_for):
    client = client_for(org.staff_a)
    client.post(
        reverse("org:profile"),
        {
            "profile-full_name": "Cv A",
            "profile-email": "",
            "profile-phone": "",
            "profile-language": "en",
        },
    )
    page = client.get(reverse("home:overview"))
    assert page["Content-Language"] == "en"
    assert "Overview" in page.content.decode()


def test_api_token_is_shown_once_and_stored_hashed(org, client_for):
    client = client_for(org.staff_a)
    page = client.post(reverse("org:token_create"), {"name": "Một cửa"}).content.decode()
    token = org.staff_a.api_tokens.get()
    assert token.key_hash not in page
    assert token.prefix in page


def test_secretariat_edits_the_agency_document_settings(org, client_for):
    client = client_for(org.secretariat)
    url = reverse("org:agency_edit", args=["SKHCN"])
    assert url in client.get(reverse("org:unit_list")).content.decode()
    client.post(
        url,
        {
            "name": org.agency.name,
            "parent_body": "UBND TỈNH QUẢNG NGÃI",
            "place_name": "Quảng Ngãi",
            "document_code": "SKHCN-QN",
        },
    )
    org.agency.refresh_from_db()
    assert org.agency.document_code == "SKHCN-QN"
    assert AuditEntry.objects.filter(action="agency.updated").exists()


@pytest.mark.parametrize("persona", ["head_a", "director", "other_secretariat"])
def test_others_cannot_edit_the_agency_settings(org, client_for, persona):
    response = client_for(org.by_name(persona)).get(reverse("org:agency_edit", args=["SKHCN"]))
    assert response.status_code in (403, 404)
