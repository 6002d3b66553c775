"""Migration 0027 (issue 28, part 2): the staff member who made each record.

Every contact (individual and community), meeting, activity, outing,
review, discharge and measure gains `staff_id`, the staff member who made
or recorded it. The column is nullable with no default: every one of these
tables is audited, and a default would change every logged record's
digest; a record made before staff, or in a database with none, names no
one. Activities keep their free-text `staff` for display and for databases
with no staff. None of the links is indexed: the upgrade tests hold the
older tables' indexes fixed, and no query yet looks records up by staff
member (a later part that does adds its index in its own migration).
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl

if TYPE_CHECKING:
    from sqlite_utils import Database

# The tables whose records name the staff member who made them (`staff_id`), in the order they were added.
ATTRIBUTED = (
    "contact_notes",
    "community_contacts",
    "meetings",
    "activities",
    "outings",
    "reviews",
    "discharges",
    "measures",
)


@migration
def m0027_records_name_their_staff(db: "Database") -> None:
    """A nullable link to the staff member on each kind of record staff make."""
    run_ddl(db, ";\n".join(f"ALTER TABLE {t} ADD COLUMN staff_id INTEGER REFERENCES staff (id)" for t in ATTRIBUTED))
