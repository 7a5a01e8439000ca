"""iCal feeds: valid calendars (parsed back with icalendar), secret and revocable."""

import datetime as dt

import pytest
from icalendar import Calendar

from parindex.org.choices import Role
from parindex.org.models import Membership
from parindex.workplan import services
from parindex.workplan.choices import FeedKind, TaskStatus
from parindex.workplan.tests.conftest import days


def fetch(client, key):
    return client.get(f"/workplan/feeds/{key}.ics")


def test_person_feed_lists_their_tasks_as_all_day_events(org, make_task, client):
    mine = make_task("Báo cáo CCHC quý II", due=days(5), assignees=[org.staff_a])
    make_task("Việc người khác", due=days(5), assignees=[org.staff_b], unit=org.unit_b)
    _feed, key = services.feed_create(actor=org.staff_a, kind=FeedKind.PERSON)
    response = fetch(client, key)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert "Báo cáo CCHC quý II" in str(event["SUMMARY"])
    assert event.decoded("DTSTART") == mine.due_date
    assert event.decoded("DTEND") == mine.due_date + dt.timedelta(days=1)
    assert str(event["UID"]) == f"task-{mine.pk}@parindex"


def test_unit_feed_lists_the_units_tasks(org, make_task, client):
    make_task("Việc của phòng A", due=days(5))
    make_task("Việc của phòng B", due=days(5), unit=org.unit_b)
    _feed, key = services.feed_create(actor=org.head_a, kind=FeedKind.UNIT, unit=org.unit_a)
    cal = Calendar.from_ical(fetch(client, key).content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Việc của phòng A [QLCN]"]


def test_cancelled_tasks_are_not_in_the_feed(org, make_task, client):
    task = make_task("Hủy", assignees=[org.staff_a])
    services.task_set_status(actor=org.secretariat, task=task, status=TaskStatus.CANCELLED)
    _feed, key = services.feed_create(actor=org.staff_a, kind=FeedKind.PERSON)
    assert Calendar.from_ical(fetch(client, key).content).walk("VEVENT") == []


def test_revoked_feed_stops_working(org, make_task, client):
    feed, key = services.feed_create(actor=org.staff_a, kind=FeedKind.PERSON)
    assert fetch(client, key).status_code == 200
    services.feed_revoke(actor=org.staff_a, feed=feed)
    assert fetch(client, key).status_code == 404


def test_revoking_through_the_page(org, client_for):
    feed, key = services.feed_create(actor=org.staff_a, kind=FeedKind.PERSON)
    client = client_for(org.staff_a)
    client.post(f"/workplan/feeds/{feed.pk}/revoke/")
    assert fetch(client, key).status_code == 404


def test_unknown_key_is_not_found(client, org):
    assert fetch(client, "cal_nothing").status_code == 404


def test_only_the_hash_of_the_key_is_stored(org):
    feed, key = services.feed_create(actor=org.staff_a, kind=FeedKind.PERSON)
    assert key not in feed.key_hash
    assert feed.prefix == key[:10]


def test_a_unit_feed_needs_membership_and_stops_when_the_person_leaves(org, client):
    with pytest.raises(Exception):  # noqa: B017
        services.feed_create(actor=org.staff_b, kind=FeedKind.UNIT, unit=org.unit_a)
    _feed, key = services.feed_create(actor=org.staff_a, kind=FeedKind.UNIT, unit=org.unit_a)
    Membership.objects.filter(user=org.staff_a, role=Role.UNIT_STAFF).delete()
    org.staff_a.refresh_from_db()
    assert fetch(client, key).status_code == 404


def test_another_person_cannot_revoke_my_feed(org, client_for):
    feed, key = services.feed_create(actor=org.staff_a, kind=FeedKind.PERSON)
    response = client_for(org.staff_b).post(f"/workplan/feeds/{feed.pk}/revoke/")
    assert response.status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_feed_page_shows_the_address_once(org, client_for):
    client = client_for(org.staff_a)
    response = client.post("/workplan/feeds/", {"kind": "person"}, follow=True)
    assert ".ics" in response.content.decode()
