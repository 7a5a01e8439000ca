"""The one ordering of dotted codes, as a sort key and as the text kept in the database."""

from parindex.common.codes import code_key, code_sort_text

CODES = ["10", "2", "1.10", "1.2", "1", "1.2.1", "3.a", "3.1"]
ORDER = ["1", "1.2", "1.2.1", "1.10", "2", "3.1", "3.a", "10"]


def test_codes_sort_numerically_with_letters_after_numbers():
    assert sorted(CODES, key=code_key) == ORDER


def test_the_database_text_sorts_the_same_way():
    assert sorted(CODES, key=code_sort_text) == ORDER
