"""Dossier import (docs/formats.md §5) from files and from the API: streaming, batched, idempotent.

One :class:`DossierImporter` has each row read and checked (dossier_rows.py, the column
vocabulary and row parsing) and writes the good ones in batches
(one read of the existing codes per batch, then raw batched writes, writes.py), so memory
stays flat whatever the file size; what it writes also goes to the counts the figures read
(services/counts.py). The caller holds the transaction: all or nothing means the
importer raises :class:`~parindex.common.tabular.ImportRefused` at the end and everything
written rolls back (after the first invalid row it stops writing and only validates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parindex.audit.models import AuditEntry
from parindex.audit.services import record
from parindex.common import tabular
from parindex.common.workdays import WorkCalendar
from parindex.dossiers.models import Dossier
from parindex.dossiers.selectors import work_calendar
from parindex.dossiers.services.common import agency_for_import
from parindex.dossiers.services.counts import (
    APPLY_EVERY,
    CountChanges,
    dossier_counts_rebuild,
)
from parindex.dossiers.services.dossier_rows import DOSSIER_COLUMNS, DossierRowReader
from parindex.dossiers.services.writes import (
    ROW_FIELDS,
    BackgroundInserts,
    StagedUpsert,
    analyze,
    audit_values,
    comparable,
    insert_rows,
    large_cache,
    row_hash,
)
from parindex.org.models import Agency


class DossierImporter:
    """Validates dossier rows and upserts them by code in batches (see the module docstring)."""

    batch_size = 2000
    analyze_every = 100_000

    def __init__(
        self,
        agency: Agency,
        *,
        actor: Any = None,
        create_procedures: bool = False,
        skip_invalid: bool = False,
        calendar: WorkCalendar | None = None,
        progress: Callable[[int], None] | None = None,
        background: bool = False,
    ) -> None:
        self.agency = agency
        self.actor = actor
        self.skip_invalid = skip_invalid
        self.reader = DossierRowReader(
            agency,
            actor=actor,
            create_procedures=create_procedures,
            calendar=calendar or work_calendar(),
        )
        self.progress = progress
        self.seen: dict[str, int] = {}
        self.batch: list[dict[str, Any]] = []
        self.result = tabular.ImportResult()
        self.rejected: list[tuple[list[Any], str]] = []
        self.rows_done = 0
        self._written = 0
        self.writing = True
        self.counts = CountChanges(agency.pk)
        self.staged: StagedUpsert | None = None
        self.now = timezone.now()
        self._content_type = ContentType.objects.get_for_model(Dossier)
        # One import of an agency at a time (PostgreSQL; SQLite has one writer anyway): the
        # next one waits here and then reads what this one stored.
        list(Agency.objects.select_for_update().filter(pk=agency.pk).values_list("pk"))
        # The agency's first load (the big one): no stored code to look up for any batch (a
        # repeat inside the file is caught by ``seen``), and the counts are grouped in SQL at
        # the end rather than added up row by row.
        self.first_load = not Dossier.objects.filter(agency=agency).exists()
        # A first load that creates no procedure needs the connection for nothing but its
        # inserts until the end: on PostgreSQL they run beside the reading (BackgroundInserts;
        # 1 M rows: 76 → 54 s). On SQLite the two threads take turns on the GIL for every
        # row, and nothing was gained.
        self.inserts = (
            BackgroundInserts(self.now)
            if background
            and self.first_load
            and not create_procedures
            and connection.vendor == "postgresql"
            else None
        )

    # -- rows ----------------------------------------------------------------------------------

    def add(
        self,
        number: int,
        values: dict[str, Any],
        header_for: Callable[[str], str],
        raw: list[Any] | None = None,
    ) -> None:
        """Check one row; queue it for writing, or record its problems."""
        data, problems = self.reader.parse(values)
        code = data.get("code")
        if code:
            first = self.seen.get(code)
            if first is not None:
                problems.append(
                    ("code", _("code %(code)s repeats row %(row)s") % {"code": code, "row": first})
                )
            else:
                self.seen[code] = number
        self.rows_done += 1
        if problems:
            errors = [tabular.RowError(number, header_for(k), m) for k, m in problems]
            self.result.errors.extend(errors)
            if raw is not None:
                self.rejected.append((raw, "; ".join(e.message for e in errors)))
            if not self.skip_invalid:
                self.writing = False
                self.batch.clear()
        elif self.writing:
            self.batch.append(data)
        if len(self.batch) >= self.batch_size:
            self.flush()
        if self.progress is not None and self.rows_done % self.batch_size == 0:
            self.progress(self.rows_done)

    def close(self, *, raise_error: bool = True) -> None:
        """Wait for the inserts still running beside the reading (and raise their error)."""
        if self.inserts is not None:
            self.inserts.close(raise_error=raise_error)
        if self.staged is not None and raise_error:
            self.staged.close()
            self.staged = None

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch or not self.writing:
            return
        for row in batch:
            row["agency_id"] = self.agency.pk
            row["row_hash"] = row_hash(row)
        if self.first_load:
            self._insert(batch)
            return
        if self.staged is None:
            self.staged = StagedUpsert(self.agency.pk, self.now)
        # Only the new rows and those whose digest differs come back (StagedUpsert).
        candidates = self.staged.diff(batch)
        adapt = comparable()
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        audits: list[AuditEntry] = []
        actor_id = getattr(self.actor, "pk", None)
        actor_name = (getattr(self.actor, "display_name", "") or "system")[:150]
        actor_username = self.actor.get_username()[:150] if actor_id else ""
        fields = len(ROW_FIELDS)
        for row in batch:
            old = candidates.get(row["code"])
            if old is None:
                self.result.unchanged += 1
                continue
            if old[1] is None:
                new.append(row)
                self.counts.add_row(row)
                continue
            # Compared as the driver stores them (no model conversions per stored row). A row
            # stored before digests existed differs by its digest alone: written (to store the
            # digest), but unchanged.
            stored = old[3 : 3 + fields]
            before = {f: v for f, v in zip(ROW_FIELDS, stored, strict=True) if adapt(row[f]) != v}
            changed.append(row)
            if not before:
                self.result.unchanged += 1
                continue
            self.counts.add(old[3 + fields :], -1)
            self.counts.add_row(row)
            self.result.updated += 1
            audits.append(
                AuditEntry(
                    actor_id=actor_id,
                    actor_name=actor_name,
                    actor_username=actor_username,
                    action="dossier.updated",
                    target_type=self._content_type,
                    target_id=str(old[1]),
                    target_repr=row["code"],
                    agency_id=self.agency.pk,
                    before=audit_values(before),
                    after=audit_values({f: row[f] for f in before}),
                    note="import",
                )
            )
        if connection.vendor == "sqlite":
            # New rows take the first load's plain executemany (no conflict to resolve); on
            # PostgreSQL they are in the staging table already and go with the changed ones.
            if new:
                insert_rows(new, self.now)
            self.staged.write(changed)
        elif new or changed:
            self.staged.write([*new, *changed])
        if audits:
            AuditEntry.objects.bulk_create(audits, batch_size=self.batch_size)
        if new:
            self.result.created += len(new)
            self._written += len(new)
            if self._written >= self.analyze_every:
                # PostgreSQL plans the staging join from the table's statistics: on a table
                # that grew by a hundred thousand rows since, it would scan it whole.
                analyze()
                self._written = 0
        if len(self.counts) >= APPLY_EVERY:
            self.counts.apply()

    def _insert(self, new: list[dict[str, Any]]) -> None:
        """An agency's first load: every row is new; the counts are grouped in SQL at the end."""
        if self.inserts is not None:
            self.inserts.submit(new)
        else:
            insert_rows(new, self.now)
        self.result.created += len(new)

    def finish(self, warnings: Iterable[str] = ()) -> tabular.ImportResult:
        """Write what is left; raise ImportRefused when all-or-nothing found problems."""
        self.flush()
        self.close()
        # Only the file's rows needed it; the counts below may need the memory.
        self.seen.clear()
        if self.result.created + self.result.updated >= self.batch_size:
            analyze()
        self.result.warnings = [*warnings, *self.result.warnings]
        if self.progress is not None:
            self.progress(self.rows_done)
        if self.result.errors and not self.skip_invalid:
            raise tabular.ImportRefused(self.result.errors, self.result.warnings)
        self.result.rejected = len({e.row for e in self.result.errors})
        if self.first_load:
            if self.result.created:
                dossier_counts_rebuild(self.agency.pk)
        else:
            self.counts.finish()
        if self.result.created or self.result.updated:
            record(
                actor=self.actor,
                action="dossier.imported",
                target=self.agency,
                after={
                    "created": self.result.created,
                    "updated": self.result.updated,
                    "unchanged": self.result.unchanged,
                    "rejected": self.result.rejected,
                },
                agency=self.agency,
            )
        return self.result


def import_dossiers(
    source: str | Path | IO[bytes],
    *,
    agency_code: str,
    actor: Any = None,
    filename: str | None = None,
    sheet: str | None = None,
    skip_invalid: bool = False,
    create_procedures: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tabular.ImportResult:
    """Import dossiers from an XLSX/CSV export (docs/formats.md §5); all or nothing unless skip_invalid."""
    agency = agency_for_import(agency_code, actor)
    with tabular.open_table(source, DOSSIER_COLUMNS, filename=filename, sheet=sheet) as table:
        large_cache()
        with transaction.atomic():
            importer = DossierImporter(
                agency,
                actor=actor,
                create_procedures=create_procedures,
                skip_invalid=skip_invalid,
                progress=progress,
                background=True,
            )
            try:
                header_for = table.header_for
                for number, values, raw in table.rows(with_raw=True):
                    importer.add(number, values, header_for, raw)
                result = importer.finish(table.warnings)
            finally:
                # After a failure: no thread left waiting (its own error, if any, is moot).
                importer.close(raise_error=False)
        if importer.rejected and isinstance(source, str | Path):
            result.rejected_file = tabular.write_rejected(
                source, table.raw_header, importer.rejected
            )
    return result


_PUSH_LOOKUP = {
    tabular.normalize_header(name): column.key
    for column in reversed(DOSSIER_COLUMNS)
    for name in (column.key, *column.names)
}


def dossiers_push(
    *,
    actor: Any,
    agency_code: str,
    rows: list[dict[str, Any]],
    skip_invalid: bool = False,
    create_procedures: bool = False,
) -> tabular.ImportResult:
    """Upsert dossiers sent as JSON objects (the API): same fields, names and checks as a file.

    Keys are the field names (``code``, ``procedure``, ``received_at``…) or any header of
    docs/formats.md §5; row numbers in problems are 1-based positions in the list.
    """
    agency = agency_for_import(agency_code, actor)
    labels = {c.key: c.label for c in DOSSIER_COLUMNS}
    unknown: set[str] = set()
    with transaction.atomic():
        importer = DossierImporter(
            agency, actor=actor, create_procedures=create_procedures, skip_invalid=skip_invalid
        )
        for number, row in enumerate(rows, start=1):
            values: dict[str, Any] = {}
            for key, value in row.items():
                column = _PUSH_LOOKUP.get(tabular.normalize_header(key))
                if column is None:
                    unknown.add(str(key))
                elif column not in values:
                    values[column] = value.strip() if isinstance(value, str) else value
            importer.add(number, values, labels.__getitem__)
        warnings = [f"unknown fields ignored: {', '.join(sorted(unknown))}"] if unknown else []
        return importer.finish(warnings)
