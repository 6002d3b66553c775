"""Peer groups and their membership.

A group never holds more active members than the configured maximum, and a
participant is in at most one active group (a partial unique index backs the
second rule, so it holds even against a concurrent writer). Memberships are
closed, never deleted, so attendance and pairing history keep their context.
"""

import secrets
from typing import Any

from peertool import validate
from peertool.clock import today_iso
from peertool.db.connection import Database
from peertool.db.refs import name_key
from peertool.db.store import insert, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people.scope import load_group, resolve_group, resolve_participant


def create_group(
    db: Database,
    name: str,
    *,
    start: str,
    weekday: str,
    time: str | None = None,
    location: str | None = None,
    coach: str | None = None,
) -> dict[str, Any]:
    """Create a group that meets weekly on `weekday` from `start`."""
    group_name = validate.name("name", name)
    if group_name.isdigit():
        raise InvalidInput(f"name: {shown(group_name)} is all digits, which reads as an id; add a word.")
    row = {
        "name": group_name,
        "name_key": name_key(group_name),
        "start_on": validate.date("start", start),
        "weekday": validate.weekday("weekday", weekday),
        "time": validate.clock("time", time) if time not in (None, "") else None,
        "location": validate.text("location", location),
        "coach": validate.no_controls("coach", validate.text("coach", coach, max_len=200)),
        "uid": secrets.token_hex(8),  # calendar UIDs: unique across every coach's database
    }
    with write(db):
        if db.execute("SELECT 1 FROM peer_groups WHERE name_key = ?", [row["name_key"]]).fetchone():
            raise Conflict(f"a group named {shown(group_name)} already exists.")
        gid = insert(db, "peer_groups", row)
    return show_group(db, gid)


PROGRAM_MONTHS = 12  # the built-in program; a config with another theme list passes its own length


def _record(row: dict[str, Any], months: int = PROGRAM_MONTHS) -> dict[str, Any]:
    from peertool.clock import today
    from peertool.dates import status

    return {
        "id": row["id"],
        "name": row["name"],
        "start": row["start_on"],
        "weekday": validate.WEEKDAYS[row["weekday"]],
        "time": row["time"],
        "location": row["location"],
        "coach": row["coach"],
        "status": status(row["start_on"], months, today()),
    }


def show_group(db: Database, ref: object, *, months: int = PROGRAM_MONTHS) -> dict[str, Any]:
    """A group with its status and active members (id and name)."""
    scope = load_group(db, ref)
    members = [{"id": m["id"], "name": m["name"]} for m in scope.members]
    return {**_record(scope.group, months), "members": members}


def list_groups(db: Database, *, months: int = PROGRAM_MONTHS) -> list[dict[str, Any]]:
    """Every group with its status (upcoming, running or ended) and its count of active members."""
    rows = db.query(
        """
        SELECT g.*, (SELECT count(*) FROM memberships m
                     WHERE m.group_id = g.id AND m.left_on IS NULL) AS size
        FROM peer_groups g ORDER BY g.id
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
    if on < enrolled:
        raise InvalidInput(f"date: {on} is before they enrolled on {enrolled}.")
    if last_left and on < last_left:
        raise InvalidInput(f"date: {on} is before their last group membership ended on {last_left}.")
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
) -> dict[str, Any]:
    """Add active participants to a group from date `on` (default today): all of them, or none.

    The people named come from anywhere in the database (they are joining),
    so REFs are resolved database-wide here.
    """
    today = validate.date_or_today("date", on)
    with write(db):
        group = resolve_group(db, group_ref)
        for ref in validate.refs(refs):
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
    return show_group(db, group["id"])


def remove_member(db: Database, group_ref: object, ref: object, *, on: str | None = None) -> dict[str, Any]:
    """End a member's membership of a group on date `on` (default today); their history stays.

    `warnings` says whose partner this was, and whether the group is now odd.
    """
    day = validate.date_or_today("date", on)
    with write(db):
        scope = load_group(db, group_ref)
        person = scope.member(ref)
        leave(db, person["id"], on=day)
        warnings = partner_left(db, scope.id, person["id"])
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
    size = _size(db, group_id)
    odd = f"the group now has {size} members, an odd number: pair it with --odd trio or --odd coach" if size % 2 else (
        f"the group now has {size} members")  # fmt: skip
    return [f"{row[1]} (id {row[0]}) no longer has a partner; {odd}."]


def check_edit(db: Database, person_id: int, enrolled_on: str | None, new_group: str | None, on: str | None) -> None:
    """Refuse a participant edit that would change nothing or contradict a membership: a dated "move" into the
    group they are in (a correction of its start, which `correct_membership` makes), an enrollment after they
    joined a group."""
    current = _current_group(db, person_id)
    if new_group and on and current and resolve_group(db, new_group)["id"] == current["id"]:
        raise InvalidInput(
            f"participant {person_id} is already in group {current['id']}; --date with --group moves them.",
            hint=f"To correct when they joined it: peertool group membership {current['id']} {person_id} --start {on}",
        )
    first = db.execute("SELECT min(joined_on) FROM memberships WHERE participant_id = ?", [person_id]).fetchone()[0]
    if enrolled_on and first and enrolled_on > first:
        raise InvalidInput(
            f"enrolled_on: {enrolled_on} is after they joined a group on {first}.",
            hint="Correct that membership's start first: peertool group membership GROUP REF --start DATE",
        )


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
    db: Database, person: dict[str, Any], group_ref: str | None, *, max_size: int, on: str | None = None
) -> list[str]:
    """Move a participant to another group, or out of any (None), on date `on`, in the caller's transaction.

    Returns warnings about the partner they leave without one.
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
        warnings = partner_left(db, current["id"], person["id"])
    if target:
        join(db, target, person["id"], on=today, max_size=max_size)
    return warnings


def correct_membership(
    db: Database, group_ref: object, ref: object, *, start: str | None = None, end: str | None = None
) -> dict[str, Any]:
    """Correct when someone's latest membership of a group began or ended (a group brought in mid-year, a date
    typed wrong); audited like every write.

    A start before their enrollment moves the enrollment back to it: no one is
    a member before they enrolled. The new dates may not overlap another of
    their memberships (one group at a time), nor leave attendance recorded
    under this membership outside it. Ending a current membership is a
    removal (`group remove`), which warns about partners.
    """
    if start is None and end is None:
        raise InvalidInput("nothing to change; give --start, --end or both.")
    start, end = validate.optional_date("start", start), validate.optional_date("end", end)
    with write(db):
        group = resolve_group(db, group_ref)
        person = resolve_participant(db, ref)
        row = db.execute(
            """SELECT id, joined_on, left_on FROM memberships WHERE group_id = ? AND participant_id = ?
               ORDER BY joined_on DESC, id DESC LIMIT 1""",
            [group["id"], person["id"]],
        ).fetchone()
        if row is None:
            raise InvalidInput(
                f"participant {shown(ref)} has never been a member of group {group['id']}.",
                hint=f"Add them: peertool group add {group['id']} {shown(ref)} --date DATE",
            )
        membership, joined, left = row
        if end is not None and left is None:
            raise InvalidInput(
                f"--end: participant {shown(ref)} is still a member of group {group['id']}.",
                hint=f"End it with: peertool group remove {group['id']} {shown(ref)} --date {end}",
            )
        new_start, new_end = start or joined, end or left
        _check_membership_dates(db, person, membership, (joined, left), (new_start, new_end))
        warnings = []
        if new_start < person["enrolled_on"]:
            from peertool.db.store import update

            update(db, "participants", person["id"], {"enrolled_on": new_start})
            warnings.append(f"their enrollment moved back from {person['enrolled_on']} to {new_start}.")
        db.execute("UPDATE memberships SET joined_on = ?, left_on = ? WHERE id = ?", [new_start, new_end, membership])
    return {"group": {"id": group["id"], "name": group["name"]}, "participant": {"id": person["id"],
            "name": person["name"]}, "start": new_start, "end": new_end,
            "enrolled_on": min(new_start, person["enrolled_on"]), "warnings": warnings}  # fmt: skip


def _check_membership_dates(
    db: Database, person: dict[str, Any], membership: int, old: tuple[str, str | None], new: tuple[str, str | None]
) -> None:
    """Refuse new membership dates that end before they start, run past a discharge, overlap another
    membership, or leave attendance the old dates covered outside them."""
    start, end = new
    if end is not None and end < start:
        raise InvalidInput(f"--start: {start} is after the membership's end on {end}.")
    if end is not None and person["status"] == "discharged" and end > person["discharged_on"]:
        raise InvalidInput(f"--end: {end} is after their discharge on {person['discharged_on']}.")
    clash = db.execute(
        """SELECT group_id, joined_on FROM memberships WHERE participant_id = ? AND id != ?
           AND (? IS NULL OR joined_on < ?) AND (left_on IS NULL OR left_on > ?) LIMIT 1""",
        [person["id"], membership, end, end, start],
    ).fetchone()
    if clash:
        raise InvalidInput(f"the dates would overlap their membership of group {clash[0]} from {clash[1]}; "
                           "someone is in one group at a time.")  # fmt: skip
    stranded = [day for (day,) in db.execute(
        """SELECT m.held_on FROM attendance a JOIN meetings m ON m.id = a.meeting_id
           JOIN memberships s ON s.id = ? AND s.group_id = m.group_id
           WHERE a.participant_id = ? AND m.held_on >= ? AND (? IS NULL OR m.held_on < ?)
           AND NOT (m.held_on >= ? AND (? IS NULL OR m.held_on < ?)) ORDER BY m.held_on""",
        [membership, person["id"], old[0], old[1], old[1], start, end, end])]  # fmt: skip
    if stranded:
        raise InvalidInput(
            f"their attendance is recorded at the group's meeting(s) of {', '.join(stranded)}, "
            "which the new dates leave out.",
            hint="Correct those meetings first (`peertool meeting edit`), or choose other dates.",
        )


def edit_group(db: Database, ref: object, changes: dict[str, Any]) -> dict[str, Any]:
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
        fields["weekday"] = validate.weekday("weekday", changes["weekday"])
    if changes.get("time") is not None:
        fields["time"] = validate.clock("time", changes["time"]) if changes["time"] else None
    for key, limit in (("location", 500), ("coach", 200)):
        if changes.get(key) is not None:
            fields[key] = validate.text(key, changes[key], max_len=limit)
    validate.no_controls("coach", fields.get("coach"))  # a name, like the group's
    if not fields:
        raise InvalidInput("nothing to change; give --name, --time, --weekday, --location or --coach.")
    with write(db):
        group = resolve_group(db, ref)
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
