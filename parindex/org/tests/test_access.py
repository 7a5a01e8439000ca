"""The permission matrix on units, people and roles, read straight off the access layer."""

import pytest

from parindex.org.access import Action, can, scope_for
from parindex.org.models import Unit, User


def visible_unit_codes(user, action=Action.VIEW):
    return set(Unit.objects.restrict(user, action).values_list("agency__code", "code"))


def test_admin_sees_and_changes_every_unit(org):
    assert len(visible_unit_codes(org.admin, Action.CHANGE)) == Unit.objects.count()


def test_secretariat_changes_only_units_of_its_own_agency(org):
    assert visible_unit_codes(org.secretariat, Action.CHANGE) == {
        ("SKHCN", "QLCN"),
        ("SKHCN", "TDC"),
        ("SKHCN", "HCTH"),
    }
    assert not can(org.other_secretariat, Action.CHANGE, org.unit_a)


def test_unit_head_changes_own_unit_but_not_another(org):
    assert can(org.head_a, Action.CHANGE, org.unit_a)
    assert not can(org.head_a, Action.CHANGE, org.unit_b)


@pytest.mark.parametrize("persona", ["staff_a", "director", "viewer", "appraiser", "outsider"])
def test_read_only_roles_change_no_unit(org, persona):
    assert visible_unit_codes(org.by_name(persona), Action.CHANGE) == set()


def test_unit_members_see_their_agency_units_but_not_another_agency(org):
    codes = visible_unit_codes(org.staff_a)
    assert ("SKHCN", "TDC") in codes
    assert ("STP", "VP") not in codes


def test_appraiser_sees_the_agencies_of_its_council_only(org):
    scope = scope_for(org.appraiser)
    assert scope.appraiser == {org.agency.pk}
    assert ("STP", "VP") not in visible_unit_codes(org.appraiser)


def test_outsider_and_anonymous_see_nothing(org):
    from django.contrib.auth.models import AnonymousUser

    assert visible_unit_codes(org.outsider) == set()
    assert not Unit.objects.restrict(AnonymousUser()).exists()


def test_people_of_another_agency_are_hidden_from_the_secretariat(org):
    visible = set(User.objects.restrict(org.secretariat).values_list("username", flat=True))
    assert {"cv_a", "truong_b", "giamdoc"} <= visible
    assert "thuky_stp" not in visible


def test_unit_staff_see_their_colleagues_and_themselves_only(org):
    visible = set(User.objects.restrict(org.staff_a).values_list("username", flat=True))
    assert visible == {"cv_a", "truong_a"}


def test_secretariat_cannot_change_an_administrator(org):
    from parindex.org.models import Membership

    Membership.objects.create(user=org.admin, role="leader", agency=org.agency)
    assert not can(org.secretariat, Action.CHANGE, org.admin)
    assert can(org.secretariat, Action.CHANGE, org.staff_a)
