"""Migrations 0014 (measured recovery outcomes, natural supports, wellness plans and goal attainment, issue 18)
and 0015 (the weekdays and times a group met on before, for its calendar, issue 24)."""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0014, audit_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0014_recovery_outcomes(db: "Database") -> None:
    """Scored measures with the answers they were scored from; connections a person builds outside the group;
    each version of a person's wellness plan (the newest is the plan); goal attainment scaling beside status.

    A measure keeps the score it was given when taken, so a later change to a program's instruments file
    never rewrites a past score.
    """
    run_ddl(
        db,
        """
        CREATE TABLE measures (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            instrument TEXT NOT NULL,
            taken_on TEXT NOT NULL,
            answers TEXT NOT NULL,
            score REAL NOT NULL
        );
        CREATE INDEX measures_participant ON measures (participant_id, instrument, taken_on);

        CREATE TABLE connections (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'group', 'place', 'role')),
            setting TEXT CHECK (setting IN ('mainstream', 'program')),
            started_on TEXT NOT NULL,
            ended_on TEXT,
            CHECK (ended_on IS NULL OR ended_on >= started_on)
        );
        CREATE INDEX connections_participant ON connections (participant_id, started_on);

        CREATE TABLE wellness_plans (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            version INTEGER NOT NULL CHECK (version > 0),
            written_at TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (participant_id, version)
        );

        ALTER TABLE goals ADD COLUMN attainment INTEGER CHECK (attainment BETWEEN -2 AND 2);
        ALTER TABLE goal_updates ADD COLUMN attainment INTEGER CHECK (attainment BETWEEN -2 AND 2)
        """,
    )
    for table, key in _ADDED_0014.items():
        for action in ("insert", "update", "delete"):
            db.execute(audit_trigger(table, key, action))


@migration
def m0015_schedule_history(db: "Database") -> None:
    """Each group keeps the weekdays and times it met on before (JSON), so its calendar can cancel the meetings
    a change removed instead of leaving them on the coach's calendar (issue 24)."""
    run_ddl(db, "ALTER TABLE peer_groups ADD COLUMN schedule_history TEXT")
