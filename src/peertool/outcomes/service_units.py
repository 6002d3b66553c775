"""Service units billed: per person and month for the report and the chart, and per day against the cap.

What is rounded is `billing.count_by`. `day` (the default) follows the CMS
Medicare Claims Processing Manual, Chapter 5, §20.2: a person's minutes of
one timed code on one day are added, then rounded once, so two 7-minute
contacts make one unit and two 22-minute contacts three. The group line
(code and modifier) and the individual line are billed apart, so they are
added apart; so are meetings of groups whose programs bill under different
codes (an IML meeting and a drop-in visit the same day: `Program.service_code`).
`record` rounds each record alone and adds the units, as some state Medicaid
programs count each documented encounter.

Only service given counts: an attendance while the person was a member of
that group on the meeting's date (a drop-in visit: enrolled in its program
that day, `program.visits`), and any record not after a discharge that
had no readmission by then (the discharge day itself counts, as a meeting
that day is kept: `later_attendance`).
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, TypedDict

from peertool.db.connection import Database
from peertool.program.attendance import MINUTES_SQL
from peertool.program.visits import enrolled_then

if TYPE_CHECKING:
    from peertool.settings import Settings

# (participant id, date, "group" or "individual", minutes, service code): one record of service
Record = tuple[int, str, str, int, str]
# (participant id, date, "group" or "individual", units): as billed, one per day and line, or one per record
Service = tuple[int, str, str, float]
# a Service with its billing line: its code, and a meeting's group modifier (`H0038-HQ`)
Coded = tuple[int, str, str, float, str]


class CodeUnits(TypedDict):
    """A person's units in one month (`YYYY-MM`) on one billing line (`H0038-HQ`: group; `H0038`: individual)."""

    month: str
    code: str
    units: float


class MonthUnits(TypedDict):
    """A person's units in one month (`YYYY-MM`): group, individual and both."""

    month: str
    group: float
    individual: float
    total: float


def member_on(person: str, group: str, day: str) -> str:
    """SQL: the person was a member of the group on the day (see `within`)."""
    return f"""EXISTS (SELECT 1 FROM memberships ms WHERE ms.participant_id = {person} AND ms.group_id = {group}
        AND {within("ms", day)})"""


def within(membership: str, day: str) -> str:
    """SQL: the day falls in the membership: joined by then and not yet left, or left that very day by a
    discharge, since a meeting on the discharge date is kept (`later_attendance`) and the day was served."""
    return f"""{membership}.joined_on <= {day} AND ({membership}.left_on IS NULL OR {membership}.left_on > {day}
        OR ({membership}.left_on = {day} AND EXISTS (SELECT 1 FROM discharges dd
            WHERE dd.participant_id = {membership}.participant_id AND dd.discharged_on = {day})))"""


def _served_on(person: str, day: str) -> str:
    """SQL: the person was not discharged before the day without a readmission by then."""
    return f"""NOT EXISTS (SELECT 1 FROM discharges d WHERE d.participant_id = {person} AND d.discharged_on < {day}
        AND (d.readmitted_on IS NULL OR d.readmitted_on > {day}))"""


def services(
    db: Database,
    settings: "Settings",
    *,
    start: str,
    end: str,
    group_id: int | None = None,
    participant_id: int | None = None,
) -> list[Service]:
    """The units billed in the period, counted as `billing.count_by` says: for meetings attended (of one group,
    if given) and contacts (with that group's members while they were members, if given), of everyone or of
    one person."""
    return billed(service_records(db, settings, (start, end), group_id, participant_id), settings)


def service_records(
    db: Database, settings: "Settings", period: tuple[str, str], group_id: int | None, participant_id: int | None
) -> list[Record]:
    """Every record of service given in the period, with its minutes and code (a meeting's: its group's
    program's; a contact's: `billing.service_code`), in one query. A group's contacts are read through its
    memberships, so the contacts' index is used."""
    from peertool.programs import IML, all_programs, group_program

    contacts = (
        f"""FROM memberships ms JOIN contact_notes n ON n.participant_id = ms.participant_id
           WHERE ms.group_id = :g AND {within("ms", "n.noted_on")} AND"""
        if group_id
        else "FROM contact_notes n WHERE"
    )
    rows = db.execute(
        f"""SELECT a.participant_id, m.held_on, 'group', {MINUTES_SQL}, m.group_id, g.program FROM attendance a
            JOIN meetings m ON m.id = a.meeting_id JOIN peer_groups g ON g.id = m.group_id
            WHERE a.present = 1 AND m.held_on BETWEEN :s AND :e {"AND m.group_id = :g" if group_id else ""}
              {"AND a.participant_id = :p" if participant_id else ""}
              AND ({member_on("a.participant_id", "m.group_id", "m.held_on")}
                OR {enrolled_then("a.participant_id", "m.group_id", "m.held_on")})
              AND {_served_on("a.participant_id", "m.held_on")}
            UNION ALL
            SELECT n.participant_id, n.noted_on, 'individual', n.minutes, NULL, NULL {contacts}
              n.minutes IS NOT NULL AND n.noted_on BETWEEN :s AND :e
              {"AND n.participant_id = :p" if participant_id else ""}
              AND {_served_on("n.participant_id", "n.noted_on")}""",
        {"s": period[0], "e": period[1], "g": group_id, "p": participant_id},
    )
    codes = {name: program.service_code for name, program in all_programs(settings).items()}

    def code(group: int | None, program: str | None) -> str:
        """The code a record is billed under; a group of a program the config no longer declares: ConfigError."""
        if group is None:
            return settings.service_code
        return codes.get(program or IML) or group_program(settings, {"id": group, "program": program}).service_code

    return [(pid, day, line, minutes, code(group, program)) for pid, day, line, minutes, group, program in rows]


def billed(records: Iterable[Record], settings: "Settings") -> list[Service]:
    """Units from minutes, as `coded` counts them, without their billing line."""
    return [(pid, day, line, units) for pid, day, line, units, _ in coded(records, settings)]


def coded(records: Iterable[Record], settings: "Settings") -> list[Coded]:
    """Units from minutes: a day's minutes of one person, line and code added, then rounded (`day`), or each
    record rounded alone (`record`); each with its billing line (a meeting's code takes the group modifier)."""
    modifier = f"-{settings.group_modifier}" if settings.group_modifier else ""
    rounded: dict[int, float] = {}  # each length of time rounded once: a season has few, and many records

    def units(minutes: int) -> float:
        if minutes not in rounded:
            rounded[minutes] = settings.units(minutes) or 0
        return rounded[minutes]

    def label(line: str, code: str) -> str:
        return code + modifier if line == "group" else code

    if settings.count_by == "record":
        return [(pid, day, line, units(minutes), label(line, code)) for pid, day, line, minutes, code in records]
    days: dict[tuple[int, str, str, str], int] = defaultdict(int)
    for pid, day, line, minutes, code in records:
        days[(pid, day, line, code)] += minutes
    return [(pid, day, line, units(minutes), label(line, code)) for (pid, day, line, code), minutes in days.items()]


def by_code(lines: Iterable[Coded]) -> dict[int, list[CodeUnits]]:
    """Each person's units in each month by billing line (`H0038-HQ`, `H0038`), oldest month first."""
    found: dict[int, dict[tuple[str, str], float]] = defaultdict(dict)
    for pid, day, _, units, code in lines:
        found[pid][(day[:7], code)] = found[pid].get((day[:7], code), 0) + units
    return {
        pid: [{"month": month, "code": code, "units": units} for (month, code), units in sorted(cells.items())]
        for pid, cells in found.items()
    }


def by_month(records: Iterable[Service]) -> dict[int, list[MonthUnits]]:
    """Each person's group, individual and total units in each month with any, oldest first."""
    months: dict[int, dict[str, MonthUnits]] = defaultdict(dict)
    for pid, day, kind, units in records:
        month = months[pid].setdefault(day[:7], {"month": day[:7], "group": 0, "individual": 0, "total": 0})
        if kind == "group":
            month["group"] += units
        else:
            month["individual"] += units
        month["total"] += units
    return {pid: [found[key] for key in sorted(found)] for pid, found in months.items()}


def over_cap(records: Iterable[Service], cap: int | None) -> list[tuple[int, str, float]]:
    """(person, day, units) for each day a person's units, group and individual together, pass the cap."""
    if cap is None:
        return []
    days: dict[tuple[int, str], float] = defaultdict(float)
    for pid, day, _, units in records:
        days[(pid, day)] += units
    return sorted(((pid, day, total) for (pid, day), total in days.items() if total > cap), key=lambda d: d[1:])


def days_over_cap(
    db: Database, settings: "Settings", start: str, end: str, people: Collection[int] | None = None
) -> list[tuple[int, str, float]]:
    """(person, day, units) for each day a person's units pass `billing.daily_cap_units`, counted over every group
    and contact that day (an IML meeting and a drop-in visit together): of everyone, or of `people`. The one
    count `note lint` and both reports warn from."""
    if settings.daily_cap_units is None:
        return []
    records = services(db, settings, start=start, end=end)
    return over_cap((r for r in records if people is None or r[0] in people), settings.daily_cap_units)


def cap_warnings(db: Database, settings: "Settings", start: str, end: str, names: dict[int, str]) -> list[str]:
    """A report's warning for each day one of its people (id -> name) passes the daily cap, in every group."""
    return [
        f"{names[pid]} (id {pid}) has {total:g} units on {day}, over the daily cap of {settings.daily_cap_units}."
        for pid, day, total in days_over_cap(db, settings, start, end, names)
    ]
