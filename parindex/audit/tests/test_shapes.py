"""The audit shapes services use: created, deleted, audited block, save_changes."""

import pytest

from parindex.audit.models import AuditEntry
from parindex.audit.services import (
    audited,
    record_created,
    record_deleted,
    save_changes,
    snapshot,
)

UNIT_FIELDS = ("code", "name")


def test_record_created_stores_the_after_snapshot_and_the_targets_agency(org):
    entry = record_created(org.secretariat, "unit.created", org.unit_a, UNIT_FIELDS)
    assert entry.action == "unit.created"
    assert entry.agency_id == org.agency.pk
    assert entry.before is None
    assert entry.after == snapshot(org.unit_a, UNIT_FIELDS)


def test_an_agency_is_its_own_audit_agency_and_a_named_agency_wins(org):
    assert record_created(None, "agency.created", org.agency, ["code"]).agency_id == org.agency.pk
    entry = record_created(None, "unit.created", org.unit_a, ["code"], agency=None, note="n")
    assert (entry.agency_id, entry.note) == (None, "n")


def test_record_deleted_stores_the_before_snapshot(org):
    entry = record_deleted(org.secretariat, "unit.deleted", org.unit_a, UNIT_FIELDS)
    assert entry.after is None
    assert entry.before == snapshot(org.unit_a, UNIT_FIELDS)
    assert entry.target_id == str(org.unit_a.pk)


def test_an_audited_block_records_before_and_after(org):
    unit = org.unit_a
    old = unit.name
    with audited(org.secretariat, "unit.updated", unit, UNIT_FIELDS) as change:
        unit.name = "Phòng mới"
        unit.save()
    entry = AuditEntry.objects.get()
    assert change.entry == entry
    assert (entry.before["name"], entry.after["name"]) == (old, "Phòng mới")
    assert entry.agency_id == org.agency.pk


def test_an_audited_block_that_changes_nothing_writes_no_row_unless_always(org):
    with audited(None, "unit.updated", org.unit_a, UNIT_FIELDS) as change:
        pass
    assert change.entry is None and not AuditEntry.objects.exists()
    with audited(None, "unit.touched", org.unit_a, UNIT_FIELDS, always=True) as change:
        change.action, change.note = "unit.checked", "why"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.note, entry.before) == ("unit.checked", "why", entry.after)


def test_an_audited_block_that_raises_writes_no_row(org):
    with pytest.raises(ValueError), audited(None, "unit.updated", org.unit_a, UNIT_FIELDS):
        org.unit_a.name = "x"
        raise ValueError
    assert not AuditEntry.objects.exists()


def test_save_changes_saves_and_records_only_what_moved(org):
    unit = org.unit_a
    same = save_changes(None, "unit.updated", unit, UNIT_FIELDS, {"name": unit.name})
    assert (same.changed, same.entry) == (False, None)
    change = save_changes(None, "unit.updated", unit, UNIT_FIELDS, {"name": "Khác"})
    unit.refresh_from_db()
    assert unit.name == "Khác"
    assert change.entry.after["name"] == "Khác"
    assert AuditEntry.objects.count() == 1


def test_a_shape_may_take_its_snapshot_with_a_function(org):
    def take(unit):
        return {"label": f"{unit.code} {unit.name}"}

    with audited(None, "unit.updated", org.unit_a, take):
        org.unit_a.name = "Mới"
    entry = AuditEntry.objects.get()
    assert entry.after == {"label": f"{org.unit_a.code} Mới"}
    assert record_created(None, "unit.created", org.unit_a, take).after == entry.after


def test_save_changes_may_save_only_named_fields(org):
    unit = org.unit_a
    unit.code = "UNSAVED"  # not in update_fields: stays unsaved
    save_changes(None, "unit.updated", unit, ["name"], {"name": "Tên mới"}, update_fields=["name"])
    unit.refresh_from_db()
    assert unit.name == "Tên mới"
    assert unit.code != "UNSAVED"
