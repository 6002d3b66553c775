"""The schedule as CSV, Markdown and iCalendar text.

CSV and Markdown carry the same columns as the JSON (lists joined with "; ")
and are read back by the tests. The calendar is built with the icalendar
package: one event per meeting, with UIDs derived from the group (or start
date) and meeting date, so importing the file again updates a calendar
instead of duplicating it.
"""

import csv
import datetime as dt
import io

from peertool.schedule import Month

COLUMNS = ("month", "theme", "start", "end", "meetings", "skipped")


def _rows(months: list[Month]) -> tuple[list[str], list[list[str]]]:
    dated = bool(months) and months[0].start is not None
    columns = list(COLUMNS if dated else COLUMNS[:2])
    rows = []
    for month in months:
        data = month.as_dict()
        rows.append(["; ".join(v) if isinstance(v, list) else str(v) for v in (data[c] for c in columns)])
    return columns, rows


def to_csv(months: list[Month]) -> str:
    columns, rows = _rows(months)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def to_markdown(months: list[Month], title: str = "Program schedule") -> str:
    columns, rows = _rows(months)
    lines = [f"# {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def to_ics(
    months: list[Month],
    *,
    uid_key: str,
    name: str,
    time: str | None,
    minutes: int,
    location: str | None,
) -> bytes:
    """One VEVENT per meeting; timed events last `minutes`, untimed ones are all-day."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//peertool//schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for month in months:
        for day in month.meetings:
            event = Event()
            event.add("uid", f"{day.isoformat()}-{uid_key}@peertool")
            event.add("dtstamp", stamp)
            event.add("summary", f"{name}: month {month.month}, {month.theme}")
            event.add("description", f"Peer support group meeting. Focal theme for month {month.month}: {month.theme}.")
            if time:
                hour, minute = (int(part) for part in time.split(":"))
                event.add("dtstart", dt.datetime.combine(day, dt.time(hour, minute)))
                event.add("duration", dt.timedelta(minutes=minutes))
            else:
                event.add("dtstart", day)
                event.add("dtend", day + dt.timedelta(days=1))
            if location:
                event.add("location", location)
            calendar.add_component(event)
    return calendar.to_ical()
