"""Why a dossier is late is always said; withdrawn dossiers are counted but not listed as late."""

import pytest
from django.urls import reverse

from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure

PERIOD = "agency=SKHCN&date_from=2026-03-01&date_to=2026-03-31"


@pytest.fixture
def data(org):
    p = make_procedure(org.agency, "1.001", unit=org.unit_a)
    due = at("05/03/2026", "17:00")
    make_dossier(p, "TRE", at("02/03/2026"), due, at("06/03/2026"))
    make_dossier(p, "BOSUNG", at("02/03/2026"), due, at("04/03/2026"), supplements=2)
    make_dossier(p, "RUT", at("02/03/2026"), due, at("09/03/2026"), status=7)
    return org


def test_the_late_list_says_why_each_dossier_is_late_and_leaves_withdrawn_ones_out(
    client_for, data
):
    response = client_for(data.director).get(f"/dossiers/late/?{PERIOD}")
    rows = {row[0].value: [str(c.value) for c in row] for row in response.context["rows"]}
    assert sorted(rows) == ["BOSUNG", "TRE"]
    assert any(c == "trễ hạn vì yêu cầu bổ sung 2 lần" for c in rows["BOSUNG"])
    assert any("kết thúc sau ngày hẹn trả 05/03/2026" in c for c in rows["TRE"])
    assert response.context["withdrawn_late"] == 1
    assert 'id="withdrawn-late"' in response.content.decode()


def test_withdrawn_dossiers_still_count_as_late_in_the_figures(client_for, data):
    response = client_for(data.director).get(f"/dossiers/?{PERIOD}")
    assert response.context["total"]["late"] == 3


def test_the_dossier_page_says_why_it_is_late(client_for, data):
    url = reverse("dossiers:dossier_detail", args=["SKHCN", "BOSUNG"])
    text = client_for(data.director).get(url).content.decode()
    assert "trễ hạn vì yêu cầu bổ sung 2 lần" in text


def test_the_late_list_export_writes_dates_as_on_screen_and_says_why(client_for, data):
    response = client_for(data.director).get(f"/dossiers/late/?{PERIOD}&export=csv")
    text = response.content.decode("utf-8-sig")
    assert "05/03/2026 17:00" in text and "2026-03-05" not in text
    assert "trễ hạn vì yêu cầu bổ sung 2 lần" in text
