from decimal import Decimal

import pytest
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.audit.services import record, snapshot
from parindex.org import services


def test_service_writes_who_what_before_and_after(org):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Phòng QLCN&CN")
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.action) == (
        org.secretariat,
        "Thuky",
        "unit.updated",
    )
    assert entry.agency == org.agency
    assert entry.target_repr == "Phòng QLCN&CN"
    assert entry.changes == [("name", "Phòng Quản lý Công nghệ", "Phòng QLCN&CN")]


def test_an_update_that_changes_nothing_writes_no_row(org):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name=org.unit_a.name)
    assert not AuditEntry.objects.exists()


def test_values_are_stored_as_json_safe_text(org):
    entry = record(
        actor=None,
        action="score.appraised",
        target=org.unit_a,
        before={"points": Decimal("2.50")},
        after={"points": Decimal("2.25")},
    )
    entry.refresh_from_db()
    assert entry.before == {"points": "2.50"}
    assert entry.actor_name == "system"
    assert snapshot(org.unit_a, ["agency"]) == {"agency": str(org.agency)}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("secretariat", 200),
        ("director", 403),
        ("head_a", 403),
        ("staff_a", 403),
        ("appraiser", 403),
        ("viewer", 403),
        ("outsider", 403),
    ],
)
def test_audit_list_is_for_the_secretariat_and_admin(org, client_for, persona, status):
    assert client_for(org.by_name(persona)).get(reverse("audit:list")).status_code == status


def test_secretariat_sees_only_its_agency_entries_and_exports_them(org, client_for):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Đổi tên A")
    services.unit_update(actor=org.other_secretariat, unit=org.other_unit, name="Đổi tên STP")
    client = client_for(org.secretariat)
    page = client.get(reverse("audit:list")).content.decode()
    assert "Đổi tên A" in page and "Đổi tên STP" not in page
    filtered = client.get(reverse("audit:list"), {"action": "person.updated"}).content.decode()
    assert "Đổi tên A" not in filtered
    export = client.get(reverse("audit:list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert "Đổi tên A" in export and "Đổi tên STP" not in export


def test_an_entry_names_the_actor_by_username_and_the_name_at_the_time(org, client_for):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Phòng mới")
    # The secretariat then takes the director's name: the old entry still shows who it was.
    org.secretariat.full_name = org.director.full_name
    org.secretariat.save()
    entry = AuditEntry.objects.get()
    assert entry.actor_username == "thuky"
    assert entry.actor_text == "thuky (Thuky)"
    services.unit_update(actor=org.secretariat, unit=org.unit_a, name="Phòng mới hơn")
    newest = AuditEntry.objects.order_by("-id").first()
    assert newest.actor_text == "thuky (Giamdoc)"
    page = client_for(org.secretariat).get(reverse("audit:list")).content.decode()
    assert "thuky (Giamdoc)" in page and "thuky (Thuky)" in page
    found = client_for(org.secretariat).get(reverse("audit:list"), {"q": "thuky"})
    assert len(found.context["rows"]) == 2
