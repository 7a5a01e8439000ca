"""Reorganisations with an effective date: a merge in the middle of a year keeps every past
figure (dossiers, lost points, tasks) with the unit as it was, and the successor shows its
predecessors' history, labelled."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from parindex.audit.models import AuditEntry
from parindex.common.errors import DomainError
from parindex.org.changes import (
    agency_merge,
    lineage,
    name_on,
    unit_history,
    unit_merge,
    unit_rename,
)
from parindex.org.models import Unit

MERGE_DAY = dt.date(2026, 7, 1)
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture
def merged(org, tmp_path):
    """QLCN (unit A) and TDC (unit B) merge into a new unit KHCN on 01/07/2026, with dossiers,
    scores and tasks of both halves of the year."""
    from parindex.dossiers.tests.helpers import at, make_dossier, make_procedure
    from parindex.scorecards import services as scorecards
    from parindex.scorecards.models import Score
    from parindex.scorecards.tests.helpers import SMALL, framework_file
    from parindex.workplan import services as workplan
    from parindex.workplan.choices import PlanType, TaskStatus

    procedure = make_procedure(org.agency, unit=org.unit_a)
    make_dossier(procedure, "A-1", at("10/03/2026"), at("17/03/2026"), at("16/03/2026"))
    make_dossier(procedure, "A-2", at("12/05/2026"), at("19/05/2026"), at("25/05/2026"))
    make_dossier(procedure, "B-1", at("10/04/2026"), at("17/04/2026"), unit=org.unit_b, status=4)
    scorecards.import_framework(framework_file(tmp_path, SMALL), year=2026, agency_code="SKHCN")
    assessment = scorecards.assessment_open(actor=None, agency=org.agency, year=2026)
    for code, self_points, appraised in (("1.2.1", "3.5", "2.5"), ("1.2.2", "2.5", "2.25")):
        Score.objects.filter(assessment=assessment, node__code=code).update(
            self_points=Decimal(self_points), appraised_points=Decimal(appraised)
        )
    plan = workplan.plan_create(actor=org.secretariat, agency=org.agency, code="KH-2026",
                                plan_type=PlanType.PAR_ANNUAL, year=2026, title="KH")  # fmt: skip

    def task(title, unit, due, **kw):
        workplan.task_create(actor=org.secretariat, plan=plan, title=title, lead_unit=unit,
                             due_date=due, **kw)  # fmt: skip

    task("A đúng hạn", org.unit_a, dt.date(2026, 3, 31), status=TaskStatus.DONE,
         done_at=dt.date(2026, 3, 30))  # fmt: skip
    task("B quá hạn", org.unit_b, dt.date(2026, 5, 31))
    change = unit_merge(
        actor=org.secretariat,
        agency=org.agency,
        predecessors=[org.unit_a, org.unit_b],
        successor_code="KHCN",
        successor_name="Phòng Khoa học và Công nghệ",
        effective_on=MERGE_DAY,
        decision="Quyết định 12/QĐ-SKHCN",
    )
    successor = Unit.objects.get(agency=org.agency, code="KHCN")
    successor_procedure = make_procedure(org.agency, "1.002", unit=successor)
    make_dossier(successor_procedure, "C-1", at("10/08/2026"), at("17/08/2026"), at("14/08/2026"))
    task("KHCN mới", successor, dt.date(2026, 9, 30))
    return change, successor


def test_the_merged_units_are_inactive_and_the_change_is_audited(org, merged):
    change, successor = merged
    org.unit_a.refresh_from_db()
    org.unit_b.refresh_from_db()
    assert not org.unit_a.is_active and not org.unit_b.is_active and successor.is_active
    entry = AuditEntry.objects.get(action="unit.merged")
    assert entry.after["predecessors"] == ["QLCN", "TDC"]
    assert entry.after["effective_on"] == "2026-07-01"


def test_dossier_figures_of_the_past_stay_with_the_unit_as_it_was(org, merged):
    out = io.StringIO()
    call_command("dossier_kpis", "--agency", "SKHCN", "--from", "2026-01-01", "--to",
                 "2026-12-31", "--by", "unit", "--format", "json", stdout=out)  # fmt: skip
    groups = {g["key"]: g for g in json.loads(out.getvalue())["groups"]}
    assert groups["QLCN"]["received"] == 2 and groups["TDC"]["received"] == 1
    assert groups["KHCN"]["received"] == 1


def test_the_successor_shows_its_predecessors_history_labelled(org, merged):
    _change, successor = merged
    rows = unit_history(successor, *YEAR, on=dt.date(2026, 8, 20))
    own, *before = rows
    assert own.is_own and own.unit == successor
    assert own.dossiers["received"] == 1 and own.tasks["open"] == 1
    assert own.lost == 0
    by_code = {row.unit.code: row for row in before}
    assert set(by_code) == {"QLCN", "TDC"}
    a, b = by_code["QLCN"], by_code["TDC"]
    assert a.end == b.end == dt.date(2026, 6, 30)
    assert "Phòng Quản lý Công nghệ" in a.label and "Phòng Khoa học và Công nghệ" in a.label
    assert "01/07/2026" in a.label
    assert (a.dossiers["received"], a.dossiers["resolved"]) == (2, 2)
    assert a.dossiers["on_time_rate"] == 0.5
    assert b.dossiers["received"] == 1
    assert a.lost == Decimal("1.000") and b.lost == Decimal("0.250")
    assert a.tasks["done_on_time"] == 1 and b.tasks["overdue"] == 1


def test_scorecard_lost_points_stay_with_the_predecessor_units(org, merged):
    out = io.StringIO()
    call_command("scorecard", "--agency", "SKHCN", "--year", "2026", "--format", "json",
                 stdout=out)  # fmt: skip
    lost = {u["unit"]: u["lost"] for u in json.loads(out.getvalue())["lost_by_unit"]}
    assert lost == {"QLCN": 1.0, "TDC": 0.25}


def test_the_history_page_labels_the_predecessors(org, merged, client_for):
    _change, successor = merged
    page = client_for(org.director).get("/org/agencies/SKHCN/units/KHCN/lineage/?year=2026")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-unit="QLCN"' in text and "Quyết định 12/QĐ-SKHCN" in text
    other = client_for(org.other_secretariat).get("/org/agencies/SKHCN/units/KHCN/lineage/")
    assert other.status_code == 404


def test_only_the_secretariat_reorganises_units(org):
    for actor in (org.head_a, org.director, org.other_secretariat):
        with pytest.raises(PermissionDenied):
            unit_merge(actor=actor, agency=org.agency, predecessors=[org.unit_a, org.unit_b],
                       successor_code="X", successor_name="X", effective_on=MERGE_DAY)  # fmt: skip
    assert not Unit.objects.filter(code="X").exists()
    with pytest.raises(DomainError):
        unit_merge(actor=org.secretariat, agency=org.agency, predecessors=[org.other_unit],
                   successor_code="X", successor_name="X", effective_on=MERGE_DAY)  # fmt: skip


def test_a_renamed_unit_reads_its_former_name_for_the_past(org):
    old = org.unit_a.name
    unit_rename(actor=org.secretariat, unit=org.unit_a, name="Phòng Công nghệ và Đổi mới",
                effective_on=dt.date(2026, 3, 1))  # fmt: skip
    assert name_on(org.unit_a, dt.date(2026, 2, 28)) == old
    assert name_on(org.unit_a, dt.date(2026, 3, 1)) == "Phòng Công nghệ và Đổi mới"
    assert [p.name for p in lineage(org.unit_a)] == [old]


def test_agencies_merge_by_an_administrators_act(org):
    with pytest.raises(PermissionDenied):
        agency_merge(actor=org.secretariat, predecessors=[org.other_agency],
                     successor=org.agency, effective_on=dt.date(2025, 7, 1))  # fmt: skip
    agency_merge(actor=org.admin, predecessors=[org.other_agency], successor=org.agency,
                 effective_on=dt.date(2025, 7, 1))  # fmt: skip
    org.other_agency.refresh_from_db()
    assert not org.other_agency.is_active
    assert org.agency.predecessions.get().name_before == "Sở Tư pháp"


def test_the_command_records_a_merge_and_a_split(org):
    out = io.StringIO()
    call_command("unit_change", "merge", "--agency", "SKHCN", "--units", "QLCN,TDC",
                 "--into", "KHCN", "--name", "Phòng KH&CN", "--on", "01/07/2026",
                 "--user", org.secretariat.username, stdout=out)  # fmt: skip
    assert out.getvalue().strip() == "merge on 2026-07-01: QLCN → KHCN, TDC → KHCN"
    call_command("unit_change", "split", "--agency", "SKHCN", "--unit", "HCTH",
                 "--into", "VP:Văn phòng,TC:Phòng Tổ chức", "--on", "2026-10-01", stdout=out)  # fmt: skip
    successor = Unit.objects.get(agency=org.agency, code="TC")
    assert [p.code for p in lineage(successor)] == ["HCTH"]


def test_the_api_records_a_change_and_reads_the_history(org, client_for):
    client = client_for(org.head_a)
    body = {"agency": "SKHCN", "kind": "merge", "effective_on": "2026-07-01",
            "units": ["QLCN", "TDC"], "into": "KHCN", "name": "Phòng KH&CN"}  # fmt: skip
    assert client.post("/api/v1/units/changes", body, content_type="application/json").status_code == 403  # fmt: skip
    client = client_for(org.secretariat)
    response = client.post("/api/v1/units/changes", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["links"] == [{"from": "QLCN", "to": "KHCN"}, {"from": "TDC", "to": "KHCN"}]  # fmt: skip
    rows = client.get("/api/v1/units/SKHCN/KHCN/history?year=2026").json()
    assert [r["unit"] for r in rows] == ["KHCN", "QLCN", "TDC"]
    assert rows[1]["to"] == "2026-06-30" and not rows[1]["own"]
