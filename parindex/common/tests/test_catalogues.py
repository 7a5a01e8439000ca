"""A plain install serves Vietnamese: the wheel's build compiles the catalogues, and a source tree
without .mo files compiles them on first start."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parindex.common.catalogues import ensure_compiled, sources, stale

ROOT = Path(__file__).resolve().parents[3]


def test_the_package_build_puts_a_compiled_catalogue_next_to_every_po_file(tmp_path):
    if not (ROOT / "setup.py").exists():
        pytest.skip("not a source tree")
    build = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(build)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    built = sources(build / "parindex")
    assert len(built) == len(sources()) >= 8
    assert all(po.with_suffix(".mo").exists() for po in built)
    home = build / "parindex" / "home" / "locale" / "vi" / "LC_MESSAGES" / "django.mo"
    with home.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Overview") == "Tổng quan"


def test_a_tree_without_compiled_catalogues_compiles_them_once_on_start(tmp_path):
    source = next(po for po in sources() if po.parts[-5] == "home")
    target = tmp_path / "home" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    shutil.copy(source, target)
    assert stale(tmp_path) == [target]
    assert ensure_compiled(tmp_path) == 1
    assert target.with_suffix(".mo").exists()
    assert ensure_compiled(tmp_path) == 0


def test_the_first_process_of_a_tree_without_compiled_catalogues_speaks_vietnamese(tmp_path):
    """The process that compiles the catalogues uses them: apps set up before ours have already
    loaded the language's catalogue without them."""
    package = Path(__file__).resolve().parents[2]
    copy = tmp_path / "parindex"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("*.mo", "tests", "__pycache__"))
    assert stale(copy)
    script = (
        "import django; django.setup()\n"
        "from django.utils import translation\n"
        "with translation.override('vi'):\n"
        "    print(translation.gettext('Overview'))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "parindex.settings",
        "PARINDEX_DATA_DIR": str(tmp_path / "var"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Tổng quan"
    assert not stale(copy)
