"""How `supervise` prints: a supervisor's queue, the co-sign figures per supervisee, a session logged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peertool.render.output import fields, message, table

if TYPE_CHECKING:
    from peertool.outcomes.supervision import Queue, Stats
    from peertool.outcomes.supervision_time import Session
    from peertool.people.shapes import StaffBrief


def _credited(member: StaffBrief | None) -> str:
    return f"{member['name']}, {member['credential']}" if member else ""


def queue(result: Queue) -> None:
    """The records awaiting a co-signature, oldest signature first; or one line saying none do."""
    whose = f" for {result['supervisor']['name']}" if result["supervisor"] else ""
    if not result["items"]:
        message(f"Nothing awaits a co-signature{whose}.")
        return
    rows = [
        [f"{r['kind']} {r['id']}", r["date"], (r["participant"] or r["group"] or {"name": ""})["name"], r["author"],
         r["signed_at"][:10], r["settle"]]
        for r in result["items"]
    ]  # fmt: skip
    table(f"Awaiting co-signature{whose} ({len(rows)})", ["record", "date", "whose", "signed by", "on", "settle with"],
          rows)  # fmt: skip


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def stats(result: Stats) -> None:
    """A row per supervisee."""
    period = f" {result['start'] or '…'} to {result['end'] or '…'}" if result["start"] or result["end"] else ""
    rows = [
        [_credited(r["staff"]) or "(signed without staff)", _credited(r["supervisor"]), r["signed"], r["required"],
         r["cosigned"], _share(r["cosign_rate"]),
         "-" if r["median_days_to_cosign"] is None else f"{r['median_days_to_cosign']:g}"]
        for r in result["supervisees"]
    ]  # fmt: skip
    table(f"Co-signatures{period}", ["supervisee", "supervisor", "signed", "required", "co-signed", "rate",
                                     "median days"], rows)  # fmt: skip


def session(result: Session) -> None:
    """A supervision session as logged."""
    fields(f"Supervision {result['id']}", [
        ("supervisor", _credited(result["supervisor"])), ("supervisee", _credited(result["supervisee"])),
        ("date", result["date"]), ("minutes", result["minutes"]), ("note", result["note"] or ""),
    ])  # fmt: skip
