"""Login rate limit (issue 12, item 6): wrong passwords lock the user name, the page says so in
Vietnamese, and the secretariat unlocks it (page, command, API), audited."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from parindex.audit.models import AuditEntry
from parindex.org.lockout import is_locked
from parindex.org.services import api_token_create


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def login(client, username, password):
    return client.post(
        "/login/", {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="vi"
    )


def lock_out(username):
    client = Client()
    for _attempt in range(3):
        login(client, username, "sai-mat-khau")
    return client


def test_wrong_passwords_lock_the_user_name_even_with_the_right_one_after(org):
    client = lock_out(org.staff_a.username)
    response = login(client, org.staff_a.username, PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Tài khoản bị tạm khóa" in text and "thường trực" in text
    assert "_auth_user_id" not in client.session
    assert is_locked(org.staff_a.username)
    # Another user name from the same address still signs in (offices share one address).
    assert login(client, org.staff_b.username, PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_signs_in_and_clears_the_count(org):
    client = Client()
    login(client, org.staff_a.username, "sai")
    login(client, org.staff_a.username, "sai")
    assert login(client, org.staff_a.username, PASSWORD).status_code == 302
    assert not is_locked(org.staff_a.username)


def test_the_secretariat_unlocks_on_the_person_page(org, client_for):
    lock_out(org.staff_a.username)
    client = client_for(org.secretariat)
    page = client.get(reverse("org:person_detail", args=[org.staff_a.username]))
    assert 'id="login-locked"' in page.content.decode()
    client.post(reverse("org:person_unlock", args=[org.staff_a.username]))
    assert not is_locked(org.staff_a.username)
    assert AuditEntry.objects.filter(action="person.unlocked", actor=org.secretariat).exists()
    assert login(Client(), org.staff_a.username, PASSWORD).status_code == 302


def test_another_agencys_secretariat_cannot_unlock(org, client_for):
    lock_out(org.staff_a.username)
    response = client_for(org.other_secretariat).post(
        reverse("org:person_unlock", args=[org.staff_a.username])
    )
    assert response.status_code in (403, 404)
    assert is_locked(org.staff_a.username)


def test_unlock_by_command(org):
    lock_out(org.staff_a.username)
    out = io.StringIO()
    call_command("unlock_user", org.staff_a.username, "--user", "thuky", stdout=out)
    assert "unlocked" in out.getvalue()
    assert not is_locked(org.staff_a.username)
    assert AuditEntry.objects.get(action="person.unlocked").actor == org.secretariat


def test_unlock_through_the_api(org):
    lock_out(org.staff_a.username)
    key = api_token_create(actor=org.secretariat, name="x")[1]
    response = Client(enforce_csrf_checks=True).post(
        f"/api/v1/people/{org.staff_a.username}/unlock",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200, response.content
    assert not is_locked(org.staff_a.username)
    staff = api_token_create(actor=org.staff_b, name="x")[1]
    lock_out(org.staff_a.username)
    refused = Client().post(
        f"/api/v1/people/{org.staff_a.username}/unlock",
        headers={"Authorization": f"Bearer {staff}"},
    )
    assert refused.status_code in (403, 404)
