"""Moving in: a coach's own SQLite file brought into the team database, under their caseload (`db import`).

The file is copied into a private temporary folder and brought up to this
version's schema there (the coach's file itself is only read), its audit log
is verified, and then, in one write transaction, every record is inserted with
new ids, in an order that puts each row after the rows it points to:

- the file's groups are coached by, and its people assigned to, the staff
  member named (`--staff`), who made every record the file says no one made;
  any other staff the file names is matched by name, else left unnamed
  (reported), never invented;
- signatures keep their hash: `db.imported` checks one made in the file
  against the record as the file numbered it;
- the file's audit log is appended as a segment, each row with its own time
  and user, its command marked "(imported)" and its record's new id;
- `imported_ids` keeps each row's id in the file, so importing the same file
  again adds nothing (a record added to the file since is added; one changed
  since is not updated);
- a person who looks like someone already here (same external id, or the same
  name and enrollment date) is imported all the same and reported, for a person
  to merge: never merged silently. An external id already taken stays with the
  person who has it; the newcomer's is left empty, and the report names it.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from peertool.clock import now_utc_text
from peertool.db.refs import name_key
from peertool.db.store import insert, write
from peertool.errors import Conflict, InvalidInput, shown

if TYPE_CHECKING:
    from collections.abc import Iterator

    from peertool.db.connection import Database
    from peertool.people.staff import Staff

# Every table of records, parents before children, with the table each of its id columns points to.
# "staff": a staff member, matched by name; "record": the table its `record` kind names.
LINKS: dict[str, dict[str, str]] = {
    "definitions": {},
    "peer_groups": {"coach_id": "staff"},
    "participants": {"staff_id": "staff"},
    "program_enrollments": {"participant_id": "participants"},
    "memberships": {"group_id": "peer_groups", "participant_id": "participants"},
    "goals": {"participant_id": "participants"},
    "goal_updates": {"goal_id": "goals"},
    "pairings": {"group_id": "peer_groups"},
    "pairing_pairs": {
        "pairing_id": "pairings",
        "first_id": "participants",
        "second_id": "participants",
        "third_id": "participants",
    },  # fmt: skip
    "team_breaks": {
        "group_id": "peer_groups",
        "first_id": "participants",
        "second_id": "participants",
        "after_pairing_id": "pairings",
    },  # fmt: skip
    "meetings": {"group_id": "peer_groups", "staff_id": "staff"},
    "meeting_threads": {"meeting_id": "meetings"},
    "attendance": {"meeting_id": "meetings", "participant_id": "participants"},
    "attendee_notes": {"meeting_id": "meetings", "participant_id": "participants", "goal_id": "goals"},
    "contact_notes": {"participant_id": "participants", "goal_id": "goals", "staff_id": "staff"},
    "contact_interventions": {"note_id": "contact_notes"},
    "outings": {"group_id": "peer_groups", "staff_id": "staff"},
    "outing_people": {"outing_id": "outings", "participant_id": "participants"},
    "activities": {"group_id": "peer_groups", "staff_id": "staff"},
    "activity_people": {"activity_id": "activities", "participant_id": "participants"},
    "support": {"participant_id": "participants", "group_id": "peer_groups"},
    "community_contacts": {"group_id": "peer_groups", "staff_id": "staff"},
    "measures": {"participant_id": "participants", "staff_id": "staff"},
    "connections": {"participant_id": "participants"},
    "reviews": {"participant_id": "participants", "staff_id": "staff"},
    "discharges": {"participant_id": "participants", "staff_id": "staff"},
    "events": {"participant_id": "participants", "closes_id": "events"},
    "screenings": {"participant_id": "participants", "definition_id": "definitions"},
    "screening_answers": {"screening_id": "screenings"},
    "wellness_plans": {"participant_id": "participants"},
    "signatures": {"record_id": "record", "staff_id": "staff"},
    "addenda": {"record_id": "record"},
    "cosign_draws": {"record_id": "record"},
    "supervision_sessions": {"supervisor_id": "staff", "supervisee_id": "staff"},
}
# Rows that are only links between records: no id of their own; imported with the record they belong to.
LINK_ROWS = {"meeting_threads": "meeting_id", "attendance": "meeting_id", "outing_people": "outing_id",
             "activity_people": "activity_id"}  # fmt: skip
NOT_IMPORTED = {"staff": "matched by name: the team's staff are its own", "audit": "appended as a segment"}
CASELOAD = {("peer_groups", "coach_id"), ("participants", "staff_id")}  # set to the staff member named
MADE_BY = {"meetings", "contact_notes", "outings", "activities", "community_contacts", "measures", "reviews",
           "discharges"}  # fmt: skip  # tables whose staff_id is who made the record


class Duplicate(TypedDict):
    """A person imported who may be someone already here: for a person to merge."""

    imported: dict[str, Any]  # id and name, as imported
    existing: dict[str, Any]  # id and name of the one already here
    why: str  # "external id E" or "same name and enrollment date"


class MovedIn(TypedDict):
    """`db import`."""

    source: str  # the file's fingerprint (a hash of its own random key): the same file, the same source
    staff: str  # whose caseload it joined
    added: dict[str, int]  # rows added, by table (none: the file was imported before)
    audit_rows: int  # rows of the file's audit log appended
    renamed_groups: list[str]  # groups renamed because the team has one of that name: "Tuesday -> Tuesday (Rae Lin)"
    unmatched_staff: list[str]  # staff the file names whom the team does not have: their records name no one
    duplicates: list[Duplicate]
    checked_against: str  # "every participant", or "your caseload" when the role reads only that


def import_file(db: Database, path: Path, staff: object) -> MovedIn:
    """Import the coach's file at `path` into `db`, under the caseload of staff member `staff` (see the module)."""
    from peertool.people.staff import active_staff

    with _staged(path) as source_db:
        source = _fingerprint(source_db)
        if source == _fingerprint(db):
            raise InvalidInput(f"{shown(str(path), 200)} is this database (or a copy of it): nothing to import.")
        with write(db):
            member = active_staff(db, staff, "--staff")
            run = _Run(db, source_db, source, member)
            run.records()
            audit_rows = run.audit_segment()
            run.finish()
    return {"source": source, "staff": member["name"], "added": run.added, "audit_rows": audit_rows,
            "renamed_groups": run.renamed, "unmatched_staff": sorted(run.unmatched), "duplicates": run.duplicates,
            "checked_against": "every participant" if db.reads_all() else "your caseload"}  # fmt: skip


@contextmanager
def _staged(path: Path) -> Iterator[Database]:
    """The file, copied into a private temporary folder, up to date and verified; removed after."""
    import tempfile

    from peertool.db.backends import open_database
    from peertool.db.snapshot import copy_file, partial_file
    from peertool.safety.backup import check_source

    check_source(path, "file to import")
    with tempfile.TemporaryDirectory(prefix="peertool-import-") as folder:
        with partial_file(Path(folder) / "import.db") as copy:
            copy_file(path, copy)
            source_db = open_database(copy, create=False, keep_copy=False)
            try:
                _verified(source_db, path)
                yield source_db
            finally:
                source_db.close()


def _verified(source_db: Database, path: Path) -> None:
    """Refuse a file whose audit log does not verify: its history would be imported as if it were whole."""
    from peertool.db.audit import verify

    if not verify(source_db)["ok"]:
        raise InvalidInput(
            f"the audit log of {shown(str(path), 200)} does not verify, so it is not imported.",
            hint=f"See what changed: peertool --db {shown(str(path), 200)} audit verify",
        )


def _fingerprint(source_db: Database) -> str:
    """The same for every copy of one database, different for every other: a hash of its own random pseudonym
    key (never the key itself)."""
    row = source_db.execute("SELECT value FROM settings WHERE key = 'pseudonym_key'").fetchone()
    return hashlib.sha256(b"peertool import\x1f" + str(row[0]).encode()).hexdigest()


class _Run:
    """One import: the ids mapped so far (by earlier imports of this file too), and what it found."""

    def __init__(self, db: Database, source_db: Database, source: str, member: Staff) -> None:
        self.db, self.source_db, self.source, self.member = db, source_db, source, member
        self.ids: dict[str, dict[int, int]] = {table: {} for table in [*LINKS, "audit"]}
        for table, old, new in db.execute("SELECT table_name, old_id, new_id FROM imported_ids WHERE source = ?",
                                          [source]):  # fmt: skip
            self.ids.setdefault(table, {})[int(old)] = int(new)
        self.before = {table: set(ids) for table, ids in self.ids.items()}  # imported by an earlier run
        self.added: dict[str, int] = {}
        self.renamed: list[str] = []
        self.unmatched: set[str] = set()
        self.duplicates: list[Duplicate] = []
        self.staff = self._staff_map()

    def _staff_map(self) -> dict[int, int]:
        """The file's staff, by id, as the team's staff of the same name."""
        team = {key: sid for sid, key in self.db.execute("SELECT id, name_key FROM staff")}
        mapped = {}
        for sid, name in self.source_db.execute("SELECT id, name FROM staff"):
            if name_key(name) in team:
                mapped[int(sid)] = int(team[name_key(name)])
            else:
                self.unmatched.add(str(name))
        return mapped

    def records(self) -> None:
        """Every record of the file not imported before, table by table, parents first."""
        for table in LINKS:
            columns = self.source_db.columns(table)
            order = LINK_ROWS.get(table, "id")
            for row in self.source_db.query(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"):
                self._one(table, row)

    def _one(self, table: str, row: dict[str, Any]) -> None:
        if table in LINK_ROWS:
            if row[LINK_ROWS[table]] in self.before[LINKS[table][LINK_ROWS[table]]]:
                return  # its record came in an earlier import, with its links
        elif row["id"] in self.ids[table]:
            return
        old_id = row.pop("id", None)
        values = self._mapped(table, row)
        if values is None:
            return
        if table == "cosign_draws" and not values["required"]:
            # A file's "no co-signature needed" is its own user's policy: here the database draws, under its own
            # (the team's, on a server), as for a record signed here. A file's "needed" is kept: it only asks more.
            self.db.draw(values["record"], values["record_id"], None, values["drawn_on"])
            return
        if table == "definitions" and (same := self._definition(values)) is not None:
            self.ids[table][int(old_id)] = same
            self._keep(table, int(old_id), same)
            return
        if table == "participants":
            self._look_for_twins(values)
        if table == "peer_groups":
            self._fit_group(values)
        if table in LINK_ROWS:
            marks = ", ".join("?" * len(values))
            self.db.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", list(values.values()))
        else:
            self.ids[table][int(old_id)] = new_id = insert(self.db, table, values)
            self._keep(table, int(old_id), new_id)
            if table == "participants":
                for twin in self.duplicates:
                    twin["imported"].setdefault("id", new_id)
        self.added[table] = self.added.get(table, 0) + 1

    def _mapped(self, table: str, row: dict[str, Any]) -> dict[str, Any] | None:
        """The row with its ids as they are here; None: it points to a row the file no longer has."""
        from peertool.db.signing import TABLES

        for column, target in LINKS[table].items():
            value = row.get(column)
            if target == "staff":
                row[column] = self._staff_id(table, column, value)
                continue
            if value is None:
                continue
            mapped = self.ids[TABLES[row["record"]] if target == "record" else target].get(int(value))
            if mapped is None:
                return None
            row[column] = mapped
        return row

    def _staff_id(self, table: str, column: str, value: Any) -> int | None:
        """The file's groups and people join the caseload of the staff member named; a record the file says no one
        made (it had no staff) was made by them, in their own file. Signatures and supervision name whom they
        name, or no one."""
        if (table, column) in CASELOAD or (value is None and table in MADE_BY):
            return int(self.member["id"])
        if value is None:
            return None
        return self.staff.get(int(value))

    def _definition(self, row: dict[str, Any]) -> int | None:
        """The team's definition of the same version (its id), which must have the same wording; None: new."""
        found = self.db.execute("SELECT id, sha256 FROM definitions WHERE version = ?", [row["version"]]).fetchone()
        if found is not None and found[1] != row["sha256"]:
            raise InvalidInput(f"the file's service definition {shown(row['version'])} is worded otherwise than the "
                               "team's of that version, so its screenings cannot be imported.")  # fmt: skip
        return None if found is None else int(found[0])

    def _fit_group(self, row: dict[str, Any]) -> None:
        """The group keeps its name unless the team has one so named: then the coach's name is added to it."""
        row["coach"] = self.member["name"]
        name = str(row["name"])
        if not self._group_named(row["name_key"]):
            return
        row["name"] = f"{name} ({self.member['name']})"
        row["name_key"] = name_key(row["name"])
        if self._group_named(row["name_key"]):
            raise Conflict(f"the team already has groups named {shown(name)} and {shown(row['name'])}.",
                           hint="Rename one of them, then import again.")  # fmt: skip
        self.renamed.append(f"{name} -> {row['name']}")

    def _group_named(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM peer_groups WHERE name_key = ?", [key]).fetchone() is not None

    def _look_for_twins(self, row: dict[str, Any]) -> None:
        """Note who here this person may be; an external id someone here has stays theirs (the newcomer's is left
        empty and reported)."""
        mine = set(self.ids["participants"].values())
        found = []
        if row.get("external_id") is not None:
            for pid, name in self.db.execute("SELECT id, name FROM participants WHERE external_id = ?",
                                             [row["external_id"]]):  # fmt: skip
                found.append((pid, name, f"external id {row['external_id']}"))
                row["external_id"] = None
        for pid, name in self.db.execute("SELECT id, name FROM participants WHERE name_key = ? AND enrolled_on = ?",
                                         [row["name_key"], row["enrolled_on"]]):  # fmt: skip
            if pid not in mine and all(pid != f[0] for f in found):
                found.append((pid, name, "same name and enrollment date"))
        for pid, name, why in found:
            self.duplicates.append({"imported": {"name": row["name"]}, "existing": {"id": pid, "name": name},
                                    "why": why})  # fmt: skip

    def audit_segment(self) -> int:
        """Append the file's audit rows not imported before: their time, user and action, their command marked
        as imported, their record by its id here (None: a record the file no longer has)."""
        count = 0
        rows = self.source_db.execute(
            "SELECT id, at, os_user, command, table_name, record_id, action FROM audit ORDER BY id"
        ).fetchall()
        for old_id, at, user, command, table, record_id, action in rows:
            if old_id in self.ids["audit"]:
                continue
            new_record = None if record_id is None else self.ids.get(table, {}).get(int(record_id))
            self.ids["audit"][int(old_id)] = new_id = insert(self.db, "audit", {
                "at": at, "os_user": user, "command": f"{command} (imported)", "table_name": table,
                "record_id": new_record, "action": action})  # fmt: skip
            self._keep("audit", int(old_id), new_id)
            count += 1
        return count

    def _keep(self, table: str, old_id: int, new_id: int) -> None:
        """Record the row's id in the file, as it is inserted: a signature made in the file is let in beside its
        record on a team database because the record is known to have come from a file."""
        self.db.execute("INSERT INTO imported_ids (source, table_name, old_id, new_id) VALUES (?, ?, ?, ?)",
                        [self.source, table, old_id, new_id])  # fmt: skip

    def finish(self) -> None:
        """Record the import itself, when it added anything."""
        if self.added:
            insert(
                self.db,
                "imports",
                {
                    "source": self.source,
                    "staff_id": self.member["id"],
                    "imported_at": now_utc_text(),
                    "added": json.dumps(self.added, sort_keys=True),
                },
            )
