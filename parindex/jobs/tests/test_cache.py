"""The cache is shared by every process: `migrate` creates its table, and what one process
caches another reads (the per-process memory cache could not)."""

from django.conf import settings

from parindex.common.tests.helpers import fresh_env, parindex


def test_the_default_cache_is_a_database_table_not_process_memory():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_migrate_creates_the_cache_table_and_processes_share_it(tmp_path):
    env = fresh_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", PARINDEX_DATA_DIR=str(tmp_path)
    )
    parindex("migrate", "--noinput", env=env, check=True)
    write = "from django.core.cache import cache; cache.set('k', 41, 60)"
    parindex("shell", "-c", write, env=env, check=True)
    read = "from django.core.cache import cache; print(cache.get('k'))"
    assert parindex("shell", "-c", read, env=env, check=True).stdout.split()[-1] == "41"
