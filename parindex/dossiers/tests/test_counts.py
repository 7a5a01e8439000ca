"""The counts the figures read stay equal to the dossiers through imports, pushes and refusals."""

import datetime as dt
import random

import pytest
from django.core.management import call_command

from parindex.common import tabular
from parindex.dossiers.models import Dossier, DossierCount
from parindex.dossiers.services import DossierImporter, counts, dossiers_push, import_dossiers
from parindex.dossiers.services import dossiers as dossier_services
from parindex.dossiers.services.counts import dossier_counts_rebuild
from parindex.dossiers.tests.helpers import DOSSIER_HEADER, make_procedure, write_csv
from parindex.dossiers.tests.test_figures_crosscheck import PERIODS, assert_figures_match

STORED = ("grain", "day", "unit_key", "procedure_id", "channel")
VALUES = ("received", "early", "on_time", "late", "due", "closed_due", "paid_online")
HEADER = [*DOSSIER_HEADER, "Thanh toán trực tuyến"]


def stored_counts(agency):
    return {
        tuple(row[:5]): tuple(row[5:])
        for row in DossierCount.objects.filter(agency=agency).values_list(*STORED, *VALUES)
    }


def random_rows(rng, count, units, first=0):
    rows = []
    for i in range(first, first + count):
        received = dt.datetime(2026, 1, 1, 7, 30) + dt.timedelta(minutes=rng.randint(0, 200_000))
        due = received + dt.timedelta(days=rng.choice((0, 1, 5, 12)))
        end = ""
        if rng.random() < 0.75:
            moment = received + (due - received) * rng.uniform(0.1, 1.4)
            end = moment.strftime("%d/%m/%Y %H:%M")
        rows.append(
            [
                f"H{i:04d}",
                rng.choice(("1.001", "2.002")),
                rng.choice(units),
                rng.choice((1, 2, 3)),
                received.strftime("%d/%m/%Y %H:%M"),
                due.strftime("%d/%m/%Y %H:%M"),
                end,
                "",
                rng.choice((1, 3, 4, 9, 10, 10)) if end else rng.choice((1, 4, 5)),
                rng.choice((0, 0, 1, 2)),
                rng.choice(("", "0", "1", "2", "có", "không")),
            ]
        )
    return rows


def changed(rng, rows, units):
    """The same dossiers a month later: some ended, some moved, some no longer counted."""
    out = []
    for row in rows:
        row = list(row)
        roll = rng.random()
        if roll < 0.15:
            row[6], row[8] = "", 4  # reopened
        elif roll < 0.3:
            row[6], row[8] = row[5], 10  # ended at the due moment
        elif roll < 0.4:
            row[8] = 3  # refused: not counted any more
        elif roll < 0.5:
            row[3] = 2
            row[2] = rng.choice(units)
        elif roll < 0.55:
            row[9] = 3  # a third supplement: late
        elif roll < 0.7:
            row[10] = "1" if row[10] in ("", "0", "không") else "0"  # paid online, or not
        out.append(row)
    return out


@pytest.fixture
def procedures(org):
    make_procedure(org.agency, "1.001", unit=org.unit_a, fee=25_000)
    make_procedure(org.agency, "2.002", unit=None)


@pytest.mark.parametrize("seed", [7, 8])
def test_counts_follow_an_import_and_a_changed_reimport(
    org, procedures, tmp_path, seed, monkeypatch
):
    # Small batches, early writes and short statements: the same counts as in one go.
    monkeypatch.setattr(DossierImporter, "batch_size", 40)
    monkeypatch.setattr(dossier_services, "APPLY_EVERY", 50)
    monkeypatch.setattr(counts, "UPSERT_ROWS", 7)
    rng = random.Random(seed)
    units = [org.unit_a.code, org.unit_b.code, ""]
    rows = random_rows(rng, 300, units)
    import_dossiers(write_csv(tmp_path / "a.csv", [HEADER, *rows]), agency_code="SKHCN")
    # The first load's counts are grouped in SQL; the next import's changes added key by key.
    again = [*changed(rng, rows, units), *random_rows(rng, 60, units, first=5000)]
    result = import_dossiers(write_csv(tmp_path / "b.csv", [HEADER, *again]), agency_code="SKHCN")
    assert result.updated > 100
    assert result.created == 60

    kept = stored_counts(org.agency)
    assert not [key for key, values in kept.items() if not any(values)], "rows left at zero"
    assert dossier_counts_rebuild(org.agency.pk) == 360
    assert stored_counts(org.agency) == kept
    everything = list(Dossier.objects.select_related("unit", "procedure"))
    for d1, d2 in PERIODS:
        assert_figures_match(org.agency, everything, d1, d2)


def test_a_push_updates_the_counts(org, procedures):
    row = {
        "code": "P1",
        "procedure": "1.001",
        "channel": 2,
        "received_at": "02/03/2026 08:00",
        "due_at": "05/03/2026 17:00",
    }
    dossiers_push(actor=org.secretariat, agency_code="SKHCN", rows=[row])
    dossiers_push(
        actor=org.secretariat,
        agency_code="SKHCN",
        rows=[{**row, "finished_at": "06/03/2026 09:00", "status": 10}],
    )
    everything = list(Dossier.objects.select_related("unit", "procedure"))
    assert_figures_match(org.agency, everything, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert sum(values[3] for values in stored_counts(org.agency).values()) == 2  # day + month


def test_a_refused_file_leaves_the_counts_unchanged(org, procedures, tmp_path):
    rng = random.Random(3)
    rows = random_rows(rng, 50, [org.unit_a.code])
    import_dossiers(write_csv(tmp_path / "a.csv", [HEADER, *rows]), agency_code="SKHCN")
    before = stored_counts(org.agency)
    bad = [
        *changed(rng, rows, [org.unit_a.code]),
        ["H9999", "9.999", "", 1, "x", "", "", "", 4, 0, ""],
    ]
    with pytest.raises(tabular.ImportRefused):
        import_dossiers(write_csv(tmp_path / "b.csv", [HEADER, *bad]), agency_code="SKHCN")
    assert stored_counts(org.agency) == before


def test_rebuild_command_repairs_the_counts(org, procedures, tmp_path):
    rows = random_rows(random.Random(5), 40, [org.unit_b.code])
    import_dossiers(write_csv(tmp_path / "a.csv", [HEADER, *rows]), agency_code="SKHCN")
    kept = stored_counts(org.agency)
    DossierCount.objects.filter(agency=org.agency, grain=DossierCount.Grain.MONTH).delete()
    call_command("rebuild_dossier_counts", "--agency", "skhcn")
    assert stored_counts(org.agency) == kept
