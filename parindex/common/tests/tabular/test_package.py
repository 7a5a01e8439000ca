"""The tabular package imports without Django settings (commands and scripts read files early)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import parindex


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
