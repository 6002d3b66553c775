"""When a group meets: one weekday for a group-year group, open days for a drop-in program's.

A drop-in group's `weekday` column holds its first open day, so every
older path that reads one weekday (calendars, `group list`) still reads a
real day of the group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.errors import InvalidInput, shown
from peertool.programs import is_drop_in

if TYPE_CHECKING:
    from peertool.programs import Program


def meeting_days(program: Program | None, weekday: str | None, days: str | None) -> list[str]:
    """The day a group-year group meets (one weekday, as a list of one), or a drop-in group's open days."""
    from peertool.programs import parse_days

    if program is None or not program.drop_in:
        if days is not None:
            name = program.name if program is not None else "iml"
            raise InvalidInput(
                f"days: program {shown(name)} is a group-year; its group meets on one --weekday.",
                hint="--days gives a drop-in program's open days: pass --program with a drop-in program.",
            )
        return [validate.WEEKDAYS[one_weekday(weekday)]]
    if weekday is not None:
        raise InvalidInput(
            f"weekday: program {shown(program.name)} is a drop-in, open on days, not one weekday.",
            hint="Give its open days with --days (e.g. mon-fri), or leave them to the program's.",
        )
    return parse_days("days", days) if days is not None else list(program.days)


def one_weekday(weekday: str | None) -> int:
    """A group-year group's one meeting day; several days (`mon-fri`, `mon,wed`) point to a drop-in's --days."""
    if weekday is None:
        raise InvalidInput("weekday: a group meets on one day: give --weekday (mon .. sun).")
    if any(mark in str(weekday) for mark in "-,"):
        raise InvalidInput(
            f"weekday: {shown(str(weekday))} is not a weekday: a group meets on one day.",
            hint=f"Use one day: {', '.join(validate.WEEKDAYS)}. Open several days a week with a drop-in program: "
            "--program P --days mon-fri.",
        )
    return validate.weekday("weekday", weekday)


def day_changes(group: dict[str, Any], fields: dict[str, Any], days: str | None) -> dict[str, Any]:
    """A drop-in group's new open days (its `weekday`, the first of them, follows); a drop-in has no one weekday,
    and a group-year no open days."""
    from peertool.programs import parse_days

    if is_drop_in(group) and "weekday" in fields:
        raise InvalidInput(f"weekday: group {group['id']} is a drop-in, open on days: give --days instead.")
    if days is None:
        return {}
    if not is_drop_in(group):
        raise InvalidInput(f"days: group {group['id']} meets on one --weekday; --days is for a drop-in group.")
    open_days = parse_days("days", days)
    return {"days": ",".join(open_days), "weekday": validate.WEEKDAYS.index(open_days[0])}


def open_status(start: str) -> str:
    """A drop-in group's status: upcoming before it opens, then running (it has no year to end)."""
    from peertool.clock import today_iso

    return "upcoming" if today_iso() < start else "running"


def refuse_drop_in(group: dict[str, Any]) -> None:
    """A drop-in group (one with open days) has no members: people are enrolled in its program instead."""
    if is_drop_in(group):
        raise InvalidInput(
            f"group {group['id']} is a drop-in program's; it has no members.",
            hint=f"Enroll people in its program: peertool participant edit REF --program {group['program']}",
        )
