"""The solver against its oracle: brute-force enumeration of every perfect matching."""

import random
from collections.abc import Iterator
from typing import Any

import pytest

from peertool.pairing.solver import (
    Infeasible,
    Person,
    Rules,
    allowed,
    components,
    gender_class,
    pair_cost,
    solve,
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
