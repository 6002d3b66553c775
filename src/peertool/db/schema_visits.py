"""Migration 0025 (issue 27, part 2): drop-in visits are found through an index of who is enrolled in what.

A visit to a drop-in group counts (service units) when its person was
enrolled in the group's program that day; looking that up per attendance
row must not scan `program_enrollments`, whose only index (0022) is partial
(open enrollments). No table or column changes: nothing to audit.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0025_drop_in_visits(db: "Database") -> None:
    """Index enrollments by person and program, with the day they began, for `visits.enrolled_then`."""
    run_ddl(
        db,
        """
        CREATE INDEX program_enrollments_person ON program_enrollments (participant_id, program, enrolled_on)
        """,
    )
