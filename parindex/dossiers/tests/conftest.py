import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The personas are created with passwords; a cheap hasher keeps each test fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are compared in English (the msgids); pages still render in Vietnamese."""
    from django.utils import translation

    with translation.override("en"):
        yield
