"""How people, groups, goals and contact notes look at a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from peertool.programs import is_drop_in
from peertool.render.intake import summary_line
from peertool.render.output import fields, table

if TYPE_CHECKING:
    from peertool.people.goals import Goal, GoalUpdate
    from peertool.people.groups import Group, GroupRecord, GroupRow
    from peertool.people.reviews import Review

Record = Mapping[str, Any]  # a library result: a TypedDict, or a row


def person(record: Record) -> None:
    """One participant as label/value lines."""
    goals = "; ".join(f"{g['text']} ({g['status']}){_treatment(g)}" for g in record.get("goals", []))
    discharged = record["discharged_on"] and f"{record['discharged_on']}: {record['discharge_reason']}"
    fields(
        f"Participant {record['id']}",
        [
            ("name", record["name"]),
            ("group", record["group"]),
            ("status", record["status"]),
            ("stage", record["stage"]),
            ("gender", record["gender"]),
            ("interests", ", ".join(record["interests"])),
            ("referral", record["referral"]),
            ("phone", record["phone"]),
            ("email", record["email"]),
            ("enrolled on", record["enrolled_on"]),
            *([("screening", summary_line(record["screening"], record["id"]))] if "screening" in record else []),
            ("external id", record["external_id"]),
            ("goals", goals),
            ("discharged", discharged or None),
            ("discharges", "; ".join(_discharge(d) for d in record.get("discharges", [])) or None),
        ],
    )


def _discharge(entry: Record) -> str:
    back = f", readmitted {entry['readmitted_on']}" if entry["readmitted_on"] else ""
    return f"{entry['date']}: {entry['reason']}{back}"


def roster(people: list[Record], status: str) -> None:
    table(
        f"Participants ({status})",
        ["id", "name", "group", "stage", "gender", "interests", "enrolled"],
        [[p["id"], p["name"], p["group"], p["stage"], p["gender"], p["interests"], p["enrolled_on"]] for p in people],
    )


def _meets(group: GroupRecord) -> str:
    """The weekday and time a group meets; a drop-in's open days (`mon-fri` when they run on)."""
    days = group.get("days")
    return f"{day_span(days) if days else group['weekday']} {group['time'] or ''}".strip()


def day_span(days: list[str]) -> str:
    """Open days as short as they read: `mon-fri` when three or more run on, else `wed,fri`."""
    from peertool.validate import WEEKDAYS

    first = WEEKDAYS.index(days[0])
    on_end = len(days) > 2 and list(days) == list(WEEKDAYS[first : first + len(days)])
    return f"{days[0]}-{days[-1]}" if on_end else ",".join(days)


def group(record: Group) -> None:
    """A group's details and its members (a drop-in group: its program and open days)."""
    drop_in = is_drop_in(record)
    fields(
        f"Group {record['name']}",
        [
            ("id", record["id"]),
            ("starts", record["start"]),
            *([("program", record["program"] + (" (drop-in)" if drop_in else ""))] if record.get("program") else []),
            ("open" if drop_in else "meets", _meets(record)),
            ("location", record["location"]),
            ("coach", record["coach"]),
            *([] if drop_in else [("members", len(record["members"]))]),
        ],
    )
    if not drop_in:  # a drop-in has no members: people enroll in its program (`participant edit --program`)
        table(None, ["id", "name"], [[m["id"], m["name"]] for m in record["members"]])


def groups(records: list[GroupRow]) -> None:
    table(
        "Groups",
        ["id", "name", "start", "meets", "location", "coach", "members"],
        [[g["id"], g["name"], g["start"], _meets(g), g["location"], g["coach"], g["size"]] for g in records],
    )


def goals(records: list[Goal]) -> None:
    """Goals, each with its story of updates."""
    table(
        "Goals",
        ["id", "participant", "goal", "domain", "status", "since", "story"],
        [
            [
                g["id"],
                g["participant"]["name"],
                g["text"] + _treatment(g),
                g["domain"],
                g["status"] + ("" if g["attainment"] is None else f" ({g['attainment']:+d})"),
                g["created_on"],
                "; ".join(_update(u) for u in g["updates"]),
            ]
            for g in records
        ],
    )


def _treatment(goal: Record) -> str:
    """A goal's link to the clinical plan's own goal, as a suffix: " [treatment goal: ...]"."""
    return f" [treatment goal: {goal['treatment_goal']}]" if goal.get("treatment_goal") else ""


def _update(update: GoalUpdate) -> str:
    """One step of a goal's story: "2026-03-01 achieved, attainment +1: rode the bus"."""
    rated = "" if update["attainment"] is None else f", attainment {update['attainment']:+d}"
    return f"{update['date']} {update['status']}{rated}" + (f": {update['note']}" if update["note"] else "")


def reviews(records: list[Review]) -> None:
    """Continued-stay criteria A, B and C as answered, the discharge criteria that held, and the next review."""
    table(
        "Continued-stay reviews",
        ["id", "participant", "date", "progressing (A)", "continue (B)", "more to try (C)", "discharge", "next due",
         "note"],
        [
            [r["id"], r["participant"]["name"], r["date"], _yes_no(r["progressing"]), _yes_no(r["wants_to_continue"]),
             _yes_no(r["more_to_try"]), ", ".join(r["discharge_criteria"]), r["next_due"] or "none", r["note"]]
            for r in records
        ],
    )  # fmt: skip


def _yes_no(answer: bool | None) -> str:
    return "not recorded" if answer is None else "yes" if answer else "no"
