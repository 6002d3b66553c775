"""Choosing peer partners: an exact optimum over every perfect matching.

Plain data in, plain data out; no database. A group of up to 12 has at most
10,395 perfect matchings; a dynamic programme over bitmasks finds the best
one exactly (never a greedy guess) in a few milliseconds.

The score of a pairing is the sum of its pairs' costs, each component of
which lies in [0, 1] per pair:

1. mixed      1 for a male/female pair under the `avoid-mixed` policy
2. solo       1 when one partner is `ready-solo` and the other is not
3. repeat     1/k when the two were last paired in the group's k-th most
              recent pairing (a recent repeat costs more than an old one)
4. interests  minus s/(s+1) for s shared interests (more is better)

weighted by the config (defaults 1000, 100, 10, 1). With at most 6 pairs a
level can never add up to one unit of the level above, so with the defaults
the priorities are strict. Hard constraints (`avoid`, `keep`) remove or force
pairs. With `current` (re-pairing only those who lost a partner), breaking a
working pair costs more than everything else, so working pairs are kept
whenever a full pairing allows it. Ties are broken by a seeded draw, so the
same input and seed always give the same pairs.
"""

import random
from dataclasses import dataclass, field
from typing import Any

Pair = frozenset[int]
Person = dict[str, Any]
Cost = tuple[int, float]
Costs = list[list[Cost | None]]
Matching = tuple[int, float, tuple[tuple[int, int], ...]]

SCALE = 1_000_000  # pair costs are integers in millionths, so sums compare exactly
KEEP_CURRENT_WEIGHT = 10**6
MALE = {"m", "male", "man", "boy", "trans man", "transgender man"}
FEMALE = {"f", "female", "woman", "girl", "trans woman", "transgender woman"}


@dataclass(frozen=True)
class TrioFailure:
    """Why no trio works: whether any three people may all be partners, and who could be left over.

    `spare` holds the ids of everyone whom the rest could pair around (each
    one could be the person left over, and `--odd coach` would partner them
    with the coach); empty when no one could.
    """

    any_trio: bool
    spare: list[int]


class Infeasible(Exception):
    """No full pairing satisfies the hard constraints; `blocked` says who and why, `trio` why a trio failed."""

    def __init__(self, blocked: dict[int, list[str]], trio: TrioFailure | None = None):
        super().__init__("no full pairing satisfies the constraints")
        self.blocked = blocked
        self.trio = trio


@dataclass
class Rules:
    """Everything a pairing decision depends on besides the people."""

    policy: str = "avoid-mixed"
    weights: dict[str, float] = field(
        default_factory=lambda: {"mixed_gender": 1000, "solo_mismatch": 100, "repeat": 10, "shared_interest": 1}
    )
    avoid: dict[Pair, str] = field(default_factory=dict)  # pair -> why it is forbidden
    keep: set[Pair] = field(default_factory=set)  # pairs that must be together
    history: dict[Pair, list[int]] = field(default_factory=dict)  # pair -> recency ranks (1 = latest)
    current: set[Pair] = field(default_factory=set)  # working pairs to keep if possible
    seed: int = 0


def gender_class(gender: str | None) -> str | None:
    """'male', 'female', or None for other or unrecorded genders (no penalty)."""
    value = (gender or "").strip().lower()
    return "male" if value in MALE else "female" if value in FEMALE else None


def components(a: Person, b: Person, rules: Rules) -> dict[str, float]:
    """The four preference components of one pair, each in [0, 1]."""
    ga, gb = gender_class(a.get("gender")), gender_class(b.get("gender"))
    ranks = rules.history.get(frozenset((a["id"], b["id"])), [])
    shared = len(set(a.get("interests", [])) & set(b.get("interests", [])))
    return {
        "mixed_gender": int(rules.policy == "avoid-mixed" and {ga, gb} == {"male", "female"}),
        "solo_mismatch": int((a.get("stage") == "ready-solo") != (b.get("stage") == "ready-solo")),
        "repeat": 1 / min(ranks) if ranks else 0.0,
        "shared_interest": -shared / (shared + 1),
    }


def pair_cost(a: Person, b: Person, rules: Rules) -> int:
    """A pair's weighted cost, as an integer for exact comparison."""
    parts = components(a, b, rules)
    cost = sum(rules.weights[name] * value for name, value in parts.items())
    pair = frozenset((a["id"], b["id"]))
    broken = sum(1 for p in rules.current if p & pair and p != pair)
    return round(cost * SCALE) + broken * KEEP_CURRENT_WEIGHT * SCALE


def allowed(a: Person, b: Person, rules: Rules) -> bool:
    """Whether the hard constraints let a and b be partners."""
    pair = frozenset((a["id"], b["id"]))
    if pair in rules.keep:
        return True
    if pair in rules.avoid:
        return False
    return not any(p & pair for p in rules.keep)


def _costs(people: list[Person], rules: Rules) -> Costs:
    """Each allowed pair's (cost, tie-break draw); None where the hard constraints forbid the pair."""
    n = len(people)
    draw = random.Random(rules.seed)
    cost: Costs = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if allowed(people[i], people[j], rules):
                cost[i][j] = (pair_cost(people[i], people[j], rules), draw.random())
    return cost


def solve(people: list[Person], rules: Rules) -> list[tuple[Person, Person]]:
    """The optimal full pairing of an even list of people (raises Infeasible)."""
    n = len(people)
    if n % 2:
        raise ValueError("an odd number of people cannot all be paired")
    cost = _costs(people, rules)
    best = _best_matching(n, cost)
    if best is None:
        raise Infeasible(_blocked(people, cost, rules))
    return [(people[i], people[j]) for i, j in best[2]]


def solve_odd(people: list[Person], rules: Rules, way: str) -> list[tuple[Person, ...]]:
    """The optimal teams of an odd list of people: pairs and exactly one trio, or pairs and one person
    partnered with the coach (a team of one).

    A trio costs the sum of its three pairs' costs; every pair in it must be
    allowed. With the coach, the person left to them is whoever lets the
    rest pair best. Exact, like `solve` (raises Infeasible).
    """
    n = len(people)
    if n % 2 == 0:
        raise ValueError("an even number of people pair without a trio or the coach")
    cost = _costs(people, rules)
    teams = _best_with_trio(n, cost) if way == "trio" else _best_with_coach(n, cost, rules)
    if teams is None:
        trio = _trio_failure(people, cost) if way == "trio" else None
        raise Infeasible(_blocked(people, cost, rules), trio)
    return [tuple(people[i] for i in team) for team in teams]


def _trio_failure(people: list[Person], cost: Costs) -> TrioFailure:
    """Why no pairs-and-one-trio exists, in terms of the trio (see TrioFailure)."""
    n = len(people)
    any_trio = any(
        None not in (cost[i][j], cost[i][k], cost[j][k])
        for i in range(n)
        for j in range(i + 1, n)
        for k in range(j + 1, n)
    )
    spare = [people[lone]["id"] for lone in range(n) if _matching_without(n, cost, lone)[1] is not None]
    return TrioFailure(any_trio, spare)


def _matching_without(n: int, cost: Costs, lone: int) -> tuple[list[int], Matching | None]:
    """The cheapest perfect matching of everyone but `lone`, with the indices it is over (None: there is none)."""
    others = [i for i in range(n) if i != lone]
    sub_cost: Costs = [[cost[a][b] if a < b else None for b in others] for a in others]
    return others, _best_matching(len(others), sub_cost)


def _best_with_trio(n: int, cost: Costs) -> list[tuple[int, ...]] | None:
    """Pairs and one trio, cheapest in total, by DP over (people left, trio still to place)."""

    def pair(i: int, j: int) -> Cost | None:
        return cost[min(i, j)][max(i, j)]

    memo: dict[tuple[int, bool], tuple[int, float, tuple[tuple[int, ...], ...]] | None] = {}

    def best(mask: int, trio_left: bool) -> tuple[int, float, tuple[tuple[int, ...], ...]] | None:
        if mask == 0:
            return None if trio_left else (0, 0.0, ())
        key = (mask, trio_left)
        if key in memo:
            return memo[key]
        i = (mask & -mask).bit_length() - 1
        rest = [j for j in range(i + 1, n) if mask >> j & 1]
        options: list[tuple[tuple[int, ...], int, float, int, bool]] = []
        for j in rest:
            if (c := pair(i, j)) is not None:
                options.append(((i, j), c[0], c[1], mask & ~(1 << i) & ~(1 << j), trio_left))
        if trio_left:
            for a, j in enumerate(rest):
                for k in rest[a + 1 :]:
                    parts = [pair(i, j), pair(i, k), pair(j, k)]
                    if all(p is not None for p in parts):
                        total = sum(p[0] for p in parts if p)
                        tie = sum(p[1] for p in parts if p)
                        options.append(((i, j, k), total, tie, mask & ~(1 << i) & ~(1 << j) & ~(1 << k), False))
        found: tuple[int, float, tuple[tuple[int, ...], ...]] | None = None
        for team, total, tie, left, flag in options:
            sub = best(left, flag)
            if sub is not None and (found is None or (total + sub[0], tie + sub[1]) < found[:2]):
                found = (total + sub[0], tie + sub[1], (team,) + sub[2])
        memo[key] = found
        return found

    result = best((1 << n) - 1, True)
    return list(result[2]) if result else None


def _best_with_coach(n: int, cost: Costs, rules: Rules) -> list[tuple[int, ...]] | None:
    """Pairs and one person with the coach: whoever lets the rest pair best (a draw breaks ties)."""
    draw = random.Random(rules.seed + 1)
    found: tuple[int, float, list[tuple[int, ...]]] | None = None
    for lone in range(n):
        others, best = _matching_without(n, cost, lone)
        if best is None:
            continue
        candidate = (best[0], best[1] + draw.random())
        if found is None or candidate < found[:2]:
            found = (*candidate, [(others[i], others[j]) for i, j in best[2]] + [(lone,)])
    return found[2] if found else None


def _best_matching(n: int, cost: Costs) -> Matching | None:
    """(cost, tie-break, pairs) of the cheapest perfect matching, by DP over bitmasks.

    The lowest unpaired person is always paired next, so each matching is
    reached exactly once; a memo keyed by the set of people left shares work.
    """
    memo: dict[int, Matching | None] = {0: (0, 0.0, ())}

    def best(mask: int) -> Matching | None:
        if mask in memo:
            return memo[mask]
        i = (mask & -mask).bit_length() - 1
        rest = mask & ~(1 << i)
        found: Matching | None = None
        bits = rest
        while bits:
            low = bits & -bits
            j = low.bit_length() - 1
            bits ^= low
            pair = cost[i][j]
            if pair is None:
                continue
            sub = best(rest & ~low)
            if sub is None:
                continue
            total, tie = pair[0] + sub[0], pair[1] + sub[1]
            if found is None or (total, tie) < found[:2]:
                found = (total, tie, ((i, j),) + sub[2])
        memo[mask] = found
        return found

    return best((1 << n) - 1)


def _blocked(people: list[Person], cost: Costs, rules: Rules) -> dict[int, list[str]]:
    """Who cannot be paired, and why.

    People with no allowed partner at all, if there are any; otherwise those
    left over by a largest possible partial pairing.
    """
    n = len(people)
    stranded = {i for i in range(n) if all(cost[min(i, j)][max(i, j)] is None for j in range(n) if j != i)}
    unmatched = stranded or set(range(n)) - _largest_matching(n, cost)
    blocked: dict[int, list[str]] = {}
    for i in sorted(unmatched):
        person = people[i]
        reasons = []
        for j, other in enumerate(people):
            if j == i:
                continue
            pair = frozenset((person["id"], other["id"]))
            if pair in rules.avoid:
                reasons.append(f"{rules.avoid[pair]} with id {other['id']}")
            elif not allowed(person, other, rules):
                kept = sorted(next(p for p in rules.keep if p & pair))
                reasons.append(f"--keep holds ids {kept[0]} and {kept[1]} together")
        blocked[person["id"]] = list(dict.fromkeys(reasons)) or ["the partners left are all taken by kept pairs"]
    return blocked


def _largest_matching(n: int, cost: Costs) -> set[int]:
    """Indices covered by one maximum-cardinality matching of the allowed pairs."""
    memo: dict[int, tuple[int, frozenset[int]]] = {0: (0, frozenset())}

    def largest(mask: int) -> tuple[int, frozenset[int]]:
        if mask not in memo:
            i = (mask & -mask).bit_length() - 1
            rest = mask & ~(1 << i)
            result = largest(rest)
            for j in range(n):
                if rest >> j & 1 and cost[min(i, j)][max(i, j)] is not None:
                    size, covered = largest(rest & ~(1 << j))
                    if size + 1 > result[0]:
                        result = (size + 1, covered | {i, j})
            memo[mask] = result
        return memo[mask]

    return set(largest((1 << n) - 1)[1])


def explain(a: Person, b: Person, rules: Rules, history_dates: dict[Pair, str]) -> list[str]:
    """Why this pair: shared interests, times paired before, stage, constraints."""
    pair = frozenset((a["id"], b["id"]))
    reasons = []
    if pair in rules.keep:
        reasons.append("kept together as asked (--keep)")
    elif pair in rules.current:
        reasons.append("a working pair kept from the current pairing")
    shared = sorted(set(a.get("interests", [])) & set(b.get("interests", [])))
    reasons.append(f"shared interests: {', '.join(shared)}" if shared else "no shared interests")
    times = len(rules.history.get(pair, []))
    if times:
        reasons.append(f"paired {times} time{'s' if times > 1 else ''} before, last on {history_dates[pair]}")
    else:
        reasons.append("never paired before")
    solo = [p["name"] for p in (a, b) if p.get("stage") == "ready-solo"]
    if len(solo) == 2:
        reasons.append("both ready to go out on their own")
    elif solo:
        reasons.append(f"only {solo[0]} is ready to go out on their own")
    return reasons


def warnings(pairs: list[tuple[Person, Person]], rules: Rules) -> list[str]:
    """Preferences the chosen (optimal) pairing still breaks, in priority order.

    A pair kept on purpose (--keep, or a working pair) is only flagged for
    what it breaks, not as a choice the solver could have avoided.
    """
    found = []
    for a, b in pairs:
        parts = components(a, b, rules)
        names = f"{a['name']} (id {a['id']}) and {b['name']} (id {b['id']})"
        kept = frozenset((a["id"], b["id"])) in rules.keep | rules.current
        because = "kept together as asked" if kept else None
        if parts["mixed_gender"]:
            found.append(f"{names} are a male/female pair: {because or 'no full pairing avoids one'}.")
        if parts["solo_mismatch"]:
            found.append(
                f"{names}: only one of them is ready-solo; {because or 'no other ready-solo partner was free'}."
            )
        if parts["repeat"] and not kept:
            found.append(f"{names} have been paired before.")
    return found
