"""Initiatives: one per unit a year, their states, the board's decision, and coverage."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from parindex.common.errors import DomainError
from parindex.org.models import Unit
from parindex.workplan import selectors, services
from parindex.workplan.choices import InitiativeStatus as S


@pytest.fixture
def initiative(org):
    return services.initiative_register(
        actor=org.head_a,
        unit=org.unit_a,
        year=2026,
        title="Số hóa hồ sơ cấp phép",
        problem="Hồ sơ giấy",
        solution="Phần mềm một cửa",
        expected_effect="Giảm 30% thời gian",
        owner=org.staff_a,
    )


def _submit(org, initiative):
    """The head of unit A starts the initiative and submits it to the board."""
    for state in (S.IN_PROGRESS, S.SUBMITTED):
        services.initiative_transition(actor=org.head_a, initiative=initiative, to=state)


def test_unit_head_registers_the_units_initiative(initiative, org):
    assert initiative.status == S.REGISTERED
    assert initiative.agency == org.agency


def test_only_one_initiative_per_unit_and_year(initiative, org):
    with pytest.raises(DomainError):
        services.initiative_register(
            actor=org.secretariat, unit=org.unit_a, year=2026, title="Thứ hai"
        )
    services.initiative_register(actor=org.secretariat, unit=org.unit_a, year=2027, title="Năm sau")


def test_staff_and_other_heads_cannot_register_for_a_unit(org):
    for actor in (org.staff_a, org.head_b, org.director, org.other_secretariat):
        with pytest.raises(PermissionDenied):
            services.initiative_register(actor=actor, unit=org.unit_a, year=2026, title="X")


def test_full_path_to_applied(initiative, org):
    _submit(org, initiative)
    services.initiative_transition(
        actor=org.secretariat,
        initiative=initiative,
        to=S.RECOGNISED,
        board_notes="Đạt, áp dụng toàn Sở",
        board_score="85,5",
    )
    assert initiative.board_score == Decimal("85.5")
    services.initiative_transition(actor=org.head_a, initiative=initiative, to=S.APPLIED)
    assert initiative.status == S.APPLIED


def test_skipping_a_state_is_refused(initiative, org):
    with pytest.raises(DomainError):
        services.initiative_transition(
            actor=org.secretariat, initiative=initiative, to=S.RECOGNISED, board_notes="x"
        )


def test_not_recognised_cannot_be_applied(initiative, org):
    _submit(org, initiative)
    services.initiative_transition(
        actor=org.secretariat,
        initiative=initiative,
        to=S.NOT_RECOGNISED,
        board_notes="Chưa có tính mới",
    )
    with pytest.raises(DomainError):
        services.initiative_transition(actor=org.head_a, initiative=initiative, to=S.APPLIED)


def test_only_the_secretariat_records_the_boards_decision(initiative, org):
    _submit(org, initiative)
    with pytest.raises(PermissionDenied):
        services.initiative_transition(
            actor=org.head_a, initiative=initiative, to=S.RECOGNISED, board_notes="Tự công nhận"
        )


def test_the_decision_needs_notes_and_a_score_in_range(initiative, org):
    _submit(org, initiative)
    with pytest.raises(DomainError):
        services.initiative_transition(
            actor=org.secretariat, initiative=initiative, to=S.RECOGNISED, board_notes=""
        )
    with pytest.raises(DomainError):
        services.initiative_transition(
            actor=org.secretariat,
            initiative=initiative,
            to=S.RECOGNISED,
            board_notes="ok",
            board_score=120,
        )


def test_staff_cannot_move_the_initiative(initiative, org):
    with pytest.raises(PermissionDenied):
        services.initiative_transition(actor=org.staff_a, initiative=initiative, to=S.IN_PROGRESS)


def test_coverage_counts_units_with_an_initiative(initiative, org):
    coverage = selectors.initiative_coverage(org.agency, 2026)
    assert len(coverage.required) == 3
    assert [u.code for u in coverage.registered] == ["QLCN"]
    assert [u.code for u in coverage.missing] == ["HCTH", "TDC"]
    assert coverage.rate == pytest.approx(1 / 3)


def test_exempt_and_inactive_units_need_not_register(initiative, org):
    services.exemption_set(
        actor=org.secretariat, unit=org.secretariat_unit, reason="Đơn vị đầu mối thẩm định"
    )
    Unit.objects.filter(pk=org.unit_b.pk).update(is_active=False)
    coverage = selectors.initiative_coverage(org.agency, 2026)
    assert coverage.rate == 1.0
    assert coverage.missing == []
    assert [u.code for u in coverage.exempt] == ["HCTH"]


def test_coverage_is_none_when_no_unit_must_register(org):
    Unit.objects.filter(agency=org.agency).update(is_active=False)
    assert selectors.initiative_coverage(org.agency, 2026).rate is None


def test_every_state_counts_as_registered(initiative, org):
    services.initiative_transition(actor=org.head_a, initiative=initiative, to=S.IN_PROGRESS)
    assert "QLCN" in [u.code for u in selectors.initiative_coverage(org.agency, 2026).registered]


def test_coverage_command_json(initiative, org, capsys):
    import json

    call_command("initiative_coverage", "--agency", "SKHCN", "--year", "2026", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["registered"] == 1 and data["required"] == 3
    assert data["rate"] == pytest.approx(1 / 3)
    assert [m["code"] for m in data["missing"]] == ["HCTH", "TDC"]


def test_register_page_warns_about_units_without_an_initiative(initiative, org, client_for):
    page = client_for(org.secretariat).get("/workplan/initiatives/?year=2026").content.decode()
    assert "TDC" in page and "HCTH" in page
    assert 'id="coverage"' in page


def test_secretariat_exempts_a_unit_through_the_register(org, client_for):
    client = client_for(org.secretariat)
    client.post(
        "/workplan/initiatives/exemptions/", {"unit": org.unit_b.pk, "reason": "Đang sáp nhập"}
    )
    assert [u.code for u in selectors.initiative_coverage(org.agency, 2026).exempt] == ["TDC"]
    client.post("/workplan/initiatives/exemptions/", {"unit": org.unit_b.pk, "clear": "1"})
    assert selectors.initiative_coverage(org.agency, 2026).exempt == []


def test_a_unit_head_cannot_exempt_their_unit(org, client_for):
    response = client_for(org.head_a).post(
        "/workplan/initiatives/exemptions/", {"unit": org.unit_a.pk, "reason": "Bận"}
    )
    assert response.status_code == 403
    assert selectors.initiative_coverage(org.agency, 2026).exempt == []
