"""Browser hardening (issue 12, item 12): a CSP without inline script, Permissions-Policy,
`Cache-Control: private, no-store` on signed-in pages, and a Secure, HttpOnly language cookie in
production."""

import re

import pytest
from django.urls import reverse

from parindex.common.tests.helpers import parindex
from parindex.common.tests.test_deploy import production_env

PAGES = ["/", "/workplan/tasks/", "/audit/", "/org/people/", "/org/units/", "/login/"]


def test_a_signed_in_page_carries_the_policies_and_is_not_stored(org, client_for):
    response = client_for(org.secretariat).get("/")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src-attr")[0]
    )
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cache-Control"] == "private, no-store"


def test_the_login_page_has_the_policy_too(db, client):
    response = client.get("/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_hold_no_inline_script(org, client_for, url):
    response = client_for(org.secretariat).get(url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts, "htmx is loaded as a file"
    for attributes, body in scripts:
        assert "src=" in attributes and not body.strip()
    assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handler"


def test_a_file_download_keeps_its_own_sandbox_policy(org, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parindex.workplan.tests.helpers import make_plan

    plan = make_plan(org, doc_file=SimpleUploadedFile("kh.pdf", b"%PDF-1.4\n"))
    response = client_for(org.secretariat).get(reverse("workplan:plan_file", args=[plan.pk]))
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_language_cookie_is_secure_and_http_only_in_production(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_HTTPONLY, s.SESSION_COOKIE_SECURE)"
    )
    result = parindex("shell", "-c", code, env=production_env(tmp_path))
    assert result.stdout.split()[-3:] == ["True", "True", "True"], result.stderr


def test_the_language_switch_sets_an_http_only_cookie(org, client_for):
    response = client_for(org.secretariat).post("/language/", {"language": "en", "next": "/"})
    cookie = response.cookies.get("django_language")
    assert cookie is not None and cookie["httponly"]
