"""The one interface every command reads and writes through: what it promises whichever backend is under it."""

import sqlite3
from collections.abc import Iterable

import pytest

from peertool.db.connection import Database, Params

from helpers import two_people


def test_execute_gives_tuples_and_query_gives_dicts_keyed_by_column() -> None:
    db = two_people()
    assert db.execute("SELECT name, city FROM people WHERE id = ?", [2]).fetchall() == [("Tobin Reed", None)]
    assert list(db.query("SELECT id, name AS who FROM people ORDER BY id DESC")) == [
        {"id": 2, "who": "Tobin Reed"},
        {"id": 1, "who": "Wren Alder"},
    ]
    assert list(db.query("SELECT name FROM people WHERE city = :city", {"city": "Fairhaven"})) == [
        {"name": "Wren Alder"}
    ]


def test_insert_id_is_the_new_rows_id() -> None:
    db = two_people()
    assert db.insert_id("INSERT INTO people (name) VALUES (?)", ["Ines Varga"]) == 3
    assert db.execute("SELECT name FROM people WHERE id = 3").fetchone() == ("Ines Varga",)


def test_a_backend_must_give_every_step_and_is_plain_unless_it_says_otherwise() -> None:
    class Partial(Database):  # a backend that forgot its transaction steps
        def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
            raise NotImplementedError

        def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

        def insert_id(self, sql: str, params: Params) -> int:
            return 0

        def tables(self) -> list[str]:
            return []

        def close(self) -> None: ...

    with pytest.raises(TypeError, match="begin_write"):
        Partial()  # type: ignore[abstract]
    assert two_people().encrypted is False
    assert two_people().saved == []
