"""The access vocabulary: the predicates every app asks, and a guard that nobody asks the scope's
role sets by hand outside the access layer and the models' `scope_filter`."""

import re
from pathlib import Path

import pytest

from parindex.org import access

PACKAGE = Path(access.__file__).resolve().parents[1]

# Attribute reads of a Scope's role sets. Names unique to Scope are caught on any expression;
# the ones a model may also carry (leader, viewer…) only on `scope` / `scope_for(…)`.
ROLE_TEST = re.compile(
    r"(?<!access)\.(is_admin|secretariat|head_units|staff_units|member_units|member_agencies"
    r"|agencies_read_all|agencies_visible|province_secretariat|province_council"
    r"|province_agencies)\b(?!\()"
    r"|\bscope(?:_for\([^)]*\))?\.(leader|viewer|appraiser|councils|provinces)\b"
)


def _allowed(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).as_posix()
    return (
        rel == "org/access.py"
        or path.name == "models.py"  # each model's scope_filter reads the scope
        or path.parent.name == "models"  # the same, in an app whose models are a package
        or "/tests/" in f"/{rel}"
        or "/migrations/" in f"/{rel}"
    )


def test_no_hand_written_role_test_outside_the_access_layer():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if _allowed(path):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ROLE_TEST.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == [], "ask parindex.org.access instead:\n" + "\n".join(offenders)


def test_the_guard_catches_the_usual_spellings():
    for line in (
        "if scope.is_admin or agency.pk in scope.secretariat:",
        "units = scope_for(user).member_units",
        "leader = season.agency_id in scope.leader",
    ):
        assert ROLE_TEST.search(line), line
    assert not ROLE_TEST.search("if access.is_admin(user):")


@pytest.mark.parametrize(
    ("persona", "manages", "creates", "reads"),
    [
        ("admin", True, True, True),
        ("secretariat", True, True, True),
        ("other_secretariat", False, True, False),
        ("director", False, False, True),
        ("viewer", False, False, True),
        ("appraiser", False, False, True),
        ("province_council", False, False, True),
        ("head_a", False, False, False),
        ("staff_a", False, False, False),
        ("outsider", False, False, False),
    ],
)
def test_agency_predicates_per_persona(org, persona, manages, creates, reads):
    user = org.by_name(persona)
    assert access.may_manage_agency(user, org.agency) is manages
    assert access.may_manage_agency(user, org.agency.pk) is manages  # object or id alike
    assert access.may_create(user) is creates
    assert access.reads_agency(user, org.agency) is reads


def test_unit_predicates(org):
    assert access.heads_unit(org.head_a, org.unit_a)
    assert not access.heads_unit(org.staff_a, org.unit_a)
    assert access.is_member_of_unit(org.staff_a, org.unit_a)
    assert not access.is_member_of_unit(org.staff_a, org.unit_b)
    assert access.works_in_agency(org.staff_a, org.agency)
    assert not access.works_in_agency(org.secretariat, org.agency)


def test_secretariat_is_strict_and_admin_is_not_a_secretariat(org):
    assert access.is_secretariat_of(org.secretariat, org.agency)
    assert not access.is_secretariat_of(org.admin, org.agency)
    assert access.is_leader_of(org.director, org.agency)
    assert access.appraises_agency(org.appraiser, org.agency)
    assert not access.appraises_agency(org.appraiser, org.other_agency)


def test_province_and_audit_predicates(org):
    assert access.is_province_staff(org.province_council)
    assert not access.is_province_secretariat(org.province_council)
    assert access.is_province_secretariat(org.province_secretariat)
    assert access.may_read_audit(org.province_secretariat)
    assert not access.may_read_audit(org.director)
    assert not access.is_province_staff(org.secretariat)


def test_a_secretariat_gives_agency_roles_of_its_own_agency_only(org):
    from parindex.org.choices import Role

    assert access.may_assign_role(org.secretariat, Role.LEADER, org.agency)
    assert not access.may_assign_role(org.secretariat, Role.LEADER, org.other_agency)
    assert not access.may_assign_role(org.secretariat, Role.ADMIN, org.agency)
    assert Role.APPRAISER not in access.assignable_roles(org.secretariat)
    assert Role.ADMIN in access.assignable_roles(org.admin)
