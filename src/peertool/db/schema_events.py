"""Migration 0021 (issue 26, items 5 and 6): the events a record must hold, and a goal's link to the clinical
plan's own goal.

An event is what happened to a person outside the program that their care
must show: an escalation toward a crisis, a referral made, a hospitalization,
the return from one (re-entry into the community), an incident. A return
points at the hospitalization it closes. A goal may name the treatment goal
it serves, in the clinical plan's words or by its id there.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0021, logging_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0021_events_and_treatment_goals(db: "Database") -> None:
    """The events table (audited from its first row) and `goals.treatment_goal`.

    The new column is nullable with no default: `audit verify` digests a
    goal's columns that are not NULL, so every goal logged before keeps the
    digest it was logged with.
    """
    run_ddl(
        db,
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            kind TEXT NOT NULL CHECK (kind IN ('escalation', 'referral', 'hospitalization', 'return', 'incident')),
            happened_on TEXT NOT NULL,
            to_text TEXT,
            note TEXT,
            recorded_by TEXT NOT NULL,
            closes_id INTEGER REFERENCES events (id),
            CHECK (closes_id IS NULL OR kind = 'return')
        );
        CREATE INDEX events_participant ON events (participant_id, happened_on, id);

        ALTER TABLE goals ADD COLUMN treatment_goal TEXT
            CHECK (treatment_goal IS NULL OR length(treatment_goal) BETWEEN 1 AND 500)
        """,
    )
    for table, key in _ADDED_0021.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))
