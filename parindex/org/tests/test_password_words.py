"""Django's password rules answer in Vietnamese on the profile page."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_short_password_is_refused_in_vietnamese(org, client_for):
    client = client_for(org.staff_a)
    page = client.post(
        "/org/profile/password/",
        {"old_password": "x", "new_password1": "123", "new_password2": "123"},
        follow=True,
    )
    text = " ".join(str(m) for m in page.context["messages"])
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in text
    assert "too short" not in text
