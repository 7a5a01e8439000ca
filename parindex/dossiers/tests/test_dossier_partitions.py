"""The dossiers partitioned by year of reception on PostgreSQL (SQLite: one table, same
behaviour): the import keeps (agency, code) unique, a year's lists read only its partition,
and a detached year takes the rows pointing at its dossiers with it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from parindex.citizens.models import Invitation, Survey
from parindex.dossiers import partitions
from parindex.dossiers.figures import metric_filter
from parindex.dossiers.models import ApologySlip, Dossier
from parindex.dossiers.services import import_dossiers
from parindex.dossiers.tests.helpers import (
    DOSSIER_HEADER,
    at,
    make_dossier,
    make_procedure,
    write_csv,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="declarative partitioning is PostgreSQL's"
)


def _row(code: str, received: str, due: str) -> list[object]:
    return [code, "P1", "", 1, f"{received} 08:00", due, "", "", 4, 0]


def test_a_corrected_reception_year_moves_the_dossier_and_keeps_one_row(org, tmp_path):
    make_procedure(org.agency, "P1", unit=org.unit_a)
    partitions.ensure_years([2025, 2026])
    rows = [_row("H.1", "30/12/2025", "05/01/2026"), _row("H.2", "02/03/2026", "06/03/2026")]
    import_dossiers(write_csv(tmp_path / "a.csv", [DOSSIER_HEADER, *rows]), agency_code="SKHCN")
    old = Dossier.objects.get(code="H.1")
    invitation = Invitation.objects.create(
        survey=Survey.objects.create(agency=org.agency, code="KS", year=2026, title="KS"),
        dossier=old,
        key_hash="k" * 64,
        expires_on=dt.date(2026, 2, 1),
    )
    # H.1 re-exported with its reception corrected into 2026; H.3 new.
    rows[0] = _row("H.1", "02/01/2026", "08/01/2026")
    rows.append(_row("H.3", "03/03/2026", "07/03/2026"))
    result = import_dossiers(
        write_csv(tmp_path / "b.csv", [DOSSIER_HEADER, *rows]), agency_code="SKHCN"
    )
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    moved = Dossier.objects.get(code="H.1")  # exactly one row
    assert moved.received_on == dt.date(2026, 1, 2)
    assert moved.pk == old.pk  # the same dossier: what points at it still does
    assert Invitation.objects.get(pk=invitation.pk).dossier == moved
    assert Dossier.objects.count() == 3
    if partitions.is_partitioned(partitions.DOSSIERS):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM dossiers_dossier_y2025")
            assert cursor.fetchone()[0] == 0
            cursor.execute("SELECT count(*) FROM dossiers_dossier_y2026 WHERE code = 'H.1'")
            assert cursor.fetchone()[0] == 1


def test_the_model_still_refuses_a_second_dossier_with_the_same_code(org):
    procedure = make_procedure(org.agency, "P1", unit=org.unit_a)
    make_dossier(procedure, "H.1", at("02/03/2025"), at("06/03/2025"))
    other_year = Dossier(
        agency=org.agency,
        code="H.1",
        procedure=procedure,
        received_at=at("02/03/2026"),
        due_at=at("06/03/2026"),
        received_on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 3, 6),
        status=4,
    )
    with pytest.raises(ValidationError, match="already has a dossier with this code"):
        other_year.validate_constraints()


def test_the_rows_pointing_at_dossiers_are_the_ones_archived_with_them():
    # A detached year archives these; none of them has rows pointing at it in turn.
    tables = dict(partitions.dependants(partitions.DOSSIERS))
    assert tables == {"citizens_invitation": "dossier_id", "dossiers_apologyslip": "dossier_id"}
    for model in (Invitation, ApologySlip):
        fields = model._meta.get_fields(include_hidden=True)
        assert not [f for f in fields if f.auto_created and not f.concrete]


@postgres_only
def test_the_dossiers_table_is_partitioned_with_keys_holding_the_reception_date(db):
    assert partitions.is_partitioned(partitions.DOSSIERS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'dossiers_dossier'::regclass AND contype IN ('p', 'u')"
        )
        keys = dict(cursor.fetchall())
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE confrelid = 'dossiers_dossier'::regclass"
        )
        pointing = cursor.fetchone()[0]
    assert keys == {
        "dossiers_dossier_pkey": "PRIMARY KEY (id, received_on)",
        "dossiers_dossier_code_unique_in_agency": "UNIQUE (agency_id, code, received_on)",
    }
    assert pointing == 0  # foreign keys to dossiers are db_constraint=False
    this_year = dt.date.today().year  # noqa: DTZ011
    names = {p.name for p in partitions.partitions(partitions.DOSSIERS)}
    assert {partitions.DOSSIERS.partition_name(this_year), partitions.DOSSIERS.default} <= names


@postgres_only
def test_a_years_drill_down_reads_only_that_years_partition(org):
    partitions.ensure_years([2024, 2025])
    procedure = make_procedure(org.agency, "P1", unit=org.unit_a)
    make_dossier(procedure, "A", at("02/03/2024"), at("06/03/2024"))
    make_dossier(procedure, "B", at("02/03/2025"), at("06/03/2025"))
    drill_down = Dossier.objects.filter(agency=org.agency, counted=True).filter(
        metric_filter("received", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    )
    listing = Dossier.objects.filter(
        agency=org.agency,
        received_on__gte=dt.date(2025, 3, 1),
        received_on__lte=dt.date(2025, 3, 31),
    ).order_by("-received_at")
    for query in (drill_down, listing):
        plan = query.explain()
        assert partitions.DOSSIERS.partition_name(2025) in plan
        assert partitions.DOSSIERS.partition_name(2024) not in plan
        assert partitions.DOSSIERS.default not in plan
    assert [d.code for d in drill_down] == ["B"]


@postgres_only
def test_ensuring_a_year_creates_the_dossiers_partition_too(org):
    procedure = make_procedure(org.agency, "P1", unit=org.unit_a)
    make_dossier(procedure, "LATER", at("02/03/2034"), at("06/03/2034"))
    assert partitions.ensure_years([2034]) == [2034]
    rows = {p.name: p.rows for p in partitions.partitions(partitions.DOSSIERS)}
    assert rows[partitions.DOSSIERS.partition_name(2034)] == 1
    assert rows[partitions.DOSSIERS.default] == 0
    assert partitions.COUNTS.partition_name(2034) in {p.name for p in partitions.partitions()}


@postgres_only
def test_a_detached_year_takes_its_invitations_and_slips_and_comes_back(org, tmp_path):
    partitions.ensure_years([2021, 2022])
    procedure = make_procedure(org.agency, "P1", unit=org.unit_a)
    old = make_dossier(procedure, "OLD", at("02/03/2021"), at("06/03/2021"))
    kept = make_dossier(procedure, "KEPT", at("02/03/2022"), at("06/03/2022"))
    survey = Survey.objects.create(agency=org.agency, code="KS", year=2021, title="KS")
    for dossier, key in ((old, "a"), (kept, "b")):
        Invitation.objects.create(
            survey=survey, dossier=dossier, key_hash=key * 64, expires_on=dt.date(2022, 1, 1)
        )
    ApologySlip.objects.create(
        dossier=old, issued_on=dt.date(2021, 3, 7), new_due_on=dt.date(2021, 3, 9)
    )
    archive = tmp_path / "2021"
    out = io.StringIO()
    detach = ["--detach", "2021", "--archive", str(archive), "--tables", "dossiers"]
    call_command("dossier_partitions", *detach, stdout=out)
    assert "archived 1 rows of dossiers_dossier for 2021" in out.getvalue()
    assert "archived 1 rows of citizens_invitation for 2021" in out.getvalue()
    assert "archived 1 rows of dossiers_apologyslip for 2021" in out.getvalue()
    assert list(Dossier.objects.values_list("code", flat=True)) == ["KEPT"]
    assert list(Invitation.objects.values_list("dossier_id", flat=True)) == [kept.pk]
    assert not ApologySlip.objects.exists()
    call_command("dossier_partitions", "--restore", "2021", "--archive", str(archive), stdout=out)
    assert Dossier.objects.get(code="OLD").pk == old.pk
    assert Invitation.objects.get(dossier_id=old.pk).key_hash == "a" * 64
    assert ApologySlip.objects.get().dossier == Dossier.objects.get(code="OLD")


def _keys(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('p', 'u')",
            [table],
        )
        return dict(cursor.fetchall())


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_migration_partitions_the_stored_dossiers_and_back():
    from django.db.migrations.executor import MigrationExecutor

    from parindex.org.models import Agency, Province

    before = [("dossiers", "0009_apology_dossier_without_db_constraint")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        assert not partitions.is_partitioned(partitions.DOSSIERS)
        province = Province.objects.create(code="TINH", name="Tỉnh")
        agency = Agency.objects.create(province=province, code="SKHCN", name="Sở")
        procedure = make_procedure(agency, "P1")
        for code, day in (("A", "02/03/2019"), ("B", "30/12/2025"), ("C", "02/01/2026")):
            make_dossier(procedure, code, at(day), at(day, "17:00"))
        deleted = Dossier.objects.get(code="C").pk
        Dossier.objects.filter(pk=deleted).delete()  # the sequence stays past its id
        stored = list(Dossier.objects.order_by("id").values())

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        assert partitions.is_partitioned(partitions.DOSSIERS)
        assert list(Dossier.objects.order_by("id").values()) == stored
        years = {p.year for p in partitions.partitions(partitions.DOSSIERS)}
        assert set(range(2019, dt.date.today().year + 2)) <= years  # noqa: DTZ011
        assert _keys("dossiers_dossier")["dossiers_dossier_pkey"] == "PRIMARY KEY (id, received_on)"
        added = make_dossier(procedure, "D", at("02/03/2026"), at("06/03/2026"))
        assert added.pk == deleted + 1

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(before)
        assert not partitions.is_partitioned(partitions.DOSSIERS)
        assert list(Dossier.objects.order_by("id").values())[:2] == stored
        assert _keys("dossiers_dossier") == {
            "dossiers_dossier_pkey": "PRIMARY KEY (id)",
            "dossiers_dossier_code_unique_in_agency": "UNIQUE (agency_id, code)",
        }
        assert make_dossier(procedure, "E", at("02/03/2026"), at("06/03/2026")).pk == added.pk + 1
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
