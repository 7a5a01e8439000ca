"""Pages: render, stay in scope, export what is shown, and stay within a bounded query count."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.workplan import services
from parindex.workplan.choices import TaskStatus
from parindex.workplan.models import Task
from parindex.workplan.tests.conftest import days


@pytest.fixture
def tasks(org, make_task):
    result = []
    for n in range(12):
        unit = org.unit_a if n % 2 else org.unit_b
        result.append(
            make_task(
                f"Nhiệm vụ {n}",
                unit=unit,
                due=days(n - 6),
                assignees=[org.staff_a if n % 2 else org.staff_b],
                cooperating_units=[org.secretariat_unit],
            )
        )
    return result


@pytest.mark.parametrize(
    "url",
    [
        "/workplan/tasks/mine/",
        "/workplan/tasks/unit/",
        "/workplan/tasks/",
        "/workplan/board/",
        "/workplan/calendar/",
        "/workplan/timeline/",
        "/workplan/plans/",
        "/workplan/digest/",
        "/workplan/initiatives/",
        "/workplan/feeds/",
    ],
)
def test_pages_render_for_staff_and_secretariat(org, tasks, client_for, url):
    for user in (org.staff_a, org.secretariat):
        assert client_for(user).get(url).status_code == 200


def test_index_is_my_tasks_for_staff_and_the_board_for_the_secretariat(org, client_for):
    assert client_for(org.staff_a).get("/workplan/")["Location"].endswith("/workplan/tasks/mine/")
    assert client_for(org.secretariat).get("/workplan/")["Location"].endswith("/workplan/board/")
    assert client_for(org.director).get("/workplan/")["Location"].endswith("/workplan/board/")


def test_login_is_required(client):
    assert client.get("/workplan/tasks/mine/").status_code == 302


def test_my_tasks_shows_only_mine(org, tasks, client_for):
    page = client_for(org.staff_a).get("/workplan/tasks/mine/").content.decode()
    assert "Nhiệm vụ 1<" in page and "Nhiệm vụ 2<" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/workplan/tasks/",
        "/workplan/tasks/mine/",
        "/workplan/tasks/unit/",
        "/workplan/plans/",
        "/workplan/initiatives/",
        "/workplan/board/",
        "/workplan/calendar/",
        "/workplan/timeline/",
    ],
)
def test_list_pages_use_a_bounded_number_of_queries(
    org, tasks, client_for, url, django_assert_max_num_queries
):
    client = client_for(org.secretariat)
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/workplan/tasks/", "/workplan/tasks/mine/"])
def test_task_lists_show_every_task_with_as_many_queries_for_twice_the_tasks(
    org, make_task, client_for, list_scales, url
):
    def add(start, stop):
        for n in range(start, stop):
            make_task(
                f"Việc thử {n}",
                unit=org.unit_a,
                due=days(n + 1),
                assignees=[org.staff_a],
                cooperating_units=[org.secretariat_unit, org.unit_b],
            )

    list_scales(client_for(org.staff_a), url, add, lambda i: f"Việc thử {i}<")


def test_task_list_export_is_what_is_shown(org, tasks, client_for):
    client = client_for(org.staff_a)
    response = client.get("/workplan/tasks/?state=overdue&export=csv")
    body = response.content.decode("utf-8-sig")
    lines = [line for line in body.splitlines() if line]
    # staff_a sees unit A's tasks (odd numbers) + HCTH cooperation is not theirs
    overdue_a = [t for t in tasks if t.lead_unit_id == org.unit_a.pk and t.is_overdue()]
    assert len(lines) == 1 + len(overdue_a)


def test_board_counts_and_export(org, tasks, client_for):
    done = tasks[1]
    services.task_set_status(
        actor=org.secretariat, task=done, status=TaskStatus.DONE, done_at=days(-1)
    )  # due days(-5): done late
    client = client_for(org.secretariat)
    page = client.get("/workplan/board/").content.decode()
    assert 'data-unit="QLCN"' in page
    xlsx = client.get("/workplan/board/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    csv_rows = client.get("/workplan/board/?export=csv").content.decode("utf-8-sig").splitlines()
    qlcn = next(r for r in csv_rows if r.startswith("QLCN"))
    assert qlcn.split(",")[6] == "1"  # done late


def test_calendar_shows_tasks_on_their_due_date(org, tasks, client_for):
    page = client_for(org.secretariat).get("/workplan/calendar/?month=2026-06").content.decode()
    assert 'data-date="2026-06-15"' in page
    assert "Nhiệm vụ 6" in page


def test_timeline_is_server_side_svg(org, tasks, client_for):
    page = client_for(org.secretariat).get("/workplan/timeline/?year=2026").content.decode()
    assert "<svg" in page and "<rect" in page and "cdn" not in page.lower()


def test_task_detail_is_hidden_from_another_unit(org, tasks, client_for):
    task_a = next(t for t in tasks if t.lead_unit_id == org.unit_a.pk)
    assert client_for(org.staff_b).get(task_a.get_absolute_url()).status_code == 404
    assert client_for(org.outsider).get(task_a.get_absolute_url()).status_code == 404
    assert client_for(org.director).get(task_a.get_absolute_url()).status_code == 200


def test_another_unit_cannot_post_a_status(org, tasks, client_for):
    task_a = next(t for t in tasks if t.lead_unit_id == org.unit_a.pk)
    response = client_for(org.staff_b).post(
        task_a.get_absolute_url(), {"form": "status", "status": "done"}
    )
    assert response.status_code == 404
    response = client_for(org.director).post(
        task_a.get_absolute_url(), {"form": "status", "status": "done"}
    )
    assert response.status_code == 403
    task_a.refresh_from_db()
    assert task_a.status == TaskStatus.NOT_STARTED


def test_staff_marks_done_with_an_output_file(org, tasks, client_for):
    task = next(t for t in tasks if t.lead_unit_id == org.unit_a.pk)
    client = client_for(org.staff_a)
    client.post(
        task.get_absolute_url(),
        {
            "form": "file",
            "kind": "output",
            "title": "Báo cáo",
            "file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4"),
        },
    )
    client.post(
        task.get_absolute_url(), {"form": "status", "status": "done", "done_at": "15/06/2026"}
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_at == dt.date(2026, 6, 15)
    assert task.attachments.get().file.name.endswith(".pdf")
    page = client.get(task.get_absolute_url()).content.decode()
    assert "task.status_changed" in page  # history panel


def test_unit_head_creates_a_task_through_the_form(org, plan, client_for):
    client = client_for(org.head_a)
    response = client.post(
        f"/workplan/plans/{plan.pk}/tasks/new/",
        {
            "title": "Cập nhật quy trình ISO",
            "lead_unit": org.unit_a.pk,
            "assignees": [org.staff_a.pk],
            "due_date": "2026-06-30",
            "criteria": "3.2.1, 5",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Cập nhật quy trình ISO")
    assert task.criteria == ["3.2.1", "5"] and task.criteria_year == 2026
    assert task.assigner == org.head_a


def test_bad_criterion_codes_are_refused_in_the_form(org, plan, client_for):
    response = client_for(org.secretariat).post(
        f"/workplan/plans/{plan.pk}/tasks/new/",
        {
            "title": "X",
            "lead_unit": org.unit_a.pk,
            "due_date": "2026-06-30",
            "criteria": "ba.hai",
        },
    )
    assert response.status_code == 200
    assert not Task.objects.filter(title="X").exists()


def test_staff_cannot_open_the_new_task_or_plan_forms(org, plan, client_for):
    client = client_for(org.staff_a)
    assert client.get(f"/workplan/plans/{plan.pk}/tasks/new/").status_code == 403
    assert client.get("/workplan/plans/new/").status_code == 403
    assert client.get(f"/workplan/plans/{plan.pk}/edit/").status_code == 403


def test_plan_page_shows_completion(org, plan, tasks, client_for):
    services.task_set_status(
        actor=org.secretariat, task=tasks[0], status=TaskStatus.DONE, done_at=days(-1)
    )
    page = client_for(org.secretariat).get(plan.get_absolute_url()).content.decode()
    assert 'data-value="8"' in page  # 100 / 12 tasks, rounded


def test_secretariat_creates_a_plan_through_the_form(org, client_for):
    response = client_for(org.secretariat).post(
        "/workplan/plans/new/",
        {
            "agency": org.agency.pk,
            "code": "CTCT-2026",
            "plan_type": "work_programme",
            "year": 2026,
            "title": "Chương trình công tác năm 2026",
            "status": "active",
            "doc_number": "12/CTr-SKHCN",
            "doc_date": "05/01/2026",
        },
    )
    assert response.status_code == 302


def test_other_agency_cannot_see_the_plan(org, plan, client_for):
    assert client_for(org.other_secretariat).get(plan.get_absolute_url()).status_code == 404


def test_svg_coordinates_and_years_are_not_localized(org, tasks, client_for):
    import re

    page = client_for(org.secretariat).get("/workplan/timeline/?year=2026").content.decode()
    assert "2.026" not in page
    assert not re.search(r'<rect x="\d+,\d', page)
    board = client_for(org.secretariat).get("/workplan/board/?year=2026").content.decode()
    assert 'value="2026"' in board
