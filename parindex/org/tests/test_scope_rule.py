"""`ScopeRule`, the declarative form of a model's `scope_filter`: what each action answers."""

import pytest
from django.db.models import Q

from parindex.org.access import (
    Action,
    Scope,
    ScopeRule,
    agency_members,
    agency_secretariat,
    scope_for,
)
from parindex.org.models import Agency, Unit

NOTHING = Q(pk__in=[])
SECRETARIAT = Scope(user_id=1, secretariat=frozenset({5}), staff_units=frozenset({7}))


def test_view_and_the_three_writes_answer_their_rules():
    rule = ScopeRule(view=agency_members, write=agency_secretariat)
    assert rule(SECRETARIAT, Action.VIEW) == Q(agency__in=SECRETARIAT.agencies_visible)
    for action in (Action.CHANGE, Action.CREATE, Action.DELETE):
        assert rule(SECRETARIAT, action) == Q(agency__in=frozenset({5}))


def test_an_administrator_gets_everything_and_an_unknown_action_nothing():
    rule = ScopeRule(view=agency_members, write=agency_secretariat)
    admin = Scope(user_id=2, is_admin=True)
    assert rule(admin, Action.DELETE) == Q()
    assert rule(admin, "anything") == Q()
    assert rule(SECRETARIAT, "anything") == NOTHING


def test_writes_narrow_the_write_rule_and_extra_adds_actions_alone_or_in_tuples():
    rule = ScopeRule(
        write=agency_secretariat,
        writes=(Action.CHANGE,),
        extra={"approve": agency_members, ("send", Action.VIEW): lambda s: Q(pk=s.user_id)},
    )
    assert rule(SECRETARIAT, Action.CHANGE) == Q(agency__in=frozenset({5}))
    assert rule(SECRETARIAT, Action.DELETE) == NOTHING
    assert rule(SECRETARIAT, "approve") == Q(agency__in=SECRETARIAT.agencies_visible)
    assert rule(SECRETARIAT, "send") == rule(SECRETARIAT, Action.VIEW) == Q(pk=1)


def test_two_rules_for_one_action_are_refused():
    with pytest.raises(ValueError, match="change"):
        ScopeRule(write=agency_secretariat, extra={Action.CHANGE: agency_members})


def test_a_model_rule_is_called_on_the_class_and_on_an_instance():
    assert Unit.scope_filter(SECRETARIAT, Action.VIEW) == Unit().scope_filter(
        SECRETARIAT, Action.VIEW
    )


def test_via_gives_a_child_what_its_parent_allows(org):
    rule = ScopeRule.via("agency", Agency)
    allowed = Unit.objects.filter(rule(scope_for(org.secretariat), Action.CHANGE))
    assert set(allowed.values_list("agency", flat=True)) == {org.agency.pk}
