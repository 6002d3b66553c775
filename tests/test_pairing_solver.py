"""The solver against its oracle: brute-force enumeration of every perfect matching."""

import random
from collections.abc import Iterator, Sequence
from typing import Any, cast

import pytest

from peertool.pairing.solver import (
    Cost,
    Costs,
    Infeasible,
    Person,
    Rules,
    _costs,
    allowed,
    components,
    gender_class,
    pair_cost,
    solve,
    solve_odd,
    warnings,
)

TAGS = ["hiking", "music", "art", "cooking", "movies", "chess", "fishing", "reading"]
GENDERS: list[str | None] = ["male", "female", "Female", "M", "nonbinary", None]


def matchings(items: list[Any]) -> Iterator[list[tuple[Any, Any]]]:
    """Every perfect matching of an even list (the oracle)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for k, other in enumerate(rest):
        for tail in matchings(rest[:k] + rest[k + 1 :]):
            yield [(first, other)] + tail


def random_case(rng: random.Random, n: int) -> tuple[list[Person], Rules]:
    people: list[Person] = [
        {
            "id": i + 1,
            "name": f"Person {i + 1}",
            "gender": rng.choice(GENDERS),
            "stage": rng.choice(["partnered", "partnered", "ready-solo"]),
            "interests": rng.sample(TAGS, rng.randint(0, 4)),
        }
        for i in range(n)
    ]
    ids: list[int] = [p["id"] for p in people]
    pairs = [frozenset(rng.sample(ids, 2)) for _ in range(rng.randint(0, n))]
    history = {p: sorted(rng.sample(range(1, 6), rng.randint(1, 2))) for p in pairs[: n // 2]}
    avoid = {p: "--avoid" for p in pairs[n // 2 :]}
    keep = set()
    if rng.random() < 0.3:
        a, b = rng.sample(ids, 2)
        keep = {frozenset((a, b))}
        avoid.pop(frozenset((a, b)), None)
    return people, Rules(avoid=avoid, keep=keep, history=history, seed=rng.randint(0, 99))


def brute_best(people: list[Person], rules: Rules) -> int | None:
    costs = [
        sum(pair_cost(a, b, rules) for a, b in m) for m in matchings(people) if all(allowed(a, b, rules) for a, b in m)
    ]
    return min(costs) if costs else None


def test_the_oracle_counts_10395_matchings_at_12() -> None:
    assert sum(1 for _ in matchings(list(range(12)))) == 10395


@pytest.mark.parametrize("case", range(300))
def test_solver_is_optimal_against_brute_force(case: int) -> None:
    rng = random.Random(case)
    n = [6, 8, 10, 12][case % 4]
    people, rules = random_case(rng, n)
    best = brute_best(people, rules)
    if best is None:
        with pytest.raises(Infeasible) as err:
            solve(people, rules)
        assert err.value.blocked
        return
    chosen = solve(people, rules)
    assert sorted(p["id"] for pair in chosen for p in pair) == list(range(1, n + 1))
    assert all(allowed(a, b, rules) for a, b in chosen)
    assert sum(pair_cost(a, b, rules) for a, b in chosen) == best


@pytest.mark.parametrize("case", range(40))
def test_default_weights_give_strict_priorities(case: int) -> None:
    """With the default weights the optimum is lexicographically best: mixed, solo, repeat, interests."""
    rng = random.Random(1000 + case)
    people, rules = random_case(rng, [6, 8, 10][case % 3])
    rules.avoid, rules.keep = {}, set()

    def key(matching: list[tuple[Person, Person]]) -> tuple[float, ...]:
        parts = [components(a, b, rules) for a, b in matching]
        return tuple(
            round(sum(p[name] for p in parts), 9)
            for name in ("mixed_gender", "solo_mismatch", "repeat", "shared_interest")
        )

    assert key(solve(people, rules)) == min(key(m) for m in matchings(people))


def test_same_seed_same_pairs_and_seeds_break_ties() -> None:
    people: list[Person] = [
        {"id": i, "name": str(i), "gender": None, "stage": "partnered", "interests": []} for i in range(1, 9)
    ]
    runs = {seed: [tuple(sorted((a["id"], b["id"]))) for a, b in solve(people, Rules(seed=seed))] for seed in range(20)}
    assert all(runs[s] == [tuple(sorted((a["id"], b["id"]))) for a, b in solve(people, Rules(seed=s))] for s in runs)
    assert len({tuple(v) for v in runs.values()}) > 1


def test_gender_classes_and_policy() -> None:
    assert gender_class("Female") == "female" and gender_class(" M ") == "male"
    assert gender_class("nonbinary") is None and gender_class(None) is None
    man = {"id": 1, "name": "a", "gender": "male"}
    woman = {"id": 2, "name": "b", "gender": "female"}
    assert components(man, woman, Rules())["mixed_gender"] == 1
    assert components(man, woman, Rules(policy="any"))["mixed_gender"] == 0


def test_unavoidable_mixed_pair_is_warned() -> None:
    people = [
        {"id": i, "name": f"P{i}", "gender": g, "stage": "partnered", "interests": []}
        for i, g in enumerate(["male", "male", "male", "female", "female", "female"], start=1)
    ]
    rules = Rules()
    chosen = solve(people, rules)
    mixed = [w for w in warnings(chosen, rules) if "male/female" in w]
    assert len(mixed) == 1


def test_keep_overrides_avoid_and_stranded_people_are_named() -> None:
    people: list[Person] = [
        {"id": i, "name": f"P{i}", "gender": None, "stage": "partnered", "interests": []} for i in range(1, 7)
    ]
    rules = Rules(avoid={frozenset((1, j)): "--avoid" for j in range(2, 7)})
    with pytest.raises(Infeasible) as err:
        solve(people, rules)
    assert list(err.value.blocked) == [1]
    rules.keep = {frozenset((1, 2))}
    assert {1, 2} in [{a["id"], b["id"]} for a, b in solve(people, rules)]


def test_keep_current_keeps_working_pairs() -> None:
    people = [
        {"id": i, "name": f"P{i}", "gender": None, "stage": "partnered", "interests": ["x"] if i in (1, 3) else []}
        for i in range(1, 7)
    ]
    rules = Rules(current={frozenset((1, 2)), frozenset((3, 4))})
    chosen = {frozenset((a["id"], b["id"])) for a, b in solve(people, rules)}
    assert chosen == {frozenset((1, 2)), frozenset((3, 4)), frozenset((5, 6))}


def partitions_with_one_trio(items: list[int]) -> Iterator[list[tuple[int, ...]]]:
    """Every way to split an odd list into pairs and exactly one trio."""
    if not items:
        yield []
        return
    if len(items) == 3:
        yield [tuple(items)]
    first, rest = items[0], items[1:]
    for a, j in enumerate(rest):
        left = rest[:a] + rest[a + 1 :]
        if len(left) % 2 == 1:  # a pair now; the trio still to come
            for tail in partitions_with_one_trio(left):
                yield [(first, j), *tail]
        for b in range(a + 1, len(rest)):
            left3 = [x for x in rest if x not in (j, rest[b])]
            if len(left3) % 2 == 0:
                for tail in pairings(left3):
                    yield [(first, j, rest[b]), *tail]


def pairings(items: list[int]) -> Iterator[list[tuple[int, ...]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for a, j in enumerate(rest):
        for tail in pairings(rest[:a] + rest[a + 1 :]):
            yield [(first, j), *tail]


def people(draw: random.Random, n: int) -> list[Person]:
    tags = ["music", "hiking", "chess", "art", "cooking"]
    return [{"id": i + 1, "name": f"P{i}", "gender": draw.choice(["m", "f", None]),
             "stage": draw.choice(["partnered", "ready-solo"]), "interests": draw.sample(tags, 2)}
            for i in range(n)]  # fmt: skip


def total(cost: Costs, team: Sequence[int]) -> int:
    return sum(cast(Cost, cost[min(a, b)][max(a, b)])[0] for x, a in enumerate(team) for b in team[x + 1 :])


def case(seed: int, way: str) -> tuple[list[Person], Costs, dict[int, int], list[tuple[Person, ...]]]:
    """A random odd group, its pair costs, each person's index, and the solver's teams."""
    draw = random.Random(seed)
    group = people(draw, draw.choice([3, 5, 7, 9]))
    rules = Rules(seed=seed)
    return group, _costs(group, rules), {p["id"]: i for i, p in enumerate(group)}, solve_odd(group, rules, way)


@pytest.mark.parametrize("seed", range(40))
def test_the_trio_is_the_exact_optimum(seed: int) -> None:
    group, cost, index, teams = case(seed, "trio")
    assert sorted(len(t) for t in teams).count(3) == 1
    assert sorted(p["id"] for t in teams for p in t) == [p["id"] for p in group]
    got = sum(total(cost, [index[p["id"]] for p in t]) for t in teams)
    oracle = min(sum(total(cost, t) for t in split) for split in partitions_with_one_trio(list(range(len(group)))))
    assert got == oracle


@pytest.mark.parametrize("seed", range(30))
def test_the_coach_takes_the_person_who_lets_the_rest_pair_best(seed: int) -> None:
    group, cost, index, teams = case(seed, "coach")
    assert [len(t) for t in teams].count(1) == 1
    got = sum(total(cost, [index[p["id"]] for p in t]) for t in teams if len(t) == 2)
    everyone = list(range(len(group)))
    oracle = min(
        sum(total(cost, t) for t in split)
        for lone in everyone
        for split in pairings([i for i in everyone if i != lone])
    )
    assert got == oracle


def test_a_trio_needs_all_three_pairs_allowed() -> None:
    group: list[Person] = [{"id": i, "name": f"P{i}", "interests": []} for i in (1, 2, 3)]
    rules = Rules(avoid={frozenset((1, 2)): "--avoid"})
    with pytest.raises(Infeasible):
        solve_odd(group, rules, "trio")
    assert [len(t) for t in solve_odd(group, rules, "coach")] == [2, 1]


def constrained_case(seed: int) -> tuple[list[Person], Rules]:
    """A random odd group with up to four fifths of its pairs forbidden, often leaving no trio, or no one spare."""
    draw = random.Random(seed)
    group = people(draw, draw.choice([3, 5, 7, 9]))
    ids = [p["id"] for p in group]
    pairs = [frozenset((a, b)) for x, a in enumerate(ids) for b in ids[x + 1 :]]
    forbidden = draw.sample(pairs, draw.randint(1, len(pairs) * 4 // 5))
    rules = Rules(seed=seed, avoid={pair: "--avoid" for pair in forbidden})
    return group, rules


def allowed_team(rules: Rules, team: Sequence[int]) -> bool:
    return all(frozenset((a, b)) not in rules.avoid for x, a in enumerate(team) for b in team[x + 1 :])


@pytest.mark.parametrize("seed", range(60))
def test_a_failed_trio_names_exactly_those_who_could_be_left_over(seed: int) -> None:
    group, rules = constrained_case(seed)
    ids = [p["id"] for p in group]
    trio_works = any(all(allowed_team(rules, t) for t in split) for split in partitions_with_one_trio(ids))
    spare = {
        lone
        for lone in ids
        if any(all(allowed_team(rules, t) for t in split) for split in pairings([i for i in ids if i != lone]))
    }
    try:
        solve_odd(group, rules, "trio")
    except Infeasible as exc:
        assert not trio_works
        assert exc.trio is not None and set(exc.trio.spare) == spare
        assert exc.trio.any_trio == any(
            allowed_team(rules, (a, b, c))
            for x, a in enumerate(ids)
            for y, b in enumerate(ids[x + 1 :], start=x + 1)
            for c in ids[y + 1 :]
        )
    else:
        assert trio_works
