"""The Django admin cannot write audited models (issue 12, item 10): no forged audit rows, no
score, task or unit deleted without an audit row."""

import datetime as dt

import pytest
from django.contrib import admin

from parindex.audit.models import AuditEntry
from parindex.org.models import Unit


def test_every_project_model_in_the_admin_is_read_only(rf, org):
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save()
    request = rf.get("/")
    request.user = org.admin
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("parindex."):
            continue
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None), inline
        checked += 1
    assert checked >= 20


@pytest.fixture
def superuser_client(org, client_for):
    org.admin.is_staff = org.admin.is_superuser = True
    org.admin.save()
    return client_for(org.admin)


def test_the_admin_refuses_to_add_a_forged_audit_row(org, superuser_client):
    response = superuser_client.post(
        "/django-admin/audit/auditentry/add/",
        {"actor_name": "Giám đốc", "action": "score.appraised", "target_repr": "1.1"},
    )
    assert response.status_code == 403
    assert not AuditEntry.objects.exists()


def test_the_admin_refuses_to_change_or_delete_a_unit(org, superuser_client):
    base = f"/django-admin/org/unit/{org.unit_a.pk}"
    changed = superuser_client.post(
        f"{base}/change/",
        {"agency": org.agency.pk, "code": "X", "name": "X", "kind": "phong", "is_active": ""},
    )
    # The change view answers a read-only page (200) or 403, and never saves.
    assert changed.status_code in (200, 403)
    assert superuser_client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    superuser_client.post(
        "/django-admin/org/unit/",
        {"action": "delete_selected", "_selected_action": [org.unit_a.pk], "post": "yes"},
    )
    unit = Unit.objects.get(pk=org.unit_a.pk)
    assert unit.code == "QLCN" and unit.is_active


def test_the_admin_refuses_to_delete_a_task(org, superuser_client):
    from parindex.workplan.models import Plan, Task

    plan = Plan.objects.create(agency=org.agency, code="KH1", title="Kế hoạch", year=2026)
    task = Task.objects.create(
        plan=plan, agency=org.agency, title="Việc", lead_unit=org.unit_a,
        due_date=dt.date(2026, 3, 1),
    )  # fmt: skip
    response = superuser_client.post(
        f"/django-admin/workplan/task/{task.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Task.objects.filter(pk=task.pk).exists()
