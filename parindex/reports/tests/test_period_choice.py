"""The new-report form's period boxes (issue 16.8): each kind, the boxes it ignores, and
bad combinations refused with a Vietnamese message on the page."""

import pytest
from django.utils import translation

from parindex.reports.models import ReportRun

#: What a browser without JavaScript posts: every box is on the page.
EVERY_BOX = {"year": "", "part": "Y", "date_from": "", "date_to": "", "period": ""}


def post(org, client_for, **fields):
    data = {"report_type": "dossiers", "agency": org.agency.pk, **EVERY_BOX, **fields}
    return client_for(org.secretariat).post("/reports/new/", data, HTTP_ACCEPT_LANGUAGE="vi")


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        # the boxes the kind does not need are ignored, even when they hold nonsense
        (
            {"year": "2026", "part": "Q3", "date_from": "hôm qua", "date_to": "31/02/2026"},
            "2026-Q3",
        ),
        ({"year": "2026", "part": "M12", "date_from": "01/03/2026"}, "2026-12"),
        ({"year": "abc", "part": "C", "date_from": "2026-03-05", "date_to": "05/03/2026"}, None),
    ],
)
def test_boxes_the_kind_does_not_need_are_ignored(org, client_for, fields, key):
    response = post(org, client_for, **fields)
    assert response.status_code == 302, response.content.decode()[:0]
    assert ReportRun.objects.get().period.key == (key or "2026-03-05..2026-03-05")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"part": "C", "date_from": "31/03/2026", "date_to": "01/03/2026"},
            "The period ends before it starts.",
        ),
        ({"part": "C", "date_from": "05/01/2026"}, "Give both dates of the period."),
        ({"part": "C", "date_to": "05/01/2026"}, "Give both dates of the period."),
        ({"part": "Q2", "year": ""}, "Give the year of the period."),
        ({"part": "C", "date_from": "2026/01/05", "date_to": "05/03/2026"}, "dd/mm/yyyy"),
        ({"part": "Q5", "year": "2026"}, None),
    ],
)
def test_bad_combinations_are_refused_in_vietnamese(org, client_for, fields, message):
    response = post(org, client_for, **fields)
    assert response.status_code == 200 and not ReportRun.objects.exists()
    page = response.content.decode()
    if message:
        with translation.override("vi"):
            vietnamese = str(translation.gettext(message))
        assert vietnamese in page
        assert message == "dd/mm/yyyy" or vietnamese != message  # translated, not English


def test_a_reversed_period_reads_the_same_in_reports_and_dossier_figures(org, client_for):
    """Both apps translate the message; one wording, not two (issue 16)."""
    from parindex.dossiers.forms import PeriodForm

    words = "Ngày cuối kỳ sớm hơn ngày đầu kỳ."
    page = post(org, client_for, part="C", date_from="31/03/2026", date_to="01/03/2026")
    assert words in page.content.decode()
    with translation.override("vi"):
        form = PeriodForm({"date_from": "31/03/2026", "date_to": "01/03/2026"})
        assert not form.is_valid()
        assert words in str(form.errors)
