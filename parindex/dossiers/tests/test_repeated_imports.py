"""Repeated imports (issue 17, item 3): a re-import touches only the rows that changed, and the
counts move by exactly the difference — checked against a recomputation from the dossiers."""

import datetime as dt
import random

import pytest
from django.db import connection

from parindex.audit.models import AuditEntry
from parindex.dossiers.models import Dossier, DossierCount
from parindex.dossiers.services import import_dossiers
from parindex.dossiers.services.counts import dossier_counts_rebuild
from parindex.dossiers.tests.helpers import (
    DOSSIER_HEADER,
    at,
    make_dossier,
    make_procedure,
    write_csv,
)

ROWS = 2600  # more than one batch (DossierImporter.batch_size)


def _rows(n=ROWS, seed=17):
    rng = random.Random(seed)  # noqa: S311 - test data
    start = dt.datetime(2026, 1, 5, 8, 0)  # noqa: DTZ001 - written as local text
    rows = []
    for i in range(n):
        received = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 80))
        due = received + dt.timedelta(days=rng.choice((2, 5, 9)))
        ended = ""
        status = 4
        if rng.random() < 0.85:
            ended = (received + (due - received) * rng.uniform(0.3, 1.4)).strftime("%d/%m/%Y %H:%M")
            status = 10
        rows.append(
            [
                f"H.{i:06d}",
                rng.choice(("P1", "P2", "P3")),
                "",
                rng.choice((1, 2, 3)),
                received.strftime("%d/%m/%Y %H:%M"),
                due.strftime("%d/%m/%Y"),
                ended,
                "",
                status,
                rng.choice((0, 0, 1, 2)),
            ]
        )
    return rows


def _counts(agency):
    fields = ("grain", "day", "unit_key", "procedure_id", "channel")
    values = ("received", "early", "on_time", "late", "due", "closed_due", "paid_online")
    return {
        tuple(r[f] for f in fields): tuple(r[v] for v in values)
        for r in DossierCount.objects.filter(agency=agency).values(*fields, *values)
    }


def _recomputed(agency):
    """The counts recomputed from the dossiers in SQL (an independent path), then restored."""
    kept = list(DossierCount.objects.filter(agency=agency).values())
    dossier_counts_rebuild(agency.pk)
    fresh = _counts(agency)
    DossierCount.objects.filter(agency=agency).delete()
    DossierCount.objects.bulk_create(DossierCount(**row) for row in kept)
    return fresh


@pytest.fixture
def loaded(org, tmp_path):
    for code, unit in (("P1", org.unit_a), ("P2", org.unit_b), ("P3", org.unit_a)):
        make_procedure(org.agency, code, unit=unit)
    rows = _rows()
    path = write_csv(tmp_path / "month.csv", [DOSSIER_HEADER, *rows])
    first = import_dossiers(path, agency_code="SKHCN")
    assert first.created == ROWS
    return rows, path


#: The dossiers table and, when partitioned, its partitions (which alone keep row statistics).
DOSSIER_TABLES = ["dossiers_dossier", "dossiers_dossier_y%", "dossiers_dossier_default"]


def _stats(tables):
    """Rows inserted, updated and deleted in this transaction, per table (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0), "
            "coalesce(sum(n_tup_del), 0) FROM pg_stat_xact_user_tables WHERE relname LIKE ANY(%s)",
            [tables],
        )
        return cursor.fetchone()


def test_reimporting_unchanged_rows_changes_nothing(org, loaded):
    rows, path = loaded
    before_counts = _counts(org.agency)
    stamps = dict(Dossier.objects.values_list("code", "updated_at"))
    audits = AuditEntry.objects.count()
    assert _recomputed(org.agency) == before_counts
    if connection.vendor == "postgresql":
        dossier_stats = _stats(DOSSIER_TABLES)
        count_stats = _stats(["dossiers_dossiercount%"])
    again = import_dossiers(path, agency_code="SKHCN")
    assert (again.created, again.updated, again.unchanged) == (0, 0, ROWS)
    assert _counts(org.agency) == before_counts
    assert dict(Dossier.objects.values_list("code", "updated_at")) == stamps
    assert AuditEntry.objects.count() == audits
    if connection.vendor == "postgresql":
        # Not one row of either table written, updated or deleted.
        assert _stats(DOSSIER_TABLES) == dossier_stats
        assert _stats(["dossiers_dossiercount%"]) == count_stats


def test_a_changed_row_updates_it_and_the_counts_exactly(org, loaded, tmp_path):
    rows, _path = loaded
    changed = [list(r) for r in rows]
    # One dossier moves: another channel, ended later (late now), and one new dossier.
    victim = next(r for r in changed if r[6] and r[3] == 1)
    victim[3] = 2
    victim[6] = "28/03/2026 10:00"
    victim[4] = "20/03/2026 08:00"
    victim[5] = "25/03/2026"
    changed.append(["H.NEW", "P1", "", 2, "02/03/2026 09:00", "06/03/2026", "", "", 4, 0])
    path = write_csv(tmp_path / "month2.csv", [DOSSIER_HEADER, *changed])
    if connection.vendor == "postgresql":
        dossier_stats = _stats(DOSSIER_TABLES)
    result = import_dossiers(path, agency_code="SKHCN")
    assert (result.created, result.updated, result.unchanged) == (1, 1, ROWS - 1)
    stored = Dossier.objects.get(code=victim[0])
    assert stored.channel == 2 and stored.outcome == 3
    entry = AuditEntry.objects.get(action="dossier.updated")
    assert entry.target_repr == victim[0] and entry.after["channel"] == 2
    assert _counts(org.agency) == _recomputed(org.agency)
    if connection.vendor == "postgresql":
        ins, upd, dele = (a - b for a, b in zip(_stats(DOSSIER_TABLES), dossier_stats, strict=True))
        assert (ins, upd, dele) == (1, 1, 0)


def test_rows_stored_without_a_digest_are_compared_once_then_skipped(org, tmp_path):
    procedure = make_procedure(org.agency, "P1", unit=org.unit_a)
    make_dossier(
        procedure,
        "OLD",
        at("02/03/2026"),
        at("06/03/2026", "23:59").replace(second=59),
        at("05/03/2026"),
        status=10,
    )
    row = ["OLD", "P1", "", 1, "02/03/2026 08:00", "06/03/2026", "05/03/2026 08:00", "", 10, 0]
    path = write_csv(tmp_path / "a.csv", [DOSSIER_HEADER, row])
    counts = _counts(org.agency)
    first = import_dossiers(path, agency_code="SKHCN")
    assert (first.created, first.updated, first.unchanged) == (0, 0, 1)
    assert Dossier.objects.get(code="OLD").row_hash is not None
    assert _counts(org.agency) == counts
    assert not AuditEntry.objects.filter(action="dossier.updated").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL storage parameters")
def test_every_counts_partition_has_the_autovacuum_settings(db):
    from parindex.dossiers.partitions import AUTOVACUUM, COUNTS, ensure_years

    ensure_years([2031])  # a partition made after the migration gets them too
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c WHERE c.relname LIKE %s "
            "AND c.relkind = 'r'",
            [f"{COUNTS.table}%"],
        )
        found = dict(cursor.fetchall())
    assert found and COUNTS.partition_name(2031) in found
    for name, options in found.items():
        assert set(options or ()) >= {f"{k}={v}" for k, v in AUTOVACUUM.items()}, name
