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
    from peertool.people.shapes import StaffBrief
    from peertool.people.staff import Staff, WhoAmI

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
            *([("programs", _programs(record["programs"]))] if record.get("programs") else []),
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
            *([("staff", credited(record["staff"]))] if record.get("staff") else []),
        ],
    )


def _programs(enrollments: list[Record]) -> str:
    """A person's open drop-in enrollments: `independence (since 2026-11-02)`."""
    return ", ".join(f"{e['program']} (since {e['enrolled_on']})" for e in enrollments)


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
    days = group["days"]
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
            *(
                [("program", record["program"] + (" (drop-in)" if drop_in else ""))]
                if record["program"] != "iml"
                else []
            ),
            ("open" if drop_in else "meets", _meets(record)),
            ("location", record["location"]),
            ("coach", credited(record["coach_staff"]) if record["coach_staff"] else record["coach"]),
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


def credited(member: StaffBrief) -> str:
    """A staff member as a record names them: `Rae Lin, CPS`."""
    return f"{member['name']}, {member['credential']}"


def staff_member(member: Staff) -> None:
    """One staff member as label/value lines."""
    fields(
        f"Staff member {member['id']}",
        [
            ("name", member["name"]),
            ("role", member["role"]),
            ("credential", member["credential"]),
            ("login", member["login"]),
            ("supervisor", member["supervisor"]),
            ("started", member["started_on"]),
            ("ended", member["ended_on"]),
        ],
    )


def staff_list(members: list[Staff]) -> None:
    table(
        "Staff",
        ["id", "name", "role", "credential", "login", "supervisor", "started", "ended"],
        [[m["id"], m["name"], m["role"], m["credential"], m["login"], m["supervisor"], m["started_on"],
          m["ended_on"]] for m in members],
    )  # fmt: skip


def whoami(result: WhoAmI) -> None:
    """The current staff member, or who peertool takes you for and how to be someone."""
    if result["staff"] is not None:
        staff_member(result["staff"])
