"""Peer groups and their membership.

A group never holds more active members than the configured maximum, and a
participant is in at most one active group (a partial unique index backs the
second rule, so it holds even against a concurrent writer). Memberships are
closed, never deleted, so attendance and pairing history keep their context.
"""

import datetime as dt

from sqlite_utils import Database

from peertool import validate
from peertool.errors import Conflict, InvalidInput
from peertool.refs import name_key, resolve
from peertool.store import write


def group_program(group: dict, config) -> list:
    """The group's dated program year: its months, meetings and skipped dates."""
    from peertool.schedule import program, skip_set

    return program(config["themes"], dt.date.fromisoformat(group["start_on"]), group["weekday"],
                   skip_set(config["skip_dates"]))


def program_month(group: dict, day: str, config):
    """The month of the group's program year containing `day`; refused outside the year."""
    from peertool.schedule import month_on

    months = group_program(group, config)
    month = month_on(months, dt.date.fromisoformat(day))
    if month is None:
        raise InvalidInput(
            f"date: {day} is outside group {group['name']!r}'s program year "
            f"({months[0].start} to {months[-1].end})."
        )
    return month


def resolve_group(db: Database, ref: object) -> dict:
    """The group REF names: an id, or its name in any case."""
    return resolve(db, "peer_groups", "group", ref)


def create_group(
    db: Database,
    name: str,
    *,
    start: str,
    weekday: str,
    time: str | None = None,
    location: str | None = None,
    coach: str | None = None,
) -> dict:
    """Create a group that meets weekly on `weekday` from `start`."""
    row = {
        "name": validate.text("name", name, required=True, max_len=200),
        "start_on": validate.date("start", start),
        "weekday": validate.weekday("weekday", weekday),
        "time": validate.clock("time", time) if time not in (None, "") else None,
        "location": validate.text("location", location),
        "coach": validate.text("coach", coach, max_len=200),
    }
    if row["name"].isdigit():
        raise InvalidInput(f"name: {row['name']!r} is all digits, which reads as an id; add a word.")
    row["name_key"] = name_key(row["name"])
    with write(db):
        if db.execute("SELECT 1 FROM peer_groups WHERE name_key = ?", [row["name_key"]]).fetchone():
            raise Conflict(f"a group named {row['name']!r} already exists.")
        gid = db["peer_groups"].insert(row).last_pk
    return show_group(db, gid)


def members(db: Database, group_id: int) -> list[dict]:
    """Active members of a group, in order of id."""
    return list(
        db.query(
            """
            SELECT p.id, p.name, p.gender, p.stage, p.interests, p.enrolled_on, m.joined_on
            FROM memberships m JOIN participants p ON p.id = m.participant_id
            WHERE m.group_id = ? AND m.left_on IS NULL
            ORDER BY p.id
            """,
            [group_id],
        )
    )


def _record(row: dict) -> dict:
    return {
        "id": row["id"],
        "name": row["name"],
        "start": row["start_on"],
        "weekday": validate.WEEKDAYS[row["weekday"]],
        "time": row["time"],
        "location": row["location"],
        "coach": row["coach"],
    }


def show_group(db: Database, ref: object) -> dict:
    """A group with its active members (id and name)."""
    group = resolve_group(db, ref)
    out = _record(group)
    out["members"] = [{"id": m["id"], "name": m["name"]} for m in members(db, group["id"])]
    return out


def list_groups(db: Database) -> list[dict]:
    """Every group with its count of active members."""
    rows = db.query(
        """
        SELECT g.*, (SELECT count(*) FROM memberships m
                     WHERE m.group_id = g.id AND m.left_on IS NULL) AS size
        FROM peer_groups g ORDER BY g.id
        """
    )
    return [{**_record(row), "size": row["size"]} for row in rows]


def _size(db: Database, group_id: int) -> int:
    return db.execute(
        "SELECT count(*) FROM memberships WHERE group_id = ? AND left_on IS NULL", [group_id]
    ).fetchone()[0]


def _current_group(db: Database, participant_id: int) -> dict | None:
    row = db.execute(
        """SELECT g.id, g.name FROM memberships m JOIN peer_groups g ON g.id = m.group_id
           WHERE m.participant_id = ? AND m.left_on IS NULL""",
        [participant_id],
    ).fetchone()
    return {"id": row[0], "name": row[1]} if row else None


def join(db: Database, group: dict, participant_id: int, *, on: str, max_size: int) -> None:
    """Add a participant to a group inside the caller's transaction."""
    if _size(db, group["id"]) >= max_size:
        raise InvalidInput(
            f"group {group['name']!r} already has {max_size} members, the most a group may have.",
            hint="Remove someone first, or start another group.",
        )
    db.execute(
        "INSERT INTO memberships (group_id, participant_id, joined_on) VALUES (?, ?, ?)",
        [group["id"], participant_id, on],
    )


def add_members(db: Database, group_ref: object, refs: list[str], *, max_size: int) -> dict:
    """Add active participants to a group: all of them, or none."""
    from peertool.participants import resolve_participant

    today = dt.date.today().isoformat()
    with write(db):
        group = resolve_group(db, group_ref)
        for ref in refs:
            person = resolve_participant(db, ref)
            if person["status"] != "active":
                raise InvalidInput(f"participant {ref!r} is discharged; only active participants join groups.")
            current = _current_group(db, person["id"])
            if current and current["id"] == group["id"]:
                raise Conflict(f"participant {ref!r} is already in group {group['name']!r}.")
            if current:
                raise Conflict(
                    f"participant {ref!r} is already in group {current['name']!r}.",
                    hint=f"Remove them there first: peertool group remove {current['name']!r} {ref}",
                )
            join(db, group, person["id"], on=today, max_size=max_size)
    return show_group(db, group["id"])


def remove_member(db: Database, group_ref: object, ref: object) -> dict:
    """End a participant's membership of a group (their history stays)."""
    from peertool.participants import resolve_participant

    with write(db):
        group = resolve_group(db, group_ref)
        person = resolve_participant(db, ref)
        current = _current_group(db, person["id"])
        if not current or current["id"] != group["id"]:
            raise InvalidInput(f"participant {ref!r} is not a member of group {group['name']!r}.")
        leave(db, person["id"], on=dt.date.today().isoformat())
    return show_group(db, group["id"])


def leave(db: Database, participant_id: int, *, on: str) -> None:
    """Close a participant's active membership, if any, in the caller's transaction."""
    db.execute(
        "UPDATE memberships SET left_on = ? WHERE participant_id = ? AND left_on IS NULL",
        [on, participant_id],
    )


def move(db: Database, person: dict, group_ref: str | None, *, max_size: int) -> None:
    """Move a participant to another group, or out of any (None), in the caller's transaction."""
    if person["status"] != "active" and group_ref:
        raise InvalidInput("a discharged participant cannot join a group.")
    current = _current_group(db, person["id"])
    target = resolve_group(db, group_ref) if group_ref else None
    if current and target and current["id"] == target["id"]:
        return
    today = dt.date.today().isoformat()
    if current:
        leave(db, person["id"], on=today)
    if target:
        join(db, target, person["id"], on=today, max_size=max_size)
