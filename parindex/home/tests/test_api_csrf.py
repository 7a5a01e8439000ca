"""The API with CSRF enforced, as a real browser or integration meets it (issue 12, item 1).

The default test client skips CSRF checks, which hid that a personal token could not write.
"""

import json

from django.test import Client

from parindex.dossiers.tests.helpers import make_procedure
from parindex.org.services import api_token_create


def bulk(client, **headers):
    return client.post(
        "/api/v1/dossiers/bulk",
        data=json.dumps({"agency": "SKHCN", "rows": []}),
        content_type="application/json",
        headers=headers,
    )


def test_a_bearer_token_writes_with_csrf_enforced(org):
    make_procedure(org.agency, "1.001", unit=org.unit_a)
    key = api_token_create(actor=org.secretariat, name="một cửa")[1]
    client = Client(enforce_csrf_checks=True)
    response = bulk(client, Authorization=f"Bearer {key}")
    assert response.status_code == 200, response.content


def test_a_session_write_without_the_csrf_token_is_still_refused(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.secretariat)
    response = bulk(client)
    assert response.status_code == 403


def test_a_session_write_with_the_csrf_token_passes(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.secretariat)
    client.get("/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = bulk(client, **{"X-CSRFToken": token})
    assert response.status_code == 200, response.content


def test_a_wrong_bearer_token_does_not_fall_back_to_a_session_without_csrf(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.secretariat)
    response = bulk(client, Authorization="Bearer pi_wrong")
    assert response.status_code in (401, 403)


def test_a_bearer_token_updates_a_task_with_csrf_enforced(org):
    import datetime as dt

    from parindex.workplan.tests.helpers import make_plan, make_task

    task = make_task(org, make_plan(org), "Việc", org.unit_a, dt.date(2026, 12, 31))
    key = api_token_create(actor=org.secretariat, name="một cửa")[1]
    response = Client(enforce_csrf_checks=True).patch(
        f"/api/v1/workplan/tasks/{task.pk}",
        data=json.dumps({"title": "Việc đã sửa"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200, response.content
    task.refresh_from_db()
    assert task.title == "Việc đã sửa"
