"""Discharge and readmission: a participant leaves the active roster and their group, and may come back.

Nothing is erased: the discharge is kept, with its reason as typed and as a
code, so reports and reviews still see the person's history after they
return (`people/erasure.py` is the one place records are erased).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peertool import validate
from peertool.db.store import insert, write
from peertool.errors import InvalidInput, shown
from peertool.people import groups
from peertool.people.attribution import attribute
from peertool.people.later_attendance import off_later_meetings
from peertool.people.participants import get
from peertool.people.scope import resolve_group, resolve_participant
from peertool.vocab import DISCHARGE_CODES

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.people.shapes import Participant, ParticipantChanged


# Each code's wording, the reason kept when only a code is given: the service definition's discharge criteria
# (A, B), its exclusion criteria arising mid-service, and the program's own reasons.
REASONS = {
    "no-longer-wishes": "no longer wishes to receive peer support services (discharge criterion A)",
    "goals-met": "goals of the service plan substantially met (discharge criterion B)",
    "higher-level-of-care": "needs a more intensive level of service (exclusion criterion A arose)",
    "exclusion-arose": "an exclusion criterion arose during service",
    "moved": "moved away",
    "lost-contact": "lost contact",
    "deceased": "deceased",
    "other": "other",
}
# Words a typed reason is read by, in order: the first that matches gives the code.
_READ = (
    ("no-longer-wishes", ("no longer", "wish")),
    ("goals-met", ("goal", "met")),
    ("goals-met", ("goal", "achiev")),
    ("higher-level-of-care", ("higher level",)),
    ("higher-level-of-care", ("inpatient",)),
    ("higher-level-of-care", ("hospital",)),
    ("moved", ("moved",)),
    ("lost-contact", ("lost contact",)),
    ("deceased", ("deceased",)),
    ("deceased", ("died",)),
    ("deceased", ("passed away",)),
)


def reason_code(reason: str) -> str:
    """The code a reason's wording names: a discharge criterion of the service definition, or the program's."""
    words = reason.casefold()
    return next((code for code, needed in _READ if all(word in words for word in needed)), "other")


def discharge(db: Database, ref: object, reason: str | None, *, on: str | None = None, code: str | None = None,
              min_group_size: int = 0, confirm: Callable[[str], bool] | None = None,
              staff: str | None = None) -> ParticipantChanged:  # fmt: skip
    """Discharge: off the active roster, out of their group and their drop-in programs; history stays.

    The reason is kept as typed (or, with only a code, as the code's
    wording), and as a code (given, or read from the wording) that a
    de-identified export can carry. "goals-met" for someone with no goal
    achieved warns: the record does not show that criterion.
    A discharge dated before meetings they are marked at would leave those
    meetings billed after it: refused unless `confirm` agrees to take them
    off those meetings (see `later_attendance`). Once staff are defined the
    discharge names who made it: `staff` (a name), else the current member.
    """
    code = validate.choice("reason_code", code, DISCHARGE_CODES) if code else None
    reason = validate.required_text("reason", REASONS[code] if reason is None and code else reason)
    code = code or reason_code(reason)
    on = validate.date_or_today("date", on)
    with write(db):
        person = resolve_participant(db, ref)
        if person["status"] == "discharged":
            raise InvalidInput(f"participant {shown(ref)} was already discharged on {person['discharged_on']}.")
        if on < person["enrolled_on"]:
            raise InvalidInput(f"date: {on} is before their enrollment on {person['enrolled_on']}.")
        db.execute(
            """UPDATE participants SET status = 'discharged', discharged_on = ?, discharge_reason = ?,
               discharge_reason_code = ? WHERE id = ?""",
            [on, reason, code, person["id"]],
        )
        warnings = off_later_meetings(db, person["id"], on, confirm)
        row = {"participant_id": person["id"], "discharged_on": on, "reason": reason, "reason_code": code}
        insert(db, "discharges", attribute(db, row, staff))
        warnings += groups.move(db, person, None, max_size=0, on=on, min_size=min_group_size)
        from peertool.people.enrollments import end_programs

        end_programs(db, person["id"], on=on)
        if code == "goals-met":
            warnings += _goals_not_shown_met(db, person["id"])
    return {**get(db, person["id"]), "warnings": warnings}


def _goals_not_shown_met(db: Database, pid: int) -> list[str]:
    """A goals-met discharge whose record shows no goal achieved: the chart would not bear out criterion B."""
    statuses = [row[0] for row in db.execute("SELECT status FROM goals WHERE participant_id = ?", [pid])]
    if "achieved" in statuses:
        return []
    if not statuses:
        return ["reason code goals-met, but they have no goals recorded (`peertool goal add`)."]
    achieve = "`peertool goal update ID --status achieved`"
    return [f"reason code goals-met, but none of their goals is marked achieved ({achieve})."]


def readmit(
    db: Database, ref: object, *, on: str | None = None, group: str | None = None, max_group_size: int = 12
) -> Participant:
    """Back to active from date `on` (default today), into `group` if given; earlier discharges are kept."""
    day = validate.date_or_today("date", on)
    with write(db):
        person = resolve_participant(db, ref)
        if person["status"] != "discharged":
            raise InvalidInput(f"participant {shown(ref)} is active; only a discharged participant is readmitted.")
        if day < person["discharged_on"]:
            raise InvalidInput(f"date: {day} is before their discharge on {person['discharged_on']}.")
        db.execute(
            """UPDATE participants SET status = 'active', discharged_on = NULL, discharge_reason = NULL,
               discharge_reason_code = NULL WHERE id = ?""",
            [person["id"]],
        )
        db.execute(
            """UPDATE discharges SET readmitted_on = ? WHERE id =
               (SELECT id FROM discharges WHERE participant_id = ? ORDER BY discharged_on DESC, id DESC LIMIT 1)""",
            [day, person["id"]],
        )
        if group:
            groups.join(db, resolve_group(db, group), person["id"], on=day, max_size=max_group_size)
    return get(db, person["id"])


def discharged_before(db: Database, pid: int, day: str) -> str | None:
    """The date of a discharge before `day` that no readmission by `day` undid, if any: on that day nothing
    happened with them (they came to nothing, the fund paid nothing for them). The day of the discharge itself
    is still theirs, as a meeting on it is."""
    row = db.execute(
        """SELECT max(discharged_on) FROM discharges WHERE participant_id = ? AND discharged_on < ?
           AND (readmitted_on IS NULL OR readmitted_on > ?)""",
        [pid, day, day],
    ).fetchone()
    return str(row[0]) if row[0] else None
