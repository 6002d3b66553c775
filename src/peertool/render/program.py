"""How the program year prints: the schedule (table, JSON, CSV, Markdown, iCalendar), meetings, lessons, threads.

CSV and Markdown carry the same columns as the JSON (lists joined with "; ")
and are read back by the tests. The calendar is built with the icalendar
package: one event per meeting, with UIDs derived from the group (or start
date) and meeting date, so importing the file again updates a calendar
instead of duplicating it.
"""

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from peertool.program.schedule import Month, Schedule
from peertool.render.output import csv_text, fields, json_text, table, visible

if TYPE_CHECKING:
    from rich.text import Text

COLUMNS = ("month", "theme", "start", "end", "meetings", "skipped")
Record = Mapping[str, Any]  # a library result: a TypedDict, or a row


def schedule_text(sched: Schedule, fmt: str) -> str:
    """The schedule as `fmt` (json, csv, markdown or ics) text."""
    if fmt == "json":
        data = [m.as_dict() for m in sched.months]
        return json_text(data[0] if sched.single else data)
    if fmt == "csv":
        return schedule_csv(sched.months)
    if fmt == "markdown":
        return schedule_markdown(sched.months, f"{sched.name}: program schedule")
    return schedule_ics(sched).decode()


def is_text_for_terminal(fmt: str) -> bool:
    """Whether `fmt` may be escaped for a terminal: not a calendar, whose lines end in CR LF."""
    return fmt != "ics"


def _rows(months: list[Month]) -> tuple[list[str], list[list[str]]]:
    dated = bool(months) and months[0].start is not None
    columns = list(COLUMNS if dated else COLUMNS[:2])
    rows = []
    for month in months:
        data: Mapping[str, object] = month.as_dict()
        rows.append(["; ".join(v) if isinstance(v, list) else str(v) for v in (data[c] for c in columns)])
    return columns, rows


def schedule_csv(months: list[Month]) -> str:
    return csv_text(*_rows(months))


def schedule_markdown(months: list[Month], title: str = "Program schedule") -> str:
    columns, rows = _rows(months)
    lines = [f"# {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def schedule_ics(sched: Schedule) -> bytes:
    """One VEVENT per meeting, and a cancelled one per skipped meeting, under the same UID it would have had.

    UIDs join the group's random id (or the --start, weekday and time) and
    the meeting's place in the year (a drop-in's: its date, as its twelve
    months move on each month), so they are stable, and no two calendars
    share one. Places an earlier weekday had beyond the current year's are
    cancelled events, so a client drops them. Timed events carry the
    `timezone` setting's TZID, with a VTIMEZONE that holds for their dates;
    SEQUENCE and LAST-MODIFIED change when the group's weekday or time does.
    """
    from icalendar import Calendar, Event

    from peertool.render.vtimezone import vtimezone

    cal = Calendar()
    cal.add("prodid", "-//peertool//schedule//EN")
    cal.add("version", "2.0")
    name, location = visible(sched.name), visible(sched.location or "")  # no control characters in a calendar
    cal.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    days = [(day, month, False, sched.time) for month in sched.year for day in month.meetings]
    days += [(day, month, True, sched.time) for month in sched.year for day in month.skipped]
    days = sorted(days, key=lambda d: d[0]) + [(day, month, True, time) for day, month, time in sched.removed]
    shown_months, zones = {m.month for m in sched.months}, dict[str, dt.tzinfo]()
    for number, (day, month, cancelled, time) in enumerate(days, start=1):
        if month.month not in shown_months:  # --on: one month, its events numbered as in the whole year
            continue
        event = Event()
        place = f"{day:%Y%m%d}" if sched.days else number  # a drop-in's window rolls monthly: key by its day
        event.add("uid", f"{sched.uid}-{place}@peertool")
        event.add("dtstamp", stamp)
        event.add("sequence", sched.sequence)
        if sched.changed_at:
            event.add(
                "last-modified", dt.datetime.strptime(sched.changed_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            )
        theme = visible(month.theme)
        if sched.days:  # a drop-in: an open day, its month a calendar month
            event.add("summary", f"{name}: open day, {theme}")
            event.add("description", f"Drop-in open day. Theme: {theme}.")
        else:
            event.add("summary", f"{name}: month {month.month}, {theme}")
            event.add("description", f"Peer support group meeting. Focal theme for month {month.month}: {theme}.")
        if cancelled:
            event.add("status", "CANCELLED")
        _when(event, day, time, sched, zones)
        if location:
            event.add("location", location)
        cal.add_component(event)
    for tzid, zone in zones.items():  # before the events that use it, holding for all their dates
        cal.subcomponents.insert(0, vtimezone(zone, tzid, days[0][0], max(day for day, *_ in days)))
    return bytes(cal.to_ical())


def _when(event: Any, day: dt.date, time: str | None, sched: Schedule, zones: dict[str, dt.tzinfo]) -> None:
    """A timed event in the schedule's time zone (floating without one), or an all-day event.

    A zone the event names by TZID is kept in `zones`, for its VTIMEZONE.
    """
    if time:
        import zoneinfo

        hour, minute = (int(part) for part in time.split(":"))
        try:
            zone = zoneinfo.ZoneInfo(sched.timezone) if sched.timezone else None
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            zone = None  # the machine's zone, read from its link, is one Python's database lacks: floating times
        event.add("dtstart", dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=sched.minutes))
        tzid = event["dtstart"].params.get("TZID")
        if tzid and zone is not None:
            zones[tzid] = zone
    else:
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))


def schedule_table(sched: Schedule) -> None:
    """On a terminal the current month is green and the next meeting reversed."""
    import calendar

    from rich.text import Text

    if not sched.dated or sched.weekday is None:
        table("Program themes", ["month", "theme"], [[m.month, m.theme] for m in sched.months])
        return
    rows = []
    for m in sched.months:
        style = "bold green" if m is sched.current else ""
        meetings = (
            _open_days(m)
            if sched.days
            else Text(", ").join(
                Text(f"{d:%b} {d.day}", style="reverse" if d == sched.upcoming else "") for d in m.meetings
            )
        )
        skipped = ", ".join(f"{d:%b} {d.day}" for d in m.skipped)
        dates = [Text(visible(str(value)), style) for value in (m.month, m.theme, m.start, m.end)]
        rows.append([*dates, meetings, skipped])
    from peertool.render.people import day_span

    meets = f"open {day_span(sched.days)}" if sched.days else f"{calendar.day_name[sched.weekday]}s"
    title = f"{sched.name}: {meets} {sched.time or ''}".rstrip()
    table(title + (f", {sched.location}" if sched.location else ""), list(COLUMNS), rows)


def _open_days(month: Month) -> "Text":
    """A drop-in month's open days as a count: some twenty dates would wrap at 80 columns (JSON, CSV and the
    calendar list them)."""
    from rich.text import Text

    return Text(f"{len(month.meetings)} open days")


def _attendee(person: Record) -> str:
    """A name, and how long they were there when it was not the whole meeting, or why not."""
    if person["status"] == "present":
        return str(person["name"])
    if person["status"] in ("late", "left-early"):
        return f"{person['name']} ({person['status']}, {person['minutes']} min)"
    return f"{person['name']} ({person['status']})"


def meeting(record: Record) -> None:
    """One meeting in full: details, attendance with units, each attendee's note, signatures and addenda."""
    from peertool.render.notes import addenda_lines, made_by_lines, signature_line

    times = f"{record['start']}-{record['end']}, " if record["start"] else ""
    units = sorted({p["units"] for p in record["present"]})
    service = f"{record['service']['code']}-{record['service']['modifier']}"
    fields(
        f"Meeting {record['id']}: {record['group']}, {record['date']}",
        [
            ("month", f"{record['month']}: {record['theme']}"),
            ("lesson", record["lesson"]),
            ("when", f"{times}{record['duration']} min, {record['mode']}"),
            ("present", ", ".join(_attendee(p) for p in record["present"])),
            ("absent", ", ".join(_attendee(p) for p in record["absent"])),
            ("units", f"{' or '.join(str(u) for u in units)} per attendee ({service})" if units else None),
            ("threads", ", ".join(record["threads"])),
            ("homework", record["homework"]),
            ("notes", record["notes"]),
            *[(f"note: {n['participant']['name']}", _own_note(n)) for n in record["attendee_notes"]],
            *made_by_lines(record),
            ("signature", signature_line(record)),
            *addenda_lines(record),
        ],
    )


def _own_note(note: Record) -> str:
    parts = [note["response"], f"goal {note['goal']['id']}" if note["goal"] else None,
             f"homework {note['homework']}" if note["homework"] else None, note["text"]]  # fmt: skip
    return "; ".join(part for part in parts if part)


def meetings(records: list[Record]) -> None:
    table(
        "Meetings",
        ["id", "date", "month", "theme", "lesson", "present", "threads"],
        [
            [
                m["id"],
                m["date"],
                m["month"],
                m["theme"],
                m["lesson"],
                f"{m['present']}/{m['recorded']}" if m["recorded"] else "",
                m["threads"],
            ]
            for m in records
        ],
    )


def lessons(plans: list[Record]) -> None:
    table(
        "Lesson library",
        ["theme", "title", "skill", "between meetings"],
        [[p["theme"], p["title"], p["skill"], p["practice"]] for p in plans],
    )


def threads(ranked: list[Record]) -> None:
    table(
        "Recurring threads",
        ["thread", "times", "last", "score"],
        [[t["tag"], t["count"], t["last"], t["score"]] for t in ranked],
    )
