"""Who came to a meeting, and for how long: the status and minutes each attendee's record and units rest on.

A person marked present was there for the whole meeting. Someone late or
leaving early is named with the minutes they were there (`--late 4:70`: 70
minutes of a 90-minute meeting), which is what their units are counted
from. Excused and absent people were not there: 0 minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.connection import Database
from peertool.errors import InvalidInput, shown
from peertool.people.intake import refuse_unless_admitted
from peertool.people.scope import GroupScope
from peertool.program.visits import VisitScope

if TYPE_CHECKING:
    from peertool.program.shapes import Attendee

STATUSES = ("present", "late", "left-early", "excused", "absent")
THERE = ("present", "late", "left-early")
# A mark: (status, minutes there when only part of the meeting, else None).
Mark = tuple[str, int | None]


class Marks:
    """The attendance a command named, by status: REFs as typed (late and left-early as REF:MINUTES)."""

    def __init__(self, **named: list[str] | None):
        unknown = set(named) - {status.replace("-", "_") for status in STATUSES}
        if unknown:
            raise TypeError(f"unknown attendance statuses: {sorted(unknown)}")
        self.named = {status: validate.refs(named.get(status.replace("-", "_"))) for status in STATUSES}

    def __bool__(self) -> bool:
        return any(self.named.values())

    @property
    def says_the_rest(self) -> bool:
        """Whether the marks say how everyone not named attended (naming the present or the absent does)."""
        return bool(self.named["present"] or self.named["absent"])

    def resolve(self, scope: GroupScope, duration: int) -> dict[int, Mark]:
        """The people named, each a member on the meeting's date, with their status and part minutes."""
        marked: dict[int, Mark] = {}
        for status, refs in self.named.items():
            for given in refs:
                ref, minutes = _split(status, given, duration)
                person = scope.member(ref)
                earlier = marked.get(person["id"])
                if earlier is not None and earlier[0] != status:
                    raise InvalidInput(f"participant {shown(ref)} is marked both {earlier[0]} and {status}.")
                marked[person["id"]] = (status, minutes)
        return marked


def _split(status: str, given: str, duration: int) -> tuple[str, int | None]:
    """REF (present, excused, absent) or REF:MINUTES (late, left-early), with the minutes checked."""
    if status not in ("late", "left-early"):
        return given, None
    ref, colon, raw = given.rpartition(":")
    if not colon or not ref.strip() or not raw.strip().isdigit():
        raise InvalidInput(
            f"--{status}: {shown(given)} needs the minutes the person was there, as REF:MINUTES (e.g. 4:70)."
        )
    minutes = int(raw)
    if not 1 <= minutes < duration:
        raise InvalidInput(
            f"--{status}: {minutes} minutes for {shown(ref.strip())} must be from 1 to {duration - 1} "
            f"(the meeting is {duration} minutes; someone there throughout is --present)."
        )
    return ref.strip(), minutes


def full_marks(scope: GroupScope, marks: Marks, duration: int, *, all_present: bool) -> dict[int, Mark] | None:
    """Attendance over the roster of the meeting's date: the people named, and the rest as the marks say.

    Naming the present marks the rest absent; naming only the absent marks the
    rest present; `all_present` marks the rest present. None: no attendance given.
    """
    if isinstance(scope, VisitScope):  # a drop-in day: only who came
        return visit_marks(scope, marks, duration, all_present=all_present)
    if not marks and not all_present:
        return None
    named = marks.resolve(scope, duration)
    if not all_present and not marks.says_the_rest:
        raise InvalidInput(
            "say how the rest of the roster attended: add --all-present, --present or --absent.",
            hint="Late, left-early and excused people are marked as given; the rest follow those options.",
        )
    rest: Mark = ("absent", None) if marks.named["present"] and not all_present else ("present", None)
    return {pid: named.get(pid, rest) for pid in sorted(scope.ids)}


def visit_marks(scope: VisitScope, marks: Marks, duration: int, *, all_present: bool) -> dict[int, Mark] | None:
    """A drop-in day's visits (`program.visits`): the people named as there (present, late, left early); None
    if nobody was named."""
    if all_present:
        raise InvalidInput(
            f"--all-present: group {scope.id} is a drop-in, with no roster to mark present.",
            hint="Name each visitor with --present REF (repeat, or REF,REF).",
        )
    if marks.named["absent"] or marks.named["excused"]:
        raise InvalidInput(
            f"group {scope.id} is a drop-in: a visit day records who came, not who was absent or excused.",
            hint="Name the visitors with --present REF; leave out --absent and --excused.",
        )
    return marks.resolve(scope, duration) or None


def save(db: Database, meeting_id: int, marks: dict[int, Mark] | None) -> None:
    """Replace the meeting's attendance with `marks` (None: leave it as it is); someone whose latest screening
    by the meeting's date did not pass is refused as there (present, late or left early)."""
    if marks is None:
        return
    (held_on,) = db.execute("SELECT held_on FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    for pid in sorted(pid for pid, (status, _) in marks.items() if status in THERE):
        refuse_unless_admitted(db, pid, held_on, "cannot be marked there; mark them --absent or --excused")
    db.execute("DELETE FROM attendance WHERE meeting_id = ?", [meeting_id])
    db.executemany(
        "INSERT INTO attendance (meeting_id, participant_id, present, status, minutes) VALUES (?, ?, ?, ?, ?)",
        [(meeting_id, pid, int(status in THERE), status, minutes) for pid, (status, minutes) in sorted(marks.items())],
    )


def change(db: Database, meeting_id: int, scope: GroupScope, marks: Marks, duration: int) -> None:
    """Change the marks of the people named; everyone else keeps theirs (a meeting with none is marked in full).

    Marks of people who were not members on the meeting's (new) date are dropped.
    """
    if isinstance(scope, VisitScope):  # a drop-in day: who came, never an absent or excused mark
        visit_marks(scope, marks, duration, all_present=False)
    recorded = {
        pid: (status, minutes)
        for pid, status, minutes in db.execute(
            "SELECT participant_id, status, minutes FROM attendance WHERE meeting_id = ?", [meeting_id]
        )
    }
    if not recorded:
        save(db, meeting_id, full_marks(scope, marks, duration, all_present=False))
        return
    kept = {pid: mark for pid, mark in recorded.items() if pid in scope.ids}
    save(db, meeting_id, {**kept, **marks.resolve(scope, duration)})


def check_parts_fit(db: Database, meeting_id: int, duration: int) -> None:
    """Refuse a meeting length that some late or early-leaving attendee's minutes do not fit inside."""
    longest = db.execute("SELECT max(minutes) FROM attendance WHERE meeting_id = ?", [meeting_id]).fetchone()[0]
    if longest is not None and longest >= duration:
        raise InvalidInput(
            f"duration: {duration} minutes is not longer than the {longest} minutes recorded for someone who came "
            "late or left early.",
            hint="Correct their minutes with --late REF:MINUTES or --left-early REF:MINUTES, or mark them --present.",
        )


def attendees(db: Database, meeting_id: int, duration: int, units: Any) -> list[Attendee]:
    """Everyone marked at the meeting, by id: status, minutes there, and the units those minutes make."""
    rows = db.execute(
        """SELECT p.id, p.name, a.status, a.minutes FROM attendance a JOIN participants p ON p.id = a.participant_id
           WHERE a.meeting_id = ? ORDER BY p.id""",
        [meeting_id],
    )
    out: list[Attendee] = []
    for pid, name, status, part in rows:
        minutes = minutes_there(status, part, duration)
        out.append({"id": pid, "name": name, "status": status, "minutes": minutes, "units": units(minutes)})
    return out


def minutes_there(status: str, part: int | None, duration: int) -> int:
    """Minutes at the meeting: all of it when present, the part recorded when late or leaving early, else 0."""
    if status == "present":
        return duration
    return part or 0


# minutes_there() in SQL, over `attendance a` joined to `meetings m`.
MINUTES_SQL = "(CASE a.status WHEN 'present' THEN m.duration ELSE coalesce(a.minutes, 0) END)"
