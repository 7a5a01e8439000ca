"""API /api/v1/workplan: list, create and update plans, tasks and initiatives within rights."""

import json

import pytest

from parindex.workplan.models import Initiative, Task
from parindex.workplan.tests.conftest import days


def post(client, url, data):
    return client.post(url, json.dumps(data, default=str), content_type="application/json")


def patch(client, url, data):
    return client.patch(url, json.dumps(data, default=str), content_type="application/json")


@pytest.fixture
def task(org, make_task):
    return make_task("Việc A", assignees=[org.staff_a], due=days(-1))


def test_task_list_is_scoped_and_shows_derived_state(org, task, make_task, client_for):
    make_task("Việc B", unit=org.unit_b)
    data = client_for(org.staff_a).get("/api/v1/workplan/tasks").json()
    assert [t["title"] for t in data] == ["Việc A"]
    assert data[0]["overdue"] is True and data[0]["progress"] == 0
    assert len(client_for(org.secretariat).get("/api/v1/workplan/tasks").json()) == 2
    assert client_for(org.outsider).get("/api/v1/workplan/tasks").json() == []


def test_staff_reports_done_through_the_api(org, task, client_for):
    response = patch(
        client_for(org.staff_a),
        f"/api/v1/workplan/tasks/{task.pk}",
        {"status": "done", "done_at": days(0).isoformat()},
    )
    assert response.status_code == 200, response.content
    assert response.json()["finished_late"] is True
    assert response.json()["progress"] == 100


def test_staff_cannot_rename_a_task_through_the_api(org, task, client_for):
    response = patch(client_for(org.staff_a), f"/api/v1/workplan/tasks/{task.pk}", {"title": "Đổi"})
    assert response.status_code == 403


def test_another_unit_gets_404(org, task, client_for):
    response = patch(
        client_for(org.staff_b), f"/api/v1/workplan/tasks/{task.pk}", {"status": "done"}
    )
    assert response.status_code == 404


def test_unit_head_creates_a_task(org, plan, client_for):
    response = post(
        client_for(org.head_a),
        "/api/v1/workplan/tasks",
        {
            "plan": plan.pk,
            "title": "Việc mới",
            "lead_unit": "QLCN",
            "due_date": days(10),
            "assignees": ["cv_a"],
            "criteria": ["3.2.1"],
        },
    )
    assert response.status_code == 201, response.content
    assert Task.objects.get(title="Việc mới").criteria == ["3.2.1"]
    response = post(
        client_for(org.head_a),
        "/api/v1/workplan/tasks",
        {"plan": plan.pk, "title": "Việc phòng B", "lead_unit": "TDC", "due_date": days(10)},
    )
    assert response.status_code == 403


def test_validation_errors_are_400(org, plan, client_for):
    response = post(
        client_for(org.secretariat),
        "/api/v1/workplan/tasks",
        {
            "plan": plan.pk,
            "title": "X",
            "lead_unit": "QLCN",
            "due_date": days(10),
            "criteria": ["abc"],
        },
    )
    assert response.status_code == 400
    assert response.json()["field"] == "criteria"


def test_plans_create_and_update(org, client_for):
    client = client_for(org.secretariat)
    response = post(
        client,
        "/api/v1/workplan/plans",
        {
            "agency": "SKHCN",
            "code": "KT-2026",
            "plan_type": "inspection",
            "year": 2026,
            "title": "Kế hoạch kiểm tra CCHC",
        },
    )
    assert response.status_code == 201
    plan_id = response.json()["id"]
    assert (
        patch(client, f"/api/v1/workplan/plans/{plan_id}", {"status": "closed"}).json()["status"]
        == "closed"
    )
    assert (
        patch(
            client_for(org.head_a), f"/api/v1/workplan/plans/{plan_id}", {"status": "active"}
        ).status_code
        == 403
    )
    assert (
        post(
            client_for(org.head_a),
            "/api/v1/workplan/plans",
            {"agency": "SKHCN", "code": "X", "plan_type": "other", "year": 2026, "title": "X"},
        ).status_code
        == 403
    )


def test_initiatives_register_and_move(org, client_for):
    head = client_for(org.head_a)
    response = post(
        head,
        "/api/v1/workplan/initiatives",
        {"agency": "SKHCN", "unit": "QLCN", "year": 2026, "title": "Sáng kiến số hóa"},
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert (
        patch(head, f"/api/v1/workplan/initiatives/{pk}", {"status": "in_progress"}).json()[
            "status"
        ]
        == "in_progress"
    )
    assert Initiative.objects.get(pk=pk).status == "in_progress"
    listing = client_for(org.director).get("/api/v1/workplan/initiatives?year=2026").json()
    assert [i["unit"] for i in listing] == ["QLCN"]


def test_an_unknown_assignee_and_one_of_another_agency_get_the_same_answer(org, plan, client_for):
    """Issue 12, item 15: the answer tells neither whether a user name exists nor whose it is."""
    org.other_secretariat.full_name = "Nguyễn Văn Bí Mật"
    org.other_secretariat.save()
    client = client_for(org.secretariat)

    def create(username):
        return post(
            client,
            "/api/v1/workplan/tasks",
            {
                "plan": plan.pk,
                "title": "Việc",
                "lead_unit": "QLCN",
                "due_date": days(10),
                "assignees": [username],
            },
        )

    unknown, outsider = create("khong_co_ai"), create(org.other_secretariat.username)
    assert unknown.status_code == outsider.status_code == 400
    assert unknown.json()["field"] == outsider.json()["field"] == "assignees"
    template = unknown.json()["detail"].replace("khong_co_ai", "{}")
    assert outsider.json()["detail"] == template.replace("{}", org.other_secretariat.username)
    assert "Bí Mật" not in outsider.content.decode()
    assert not Task.objects.filter(title="Việc").exists()
