"""Migration 0018: intake screening against the service definition (issue 26, items 1 and 7).

A screening records, dated and attributed, which service criteria a person
meets, each exclusion with its answer, the other services they receive and
their treatment team's contact if they agree to it; `definitions` keeps the
wording of each version of the definition a screening was made under. No
existing person gets a screening: they are "not screened" (`note lint`
lists the active ones), never silently eligible.
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0018, logging_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0018_intake_screening(db: "Database") -> None:
    """The definitions screened under, each screening, and its answers (criteria met, exclusions, services)."""
    run_ddl(
        db,
        """
        CREATE TABLE definitions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            version TEXT NOT NULL UNIQUE CHECK (length(version) BETWEEN 1 AND 64),
            content TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            first_used_on TEXT NOT NULL
        );

        CREATE TABLE screenings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            screened_on TEXT NOT NULL,
            screened_by TEXT NOT NULL,
            definition_id INTEGER NOT NULL REFERENCES definitions (id),
            outcome TEXT NOT NULL CHECK (outcome IN ('eligible', 'excluded', 'not-eligible')),
            services_text TEXT,
            team_contact TEXT,
            team_consent INTEGER CHECK (team_consent IN (0, 1)),
            CHECK (team_contact IS NULL OR team_consent IS 1)
        );
        CREATE INDEX screenings_participant ON screenings (participant_id, screened_on, id);

        CREATE TABLE screening_answers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            screening_id INTEGER NOT NULL REFERENCES screenings (id),
            kind TEXT NOT NULL CHECK (kind IN ('criterion', 'exclusion', 'service')),
            code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
            answer INTEGER NOT NULL CHECK (answer IN (0, 1)),
            CHECK (kind = 'exclusion' OR answer = 1),
            CHECK (kind <> 'service' OR code IN ('clinical', 'psychiatric', 'case-management', 'other', 'none')),
            UNIQUE (screening_id, kind, code)
        )
        """,
    )
    for table, key in _ADDED_0018.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))
