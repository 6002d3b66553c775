"""Who and what `due` looks at: the day asked about, the people and groups in scope, and the item every source
of `outcomes.due` returns (a module of its own, so the sources and the registry that lists them need not import
each other)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from peertool.db.ids import in_ids, marks
from peertool.vocab import DUE_KINDS

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.people.shapes import Named, StaffBrief
    from peertool.programs import Program
    from peertool.settings import Settings

AHEAD_DAYS = 7  # an item due within this many days after the day asked about is listed, as due (not overdue)


class Scope(TypedDict):
    """Whose items to list: groups by id (their items, and their current members') and people by id."""

    groups: list[int]
    people: list[int]
    team: NotRequired[list[int]]  # whose supervision time is in scope: those a caseload's member supervises


class DueItem(TypedDict):
    """One item of `due`: what is due, by when, whether it is overdue, whose, and the command that settles it.
    `participant` is null for a group's item; `group` is a person's current group (null: none); `staff` is the
    staff member it falls to: the person's assigned one, else the group's coach (null: neither, or no staff)."""

    kind: str
    due: str
    overdue: bool
    participant: Named | None
    group: Named | None
    staff: StaffBrief | None
    settle: str


class Scoped:
    """What every source reads: the day asked about, the last day listed, and the people and groups in scope,
    each read once. `people`: active participants (id, name, enrolled_on); `groups`: the groups in scope (rows);
    `group_of`: each of those people's current group; `member_groups`: the groups in scope and those people's
    groups (rows), whose members' items are listed."""

    def __init__(self, db: Database, settings: Settings, on: dt.date, scope: Scope | None):
        self.db, self.settings, self.on, self.scope = db, settings, on, scope
        self.until = on + dt.timedelta(days=AHEAD_DAYS)
        self.on_iso = on.isoformat()
        self._programs: dict[int, Program] = {}
        self.groups = load_groups(db, None if scope is None else scope["groups"])
        where, params = "", []
        if scope is not None:  # by id, through the indexes: a caseload costs the same in any database
            ids = {*scope["people"], *(row[0] for row in db.execute(
                f"SELECT participant_id FROM memberships WHERE group_id IN ({marks(scope['groups'])}) "
                "AND left_on IS NULL", scope["groups"]))}  # fmt: skip
            where, params = f"AND p.id IN ({marks(sorted(ids))})", sorted(ids)
        rows = db.execute(
            "SELECT p.id, p.name, p.enrolled_on, p.staff_id FROM participants p "
            f"WHERE p.status = 'active' {where} ORDER BY p.id",
            params,
        ).fetchall()
        self.people = [{"id": r[0], "name": r[1], "enrolled_on": r[2]} for r in rows]
        self.everyone = scope is None  # every active participant: reads take no list of ids
        self.group_of = _current_groups(db, None if self.everyone else [p["id"] for p in self.people])
        known = {group["id"] for group in self.groups}
        theirs = load_groups(db, sorted({g["id"] for g in self.group_of.values()} - known))
        self.member_groups = sorted([*self.groups, *theirs], key=lambda group: int(group["id"]))
        self._staff_links(rows if scope is not None else db.execute(
            "SELECT id, NULL, NULL, staff_id FROM participants WHERE staff_id IS NOT NULL").fetchall())  # fmt: skip

    def _staff_links(self, people: list[tuple[Any, ...]]) -> None:
        """Whom each item falls to: a person's assigned staff member (`staff_of`; with no scope, discharged
        people's too, whose notes may await a signature), else their group's coach (`coach_of`)."""
        from peertool.people.staff import briefs

        self.staff_of: dict[int, int] = {row[0]: row[3] for row in people if row[3] is not None}
        self.coach_of: dict[int, int] = {g["id"]: g["coach_id"] for g in self.member_groups if g["coach_id"]}
        self.staff = briefs(self.db, {*self.staff_of.values(), *self.coach_of.values()})

    def record_people(self) -> list[int] | None:
        """Whose records awaiting a signature or co-signature are in scope (None: everyone's): the active people
        in scope and the caseload's own people, discharged too, whose discharge is such a record."""
        if self.scope is None:
            return None
        return sorted({*self.scope["people"], *(person["id"] for person in self.people)})

    def program(self, group: Mapping[str, Any]) -> Program:
        """The group's program (`programs.group_program`), worked out once per group however many sources ask."""
        found = self._programs.get(group["id"])
        if found is None:
            from peertool.programs import group_program

            found = self._programs[group["id"]] = group_program(self.settings, dict(group))
        return found

    def item(self, kind: str, due: str, settle: str, *, person: Mapping[str, Any] | None = None,
             group: Named | None = None) -> DueItem:  # fmt: skip
        """One item; a person's group is their current one unless given. It falls to the person's assigned staff
        member, else to the group's coach (one inline look-up each: `due --all` makes tens of thousands)."""
        assert kind in DUE_KINDS, kind
        who: Named | None = None
        where, sid = group, None
        if person is not None:
            pid = person["id"]
            who, sid = {"id": pid, "name": person["name"]}, self.staff_of.get(pid)
            if group is None:
                where = self.group_of.get(pid)
        if sid is None and where is not None:
            sid = self.coach_of.get(where["id"])
        return {"kind": kind, "due": due, "overdue": due < self.on_iso, "participant": who, "group": where,
                "staff": None if sid is None else self.staff[sid], "settle": settle}  # fmt: skip


Source = Callable[[Scoped], list[DueItem]]


def load_groups(db: Database, ids: list[int] | None) -> list[dict[str, Any]]:
    """Group rows by id (None: every group), in order of id."""
    where = "" if ids is None else f"WHERE id IN ({marks(ids)})"
    cursor = db.execute(f"SELECT * FROM peer_groups {where} ORDER BY id", ids or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _current_groups(db: Database, pids: list[int] | None) -> dict[int, Named]:
    """Each person's current group (pids None: everyone's)."""
    where, params = in_ids("m.participant_id", pids)
    rows = db.execute(
        f"""SELECT m.participant_id, g.id, g.name FROM memberships m JOIN peer_groups g ON g.id = m.group_id
            WHERE m.left_on IS NULL {where}""",
        params,
    )
    return {pid: {"id": gid, "name": name} for pid, gid, name in rows}
