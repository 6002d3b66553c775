"""A person's chart as printable Markdown: the same facts as its JSON, in the order a reviewer reads them.

Stored text is written as it was entered, one paragraph per field; table
cells have their pipes and line breaks flattened so the tables stay whole.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from peertool.render.events import state
from peertool.render.intake import chart_lines
from peertool.render.notes import signature_line
from peertool.render.people import credited

Record = Mapping[str, Any]  # a library result: a TypedDict, or a row


def _cell(value: Any) -> str:
    return " ".join(str("" if value is None else value).replace("|", "/").split())


def _row(cells: list[Any]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(columns: list[str], rows: list[list[Any]]) -> list[str]:
    return [_row(columns), "|" + "---|" * len(columns), *(_row(r) for r in rows), ""]


def _field(label: str, value: Any) -> list[str]:
    """A labelled paragraph, left out when empty; a multi-line value keeps its lines as a quote."""
    if value is None or value == "":
        return []
    text = str(value).strip().splitlines() or [""]
    return [f"**{label}:** {text[0]}", *(f"> {line}" for line in text[1:]), ""]


def _by(record: Record) -> list[str]:
    """Who made or recorded it, with their credential (`- By: Rae Lin, CPS`); nothing when no one is named."""
    return [f"- By: {credited(record['staff'])}"] if record.get("staff") else []


def _addenda(record: Record) -> list[str]:
    return [f"- *Addendum {a['at']}* ({a['reason']}): {' '.join(a['text'].split())}" for a in record["addenda"]]


def chart_markdown(chart: Record) -> str:
    person = chart["participant"]
    lines = [f"# Chart: {person['name']} (id {person['id']})", "", f"Period: {chart['from']} to {chart['to']}", ""]
    lines += (
        _enrollment(person)
        + chart_lines(chart["screenings"])
        + _goals(chart["goals"])
        + _meetings(chart)
        + _contacts(chart["contacts"])
    )
    lines += ["## Reviews", ""]
    lines += [
        f"- {r['date']}: progressing {'yes' if r['progressing'] else 'no'}, wants to continue "
        f"{'yes' if r['wants_to_continue'] else 'no'}"
        + ("" if r["more_to_try"] is None else f", more to try {'yes' if r['more_to_try'] else 'no'}")
        + "".join(f"; discharge criterion {code}" for code in r["discharge_criteria"])
        + f"; next due {r['next_due'] or 'none'}"
        + (f". {' '.join(r['note'].split())}" if r["note"] else "")
        + (f" (by {credited(r['staff'])})" if r.get("staff") else "")
        for r in chart["reviews"]
    ] or ["- none"]
    lines += ["", *_events(chart["events"]), *_activities(chart.get("activities") or []), "## Units by month", ""]
    lines += _table(["month", "group", "individual", "total"],
                    [[u["month"], u["group"], u["individual"], u["total"]] for u in chart["units"]])  # fmt: skip
    if any(m["service"]["code"] != chart["service"]["code"] for m in chart["meetings"]):  # a drop-in's own code
        lines += ["", "## Units by code", ""]
        by_code = [[u["month"], u["code"], u["units"]] for u in chart["units_by_code"]]
        lines += _table(["month", "code", "units"], by_code)
    return "\n".join(lines).rstrip() + "\n"


def _enrollment(person: Record) -> list[str]:
    lines = ["## Enrollment", "", f"- Enrolled: {person['enrolled_on']}",
             f"- Referral: {person['referral'] or 'not recorded'}",
             f"- Status: {person['status']}, stage {person['stage']}"]  # fmt: skip
    if person["external_id"]:
        lines.append(f"- Record number: {_cell(person['external_id'])}")
    for d in person["discharges"]:
        back = f"; readmitted {d['readmitted_on']}" if d["readmitted_on"] else ""
        lines.append(f"- Discharged {d['date']}: {_cell(d['reason'])}{back}")
    return [*lines, ""]


def _goals(goals: list[Record]) -> list[str]:
    lines = ["## Goals", ""]
    for goal in goals:
        lines.append(f"- **Goal {goal['id']}** ({goal['status']}, set {goal['created_on']}): {_cell(goal['text'])}")
        if goal["treatment_goal"]:
            lines.append(f"  - Treatment goal: {_cell(goal['treatment_goal'])}")
        lines += [f"  - {u['date']}: {u['status']}" + (f", {_cell(u['note'])}" if u["note"] else "")
                  for u in goal["updates"]]  # fmt: skip
    return [*(lines if goals else [*lines, "- none"]), ""]


def _events(events: list[Record]) -> list[str]:
    """Escalations, referrals, stays and returns, incidents: a stay says whether it is open or when it closed."""
    lines = []
    for e in events:
        to = f", to {_cell(e['to'])}" if e["to"] else ""
        stands = f" ({'closed: ' if e['open'] is False else ''}{state(e)})" if e["open"] is not None else ""
        note = f". {_cell(e['note'])}" if e["note"] else ""
        lines.append(f"- {e['date']}: {e['kind']}{to}{stands}{note} (recorded by {_cell(e['recorded_by'])})")
    return ["## Events", "", *(lines or ["- none in this period"]), ""]


def _activities(activities: Sequence[Record]) -> list[str]:
    """The program's activities the person came to (the title as written; where, and who else, never): a chart
    with none prints as it did before activities were recorded."""
    lines = [f"- {a['date']}: {a['kind']}, {_cell(a['title'])}" + (" (mainstream)" if a["mainstream"] else "")
             for a in activities]  # fmt: skip
    return ["## Activities", "", *lines, ""] if lines else []


def _meetings(chart: Record) -> list[str]:
    lines = ["## Group meetings", ""]
    if not chart["meetings"]:
        return [*lines, "- none in this period", ""]
    for m in chart["meetings"]:
        times = f", {m['start']}-{m['end']}" if m["start"] else ""
        code = f"{m['service']['code']}-{m['service']['modifier']}"  # its group's program's (`meeting show`)
        lines += [f"### {m['date']}{times}: {m['group']} (meeting {m['id']})", ""]
        lines += [f"- Month {m['month']}: {m['theme']}; lesson: {m['lesson'] or 'not recorded'}; {m['mode']}",
                  f"- Attendance: {m['status']}, {m['minutes']} of {m['duration']} min, {m['units']} units ({code}); "
                  f"{m['attendance']['present']} of {m['attendance']['marked']} members present",
                  *_by(m), f"- Signature: {signature_line(m)}", ""]  # fmt: skip
        own = m["own_note"]
        if own:
            goal = f"{own['goal']['id']}: {own['goal']['text']}" if own["goal"] else None
            lines += _field("Response", own["response"]) + _field("Goal addressed", goal)
            lines += _field("Homework", own["homework"]) + _field("Note", own["text"])
        elif m["status"] in ("present", "late", "left-early"):
            lines += ["*No note of their own for this meeting.*", ""]
        lines += _field("Group homework", m["homework"])
        if chart["group_notes_included"]:
            lines += _field("Group notes (shared)", m["group_notes"]) + _addenda(m)
    return lines


def _contacts(contacts: list[Record]) -> list[str]:
    lines = ["## Contacts", ""]
    if not contacts:
        return [*lines, "- none in this period", ""]
    for n in contacts:
        times = f", {n['start']}-{n['end']}" if n["start"] else ""
        units = "units not known" if n["units"] is None else f"{n['units']} units ({n['service']['code']})"
        minutes = f", {n['minutes']} min" if n["minutes"] is not None else ""
        lines += [f"### {n['date']}{times}: contact note {n['id']}", "",
                  f"- {n['mode']}" + (f", {_cell(n['location'])}" if n["location"] else "") + f"{minutes}, {units}",
                  *_by(n), f"- Signature: {signature_line(n)}", ""]  # fmt: skip
        goal = f"{n['goal']['id']}: {n['goal']['text']}" if n["goal"] else None
        lines += _field("Goal addressed", goal) + _field("Note", n["text"])
        lines += _field("Interventions", ", ".join(n["interventions"]) or None) + _field("Details", n["details"])
        lines += _field("Response", n["response"]) + _field("Plan", n["plan"])
        addenda = _addenda(n)
        lines += [*addenda, ""] if addenda else []
    return lines
