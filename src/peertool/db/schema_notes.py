"""Migration 0013: the tables that make notes fit for a chart (issue 17)."""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0013, _REBUILT_0013, audit_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0013_chart_grade_notes(db: "Database") -> None:
    """Notes fit for a chart: attendance with a status and minutes, each attendee's own note, contact notes with
    their times, goal, intervention, response and plan, and signatures and addenda that lock what was signed.

    Attendance and contact notes are rebuilt (a CHECK and a NOT NULL change); their rows are copied as they
    were: a mark of present is present for the whole meeting. A meeting starts at its group's time.
    """
    run_ddl(
        db,
        """
        ALTER TABLE meetings ADD COLUMN start_time TEXT;
        UPDATE meetings SET start_time = (SELECT time FROM peer_groups g WHERE g.id = meetings.group_id);

        CREATE TABLE attendance_0013 (
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            present INTEGER NOT NULL CHECK (present IN (0, 1)),
            status TEXT NOT NULL CHECK (status IN ('present', 'late', 'left-early', 'excused', 'absent')),
            minutes INTEGER CHECK (minutes IS NULL OR minutes > 0),
            CHECK (present = (status IN ('present', 'late', 'left-early'))),
            CHECK ((minutes IS NOT NULL) = (status IN ('late', 'left-early'))),
            PRIMARY KEY (meeting_id, participant_id)
        );
        INSERT INTO attendance_0013 (meeting_id, participant_id, present, status)
            SELECT meeting_id, participant_id, present, CASE present WHEN 1 THEN 'present' ELSE 'absent' END
            FROM attendance;
        DROP TABLE attendance;
        ALTER TABLE attendance_0013 RENAME TO attendance;
        CREATE INDEX attendance_participant ON attendance (participant_id, meeting_id);

        CREATE TABLE contact_notes_0013 (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            noted_on TEXT NOT NULL,
            start_time TEXT,
            end_time TEXT,
            minutes INTEGER CHECK (minutes IS NULL OR minutes > 0),
            mode TEXT NOT NULL CHECK (mode IN ('in-person', 'phone', 'video')),
            location TEXT,
            goal_id INTEGER REFERENCES goals (id),
            text TEXT,
            intervention TEXT,
            response TEXT,
            plan TEXT
        );
        INSERT INTO contact_notes_0013 (id, participant_id, noted_on, mode, text)
            SELECT id, participant_id, noted_on, mode, text FROM contact_notes;
        DROP TABLE contact_notes;
        ALTER TABLE contact_notes_0013 RENAME TO contact_notes;
        CREATE INDEX contact_notes_participant ON contact_notes (participant_id, noted_on);

        CREATE TABLE attendee_notes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            response TEXT,
            goal_id INTEGER REFERENCES goals (id),
            homework TEXT CHECK (homework IN ('done', 'tried', 'not-tried')),
            text TEXT,
            UNIQUE (meeting_id, participant_id)
        );
        CREATE INDEX attendee_notes_participant ON attendee_notes (participant_id, meeting_id);

        CREATE TABLE signatures (
            id INTEGER PRIMARY KEY,
            record TEXT NOT NULL CHECK (record IN ('note', 'meeting')),
            record_id INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('author', 'cosigner')),
            signer TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            UNIQUE (record, record_id, role)
        );

        CREATE TABLE addenda (
            id INTEGER PRIMARY KEY,
            record TEXT NOT NULL CHECK (record IN ('note', 'meeting')),
            record_id INTEGER NOT NULL,
            written_at TEXT NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX addenda_record ON addenda (record, record_id, id)
        """,
    )
    for table, key in {**_REBUILT_0013, **_ADDED_0013}.items():
        for action in ("insert", "update", "delete"):
            db.execute(audit_trigger(table, key, action))
