"""send_reminders: one digest per person, HTML + text, Vietnamese, none when empty."""

import pytest
from django.core import mail
from django.core.management import call_command

from parindex.workplan import selectors, services
from parindex.workplan.choices import TaskStatus
from parindex.workplan.tests.conftest import days


@pytest.fixture
def emails(org):
    for user in (org.staff_a, org.head_a, org.staff_b, org.head_b):
        user.email = f"{user.username}@example.vn"
        user.save()
    return org


def test_each_person_gets_one_digest_with_their_due_and_overdue_tasks(emails, make_task):
    org = emails
    make_task("Báo cáo quá hạn", due=days(-2), assignees=[org.staff_a])
    make_task(
        "Dự thảo sắp đến hạn",
        due=days(3),
        assignees=[org.staff_a, org.staff_b],
        cooperating_units=[org.unit_b],
    )
    make_task("Việc còn xa", due=days(30), assignees=[org.staff_a])
    result = services.send_reminders(days=7)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["cv_a@example.vn", "cv_b@example.vn", "truong_a@example.vn"]
    assert result.sent == 3
    to_staff = next(m for m in mail.outbox if m.to == ["cv_a@example.vn"])
    assert "Báo cáo quá hạn" in to_staff.body
    assert "Dự thảo sắp đến hạn" in to_staff.body
    assert "Việc còn xa" not in to_staff.body
    html, mime = to_staff.alternatives[0]
    assert mime == "text/html"
    assert "Báo cáo quá hạn" in html
    assert "quá hạn" in to_staff.subject.lower()  # Vietnamese by default


def test_unit_head_gets_the_units_overdue_tasks(emails, make_task):
    org = emails
    make_task("Việc của đơn vị bị trễ", due=days(-1), assignees=[org.staff_a])
    make_task("Việc đơn vị chưa đến hạn", due=days(2), assignees=[org.staff_a])
    digest = selectors.digest_for(org.head_a)
    assert [t.title for t in digest.unit_overdue] == ["Việc của đơn vị bị trễ"]
    assert digest.due_soon == [] and digest.overdue == []
    services.send_reminders()
    to_head = next(m for m in mail.outbox if m.to == ["truong_a@example.vn"])
    assert "Việc của đơn vị bị trễ" in to_head.body
    assert "Việc đơn vị chưa đến hạn" not in to_head.body


def test_a_head_assigned_to_an_overdue_task_sees_it_once(emails, make_task):
    org = emails
    make_task("Trễ", due=days(-1), assignees=[org.head_a])
    digest = selectors.digest_for(org.head_a)
    assert len(digest.overdue) == 1 and digest.unit_overdue == []


def test_nothing_is_sent_when_no_task_is_due_or_overdue(emails, make_task):
    org = emails
    make_task("Xa", due=days(20), assignees=[org.staff_a])
    done = make_task("Xong", due=days(-3), assignees=[org.staff_a])
    services.task_set_status(
        actor=org.secretariat, task=done, status=TaskStatus.DONE, done_at=days(-3)
    )
    cancelled = make_task("Hủy", due=days(-3), assignees=[org.staff_a])
    services.task_set_status(actor=org.secretariat, task=cancelled, status=TaskStatus.CANCELLED)
    result = services.send_reminders()
    assert mail.outbox == []
    assert result.people == 0


def test_days_option_widens_the_look_ahead(emails, make_task):
    org = emails
    make_task("Trong 10 ngày", due=days(10), assignees=[org.staff_a])
    services.send_reminders(days=7)
    assert mail.outbox == []
    services.send_reminders(days=10)
    assert len(mail.outbox) == 1


def test_people_without_email_are_counted_not_sent(org, make_task):
    make_task("Trễ", due=days(-1), assignees=[org.staff_a])
    result = services.send_reminders()
    assert result.without_email >= 1
    assert mail.outbox == []


def test_command_prints_a_summary_and_the_digest_is_visible_in_the_app(
    emails, make_task, client_for, capsys
):
    org = emails
    make_task("Báo cáo quá hạn", due=days(-2), assignees=[org.staff_a])
    call_command("send_reminders", "--days", "7")
    out = capsys.readouterr().out
    assert "sent 2" in out  # the staff member and the unit head
    page = client_for(org.staff_a).get("/workplan/digest/")
    assert "Báo cáo quá hạn" in page.content.decode()


def test_dry_run_sends_nothing(emails, make_task):
    make_task("Trễ", due=days(-1), assignees=[emails.staff_a])
    call_command("send_reminders", "--dry-run")
    assert mail.outbox == []


def test_staff_of_a_unit_with_overdue_work_not_theirs_get_nothing(emails, make_task):
    make_task("Trễ, chưa giao ai", due=days(-1))
    services.send_reminders()
    assert [m.to for m in mail.outbox] == [["truong_a@example.vn"]]
