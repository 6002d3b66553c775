"""A group and its members, loaded once per command, and REFs resolved among them.

Commands about a group (pair, unpair, meeting record/edit, outing log, prep,
report) name people who belong to it. Looking a name up across the whole
database first would refuse a name that is unique in the group just because
someone elsewhere shares it, and would load the members again for every
REF. `load_group` reads the group and its members once; `GroupScope.member`
resolves a REF among them. The database-wide lookup is only a fallback, to
tell "not in this group" (exit 1) from "no such person" (exit 3).
"""

import json
from typing import Any

from peertool.db.connection import Database
from peertool.db.refs import as_id, name_key, not_found, one, resolve
from peertool.errors import InvalidInput, shown


def resolve_participant(db: Database, ref: object) -> dict[str, Any]:
    """The participant REF names anywhere in the database: an id, or a name that matches exactly one."""
    return resolve(db, "participants", "participant", ref)


def resolve_group(db: Database, ref: object) -> dict[str, Any]:
    """The group REF names: an id, or its name in any case."""
    return resolve(db, "peer_groups", "group", ref)


_MEMBERS = """
    SELECT p.id, p.name, p.name_key, p.gender, p.stage, p.interests, p.enrolled_on, m.joined_on
    FROM memberships m JOIN participants p ON p.id = m.participant_id
    WHERE m.group_id = ? AND {when}
    ORDER BY p.id
"""


def members(db: Database, group_id: int, on: str | None = None) -> list[dict[str, Any]]:
    """A group's members, in order of id: current ones, or those on date `on`.

    Each has id, name, gender, stage, interests (a list), enrolled_on and joined_on.
    """
    if on is None:
        cursor = db.execute(_MEMBERS.format(when="m.left_on IS NULL"), [group_id])
    else:
        when = "m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on > ?)"
        cursor = db.execute(_MEMBERS.format(when=when), [group_id, on, on])
    names = [column[0] for column in cursor.description]
    out = []
    for row in cursor.fetchall():
        person = dict(zip(names, row, strict=True))
        person["interests"] = json.loads(person["interests"])
        out.append(person)
    return out


class GroupScope:
    """One group and its members, as of a date (None: its current members)."""

    def __init__(self, db: Database, group: dict[str, Any], people: list[dict[str, Any]], on: str | None):
        self.db = db
        self.group = group
        self.members = people
        self.on = on
        self.ids = {person["id"] for person in people}

    @property
    def id(self) -> int:
        return int(self.group["id"])

    @property
    def name(self) -> str:
        return str(self.group["name"])

    def member(self, ref: object, option: str = "") -> dict[str, Any]:
        """The member REF names: an id, or a name unique among the members.

        A REF that names nobody in the group is "not a member" (exit 1) when
        it names anyone elsewhere, else NotFound (exit 3).
        """
        raw = str(ref).strip()
        record_id = as_id(raw)
        if record_id is not None:
            found = [p for p in self.members if p["id"] == record_id]
        else:
            key = name_key(raw)
            found = [p for p in self.members if p["name_key"] == key]
        if found:
            return one(found, raw, "participant")
        column, value = ("id", record_id) if record_id is not None else ("name_key", name_key(raw))
        if not self.db.execute(f"SELECT 1 FROM participants WHERE {column} = ? LIMIT 1", [value]).fetchone():
            raise not_found(raw, "participant", [(p["id"], p["name"]) for p in self.members])
        prefix = f"{option}: " if option else ""
        if self.on is not None:
            raise InvalidInput(
                f"{prefix}participant {shown(raw)} was not a member of group {self.id} on {self.on}.",
                hint="Only the group's members on the meeting's date are on its roster. If they were one, correct "
                f"when they joined: peertool group membership {self.id} {shown(raw)} --start {self.on}",
            )
        raise InvalidInput(f"{prefix}participant {shown(raw)} is not an active member of group {self.id}.")


def load_group(db: Database, ref: object, *, on: str | None = None) -> GroupScope:
    """The group REF names, with its members (current, or on date `on`), read once."""
    group = resolve_group(db, ref)
    return GroupScope(db, group, members(db, group["id"], on), on)
