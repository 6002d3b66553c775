"""A discharge, or the end of a drop-in enrollment, dated before meetings someone is marked at: refused, or
(with consent) they come off them.

A mark at a meeting after the discharge would be billed after it, and the
report would count units the discharge says were never given; a visit after
an enrollment ends would stay in the report but lose its billed units.
"""

from collections.abc import Callable

from peertool.db.connection import Database
from peertool.errors import InvalidInput, shown


def off_later_meetings(
    db: Database, pid: int, on: str, confirm: Callable[[str], bool] | None, *, program: str | None = None
) -> list[str]:
    """Take someone discharged on `on` (or, given `program`, leaving that drop-in program on `on`) off the
    meetings after it they are marked at (present or absent; only its groups' for a program), with their notes
    there, as `meeting edit` drops those of someone not a member on its date; else refuse.

    Those marks would be billed after the discharge. A signed meeting is never
    changed, so one among them refuses the discharge even with consent. A
    meeting on the discharge date itself stays: the last meeting is often
    the day of the discharge. Meetings are named by id and date only.
    """
    groups = "(SELECT id FROM peer_groups WHERE program = :program)" if program else "(SELECT id FROM peer_groups)"
    ids = {"p": pid, "on": on, "program": program}
    later = db.execute(
        f"""SELECT m.id, m.held_on, m.signed FROM attendance a JOIN meetings m ON m.id = a.meeting_id
            WHERE a.participant_id = :p AND m.held_on > :on AND m.group_id IN {groups} ORDER BY m.held_on, m.id""",
        ids,
    ).fetchall()
    if not later:
        return []
    signed = [(mid, day) for mid, day, sealed in later if sealed]
    if signed:
        raise InvalidInput(
            f"participant {pid} is marked at signed {_meetings(signed)} after {on}, and a signed meeting's "
            "attendance is never changed.",
            hint=f"{_redo(program)} on or after {signed[-1][1]}, or add a dated addendum to the meeting: "
            f"`peertool meeting amend {signed[-1][0]} TEXT --reason TEXT`.",
        )
    named = _meetings([(mid, day) for mid, day, _ in later])
    after = f"{on}, the day they leave program {shown(program)}" if program else f"the discharge date {on}"
    found = f"participant {pid} is marked at {named}, after {after}."
    if confirm is None or not confirm(f"{found} Take them off those meetings, with their notes there?"):
        raise InvalidInput(
            found,
            hint=f"Add --yes to take them off those meetings (with their notes there), or "
            f"{_redo(program).lower()} on or after {later[-1][1]}.",
        )
    later_ids = f"meeting_id IN (SELECT id FROM meetings WHERE held_on > :on AND group_id IN {groups})"
    notes = db.execute(f"DELETE FROM attendee_notes WHERE participant_id = :p AND {later_ids}", ids).rowcount
    db.execute(f"DELETE FROM attendance WHERE participant_id = :p AND {later_ids}", ids)
    ended = f"after leaving program {shown(program)}" if program else "after the discharge"
    return [f"taken off {named}, {ended}" + (f", with {notes} note(s) of theirs there." if notes else ".")]


def _redo(program: str | None) -> str:
    """The other way out: a later date for the discharge, or for the end of the enrollment."""
    return "End the enrollment" if program else "Discharge them"


def _meetings(found: list[tuple[int, str]]) -> str:
    """Meetings as `meeting 12 (2026-12-09), meeting 13 (2026-12-16)`: ids and dates, never what they hold."""
    return ", ".join(f"meeting {mid} ({day})" for mid, day in found)
