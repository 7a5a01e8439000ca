"""The weekly summary: content, each recipient's scope, nothing when nothing is at risk."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from parindex.metrics.models import RiskSnapshot
from parindex.metrics.summary import send_summary
from parindex.metrics.tests.conftest import days, initiative
from parindex.workplan.choices import TaskStatus


@pytest.fixture
def emails(org):
    for user, address in (
        (org.director, "giamdoc@example.vn"),
        (org.head_a, "qlcn@example.vn"),
        (org.head_b, "tdc@example.vn"),
        (org.staff_a, "staff@example.vn"),
        (org.secretariat, "thuky@example.vn"),
    ):
        user.email = address
        user.save()


@pytest.fixture
def data(org, year, make_task, emails):
    make_task(due=days(-10), status=TaskStatus.DONE, done_at=days(-11))
    make_task(due=days(-1))  # overdue: tasks 50 %
    initiative(org, org.unit_a)
    initiative(org, org.unit_b)
    initiative(org, org.secretariat_unit)  # initiatives 100 %: nothing at risk there
    return year


def _by_recipient():
    return {m.to[0]: m for m in mail.outbox}


def test_leaders_and_unit_heads_get_their_scope_only(org, data, settings):
    settings.PARINDEX_BASE_URL = "https://cchc.example.vn"
    result = send_summary(today=dt.date(2026, 6, 15))
    sent = _by_recipient()
    # Only unit A leads a leaf at risk; unit B's head, staff and the secretariat get nothing.
    assert set(sent) == {"giamdoc@example.vn", "qlcn@example.vn"}
    assert result.sent == 2
    director = sent["giamdoc@example.vn"]
    assert "1.1" in director.body and "Nhiệm vụ đúng hạn" in director.body
    assert "https://cchc.example.vn/metrics/SKHCN/2026/risks/" in director.body
    html = director.alternatives[0][0]
    assert 'href="https://cchc.example.vn/scorecards/SKHCN/2026/leaf/1.1/"' in html
    assert "?unit=QLCN" in sent["qlcn@example.vn"].body


def test_the_summary_is_in_vietnamese(org, data):
    send_summary(today=dt.date(2026, 6, 15))
    message = _by_recipient()["giamdoc@example.vn"]
    assert "Điểm có nguy cơ bị trừ" in message.subject or "nguy cơ" in message.subject
    assert "cần 100 %" in message.body


def test_nothing_is_sent_when_nothing_is_at_risk(org, year, emails):
    for unit in (org.unit_a, org.unit_b, org.secretariat_unit):
        initiative(org, unit)
    send_summary(today=dt.date(2026, 6, 15))
    assert mail.outbox == []


def test_the_summary_tells_what_changed_since_last_week(org, data, make_task):
    send_summary(today=dt.date(2026, 6, 15))
    assert RiskSnapshot.objects.filter(agency=org.agency).count() == 1
    mail.outbox.clear()
    make_task(due=days(-2))  # a second overdue task: worse
    send_summary(today=dt.date(2026, 6, 22))
    body = _by_recipient()["giamdoc@example.vn"].body
    assert "1.1" in body and "→" in body  # "worse: 1.1 (2 → 2,67)"


def test_the_command_reports_counts_and_dry_run_sends_nothing(org, data, capsys):
    call_command("send_summary", "--dry-run", "--today", "2026-06-15")
    assert "sent 2" in capsys.readouterr().out
    assert mail.outbox == []
    assert not RiskSnapshot.objects.exists()
