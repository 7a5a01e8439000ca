"""The public survey page: invitations on receipts, open links, anonymity, hardening."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import models
from django.test import Client
from django.urls import reverse

from parindex.audit.models import AuditEntry
from parindex.citizens.models import Answer, Invitation, SurveyResponse
from parindex.citizens.services.invitations import invitation_create
from parindex.citizens.tests.helpers import make_dossier, make_procedure, make_survey

TODAY = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
ANSWERS = {"q_Q1": "5", "q_Q2": "4", "q_Q3": "0", "q_Q4": "2", "q_Q5": "", "q_Q6": "3"}


@pytest.fixture(autouse=True)
def _frozen_and_clean_cache(empty_cache):
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def survey(org, tmp_path):
    return make_survey(tmp_path, year=2026)


@pytest.fixture
def procedure(org):
    return make_procedure(org.agency, "1.001", unit=org.unit_a)


def invite(org, survey, procedure, code="HS-1", channel=2):
    dossier = make_dossier(org.agency, procedure, code, channel=channel)
    token = invitation_create(actor=org.staff_a, survey=survey, dossier=dossier)
    return token, reverse("citizens:public_token", args=[token])


def test_a_receipt_link_opens_without_login_and_records_one_anonymous_answer(
    org, survey, procedure
):
    _token, url = invite(org, survey, procedure)
    page = Client().get(url)
    assert page.status_code == 200
    assert "Rất hài lòng" in page.content.decode()
    response = Client().post(url, ANSWERS)
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:public_thanks")
    form = SurveyResponse.objects.get()
    assert (form.procedure, form.unit, form.channel) == (procedure, org.unit_a, 2)
    assert form.answered_on == dt.date(2026, 3, 10)
    assert sorted(Answer.objects.values_list("value", flat=True)) == [2, 3, 4, 5]


def test_a_second_submit_with_the_same_link_is_refused_politely(org, survey, procedure):
    _token, url = invite(org, survey, procedure)
    client = Client()
    client.post(url, ANSWERS)
    again = client.post(url, ANSWERS)
    assert again.status_code == 410
    assert "đã được dùng" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert client.get(url).status_code == 410


def test_a_forged_or_altered_token_is_refused(org, survey, procedure):
    token, _url = invite(org, survey, procedure)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    page = Client().get(reverse("citizens:public_token", args=[forged]))
    assert page.status_code == 410
    assert not SurveyResponse.objects.exists()


def test_an_expired_link_is_refused(org, survey, procedure):
    _token, url = invite(org, survey, procedure)
    with time_machine.travel(TODAY + dt.timedelta(days=31), tick=False):
        page = Client().post(url, ANSWERS)
    assert page.status_code == 410
    assert not SurveyResponse.objects.exists()


def test_a_new_invitation_for_the_same_dossier_voids_the_old_link(org, survey, procedure):
    _token, old_url = invite(org, survey, procedure)
    dossier = Invitation.objects.get().dossier
    invitation_create(actor=org.staff_a, survey=survey, dossier=dossier)
    assert Client().get(old_url).status_code == 410


def test_staff_of_another_unit_cannot_make_an_invitation_for_a_dossier(org, survey, procedure):
    from django.core.exceptions import PermissionDenied

    dossier = make_dossier(org.agency, procedure, "HS-9")
    with pytest.raises(PermissionDenied):
        invitation_create(actor=org.staff_b, survey=survey, dossier=dossier)


def test_a_stored_answer_cannot_be_joined_back_to_its_token_or_dossier(org, survey, procedure):
    """The anonymity property: nothing kept with the answer leads to the invitation."""
    links = [invite(org, survey, procedure, code=f"HS-{n}") for n in range(3)]
    # Answer in an order other than the invitations' order.
    for n in (2, 0, 1):
        Client().post(links[n][1], ANSWERS)
    assert Invitation.objects.filter(used=True).count() == 3
    # 1. The response and its answers hold no reference and no time of day.
    for model in (SurveyResponse, Answer):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateTimeField), field
            if field.is_relation:
                assert field.related_model not in (Invitation,), field
                assert field.related_model._meta.model_name != "dossier", field
        assert isinstance(model._meta.pk, models.UUIDField)
    assert {f.name for f in SurveyResponse._meta.concrete_fields} == {
        "id",
        "survey",
        "code",
        "answered_on",
        "procedure",
        "unit",
        "channel",
        "source",
        "extra",
    }
    # 2. The invitation keeps only a flag: no time, no reference to a response.
    assert {f.name for f in Invitation._meta.concrete_fields} == {
        "id",
        "survey",
        "dossier",
        "key_hash",
        "expires_on",
        "used",
        "created_at",
    }
    # 3. No stored value of a response carries a token, its parts, a key hash or a dossier code.
    secrets = set()
    for token, _url in links:
        secrets.add(token)
        secrets.update(token.split(":"))
    for invitation in Invitation.objects.select_related("dossier"):
        secrets.update({invitation.key_hash, invitation.dossier.code})
    for form in SurveyResponse.objects.all():
        stored = " ".join(str(v) for v in form.__dict__.values()) + str(form.extra)
        for secret in secrets:
            assert not re.search(rf"\b{re.escape(secret)}\b", stored), secret
    # 4. Nothing in the audit trail ties a web answer to anything.
    assert not AuditEntry.objects.filter(action__startswith="survey_response").exists()
    assert not AuditEntry.objects.filter(note__contains="W-").exists()


def test_an_open_poster_link_records_answers_with_the_procedures_unit(org, survey, procedure):
    url = reverse("citizens:public_survey_procedure", args=["SKHCN", "KS", "1.001"])
    assert Client().post(url, ANSWERS).status_code == 302
    form = SurveyResponse.objects.get()
    assert (form.procedure, form.unit, form.channel) == (procedure, org.unit_a, None)


def test_the_open_link_is_rate_limited_per_address(org, survey, procedure):
    url = reverse("citizens:public_survey", args=["SKHCN", "KS"])
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [client.post(url, ANSWERS).status_code for _ in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert SurveyResponse.objects.count() == 10
    # Another address is not affected.
    assert Client(REMOTE_ADDR="203.0.113.8").post(url, ANSWERS).status_code == 302


def test_a_filled_honeypot_pretends_success_and_stores_nothing(org, survey, procedure):
    _token, url = invite(org, survey, procedure)
    response = Client().post(url, {**ANSWERS, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()
    assert not Invitation.objects.get().used


def test_a_post_without_the_csrf_token_is_refused(org, survey, procedure):
    _token, url = invite(org, survey, procedure)
    response = Client(enforce_csrf_checks=True).post(url, ANSWERS)
    assert response.status_code == 403
    assert not SurveyResponse.objects.exists()


def test_an_oversized_body_is_refused_before_it_is_read(org, survey, procedure):
    url = reverse("citizens:public_survey", args=["SKHCN", "KS"])
    response = Client().post(url, {**ANSWERS, "q_Q1": "5" * 40_000})
    assert response.status_code == 413
    assert not SurveyResponse.objects.exists()


def test_an_empty_form_is_refused_without_using_the_link(org, survey, procedure):
    _token, url = invite(org, survey, procedure)
    page = Client().post(url, {})
    assert page.status_code == 200
    assert not Invitation.objects.get().used


def test_the_public_page_is_small_accessible_and_needs_no_script(org, survey, procedure):
    _token, url = invite(org, survey, procedure)
    page = Client().get(url)
    html = page.content.decode()
    css = Client().get("/static/citizens/public.css")
    size = len(page.content) + len(b"".join(css.streaming_content))
    assert size < 50 * 1024
    assert "<script" not in html
    assert "style=" not in html and "<style" not in html
    assert 'lang="vi"' in html and 'name="viewport"' in html
    # Every radio group is a fieldset with a legend; every input has a label.
    assert html.count("<fieldset") == html.count("<legend") == 6
    for input_id in re.findall(r'<input[^>]+id="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id


def test_a_closed_survey_takes_no_answer(org, survey, procedure):
    survey.is_open = False
    survey.save()
    url = reverse("citizens:public_survey", args=["SKHCN", "KS"])
    assert Client().post(url, ANSWERS).status_code == 410
    assert not SurveyResponse.objects.exists()
