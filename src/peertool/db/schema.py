"""The database schema from 0001 to 0012; `db.migrations.MIGRATIONS` lists every migration, in order.

A migration is never edited once released: a change to the schema is a new
function at the end of the newest schema module, listed last in MIGRATIONS.
Each runs inside the opener's BEGIN IMMEDIATE, so several processes opening a
brand-new file at once apply it exactly once.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from peertool.db.triggers import _AUDITED_0007, audit_trigger

if TYPE_CHECKING:
    from sqlite_utils import Database


class Migration(NamedTuple):
    """One released step of the schema: the name a database records it under in `_sqlite_migrations`, and what
    it runs. The name never changes: a database that recorded it would apply the step again."""

    name: str
    run: "Callable[[Database], None]"


def migration(run: "Callable[[Database], None]") -> Migration:
    """Make a schema step of a function named `m<number>_<what it does>`: its name is the rest ("0001_...")."""
    return Migration(run.__name__.removeprefix("m"), run)


def run_ddl(db: "Database", script: str) -> None:
    """Run DDL statement by statement: executescript() would COMMIT the
    opener's transaction first, and a failing migration must change nothing."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migration
def m0001_people_and_groups(db: "Database") -> None:
    run_ddl(
        db,
        """
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            gender TEXT,
            interests TEXT NOT NULL DEFAULT '[]',
            referral TEXT,
            phone TEXT,
            email TEXT,
            enrolled_on TEXT NOT NULL,
            external_id TEXT UNIQUE,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discharged')),
            stage TEXT NOT NULL DEFAULT 'partnered' CHECK (stage IN ('partnered', 'ready-solo')),
            discharged_on TEXT,
            discharge_reason TEXT
        );
        CREATE INDEX participants_name_key ON participants (name_key);
        CREATE INDEX participants_status ON participants (status, id);

        CREATE TABLE peer_groups (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            start_on TEXT NOT NULL,
            weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
            time TEXT,
            location TEXT,
            coach TEXT
        );

        CREATE TABLE memberships (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES peer_groups (id),
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            joined_on TEXT NOT NULL,
            left_on TEXT
        );
        CREATE UNIQUE INDEX memberships_one_active_group
            ON memberships (participant_id) WHERE left_on IS NULL;
        CREATE INDEX memberships_group ON memberships (group_id, left_on);

        CREATE TABLE goals (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            text TEXT NOT NULL,
            domain TEXT,
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'achieved', 'paused', 'dropped')),
            created_on TEXT NOT NULL
        );
        CREATE INDEX goals_participant ON goals (participant_id);

        CREATE TABLE goal_updates (
            id INTEGER PRIMARY KEY,
            goal_id INTEGER NOT NULL REFERENCES goals (id),
            updated_on TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX goal_updates_goal ON goal_updates (goal_id);
        """,
    )


@migration
def m0002_pairings(db: "Database") -> None:
    run_ddl(
        db,
        """
        CREATE TABLE pairings (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES peer_groups (id),
            paired_on TEXT NOT NULL,
            seed INTEGER NOT NULL
        );
        CREATE INDEX pairings_group ON pairings (group_id, id);

        CREATE TABLE pairing_pairs (
            id INTEGER PRIMARY KEY,
            pairing_id INTEGER NOT NULL REFERENCES pairings (id),
            first_id INTEGER NOT NULL REFERENCES participants (id),
            second_id INTEGER NOT NULL REFERENCES participants (id),
            reasons TEXT NOT NULL DEFAULT '[]',
            CHECK (first_id < second_id)
        );
        CREATE INDEX pairing_pairs_pairing ON pairing_pairs (pairing_id);

        CREATE TABLE team_breaks (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES peer_groups (id),
            first_id INTEGER NOT NULL REFERENCES participants (id),
            second_id INTEGER NOT NULL REFERENCES participants (id),
            reason TEXT NOT NULL,
            recorded_on TEXT NOT NULL,
            after_pairing_id INTEGER REFERENCES pairings (id),
            CHECK (first_id < second_id)
        );
        CREATE INDEX team_breaks_group ON team_breaks (group_id);
        """,
    )


@migration
def m0003_meetings_and_notes(db: "Database") -> None:
    run_ddl(
        db,
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES peer_groups (id),
            held_on TEXT NOT NULL,
            month INTEGER NOT NULL,
            theme TEXT NOT NULL,
            lesson TEXT,
            notes TEXT,
            homework TEXT,
            mode TEXT NOT NULL CHECK (mode IN ('in-person', 'phone', 'video')),
            duration INTEGER NOT NULL CHECK (duration > 0),
            UNIQUE (group_id, held_on)
        );

        CREATE TABLE attendance (
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            present INTEGER NOT NULL CHECK (present IN (0, 1)),
            PRIMARY KEY (meeting_id, participant_id)
        );
        CREATE INDEX attendance_participant ON attendance (participant_id, meeting_id);

        CREATE TABLE meeting_threads (
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            tag TEXT NOT NULL,
            PRIMARY KEY (meeting_id, tag)
        );

        CREATE TABLE contact_notes (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            noted_on TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('in-person', 'phone', 'video')),
            text TEXT NOT NULL
        );
        CREATE INDEX contact_notes_participant ON contact_notes (participant_id, noted_on);
        """,
    )


@migration
def m0004_outcomes(db: "Database") -> None:
    run_ddl(
        db,
        """
        CREATE TABLE outings (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES peer_groups (id),
            held_on TEXT NOT NULL,
            activity TEXT NOT NULL,
            cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
            note TEXT
        );
        CREATE INDEX outings_group ON outings (group_id, held_on);

        CREATE TABLE outing_people (
            outing_id INTEGER NOT NULL REFERENCES outings (id),
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            share_cents INTEGER NOT NULL CHECK (share_cents >= 0),
            PRIMARY KEY (outing_id, participant_id)
        );
        CREATE INDEX outing_people_participant ON outing_people (participant_id);

        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            reviewed_on TEXT NOT NULL,
            progressing INTEGER NOT NULL CHECK (progressing IN (0, 1)),
            wants_to_continue INTEGER NOT NULL CHECK (wants_to_continue IN (0, 1)),
            note TEXT,
            next_due TEXT NOT NULL
        );
        CREATE INDEX reviews_participant ON reviews (participant_id, reviewed_on);
        """,
    )


@migration
def m0005_audit_and_settings(db: "Database") -> None:
    run_ddl(
        db,
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            os_user TEXT NOT NULL,
            command TEXT NOT NULL,
            table_name TEXT NOT NULL,
            record_id INTEGER,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete'))
        );
        CREATE INDEX audit_at ON audit (at);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        INSERT INTO settings (key, value) VALUES ('pseudonym_key', lower(hex(randomblob(32))));
        """,
    )


@migration
def m0006_team_breaks_by_pairing(db: "Database") -> None:
    """`pairs`, `prep` and `pair --keep-current` look broken teams up by pairing."""
    db.execute("CREATE INDEX team_breaks_pairing ON team_breaks (after_pairing_id)")


@migration
def m0007_audit_chain(db: "Database") -> None:
    """Every connection's changes audited by permanent triggers, and each audit row sealed into a hash chain.

    Existing rows keep their content and are sealed by the next write.
    """
    run_ddl(
        db,
        """
        ALTER TABLE audit ADD COLUMN hash TEXT;
        CREATE INDEX audit_unsealed ON audit (id) WHERE hash IS NULL;
        CREATE TABLE audit_context (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            at TEXT NOT NULL,
            os_user TEXT NOT NULL,
            command TEXT NOT NULL,
            quiet INTEGER NOT NULL DEFAULT 0
        );
        DROP TRIGGER audit_no_update;
        CREATE TRIGGER audit_no_update BEFORE UPDATE OF id, at, os_user, command, table_name, record_id, action
            ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_seal_once BEFORE UPDATE OF hash ON audit WHEN OLD.hash IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
            WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
        """,
    )
    for table, key in _AUDITED_0007.items():
        for action in ("insert", "update", "delete"):
            db.execute(audit_trigger(table, key, action))


@migration
def m0008_export_codes(db: "Database") -> None:
    """A discharge reason code beside the reason's text, and a site id that tells this database's exports apart."""
    run_ddl(
        db,
        """
        ALTER TABLE participants ADD COLUMN discharge_reason_code TEXT
            CHECK (discharge_reason_code IN ('no-longer-wishes', 'goals-met', 'other'));
        INSERT OR IGNORE INTO settings (key, value) VALUES ('site_id', 'site-' || lower(hex(randomblob(4))))
        """,
    )


@migration
def m0009_discharge_history(db: "Database") -> None:
    """Every discharge kept, with the date of a readmission, so a readmitted person's history stays.

    Existing discharges are carried over as they were recorded.
    """
    run_ddl(
        db,
        """
        CREATE TABLE discharges (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants (id),
            discharged_on TEXT NOT NULL,
            reason TEXT NOT NULL,
            reason_code TEXT,
            readmitted_on TEXT
        );
        CREATE INDEX discharges_participant ON discharges (participant_id, discharged_on);
        INSERT INTO discharges (participant_id, discharged_on, reason, reason_code)
            SELECT id, discharged_on, discharge_reason, discharge_reason_code FROM participants
            WHERE discharged_on IS NOT NULL
        """,
    )
    for action in ("insert", "update", "delete"):
        db.execute(audit_trigger("discharges", "id", action))


@migration
def m0010_teams_of_three_or_with_the_coach(db: "Database") -> None:
    """A saved pairing's team may be a trio (third_id) or one person with the coach (second_id NULL).

    The table is rebuilt to relax its NOT NULL; existing pairs are copied as they were.
    """
    run_ddl(
        db,
        """
        CREATE TABLE pairing_teams (
            id INTEGER PRIMARY KEY,
            pairing_id INTEGER NOT NULL REFERENCES pairings (id),
            first_id INTEGER NOT NULL REFERENCES participants (id),
            second_id INTEGER REFERENCES participants (id),
            third_id INTEGER REFERENCES participants (id),
            with_coach INTEGER NOT NULL DEFAULT 0 CHECK (with_coach IN (0, 1)),
            reasons TEXT NOT NULL DEFAULT '[]',
            CHECK (second_id IS NULL OR first_id < second_id),
            CHECK (third_id IS NULL OR (second_id IS NOT NULL AND second_id < third_id)),
            CHECK ((second_id IS NULL) = (with_coach = 1))
        );
        INSERT INTO pairing_teams (id, pairing_id, first_id, second_id, reasons)
            SELECT id, pairing_id, first_id, second_id, reasons FROM pairing_pairs;
        DROP TABLE pairing_pairs;
        ALTER TABLE pairing_teams RENAME TO pairing_pairs;
        CREATE INDEX pairing_pairs_pairing ON pairing_pairs (pairing_id)
        """,
    )
    for action in ("insert", "update", "delete"):
        db.execute(audit_trigger("pairing_pairs", "id", action))


@migration
def m0011_names_compared_as_they_look(db: "Database") -> None:
    """Names are now compared after NFC and with typographic quotes as plain ones: recompute the stored keys."""
    from peertool.db.refs import name_key

    for table in ("participants", "peer_groups"):
        rows = db.execute(f"SELECT id, name FROM {table}").fetchall()
        db.conn.executemany(f"UPDATE {table} SET name_key = ? WHERE id = ?", [(name_key(n), i) for i, n in rows])


@migration
def m0012_calendar_identity(db: "Database") -> None:
    """Each group gets a random id for calendar UIDs (so two databases never share one) and a schedule version
    for SEQUENCE, raised whenever its weekday or time changes."""
    run_ddl(
        db,
        """
        ALTER TABLE peer_groups ADD COLUMN uid TEXT;
        ALTER TABLE peer_groups ADD COLUMN schedule_version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE peer_groups ADD COLUMN schedule_changed_at TEXT;
        UPDATE peer_groups SET uid = lower(hex(randomblob(8)))
        """,
    )
