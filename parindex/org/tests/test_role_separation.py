"""One person must not both self-assess and appraise the same agency (issue 12, item 13)."""

import pytest
from django.utils import translation

from parindex.common.errors import DomainError
from parindex.org import services
from parindex.org.choices import Role
from parindex.org.models import Council, Membership


def test_an_appraiser_of_the_agency_cannot_be_made_its_unit_staff(org):
    with pytest.raises(DomainError) as refused:
        services.membership_add(
            actor=org.admin, user=org.appraiser, role=Role.UNIT_STAFF, target=org.unit_a
        )
    assert refused.value.field == "role"
    assert not Membership.objects.filter(user=org.appraiser, role=Role.UNIT_STAFF).exists()


def test_the_agencys_secretariat_cannot_join_a_council_appraising_it(org):
    with pytest.raises(DomainError):
        services.membership_add(
            actor=org.admin, user=org.secretariat, role=Role.APPRAISER, target=org.council
        )


def test_appraising_another_agency_is_allowed(org):
    other_council = Council.objects.create(code="HD2", name="Hội đồng 2")
    other_council.agencies.add(org.other_agency)
    services.membership_add(
        actor=org.admin, user=org.secretariat, role=Role.APPRAISER, target=other_council
    )


def test_the_administrator_may_turn_the_rule_off(org, settings):
    settings.PARINDEX_SEPARATE_SELF_AND_APPRAISAL = False
    services.membership_add(
        actor=org.admin, user=org.appraiser, role=Role.UNIT_STAFF, target=org.unit_a
    )
    assert Membership.objects.filter(user=org.appraiser, role=Role.UNIT_STAFF).exists()


def test_the_setting_reads_from_the_environment(tmp_path):
    from parindex.common.env import read_config

    assert read_config({}, base_dir=tmp_path).separate_self_and_appraisal
    off = {"PARINDEX_SEPARATE_SELF_AND_APPRAISAL": "false"}
    assert not read_config(off, base_dir=tmp_path).separate_self_and_appraisal


@pytest.mark.parametrize(
    ("role", "field", "message"),
    [
        (Role.UNIT_STAFF, "unit", "This role is held in a unit."),
        (Role.APPRAISER, "council", "This role is held in an appraisal council."),
        (Role.PROVINCE_COUNCIL, "province", "This role is held in a province."),
    ],
)
def test_a_role_is_given_only_in_the_kind_of_place_it_is_held_in(org, role, field, message):
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.membership_add(actor=org.admin, user=org.outsider, role=role, target=org.agency)
    assert (refused.value.field, str(refused.value)) == (field, message)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.membership_add(
            actor=org.admin, user=org.outsider, role=Role.SECRETARIAT, target=org.unit_a
        )
    assert (refused.value.field, str(refused.value)) == (
        "agency",
        "This role is held in an agency.",
    )
