"""Browser walks on a phone-sized screen without JavaScript: a receipt's QR link answered once,
and feedback sent, looked up, answered inside and read back publicly."""

from __future__ import annotations

import pytest

from conftest import PASSWORD, browser_login

PHONE = {"width": 320, "height": 640}


def _org(settings):
    from conftest import make_user
    from parindex.org.choices import Role
    from parindex.org.models import Agency, Unit

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = Agency.objects.create(code="SKHCN", name="Sở Khoa học và Công nghệ tỉnh Quảng Ngãi")
    unit = Unit.objects.create(agency=agency, code="QLCN", name="Phòng Quản lý Công nghệ")
    staff = make_user("cv_a", Role.UNIT_STAFF, unit=unit)
    secretariat = make_user("thuky", Role.SECRETARIAT, agency=agency)
    return agency, unit, staff, secretariat


def _phone(page, live_server):
    """A second browser context sized like a small phone, with JavaScript switched off."""
    context = page.context.browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport=PHONE, java_script_enabled=False
    )
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    return context, phone


@pytest.mark.browser
def test_a_receipts_qr_link_is_answered_once_on_a_phone_and_the_index_changes(
    browser_page, live_server, transactional_db, tmp_path, settings
):
    from parindex.citizens.tests.helpers import make_dossier, make_procedure, make_survey

    settings.PARINDEX_BASE_URL = live_server.url
    agency, unit, _staff, _secretariat = _org(settings)
    procedure = make_procedure(agency, "1.001", unit=unit)
    make_dossier(agency, procedure, "HS-0001", channel=1)
    from django.utils import timezone

    make_survey(tmp_path, year=timezone.localdate().year)

    page = browser_page
    browser_login(page, "cv_a", PASSWORD)
    page.goto("/citizens/SKHCN/KS/")
    assert page.inner_text("#survey-index .value").strip() == "—"
    page.goto("/citizens/SKHCN/KS/invitation/")
    page.fill("#id_dossier", "HS-0001")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#slip svg")
    link = page.get_attribute("#invitation-link", "href")
    assert link.startswith(live_server.url + "/p/ks/")

    context, phone = _phone(page, live_server)
    try:
        phone.goto(link)
        phone.check("#id_q_Q1_4")  # Rất hài lòng (the fifth choice)
        phone.check("#id_q_Q2_3")  # Hài lòng
        phone.check("#id_q_Q3_5")  # Không ý kiến
        phone.check("#id_q_Q5_1")  # Không hài lòng
        # By keyboard: focus a radio group and move with the arrow key.
        phone.focus("#id_q_Q4_0")
        phone.keyboard.press("ArrowDown")
        assert phone.is_checked("#id_q_Q4_1")
        width = phone.locator("body").bounding_box()["width"]
        assert width <= PHONE["width"]
        phone.click("button.pub-submit")
        phone.wait_for_url("**/p/ks/cam-on/")
        assert "Xin cảm ơn" in phone.inner_text("h1")
        # The same link again: refused politely, nothing more stored.
        phone.goto(link)
        assert "đã được dùng" in phone.inner_text("main")
    finally:
        context.close()

    page.goto("/citizens/SKHCN/KS/")
    assert page.inner_text("#survey-index .value").strip() != "—"
    assert "1 phiếu" in page.inner_text("#survey-index")


@pytest.mark.browser
def test_feedback_is_sent_looked_up_answered_inside_and_read_back_publicly(
    browser_page, live_server, transactional_db, settings
):
    _agency, _unit, _staff, _secretariat = _org(settings)
    page = browser_page
    context, phone = _phone(page, live_server)
    try:
        phone.goto("/p/pakn/SKHCN/")
        phone.check("#id_kind_0")
        phone.fill("#id_subject", "Thành phần hồ sơ chưa rõ")
        phone.fill("#id_content", "Niêm yết thiếu mẫu tờ khai.")
        phone.click("button.pub-submit")
        code = phone.inner_text("#tracking-code").strip()
        assert code.startswith("PA-")
        phone.click("text=Tra cứu phản ánh đã gửi")
        assert "đang xử lý" in phone.inner_text("#feedback-state")

        browser_login(page, "thuky", PASSWORD)
        page.goto(f"/citizens/feedback/{code}/")
        page.select_option("#id_unit", label="Phòng Quản lý Công nghệ")
        page.click("form[action$='/assign/'] button[type=submit]")
        page.fill("#id_answer", "Sở đã bổ sung mẫu tờ khai vào niêm yết.")
        page.click("form[action$='/answer/'] button[type=submit]")
        page.click("form[action$='/publish/'] button[type=submit]")
        assert "đã công khai" in page.inner_text("#state")

        phone.goto(f"/p/pakn/tra-cuu/?code={code}")
        assert "Sở đã bổ sung mẫu tờ khai" in phone.inner_text("#published-answer")
        assert "đã trả lời" in phone.inner_text("#feedback-state")
    finally:
        context.close()
