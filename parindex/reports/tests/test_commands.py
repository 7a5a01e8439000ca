"""`parindex report` and `parindex run_scheduled_reports`."""

import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from docx import Document

from conftest import run_command
from parindex.reports import services
from parindex.reports.models import ReportDelivery, ReportRun


def _run(*args):
    return run_command("report", *args)


def _report(type_key, period, fmt, *options):
    """The `report` command for SKHCN: a run of type_key for the period, in fmt."""
    return _run(
        "--type", type_key, "--agency", "SKHCN", "--period", period, "--format", fmt, *options
    )


def test_report_json_prints_exactly_one_json_document(org, with_sources):
    out, err = _report("dossiers", "2026-Q1", "json")
    data = json.loads(out)
    assert data["type"] == "dossiers" and data["agency"] == "SKHCN"
    assert data["period"] == {
        "key": "2026-Q1",
        "kind": "quarter",
        "year": 2026,
        "number": 1,
        "start": "2026-01-01",
        "end": "2026-03-31",
        "label": "quý I năm 2026",
    }
    assert data["snapshot"]["data"]["dossiers"]["total"]["online_share"] == 0.385
    assert data["status"] == "draft" and data["number"] is None
    assert err == ""
    assert not ReportRun.objects.exists()  # nothing saved without --save


@pytest.mark.parametrize("period", ["2026", "2026-Q1", "2026-H1", "2026-03"])
def test_report_docx_is_written_to_the_output_file(org, tmp_path, period):
    target = tmp_path / "out.docx"
    out, _ = _report("dossiers", period, "docx", "--output", str(target))
    assert out.strip() == str(target)
    document = Document(str(target))
    assert document.tables[0].rows[0].cells[0].paragraphs[0].text == "UBND TỈNH QUẢNG NGÃI"


def test_report_xlsx_and_save(org, tmp_path, with_sources):
    target = tmp_path / "out.xlsx"
    _report("dossiers", "2026-03", "xlsx", "--output", str(target), "--save", "--user", "thuky")
    assert target.read_bytes()[:2] == b"PK"
    run = ReportRun.objects.get()
    assert run.created_by == org.secretariat


def test_report_save_refuses_a_user_without_rights(org, tmp_path):
    with pytest.raises(CommandError):
        _report("dossiers", "2026", "json", "--save", "--user", "truong_a")


@pytest.mark.parametrize(
    "args",
    [
        ["--type", "dossiers", "--agency", "NOPE", "--period", "2026"],
        ["--type", "dossiers", "--agency", "SKHCN", "--period", "2026-Q7"],
        ["--type", "self_assessment", "--agency", "SKHCN", "--period", "2026-Q1"],
    ],
)
def test_report_refuses_bad_arguments(org, args):
    with pytest.raises(CommandError):
        _run(*args, "--format", "json")


# --- schedules ------------------------------------------------------------------------------


@pytest.fixture
def schedule(org):
    org.director.email = "giamdoc@example.vn"
    org.director.save()
    return services.schedule_create(
        actor=org.secretariat,
        agency=org.agency,
        type_key="dossiers",
        frequency="monthly",
        recipients=[org.secretariat, org.director, org.head_a, org.other_secretariat],
    )


def test_scheduled_report_reaches_only_recipients_who_may_read_the_agency(org, schedule):
    out = io.StringIO()
    call_command("run_scheduled_reports", "--date", "2026-04-03", stdout=out)
    run = ReportRun.objects.get()
    assert run.period.key == "2026-03"
    assert run.created_by is None
    recipients = set(ReportDelivery.objects.values_list("recipient__username", flat=True))
    # The unit head and another agency's secretariat cannot read an agency draft: skipped.
    assert recipients == {"thuky", "giamdoc"}
    assert [m.to for m in mail.outbox] == [["giamdoc@example.vn"]]
    assert mail.outbox[0].attachments[0][0] == "du-thao-BC-SKHCN-2026-03.docx"
    assert ReportDelivery.objects.get(recipient=org.director).emailed_at is not None
    assert "generated 1 report(s)" in out.getvalue()


def test_scheduled_report_is_generated_once_per_period(org, schedule):
    call_command("run_scheduled_reports", "--date", "2026-04-03", stdout=io.StringIO())
    call_command("run_scheduled_reports", "--date", "2026-04-20", stdout=io.StringIO())
    assert ReportRun.objects.count() == 1
    call_command("run_scheduled_reports", "--date", "2026-05-01", stdout=io.StringIO())
    assert ReportRun.objects.count() == 2


def test_inbox_lists_my_deliveries_only(org, schedule, client_for):
    services.run_scheduled(today=dt.date(2026, 4, 3))
    mine = client_for(org.director).get("/reports/inbox/").content.decode()
    assert "Tình hình tiếp nhận" in mine
    assert (
        "Tình hình tiếp nhận" not in client_for(org.head_a).get("/reports/inbox/").content.decode()
    )


def test_only_the_secretariat_manages_schedules(org, client_for, schedule):
    assert client_for(org.director).get("/reports/schedules/").status_code == 200
    assert client_for(org.director).get("/reports/schedules/new/").status_code == 403
    assert (
        client_for(org.director).post(f"/reports/schedules/{schedule.pk}/delete/").status_code
        == 403
    )
    assert (
        client_for(org.head_a).post(f"/reports/schedules/{schedule.pk}/delete/").status_code == 404
    )
    client = client_for(org.secretariat)
    response = client.post(
        "/reports/schedules/new/",
        {
            "report_type": "dossiers",
            "agency": org.agency.pk,
            "frequency": "quarterly",
            "recipients": [org.director.pk],
        },
    )
    assert response.status_code == 302
    assert client.post(f"/reports/schedules/{schedule.pk}/delete/").status_code == 302


def test_a_yearly_report_cannot_be_scheduled_monthly(org):
    from parindex.common.errors import DomainError

    with pytest.raises(DomainError):
        services.schedule_create(
            actor=org.secretariat,
            agency=org.agency,
            type_key="self_assessment",
            frequency="monthly",
            recipients=[],
        )


def test_opening_a_delivered_report_marks_it_read(org, schedule, client_for):
    services.run_scheduled(today=dt.date(2026, 4, 3))
    delivery = ReportDelivery.objects.get(recipient=org.director)
    assert delivery.read_at is None
    client_for(org.director).get(delivery.run.get_absolute_url())
    delivery.refresh_from_db()
    assert delivery.read_at is not None


def test_inbox_and_schedules_are_bounded_in_queries(
    org, schedule, client_for, django_assert_max_num_queries
):
    for day in (dt.date(2026, 2, 3), dt.date(2026, 3, 3), dt.date(2026, 4, 3)):
        services.run_scheduled(today=day)
    client = client_for(org.secretariat)
    with django_assert_max_num_queries(12):
        assert client.get("/reports/inbox/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/reports/schedules/").status_code == 200
