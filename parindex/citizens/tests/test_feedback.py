"""Feedback on procedures (PAKN): the public form and look-up, the inside workflow, deadlines on
the working-day calendar, reminders, the metric, and the hardening of the public endpoints."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.citizens.models import FeedbackItem
from parindex.citizens.services import feedback as services
from parindex.common.errors import DomainError
from parindex.dossiers.models import CalendarDay
from parindex.metrics import registry

# Friday 06/03/2026, 10:00 local.
FRIDAY = dt.datetime(2026, 3, 6, 3, 0, tzinfo=dt.UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _frozen(empty_cache):
    with time_machine.travel(FRIDAY, tick=False):
        yield


def submit(org, **extra) -> FeedbackItem:
    data = {
        "agency": org.agency,
        "kind": "procedure",
        "subject": "Hồ sơ chưa rõ",
        "content": "Nội dung phản ánh",
    }
    data.update(extra)
    return services.feedback_submit(**data)


def post_form(client: Client, **extra):
    data = {"kind": "procedure", "subject": "Hồ sơ chưa rõ", "content": "Nội dung"}
    data.update(extra)
    return client.post(reverse("citizens:public_feedback", args=["SKHCN"]), data)


def test_the_public_form_returns_a_tracking_code_and_the_lookup_shows_the_status(org):
    client = Client()
    assert client.get(reverse("citizens:public_feedback", args=["SKHCN"])).status_code == 200
    page = post_form(client)
    assert page.status_code == 200
    item = FeedbackItem.objects.get()
    assert item.code in page.content.decode()
    lookup = client.get(reverse("citizens:public_lookup"), {"code": item.code.lower()})
    html = lookup.content.decode()
    assert "đang xử lý" in html
    assert "published-answer" not in html


def test_the_deadline_counts_working_days_on_the_calendar_default_ten(org):
    item = submit(org)
    # Received Friday 06/03: ten working days → Friday 20/03.
    assert item.due_on == dt.date(2026, 3, 20)
    # A day off of the yearly notice moves it.
    CalendarDay.objects.create(day=dt.date(2026, 3, 16), working=False, note="nghỉ")
    assert submit(org).due_on == dt.date(2026, 3, 23)


def test_the_deadline_follows_the_agencys_setting(org):
    services.feedback_settings_update(
        actor=org.secretariat, agency=org.agency, answer_days=3, remind_days=1
    )
    assert submit(org).due_on == dt.date(2026, 3, 11)
    with pytest.raises(PermissionDenied):
        services.feedback_settings_update(
            actor=org.head_a, agency=org.agency, answer_days=5, remind_days=1
        )
    with pytest.raises(DomainError):
        services.feedback_settings_update(
            actor=org.secretariat, agency=org.agency, answer_days=0, remind_days=1
        )


def test_received_assigned_answered_published_each_audited_and_shown_publicly(org, client_for):
    item = submit(org)
    services.feedback_assign(actor=org.secretariat, item=item, unit=org.unit_a)
    services.feedback_answer(actor=org.staff_a, item=item, answer="Đã điều chỉnh niêm yết.")
    lookup = Client().get(reverse("citizens:public_lookup"), {"code": item.code})
    assert "Đã điều chỉnh" not in lookup.content.decode()  # answered, not yet published
    services.feedback_publish(actor=org.secretariat, item=item)
    lookup = Client().get(reverse("citizens:public_lookup"), {"code": item.code})
    assert "Đã điều chỉnh niêm yết." in lookup.content.decode()
    actions = list(
        AuditEntry.objects.filter(target_id=str(item.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "feedback.received",
        "feedback.assigned",
        "feedback.answered",
        "feedback.published",
    ]


def test_staff_of_another_unit_can_neither_see_nor_answer_an_assigned_item(org, client_for):
    item = submit(org)
    services.feedback_assign(actor=org.secretariat, item=item, unit=org.unit_a)
    with pytest.raises(PermissionDenied):
        services.feedback_answer(actor=org.staff_b, item=item, answer="x")
    client = client_for(org.staff_b)
    assert client.get(item.get_absolute_url()).status_code == 404
    response = client.post(reverse("citizens:feedback_answer", args=[item.code]), {"answer": "x"})
    assert response.status_code == 404
    assert client_for(org.other_secretariat).get(item.get_absolute_url()).status_code == 404
    assert client_for(org.staff_a).get(item.get_absolute_url()).status_code == 200


def test_only_the_secretariat_assigns_and_publishes(org):
    item = submit(org)
    with pytest.raises(PermissionDenied):
        services.feedback_assign(actor=org.head_a, item=item, unit=org.unit_a)
    services.feedback_assign(actor=org.secretariat, item=item, unit=org.unit_a)
    services.feedback_answer(actor=org.head_a, item=item, answer="Trả lời")
    with pytest.raises(PermissionDenied):
        services.feedback_publish(actor=org.head_a, item=item)


def test_inside_screens_answer_and_publish(org, client_for):
    item = submit(org)
    client = client_for(org.secretariat)
    client.post(reverse("citizens:feedback_assign", args=[item.code]), {"unit": org.unit_a.pk})
    client.post(reverse("citizens:feedback_answer", args=[item.code]), {"answer": "Trả lời A"})
    client.post(reverse("citizens:feedback_publish", args=[item.code]))
    item.refresh_from_db()
    assert (item.state, item.unit, item.answer) == ("published", org.unit_a, "Trả lời A")
    listing = client.get(reverse("citizens:feedback_list"), {"export": "csv"})
    assert item.code in listing.content.decode("utf-8-sig")


def test_attachments_are_checked_by_content_and_size_and_served_only_to_staff(org, client_for):
    fake = SimpleUploadedFile("a.png", b"<html>not an image</html>", content_type="image/png")
    with pytest.raises(DomainError):
        submit(org, attachment=fake)
    big = SimpleUploadedFile(
        "b.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), content_type="application/pdf"
    )
    with pytest.raises(DomainError):
        submit(org, attachment=big)
    item = submit(org, attachment=SimpleUploadedFile("x.png", PNG, content_type="text/plain"))
    assert item.attachment_type == "image/png"
    url = reverse("citizens:feedback_attachment", args=[item.code])
    assert Client().get(url).status_code == 302  # to the login page
    assert client_for(org.staff_b).get(url).status_code == 404
    response = client_for(org.secretariat).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert not item.attachment.url.startswith("/static")


def test_the_public_form_is_rate_limited_per_address(org):
    client = Client(REMOTE_ADDR="198.51.100.4")
    statuses = [post_form(client).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert FeedbackItem.objects.count() == 5


def test_the_lookup_is_rate_limited_against_guessing_codes(org):
    client = Client(REMOTE_ADDR="198.51.100.5")
    url = reverse("citizens:public_lookup")
    statuses = [client.get(url, {"code": f"PA-{n:08d}"}).status_code for n in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


def test_a_filled_honeypot_stores_nothing(org):
    page = post_form(Client(), website="spam")
    assert page.status_code == 200
    assert not FeedbackItem.objects.exists()


def test_the_public_form_needs_the_csrf_token(org):
    client = Client(enforce_csrf_checks=True)
    assert post_form(client).status_code == 403
    assert not FeedbackItem.objects.exists()


def test_a_body_over_the_limit_is_refused(org):
    big = SimpleUploadedFile(
        "b.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024), content_type="application/pdf"
    )
    response = post_form(Client(), attachment=big)
    assert response.status_code == 413
    assert not FeedbackItem.objects.exists()


def test_output_is_escaped_on_the_inside_and_public_pages(org, client_for):
    item = submit(org, subject="<script>alert(1)</script>", content="<img src=x onerror=alert(1)>")
    services.feedback_assign(actor=org.secretariat, item=item, unit=org.unit_a)
    services.feedback_answer(actor=org.secretariat, item=item, answer="<b>bold</b>")
    services.feedback_publish(actor=org.secretariat, item=item)
    inside = client_for(org.secretariat).get(item.get_absolute_url()).content.decode()
    public = Client().get(reverse("citizens:public_lookup"), {"code": item.code}).content.decode()
    for html in (inside, public):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html
        assert "<b>bold</b>" not in html
    assert "<img src=x" not in inside


def test_reminders_go_to_the_unit_head_before_the_deadline_and_once_a_day(org):
    org.head_a.email = "truong_a@example.org"
    org.head_a.save()
    item = submit(org)
    services.feedback_assign(actor=org.secretariat, item=item, unit=org.unit_a)
    assert services.feedback_send_reminders(today=dt.date(2026, 3, 10)) == []
    sent = services.feedback_send_reminders(today=dt.date(2026, 3, 18))
    assert sent == [item]
    assert mail.outbox[-1].to == ["truong_a@example.org"]
    assert services.feedback_send_reminders(today=dt.date(2026, 3, 18)) == []
    services.feedback_send_reminders(today=dt.date(2026, 3, 24))
    assert "quá hạn" in mail.outbox[-1].subject


def test_feedback_on_time_rate_counts_answered_and_overdue_items_due_in_the_period(org):
    on_time = submit(org)  # due 20/03
    late = submit(org)
    open_overdue = submit(org)
    services.feedback_answer(actor=None, item=on_time, answer="ok")
    with time_machine.travel(dt.datetime(2026, 3, 25, 3, tzinfo=dt.UTC), tick=False):
        services.feedback_answer(actor=None, item=late, answer="muộn")
        reading = registry.read(
            "feedback.on_time_rate", org.agency, None, dt.date(2026, 3, 1), dt.date(2026, 3, 31)
        )
    assert open_overdue.answered_on is None
    assert (reading.numerator, reading.denominator) == (1, 3)
    assert str(reading.value) == "33.33"


def test_the_director_page_lists_overdue_feedback(org, client_for):
    item = submit(org)
    services.feedback_assign(actor=org.secretariat, item=item, unit=org.unit_a)
    with time_machine.travel(dt.datetime(2026, 3, 25, 3, tzinfo=dt.UTC), tick=False):
        html = client_for(org.director).get("/").content.decode()
    assert 'id="overdue-feedback"' in html
    assert item.code in html
