"""`due`'s supervision items: records awaiting a required co-signature (`cosign`), due
`notes.sign_within_days` after their author signed them, and a supervisee's month short of
`supervision.minutes_per_month` (`supervision`), due on the month's last day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from peertool.outcomes.due_people import command
from peertool.outcomes.supervision import awaiting
from peertool.outcomes.supervision_time import shortfalls
from peertool.vocab import DueKind

if TYPE_CHECKING:
    from peertool.outcomes.due_scope import DueItem, Scoped, Source


def _cosign(scoped: Scoped) -> list[DueItem]:
    """Records awaiting a required co-signature, of the people and groups in scope (everyone's: no scope)."""
    people = set(scoped.record_people() or ())
    groups = {g["id"] for g in scoped.member_groups}
    items: list[DueItem] = []
    for record in awaiting(scoped.db, None):
        person, group = record["participant"], record["group"]
        if scoped.scope is not None and not (
            (person is not None and person["id"] in people) or (group is not None and group["id"] in groups)
        ):
            continue
        by = dt.date.fromisoformat(record["signed_at"][:10]) + dt.timedelta(days=scoped.settings.sign_within_days)
        item = scoped.item(DueKind.cosign, by.isoformat(), record["settle"], person=person, group=group)
        item["staff"] = record["cosigner"]  # the author's supervisor; none in charge: any supervisor's to settle
        items.append(item)
    return items


def _supervision(scoped: Scoped) -> list[DueItem]:
    """Supervisees' months short of `supervision.minutes_per_month`: everyone's with no scope, else those of the
    scope's team (a supervisor's supervisees, down the line; never the staff member's own, which only someone
    above them can log). The settle line suggests the minutes still short that month."""
    team = None if scoped.scope is None else set(scoped.scope.get("team", []))
    found: list[DueItem] = []
    for short in shortfalls(scoped.db, scoped.settings.minutes_per_month, scoped.on):
        who, owed = short["supervisee"], short["expected"] - short["minutes"]
        if team is not None and who["id"] not in team:
            continue
        day = min(short["due"], scoped.on.isoformat())  # a session is never logged after today
        item = scoped.item(DueKind.supervision, short["due"],
                           command("supervise", "log", who["id"], "--minutes", owed, "--date", day))  # fmt: skip
        item["staff"] = who
        found.append(item)
    return found


SOURCES: list[Source] = [_cosign, _supervision]
