"""Password rules with messages in the reader's language.

Django 5.2 reworded its minimum-length message (``%d`` instead of ``%(min_length)d``) and its
Vietnamese catalogue still holds the old wording, so the message came out in English; this
validator says the same thing with a message parindex translates itself.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with a translated message."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: it needs at least %(count)d character.",
            "This password is too short: it needs at least %(count)d characters.",
            self.min_length,
        ) % {"count": self.min_length}
