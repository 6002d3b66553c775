"""How outcomes print: outings, the activity fund, the report and the prep sheet.

The report and the prep sheet also print as Markdown, which goes straight to
a printer; the terminal shows the prep sheet's Markdown through rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from peertool.render import activities, recovery, reliance
from peertool.render.output import console, message, table, visible

if TYPE_CHECKING:
    from peertool.outcomes.report import Report
    from peertool.outcomes.shapes import Budget, Outing, Prep, Suggestion, SupportRecord

Record = Mapping[str, Any]  # a library result: a TypedDict, or a row
PARTICIPANT_COLUMNS = [
    "id",
    "name",
    "status",
    "stage",
    "attended",
    "goals met/set",
    "with partner",
    "solo",
    "next review",
]


def outings(records: list[Outing]) -> None:
    table(
        "Outings",
        ["id", "date", "kind", "who", "activity", "cost", "shares"],
        [
            [
                o["id"],
                o["date"],
                o["kind"],
                ", ".join(p["name"] for p in o["people"]),
                o["activity"],
                _cost(o),
                ", ".join(p["share"] for p in o["people"]),
            ]
            for o in records
        ],
    )


def support(records: list[SupportRecord]) -> None:
    table(
        "Support",
        ["id", "date", "who", "group", "amount", "for"],
        [[s["id"], s["date"], s["name"], s["group"] or "", s["amount"], s["purpose"]] for s in records],
    )


def _cost(outing: Outing) -> str:
    """The cost, then a discount and a payer other than the fund when there are any."""
    extra = [f"less {outing['discount']}"] if outing["discount"] != "0.00" else []
    extra += [f"paid by {outing['paid_by']}"] if outing["paid_by"] != "fund" else []
    return outing["cost"] + (f" ({', '.join(extra)})" if extra else "")


def budget(result: Budget) -> None:
    fund = result["fund_per_participant"]
    rows = [
        [p["id"], p["name"], p["spent"], (p["remaining"] or "") + (" (over)" if p["over"] else "")]
        for p in result["participants"]
    ]
    rows.append(["", "group", result["total"]["spent"], result["total"]["remaining"]])
    table(
        f"Activity fund: {result['group']}" + (f" ({fund} each)" if fund else ""),
        ["id", "name", "spent", "remaining"],
        rows,
    )
    if not fund:
        message("No activity_fund is set in the config: showing spending only.")
    if "activities" in result["total"]:
        message(f"The group's spending includes {result['total']['activities']} for activities the fund paid.")


def bar(rate: float | None, width: int = 10) -> str:
    """A small text bar: 0.8 -> '████████░░ 80%'."""
    if rate is None:
        return "no attendance taken"
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled) + f" {round(rate * 100)}%"


def _percent(rate: Record) -> str:
    return f"{rate['present']}/{rate['recorded']}" + (f" ({round(rate['rate'] * 100)}%)" if rate["recorded"] else "")


def participant_rows(report: Report) -> list[list[Any]]:
    """The per-participant table, shared by the terminal and Markdown renderings."""
    return [
        [
            p["id"],
            p["name"],
            p["status"],
            p["stage"],
            _percent(p["attendance"]),
            f"{p['goals']['achieved']}/{p['goals']['set']}",
            p["outings"]["partner"],
            p["outings"]["solo"],
            p["next_review"] or "",
        ]
        for p in report["participants"]
    ]


UNIT_COLUMNS = ["id", "name", "month", "group", "individual", "total"]


def unit_rows(report: Report) -> list[list[Any]]:
    """Each person's service units in each month with any."""
    return [
        [p["id"], p["name"], m["month"], f"{m['group']:g}", f"{m['individual']:g}", f"{m['total']:g}"]
        for p in report["participants"]
        for m in p["units"]
    ]


CONTACT_COLUMNS = ["contacts by", "contacts", "minutes", "units"]


def contact_rows(report: Report) -> list[list[Any]]:
    """The group's contacts by intervention (a note with two codes counts under each), by mode, the in-person
    share, and community education (counted, never billed)."""
    counted = report["contacts"]
    share = counted["face_to_face"]
    rows: list[list[Any]] = [
        [c["code"], c["contacts"], c["minutes"], f"{c['units']:g}"] for c in counted["by_intervention"]
    ]
    rows += [["no code", counted["uncoded"], "", ""]] if counted["uncoded"] else []
    rows += [[m["mode"], m["contacts"], m["minutes"], f"{m['units']:g}"] for m in counted["by_mode"] if m["contacts"]]
    rows += [[f"in person: {share['share']:g} (expected {share['expected']:g})", share["in_person"], "", ""]] \
        if share["share"] is not None else []  # fmt: skip
    community = counted["community"]
    if community["contacts"]:
        rows.append(["community education (not billed)", community["contacts"], community["minutes"],
                     f"{community['units']:g}"])  # fmt: skip
    return rows


def ready_solo_lines(ready: list[Suggestion]) -> list[str]:
    """One suggestion per person ready to go out alone."""
    return [
        f"{p['name']} (id {p['id']}) has {p['solo_outings']} solo outings: consider stage ready-solo." for p in ready
    ]


def _suggestions_markdown(ready: list[Suggestion]) -> list[str]:
    lines = ready_solo_lines(ready)
    return ["", "## Suggestions", ""] + [f"- {line}" for line in lines] if lines else []


def report_table(result: Report) -> None:
    table(
        f"{result['group']}: outcomes {result['from']} to {result['to']}",
        PARTICIPANT_COLUMNS,
        participant_rows(result),
    )
    table(
        "Attendance by month",
        ["month", "theme", "attendance"],
        [[m["month"], m["theme"], bar(m["rate"])] for m in result["months"]],
    )
    table(
        "Most frequent threads",
        ["thread", "meetings", "last"],
        [[t["tag"], t["count"], t["last"]] for t in result["threads"]],
    )
    table("Service units by month", UNIT_COLUMNS, unit_rows(result))
    table("Contacts", CONTACT_COLUMNS, contact_rows(result))
    activities.report_table(result["activities"])
    recovery.report_tables(result)
    reliance.report_tables(result)
    for line in ready_solo_lines(result["suggestions"]["ready_solo"]):
        message(line)


def report_markdown(report: Report) -> str:
    """The report as printable Markdown, with attendance bars per month."""

    def row(cells: list[Any]) -> str:
        return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"

    lines = [
        f"# {report['group']}: outcomes {report['from']} to {report['to']}",
        "",
        "## Participants",
        "",
        row(PARTICIPANT_COLUMNS),
        "|" + "---|" * len(PARTICIPANT_COLUMNS),
    ]
    lines += [row(cells) for cells in participant_rows(report)]
    lines += ["", "## Attendance by month", "", row(["month", "theme", "attendance", ""]), "|---|---|---|---|"]
    lines += [row([m["month"], m["theme"], f"`{bar(m['rate'])}`", _percent(m)]) for m in report["months"]]
    lines += ["", "## Most frequent threads", ""]
    threads = [f"- {t['tag']}: {t['count']} meeting(s), last {t['last']}" for t in report["threads"]]
    lines += threads or ["- none recorded"]
    lines += ["", "## Service units by month", "", row(UNIT_COLUMNS), "|" + "---|" * len(UNIT_COLUMNS)]
    lines += [row(cells) for cells in unit_rows(report)] or ["No units recorded."]
    lines += ["", "## Contacts", "", row(CONTACT_COLUMNS), "|" + "---|" * len(CONTACT_COLUMNS)]
    lines += [row(cells) for cells in contact_rows(report)] or ["No contacts recorded."]
    lines += activities.report_markdown(report["activities"], row)
    lines += recovery.report_markdown(report, row)
    lines += reliance.report_markdown(report, row)
    lines += _suggestions_markdown(report["suggestions"]["ready_solo"])
    return "\n".join(lines) + "\n"


def _lesson_lines(sheet: Prep) -> list[str]:
    if not sheet["lessons"]:
        return ["Every plan for this theme has been used with this group; choose one to repeat or add your own."]
    lines: list[str] = []
    for number, plan in enumerate(sheet["lessons"], start=1):
        fit = f" (answers: {', '.join(plan['matches'])})" if plan["matches"] else ""
        lines += [f"### {number}. {plan['title']}{fit}", "", f"*Skill:* {plan['skill']}", ""]
        lines += [f"{step_no}. {step}" for step_no, step in enumerate(plan["outline"], start=1)]
        lines += ["", "*Discussion:*", ""] + [f"- {q}" for q in plan["prompts"]]
        lines += ["", f"*Between meetings:* {plan['practice']}", ""]
    return lines


def prep_markdown(sheet: Prep) -> str:
    """A printable sheet: the same facts as the JSON, in reading order."""
    when = " ".join(filter(None, [sheet["date"], sheet["time"]]))
    lines = [f"# {sheet['group']}: meeting of {when}", ""]
    lines += [
        f"- **Place:** {sheet['location'] or 'not set'}",
        f"- **Coach:** {sheet['coach'] or 'not set'}",
        f"- **Month {sheet['month']}:** {sheet['theme']}",
        "",
        "## Suggested lessons",
        "",
    ]
    lines += _lesson_lines(sheet)
    lines += ["## Recent threads", ""]
    recent = [f"- {t['tag']}: {t['count']} time(s), last {t['last']}" for t in sheet["threads"]]
    lines += recent or ["- none recorded yet"]
    lines += ["", "## Follow up", ""]
    follow = sheet["follow_up"]
    lines.append(f"Homework from {follow['date']}: {follow['homework']}" if follow else "No homework recorded yet.")
    lines += ["", "## Check in with (absent from the last two meetings)", ""]
    lines += [f"- {p['name']} (id {p['id']})" for p in sheet["check_in"]] or ["- nobody"]
    lines += ["", "## Recent events (the last 30 days, and stays still open)", ""]
    lines += [f"- {e['name']} (id {e['id']}): {e['kind']} {e['date']}" + (" (open)" if e["open"] else "")
              for e in sheet["events"]] or ["- none"]  # fmt: skip
    lines += ["", "## Notes to finish", ""]
    count = sheet["notes_to_finish"]
    lines.append(f"{count} item(s) in `peertool note lint --group {sheet['group_id']}`." if count else "All in order.")
    lines += ["", "## Measures due this week", ""]
    lines += [
        f"- {p['name']} (id {p['id']}): {p['instrument']}, due {p['due']}"
        + (f" (last {p['last']})" if p["last"] else " (none yet)")
        for p in sheet["measures_due"]
    ] or ["- none"]
    lines += ["", "## Continued-stay reviews due", ""]
    lines += [f"- {p['name']} (id {p['id']}): due {p['due']}" for p in sheet["reviews_due"]] or ["- none"]
    lines += _suggestions_markdown(sheet["suggestions"]["ready_solo"])
    lines += ["", "## Peer partners", ""]
    pairs = [
        "- " + " & ".join([m["name"] for m in p["members"]] + (["the coach"] if p.get("kind") == "coach" else []))
        for p in sheet["pairs"]
    ]
    lines += pairs or ["- not paired yet"]
    if sheet["unpaired"]:
        lines.append("- No partner: " + ", ".join(p["name"] for p in sheet["unpaired"]))
    lines += ["", "## Sign-in", "", "| Name | Signature |", "|---|---|"]
    lines += [f"| {p['name'].replace('|', '/')} | |" for p in sheet["sign_in"]]
    return "\n".join(lines) + "\n"


def prep_table(sheet: Prep) -> None:
    """The prep sheet at a terminal: its Markdown, drawn by rich.

    Links show their address as text: a stored name written as a Markdown
    link must not become a hidden hyperlink (OSC 8) on the terminal.
    """
    from rich.markdown import Markdown

    console().print(Markdown(visible(prep_markdown(sheet)), hyperlinks=False))
