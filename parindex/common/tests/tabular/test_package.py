"""The package's public surface: the names importers use, importable without Django settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import parindex
from parindex.common import tabular

PUBLIC_NAMES = {
    "IMPORT_SUFFIXES",
    "LOCAL_TZ",
    "REASON_HEADER",
    "Column",
    "ImportRefused",
    "ImportResult",
    "RowError",
    "Table",
    "TableError",
    "format_errors",
    "match_choice",
    "normalize_header",
    "open_table",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_text",
    "parse_whole",
    "write_rejected",
}


def test_the_package_offers_every_name_the_importers_use():
    assert set(tabular.__all__) == PUBLIC_NAMES
    assert all(hasattr(tabular, name) for name in PUBLIC_NAMES)


def test_the_package_imports_without_django_settings():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import django.conf, parindex.common.tabular as t; "
        "assert not django.conf.settings.configured; "
        "print(t.parse_whole('150.000'), t.normalize_header('Mã đơn vị'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(parindex.__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["150000", "madonvi"]
