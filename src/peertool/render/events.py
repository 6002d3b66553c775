"""How events look at a terminal, and the words a chart uses for a stay's state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from peertool.render.output import table

if TYPE_CHECKING:
    from peertool.people.events import Event


def state(event: Mapping[str, Any]) -> str:
    """Where a hospitalization stands ("open", "returned D"), or the stay a return closes; else nothing."""
    if event["open"] is not None:
        return "open" if event["open"] else f"returned {event['closed_on']}"
    return f"closes event {event['closes']}" if event["closes"] is not None else ""


def events(records: list[Event]) -> None:
    table(
        "Events",
        ["id", "who", "date", "kind", "to", "state", "note", "recorded by"],
        [[e["id"], e["participant"]["name"], e["date"], e["kind"], e["to"] or "", state(e), e["note"] or "",
          e["recorded_by"]] for e in records],
        drop_first=["recorded by", "note"],
    )  # fmt: skip
