"""A unit head edits the unit's name and kind, but only the secretariat changes its code (the key
every import uses) or deactivates it (issue 12, item 14)."""

import pytest
from django.urls import reverse

from parindex.common.errors import DomainError
from parindex.org import services
from parindex.org.models import Unit


def test_a_unit_head_cannot_change_the_code_through_the_service(org):
    with pytest.raises(DomainError):
        services.unit_update(actor=org.head_a, unit=org.unit_a, code="MOI")
    assert Unit.objects.get(pk=org.unit_a.pk).code == "QLCN"


def test_a_unit_head_cannot_deactivate_the_unit(org):
    with pytest.raises(DomainError):
        services.unit_update(actor=org.head_a, unit=org.unit_a, is_active=False)
    assert Unit.objects.get(pk=org.unit_a.pk).is_active


def test_a_unit_head_still_renames_the_unit(org):
    services.unit_update(actor=org.head_a, unit=org.unit_a, name="Phòng QLCN mới")
    assert Unit.objects.get(pk=org.unit_a.pk).name == "Phòng QLCN mới"


def test_the_edit_page_ignores_a_code_posted_by_the_unit_head(org, client_for):
    url = reverse("org:unit_edit", args=["SKHCN", "QLCN"])
    client_for(org.head_a).post(
        url, {"code": "MOI", "name": "Phòng QLCN", "kind": "phong", "is_active": ""}
    )
    unit = Unit.objects.get(pk=org.unit_a.pk)
    assert unit.code == "QLCN" and unit.is_active


def test_the_secretariat_changes_the_code_and_deactivates(org):
    services.unit_update(actor=org.secretariat, unit=org.unit_a, code="MOI", is_active=False)
    unit = Unit.objects.get(pk=org.unit_a.pk)
    assert unit.code == "MOI" and not unit.is_active
