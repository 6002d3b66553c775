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
    columns = db.columns(table)
    order = "id" if "id" in columns else "rowid"
    named = ", ".join(f'"{column}"' for column in columns)
    return db.query(f"SELECT {named} FROM {table}{where} ORDER BY {order}", params)
