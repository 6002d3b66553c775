"""Peer partners in the database: pairing a group, its history, and broken teams.

The decision itself is `solver.solve` (pure); this module gathers its inputs
(members, constraints, history, working pairs) and saves its result as the
group's current pairing. A refused pairing saves nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.clock import today_iso
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import InvalidInput, shown
from peertool.pairing.solver import Infeasible, Pair, Rules, explain, solve, solve_odd, warnings
from peertool.people.scope import GroupScope, load_group
from peertool.vocab import ODD_WAYS

if TYPE_CHECKING:
    from peertool.pairing.shapes import Current, Decision, History, Pairing, Pairs, SavedPairing, Team, Unpairing
    from peertool.people.shapes import Named
    from peertool.programs import Program
    from peertool.settings import Settings

Person = dict[str, Any]


def _brief(person: Person) -> Named:
    return {"id": person["id"], "name": person["name"]}


def pair_group(
    db: Database,
    group_ref: object,
    *,
    settings: Settings,
    seed: int = 0,
    exclude: Sequence[str] = (),
    avoid: Sequence[str] = (),
    keep: Sequence[str] = (),
    keep_current: bool = False,
    dry_run: bool = False,
    odd: str | None = None,
) -> Pairing:
    """Pair the group's active members (less `exclude`) optimally; save unless dry_run.

    An odd number is refused, or (`odd`, else the `pairing.odd` setting) forms
    exactly one trio, or partners one person with the coach.
    """
    way = validate.choice("odd", odd, ODD_WAYS) if odd else settings.odd
    request = _Request(settings, seed, exclude, avoid, keep, keep_current, way)
    with nullcontext(db) if dry_run else write(db):
        scope = load_group(db, group_ref)
        result = request.decide(scope)
        latest = _latest_pairing(db, scope.id) if keep_current else None
        if latest is not None and _teams(result["pairs"]) == _teams(_pairs_of(db, latest[0])):
            note = "the pairing is unchanged: every current pair is still working; nothing was saved."
            return {**result, "pairing_id": latest[0], "date": latest[1], "pairs": _pairs_of(db, latest[0]),
                    "warnings": [note], "saved": False}  # fmt: skip
        if not dry_run:
            _save(db, result)
    return {**result, "saved": not dry_run}


def _teams(pairs: list[Team]) -> set[tuple[str, frozenset[int]]]:
    """Teams as their kind and members, to tell whether two pairings are the same."""
    return {(team["kind"], frozenset(m["id"] for m in team["members"])) for team in pairs}


class _Request:
    """What `pair` was asked, applied to one group's members."""

    def __init__(
        self,
        settings: Settings,
        seed: int,
        exclude: Sequence[str],
        avoid: Sequence[str],
        keep: Sequence[str],
        keep_current: bool,
        odd: str,
    ):
        self.settings, self.seed, self.keep_current, self.odd = settings, seed, keep_current, odd
        self.exclude, self.avoid, self.keep = exclude, avoid, keep

    def decide(self, scope: GroupScope) -> Decision:
        """The optimal pairing of the scope's members, less those excluded (raises InvalidInput)."""
        db, everyone = scope.db, {p["id"]: p for p in scope.members}
        left_out = {scope.member(ref, "--exclude")["id"] for ref in validate.refs(list(self.exclude))}
        people = [p for pid, p in everyone.items() if pid not in left_out]
        _check_size(scope, len(everyone), len(left_out), self.settings, self.odd)
        present = {p["id"] for p in people}
        rules = Rules(policy=self.settings.gender_policy, seed=self.seed)
        rules.weights = dict(self.settings.weights)
        rules.keep = {_pair_option(scope, present, "--keep", text) for text in self.keep}
        rules.avoid = {_pair_option(scope, present, "--avoid", text): "--avoid" for text in self.avoid}
        _check_constraints(rules)
        for pair, when in _broken_teams(db, scope.id).items():
            rules.avoid.setdefault(pair, f"team recorded as not working on {when}")
        dates = _history(db, scope.id, rules)
        if self.keep_current:
            working = current_pairs(db, scope)["pairs"]
            rules.current = {
                frozenset(m["id"] for m in p["members"])
                for p in working
                if len(p["members"]) == 2 and all(m["id"] in present for m in p["members"])
            }
        try:
            chosen: list[tuple[Person, ...]] = list(solve(people, rules)) if len(people) % 2 == 0 else (
                solve_odd(people, rules, self.odd))  # fmt: skip
        except Infeasible as exc:
            raise _refusal(exc) from None
        pairs = [(t[0], t[1]) for t in chosen if len(t) == 2] + [
            (t[a], t[b]) for t in chosen if len(t) == 3 for a, b in ((0, 1), (0, 2), (1, 2))
        ]
        return {
            "group": scope.name,
            "group_id": scope.id,
            "pairing_id": None,
            "date": today_iso(),
            "seed": self.seed,
            "pairs": [_team(team, rules, dates) for team in chosen],
            "excluded": [_brief(everyone[pid]) for pid in sorted(left_out)],
            "warnings": warnings(pairs, rules),
        }


def _team(team: tuple[Person, ...], rules: Rules, dates: dict[Pair, str]) -> Team:
    """A pair, a trio or a person with the coach, as the JSON shows it, with the reasons for it."""
    members = [_brief(p) for p in team]
    if len(team) == 1:
        return {"kind": "coach", "members": members, "reasons": ["partnered with the coach: the group is odd"]}
    reasons = explain(team[0], team[1], rules, dates)
    if len(team) == 3:
        return {"kind": "trio", "members": members, "reasons": ["a trio: the group is odd", *reasons]}
    return {"kind": "pair", "members": members, "reasons": reasons}


def _check_size(scope: GroupScope, total: int, excluded: int, settings: Settings, odd: str) -> None:
    """Refuse a group whose program does not pair, or that has too few, too many or an odd number to pair
    (its program's size rule: `iml`'s is `group_size.*`)."""
    from peertool.programs import group_program

    program, group_id, count = group_program(settings, scope.group), scope.id, total - excluded
    if not program.pairs:
        raise InvalidInput(f"program {shown(program.name)} does not pair; group {group_id} belongs to it.")
    low, high = program.size_min, program.size_max or count
    if low <= count <= high and (count % 2 == 0 or odd != "refuse"):
        return
    why = "an odd number cannot all have partners" if count % 2 else f"a group pairs {low} to {high} people"
    ways = ["add someone (peertool group add)", "remove someone (peertool group remove)"]
    if count % 2 and low <= count <= high:
        ways = ["--odd trio (one team of three) or --odd coach (one person with the coach)"] + ways
    if count % 2 and count > low:
        ways.append("--exclude one who is absent today")
    if excluded and count < low:
        ways = ["exclude fewer people"] + ways
    people = "person" if count == 1 else "people"
    raise InvalidInput(
        f"group {group_id} has {count} {people} to pair ({total} members, {excluded} excluded): {why}.",
        hint="Ways out: " + "; ".join(ways) + ". Nothing was saved.",
    )


def _pair_option(scope: GroupScope, present: set[int], option: str, text: str) -> Pair:
    """'REF,REF' from --avoid or --keep, both present today and distinct."""
    refs = [part.strip() for part in str(text).split(",")]
    if len(refs) != 2 or not all(refs):
        raise InvalidInput(f"{option}: {shown(text)} is not two participants; write REF,REF e.g. 3,7.")
    ids = []
    for ref in refs:
        person = scope.member(ref, option)
        if person["id"] not in present:
            raise InvalidInput(f"{option}: participant {shown(ref)} is not being paired in group {scope.id} today.")
        ids.append(person["id"])
    if ids[0] == ids[1]:
        raise InvalidInput(f"{option}: {shown(text)} names the same person twice.")
    return frozenset(ids)


def _check_constraints(rules: Rules) -> None:
    both = rules.keep & set(rules.avoid)
    if both:
        ids = sorted(next(iter(both)))
        raise InvalidInput(f"ids {ids[0]} and {ids[1]} are in both --keep and --avoid.")
    seen: dict[int, Pair] = {}
    for pair in rules.keep:
        for pid in pair:
            if pid in seen:
                raise InvalidInput(f"id {pid} is in two --keep pairs; a person has one partner.")
            seen[pid] = pair


def _broken_teams(db: Database, group_id: int) -> dict[Pair, str]:
    rows = db.execute("SELECT first_id, second_id, recorded_on FROM team_breaks WHERE group_id = ?", [group_id])
    return {frozenset((a, b)): on for a, b, on in rows}


def _history(db: Database, group_id: int, rules: Rules) -> dict[Pair, str]:
    """Fill rules.history with recency ranks (a trio counts as its three pairs); return each pair's last date."""
    rows = db.execute(
        """SELECT p.id, p.paired_on, pp.first_id, pp.second_id, pp.third_id FROM pairings p
           JOIN pairing_pairs pp ON pp.pairing_id = p.id WHERE p.group_id = ? ORDER BY p.id DESC""",
        [group_id],
    ).fetchall()
    ranks = {pid: rank for rank, pid in enumerate(dict.fromkeys(row[0] for row in rows), start=1)}
    last: dict[Pair, str] = {}
    for pairing_id, paired_on, *ids in rows:
        members = [i for i in ids if i is not None]
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                pair = frozenset((a, b))
                rules.history.setdefault(pair, []).append(ranks[pairing_id])
                last.setdefault(pair, paired_on)
    return last


def _refusal(exc: Infeasible) -> InvalidInput:
    """Why no pairing exists, by id only (an error message carries no stored names).

    A failed trio is explained as a trio when `--odd coach` would work: who
    could be the one left over, and that the coach can take them.
    """
    trio = exc.trio
    if trio is None or not trio.spare:
        parts = [f"id {pid}: {'; '.join(why)}" for pid, why in exc.blocked.items()]
        return InvalidInput(
            "no full pairing satisfies the constraints. Cannot be paired: " + " | ".join(parts) + ".",
            hint="Nothing was saved.",
        )
    why = (
        "each trio that could be formed leaves others who cannot all be paired"
        if trio.any_trio
        else "among the people being paired, no three may all be partners of one another"
        " (--avoid, --keep or a team recorded with unpair rules out a pair in every three)"
    )
    ids = ", ".join(str(pid) for pid in trio.spare)
    over = f"always leaves id {ids}" if len(trio.spare) == 1 else f"leaves one person, who could be any of ids {ids},"
    return InvalidInput(
        f"no trio is possible: {why}. Pairing the group {over} over.",
        hint="Use --odd coach to partner that person with the coach. Nothing was saved.",
    )


def _save(db: Database, result: Decision) -> None:
    pairing_id = db.insert_id(
        "INSERT INTO pairings (group_id, paired_on, seed) VALUES (?, ?, ?)",
        [result["group_id"], result["date"], result["seed"]],
    )
    rows = []
    for team in result["pairs"]:
        ids = sorted(m["id"] for m in team["members"]) + [None, None]
        rows.append((pairing_id, ids[0], ids[1], ids[2], int(team["kind"] == "coach"), json.dumps(team["reasons"])))
    db.executemany(
        """INSERT INTO pairing_pairs (pairing_id, first_id, second_id, third_id, with_coach, reasons)
           VALUES (?, ?, ?, ?, ?, ?)""",
        rows,
    )
    result["pairing_id"] = pairing_id


def _latest_pairing(db: Database, group_id: int) -> tuple[int, str] | None:
    latest: tuple[int, str] | None = db.execute(
        "SELECT id, paired_on FROM pairings WHERE group_id = ? ORDER BY id DESC LIMIT 1", [group_id]
    ).fetchone()
    return latest


def _pairs_of(db: Database, pairing_id: int) -> list[Team]:
    rows = db.execute(
        """SELECT pp.first_id, a.name, pp.second_id, b.name, pp.third_id, c.name, pp.with_coach, pp.reasons
           FROM pairing_pairs pp JOIN participants a ON a.id = pp.first_id
           LEFT JOIN participants b ON b.id = pp.second_id LEFT JOIN participants c ON c.id = pp.third_id
           WHERE pp.pairing_id = ? ORDER BY pp.id""",
        [pairing_id],
    )
    teams: list[Team] = []
    for a, an, b, bn, c, cn, coach, reasons in rows:
        members: list[Named] = [{"id": i, "name": n} for i, n in ((a, an), (b, bn), (c, cn)) if i is not None]
        kind = "coach" if coach else "trio" if c is not None else "pair"
        teams.append({"kind": kind, "members": members, "reasons": json.loads(reasons)})
    return teams


def current_pairs(db: Database, scope: GroupScope) -> Current:
    """The latest saved pairing, less teams since recorded as not working and people who left."""
    active = {row["id"]: row["name"] for row in scope.members}
    latest = _latest_pairing(db, scope.id)
    pairs = []
    if latest:
        broken = {
            frozenset((a, b))
            for a, b in db.execute(
                "SELECT first_id, second_id FROM team_breaks WHERE after_pairing_id = ?", [latest[0]]
            )
        }
        pairs = [
            p
            for p in _pairs_of(db, latest[0])
            if all(m["id"] in active for m in p["members"])
            and not any(pair <= frozenset(m["id"] for m in p["members"]) for pair in broken)
        ]
    paired = {m["id"] for p in pairs for m in p["members"]}
    return {
        "date": latest[1] if latest else None,
        "pairing_id": latest[0] if latest else None,
        "pairs": pairs,
        "unpaired": [{"id": pid, "name": name} for pid, name in active.items() if pid not in paired],
    }


def show_pairs(db: Database, group_ref: object, *, program: Program | None = None) -> Pairs:
    """What `peertool pairs GROUP` shows; the group's `program` (default: iml's rule) says the fewest a group
    pairs with, and whether it pairs at all (a drop-in does not: no hint to run `pair`, which would refuse)."""
    scope = load_group(db, group_ref)
    current = current_pairs(db, scope)
    notes = []
    size = len(scope.members)
    if program is not None and not program.pairs:
        notes.append(f"program {shown(program.name)} does not pair; group {shown(scope.name)} has no pairs.")
    elif current["pairing_id"] is None:
        notes.append(f"group {shown(scope.name)} has not been paired yet; run: peertool pair {shown(scope.name)}")
    elif current["unpaired"]:
        count = len(current["unpaired"])
        fewest = program.size_min if program is not None else 6
        notes.append(f"{count} member(s) have no partner; " + _way_to_pair(scope.name, size, fewest))
    return {
        "group": scope.name,
        "group_id": scope.id,
        "date": current["date"],
        "pairs": current["pairs"],
        "unpaired": current["unpaired"],
        "warnings": notes,
    }


def _way_to_pair(name: str, size: int, min_size: int) -> str:
    """A command that will work for a group of `size` members: never one that would be refused."""
    if size % 2:
        return f"the group has {size} members, an odd number; run: peertool pair {shown(name)} --odd trio"
    if size < min_size:
        return f"the group has {size} members, fewer than {min_size}; add someone with `peertool group add`"
    return f"run: peertool pair {shown(name)} --keep-current"


def pairing_history(db: Database, group_ref: object) -> History:
    """Every saved pairing of the group, newest first."""
    from peertool.people.scope import resolve_group

    group = resolve_group(db, group_ref)
    rows = db.execute("SELECT id, paired_on FROM pairings WHERE group_id = ? ORDER BY id DESC", [group["id"]])
    pairings: list[SavedPairing] = [{"id": pid, "date": on, "pairs": _pairs_of(db, pid)} for pid, on in rows.fetchall()]
    return {"group": group["name"], "group_id": group["id"], "pairings": pairings}


def unpair(db: Database, group_ref: object, ref: object, reason: str) -> Unpairing:
    """Record that REF's current team is not working; they are not paired again unless kept.

    In a trio, REF's pairs with both others are broken, which dissolves it.
    `members` lists REF first, then those they are no longer partnered with.
    """
    reason = validate.required_text("reason", reason)
    with write(db):
        scope = load_group(db, group_ref)
        person = scope.member(ref)
        current = current_pairs(db, scope)
        team = next((p for p in current["pairs"] if person["id"] in {m["id"] for m in p["members"]}), None)
        if team is None or team["kind"] == "coach":
            raise InvalidInput(f"participant {shown(ref)} has no current partner in group {scope.id}.")
        ids = []
        for other in (m["id"] for m in team["members"] if m["id"] != person["id"]):
            first, second = sorted((person["id"], other))
            ids.append(
                insert(
                    db,
                    "team_breaks",
                    {
                        "group_id": scope.id,
                        "first_id": first,
                        "second_id": second,
                        "reason": reason,
                        "recorded_on": today_iso(),
                        "after_pairing_id": current["pairing_id"],
                    },  # fmt: skip
                )
            )
    members = sorted(team["members"], key=lambda m: m["id"] != person["id"])
    return {"id": ids[0], "ids": ids, "group": scope.name, "group_id": scope.id, "members": members,
            "reason": reason}  # fmt: skip
