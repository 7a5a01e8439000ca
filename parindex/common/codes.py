"""Dotted codes ("1", "1.2", "1.2.10", "3.a"): the one ordering used everywhere they are listed.

Numbers sort as numbers (1, 1.1, 1.1.1, 1.2, …, 2, …, 10), and a part that is not a number sorts
after the numbers at its level.
"""

from __future__ import annotations


def code_key(code: str) -> tuple:
    """A key for `sorted`: 1, 1.1, 1.1.1, 1.2, …, 2, …, 10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


def code_sort_text(code: str) -> str:
    """The same order as a text (kept in a database column, so queries ORDER BY it)."""
    return ".".join(p.zfill(6) if p.isdigit() else "~" + p for p in code.split("."))
