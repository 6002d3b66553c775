"""The one kind rule: the Python function and the SQL expression agree on every size, with and without the coach."""

import sqlite3

import pytest

from peertool.outcomes.outing_kinds import COUNT_KEYS, empty_counts, kind_sql, outing_kind
from peertool.vocab import OutingKind


def test_the_rule() -> None:
    assert [outing_kind(n, False) for n in (1, 2, 3, 7)] == ["solo", "partner", "group", "group"]
    assert {outing_kind(n, True) for n in (1, 2, 5)} == {OutingKind.with_coach}
    assert outing_kind(1, None) == OutingKind.solo  # NULL: an outing logged before 0024


@pytest.mark.parametrize("people", [1, 2, 3, 4, 9])
@pytest.mark.parametrize("coach", [None, 0, 1])
def test_sql_and_python_agree(people: int, coach: int | None) -> None:
    db = sqlite3.connect(":memory:")
    db.executescript("CREATE TABLE outings (id INTEGER PRIMARY KEY, with_coach INTEGER);"
                     "CREATE TABLE outing_people (outing_id INTEGER, participant_id INTEGER);")  # fmt: skip
    db.execute("INSERT INTO outings VALUES (1, ?)", [coach])
    db.executemany("INSERT INTO outing_people VALUES (1, ?)", [(i,) for i in range(people)])
    assert db.execute(f"SELECT {kind_sql('o')} FROM outings o").fetchone()[0] == outing_kind(people, coach)


def test_every_kind_has_a_count_key() -> None:
    assert set(COUNT_KEYS) == set(OutingKind)
    assert empty_counts() == {"partner": 0, "solo": 0, "group": 0, "with_coach": 0}
