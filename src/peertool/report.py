"""Person-centered outcomes for a group over a period, every figure traceable.

Each rate comes with its numerator and denominator, so a coach can check it
against `meeting list`, `goal list` and `outing list`.
"""

from sqlite_utils import Database

from peertool import validate
from peertool.groups import group_program, resolve_group
from peertool.outings import outing_counts, ready_solo_markdown, ready_solo_suggestions
from peertool.reviews import next_reviews

TOP_THREADS = 5


def build(db: Database, group_ref: object, *, config, start: str | None = None, end: str | None = None) -> dict:
    """The group's outcomes between start and end (default: its whole program year)."""
    group = resolve_group(db, group_ref)
    months = group_program(group, config)
    start = validate.date("from", start) if start else months[0].start.isoformat()
    end = validate.date("to", end) if end else months[-1].end.isoformat()
    people = _people(db, group["id"])
    counts = outing_counts(db, group["id"], start=start, end=end)
    attendance = _attendance(db, group["id"], start, end)
    goals = _goals(db, [p["id"] for p in people])
    due = next_reviews(db, people, config)
    return {
        "group": group["name"], "from": start, "to": end,
        "participants": [{
            "id": p["id"], "name": p["name"], "status": p["status"], "stage": p["stage"],
            "attendance": _rate(*attendance.get(p["id"], (0, 0))),
            "goals": goals.get(p["id"], {"set": 0, "achieved": 0}),
            "outings": counts.get(p["id"], {"partner": 0, "solo": 0}),
            "next_review": due[p["id"]] if p["status"] == "active" else None,
        } for p in people],
        "months": _months(db, group["id"], months, start, end),
        "threads": _threads(db, group["id"], start, end),
        "suggestions": {"ready_solo": ready_solo_suggestions(
            [p for p in people if p["status"] == "active"],
            outing_counts(db, group["id"]), config["solo_outings_for_ready"])},
    }


def _rate(present: int, recorded: int) -> dict:
    return {"present": present, "recorded": recorded, "rate": round(present / recorded, 3) if recorded else None}


def _people(db, group_id: int) -> list[dict]:
    """Everyone who has been a member of the group."""
    return [dict(row) for row in db.query(
        """SELECT DISTINCT p.id, p.name, p.status, p.stage, p.enrolled_on FROM memberships m
           JOIN participants p ON p.id = m.participant_id WHERE m.group_id = ? ORDER BY p.id""", [group_id])]


def _attendance(db, group_id: int, start: str, end: str) -> dict[int, tuple[int, int]]:
    rows = db.execute(
        """SELECT a.participant_id, sum(a.present), count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
           WHERE m.group_id = ? AND m.held_on BETWEEN ? AND ? GROUP BY a.participant_id""", [group_id, start, end])
    return {pid: (present, recorded) for pid, present, recorded in rows}


def _goals(db, ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"""SELECT participant_id, count(*), sum(status = 'achieved') FROM goals
                          WHERE participant_id IN ({marks}) GROUP BY participant_id""", ids)
    return {pid: {"set": total, "achieved": achieved} for pid, total, achieved in rows}


def _months(db, group_id: int, months: list, start: str, end: str) -> list[dict]:
    rows = db.execute(
        """SELECT m.month, sum(a.present), count(a.present) FROM meetings m
           LEFT JOIN attendance a ON a.meeting_id = m.id
           WHERE m.group_id = ? AND m.held_on BETWEEN ? AND ? GROUP BY m.month""", [group_id, start, end])
    by_month = {month: (present or 0, recorded) for month, present, recorded in rows}
    return [{"month": m.month, "theme": m.theme, **_rate(*by_month.get(m.month, (0, 0)))}
            for m in months if m.start.isoformat() <= end and m.end.isoformat() >= start]


def _threads(db, group_id: int, start: str, end: str) -> list[dict]:
    rows = db.execute(
        """SELECT t.tag, count(*), max(m.held_on) FROM meeting_threads t JOIN meetings m ON m.id = t.meeting_id
           WHERE m.group_id = ? AND m.held_on BETWEEN ? AND ? GROUP BY t.tag
           ORDER BY count(*) DESC, max(m.held_on) DESC, t.tag LIMIT ?""", [group_id, start, end, TOP_THREADS])
    return [{"tag": tag, "count": count, "last": last} for tag, count, last in rows]


def bar(rate: float | None, width: int = 10) -> str:
    """A small text bar: 0.8 -> '████████░░ 80%'."""
    if rate is None:
        return "no attendance taken"
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled) + f" {round(rate * 100)}%"


def _percent(rate: dict) -> str:
    return f"{rate['present']}/{rate['recorded']}" + (f" ({round(rate['rate'] * 100)}%)" if rate["recorded"] else "")


def participant_rows(report: dict) -> list[list]:
    """The per-participant table, shared by the terminal and Markdown renderings."""
    return [[p["id"], p["name"], p["status"], p["stage"], _percent(p["attendance"]),
             f"{p['goals']['achieved']}/{p['goals']['set']}", p["outings"]["partner"], p["outings"]["solo"],
             p["next_review"] or ""] for p in report["participants"]]


PARTICIPANT_COLUMNS = ["id", "name", "status", "stage", "attended", "goals met/set",
                       "with partner", "solo", "next review"]


def to_markdown(report: dict) -> str:
    """The report as printable Markdown, with attendance bars per month."""
    def row(cells):
        return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"

    lines = [f"# {report['group']}: outcomes {report['from']} to {report['to']}", "", "## Participants", "",
             row(PARTICIPANT_COLUMNS), "|" + "---|" * len(PARTICIPANT_COLUMNS)]
    lines += [row(cells) for cells in participant_rows(report)]
    lines += ["", "## Attendance by month", "", row(["month", "theme", "attendance", ""]), "|---|---|---|---|"]
    lines += [row([m["month"], m["theme"], f"`{bar(m['rate'])}`", _percent(m)]) for m in report["months"]]
    lines += ["", "## Most frequent threads", ""]
    lines += [f"- {t['tag']}: {t['count']} meeting(s), last {t['last']}" for t in report["threads"]] or ["- none recorded"]
    lines += ready_solo_markdown(report["suggestions"]["ready_solo"])
    return "\n".join(lines) + "\n"
