"""The coach's sheet for a group's next meeting, every line drawn from the records.

`build` gathers plain facts; `to_markdown` prints them as a sheet that can
go straight to a printer. Neither decides anything the tests cannot see.
"""

import datetime as dt

from sqlite_utils import Database

from peertool import lessons, threads
from peertool.errors import InvalidInput
from peertool.groups import group_program, members, resolve_group
from peertool.outings import outing_counts, ready_solo_markdown, ready_solo_suggestions
from peertool.partners import current_pairs
from peertool.reviews import next_reviews
from peertool.schedule import month_on

SUGGESTIONS = 3
RECENT_THREADS = 5


def build(db: Database, group_ref: object, *, config, on: str | None = None) -> dict:
    """Facts for the group's next meeting on or after `on` (default today)."""
    group = resolve_group(db, group_ref)
    day = dt.date.fromisoformat(on) if on else dt.date.today()
    months = group_program(group, config)
    meeting = next((d for m in months for d in m.meetings if d >= day), None)
    if meeting is None:
        raise InvalidInput(f"group {group['name']!r} has no meetings left on or after {day} "
                           f"(its program year ends {months[-1].end}).")
    month = month_on(months, meeting)
    recent = threads.group_threads(db, group["id"], until=meeting.isoformat())
    used = {row[0] for row in db.execute("SELECT lesson FROM meetings WHERE group_id = ? AND lesson IS NOT NULL",
                                         [group["id"]])}
    library = lessons.load_library(config["lessons_file"])
    pairs = current_pairs(db, group["id"])
    roster = members(db, group["id"])
    due = next_reviews(db, roster, config)
    return {
        "group": group["name"],
        "date": meeting.isoformat(),
        "time": group["time"],
        "location": group["location"],
        "coach": group["coach"],
        "month": month.month,
        "theme": month.theme,
        "lessons": [_brief_plan(p) for p in lessons.suggest(library, month.theme, recent, used)[:SUGGESTIONS]],
        "threads": recent[:RECENT_THREADS],
        "follow_up": _last_homework(db, group["id"], meeting),
        "check_in": _absent_twice(db, group["id"], meeting),
        "pairs": pairs["pairs"],
        "unpaired": pairs["unpaired"],
        "reviews_due": [{"id": m["id"], "name": m["name"], "due": due[m["id"]]} for m in roster
                        if due[m["id"]] <= meeting.isoformat()],
        "suggestions": {"ready_solo": ready_solo_suggestions(roster, outing_counts(db, group["id"]),
                                                             config["solo_outings_for_ready"])},
        "sign_in": [{"id": m["id"], "name": m["name"]} for m in sorted(roster, key=lambda m: m["name"].casefold())],
    }


def _brief_plan(plan: dict) -> dict:
    keys = ("title", "skill", "fit", "matches", "outline", "prompts", "practice")
    return {key: plan[key] for key in keys}


def _last_homework(db, group_id: int, before: dt.date) -> dict | None:
    row = db.execute(
        """SELECT held_on, homework FROM meetings WHERE group_id = ? AND held_on < ? AND homework IS NOT NULL
           ORDER BY held_on DESC LIMIT 1""", [group_id, before.isoformat()]).fetchone()
    return {"date": row[0], "homework": row[1]} if row else None


def _absent_twice(db, group_id: int, before: dt.date) -> list[dict]:
    """Active members marked absent at each of the last two meetings that took attendance."""
    last_two = db.execute(
        """SELECT m.id, m.held_on FROM meetings m WHERE m.group_id = ? AND m.held_on < ?
           AND EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id)
           ORDER BY m.held_on DESC LIMIT 2""", [group_id, before.isoformat()]).fetchall()
    if len(last_two) < 2:
        return []
    ids = [row[0] for row in last_two]
    rows = db.execute(
        """SELECT p.id, p.name FROM memberships ms JOIN participants p ON p.id = ms.participant_id
           WHERE ms.group_id = ? AND ms.left_on IS NULL AND
           (SELECT count(*) FROM attendance a WHERE a.participant_id = p.id AND a.present = 0
            AND a.meeting_id IN (?, ?)) = 2 ORDER BY p.id""", [group_id, *ids]).fetchall()
    dates = sorted(row[1] for row in last_two)
    return [{"id": pid, "name": name, "missed": dates} for pid, name in rows]


def to_markdown(sheet: dict) -> str:
    """A printable sheet: the same facts as the JSON, in reading order."""
    when = " ".join(filter(None, [sheet["date"], sheet["time"]]))
    lines = [f"# {sheet['group']}: meeting of {when}", ""]
    lines += [f"- **Place:** {sheet['location'] or 'not set'}", f"- **Coach:** {sheet['coach'] or 'not set'}",
              f"- **Month {sheet['month']}:** {sheet['theme']}", "", "## Suggested lessons", ""]
    if not sheet["lessons"]:
        lines.append("Every plan for this theme has been used with this group; choose one to repeat or add your own.")
    for number, plan in enumerate(sheet["lessons"], start=1):
        fit = f" (answers: {', '.join(plan['matches'])})" if plan["matches"] else ""
        lines += [f"### {number}. {plan['title']}{fit}", "", f"*Skill:* {plan['skill']}", ""]
        lines += [f"{step_no}. {step}" for step_no, step in enumerate(plan["outline"], start=1)]
        lines += ["", "*Discussion:*", ""] + [f"- {q}" for q in plan["prompts"]]
        lines += ["", f"*Between meetings:* {plan['practice']}", ""]
    lines += ["## Recent threads", ""]
    lines += [f"- {t['tag']}: {t['count']} time(s), last {t['last']}" for t in sheet["threads"]] or ["- none recorded yet"]
    lines += ["", "## Follow up", ""]
    follow = sheet["follow_up"]
    lines.append(f"Homework from {follow['date']}: {follow['homework']}" if follow else "No homework recorded yet.")
    lines += ["", "## Check in with (absent from the last two meetings)", ""]
    lines += [f"- {p['name']} (id {p['id']})" for p in sheet["check_in"]] or ["- nobody"]
    lines += ["", "## Continued-stay reviews due", ""]
    lines += [f"- {p['name']} (id {p['id']}): due {p['due']}" for p in sheet["reviews_due"]] or ["- none"]
    lines += ready_solo_markdown(sheet["suggestions"]["ready_solo"])
    lines += ["", "## Peer partners", ""]
    lines += [f"- {p['members'][0]['name']} & {p['members'][1]['name']}" for p in sheet["pairs"]] or ["- not paired yet"]
    if sheet["unpaired"]:
        lines.append("- No partner: " + ", ".join(p["name"] for p in sheet["unpaired"]))
    lines += ["", "## Sign-in", "", "| Name | Signature |", "|---|---|"]
    lines += [f"| {p['name'].replace('|', '/')} | |" for p in sheet["sign_in"]]
    return "\n".join(lines) + "\n"
