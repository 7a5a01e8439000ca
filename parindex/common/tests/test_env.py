from pathlib import Path

import pytest

from parindex.common.env import EnvError, read_config

GOOD_KEY = "k" * 20 + "abcdefghij" * 4


def config(tmp_path: Path, **env: str):
    return read_config({"PARINDEX_DATA_DIR": str(tmp_path / "data"), **env}, base_dir=tmp_path)


def test_defaults_give_a_development_sqlite_database_in_the_data_dir(tmp_path):
    cfg = config(tmp_path)
    assert cfg.env == "development"
    assert cfg.database["ENGINE"] == "django.db.backends.sqlite3"
    assert cfg.database["NAME"] == str(tmp_path / "data" / "parindex.sqlite3")
    assert "journal_mode=WAL" in cfg.database["OPTIONS"]["init_command"]
    assert cfg.database["OPTIONS"]["timeout"] == 20


def test_development_secret_key_is_generated_once_into_the_data_dir(tmp_path):
    first = config(tmp_path).secret_key
    assert (tmp_path / "data" / "secret_key").read_text() == first
    assert config(tmp_path).secret_key == first


def test_postgres_url_is_read_with_psycopg_settings(tmp_path):
    cfg = config(tmp_path, DATABASE_URL="postgres://u:p@db.local:5433/parindex")
    assert cfg.database["ENGINE"] == "django.db.backends.postgresql"
    assert (cfg.database["HOST"], cfg.database["PORT"], cfg.database["NAME"]) == (
        "db.local",
        5433,
        "parindex",
    )


def test_a_replica_url_is_read_as_a_mirror_for_the_test_runner(tmp_path):
    cfg = config(
        tmp_path,
        DATABASE_URL="postgres://u@127.0.0.1:5432/parindex",
        DATABASE_REPLICA_URL="postgres://u@127.0.0.1:5433/parindex",
    )
    assert cfg.replica_database["PORT"] == 5433
    assert cfg.replica_database["TEST"] == {"MIRROR": "default"}
    assert config(tmp_path).replica_database is None


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PARINDEX_ENV": "staging"}, "PARINDEX_ENV"),
        ({"DATABASE_URL": "mysql://root@localhost/x"}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite://"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://localhost"}, "DATABASE_URL"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT"),
        ({"EMAIL_PORT": "70000"}, "EMAIL_PORT"),
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS"),
        ({"PARINDEX_BASE_URL": "cchc.example.vn"}, "PARINDEX_BASE_URL"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "EMAIL_USE_SSL"),
        ({"PARINDEX_ENV": "production", "ALLOWED_HOSTS": "x.vn"}, "SECRET_KEY"),
        ({"PARINDEX_ENV": "production", "SECRET_KEY": "short", "ALLOWED_HOSTS": "x"}, "SECRET_KEY"),
        ({"PARINDEX_ENV": "production", "SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
        ({"DATABASE_REPLICA_URL": "postgres://h/x"}, "DATABASE_REPLICA_URL"),
        (
            {"DATABASE_URL": "postgres://h/x", "DATABASE_REPLICA_URL": "mysql://h/x"},
            "DATABASE_REPLICA_URL",
        ),
        (
            {"DATABASE_URL": "postgres://h/x", "DATABASE_REPLICA_URL": "postgres://h"},
            "DATABASE_REPLICA_URL",
        ),
        ({"REDIS_URL": "memcached://h:11211"}, "REDIS_URL"),
    ],
)
def test_bad_values_are_refused_naming_the_variable(tmp_path, env, message):
    with pytest.raises(EnvError, match=message):
        config(tmp_path, **env)


def test_production_reads_hosts_and_smtp(tmp_path):
    cfg = config(
        tmp_path,
        PARINDEX_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="cchc.quangngai.gov.vn, localhost",
        EMAIL_HOST="mail.local",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
    )
    assert cfg.production
    assert cfg.allowed_hosts == ["cchc.quangngai.gov.vn", "localhost"]
    assert cfg.email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert cfg.email["EMAIL_PORT"] == 587
    assert cfg.email["EMAIL_USE_TLS"] is True
    assert not (tmp_path / "data" / "secret_key").exists()


def test_a_file_in_place_of_the_data_dir_is_refused(tmp_path):
    (tmp_path / "data").write_text("x")
    with pytest.raises(EnvError, match="PARINDEX_DATA_DIR"):
        config(tmp_path)


def test_base_url_for_e_mail_links_drops_a_trailing_slash(tmp_path):
    assert config(tmp_path, PARINDEX_BASE_URL="https://cchc.example.vn/").base_url == (
        "https://cchc.example.vn"
    )
    assert config(tmp_path).base_url == "http://127.0.0.1:8000"


def test_the_cache_is_shared_by_every_process_redis_when_configured_else_a_table(tmp_path):
    table = config(tmp_path).cache
    assert table["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    redis = config(tmp_path, REDIS_URL="redis://127.0.0.1:6379/2").cache
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/2"
