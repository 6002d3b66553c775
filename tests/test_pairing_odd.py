"""Odd groups: one trio, or one person with the coach, each the exact optimum (checked by brute force)."""

import random
from collections.abc import Iterator, Sequence
from typing import cast

import pytest

from peertool.pairing.solver import Cost, Costs, Infeasible, Person, Rules, _costs, solve_odd


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
