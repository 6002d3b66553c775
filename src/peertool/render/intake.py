"""How intake screenings look at a terminal and in a chart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from peertool.render.output import fields, table

if TYPE_CHECKING:
    from peertool.people.intake import Screening

Record = Mapping[str, Any]  # a library result: a TypedDict, or a row


def verdict(record: Record) -> str:
    """What a screening concluded, in a few words: admitted, or not and why (codes only)."""
    if record["outcome"] == "eligible":
        return "admitted"
    applies = [e["code"] for e in record["exclusions"] if e["answer"] == "yes"]
    return f"not admitted: exclusion {', '.join(applies)}" if applies else "not admitted: no service criterion met"


def summary_line(summary: Record | None, pid: int) -> str:
    """`participant show`'s screening line, from the latest screening's summary (None: not screened)."""
    if summary is None:
        return f"not screened (peertool intake {pid})"
    why = "admitted" if summary["admitted"] else "not admitted"
    if summary["exclusions_yes"]:
        why += f": exclusion {', '.join(summary['exclusions_yes'])}"
    met = ", ".join(summary["criteria_met"]) or "none"
    return f"{summary['date']}, {why}; criteria met {met} ({summary['definition_version']})"


def screening(record: Screening) -> None:
    """One screening as label/value lines: each criterion met and each exclusion with its wording."""
    contact = record["team_contact"]
    fields(
        f"Screening {record['id']} of {record['participant']['name']}",
        [
            ("date", record["date"]),
            ("screened by", record["screened_by"]),
            ("outcome", verdict(record)),
            ("definition", record["definition_version"]),
            *((f"meets {c['code']}", c["text"]) for c in record["criteria_met"]),
            *((f"exclusion {e['code']}", f"{e['answer']}: {e['text']}") for e in record["exclusions"]),
            ("other services", ", ".join(record["services"]["kinds"]) or None),
            ("services", record["services"]["text"]),
            ("team contact", contact["text"] if contact else None),
        ],
    )


def screenings(records: list[Screening]) -> None:
    table(
        "Intake screenings",
        ["id", "participant", "date", "outcome", "meets", "by", "definition"],
        [
            [s["id"], s["participant"]["name"], s["date"], verdict(s), ", ".join(c["code"] for c in s["criteria_met"]),
             s["screened_by"], s["definition_version"]]
            for s in records
        ],
    )  # fmt: skip


def chart_lines(records: list[Record]) -> list[str]:
    """The chart's screenings section: every screening, oldest first, in the wording it was made under."""
    lines = ["## Intake screenings", ""]
    for s in records:
        lines.append(f"- {s['date']} ({s['definition_version']}, by {s['screened_by']}): {verdict(s)}")
        lines += [f"  - meets {c['code']}: {c['text']}" for c in s["criteria_met"]]
        lines += [f"  - exclusion {e['code']} {e['answer']}: {e['text']}" for e in s["exclusions"]]
        if s["services"]["kinds"] or s["services"]["text"]:
            kinds = ", ".join(s["services"]["kinds"])
            lines.append(f"  - other services: {kinds}{': ' if kinds and s['services']['text'] else ''}"
                         f"{' '.join((s['services']['text'] or '').split())}")  # fmt: skip
        if s["team_contact"]:
            lines.append(
                f"  - treatment team contact (the person agreed): {' '.join(s['team_contact']['text'].split())}"
            )
    return [*(lines if records else [*lines, "- not screened"]), ""]
