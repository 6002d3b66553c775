"""Migration 0020 (issue 26, item 4): the interventions a contact note records, as the service definition's codes,
and community education, a contact with providers or natural supports that has no enrolled person.

A note's codes are rows of their own, not a column: a note may carry several, `report` counts each, and the
free text a note held as `intervention` stays where it was (shown as its details), so no note is rewritten
and none signed before this migration changes.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0020, logging_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0020_coded_interventions(db: "Database") -> None:
    """A note's intervention codes (the vocabulary is the config's, so the schema checks only their length), and
    community contacts (counted in `report`, billed to no one); both audited."""
    run_ddl(
        db,
        """
        CREATE TABLE contact_interventions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            note_id INTEGER NOT NULL REFERENCES contact_notes (id),
            code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
            UNIQUE (note_id, code)
        );

        CREATE TABLE community_contacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            group_id INTEGER REFERENCES peer_groups (id),
            noted_on TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
            mode TEXT NOT NULL CHECK (mode IN ('in-person', 'phone', 'video')),
            audience TEXT NOT NULL CHECK (audience IN ('providers', 'natural-supports')),
            location TEXT,
            text TEXT
        );
        CREATE INDEX community_contacts_date ON community_contacts (noted_on, group_id)
        """,
    )
    for table, key in _ADDED_0020.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))
