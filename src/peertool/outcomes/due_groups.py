"""What is due of each group: meetings the schedule says were held but nobody recorded, members absent again and
again with no contact since, partners left without one, groups below their program's minimum.

Each group costs a fixed handful of indexed queries, whatever the database holds: the schedule is computed
(`program.schedule`) only over `due.look_back_weeks`, and meetings are read by group and date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from peertool.outcomes.due_people import command
from peertool.vocab import DueKind

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.outcomes.due_scope import DueItem, Scoped, Source
    from peertool.outcomes.shapes import Missed
    from peertool.people.shapes import Named
    from peertool.programs import Program


def scheduled_days(group: dict[str, Any], settings: Any, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days from `start` up to (not including) `end` the group's schedule says it meets: within its program
    year and not a skip date (a drop-in: its open days, from the day it opened). Only those weeks are worked out."""
    from peertool.dates import year_end
    from peertool.program.schedule import program, skip_set, weekly_between
    from peertool.programs import group_program as program_of
    from peertool.validate import WEEKDAYS

    opened = dt.date.fromisoformat(group["start_on"])
    start, chosen, skips = max(start, opened), program_of(settings, group), skip_set(settings.skip_dates)
    if start >= end:
        return []
    if not chosen.drop_in:
        return weekly_between(opened, group["weekday"], year_end(opened, len(chosen.themes)), skips, start, end)
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    open_days = frozenset(WEEKDAYS.index(day) for day in group["days"].split(","))
    months = program([""] * count, start, group["weekday"], skips, open_days)
    return [day for month in months for day in month.meetings if start <= day < end]


def _in(column: str, ids: list[int] | None) -> tuple[str, list[int]]:
    """A condition on `column` for a scope's ids (None: no condition), and its parameters."""
    return ("", []) if ids is None else (f"AND {column} IN ({','.join('?' * len(ids)) or 'NULL'})", ids)


def _unrecorded(scoped: Scoped) -> list[DueItem]:
    """Scheduled days with no meeting record, on which the group had members (a drop-in: any open day); the
    meetings and memberships of every group in scope read in one query each."""
    from peertool.programs import group_program as program_of

    end = scoped.on
    start = end - dt.timedelta(weeks=scoped.settings.due_look_back_weeks)
    where, ids = _in("group_id", None if scoped.scope is None else [g["id"] for g in scoped.groups])
    held = set(scoped.db.execute(f"SELECT group_id, held_on FROM meetings WHERE held_on >= ? AND held_on < ? {where}",
                                 [start.isoformat(), end.isoformat(), *ids]))  # fmt: skip
    spans: dict[int, list[tuple[str, str | None]]] = {}
    for gid, joined, left in scoped.db.execute(f"SELECT group_id, joined_on, left_on FROM memberships WHERE 1 {where}",
                                               ids):  # fmt: skip
        spans.setdefault(gid, []).append((joined, left))
    items = []
    for group in scoped.groups:
        gid, drop_in = group["id"], program_of(scoped.settings, group).drop_in
        named: Named = {"id": gid, "name": group["name"]}
        for day in (d.isoformat() for d in scheduled_days(group, scoped.settings, start, end)):
            if (gid, day) in held or not (drop_in or any(a <= day and (b is None or b > day)
                                                         for a, b in spans.get(gid, []))):  # fmt: skip
                continue
            settle = command("meeting", "record", gid, "--date", day)
            items.append(scoped.item(DueKind.unrecorded_meeting, day, settle, group=named))
    return items


def absent_at_last(db: Database, group_id: int, before: str, count: int) -> list[Missed]:
    """Active members marked absent (or excused) at each of the group's last `count` meetings before `before`
    that took attendance, with those meetings' dates."""
    last = db.execute(
        """SELECT m.id, m.held_on FROM meetings m WHERE m.group_id = ? AND m.held_on < ?
           AND EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id)
           ORDER BY m.held_on DESC LIMIT ?""",
        [group_id, before, count],
    ).fetchall()
    if len(last) < count:
        return []
    ids = [row[0] for row in last]
    rows = db.execute(
        f"""SELECT p.id, p.name FROM memberships ms JOIN participants p ON p.id = ms.participant_id
           WHERE ms.group_id = ? AND ms.left_on IS NULL AND
           (SELECT count(*) FROM attendance a WHERE a.participant_id = p.id AND a.present = 0
            AND a.meeting_id IN ({",".join("?" * count)})) = ? ORDER BY p.id""",
        [group_id, *ids, count],
    ).fetchall()
    dates = sorted(row[1] for row in last)
    return [{"id": pid, "name": name, "missed": dates} for pid, name in rows]


def _absent(scoped: Scoped) -> list[DueItem]:
    ids = {p["id"] for p in scoped.people}
    after = (scoped.on + dt.timedelta(days=1)).isoformat()
    items = []
    for group in scoped.member_groups:
        missed = [m for m in absent_at_last(scoped.db, group["id"], after, scoped.settings.outreach_after_absences)
                  if m["id"] in ids]  # fmt: skip
        if not missed:
            continue
        last = missed[0]["missed"][-1]
        marks = ",".join("?" * len(missed))
        reached = {row[0] for row in scoped.db.execute(
            f"SELECT DISTINCT participant_id FROM contact_notes WHERE participant_id IN ({marks}) AND noted_on >= ?",
            [*(m["id"] for m in missed), last])}  # fmt: skip
        items += [scoped.item(DueKind.absent, last, command("note", "add", m["id"], "--edit"), person=m)
                  for m in missed if m["id"] not in reached]  # fmt: skip
    return items


def _running(group: dict[str, Any], scoped: Scoped) -> Program | None:
    """The group's program if it is a group-year program whose year contains the day asked about."""
    from peertool.dates import add_months
    from peertool.programs import group_program as program_of

    chosen = program_of(scoped.settings, group)
    start = dt.date.fromisoformat(group["start_on"])
    if chosen.drop_in or start > scoped.on:
        return None
    return chosen if add_months(start, len(chosen.themes)) > scoped.on else None  # its year: a month a theme


def _no_partner(scoped: Scoped) -> list[DueItem]:
    from peertool.pairing.service import current_pairs
    from peertool.people.scope import load_group

    ids = {p["id"] for p in scoped.people}
    where, people = _in("p.id", None if scoped.scope is None else sorted(ids))
    partnered = {row[0] for row in scoped.db.execute(  # only a group with a partnered member can have one unpaired
        f"""SELECT DISTINCT m.group_id FROM memberships m JOIN participants p ON p.id = m.participant_id
            WHERE m.left_on IS NULL AND p.stage = 'partnered' AND p.status = 'active' {where}""", people)}  # fmt: skip
    items = []
    for group in (g for g in scoped.member_groups if g["id"] in partnered):
        chosen = _running(group, scoped)
        if chosen is None or not chosen.pairs:
            continue
        members = load_group(scoped.db, group["id"])
        pairs = current_pairs(scoped.db, members)
        if pairs["date"] is None:  # never paired: pairing it is the coach's next step, not a partner's loss
            continue
        unpaired = {p["id"] for p in pairs["unpaired"]}
        for person in members.members:
            if person["id"] in unpaired and person["id"] in ids and person["stage"] == "partnered":
                since = max(pairs["date"], person["joined_on"])
                items.append(scoped.item(DueKind.no_partner, since, command("pair", group["id"], "--keep-current"),
                                         person=person))  # fmt: skip
    return items


def _group_size(scoped: Scoped) -> list[DueItem]:
    items = []
    for group in scoped.groups:
        chosen = _running(group, scoped)
        if chosen is None:
            continue
        size, left = scoped.db.execute(
            "SELECT total(left_on IS NULL), max(left_on) FROM memberships WHERE group_id = ?",
            [group["id"]],
        ).fetchone()
        if size < chosen.size_min:
            since = max(group["start_on"], left or "")
            named: Named = {"id": group["id"], "name": group["name"]}
            items.append(scoped.item(DueKind.group_size, since, command("group", "add", group["id"], "REF"),
                                     group=named))  # fmt: skip
    return items


SOURCES: list[Source] = [_unrecorded, _absent, _no_partner, _group_size]
