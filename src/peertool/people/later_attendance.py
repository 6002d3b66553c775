"""A discharge dated before meetings someone is marked at: refused, or (with consent) they come off them.

A mark at a meeting after the discharge would be billed after it, and the
report would count units the discharge says were never given.
"""

from collections.abc import Callable

from peertool.db.connection import Database
from peertool.errors import InvalidInput


def off_later_meetings(db: Database, pid: int, on: str, confirm: Callable[[str], bool] | None) -> list[str]:
    """Take someone discharged on `on` off the meetings after it they are marked at (present or absent), with
    their notes there, as `meeting edit` drops those of someone not a member on its date; else refuse.

    Those marks would be billed after the discharge. A signed meeting is never
    changed, so one among them refuses the discharge even with consent. A
    meeting on the discharge date itself stays: the last meeting is often
    the day of the discharge. Meetings are named by id and date only.
    """
    later = db.execute(
        """SELECT m.id, m.held_on, m.signed FROM attendance a JOIN meetings m ON m.id = a.meeting_id
           WHERE a.participant_id = ? AND m.held_on > ? ORDER BY m.held_on, m.id""",
        [pid, on],
    ).fetchall()
    if not later:
        return []
    signed = [(mid, day) for mid, day, sealed in later if sealed]
    if signed:
        raise InvalidInput(
            f"participant {pid} is marked at signed {_meetings(signed)} after {on}, and a signed meeting's "
            "attendance is never changed.",
            hint=f"Discharge them on or after {signed[-1][1]}, or add a dated addendum to the meeting: "
            f"`peertool meeting amend {signed[-1][0]} TEXT --reason TEXT`.",
        )
    named = _meetings([(mid, day) for mid, day, _ in later])
    found = f"participant {pid} is marked at {named}, after the discharge date {on}."
    if confirm is None or not confirm(f"{found} Take them off those meetings, with their notes there?"):
        raise InvalidInput(
            found,
            hint=f"Add --yes to take them off those meetings (with their notes there), or discharge them on or "
            f"after {later[-1][1]}.",
        )
    ids = {"p": pid, "on": on}
    after = "meeting_id IN (SELECT id FROM meetings WHERE held_on > :on)"
    notes = db.execute(f"DELETE FROM attendee_notes WHERE participant_id = :p AND {after}", ids).rowcount
    db.execute(f"DELETE FROM attendance WHERE participant_id = :p AND {after}", ids)
    return [f"taken off {named}, after the discharge" + (f", with {notes} note(s) of theirs there." if notes else ".")]


def _meetings(found: list[tuple[int, str]]) -> str:
    """Meetings as `meeting 12 (2026-12-09), meeting 13 (2026-12-16)`: ids and dates, never what they hold."""
    return ", ".join(f"meeting {mid} ({day})" for mid, day in found)
