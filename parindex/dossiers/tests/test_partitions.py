"""The dossier counts partitioned by year on PostgreSQL (SQLite: one table, same results)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from parindex.dossiers import partitions
from parindex.dossiers.figures import _cover
from parindex.dossiers.models import DossierCount, Procedure

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="declarative partitioning is PostgreSQL's"
)


def count(org, procedure, day: dt.date, received: int, grain=DossierCount.Grain.DAY):
    return DossierCount.objects.create(
        agency=org.agency,
        grain=grain,
        day=day,
        unit_key=0,
        procedure=procedure,
        channel=2,
        received=received,
    )


@pytest.fixture
def procedure(org):
    return Procedure.objects.create(agency=org.agency, code="P1", name="Thủ tục 1")


def test_counts_of_several_years_read_the_same_on_both_engines(org, procedure):
    count(org, procedure, dt.date(2024, 12, 31), 4)
    count(org, procedure, dt.date(2025, 1, 1), 5)
    count(org, procedure, dt.date(2031, 6, 1), 7)  # a year without its own partition
    total = DossierCount.objects.filter(_cover(dt.date(2024, 12, 20), dt.date(2025, 1, 15)))
    assert sum(total.values_list("received", flat=True)) == 9
    assert DossierCount.objects.filter(day__year=2031).get().received == 7


@postgres_only
def test_the_counts_table_is_partitioned_by_year(org, procedure):
    assert partitions.is_partitioned(partitions.COUNTS)
    this_year = dt.date.today().year  # noqa: DTZ011
    names = {p.name for p in partitions.partitions()}
    assert {partitions.COUNTS.partition_name(this_year), partitions.COUNTS.default} <= names


@postgres_only
def test_a_years_figures_read_only_that_years_partition(org, procedure):
    partitions.ensure_years([2024, 2025])
    count(org, procedure, dt.date(2024, 3, 2), 1)
    count(org, procedure, dt.date(2025, 3, 2), 2)
    plan = (
        DossierCount.objects.filter(agency=org.agency)
        .filter(_cover(dt.date(2025, 3, 1), dt.date(2025, 3, 20)))
        .explain()
    )
    assert partitions.COUNTS.partition_name(2025) in plan
    assert partitions.COUNTS.partition_name(2024) not in plan
    assert partitions.COUNTS.default not in plan


@postgres_only
def test_a_new_years_partition_takes_its_rows_out_of_the_default_one(org, procedure):
    count(org, procedure, dt.date(2033, 5, 1), 3)
    assert {p.name: p.rows for p in partitions.partitions()}[partitions.COUNTS.default] == 1
    assert partitions.ensure_years([2033]) == [2033]
    rows = {p.name: p.rows for p in partitions.partitions()}
    assert (
        rows[partitions.COUNTS.partition_name(2033)] == 1 and rows[partitions.COUNTS.default] == 0
    )
    assert DossierCount.objects.get(day=dt.date(2033, 5, 1)).received == 3


@postgres_only
def test_an_old_year_is_detached_archived_and_restored(org, procedure, tmp_path):
    partitions.ensure_years([2021, 2022])
    count(org, procedure, dt.date(2021, 4, 1), 6)
    count(org, procedure, dt.date(2022, 4, 1), 8)
    archive = tmp_path / "2021"
    out = io.StringIO()
    detach = ["--detach", "2021", "--archive", str(archive), "--tables", "counts"]
    call_command("dossier_partitions", *detach, stdout=out)
    assert "archived 1 rows of dossiers_dossiercount for 2021" in out.getvalue()
    assert (archive / "dossiers_dossiercount_y2021.csv.gz").stat().st_size > 0
    assert list(DossierCount.objects.values_list("day__year", flat=True)) == [2022]
    call_command("dossier_partitions", "--restore", "2021", "--archive", str(archive), stdout=out)
    assert DossierCount.objects.get(day=dt.date(2021, 4, 1)).received == 6
    # An archive is never overwritten: the second detach refuses and leaves the year in place.
    with pytest.raises(CommandError, match="exists already"):
        call_command("dossier_partitions", *detach)
    assert DossierCount.objects.filter(day__year=2021).count() == 1


def test_detaching_refuses_without_partitions_or_an_archive(org):
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("dossier_partitions", "--detach", "2021", "--archive", "y2021")
    else:
        with pytest.raises(CommandError, match="--archive"):
            call_command("dossier_partitions", "--detach", "2021")
        with pytest.raises(CommandError, match="a folder"):
            call_command("dossier_partitions", "--detach", "2021", "--archive", "x.csv.gz")
