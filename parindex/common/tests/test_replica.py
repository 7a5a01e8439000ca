"""The read replica (parindex/common/db.py).

The first tests run everywhere: without a replica every read goes to the primary. The tests
marked ``replica`` need a real streaming replica (``scripts/replica.sh start``, which
``.ci/run`` calls) and ``DATABASE_REPLICA_URL`` pointing to it: they prove the figure reads
land on the standby and that no write does.
"""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from parindex.common import db as replica
from parindex.org.models import Unit

WRITES = ("INSERT", "UPDATE", "DELETE")


def test_without_a_replica_every_read_goes_to_the_primary(org):
    router = replica.ReplicaRouter()
    with replica.replica_reads():
        assert router.db_for_read(Unit) == "default"
    assert router.db_for_write(Unit) == "default"


needs_replica = pytest.mark.skipif(
    not os.environ.get("DATABASE_REPLICA_URL"),
    reason="DATABASE_REPLICA_URL is not set (scripts/replica.sh start)",
)


@pytest.fixture
def standby():
    """The `replica` alias pointed at the real standby, reading the test database the
    primary streams to it (the test runner made the alias a mirror of the primary)."""
    from django.conf import settings

    from parindex.settings import CONFIG

    assert "replica" in settings.DATABASES
    conn = connections["replica"]
    mirror = conn.settings_dict
    conn.close()
    real = dict(CONFIG.replica_database)
    real["NAME"] = connections["default"].settings_dict["NAME"]
    real["TEST"] = mirror["TEST"]  # still a mirror for the flush at teardown
    for key, value in mirror.items():
        real.setdefault(key, value)
    conn.settings_dict = real
    try:
        yield conn
    finally:
        conn.close()
        conn.settings_dict = mirror


def replayed(conn, sql: str, expected, params: tuple = ()) -> bool:
    """Wait (bounded) until the standby has replayed what the primary committed."""
    for _ in range(300):
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            if cursor.fetchone()[0] == expected:
                return True
        time.sleep(0.1)
    return False


def counts(org):
    from parindex.dossiers.models import DossierCount, Procedure

    procedure = Procedure.objects.create(agency=org.agency, code="P1", name="Thủ tục 1")
    # March 2026 whole: the figures of the month read its month rows.
    for day, channel, received in ((1, 1, 3), (1, 2, 5)):
        DossierCount.objects.create(
            agency=org.agency,
            grain=DossierCount.Grain.MONTH,
            day=dt.date(2026, 3, day),
            unit_key=0,
            procedure=procedure,
            channel=channel,
            received=received,
        )


@pytest.mark.replica
@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_figure_reads_land_on_the_replica_and_writes_do_not(org, standby, client):
    counts(org)
    assert replayed(standby, "SELECT count(*) FROM dossiers_dossiercount", 2)
    with standby.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True  # a hot standby, not the primary
    client.force_login(org.secretariat)
    url = "/api/v1/dossiers/figures?agency=SKHCN&from=2026-03-01&to=2026-03-31"
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(standby) as secondary,
    ):
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["total"]["received"] == 8
    on_replica = " ".join(q["sql"] for q in secondary.captured_queries)
    on_primary = " ".join(q["sql"] for q in primary.captured_queries)
    assert "dossiers_dossiercount" in on_replica
    assert "dossiers_dossiercount" not in on_primary
    assert not any(q["sql"].lstrip().upper().startswith(WRITES) for q in secondary.captured_queries)


@pytest.mark.replica
@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reads_after_a_write_in_the_same_request_go_to_the_primary(org, standby):
    router = replica.ReplicaRouter()
    replica._wrote.set(False)
    with replica.replica_reads():
        assert router.db_for_read(Unit) == "replica"
        with CaptureQueriesContext(standby) as secondary:
            Unit.objects.filter(pk=org.unit_a.pk).update(name="Phòng QLCN (mới)")
            assert router.db_for_read(Unit) == "default"
            assert Unit.objects.get(pk=org.unit_a.pk).name == "Phòng QLCN (mới)"
    assert secondary.captured_queries == []
    # The write reached the standby through replication, never directly.
    assert replayed(
        standby,
        "SELECT name FROM org_unit WHERE id = %s",
        "Phòng QLCN (mới)",
        (org.unit_a.pk,),
    )
    replica._wrote.set(False)


@pytest.mark.replica
@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_browser_that_just_wrote_reads_from_the_primary(org, standby, client):
    counts(org)
    assert replayed(standby, "SELECT count(*) FROM dossiers_dossiercount", 2)
    client.force_login(org.province_secretariat)
    saved = client.post(
        "/dossiers/calendar/", {"day": "22/08/2026", "working": "1", "note": "Làm bù"}
    )
    assert saved.status_code == 302 and replica.PIN_COOKIE in saved.cookies
    url = "/api/v1/dossiers/figures?agency=SKHCN&from=2026-03-01&to=2026-03-31"
    with CaptureQueriesContext(standby) as secondary:
        assert client.get(url).status_code == 200
    assert secondary.captured_queries == []  # pinned to the primary for a few seconds
    client.cookies.pop(replica.PIN_COOKIE)
    with CaptureQueriesContext(standby) as secondary:
        assert client.get(url).status_code == 200
    assert secondary.captured_queries
