"""Peer groups and their membership.

A group never holds more active members than the configured maximum, and a
participant is in at most one active group (a partial unique index backs the
second rule, so it holds even against a concurrent writer). Memberships are
closed, never deleted, so attendance and pairing history keep their context.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.clock import today_iso
from peertool.db.connection import Database
from peertool.db.refs import name_key
from peertool.db.store import insert, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people.coaches import COACH_COLUMNS, coach_columns, coach_fields, coach_of
from peertool.people.group_days import day_changes, meeting_days, one_weekday, open_status, refuse_drop_in
from peertool.people.scope import load_group, resolve_group, resolve_participant
from peertool.programs import is_drop_in

if TYPE_CHECKING:
    from collections.abc import Mapping

    from peertool.people.shapes import Named, StaffBrief
    from peertool.programs import Program


class GroupRecord(TypedDict):
    """Every group's JSON: its program (`iml` unless it belongs to another) and, for a drop-in, its open days
    (`weekday` is the first of them; `days` is None for a group that meets on one weekday)."""

    id: int
    name: str
    start: str
    weekday: str
    time: str | None
    location: str | None
    coach: str | None
    status: str  # upcoming, running or ended
    program: str
    days: list[str] | None
    coach_staff: StaffBrief | None  # the staff member who coaches it, once there are staff (`coach` is their name)


class Group(GroupRecord):
    """`group show` (also `group create`, `group edit`)."""

    members: list[Named]


class GroupChanged(Group):
    """`group add` and `group remove`: the group, and whose partner is now without one."""

    warnings: list[str]


class GroupRow(GroupRecord):
    """An item of `group list`."""

    size: int


def create_group(
    db: Database,
    name: str,
    *,
    start: str,
    weekday: str | None,
    time: str | None = None,
    location: str | None = None,
    coach: str | None = None,
    program: Program | None = None,
    days: str | None = None,
) -> Group:
    """Create a group that meets weekly on `weekday` from `start`, or, for a drop-in program, a place open on
    `days` (default: the program's) from `start`.

    A drop-in group's `weekday` holds its first open day, so code that reads
    one weekday (calendars, `group list`) still reads a real day of the group.
    """
    group_name = validate.name("name", name)
    if group_name.isdigit():
        raise InvalidInput(f"name: {shown(group_name)} is all digits, which reads as an id; add a word.")
    open_days = meeting_days(program, weekday, days)
    row = {
        "name": group_name,
        "name_key": name_key(group_name),
        "start_on": validate.date("start", start),
        "weekday": validate.WEEKDAYS.index(open_days[0]),
        "program": program.name if program is not None and program.name != "iml" else None,  # NULL reads as iml
        "days": ",".join(open_days) if program is not None and program.drop_in else None,
        "time": validate.clock("time", time) if time not in (None, "") else None,
        "location": validate.text("location", location),
        "coach": validate.no_controls("coach", validate.text("coach", coach, max_len=200)),
        "uid": secrets.token_hex(8),  # calendar UIDs: unique across every coach's database
    }
    with write(db):
        if db.execute("SELECT 1 FROM peer_groups WHERE name_key = ?", [row["name_key"]]).fetchone():
            raise Conflict(f"a group named {shown(group_name)} already exists.")
        linked = coach_fields(db, row["coach"])
        if "coach_id" in linked and linked["coach_id"] is None:  # none named: the database's default, which on a
            del linked["coach_id"]  # team database is the staff member making it (none on a file)
        gid = insert(db, "peer_groups", row | linked)
    return show_group(db, gid)


PROGRAM_MONTHS = 12  # the built-in program; a config with another theme list passes its own length


def _record(row: dict[str, Any], months: int | Mapping[str, int | None] = PROGRAM_MONTHS) -> GroupRecord:
    from peertool.clock import today
    from peertool.dates import status

    program = row.get("program") or "iml"
    length = months if isinstance(months, int) else months.get(program, PROGRAM_MONTHS)
    length = None if is_drop_in(row) else length
    record: GroupRecord = {
        "id": row["id"],
        "name": row["name"],
        "start": row["start_on"],
        "weekday": validate.WEEKDAYS[row["weekday"]],
        "time": row["time"],
        "location": row["location"],
        "coach": row["coach"],
        "status": status(row["start_on"], length, today()) if length else open_status(row["start_on"]),
        "program": program,
        "days": row["days"].split(",") if is_drop_in(row) else None,  # a drop-in's open days; None: one weekday
        "coach_staff": (coach := coach_of(row)),
    }
    if coach:
        record["coach"] = coach["name"]
    return record


def show_group(db: Database, ref: object, *, months: int | Mapping[str, int | None] = PROGRAM_MONTHS) -> Group:
    """A group with its status and active members (id and name)."""
    scope = load_group(db, ref)
    members: list[Named] = [{"id": m["id"], "name": m["name"]} for m in scope.members]
    return {**_record(scope.group | coach_columns(db, scope.group.get("coach_id")), months), "members": members}


def list_groups(db: Database, *, months: int | Mapping[str, int | None] = PROGRAM_MONTHS) -> list[GroupRow]:
    """Every group with its status (upcoming, running or ended) and its count of active members."""
    rows = db.query(
        f"""
        SELECT g.*, (SELECT count(*) FROM memberships m WHERE m.group_id = g.id AND m.left_on IS NULL) AS size,
               {COACH_COLUMNS} FROM peer_groups g LEFT JOIN staff c ON c.id = g.coach_id ORDER BY g.id
        """
    )
    return [{**_record(row, months), "size": row["size"]} for row in rows]


def _size(db: Database, group_id: int) -> int:
    return int(
        db.execute("SELECT count(*) FROM memberships WHERE group_id = ? AND left_on IS NULL", [group_id]).fetchone()[0]
    )


def _current_group(db: Database, participant_id: int) -> dict[str, Any] | None:
    row = db.execute(
        """SELECT g.id, g.name FROM memberships m JOIN peer_groups g ON g.id = m.group_id
           WHERE m.participant_id = ? AND m.left_on IS NULL""",
        [participant_id],
    ).fetchone()
    return {"id": row[0], "name": row[1]} if row else None


def join(db: Database, group: dict[str, Any], participant_id: int, *, on: str, max_size: int) -> None:
    """Add a participant to a group from date `on`, inside the caller's transaction.

    A membership starts no earlier than the enrollment and no earlier than
    the end of the person's last membership: one group at a time, on every date.
    """
    enrolled, last_left = db.execute(
        """SELECT p.enrolled_on, (SELECT max(left_on) FROM memberships WHERE participant_id = p.id)
           FROM participants p WHERE p.id = ?""",
        [participant_id],
    ).fetchone()
    refuse_drop_in(group)
    if on < enrolled:
        raise InvalidInput(f"date: {on} is before they enrolled on {enrolled}.")
    if last_left and on < last_left:
        raise InvalidInput(f"date: {on} is before their last group membership ended on {last_left}.")
    from peertool.people.intake import refuse_unless_admitted  # only a write that adds someone screens them

    refuse_unless_admitted(db, participant_id, on, "cannot join a group")
    if _size(db, group["id"]) >= max_size:
        raise InvalidInput(
            f"group {group['id']} already has {max_size} members, the most a group may have.",
            hint="Remove someone first, or start another group.",
        )
    db.execute(
        "INSERT INTO memberships (group_id, participant_id, joined_on) VALUES (?, ?, ?)",
        [group["id"], participant_id, on],
    )


def add_members(
    db: Database, group_ref: object, refs: list[str], *, max_size: int, on: str | None = None
) -> GroupChanged:
    """Add active participants to a group from date `on` (default today): all of them, or none.

    The people named come from anywhere in the database (they are joining),
    so REFs are resolved database-wide here. In a group already paired,
    `warnings` names the newcomers, who have no partner yet.
    """
    today = validate.date_or_today("date", on)
    joined = []
    wanted = validate.refs(refs)
    with write(db):
        group = resolve_group(db, group_ref)
        refuse_drop_in(group)
        size = _size(db, group["id"])
        if size + len(wanted) > max_size:
            raise InvalidInput(
                f"group {group['id']} has {size} members; adding {len(wanted)} would make {size + len(wanted)}, "
                f"more than the {max_size} a group may have.",
                hint="Add fewer people, or start another group.",
            )
        for ref in wanted:
            person = resolve_participant(db, ref)
            if person["status"] != "active":
                raise InvalidInput(f"participant {shown(ref)} is discharged; only active participants join groups.")
            current = _current_group(db, person["id"])
            if current and current["id"] == group["id"]:
                raise Conflict(
                    f"participant {shown(ref)} is already in group {group['id']}.",
                    hint=f"To correct its start: peertool group membership {group['id']} {shown(ref)} --start DATE",
                )
            if current:
                raise Conflict(
                    f"participant {shown(ref)} is already in group {current['id']}.",
                    hint=f"Remove them there first: peertool group remove {current['id']} {shown(ref)}",
                )
            join(db, group, person["id"], on=today, max_size=max_size)
            joined.append(f"{person['name']} (id {person['id']})")
        paired = db.execute("SELECT 1 FROM pairings WHERE group_id = ? LIMIT 1", [group["id"]]).fetchone()
        have = "has" if len(joined) == 1 else "have"
        warnings = [f"{', '.join(joined)} {have} no partner; {_count(db, group['id'])}"] if paired else []
    return {**show_group(db, group["id"]), "warnings": warnings}


def remove_member(
    db: Database, group_ref: object, ref: object, *, on: str | None = None, min_size: int = 0
) -> GroupChanged:
    """End a member's membership of a group on date `on` (default today); their history stays.

    `warnings` says whose partner this was, whether the group is now odd, and whether it is now below
    `min_size`, the fewest members a group pairs with.
    """
    day = validate.date_or_today("date", on)
    with write(db):
        scope = load_group(db, group_ref)
        person = scope.member(ref)
        leave(db, person["id"], on=day)
        warnings = partner_left(db, scope.id, person["id"]) + below_minimum(db, scope.id, min_size)
    return {**show_group(db, scope.id), "warnings": warnings}


def partner_left(db: Database, group_id: int, person_id: int) -> list[str]:
    """After someone left a group: a warning naming the partner they leave without one, and the group's count."""
    latest = db.execute("SELECT id FROM pairings WHERE group_id = ? ORDER BY id DESC LIMIT 1", [group_id]).fetchone()
    if latest is None:
        return []
    team = db.execute(
        """SELECT first_id, second_id, third_id FROM pairing_pairs
           WHERE pairing_id = ? AND ? IN (first_id, second_id, third_id)""",
        [latest[0], person_id],
    ).fetchone()
    others = [pid for pid in (team or ()) if pid is not None and pid != person_id]
    if len(others) != 1:  # no team, the coach's, or a trio that still leaves a pair
        return []
    row = db.execute("SELECT id, name FROM participants WHERE id = ?", [others[0]]).fetchone()
    return [f"{row[1]} (id {row[0]}) no longer has a partner; {_count(db, group_id)}"]


def _count(db: Database, group_id: int) -> str:
    """The group's new size, for a warning about partners, and how to pair an odd number."""
    size = _size(db, group_id)
    if size % 2:
        return f"the group now has {size} members, an odd number: pair it with --odd trio or --odd coach."
    return f"the group now has {size} members."


def below_minimum(db: Database, group_id: int, min_size: int) -> list[str]:
    """After someone left a group: a warning when it now has fewer than `min_size` members, which `pair`
    refuses, said now rather than at the next pairing."""
    size = _size(db, group_id)
    if size >= min_size:
        return []
    return [f"group {group_id} now has {size} members, fewer than {min_size}, the fewest a group pairs with; "
            "add someone with `peertool group add`."]  # fmt: skip


def leave(db: Database, participant_id: int, *, on: str) -> None:
    """Close a participant's active membership, if any, on date `on`, in the caller's transaction."""
    row = db.execute(
        "SELECT joined_on FROM memberships WHERE participant_id = ? AND left_on IS NULL", [participant_id]
    ).fetchone()
    if row and on < row[0]:
        raise InvalidInput(f"date: {on} is before they joined the group on {row[0]}.")
    db.execute(
        "UPDATE memberships SET left_on = ? WHERE participant_id = ? AND left_on IS NULL",
        [on, participant_id],
    )


def move(
    db: Database,
    person: dict[str, Any],
    group_ref: str | None,
    *,
    max_size: int,
    on: str | None = None,
    min_size: int = 0,
) -> list[str]:
    """Move a participant to another group, or out of any (None), on date `on`, in the caller's transaction.

    Returns warnings about the partner they leave without one, and the group they leave below `min_size`.
    """
    if person["status"] != "active" and group_ref:
        raise InvalidInput("a discharged participant cannot join a group.")
    current = _current_group(db, person["id"])
    target = resolve_group(db, group_ref) if group_ref else None
    if current and target and current["id"] == target["id"]:
        return []
    today = on or today_iso()
    warnings = []
    if current:
        leave(db, person["id"], on=today)
        warnings = partner_left(db, current["id"], person["id"]) + below_minimum(db, current["id"], min_size)
    if target:
        join(db, target, person["id"], on=today, max_size=max_size)
    return warnings


def edit_group(db: Database, ref: object, changes: dict[str, Any]) -> Group:
    """Rename a group or change when and where it meets; recorded meetings keep their dates.

    The schedule and calendar follow the new weekday and time.
    """
    fields: dict[str, Any] = {}
    if changes.get("name") is not None:
        fields["name"] = validate.name("name", changes["name"])
        if fields["name"].isdigit():
            raise InvalidInput(f"name: {shown(fields['name'])} is all digits, which reads as an id; add a word.")
        fields["name_key"] = name_key(fields["name"])
    if changes.get("weekday") is not None:
        fields["weekday"] = one_weekday(changes["weekday"])
    if changes.get("time") is not None:
        fields["time"] = validate.clock("time", changes["time"]) if changes["time"] else None
    for key, limit in (("location", 500), ("coach", 200)):
        if changes.get(key) is not None:
            fields[key] = validate.text(key, changes[key], max_len=limit)
    validate.no_controls("coach", fields.get("coach"))  # a name, like the group's
    if not fields and changes.get("days") is None:
        raise InvalidInput("nothing to change; give --name, --time, --weekday, --days, --location or --coach.")
    with write(db):
        group = resolve_group(db, ref)
        fields.update(day_changes(group, fields, changes.get("days")))
        fields.update(coach_fields(db, fields["coach"]) if "coach" in fields else {})
        if (
            "name_key" in fields
            and db.execute(
                "SELECT 1 FROM peer_groups WHERE name_key = ? AND id != ?", [fields["name_key"], group["id"]]
            ).fetchone()
        ):
            raise Conflict(f"a group named {shown(fields['name'])} already exists.")
        from peertool.clock import now_utc_text
        from peertool.db.store import update

        if (
            fields.get("weekday", group["weekday"]) != group["weekday"]
            or fields.get("time", group["time"]) != group["time"]
        ):
            fields["schedule_version"] = (group.get("schedule_version") or 0) + 1
            fields["schedule_changed_at"] = now_utc_text()
            fields["schedule_history"] = _history_with(group)
        update(db, "peer_groups", group["id"], fields)
    return show_group(db, group["id"])


def _history_with(group: dict[str, Any]) -> str:
    """The group's earlier schedules (JSON, oldest first) with the one it leaves now, one entry per weekday.

    The calendar cancels the meetings an earlier weekday had beyond the
    current ones; the time each weekday last had is the one its events bore.
    """
    import json

    history = [e for e in json.loads(group.get("schedule_history") or "[]") if e["weekday"] != group["weekday"]]
    return json.dumps([*history, {"weekday": group["weekday"], "time": group["time"]}])
