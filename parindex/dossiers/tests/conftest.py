import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The personas are created with passwords; a cheap hasher keeps each test fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
