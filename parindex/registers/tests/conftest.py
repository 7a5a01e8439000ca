"""Fixtures of the registers' tests: an inspectorate unit and its staff, CSV writing helpers."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import clock_at, make_user, run_command
from parindex.org.choices import Role, UnitKind
from parindex.org.models import Unit
from parindex.registers.services import document_create, inspection_create, recommendation_create


@pytest.fixture
def frozen(request):
    """The clock stopped at 09:00 Vietnam time on the test module's TODAY."""
    with clock_at(request.module.TODAY):
        yield


def make_document(org, code: str, title: str, due: dt.date, *, actor=None, unit=None, **fields):
    """A document of the agency's drafting plan for the year it is due, led by unit A unless
    told otherwise."""
    fields.update(code=code, title=title, lead_unit=unit or org.unit_a, submission_due=due)
    return document_create(actor=actor, agency=org.agency, plan_year=due.year, **fields)


def make_inspection(org, code: str, subject: str, kind: str, unit, *, actor=None, **fields):
    """An inspection of the agency's 2026 plan by `unit`."""
    fields.setdefault("plan_year", 2026)
    fields.update(code=code, subject=subject, kind=kind, unit=unit)
    return inspection_create(actor=actor, agency=org.agency, **fields)


def make_recommendation(org, text: str, unit, due: dt.date, *, actor=None, **fields):
    """A recommendation of the agency to `unit`, due on `due`."""
    fields.update(text=text, unit=unit, due_date=due)
    return recommendation_create(actor=actor, agency=org.agency, **fields)


def plan_documents(org) -> None:
    """A 2026 drafting plan of three documents led by unit A: VB-1 due 31/3 and submitted on
    30/3, VB-2 due 31/5 and not submitted, VB-3 due 30/9."""
    for code, due, submitted in (
        ("VB-1", (3, 31), (3, 30)),
        ("VB-2", (5, 31), None),
        ("VB-3", (9, 30), None),
    ):
        make_document(
            org,
            code,
            f"Quy định {code}",
            dt.date(2026, *due),
            submitted_on=dt.date(2026, *submitted) if submitted else None,
        )


@pytest.fixture
def inspectorate(org):
    """Thanh tra Sở of the test agency, with one inspector (unit staff) and its head."""
    unit = Unit.objects.create(
        agency=org.agency, code="TTRA", name="Thanh tra Sở", kind=UnitKind.INSPECTORATE
    )
    inspector = make_user("thanhtra", Role.UNIT_STAFF, unit=unit)
    chief = make_user("chanhthanhtra", Role.UNIT_HEAD, unit=unit)
    return type("Inspectorate", (), {"unit": unit, "inspector": inspector, "chief": chief})


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def figures(command: str, *args: str) -> dict:
    out, _err = run_command(command, *args)
    return json.loads(out)
