"""Whole tables read the same way on every backend: their own columns, named, in the order rows were added.

`SELECT *` would also bring PostgreSQL's stand-in for SQLite's hidden rowid
(the link tables' insertion order), so the columns are listed by
`Database.columns`, which leaves it out.
"""

from collections.abc import Iterator
from typing import Any

from peertool.db.connection import Database, Params


def every_row(db: Database, table: str, where: str = "", params: Params = ()) -> Iterator[dict[str, Any]]:
    """The rows of `table` (cut by `where`, " WHERE ..." or ""), as dicts by column, oldest first: by id, or
    for a link table, which has none, by rowid."""
    order = "id" if "id" in db.columns(table) else "rowid"
    return db.query(f"SELECT {named_columns(db, table)} FROM {table}{where} ORDER BY {order}", params)


def named_columns(db: Database, table: str) -> str:
    """The select list that stands for `*`: the table's own columns, quoted, so a keyword is a name too."""
    return ", ".join(f'"{column}"' for column in db.columns(table))
