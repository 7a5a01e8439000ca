"""Report screens: list, create, edit (form and htmx autosave), preview, issue, download, rights."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from parindex.reports import periods, services
from parindex.reports.choices import RunStatus
from parindex.reports.models import ReportRun
from parindex.reports.tests.conftest import issue, make_run


def test_reports_list_shows_only_runs_the_user_may_read(org, client_for, draft):
    other = services.run_create(
        actor=org.other_secretariat,
        agency=org.other_agency,
        type_key="dossiers",
        period=periods.parse("2026-Q1"),
    )
    page = client_for(org.director).get("/reports/")
    assert page.status_code == 200
    assert draft.summary in page.content.decode()
    assert str(other.uuid) not in page.content.decode()
    assert client_for(org.head_a).get("/reports/").content.decode().count(str(draft.uuid)) == 0


def test_reports_list_exports_what_is_shown(org, client_for, draft):
    response = client_for(org.secretariat).get("/reports/?export=csv&status=draft")
    assert response.status_code == 200
    assert draft.summary in response.content.decode("utf-8-sig")


def test_reports_list_shows_every_run_with_as_many_queries_for_twice_the_runs(
    org, client_for, list_scales
):
    def add(start, stop):
        for month in range(start + 1, stop + 1):
            run = make_run(org, "dossiers", f"2026-{month:02d}")
            run.summary = f"Báo cáo thử {month}"
            run.save(update_fields=["summary"])

    def shows(i):
        return f"/reports/{ReportRun.objects.get(summary=f'Báo cáo thử {i + 1}').uuid}/"

    list_scales(client_for(org.secretariat), "/reports/", add, shows)


def test_secretariat_creates_a_draft_from_type_and_period(org, client_for):
    response = client_for(org.secretariat).post(
        "/reports/new/", {"report_type": "dossiers", "agency": org.agency.pk, "period": "2026-Q1"}
    )
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/{run.uuid}/edit/"
    assert run.period.key == "2026-Q1" and run.created_by == org.secretariat


def test_create_form_refuses_a_bad_period(org, client_for):
    response = client_for(org.secretariat).post(
        "/reports/new/", {"report_type": "dossiers", "agency": org.agency.pk, "period": "2026-Q9"}
    )
    assert response.status_code == 200 and not ReportRun.objects.exists()


@pytest.mark.parametrize("persona", ["head_a", "director", "viewer", "staff_b"])
def test_others_cannot_open_the_create_screen(org, client_for, persona):
    assert client_for(org.by_name(persona)).get("/reports/new/").status_code == 403


def test_author_edits_sections_in_the_browser(org, client_for, draft):
    client = client_for(org.secretariat)
    assert client.get(f"/reports/{draft.uuid}/edit/").status_code == 200
    response = client.post(
        f"/reports/{draft.uuid}/edit/",
        {"summary": "Báo cáo quý", "section_assessment": "Tốt.", "section_solutions": "Tiếp tục."},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.sections == {"assessment": "Tốt.", "solutions": "Tiếp tục."}


def test_htmx_autosave_answers_with_a_status_line(org, client_for, draft):
    response = client_for(org.secretariat).post(
        f"/reports/{draft.uuid}/edit/",
        {"summary": "Báo cáo quý", "section_assessment": "Tự lưu.", "section_solutions": ""},
        HTTP_HX_REQUEST="true",
    )
    assert (
        response.status_code == 200
        and "Saved at" in response.content.decode()
        or "Đã lưu" in response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.sections["assessment"] == "Tự lưu."


def test_notice_conclusions_are_entered_as_rows(org, client_for):
    run = make_run(org, "conclusion_notice", "2026-02")
    client = client_for(org.secretariat)
    page = client.get(f"/reports/{run.uuid}/edit/")
    assert "conclusions-0-text" in page.content.decode()
    data = {
        "summary": run.summary,
        "section_opening": "Mở đầu.",
        "section_closing": "Kết thúc./.",
        "conclusions-TOTAL_FORMS": "2",
        "conclusions-INITIAL_FORMS": "0",
        "conclusions-MIN_NUM_FORMS": "0",
        "conclusions-MAX_NUM_FORMS": "1000",
        "conclusions-0-text": "Rà soát kiểm chứng",
        "conclusions-0-units": ["QLCN", "TDC"],
        "conclusions-0-deadline": "15/03/2026",
        "conclusions-1-text": "",
    }
    assert client.post(f"/reports/{run.uuid}/edit/", data).status_code == 302
    run.refresh_from_db()
    assert run.conclusions == [
        {"text": "Rà soát kiểm chứng", "units": ["QLCN", "TDC"], "deadline": "2026-03-15"}
    ]


def test_leader_reads_but_cannot_edit_or_issue(org, client_for, draft):
    client = client_for(org.director)
    assert client.get(f"/reports/{draft.uuid}/").status_code == 200
    assert client.get(f"/reports/{draft.uuid}/preview/").status_code == 200
    assert client.get(f"/reports/{draft.uuid}/edit/").status_code == 403
    assert client.get(f"/reports/{draft.uuid}/issue/").status_code == 403
    assert client.post(f"/reports/{draft.uuid}/delete/").status_code == 403


def test_unit_head_cannot_issue_agency_reports_through_the_screen(org, client_for, draft):
    client = client_for(org.head_a)
    response = client.post(
        f"/reports/{draft.uuid}/issue/",
        {
            "number": 1,
            "issued_on": "05/02/2026",
            "signer_name": "X",
            "signer_authority": "GIÁM ĐỐC",
        },
    )
    assert response.status_code == 404  # a draft is not even visible to a unit
    draft.refresh_from_db()
    assert draft.status == RunStatus.DRAFT


@pytest.mark.parametrize("persona", ["other_secretariat", "outsider", "staff_b"])
def test_other_agencies_and_units_do_not_see_a_draft(org, client_for, draft, persona):
    client = client_for(org.by_name(persona))
    for url in ("", "preview/", "download/docx/", "edit/"):
        assert client.get(f"/reports/{draft.uuid}/{url}").status_code == 404


def test_secretariat_issues_then_everyone_downloads_the_same_docx(org, client_for, draft):
    client = client_for(org.secretariat)
    form = client.get(f"/reports/{draft.uuid}/issue/")
    assert form.status_code == 200
    response = client.post(
        f"/reports/{draft.uuid}/issue/",
        {
            "number": 7,
            "issued_on": "05/02/2026",
            "signer_name": "Trần Văn Minh",
            "signer_authority": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            "recipients": "Sở Nội vụ\nLãnh đạo Sở",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.reference == "7/BC-SKHCN" and draft.recipients == ["Sở Nội vụ", "Lãnh đạo Sở"]
    first = client.get(f"/reports/{draft.uuid}/download/docx/")
    second = client_for(org.head_a).get(f"/reports/{draft.uuid}/download/docx/")
    assert first.content == second.content
    assert 'filename="7-BC-SKHCN-2026-Q1.docx"' in first["Content-Disposition"]
    document = Document(io.BytesIO(first.content))
    assert document.tables[0].rows[1].cells[1].text == "Quảng Ngãi, ngày 05 tháng 02 năm 2026"
    client = client_for(org.secretariat)  # the test client is shared between personas
    xlsx = client.get(f"/reports/{draft.uuid}/download/xlsx/")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # Issued: no edit screen, supersede offered.
    assert client.get(f"/reports/{draft.uuid}/edit/").status_code == 302
    assert client.post(f"/reports/{draft.uuid}/delete/").status_code == 302
    assert ReportRun.objects.filter(pk=draft.pk).exists()


def test_supersede_from_the_screen(org, client_for, draft):
    issue(draft, org.secretariat)
    response = client_for(org.secretariat).post(f"/reports/{draft.uuid}/supersede/")
    draft.refresh_from_db()
    assert draft.status == RunStatus.SUPERSEDED
    assert response.url == draft.superseded_by.get_absolute_url()


def test_pdf_download_is_404_without_libreoffice(org, client_for, draft):
    import shutil

    if shutil.which("soffice") or shutil.which("libreoffice"):
        pytest.skip("LibreOffice is installed here")
    assert (
        client_for(org.secretariat).get(f"/reports/{draft.uuid}/download/pdf/").status_code == 404
    )


def test_preview_shows_the_same_content_as_the_document(org, client_for, with_sources):
    run = make_run(org, "dossiers", "2026-Q1")
    html = client_for(org.secretariat).get(f"/reports/{run.uuid}/preview/").content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "1.234" in html and "38,5 %" in html
    assert "Nơi nhận:" in html


def test_delete_a_draft_from_the_screen(org, client_for, draft):
    response = client_for(org.secretariat).post(f"/reports/{draft.uuid}/delete/")
    assert response.status_code == 302 and not ReportRun.objects.exists()


def test_refresh_freezes_the_figures_again(org, client_for, draft, with_sources):
    assert draft.data["dossiers"] is None
    client_for(org.secretariat).post(f"/reports/{draft.uuid}/refresh/")
    draft.refresh_from_db()
    assert draft.data["dossiers"]["total"]["received"] == 1234


def test_issue_dates_use_the_local_date_by_default(org, client_for, draft, time_machine):
    time_machine.move_to(dt.datetime(2026, 4, 2, 23, 30, tzinfo=dt.UTC))  # 06:30 on 3/4 in Vietnam
    page = client_for(org.secretariat).get(f"/reports/{draft.uuid}/issue/").content.decode()
    assert "03/04/2026" in page


def test_the_notice_editor_adds_conclusion_rows_in_place_as_many_as_needed(org, client_for):
    """No "save to get more rows": each click brings one numbered row and the formset's count
    moves with it (out-of-band), so a save keeps every row."""
    from parindex.reports.forms import MAX_CONCLUSIONS

    run = make_run(org, "conclusion_notice", "2026-02")
    client = client_for(org.secretariat)
    edit = client.get(reverse("reports:edit", args=[run.uuid])).content.decode()
    assert 'id="add-conclusion"' in edit and "?index=1" in edit
    row = client.get(reverse("reports:conclusion_row", args=[run.uuid]), {"index": 1})
    html = row.content.decode()
    assert row.status_code == 200
    assert 'name="conclusions-1-text"' in html and 'value="QLCN"' in html
    assert 'name="conclusions-TOTAL_FORMS" value="2"' in html and "?index=2" in html
    data = {"conclusions-TOTAL_FORMS": "3", "conclusions-INITIAL_FORMS": "0",
            "summary": run.summary or "Thông báo kết luận"}  # fmt: skip
    for i, text in enumerate(["Kết luận một", "Kết luận hai", "Kết luận ba"]):
        data[f"conclusions-{i}-text"] = text
        data[f"conclusions-{i}-units"] = ["QLCN"]
    client.post(reverse("reports:edit", args=[run.uuid]), data)
    run.refresh_from_db()
    assert [c["text"] for c in run.conclusions] == ["Kết luận một", "Kết luận hai", "Kết luận ba"]
    too_many = client.get(
        reverse("reports:conclusion_row", args=[run.uuid]), {"index": MAX_CONCLUSIONS}
    )
    assert too_many.status_code == 422
    assert client_for(org.director).get(
        reverse("reports:conclusion_row", args=[run.uuid]), {"index": 1}
    ).status_code in (403, 404)


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"year": "2026", "part": "Y"}, "2026"),
        ({"year": "2026", "part": "H2"}, "2026-H2"),
        ({"year": "2026", "part": "Q1"}, "2026-Q1"),
        ({"year": "2026", "part": "M03"}, "2026-03"),
        (
            {"part": "C", "date_from": "05/01/2026", "date_to": "15/03/2026"},
            "2026-01-05..2026-03-15",
        ),
    ],
)
def test_the_period_is_chosen_as_year_half_quarter_month_or_dates(org, client_for, fields, key):
    page = client_for(org.secretariat).get("/reports/new/").content.decode()
    assert 'name="part"' in page and "Quý I" in page and 'name="period" type="text"' not in page
    response = client_for(org.secretariat).post(
        "/reports/new/", {"report_type": "dossiers", "agency": org.agency.pk, **fields}
    )
    assert response.status_code == 302
    assert ReportRun.objects.get().period.key == key


def test_custom_dates_need_both_ends(org, client_for):
    response = client_for(org.secretariat).post(
        "/reports/new/",
        {
            "report_type": "dossiers",
            "agency": org.agency.pk,
            "part": "C",
            "date_from": "05/01/2026",
        },
    )
    assert response.status_code == 200 and not ReportRun.objects.exists()
