import pytest

from parindex.common.errors import refuse_unknown


def test_a_field_the_service_does_not_take_is_a_callers_mistake():
    refuse_unknown("unit_update", ["name"], ("code", "name"))
    with pytest.raises(ValueError, match=r"unit_update does not change \['colour'\]"):
        refuse_unknown("unit_update", ["name", "colour"], ("code", "name"))
    with pytest.raises(ValueError, match=r"document_create does not take \['x'\]"):
        refuse_unknown("document_create", {"x": 1}, (), "take")
