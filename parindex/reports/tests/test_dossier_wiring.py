"""The dossier figures frozen in a report are the dossiers app's: the very documents of
`parindex dossier_kpis --by unit` / `--by month` and `parindex procedure_review`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from parindex.dossiers.choices import OnlineLevel
from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure
from parindex.reports import sources
from parindex.reports.tests.conftest import make_run


def _command(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def dossiers(org):
    """A month of SKHCN's dossiers across two units, channels and outcomes."""
    online = make_procedure(org.agency, "1.001", unit=org.unit_a, online=OnlineLevel.FULL)
    direct = make_procedure(org.agency, "1.002", unit=org.unit_b)
    make_procedure(org.agency, "1.003", unit=org.unit_b, online=OnlineLevel.PARTIAL)
    make_dossier(online, "A", at("02/03/2026"), at("10/03/2026"), at("05/03/2026"), channel=2)
    make_dossier(online, "B", at("03/03/2026"), at("10/03/2026"), at("12/03/2026"), channel=2)
    make_dossier(direct, "C", at("04/03/2026"), at("11/03/2026"), at("11/03/2026"))
    make_dossier(direct, "D", at("20/03/2026"), at("30/03/2026"), None, status=4)
    make_dossier(direct, "E", at("25/02/2026"), at("04/03/2026"), at("03/03/2026"), channel=3)


def test_the_dossier_report_freezes_the_dossier_kpis_documents(org, dossiers):
    run = make_run(org, "dossiers", "2026-03")
    frozen = run.data["dossiers"]
    args = ("dossier_kpis", "--agency", "SKHCN", "--from", "2026-03-01", "--to", "2026-03-31")
    by_unit = _command(*args, "--by", "unit", "--format", "json")
    by_month = _command(*args, "--by", "month", "--format", "json")
    assert frozen["total"] == by_unit["total"] == by_month["total"]
    assert frozen["by_unit"] == by_unit["groups"]
    assert frozen["by_month"] == by_month["groups"]
    assert [g["key"] for g in frozen["by_unit"]] == ["QLCN", "TDC"]
    assert (frozen["total"]["received"], frozen["total"]["resolved"]) == (4, 4)


def test_the_implementation_report_freezes_the_procedure_review(org, dossiers):
    run = make_run(org, "par_implementation", "2026-Q1")
    review = _command(
        "procedure_review", "--agency", "SKHCN", "--from", "2026-01-01", "--to", "2026-03-31"
    )
    assert run.data["procedure_review"] == review
    assert [p["code"] for p in review["online_without_dossiers"]] == ["1.003"]
    assert (
        run.data["dossiers"]["total"]
        == _command(
            "dossier_kpis", "--agency", "SKHCN", "--from", "2026-01-01", "--to", "2026-03-31"
        )["total"]
    )


def test_an_agency_without_dossiers_has_no_dossier_figures(org, dossiers):
    assert (
        sources.dossier_figures(org.other_agency, dt.date(2026, 3, 1), dt.date(2026, 3, 31)) is None
    )
