"""The columns an importer understands, and how header names compare."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    """One column an importer understands.

    ``key`` is the name the importer uses, ``label`` the canonical Vietnamese header of the
    contract and ``aliases`` the other headers accepted for it. ``required`` columns must be
    present in the header row (whether each cell must be filled is the importer's business).
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def __post_init__(self) -> None:
        # A lone string would otherwise be taken as a tuple of one-letter aliases.
        aliases = (self.aliases,) if isinstance(self.aliases, str) else tuple(self.aliases)
        object.__setattr__(self, "aliases", aliases)

    @property
    def names(self) -> tuple[str, ...]:
        """The label followed by the aliases."""
        return (self.label, *self.aliases)

    def describe(self) -> str:
        """``Label (or: alias, alias)`` for messages telling the user what to write.

        Translated into the active language when called.
        """
        if not self.aliases:
            return self.label
        return _("%(label)s (or: %(aliases)s)") % {
            "label": self.label,
            "aliases": ", ".join(self.aliases),
        }


# Separators people put inside or around header words; dropping them makes "Mã hồ sơ",
# "ma_ho_so", "MA-HO-SO" and "mahoso" equal. Zero-width spaces and BOMs sneak in from copy-paste.
_HEADER_NOISE = re.compile(r"[\s_\-\u2010-\u2015\u00ad\u200b-\u200d\u2060\ufeff]+")


def normalize_header(text: object) -> str:
    """Return ``text`` folded for comparison: case, accents, spaces, ``_`` and ``-`` ignored.

    ``đ``/``Đ`` become ``d`` (they carry no combining accent to strip), and the "required" marks
    of many templates (a trailing ``*``, ``(*)`` or ``:``) are dropped. ``None`` gives ``""``.
    Also used for choice values (:func:`match_choice`, :func:`parse_bool`).
    """
    if text is None:
        return ""
    return _normalize(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=16384)
def _normalize(text: str) -> str:
    # Cached: choice columns repeat a handful of values over millions of rows.
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _HEADER_NOISE.sub("", bare.casefold())
    return folded.replace("(*)", "").strip("*:")


def _header_lookup(columns: Iterable[Column]) -> dict[str, str]:
    """Normalized header name → column key. Labels win over aliases, earlier over later."""
    columns = list(columns)
    lookup: dict[str, str] = {}
    for column in columns:
        lookup.setdefault(normalize_header(column.label), column.key)
    for column in columns:
        for alias in column.aliases:
            lookup.setdefault(normalize_header(alias), column.key)
    lookup.pop("", None)
    return lookup
