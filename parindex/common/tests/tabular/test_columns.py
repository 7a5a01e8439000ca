"""Columns and header names (``tabular.columns``), against docs/formats.md's general rules."""

from __future__ import annotations

import pytest
from django.utils import translation

from parindex.common.tabular import Column, normalize_header


@pytest.mark.parametrize(
    "written",
    ["Mã hồ sơ", "ma ho so", "MÃ HỒ SƠ", "mahoso", "Ma_Ho_So", " mã  hồ-sơ ", "Mã hồ sơ (*)"],
)
def test_header_names_match_regardless_of_case_accents_spaces_and_required_marks(written):
    assert normalize_header(written) == normalize_header("Mã hồ sơ")


def test_d_with_stroke_folds_to_plain_d():
    assert normalize_header("Đơn vị xử lý") == normalize_header("don vi xu ly") == "donvixuly"


def test_a_column_given_as_a_lone_string_alias_is_not_split_into_letters():
    assert Column("code", "Mã", "code").aliases == ("code",)


def test_a_column_describes_itself_with_its_aliases_in_the_active_language():
    column = Column("code", "Mã đơn vị", ("Mã", "code"))
    with translation.override("en"):
        assert column.describe() == "Mã đơn vị (or: Mã, code)"
    with translation.override("vi"):
        assert column.describe() == "Mã đơn vị (hoặc: Mã, code)"
    assert Column("name", "Tên").describe() == "Tên"
