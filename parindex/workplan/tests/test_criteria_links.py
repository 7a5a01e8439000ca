"""Task criterion codes against the scorecards framework of their year: checked on create,
update and import, linked from the task page, listed on the criterion's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from parindex.common.errors import DomainError
from parindex.scorecards import services as scorecards
from parindex.scorecards.tests.helpers import framework_file
from parindex.workplan import services
from parindex.workplan.choices import TaskStatus
from parindex.workplan.criteria import criterion_links, tasks_for_criterion
from parindex.workplan.tests.helpers import make_plan


@pytest.fixture
def framework(org, tmp_path):
    """The small 2022 framework (1, 1.1, 1.2, 1.2.1, 1.2.2, 2, 2.1, …) and SKHCN's assessment."""
    scorecards.import_framework(framework_file(tmp_path), year=2022, agency_code="SKHCN")
    return scorecards.assessment_open(actor=None, agency=org.agency, year=2022)


def _plan(org, year):
    return make_plan(org, code=f"KH-{year}", year=year, title=f"Kế hoạch CCHC năm {year}")


def _task(org, plan, criteria, unit=None, title="Báo cáo quý", **kwargs):
    return services.task_create(
        actor=org.secretariat,
        plan=plan,
        title=title,
        lead_unit=unit or org.unit_a,
        due_date=dt.date(plan.year, 6, 30),
        criteria=criteria,
        **kwargs,
    )


def test_codes_of_the_years_framework_are_accepted(org, framework):
    task = _task(org, _plan(org, 2022), "1.2.1; 2")
    assert task.criteria == ["1.2.1", "2"] and task.criteria_year == 2022


def test_a_code_missing_from_the_years_framework_is_refused_in_vietnamese(org, framework):
    plan = _plan(org, 2022)
    with translation.override("vi"), pytest.raises(DomainError) as exc:
        _task(org, plan, "1.2.1, 9.9, 1.3")
    assert exc.value.field == "criteria"
    assert str(exc.value.message) == "Bộ Chỉ số CCHC năm 2022 không có tiêu chí 1.3, 9.9."
    assert not plan.tasks.exists()


def test_without_a_framework_for_the_year_only_the_form_is_checked(org, framework):
    task = _task(org, _plan(org, 2026), "9.9")
    assert task.criteria == ["9.9"]


def test_changing_a_task_to_an_unknown_code_is_refused(org, framework):
    task = _task(org, _plan(org, 2022), "1.1")
    with pytest.raises(DomainError):
        services.task_update(actor=org.secretariat, task=task, criteria="4.7")
    task.refresh_from_db()
    assert task.criteria == ["1.1"]
    services.task_update(actor=org.secretariat, task=task, criteria="2.1")
    task.refresh_from_db()
    assert task.criteria == ["2.1"]


def test_an_import_row_with_an_unknown_code_names_the_row(org, framework, tmp_path):
    from parindex.common.tabular import ImportRefused
    from parindex.scorecards.tests.helpers import write_csv

    plan = _plan(org, 2022)
    path = write_csv(
        tmp_path / "tasks.csv",
        ["Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiêu chí"],
        [["Báo cáo quý", "QLCN", "30/06/2022", "1.2.1"], ["Kiểm tra", "TDC", "30/09/2022", "8.8"]],
    )
    with pytest.raises(ImportRefused) as exc:
        services.import_tasks(path, plan=plan, actor=org.secretariat)
    assert [e.row for e in exc.value.errors] == [3]
    assert not plan.tasks.exists()


def test_codes_link_to_the_leaf_or_the_scorecard(org, framework):
    task = _task(org, _plan(org, 2022), "1.2, 1.2.1")
    assert criterion_links(task) == [
        {
            "code": "1.2",
            "title": "Báo cáo CCHC",
            "url": reverse("scorecards:scorecard", args=["SKHCN", 2022]),
        },
        {
            "code": "1.2.1",
            "title": "Báo cáo quý",
            "url": reverse("scorecards:leaf", args=["SKHCN", 2022, "1.2.1"]),
        },
    ]


def test_codes_kept_from_before_the_framework_show_without_a_link(org, tmp_path):
    task = _task(org, _plan(org, 2022), "1.2.1, 7.7")
    scorecards.import_framework(framework_file(tmp_path), year=2022, agency_code="SKHCN")
    links = criterion_links(task)
    assert [(link["code"], link["url"]) for link in links] == [("1.2.1", None), ("7.7", None)]
    assert links[0]["title"] == "Báo cáo quý" and links[1]["title"] == ""


def test_the_task_page_links_its_criteria(org, framework, client_for):
    task = _task(org, _plan(org, 2022), "1.2.1")
    page = client_for(org.staff_a).get(task.get_absolute_url()).content.decode()
    assert f'href="{reverse("scorecards:leaf", args=["SKHCN", 2022, "1.2.1"])}"' in page


def test_a_criterion_lists_the_tasks_serving_it_within_the_viewers_scope(org, framework):
    plan = _plan(org, 2022)
    direct = _task(org, plan, "1.2.1", title="Báo cáo quý I")
    above = _task(org, plan, "1.2", unit=org.unit_b, title="Báo cáo CCHC của TDC")
    _task(org, plan, "1.1", title="Kế hoạch CCHC")
    _task(org, plan, "1.2.1", title="Đã hủy", status=TaskStatus.CANCELLED)
    other_year = _task(org, _plan(org, 2023), "1.2.1", title="Năm sau")
    assert other_year.criteria_year == 2023
    assert tasks_for_criterion(org.secretariat, org.agency, 2022, "1.2.1") == [direct, above]
    # The head of unit A does not see unit B's task.
    assert tasks_for_criterion(org.head_a, org.agency, 2022, "1.2.1") == [direct]
    assert tasks_for_criterion(org.secretariat, org.agency, 2022, "1.2.2") == [above]


def test_the_leaf_page_lists_the_tasks_serving_the_criterion(org, framework, client_for):
    plan = _plan(org, 2022)
    task = _task(org, plan, "1.2.1", title="Báo cáo quý I")
    _task(org, plan, "1.2.1", unit=org.unit_b, title="Báo cáo của TDC")
    url = reverse("scorecards:leaf", args=["SKHCN", 2022, "1.2.1"])
    page = client_for(org.secretariat).get(url).content.decode()
    assert "Nhiệm vụ phục vụ tiêu chí" in page
    assert f'href="{task.get_absolute_url()}"' in page and "Báo cáo của TDC" in page
    page = client_for(org.head_a).get(url).content.decode()
    assert "Báo cáo quý I" in page and "Báo cáo của TDC" not in page


def test_the_edit_form_shows_the_unknown_code_next_to_the_field(org, framework, client_for):
    task = _task(org, _plan(org, 2022), "1.1")
    response = client_for(org.head_a).post(
        reverse("workplan:task_edit", args=[task.pk]),
        {
            "title": task.title,
            "lead_unit": org.unit_a.pk,
            "due_date": "30/06/2022",
            "criteria": "1.1, 6.6",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["criteria"] == [
        "Bộ Chỉ số CCHC năm 2022 không có tiêu chí 6.6."
    ]
    task.refresh_from_db()
    assert task.criteria == ["1.1"]


def test_a_code_of_a_year_resolves_to_its_framework_node(org, framework):
    from parindex.scorecards.figures import criterion_node

    assert criterion_node(2022, "1.2.1").title == "Báo cáo quý"
    assert criterion_node(2022, "9.9") is None
    assert criterion_node(2023, "1.2.1") is None
