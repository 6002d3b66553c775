"""What is due of each group: meetings the schedule says were held but nobody recorded, members absent again and
again with no contact since, partners left without one, groups below their program's minimum.

Each group costs a fixed handful of indexed queries, whatever the database holds: the schedule is computed
(`program.schedule`) only over `due.look_back_weeks`, and meetings are read by group and date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from peertool.db.ids import in_ids, marks
from peertool.outcomes.due_people import command
from peertool.vocab import DueKind

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.outcomes.due_scope import DueItem, Scoped, Source
    from peertool.outcomes.shapes import Missed
    from peertool.people.shapes import Named
    from peertool.programs import Program


def scheduled_days(group: dict[str, Any], settings: Any, start: dt.date, end: dt.date,
                   chosen: Program | None = None) -> list[dt.date]:  # fmt: skip
    """The days from `start` up to (not including) `end` the group's schedule says it meets: within its program
    year and not a skip date (a drop-in: its open days, from the day it opened). Only those weeks are worked out."""
    from peertool.dates import year_end
    from peertool.program.schedule import program, skip_set, weekly_between
    from peertool.programs import group_program as program_of
    from peertool.validate import WEEKDAYS

    opened = dt.date.fromisoformat(group["start_on"])
    chosen = chosen or program_of(settings, group)  # the group's program, when the caller has it already
    start, skips = max(start, opened), skip_set(settings.skip_dates)
    if start >= end:
        return []
    if not chosen.drop_in:
        return weekly_between(opened, group["weekday"], year_end(opened, len(chosen.themes)), skips, start, end)
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    open_days = frozenset(WEEKDAYS.index(day) for day in group["days"].split(","))
    months = program([""] * count, start, group["weekday"], skips, open_days)
    return [day for month in months for day in month.meetings if start <= day < end]


def _unrecorded(scoped: Scoped) -> list[DueItem]:
    """Scheduled days with no meeting record, on which the group had members (a drop-in: any open day); the
    meetings and memberships of every group in scope read in one query each."""

    end = scoped.on
    start = end - dt.timedelta(weeks=scoped.settings.due_look_back_weeks)
    where, ids = in_ids("group_id", None if scoped.scope is None else [g["id"] for g in scoped.groups])
    held = set(scoped.db.execute(f"SELECT group_id, held_on FROM meetings WHERE held_on >= ? AND held_on < ? {where}",
                                 [start.isoformat(), end.isoformat(), *ids]))  # fmt: skip
    spans: dict[int, list[tuple[str, str | None]]] = {}
    memberships = f"SELECT group_id, joined_on, left_on FROM memberships WHERE TRUE {where}"
    for gid, joined, left in scoped.db.execute(memberships, ids):
        spans.setdefault(gid, []).append((joined, left))
    items = []
    for group in scoped.groups:
        gid, chosen = group["id"], scoped.program(group)
        named: Named = {"id": gid, "name": group["name"]}
        for day in (d.isoformat() for d in scheduled_days(group, scoped.settings, start, end, chosen)):
            if (gid, day) in held or not (chosen.drop_in or any(a <= day and (b is None or b > day)
                                                         for a, b in spans.get(gid, []))):  # fmt: skip
                continue
            settle = command("meeting", "record", gid, "--date", day)
            items.append(scoped.item(DueKind.unrecorded_meeting, day, settle, group=named))
    return items


_LAST = """
    SELECT m.id, m.group_id, m.held_on FROM peer_groups g JOIN meetings m ON m.id IN (
        SELECT l.id FROM meetings l WHERE l.group_id = g.id AND l.held_on < ?
        AND EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = l.id) ORDER BY l.held_on DESC LIMIT ?
    ) WHERE TRUE {where} ORDER BY m.group_id, m.held_on
"""  # each group's last meetings read backwards through its (group_id, held_on) index: flat as meetings pile up


def absent_in(db: Database, group_ids: list[int] | None, before: str, count: int) -> dict[int, list[Missed]]:
    """Of each group (None: every group), the current members marked absent (or excused) at each of its last
    `count` meetings before `before` that took attendance, with those meetings' dates: two queries for them all."""
    where, ids = in_ids("g.id", group_ids)
    last: dict[int, list[tuple[int, str]]] = {}
    for mid, gid, day in db.execute(_LAST.format(where=where), [before, count, *ids]):
        last.setdefault(gid, []).append((mid, day))
    meetings = [mid for held in last.values() if len(held) == count for mid, _ in held]
    if not meetings:
        return {}
    found: dict[int, list[Missed]] = {}
    for gid, pid, name in db.execute(
        f"""SELECT ms.group_id, p.id, p.name FROM attendance a JOIN meetings m ON m.id = a.meeting_id
            JOIN memberships ms ON ms.participant_id = a.participant_id AND ms.group_id = m.group_id
            AND ms.left_on IS NULL JOIN participants p ON p.id = a.participant_id
            WHERE a.meeting_id IN ({marks(meetings)}) AND a.present = 0
            GROUP BY ms.group_id, p.id HAVING count(*) = ? ORDER BY ms.group_id, p.id""",
        [*meetings, count],
    ):  # fmt: skip
        found.setdefault(gid, []).append({"id": pid, "name": name, "missed": [day for _, day in last[gid]]})
    return found


def absent_at_last(db: Database, group_id: int, before: str, count: int) -> list[Missed]:
    """Active members marked absent (or excused) at each of the group's last `count` meetings before `before`
    that took attendance, with those meetings' dates."""
    return absent_in(db, [group_id], before, count).get(group_id, [])


def _absent(scoped: Scoped) -> list[DueItem]:
    """Absent at their group's last `outreach_after_absences` meetings, with no contact note since the last."""
    ids = {p["id"] for p in scoped.people}
    after = (scoped.on + dt.timedelta(days=1)).isoformat()
    groups = None if scoped.scope is None else [g["id"] for g in scoped.member_groups]
    missed = [m for found in absent_in(scoped.db, groups, after, scoped.settings.outreach_after_absences).values()
              for m in found if m["id"] in ids]  # fmt: skip
    if not missed:
        return []
    pids = [m["id"] for m in missed]
    reached = set(scoped.db.execute(  # a contact note on or after the last missed meeting
        f"SELECT DISTINCT participant_id, noted_on FROM contact_notes WHERE participant_id IN ({marks(pids)})",
        pids).fetchall())  # fmt: skip
    noted: dict[int, str] = {}
    for pid, day in reached:
        noted[pid] = max(day, noted.get(pid, day))
    return [scoped.item(DueKind.absent, m["missed"][-1], command("note", "add", m["id"], "--edit"), person=m)
            for m in missed if noted.get(m["id"], "") < m["missed"][-1]]  # fmt: skip


def _running(group: dict[str, Any], scoped: Scoped) -> Program | None:
    """The group's program if it is a group-year program whose year contains the day asked about."""
    from peertool.dates import add_months

    chosen = scoped.program(group)
    start = dt.date.fromisoformat(group["start_on"])
    if chosen.drop_in or start > scoped.on:
        return None
    return chosen if add_months(start, len(chosen.themes)) > scoped.on else None  # its year: a month a theme


_UNPAIRED = """
    WITH latest AS (SELECT group_id, max(id) AS pairing_id FROM pairings WHERE group_id IN ({groups})
                    GROUP BY group_id),
    current AS (SELECT m.group_id, m.participant_id AS id, m.joined_on FROM memberships m
                WHERE m.left_on IS NULL AND m.group_id IN ({groups})),
    kept AS (  -- the latest pairing's teams, all still in the group, none of whose two are recorded as not working
        SELECT l.group_id, t.first_id, t.second_id, t.third_id FROM latest l
        JOIN pairing_pairs t ON t.pairing_id = l.pairing_id
        WHERE NOT EXISTS (SELECT 1 FROM (SELECT t.first_id AS id UNION ALL SELECT t.second_id UNION ALL
                                         SELECT t.third_id) x WHERE x.id IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM memberships m WHERE m.participant_id = x.id AND m.left_on IS NULL
              AND m.group_id = l.group_id))  -- memberships_one_active_group
          AND NOT EXISTS (SELECT 1 FROM team_breaks b WHERE b.after_pairing_id = l.pairing_id
                          AND b.first_id IN (t.first_id, t.second_id, t.third_id)
                          AND b.second_id IN (t.first_id, t.second_id, t.third_id)))
    SELECT c.group_id, p.id, p.name, CASE WHEN g.paired_on > c.joined_on THEN g.paired_on ELSE c.joined_on END
    FROM current c
    JOIN latest l ON l.group_id = c.group_id JOIN pairings g ON g.id = l.pairing_id
    JOIN participants p ON p.id = c.id
    WHERE p.stage = 'partnered' AND NOT EXISTS (SELECT 1 FROM kept k WHERE k.group_id = c.group_id
                                                AND c.id IN (k.first_id, k.second_id, k.third_id))
    ORDER BY c.group_id, p.id
"""


def _no_partner(scoped: Scoped) -> list[DueItem]:
    """A partnered member of a running, pairing group left out of its latest pairing's surviving teams (as
    `pairing.service.current_pairs` tells them), every such group read in one query. A group never paired is
    skipped: pairing it is the coach's next step, not a partner's loss. Due: the pairing, or their joining."""
    ids = {p["id"] for p in scoped.people}
    chosen = [g["id"] for g in scoped.member_groups if (program := _running(g, scoped)) is not None and program.pairs]
    if not chosen:
        return []
    return [
        scoped.item(DueKind.no_partner, since, command("pair", gid, "--keep-current"), person={"id": pid, "name": name})
        for gid, pid, name, since in scoped.db.execute(_UNPAIRED.format(groups=marks(chosen)), [*chosen, *chosen])
        if pid in ids
    ]


def _group_size(scoped: Scoped) -> list[DueItem]:
    items = []
    for group in scoped.groups:
        chosen = _running(group, scoped)
        if chosen is None:
            continue
        size, left = scoped.db.execute(
            "SELECT count(*) - count(left_on), max(left_on) FROM memberships WHERE group_id = ?",
            [group["id"]],
        ).fetchone()
        if size < chosen.size_min:
            since = max(group["start_on"], left or "")
            named: Named = {"id": group["id"], "name": group["name"]}
            items.append(scoped.item(DueKind.group_size, since, command("group", "add", group["id"], "REF"),
                                     group=named))  # fmt: skip
    return items


SOURCES: list[Source] = [_unrecorded, _absent, _no_partner, _group_size]
