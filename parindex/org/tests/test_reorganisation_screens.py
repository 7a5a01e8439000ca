"""Reorganisations recorded on the screen (units: the secretariat; agencies: an administrator),
by the `agency_merge` command and the API, with the same services and rights."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.org.models import Agency, AgencySuccession, OrgChange, Unit

pytestmark = pytest.mark.django_db
URL = reverse("org:change_list")


def test_the_secretariat_merges_two_units_on_the_screen(org, client_for):
    client = client_for(org.secretariat)
    page = client.get(URL)
    assert page.status_code == 200 and page.context["agency_form"] is None
    response = client.post(
        URL,
        {
            "form": "units",
            "kind": "merge",
            "agency": org.agency.pk,
            "effective_on": "01/07/2026",
            "decision": "12/QĐ-SKHCN",
            "units": [org.unit_a.pk, org.unit_b.pk],
            "into": "khcn",
            "name": "Phòng Khoa học và Công nghệ",
        },
    )
    assert response.status_code == 302
    change = OrgChange.objects.get()
    assert (change.kind, change.effective_on) == ("merge", dt.date(2026, 7, 1))
    assert Unit.objects.get(agency=org.agency, code="KHCN").is_active
    assert not Unit.objects.get(pk=org.unit_a.pk).is_active
    assert AuditEntry.objects.filter(action="unit.merged").exists()
    listed = client.get(URL).content.decode()
    assert "QLCN (Phòng Quản lý Công nghệ) → KHCN" in listed


def test_the_screen_names_each_missing_field_and_writes_nothing(org, client_for):
    client = client_for(org.secretariat)
    cases = [
        ({"kind": "merge", "units": [], "into": ""}, {"units", "into"}),
        ({"kind": "split", "unit": org.unit_a.pk, "successors": "X1 no colon"}, {"successors"}),
        ({"kind": "rename", "unit": org.unit_a.pk, "name": ""}, {"name"}),
        ({"kind": "rename", "unit": org.other_unit.pk, "name": "Khác"}, {"unit"}),
        (
            {"kind": "rename", "unit": org.unit_a.pk, "name": "X", "effective_on": "31/02/2026"},
            {"effective_on"},
        ),  # fmt: skip
    ]
    for extra, fields in cases:
        data = {"form": "units", "agency": org.agency.pk, "effective_on": "01/07/2026", **extra}
        page = client.post(URL, data)
        assert page.status_code == 200, extra
        assert fields <= set(page.context["unit_form"].errors), (
            extra,
            page.context["unit_form"].errors,
        )
    assert not OrgChange.objects.exists()


def test_a_split_on_the_screen_creates_the_resulting_units(org, client_for):
    client = client_for(org.secretariat)
    response = client.post(
        URL,
        {
            "form": "units",
            "kind": "split",
            "agency": org.agency.pk,
            "effective_on": "01/01/2027",
            "unit": org.secretariat_unit.pk,
            "successors": "VP: Văn phòng\nTC: Phòng Tổ chức",
        },
    )
    assert response.status_code == 302
    assert set(Unit.objects.filter(code__in=["VP", "TC"], agency=org.agency).values_list(
        "name", flat=True
    )) == {"Văn phòng", "Phòng Tổ chức"}  # fmt: skip


def test_people_who_may_not_reorganise_get_no_form_and_no_link(org, client_for):
    for user in (org.head_a, org.staff_a, org.viewer, org.appraiser):
        client = client_for(user)
        page = client.get(URL)
        assert page.status_code == 403 or page.context["unit_form"] is None, user.username
        posted = client.post(
            URL,
            {
                "form": "units",
                "kind": "rename",
                "agency": org.agency.pk,
                "effective_on": "01/07/2026",
                "unit": org.unit_a.pk,
                "name": "X",
            },  # fmt: skip
        )
        assert posted.status_code == 403, user.username
        units = client.get(reverse("org:unit_list")).content.decode()
        assert URL not in units, user.username
    assert URL in client_for(org.secretariat).get(reverse("org:unit_list")).content.decode()
    assert not OrgChange.objects.exists()


def test_only_an_administrator_merges_agencies_on_the_screen(org, client_for):
    data = {
        "form": "agencies",
        "predecessors": [org.other_agency.pk],
        "successor": org.agency.pk,
        "effective_on": "01/07/2025",
        "decision": "1678/QĐ-UBND",
    }
    assert client_for(org.secretariat).post(URL, data).status_code == 403
    assert client_for(org.admin).post(URL, data).status_code == 302
    link = AgencySuccession.objects.get()
    assert (link.predecessor, link.successor) == (org.other_agency, org.agency)
    assert not Agency.objects.get(pk=org.other_agency.pk).is_active


def test_the_agency_merge_command(org):
    out = io.StringIO()
    call_command(
        "agency_merge", "--agencies", "stp", "--into", "SKHCN", "--on", "01/07/2025", stdout=out
    )
    assert "STP → SKHCN" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("agency_merge", "--agencies", "NOPE", "--into", "SKHCN", "--on", "01/07/2025")
    with pytest.raises(CommandError):
        call_command(
            "agency_merge", "--agencies", "STP", "--into", "SKHCN", "--on", "01/07/2025",
            "--user", org.secretariat.username,
        )  # fmt: skip
    assert AgencySuccession.objects.count() == 1


def test_the_api_merges_agencies_for_an_administrator_only(org, client_for):
    payload = {"agencies": ["STP"], "into": "SKHCN", "effective_on": "2025-07-01"}
    refused = client_for(org.secretariat).post(
        "/api/v1/agencies/merge", payload, content_type="application/json"
    )
    assert refused.status_code == 403
    done = client_for(org.admin).post(
        "/api/v1/agencies/merge", payload, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["merged"] == ["STP"]
