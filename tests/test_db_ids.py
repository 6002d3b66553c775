"""`db.ids`: a condition on some ids, or none for everyone."""

import sqlite3

from peertool.db.ids import in_ids, marks


def test_some_ids_select_those_rows_none_selects_every_row_and_no_ids_none() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(1, 6)])
    for ids, expected in (([2, 4], [2, 4]), (None, [1, 2, 3, 4, 5]), ([], [])):
        where, params = in_ids("id", ids)
        assert [row[0] for row in db.execute(f"SELECT id FROM t WHERE 1 {where} ORDER BY id", params)] == expected
    assert marks([7, 8, 9]) == "?,?,?" and marks([]) == "NULL"
