import pytest


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are compared in English (the msgids); pages still render in Vietnamese."""
    from django.utils import translation

    with translation.override("en"):
        yield
