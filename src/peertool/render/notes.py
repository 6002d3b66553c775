"""How notes of care print: contact notes, an attendee's note, signatures and addenda, and the weekly lint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from peertool.render.output import fields, message, table

if TYPE_CHECKING:
    from peertool.outcomes.lint import Lint

Record = Mapping[str, Any]  # a library result: a TypedDict, or a row


def signature_line(record: Record) -> str:
    """Who signed and when, whether the record still says what was signed, or that it is unsigned."""
    if not record["signed"]:
        return "unsigned"
    said = [f"{'co-signed' if s['role'] == 'cosigner' else 'signed'} by {s['signer']} at {s['at']}"
            for s in record["signatures"]]  # fmt: skip
    if record["intact"] is False:
        said.append("CHANGED SINCE SIGNING (see `peertool audit`)")
    return "; ".join(said)


def made_by_lines(record: Record) -> list[tuple[str, str]]:
    """Who made or recorded a record, with their credential (`by  Rae Lin, CPS`); none when it names no one."""
    from peertool.render.people import credited

    return [("by", credited(record["staff"]))] if record.get("staff") else []


def addenda_lines(record: Record) -> list[tuple[str, str]]:
    return [(f"addendum {a['id']}", f"{a['at']}: {a['text']} (reason: {a['reason']})") for a in record["addenda"]]


def when(note: Record) -> str:
    """A contact's date, times and minutes as one phrase."""
    times = f" {note['start']}-{note['end']}" if note["start"] else ""
    minutes = f", {note['minutes']} min" if note["minutes"] is not None else ""
    return f"{note['date']}{times}{minutes}"


def units_text(units: Any, code: str) -> str:
    return "not known (no times)" if units is None else f"{units} ({code})"


def contact(note: Record) -> None:
    """One contact note in full."""
    goal = note["goal"]
    fields(
        f"Contact note {note['id']}: {note['participant']['name']}",
        [
            ("when", when(note)),
            ("units", units_text(note["units"], note["service"]["code"])),
            ("mode", note["mode"] + (f", {note['location']}" if note["location"] else "")),
            ("goal", f"{goal['id']}: {goal['text']}" if goal else None),
            ("note", note["text"]),
            ("interventions", ", ".join(note["interventions"]) or None),
            ("details", note["details"]),
            ("response", note["response"]),
            ("plan", note["plan"]),
            *made_by_lines(note),
            ("signature", signature_line(note)),
            *addenda_lines(note),
        ],
    )


def contacts(records: list[Record]) -> None:
    table(
        "Contact notes",
        ["id", "when", "units", "mode", "goal", "signed", "note"],
        [
            [n["id"], when(n), n["units"], n["mode"], n["goal"]["id"] if n["goal"] else "",
             "yes" if n["signed"] else "no", n["text"] or n["response"] or n["details"]]
            for n in records
        ],
    )  # fmt: skip


def attendee_note(note: Record) -> None:
    goal = note["goal"]
    fields(
        f"{note['participant']['name']} at meeting {note['meeting']}",
        [
            ("response", note["response"]),
            ("goal", f"{goal['id']}: {goal['text']}" if goal else None),
            ("homework", note["homework"]),
            ("note", note["text"]),
        ],
    )


def lint(result: Lint) -> None:
    """The problems found, or one line saying all is in order."""
    if not result["problems"]:
        message(f"All in order: {result['checked']['contacts']} contacts and {result['checked']['meetings']} "
                "meetings checked.")  # fmt: skip
        return
    table(
        f"Notes to finish ({len(result['problems'])})",
        ["record", "date", "participant", "problem"],
        [[p["record"], p["date"], p["participant"]["name"] if p["participant"] else "", p["problem"]]
         for p in result["problems"]],
    )  # fmt: skip


def community_contacts(records: list[Record]) -> None:
    """Community education contacts: no enrolled person, never billed."""
    table(
        "Community education (not billed to anyone)",
        ["id", "date", "minutes", "units", "mode", "with", "group", "note"],
        [[c["id"], c["date"], c["minutes"], c["units"], c["mode"], c["audience"],
          c["group"]["name"] if c["group"] else "", c["text"] or ""] for c in records],
    )  # fmt: skip


def signed_record(record: Record) -> None:
    """A review or discharge as signed: what it says, its signatures and addenda."""
    said = [(key, value) for key, value in record["content"].items() if key not in ("id", "participant_id")]
    fields(
        f"{record['kind'].capitalize()} {record['id']}: {record['participant']['name']}",
        [*said, ("signature", signature_line(record)), *addenda_lines(record)],
    )


def signed_records(records: list[Record]) -> None:
    """Reviews or discharges with their ids and whether each is signed."""
    rows = [[r["id"], r["date"], r["participant"]["name"], signature_line(r)] for r in records]
    table(None, ["id", "date", "who", "signature"], rows)
