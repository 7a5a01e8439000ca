"""Who may do what: the permission matrix of tasks, plans and initiatives, and audit rows."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import PERSONAS
from parindex.audit.models import AuditEntry
from parindex.org.access import Action, can
from parindex.workplan import services
from parindex.workplan.choices import PlanType, TaskStatus
from parindex.workplan.models import MANAGE, Plan, Task
from parindex.workplan.tests.conftest import days


@pytest.fixture
def task(org, make_task):
    return make_task("Việc của phòng A", assignees=[org.staff_a], due=days(3))


@pytest.mark.parametrize(
    ("persona", "view", "report", "manage"),
    [
        ("admin", True, True, True),
        ("secretariat", True, True, True),
        ("director", True, False, False),
        ("viewer", True, False, False),
        ("head_a", True, True, True),
        ("staff_a", True, True, False),
        ("head_b", False, False, False),
        ("staff_b", False, False, False),
        ("appraiser", False, False, False),
        ("outsider", False, False, False),
        ("other_secretariat", False, False, False),
    ],
)
def test_task_permission_matrix(org, task, persona, view, report, manage):
    user = org.by_name(persona)
    assert can(user, Action.VIEW, task) is view
    assert can(user, Action.CHANGE, task) is report
    assert can(user, MANAGE, task) is manage


def test_a_cooperating_unit_sees_the_task_but_cannot_change_it(org, make_task):
    task = make_task("Phối hợp", cooperating_units=[org.unit_b])
    assert can(org.staff_b, Action.VIEW, task)
    assert not can(org.staff_b, Action.CHANGE, task)


def test_a_staff_member_of_the_unit_not_assigned_sees_but_cannot_report(org, make_task, db):
    from conftest import make_user
    from parindex.org.choices import Role

    colleague = make_user("cv_a2", Role.UNIT_STAFF, unit=org.unit_a)
    task = make_task("Việc của người khác", assignees=[org.staff_a])
    assert can(colleague, Action.VIEW, task)
    assert not can(colleague, Action.CHANGE, task)


def test_unit_head_creates_tasks_only_for_their_unit(org, plan):
    services.task_create(
        actor=org.head_a,
        plan=plan,
        title="Việc A",
        lead_unit=org.unit_a,
        due_date=days(5),
        assignees=[org.staff_a],
    )
    with pytest.raises(PermissionDenied):
        services.task_create(
            actor=org.head_a, plan=plan, title="Việc B", lead_unit=org.unit_b, due_date=days(5)
        )


@pytest.mark.parametrize(
    "persona", ["staff_a", "director", "viewer", "head_b", "outsider", "other_secretariat"]
)
def test_others_cannot_create_tasks(org, plan, persona):
    with pytest.raises(PermissionDenied):
        services.task_create(
            actor=org.by_name(persona), plan=plan, title="X", lead_unit=org.unit_a, due_date=days(5)
        )


def test_assignees_must_hold_a_role_in_the_agency(org, plan):
    from parindex.common.errors import DomainError

    with pytest.raises(DomainError):
        services.task_create(
            actor=org.secretariat,
            plan=plan,
            title="X",
            lead_unit=org.unit_a,
            due_date=days(5),
            assignees=[org.outsider],
        )


def test_staff_update_status_but_cannot_cancel_or_edit(org, task):
    services.task_set_status(
        actor=org.staff_a, task=task, status=TaskStatus.IN_PROGRESS, progress=40
    )
    with pytest.raises(PermissionDenied):
        services.task_set_status(actor=org.staff_a, task=task, status=TaskStatus.CANCELLED)
    with pytest.raises(PermissionDenied):
        services.task_update(actor=org.staff_a, task=task, title="Đổi tên")
    services.task_set_status(actor=org.head_a, task=task, status=TaskStatus.CANCELLED)


def test_staff_of_another_unit_cannot_report_on_the_task(org, task):
    with pytest.raises(PermissionDenied):
        services.task_set_status(actor=org.staff_b, task=task, status=TaskStatus.DONE)
    with pytest.raises(PermissionDenied):
        services.task_add_attachment(actor=org.staff_b, task=task, reference="123/BC")


def test_leaders_may_comment_but_not_report(org, task):
    services.task_comment(actor=org.director, task=task, body="Đề nghị khẩn trương")
    with pytest.raises(PermissionDenied):
        services.task_set_status(actor=org.director, task=task, status=TaskStatus.DONE)
    with pytest.raises(PermissionDenied):
        services.task_comment(actor=org.staff_b, task=task, body="x")


def test_only_the_secretariat_manages_plans(org, plan):
    for persona in ("head_a", "staff_a", "director", "viewer", "other_secretariat"):
        user = org.by_name(persona)
        with pytest.raises(PermissionDenied):
            services.plan_create(
                actor=user,
                agency=org.agency,
                code=f"X-{persona}",
                plan_type=PlanType.OTHER,
                year=2026,
                title="X",
            )
        with pytest.raises(PermissionDenied):
            services.plan_update(actor=user, plan=plan, title="Đổi")
    services.plan_update(actor=org.secretariat, plan=plan, title="Kế hoạch CCHC 2026 (sửa đổi)")


def test_plans_are_visible_to_the_agency_only(org, plan):
    visible = {
        p: Plan.objects.restrict(org.by_name(p)).filter(pk=plan.pk).exists() for p in PERSONAS
    }
    assert visible == {
        "admin": True,
        "secretariat": True,
        "director": True,
        "head_a": True,
        "staff_a": True,
        "head_b": True,
        "staff_b": True,
        "appraiser": False,
        "viewer": True,
        "outsider": False,
        "other_secretariat": False,
    }


def test_no_task_can_be_added_to_a_closed_plan(org, plan):
    from parindex.common.errors import DomainError

    services.plan_update(actor=org.secretariat, plan=plan, status="closed")
    with pytest.raises(DomainError):
        services.task_create(
            actor=org.secretariat, plan=plan, title="X", lead_unit=org.unit_a, due_date=days(1)
        )


def test_every_change_writes_an_audit_row(org, task):
    services.task_set_status(actor=org.staff_a, task=task, status=TaskStatus.DONE, note="Đã gửi")
    services.task_add_attachment(actor=org.staff_a, task=task, reference="45/BC-QLCN")
    services.task_comment(actor=org.head_a, task=task, body="Tốt")
    services.task_update(actor=org.head_a, task=task, title="Việc của phòng A (sửa)")
    actions = list(
        AuditEntry.objects.filter(target_id=str(task.pk), target_type__model="task")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "task.created",
        "task.status_changed",
        "task.file_added",
        "task.commented",
        "task.updated",
    ]
    status_row = AuditEntry.objects.get(action="task.status_changed")
    assert status_row.actor == org.staff_a
    assert status_row.before["status"] == "not_started"
    assert status_row.after["status"] == "done"
    assert status_row.note == "Đã gửi"
    assert status_row.agency == org.agency
    assert AuditEntry.objects.filter(action="plan.created").exists()


def test_an_unchanged_update_writes_no_audit_row(org, task):
    before = AuditEntry.objects.count()
    services.task_update(actor=org.head_a, task=task, title=task.title)
    assert AuditEntry.objects.count() == before


def test_task_list_of_a_staff_member_of_another_unit_is_empty(org, task):
    assert not Task.objects.restrict(org.staff_b).exists()
