"""Peer partners in the database: pairing a group, its history, and broken teams.

The decision itself is `pairing.solve` (pure); this module gathers its inputs
(members, constraints, history, working pairs) and saves its result as the
group's current pairing. A refused pairing saves nothing.
"""

import datetime as dt
import json

from sqlite_utils import Database

from peertool import validate
from peertool.errors import InvalidInput
from peertool.groups import members, resolve_group
from peertool.pairing import Infeasible, Rules, explain, solve, warnings
from peertool.participants import resolve_participant
from peertool.store import write


def _person(row: dict) -> dict:
    return {"id": row["id"], "name": row["name"], "gender": row["gender"], "stage": row["stage"],
            "interests": json.loads(row["interests"])}


def _brief(person: dict) -> dict:
    return {"id": person["id"], "name": person["name"]}


def pair_group(
    db: Database,
    group_ref: object,
    *,
    config,
    seed: int = 0,
    exclude: list[str] = (),
    avoid: list[str] = (),
    keep: list[str] = (),
    keep_current: bool = False,
    dry_run: bool = False,
) -> dict:
    """Pair the group's active members (less `exclude`) optimally; save unless dry_run."""
    args = dict(config=config, seed=seed, exclude=exclude, avoid=avoid, keep=keep, keep_current=keep_current)
    if dry_run:
        return {**_decide(db, group_ref, **args), "saved": False}
    with write(db):
        result = _decide(db, group_ref, **args)
        _save(db, result)
    return {**result, "saved": True}


def _decide(db, group_ref, *, config, seed, exclude, avoid, keep, keep_current) -> dict:
    group = resolve_group(db, group_ref)
    everyone = {row["id"]: _person(row) for row in members(db, group["id"])}
    left_out = {_member(db, everyone, group, ref)["id"] for ref in exclude}
    people = [p for pid, p in everyone.items() if pid not in left_out]
    _check_size(group, len(everyone), len(left_out), config)
    present = {p["id"]: p for p in people}
    rules = Rules(policy=config["pairing.gender_policy"], seed=seed)
    rules.weights = {name: config[f"pairing.weights.{name}"] for name in rules.weights}
    rules.keep = {_pair_option(db, present, group, "--keep", text) for text in keep}
    rules.avoid = {_pair_option(db, present, group, "--avoid", text): "--avoid" for text in avoid}
    _check_constraints(rules)
    for pair, when in _broken_teams(db, group["id"]).items():
        rules.avoid.setdefault(pair, f"team recorded as not working on {when}")
    dates = _history(db, group["id"], rules)
    if keep_current:
        rules.current = {frozenset(m["id"] for m in p["members"]) for p in current_pairs(db, group["id"])["pairs"]
                         if all(m["id"] in present for m in p["members"])}
    try:
        chosen = solve(people, rules)
    except Infeasible as exc:
        raise InvalidInput(_infeasible_message(exc.blocked), hint="Nothing was saved.") from None
    return {
        "group": group["name"],
        "group_id": group["id"],
        "pairing_id": None,
        "date": dt.date.today().isoformat(),
        "seed": seed,
        "pairs": [{"members": [_brief(a), _brief(b)], "reasons": explain(a, b, rules, dates)} for a, b in chosen],
        "excluded": [_brief(everyone[pid]) for pid in sorted(left_out)],
        "warnings": warnings(chosen, rules),
    }


def _member(db, everyone: dict, group: dict, ref: str) -> dict:
    person = resolve_participant(db, ref)
    if person["id"] not in everyone:
        raise InvalidInput(f"participant {ref!r} is not an active member of group {group['name']!r}.")
    return person


def _check_size(group: dict, total: int, excluded: int, config) -> None:
    count = total - excluded
    low, high = config["group_size.min"], config["group_size.max"]
    if count % 2 == 0 and low <= count <= high:
        return
    why = "an odd number cannot all have partners" if count % 2 else f"a group pairs {low} to {high} people"
    ways = ["add someone (peertool group add)", "remove someone (peertool group remove)"]
    if count % 2 and count > low:
        ways.append("--exclude one who is absent today")
    if excluded and count < low:
        ways = ["exclude fewer people"] + ways
    people = "person" if count == 1 else "people"
    raise InvalidInput(
        f"group {group['name']!r} has {count} {people} to pair ({total} members, {excluded} excluded): {why}.",
        hint="Ways out: " + "; ".join(ways) + ". Nothing was saved.",
    )


def _pair_option(db, present: dict, group: dict, option: str, text: str) -> frozenset:
    """'REF,REF' from --avoid or --keep, both present today and distinct."""
    refs = [part.strip() for part in str(text).split(",")]
    if len(refs) != 2 or not all(refs):
        raise InvalidInput(f"{option}: {text!r} is not two participants; write REF,REF e.g. 3,7.")
    ids = []
    for ref in refs:
        person = resolve_participant(db, ref)
        if person["id"] not in present:
            raise InvalidInput(f"{option}: participant {ref!r} is not being paired in group {group['name']!r} today.")
        ids.append(person["id"])
    if ids[0] == ids[1]:
        raise InvalidInput(f"{option}: {text!r} names the same person twice.")
    return frozenset(ids)


def _check_constraints(rules: Rules) -> None:
    both = rules.keep & set(rules.avoid)
    if both:
        ids = sorted(next(iter(both)))
        raise InvalidInput(f"ids {ids[0]} and {ids[1]} are in both --keep and --avoid.")
    seen: dict[int, frozenset] = {}
    for pair in rules.keep:
        for pid in pair:
            if pid in seen:
                raise InvalidInput(f"id {pid} is in two --keep pairs; a person has one partner.")
            seen[pid] = pair


def _broken_teams(db, group_id: int) -> dict[frozenset, str]:
    rows = db.execute("SELECT first_id, second_id, recorded_on FROM team_breaks WHERE group_id = ?", [group_id])
    return {frozenset((a, b)): on for a, b, on in rows}


def _history(db, group_id: int, rules: Rules) -> dict[frozenset, str]:
    """Fill rules.history with recency ranks; return each pair's last date together."""
    rows = db.execute(
        """SELECT p.id, p.paired_on, pp.first_id, pp.second_id FROM pairings p
           JOIN pairing_pairs pp ON pp.pairing_id = p.id WHERE p.group_id = ? ORDER BY p.id DESC""",
        [group_id],
    ).fetchall()
    ranks = {pid: rank for rank, pid in enumerate(dict.fromkeys(row[0] for row in rows), start=1)}
    last: dict[frozenset, str] = {}
    for pairing_id, paired_on, a, b in rows:
        pair = frozenset((a, b))
        rules.history.setdefault(pair, []).append(ranks[pairing_id])
        last.setdefault(pair, paired_on)
    return last


def _infeasible_message(blocked: dict[int, list[str]]) -> str:
    """Who cannot be paired and why, by id only: an error message carries no stored names."""
    parts = [f"id {pid}: {'; '.join(why)}" for pid, why in blocked.items()]
    return "no full pairing satisfies the constraints. Cannot be paired: " + " | ".join(parts) + "."


def _save(db, result: dict) -> None:
    pairing_id = db.execute(
        "INSERT INTO pairings (group_id, paired_on, seed) VALUES (?, ?, ?)",
        [result["group_id"], result["date"], result["seed"]],
    ).lastrowid
    db.conn.executemany(
        "INSERT INTO pairing_pairs (pairing_id, first_id, second_id, reasons) VALUES (?, ?, ?, ?)",
        [(pairing_id, *sorted(m["id"] for m in p["members"]), json.dumps(p["reasons"])) for p in result["pairs"]],
    )
    result["pairing_id"] = pairing_id


def _latest_pairing(db, group_id: int):
    return db.execute(
        "SELECT id, paired_on FROM pairings WHERE group_id = ? ORDER BY id DESC LIMIT 1", [group_id]
    ).fetchone()


def _pairs_of(db, pairing_id: int) -> list[dict]:
    rows = db.execute(
        """SELECT pp.first_id, a.name, pp.second_id, b.name, pp.reasons FROM pairing_pairs pp
           JOIN participants a ON a.id = pp.first_id JOIN participants b ON b.id = pp.second_id
           WHERE pp.pairing_id = ? ORDER BY pp.id""",
        [pairing_id],
    )
    return [{"members": [{"id": a, "name": an}, {"id": b, "name": bn}], "reasons": json.loads(reasons)}
            for a, an, b, bn, reasons in rows]


def current_pairs(db: Database, group_id: int) -> dict:
    """The latest saved pairing, less teams since recorded as not working and people who left."""
    active = {row["id"]: row["name"] for row in members(db, group_id)}
    latest = _latest_pairing(db, group_id)
    pairs = []
    if latest:
        broken = {frozenset((a, b)) for a, b in db.execute(
            "SELECT first_id, second_id FROM team_breaks WHERE after_pairing_id = ?", [latest[0]])}
        pairs = [p for p in _pairs_of(db, latest[0])
                 if all(m["id"] in active for m in p["members"])
                 and frozenset(m["id"] for m in p["members"]) not in broken]
    paired = {m["id"] for p in pairs for m in p["members"]}
    return {
        "date": latest[1] if latest else None,
        "pairing_id": latest[0] if latest else None,
        "pairs": pairs,
        "unpaired": [{"id": pid, "name": name} for pid, name in active.items() if pid not in paired],
    }


def show_pairs(db: Database, group_ref: object) -> dict:
    """What `peertool pairs GROUP` shows."""
    group = resolve_group(db, group_ref)
    current = current_pairs(db, group["id"])
    notes = []
    if current["pairing_id"] is None:
        notes.append(f"group {group['name']!r} has not been paired yet; run: peertool pair {group['name']!r}")
    elif current["unpaired"]:
        notes.append(f"{len(current['unpaired'])} member(s) have no partner; run: peertool pair {group['name']!r} --keep-current")
    return {"group": group["name"], "date": current["date"], "pairs": current["pairs"],
            "unpaired": current["unpaired"], "warnings": notes}


def pairing_history(db: Database, group_ref: object) -> dict:
    """Every saved pairing of the group, newest first."""
    group = resolve_group(db, group_ref)
    rows = db.execute("SELECT id, paired_on FROM pairings WHERE group_id = ? ORDER BY id DESC", [group["id"]])
    return {"group": group["name"],
            "pairings": [{"id": pid, "date": on, "pairs": _pairs_of(db, pid)} for pid, on in rows.fetchall()]}


def unpair(db: Database, group_ref: object, ref: object, reason: str) -> dict:
    """Record that REF's current team is not working; they are not paired again unless kept."""
    reason = validate.text("reason", reason, required=True)
    with write(db):
        group = resolve_group(db, group_ref)
        person = resolve_participant(db, ref)
        current = current_pairs(db, group["id"])
        team = next((p for p in current["pairs"] if person["id"] in {m["id"] for m in p["members"]}), None)
        if team is None:
            raise InvalidInput(f"participant {ref!r} has no current partner in group {group['name']!r}.")
        first, second = sorted(m["id"] for m in team["members"])
        db.execute(
            """INSERT INTO team_breaks (group_id, first_id, second_id, reason, recorded_on, after_pairing_id)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [group["id"], first, second, reason, dt.date.today().isoformat(), current["pairing_id"]],
        )
    return {"group": group["name"], "members": team["members"], "reason": reason}
