"""Fixtures of the registers' tests: an inspectorate unit and its staff, CSV writing helpers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import make_user
from parindex.org.choices import Role, UnitKind
from parindex.org.models import Unit


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


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def figures(command: str, *args: str) -> dict:
    out, _err = run(command, *args)
    return json.loads(out)
