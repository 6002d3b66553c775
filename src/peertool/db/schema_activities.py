"""Migration 0023 (issue 27, part 3): a program's activities, and who came.

An activity is what a program does with its people, on site or out in the
city: recreational, spiritual, educational, skills practice or a community
event. It belongs to a group (a drop-in program's place, or an IML group),
names which staff went (free text until issue 28 models staff), whether it
happened in a mainstream setting, and what it cost and who paid. Who came is
`activity_people`: an erased person's rows go, the activity stays.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0023, logging_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0023_activities(db: "Database") -> None:
    """The activities and activity_people tables, audited from their first row."""
    run_ddl(
        db,
        """
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            group_id INTEGER NOT NULL REFERENCES peer_groups (id),
            held_on TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('recreational', 'spiritual', 'educational', 'skills', 'community')),
            title TEXT NOT NULL,
            place TEXT,
            mainstream INTEGER NOT NULL CHECK (mainstream IN (0, 1)),
            staff TEXT,
            cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
            paid_by TEXT NOT NULL CHECK (paid_by IN ('fund', 'participants', 'free')),
            note TEXT,
            CHECK (paid_by != 'free' OR cost_cents = 0)
        );
        CREATE INDEX activities_group ON activities (group_id, held_on, id);

        CREATE TABLE activity_people (
            activity_id INTEGER NOT NULL REFERENCES activities (id),
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            PRIMARY KEY (activity_id, participant_id)
        );
        CREATE INDEX activity_people_participant ON activity_people (participant_id, activity_id);
        """,
    )
    for table, key in _ADDED_0023.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))
