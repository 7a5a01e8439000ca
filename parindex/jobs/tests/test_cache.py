"""The cache is shared by every process: `migrate` creates its table, and what one process
caches another reads (the per-process memory cache could not)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def parindex(*args: str, env: dict) -> str:
    return subprocess.run(
        [sys.executable, "-m", "parindex", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout


def test_the_default_cache_is_a_database_table_not_process_memory():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_migrate_creates_the_cache_table_and_processes_share_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", PARINDEX_DATA_DIR=str(tmp_path))
    parindex("migrate", "--noinput", env=env)
    parindex("shell", "-c", "from django.core.cache import cache; cache.set('k', 41, 60)", env=env)
    out = parindex(
        "shell", "-c", "from django.core.cache import cache; print(cache.get('k'))", env=env
    )
    assert out.split()[-1] == "41"
