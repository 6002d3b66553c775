"""Exact pairing solve time, in-process (median of many runs): 12 people, and the largest group allowed
(settings.LARGEST_GROUP), even and odd (the trio search is the slower one).

Run: python benchmarks/pairing.py
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from peertool.pairing.solver import Infeasible, Rules, solve, solve_odd  # noqa: E402
from peertool.settings import LARGEST_GROUP  # noqa: E402

TAGS = ["hiking", "music", "art", "cooking", "movies", "chess", "fishing", "reading"]


def case(rng: random.Random, size: int = 12) -> tuple[list[dict], Rules]:
    """A realistic group: genders, stages, interests, a history and constraints."""
    people = [
        {
            "id": i,
            "name": f"P{i}",
            "gender": rng.choice(["male", "female", "nonbinary", None]),
            "stage": rng.choice(["partnered", "ready-solo"]),
            "interests": rng.sample(TAGS, 3),
        }
        for i in range(1, size + 1)
    ]
    history = {frozenset(rng.sample(range(1, size + 1), 2)): [rng.randint(1, 5)] for _ in range(size)}
    avoid = {frozenset(rng.sample(range(1, size + 1), 2)): "--avoid" for _ in range(2)}
    return people, Rules(history=history, avoid=avoid, seed=rng.randint(0, 1000))


def median_solve_ms(runs: int = 200, size: int = 12) -> float:
    rng = random.Random(42)
    cases = [case(rng, size) for _ in range(runs)]
    times = []
    for people, rules in cases:
        start = time.perf_counter()
        try:
            solve(people, rules) if size % 2 == 0 else solve_odd(people, rules, "trio")
        except Infeasible:  # an infeasible case is timed too: proving it is part of the work
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


if __name__ == "__main__":
    print(f"pairing: exact solve for 12 people, median {median_solve_ms():.2f} ms (goal <= 5 ms)")
    for size in (LARGEST_GROUP, LARGEST_GROUP - 1):
        print(f"pairing: {size} people, median {median_solve_ms(30, size):.1f} ms (goal <= 100 ms)")
