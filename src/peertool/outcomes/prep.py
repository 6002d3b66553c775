"""The coach's sheet for a group's next meeting, every line drawn from the records.

`build` gathers plain facts; `render.sheets.prep_markdown` prints them as a
sheet that can go straight to a printer.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from peertool import validate
from peertool.clock import today
from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.due_groups import absent_at_last
from peertool.outcomes.due_people import reviews_due
from peertool.outcomes.lint import lint
from peertool.outcomes.measures import due as due_measures
from peertool.outcomes.outings import outing_counts, ready_solo_suggestions
from peertool.pairing.service import current_pairs
from peertool.people.events import recent as recent_events
from peertool.people.scope import load_group
from peertool.program import lessons, threads
from peertool.program.schedule import group_program, month_on, next_meeting, year_bounds

if TYPE_CHECKING:
    from peertool.outcomes.shapes import FollowUp, LessonBrief, Prep
    from peertool.program.lessons import Suggested
    from peertool.settings import Settings

SUGGESTIONS = 3
RECENT_THREADS = 5
RECENT_EVENT_DAYS = 30


def build(db: Database, group_ref: object, *, settings: Settings, on: str | None = None) -> Prep:
    """Facts for the group's next meeting on or after `on` (a date as typed; default today)."""
    scope = load_group(db, group_ref)
    given = validate.optional_date("date", on)
    day = dt.date.fromisoformat(given) if given else today()
    months = group_program(scope.group, settings)
    ended = year_bounds(months)[1]
    if day > ended:
        raise InvalidInput(
            f"group {scope.id}'s program year ended on {ended}.",
            hint=f"Next: its outcomes with `peertool report {scope.id}`; move members on with `peertool discharge` "
            "or `peertool participant edit --group`; start a new year with `peertool group create`.",
        )
    meeting = next_meeting(months, day)
    month = month_on(months, meeting) if meeting else None
    if meeting is None or month is None:
        raise InvalidInput(
            f"group {scope.id} has no meetings left on or after {day} (its program year ends {year_bounds(months)[1]})."
        )
    recent = threads.group_threads(db, scope.id, until=meeting.isoformat())
    used = {
        row[0]
        for row in db.execute("SELECT lesson FROM meetings WHERE group_id = ? AND lesson IS NOT NULL", [scope.id])
    }
    library = lessons.load_library(settings.lessons_file, settings.file_bytes)
    pairs = current_pairs(db, scope)
    roster = scope.members
    since = meeting - dt.timedelta(days=RECENT_EVENT_DAYS)
    group = scope.group
    return {
        "group": scope.name,
        "group_id": scope.id,
        "date": meeting.isoformat(),
        "time": group["time"],
        "location": group["location"],
        "coach": group["coach"],
        "month": month.month,
        "theme": month.theme,
        "lessons": [_brief_plan(p) for p in lessons.suggest(library, month.theme, recent, used)[:SUGGESTIONS]],
        "threads": recent[:RECENT_THREADS],
        "follow_up": _last_homework(db, scope.id, meeting),
        "check_in": absent_at_last(db, scope.id, meeting.isoformat(), settings.outreach_after_absences),
        "events": recent_events(db, [m["id"] for m in roster], since=since.isoformat(), until=meeting.isoformat()),
        "pairs": pairs["pairs"],
        "unpaired": pairs["unpaired"],
        "reviews_due": reviews_due(db, settings, roster, meeting.isoformat()),
        "suggestions": {
            "ready_solo": ready_solo_suggestions(roster, outing_counts(db, scope.id), settings.solo_outings_for_ready)
        },
        "sign_in": [{"id": m["id"], "name": m["name"]} for m in sorted(roster, key=lambda m: m["name"].casefold())],
        "notes_to_finish": len(lint(db, settings=settings, group=scope.id)["problems"]),
        "measures_due": due_measures(db, settings, roster, meeting + dt.timedelta(days=6)),
    }


def _brief_plan(plan: Suggested) -> LessonBrief:
    return {
        "title": plan["title"],
        "skill": plan["skill"],
        "fit": plan["fit"],
        "matches": plan["matches"],
        "outline": plan["outline"],
        "prompts": plan["prompts"],
        "practice": plan["practice"],
    }


def _last_homework(db: Database, group_id: int, before: dt.date) -> FollowUp | None:
    row = db.execute(
        """SELECT held_on, homework FROM meetings WHERE group_id = ? AND held_on < ? AND homework IS NOT NULL
           ORDER BY held_on DESC LIMIT 1""",
        [group_id, before.isoformat()],
    ).fetchone()
    return {"date": row[0], "homework": row[1]} if row else None
