"""Screens: scope on lists, figures and exports; drill-down; upload; calendar."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parindex.dossiers.models import CalendarDay, Dossier, ImportRun, Procedure
from parindex.dossiers.tests.helpers import (
    DOSSIER_HEADER,
    at,
    make_dossier,
    make_procedure,
    one_dossier_file,
    upload,
    write_csv,
)

PERIOD = "agency=SKHCN&date_from=2026-03-01&date_to=2026-03-31"


@pytest.fixture
def data(org):
    pa = make_procedure(org.agency, "1.001", unit=org.unit_a)
    pb = make_procedure(org.agency, "2.002", unit=org.unit_b)
    make_dossier(pa, "A-LATE", at("02/03/2026"), at("05/03/2026", "17:00"), at("06/03/2026"))
    make_dossier(pa, "A-EARLY", at("02/03/2026"), at("05/03/2026", "17:00"), at("03/03/2026"))
    make_dossier(pb, "B-LATE", at("02/03/2026"), at("05/03/2026", "17:00"), at("09/03/2026"))
    make_dossier(pb, "B-OPEN", at("02/03/2026"), at("05/03/2026", "17:00"), None, status=4)
    return org


def test_dashboard_shows_agency_figures_to_the_secretariat(client_for, data):
    response = client_for(data.secretariat).get(f"/dossiers/?{PERIOD}")
    assert response.status_code == 200
    assert response.context["total"]["received"] == 4
    assert response.context["total"]["late"] == 2
    assert b"<svg" in response.content


def test_dashboard_of_unit_staff_shows_only_their_unit(client_for, data):
    response = client_for(data.staff_a).get(f"/dossiers/?{PERIOD}")
    assert response.context["total"]["received"] == 2
    assert response.context["total"]["late"] == 1
    assert [g["key"] for g in response.context["by_unit"]] == ["QLCN"]


def test_outsider_and_other_agency_cannot_see_the_dashboard(client_for, data):
    assert client_for(data.outsider).get(f"/dossiers/?{PERIOD}").status_code == 404
    assert client_for(data.other_secretariat).get(f"/dossiers/?{PERIOD}").status_code == 404


def test_figures_export_follows_the_scope(client_for, data):
    response = client_for(data.staff_b).get(f"/dossiers/?{PERIOD}&export=csv&by=unit")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("key,label,received")
    assert lines[1].startswith("total,,2,")
    assert [line.split(",")[0] for line in lines[2:]] == ["TDC"]


def test_drill_down_from_late_lists_exactly_the_late_dossiers(client_for, data):
    response = client_for(data.director).get(f"/dossiers/list/?{PERIOD}&metric=late")
    codes = [row[0].value for row in response.context["rows"]]
    assert sorted(codes) == ["A-LATE", "B-LATE"]
    assert 'id="apology"' in response.content.decode()


def test_drill_down_of_unit_staff_is_limited_to_their_unit(client_for, data):
    response = client_for(data.staff_a).get(f"/dossiers/late/?{PERIOD}")
    assert [row[0].value for row in response.context["rows"]] == ["A-LATE"]


def test_late_list_export_is_what_is_shown(client_for, data):
    response = client_for(data.staff_b).get(f"/dossiers/list/?{PERIOD}&metric=late&export=csv")
    text = response.content.decode("utf-8-sig")
    assert "B-LATE" in text and "A-LATE" not in text


def test_overdue_list_shows_pending_past_due(client_for, data):
    response = client_for(data.secretariat).get(f"/dossiers/overdue/?{PERIOD}")
    assert [row[0].value for row in response.context["rows"]] == ["B-OPEN"]


def test_dossier_detail_is_hidden_from_another_unit(client_for, data):
    url = reverse("dossiers:dossier_detail", args=["SKHCN", "B-OPEN"])
    assert client_for(data.staff_a).get(url).status_code == 404
    response = client_for(data.staff_b).get(url)
    assert response.status_code == 200 and response.context["remaining"] is not None


def test_dossier_list_query_count_is_bounded(client_for, data, django_assert_max_num_queries):
    pa = Procedure.objects.get(code="1.001")
    for i in range(30):
        make_dossier(pa, f"X{i}", at("02/03/2026"), at("05/03/2026"), None, status=4)
    client = client_for(data.secretariat)
    with django_assert_max_num_queries(12):
        client.get("/dossiers/list/?per_page=50")


def test_procedure_list_and_detail_with_figures(client_for, data, django_assert_max_num_queries):
    client = client_for(data.staff_a)
    with django_assert_max_num_queries(12):
        response = client.get("/dossiers/procedures/")
    assert response.status_code == 200
    detail = client.get("/dossiers/SKHCN/procedures/1.001/?date_from=2026-03-01&date_to=2026-03-31")
    assert detail.context["figures"]["received"] == 2
    # A unit sees the catalogue, but only its own dossiers' figures.
    other = client.get("/dossiers/SKHCN/procedures/2.002/?date_from=2026-03-01&date_to=2026-03-31")
    assert other.context["figures"]["received"] == 0


def test_only_the_secretariat_edits_a_procedure(client_for, data):
    url = "/dossiers/SKHCN/procedures/1.001/edit/"
    assert client_for(data.head_a).get(url).status_code == 403
    assert client_for(data.other_secretariat).get(url).status_code == 404
    response = client_for(data.secretariat).post(
        url,
        {
            "name": "Tên mới",
            "field": "",
            "time_limit": "5",
            "limit_unit": "working_days",
            "online_level": "full",
            "fee": "0",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Procedure.objects.get(code="1.001").name == "Tên mới"


def test_review_page_and_export(client_for, data):
    response = client_for(data.director).get(f"/dossiers/review/?{PERIOD}")
    assert response.context["data"]["high_volume"][0]["received"] == 2
    csv_text = client_for(data.director).get(f"/dossiers/review/?{PERIOD}&export=csv").content
    assert b"high_volume,1.001" in csv_text


def test_upload_runs_the_import_and_shows_the_result(client_for, org, settings, tmp_path):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    path = one_dossier_file(tmp_path)
    client = client_for(org.secretariat)
    response = upload(client, path)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    assert run.state == "done" and run.created == 1 and len(run.sha256) == 64
    page = client.get(run.get_absolute_url())
    assert 'id="import-summary"' in page.content.decode()
    partial = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert b"import-progress" in partial.content and b"<html" not in partial.content
    assert Dossier.objects.count() == 1


def test_refused_upload_lists_the_rows_and_writes_nothing(client_for, org, settings, tmp_path):
    make_procedure(org.agency, "1.001")
    path = write_csv(
        tmp_path / "hs.csv",
        [DOSSIER_HEADER, ["H1", "1.001", "", "9", "02/03/2026", "10/03/2026", "", "", "4", "0"]],
    )
    upload(client_for(org.secretariat), path)
    run = ImportRun.objects.get()
    assert run.state == "refused" and run.errors[0].startswith("Dòng 2, cột Kênh")
    assert not Dossier.objects.exists()


def test_unit_staff_cannot_upload(client_for, org):
    assert client_for(org.staff_a).get("/dossiers/imports/new/").status_code == 403
    assert client_for(org.director).get("/dossiers/imports/new/").status_code == 403


def test_import_history_is_visible_to_the_secretariat_only(client_for, org):
    run = ImportRun.objects.create(agency=org.agency, kind="dossiers", file_name="a.csv")
    assert client_for(org.secretariat).get(run.get_absolute_url()).status_code == 200
    assert client_for(org.staff_a).get(run.get_absolute_url()).status_code == 404
    assert client_for(org.other_secretariat).get(run.get_absolute_url()).status_code == 404


def test_province_secretariat_adds_and_removes_a_calendar_day(client_for, org):
    client = client_for(org.province_secretariat)
    response = client.post(
        "/dossiers/calendar/", {"day": "22/08/2026", "working": "1", "note": "Làm bù"}
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get()
    assert day.working and day.day == dt.date(2026, 8, 22)
    client.post(f"/dossiers/calendar/{day.pk}/delete/")
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("persona", ["secretariat", "staff_a"])
def test_an_agency_secretariat_or_staff_see_the_national_calendar_but_cannot_change_it(
    client_for, org, persona
):
    client = client_for(org.by_name(persona))
    assert client.get("/dossiers/calendar/?year=2026").status_code == 200
    assert (
        client.post("/dossiers/calendar/", {"day": "22/08/2026", "working": "1"}).status_code == 403
    )
    assert not CalendarDay.objects.exists()


def test_calendar_file_import(client_for, org, tmp_path):
    path = write_csv(
        tmp_path / "cal.csv",
        [
            ["Ngày", "Loại", "Ghi chú"],
            ["31/08/2026", "nghỉ", "Hoán đổi"],
            ["22/08/2026", "làm việc", "Làm bù"],
        ],
    )
    client_for(org.province_secretariat).post(
        "/dossiers/calendar/import/", {"file": SimpleUploadedFile("cal.csv", path.read_bytes())}
    )
    assert dict(CalendarDay.objects.values_list("day", "working")) == {
        dt.date(2026, 8, 31): False,
        dt.date(2026, 8, 22): True,
    }


def test_every_month_number_drills_down_to_as_many_dossiers(client_for, data):
    client = client_for(data.secretariat)
    response = client.get("/dossiers/?agency=SKHCN&date_from=2026-02-10&date_to=2026-03-31")
    march = response.context["months"][1]
    assert march["key"] == "2026-03"
    for metric in ("received", "resolved", "late", "pending", "pending_overdue"):
        listed = client.get(f"/dossiers/list/?{march['query']}&metric={metric}")
        assert listed.context["page"].paginator.count == march[metric], metric


def test_catalogue_upload_in_the_background_flow(client_for, org, settings, tmp_path):
    path = write_csv(
        tmp_path / "tthc.csv",
        [["Mã TTHC", "Tên TTHC", "Mức độ DVC"], ["1.004459", "Cấp giấy chứng nhận", "4"]],
    )
    upload(client_for(org.secretariat), path, "procedures")
    run = ImportRun.objects.get()
    assert (run.state, run.kind, run.created) == ("done", "procedures", 1)
    assert Procedure.objects.get().online_level == "full"
