"""Ranks (ngạch công chức, chức danh nghề nghiệp viên chức): how a file writes them, how they compare.

A rank is written either as its name (``chuyên viên chính``, optionally after the word ``ngạch``)
or as its official code (``01.002`` for a civil-service rank, ``V.05.02.06`` for a public
employee's title). A name may carry its code in brackets (``Chuyên viên chính (01.002)``). Names
compare case-, accent- and space-insensitively; a known code compares equal to its name.
Anything else (digits outside a code, no letters at all, stray symbols) is not a rank.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from parindex.common.tabular import normalize_header

#: Official codes of the ranks and titles an agency of science and technology commonly holds.
KNOWN_CODES = {
    "01.001": "chuyên viên cao cấp",
    "01.002": "chuyên viên chính",
    "01.003": "chuyên viên",
    "01.004": "cán sự",
    "01.005": "nhân viên",
    "04.023": "thanh tra viên cao cấp",
    "04.024": "thanh tra viên chính",
    "04.025": "thanh tra viên",
    "06.029": "kế toán viên cao cấp",
    "06.030": "kế toán viên chính",
    "06.031": "kế toán viên",
    "06.032": "kế toán viên trung cấp",
    "V.05.01.01": "nghiên cứu viên cao cấp",
    "V.05.01.02": "nghiên cứu viên chính",
    "V.05.01.03": "nghiên cứu viên",
    "V.05.01.04": "trợ lý nghiên cứu",
    "V.05.02.05": "kỹ sư cao cấp",
    "V.05.02.06": "kỹ sư chính",
    "V.05.02.07": "kỹ sư",
    "V.05.02.08": "kỹ thuật viên",
}

_CODE = re.compile(r"^(?:\d{2}\.\d{3}[a-z]?|v\.?\d{2}\.\d{2}\.\d{2})$", re.IGNORECASE)
_NAME = re.compile(r"^\(?[^\W\d_]+(?:[ \-–'’.,/()]+[^\W\d_]+)*[.)]?$")
#: "hạng 3" / "hạng III" (grade of a public employee's title), "bậc 2": the only digits a name has.
_GRADE = re.compile(r"\b(hạng|hang|bậc|bac)\s*([1-4]|i{1,3}|iv)\b", re.IGNORECASE)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_WITH_CODE = re.compile(r"^(?P<name>.+?)\s*\((?P<code>[^()]+)\)$")
_PREFIX = re.compile(r"^(?:ngạch|ngach|chức danh|chuc danh)\s+", re.IGNORECASE)


def _code(text: str) -> str | None:
    text = text.strip()
    if not _CODE.match(text):
        return None
    text = text.upper()
    if text.startswith("V") and not text.startswith("V."):
        text = "V." + text[1:]
    return text


def clean_rank(value: object) -> str:
    """The rank as it will be stored (trimmed, single spaces); ``ValueError`` if not a rank.

    An empty cell gives ``""``.
    """
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value or ""))).strip()
    if not text:
        return ""
    if len(text) > 100:
        raise ValueError(_("a rank has at most 100 characters"))
    bare = _PREFIX.sub("", text)
    if _code(bare):
        return _code(bare) or ""
    bare = _GRADE.sub(lambda m: f"{m.group(1)} {_ROMAN.get(m.group(2), m.group(2))}", bare)
    match = _WITH_CODE.match(bare)
    if match and _code(match.group("code")) and _NAME.match(match.group("name").strip()):
        return text
    if _NAME.match(bare):
        return text
    raise ValueError(
        _(
            "unknown rank format %(value)r: write the rank's name (e.g. chuyên viên chính) "
            "or its code (e.g. 01.002, V.05.02.06)"
        )
        % {"value": text}
    )


def rank_key(text: str) -> str:
    """What two ranks compare by: the folded name, a known code by its name."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    if not text:
        return ""
    bare = _PREFIX.sub("", text)
    code = _code(bare)
    if code is None:
        match = _WITH_CODE.match(bare)
        if match and _code(match.group("code")):
            code = _code(match.group("code"))
            if code not in KNOWN_CODES:
                return normalize_header(match.group("name"))
    if code is not None:
        return normalize_header(KNOWN_CODES.get(code, code))
    bare = _GRADE.sub(lambda m: f"{m.group(1)} {_ROMAN.get(m.group(2), m.group(2)).upper()}", bare)
    return normalize_header(bare)


def split_ranks(value: object) -> list[str]:
    """Several required ranks separated by ``;`` (each checked by :func:`clean_rank`)."""
    ranks: list[str] = []
    for part in str(value or "").split(";"):
        rank = clean_rank(part)
        if rank and rank_key(rank) not in {rank_key(r) for r in ranks}:
            ranks.append(rank)
    return ranks
