"""The tables partitioned by year, each described by a small spec (docs/scale.md)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    """A table partitioned by RANGE of one date column, a partition a year plus DEFAULT.

    ``keys`` are its unique constraints by name: the columns the database enforces once the
    table is partitioned (PostgreSQL wants the partition column in every unique index), and
    the columns they had before (what Django's model state keeps). ``model`` is the model
    whose rows other tables may point at (their rows are archived with a detached year).
    """

    table: str
    column: str
    keys: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    #: Set partitions.AUTOVACUUM on every partition (the counts, rewritten by every import).
    autovacuum: bool = False
    model: str | None = None

    @property
    def default(self) -> str:
        return f"{self.table}_default"

    @property
    def sequence(self) -> str:
        return f"{self.table}_pid_seq"

    def partition_name(self, year: int) -> str:
        return f"{self.table}_y{int(year):04d}"


_COUNT_KEY = ("agency_id", "grain", "day", "unit_key", "procedure_id", "channel")

#: The dossier counts by `day`; their key already holds it.
COUNTS = TableSpec(
    table="dossiers_dossiercount",
    column="day",
    keys={"dossiers_count_key": (_COUNT_KEY, _COUNT_KEY)},
    autovacuum=True,
)

#: The dossiers by `received_on`; the unique (agency, code) becomes (agency, code, received_on)
#: in the database: the import keeps (agency, code) unique itself (services/writes.py).
DOSSIERS = TableSpec(
    table="dossiers_dossier",
    column="received_on",
    keys={
        "dossiers_dossier_code_unique_in_agency": (
            ("agency_id", "code", "received_on"),
            ("agency_id", "code"),
        )
    },
    model="dossiers.Dossier",
)

SPECS = {"counts": COUNTS, "dossiers": DOSSIERS}
