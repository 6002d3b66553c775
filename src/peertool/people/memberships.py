"""Corrections to when a membership began or ended: a group already running brought in, a date typed wrong.

Memberships are dated (`joined_on`, `left_on`), and a meeting's roster is
the members on its date, so a membership dated too late keeps someone off the
roster of meetings they came to. These corrections keep the rules `groups`
keeps when people join and leave: one group at a time, no one a member before
they enrolled, and no recorded attendance left outside a membership.
"""

from typing import Any

from peertool import validate
from peertool.db.connection import Database
from peertool.db.store import update, write
from peertool.errors import InvalidInput, shown
from peertool.people.scope import resolve_group, resolve_participant


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
           AND (CAST(? AS TEXT) IS NULL OR joined_on < ?) AND (left_on IS NULL OR left_on > ?) LIMIT 1""",
        [person["id"], membership, end, end, start],
    ).fetchone()
    if clash:
        raise InvalidInput(f"the dates would overlap their membership of group {clash[0]} from {clash[1]}; "
                           "someone is in one group at a time.")  # fmt: skip
    stranded = [day for (day,) in db.execute(
        """SELECT m.held_on FROM attendance a JOIN meetings m ON m.id = a.meeting_id
           JOIN memberships s ON s.id = ? AND s.group_id = m.group_id
           WHERE a.participant_id = ? AND m.held_on >= ? AND (CAST(? AS TEXT) IS NULL OR m.held_on < ?)
           AND NOT (m.held_on >= ? AND (CAST(? AS TEXT) IS NULL OR m.held_on < ?)) ORDER BY m.held_on""",
        [membership, person["id"], old[0], old[1], old[1], start, end, end])]  # fmt: skip
    if stranded:
        raise InvalidInput(
            f"their attendance is recorded at the group's meeting(s) of {', '.join(stranded)}, "
            "which the new dates leave out.",
            hint="Correct those meetings first (`peertool meeting edit`), or choose other dates.",
        )


def check_edit(db: Database, person_id: int, fields: dict[str, Any], new_group: str | None, on: str | None) -> None:
    """Refuse a participant edit that would change nothing or contradict a membership: a dated "move" into the
    group they are in (a correction of its start, which `correct_membership` makes), an enrollment after they
    joined a group, a membership's start set here (`group membership` corrects it)."""
    if "joined_on" in fields:
        raise InvalidInput("joined_on: a membership's start is corrected with `peertool group membership`.")
    row = db.execute("SELECT group_id FROM memberships WHERE participant_id = ? AND left_on IS NULL", [person_id])
    current = row.fetchone()
    if new_group and on and current and resolve_group(db, new_group)["id"] == current[0]:
        raise InvalidInput(
            f"participant {person_id} is already in group {current[0]}; --date with --group moves them.",
            hint=f"To correct when they joined it: peertool group membership {current[0]} {person_id} --start {on}",
        )
    first = db.execute("SELECT min(joined_on) FROM memberships WHERE participant_id = ?", [person_id]).fetchone()[0]
    enrolled_on = fields.get("enrolled_on")
    if enrolled_on and first and enrolled_on > first:
        raise InvalidInput(
            f"enrolled_on: {enrolled_on} is after they joined a group on {first}.",
            hint="Correct that membership's start first: peertool group membership GROUP REF --start DATE",
        )
