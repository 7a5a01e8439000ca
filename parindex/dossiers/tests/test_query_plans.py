"""On PostgreSQL, with a realistic history, the figures and lists use the indexes meant for them.

Two agencies with two years of dossiers each (written in SQL, counts rebuilt, statistics
fresh); the dashboard, the figures of every grouping and the drill-down lists are requested
through the pages, and every query they send to the dossier tables is EXPLAINed.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parindex.dossiers.models import Procedure
from parindex.dossiers.services.counts import dossier_counts_rebuild

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)

DOSSIERS_PER_AGENCY = 60_000
PERIODS = [
    "date_from=2025-01-01&date_to=2025-12-31",  # a calendar year
    "date_from=2025-01-10&date_to=2026-10-17",  # a long period cut inside its months
]


def _history(agency, units, procedures):
    """DOSSIERS_PER_AGENCY dossiers from 11/2024 to 10/2026: every procedure, unit and channel
    every day, 9 in 10 ended (early, on time or late), 1 in 3 paid online."""
    sql = """
        INSERT INTO dossiers_dossier (agency_id, code, procedure_id, unit_id, channel,
            received_at, due_at, finished_at, returned_at, status, supplement_count,
            online_payment, ended_at, received_on, due_on, ended_on, counted, outcome,
            created_at, updated_at)
        SELECT %(agency)s, 'G' || i, (%(procedures)s::int[])[1 + i %% %(np)s],
            (%(units)s::int[])[1 + i %% %(nu)s], 1 + i %% 3, r, r + interval '5 days',
            e, NULL, CASE WHEN e IS NULL THEN 4 ELSE 10 END, 0, (i %% 3 = 0)::int, e,
            r::date, (r + interval '5 days')::date, e::date, true,
            CASE WHEN e IS NULL THEN 0 WHEN i %% 9 < 5 THEN 1 WHEN i %% 9 = 5 THEN 2 ELSE 3 END,
            now(), now()
        FROM (
            SELECT i, r, CASE WHEN i %% 10 = 0 THEN NULL ELSE r + (i %% 9) * interval '1 day'
                END AS e
            FROM (
                SELECT i, timestamptz '2024-11-01 08:00+07'
                    + (i * 730 / %(n)s) * interval '1 day' + (i %% 480) * interval '1 minute'
                    AS r
                FROM generate_series(1, %(n)s) AS i
            ) AS received
        ) AS dossiers
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "agency": agency.pk,
                "procedures": [p.pk for p in procedures],
                "np": len(procedures),
                "units": [u.pk for u in units],
                "nu": len(units),
                "n": DOSSIERS_PER_AGENCY,
            },
        )
    dossier_counts_rebuild(agency.pk)


@pytest.fixture
def history(org):
    for agency, units in (
        (org.agency, [org.unit_a, org.unit_b, org.secretariat_unit]),
        (org.other_agency, [org.other_unit]),
    ):
        procedures = [
            Procedure.objects.create(
                agency=agency, code=f"1.{n:03d}", name=f"Thủ tục {n}", unit=units[n % len(units)]
            )
            for n in range(40)
        ]
        _history(agency, units, procedures)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")
        cursor.execute("ANALYZE dossiers_dossiercount")
    return org


def _plans(queries, table):
    """{sql: plan text} of the SELECTs among ``queries`` that read ``table``."""
    plans = {}
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.startswith("SELECT") or f'"{table}"' not in sql:
                continue
            cursor.execute("EXPLAIN " + sql)
            plans[sql] = "\n".join(row[0] for row in cursor.fetchall())
    return plans


def _with_partition_copies(*indexes: str) -> set[str]:
    """The indexes, and their copies on each yearly partition (dossiers/partitions/)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ANY(%s)",
            [list(indexes)],
        )
        return {*indexes, *(row[0] for row in cursor.fetchall())}


def _count_key_indexes() -> set[str]:
    return _with_partition_copies("dossiers_count_key")


def _requested(client, urls):
    with CaptureQueriesContext(connection) as captured:
        for url in urls:
            assert client.get(url).status_code == 200, url
    return captured.captured_queries


def test_figures_read_the_counts_through_their_key_only(history, client_for):
    urls = []
    for period in PERIODS:
        urls.append(f"/dossiers/?agency=SKHCN&{period}")
        urls.extend(
            f"/dossiers/?agency=SKHCN&{period}&export=csv&by={by}"
            for by in ("unit", "procedure", "channel", "month")
        )
        urls.append(f"/dossiers/review/?agency=SKHCN&{period}")
    for user in (history.secretariat, history.head_a):
        plans = _plans(_requested(client_for(user), urls), "dossiers_dossiercount")
        assert plans, "the figures read the counts"
        for sql, plan in plans.items():
            assert "Seq Scan on dossiers_dossiercount" not in plan, (sql, plan)
            scans = re.findall(r"Index (?:Only )?Scan (?:Backward )?using (\w+)", plan)
            scans += re.findall(r"Bitmap Index Scan on (\w+)", plan)
            assert scans and set(scans) <= {"dossiers_procedure_pkey", *_count_key_indexes()}, (
                sql,
                plan,
            )


def test_dossier_lists_use_the_dossier_indexes(history, client_for):
    urls = ["/dossiers/list/?agency=SKHCN"]
    for period in PERIODS:
        urls.extend(
            f"/dossiers/list/?agency=SKHCN&{period}&metric={metric}"
            for metric in ("received", "resolved", "late", "pending", "pending_overdue")
        )
        urls.append(f"/dossiers/late/?agency=SKHCN&{period}")
    indexes = _with_partition_copies(
        "dossiers_agency_received", "dossiers_agency_ended", "dossiers_agency_list"
    )
    for user in (history.secretariat, history.head_a):
        plans = _plans(_requested(client_for(user), urls), "dossiers_dossier")
        pages = {sql: plan for sql, plan in plans.items() if "LIMIT" in sql}
        assert pages, "the lists read dossiers a page at a time"
        for sql, plan in pages.items():
            assert "Seq Scan on dossiers_dossier" not in plan, (sql, plan)
            used = set(re.findall(r"(?:using|Bitmap Index Scan on) (\w+)", plan))
            assert used & indexes, (sql, plan)
