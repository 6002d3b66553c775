"""Migration 0022 (issue 27, part 1): programs beside IML, a group's program and open days, and who is enrolled
in a drop-in program.

`peer_groups.program` names the group's program (NULL: `iml`, so every
group made before reads as the IML group it was); `peer_groups.days` holds
a drop-in group's open days ("mon,tue,wed,thu,fri"), NULL for a group-year.
A drop-in program has no members: people are enrolled in it
(`program_enrollments`), at most one open enrollment per person and program.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0022, logging_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0022_programs_beside_iml(db: "Database") -> None:
    """The two group columns (nullable, no default, so `audit verify` keeps every logged group's digest) and the
    enrollments table, audited from its first row."""
    run_ddl(
        db,
        """
        ALTER TABLE peer_groups ADD COLUMN program TEXT CHECK (program IS NULL OR length(program) BETWEEN 1 AND 30);
        ALTER TABLE peer_groups ADD COLUMN days TEXT CHECK (days IS NULL OR length(days) BETWEEN 3 AND 27);

        CREATE TABLE program_enrollments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            program TEXT NOT NULL CHECK (length(program) BETWEEN 1 AND 30),
            enrolled_on TEXT NOT NULL,
            ended_on TEXT,
            CHECK (ended_on IS NULL OR ended_on >= enrolled_on)
        );
        CREATE UNIQUE INDEX program_enrollments_open
            ON program_enrollments (participant_id, program) WHERE ended_on IS NULL
        """,
    )
    for table, key in _ADDED_0022.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))
