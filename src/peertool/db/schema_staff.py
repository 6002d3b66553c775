"""Migration 0026 (issue 28, part 1): the staff who run the program, the staff member who coaches a group, and
the staff member whose caseload a participant is on.

`staff` is audited from its first row. A member who leaves is ended
(`ended_on`), never deleted, so every record that names them keeps its
meaning. `login` (the operating-system user, or `PEERTOOL_LOGIN`) is
unique among those that have one. `peer_groups.coach_id` and
`participants.staff_id` are nullable with no default: both tables are
audited, and a default would change every logged record's digest.
`peer_groups.coach` (free text) stays, for a database with no staff.
Neither link is indexed: the upgrade tests hold the older tables' indexes
fixed (a caseload reads the links in one pass of each table).
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0026, logging_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0026_staff_and_caseloads(db: "Database") -> None:
    """The staff table (audited), and the two links to it."""
    run_ddl(
        db,
        """
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            name_key TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('coach', 'supervisor', 'director')),
            credential TEXT NOT NULL CHECK (length(credential) BETWEEN 1 AND 100),
            login TEXT CHECK (login IS NULL OR length(login) BETWEEN 1 AND 100),
            supervisor_id INTEGER REFERENCES staff (id),
            started_on TEXT NOT NULL,
            ended_on TEXT,
            CHECK (ended_on IS NULL OR ended_on >= started_on)
        );
        CREATE UNIQUE INDEX staff_login ON staff (login) WHERE login IS NOT NULL;
        CREATE INDEX staff_name ON staff (name_key);
        CREATE INDEX staff_supervisor ON staff (supervisor_id);
        ALTER TABLE peer_groups ADD COLUMN coach_id INTEGER REFERENCES staff (id);
        ALTER TABLE participants ADD COLUMN staff_id INTEGER REFERENCES staff (id)
        """,
    )
    for table, key in _ADDED_0026.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))
