"""Counts that protect people (issue 30, part 4): small-cell suppression of one table of counts.

Plain data in, plain data out; no database, no files. `export --counts` and the program office's roll-up build a
`CountTable` for each measure, call `suppress` and publish its `table`; `check` is the auditor's test of a table
as published, for what the roll-up reads and for what it writes.

A table is read together with its margins: each row's total, each column's total and the grand total are
published cells too. A cell (margins included) between 1 and `min_cell` - 1 is hidden ("primary"); a zero is
shown, for zero people is not a small group of people. Hidden cells must not be solvable from what is shown, so
more cells are hidden ("complementary").

Why a cycle protects. Write the table with its total row and column, the totals negated and the grand total not:
every row and every column of that grid then sums to zero, and those sums are everything a reader can combine.
Take the grid's rows and columns as the nodes of a graph and each hidden cell as an edge between its row and its
column. Adding +1 and -1 alternately around a cycle of hidden cells keeps every sum, so a hidden cell on a cycle
has other values that fit every published number; a hidden cell on no cycle (a bridge) is exactly determined by
them. And since zeros are always shown, a reader knows each hidden cell is at least 1: a hidden 1 may only go
up, so a cycle counts only if it can be walked in a direction that takes no hidden cell below 1.

What `suppress` guarantees, for the one table: no shown cell is between 1 and `min_cell` - 1, and every hidden
cell lies on such a cycle, so each has at least two whole-number values consistent with every published number
and with every hidden cell being 1 or more. Complements are never zero: a zero can only go up, and one is never
needed, for any cell of 1 or more lies on the cycle of itself, its row's total, its column's total and the grand
total, all at least as large, all of which may go up together. Hiding every non-zero cell is therefore always
enough, and complements are added until no hidden cell is exposed, each time along the cheapest cycle: the least
total value hidden, then the fewest cells (a greedy choice, not the fewest cells possible).

What it does not guarantee:
- a wide range: a hidden 1 may be known to lie in 1..3; there is no protection interval;
- protection across tables that share cells or margins (the same site's total in a site table and a program
  table, one table per measure over the same group-months): each table is protected on its own, so keep each
  published table self-contained, or publish a shared number from one table only;
- protection from a reader who knows which hidden cells are primary: a primary is then known to be below
  `min_cell` and a complement at least `min_cell`, which narrows ranges and can pin a value (a primary 1 and a
  complement of exactly `min_cell` in an otherwise shown row add up to `min_cell` + 1, so the primary is 1). The
  log's `kind` is for the office's own record of why; a published manifest should list hidden cells' positions
  without it.

`check` sees only the published table, so it tests the two things a published table alone can show: a shown
cell between 1 and `min_cell` - 1, and a hidden cell on no cycle at all (recoverable from the margins by linear
algebra). Whether a hidden 1 is pinned by the bounds depends on the hidden values, which `suppress` checks.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import Any, Literal, TypedDict

MIN_CELL = 11  # CMS: cells of 1 to 10 are not published
Kind = Literal["primary", "complementary"]
Cell = tuple[int, int]  # (row, column) in the grid with margins: the last row holds the column totals
Arc = tuple[int, int, Cell]  # from node, to node, the cell whose value the step changes
Cost = tuple[int, int]  # the total value newly hidden, then the number of cells
FREE: Cost = (0, 0)


class CountTable(TypedDict):
    """Counts of people (or contacts, units...) by row and column; the margins are computed, never given."""

    name: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int]]  # one list per row, one non-negative count per column


class PublishedTable(TypedDict):
    """A table as published: None where a cell is hidden."""

    name: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None


class Position(TypedDict):
    """A cell of a published table; a row or column of None is the totals' (`row: None` is a column's total)."""

    table: str
    row: str | None
    column: str | None


class Suppression(Position):
    """An entry of the suppression log: where a cell was hidden and why, never its value."""

    kind: Kind


class Problem(Position):
    """What `check` found: a shown cell that is too small, or a hidden cell the margins give away."""

    problem: Literal["small", "recoverable"]


class Suppressed(TypedDict):
    """What `suppress` returns: the table to publish and the log of what it hides."""

    table: PublishedTable
    log: list[Suppression]


@dataclass(frozen=True)
class _Grid:
    """A table with its margins: each row's total at its end, then a last row of the column totals and the grand
    total; None where a cell is hidden. Row i is node i of the graph, column j node (number of rows + 1 + j)."""

    values: list[list[int | None]]

    @property
    def last_row(self) -> int:
        return len(self.values) - 1

    @property
    def last_column(self) -> int:
        return len(self.values[0]) - 1

    def cells(self) -> Iterator[Cell]:
        return ((i, j) for i in range(self.last_row + 1) for j in range(self.last_column + 1))

    def value(self, cell: Cell) -> int | None:
        return self.values[cell[0]][cell[1]]

    def arcs(self, cell: Cell, bounded: bool) -> list[Arc]:
        """The steps of one along which `cell` may move around a cycle: from its row to its column adds `sign` to
        its value, the other way subtracts it (a row's or column's total is negated in the grid whose rows and
        columns sum to zero, so its sign is -1). Bounded, only the steps that keep a known value at 1 or more."""
        row, column = cell[0], self.last_row + 1 + cell[1]
        sign = -1 if (cell[0] == self.last_row) != (cell[1] == self.last_column) else 1
        value = self.value(cell)
        steps = (((row, column, cell), sign), ((column, row, cell), -sign))
        return [arc for arc, change in steps if not bounded or value is None or value + change >= 1]


def _grid(table: CountTable) -> _Grid:
    """The table with its margins, after checking it is a table of counts."""
    cells, width = table["cells"], len(table["columns"])
    if len(cells) != len(table["rows"]) or any(len(row) != width for row in cells):
        raise ValueError(f"table {table['name']!r}: cells are not {len(table['rows'])} rows of {width} counts")
    if any(type(count) is not int or count < 0 for row in cells for count in row):
        raise ValueError(f"table {table['name']!r}: a cell is not a count (a whole number, 0 or more)")
    rows: list[list[int | None]] = [[*row, sum(row)] for row in cells]
    totals: list[int | None] = [sum(column) for column in zip(*cells, strict=True)] if cells else [0] * width
    return _Grid([*rows, [*totals, sum(sum(row) for row in cells)]])


def _cheapest_path(arcs: Iterable[tuple[Arc, Cost]], start: int, goal: int) -> tuple[Cost, set[Cell]] | None:
    """The cheapest walk from `start` to `goal` along `arcs` (Dijkstra): its cost and the cells it steps on."""
    leaving: defaultdict[int, list[tuple[Arc, Cost]]] = defaultdict(list)
    for arc, cost in arcs:
        leaving[arc[0]].append((arc, cost))
    queue: list[tuple[Cost, int]] = [(FREE, start)]
    best: dict[int, Cost] = {start: FREE}
    came_by: dict[int, Arc] = {}
    while queue:
        cost, node = heappop(queue)
        if node == goal:
            return cost, _cells_back(came_by, start, goal)
        if cost > best[node]:
            continue
        for arc, step in leaving[node]:
            reached: Cost = (cost[0] + step[0], cost[1] + step[1])
            if arc[1] not in best or reached < best[arc[1]]:
                best[arc[1]], came_by[arc[1]] = reached, arc
                heappush(queue, (reached, arc[1]))
    return None


def _cells_back(came_by: dict[int, Arc], start: int, goal: int) -> set[Cell]:
    cells, node = set(), goal
    while node != start:
        cells.add(came_by[node][2])
        node = came_by[node][0]
    return cells


def _on_cycle(grid: _Grid, cell: Cell, hidden: Iterable[Cell], bounded: bool) -> bool:
    """Whether a step of `cell` can be closed into a cycle through other hidden cells (so that it has another
    value fitting every published sum); bounded, keeping every hidden cell at 1 or more."""
    others = [(arc, FREE) for other in hidden if other != cell for arc in grid.arcs(other, bounded)]
    return any(_cheapest_path(others, head, tail) is not None for tail, head, _ in grid.arcs(cell, bounded))


def _complements(grid: _Grid, cell: Cell, hidden: set[Cell]) -> set[Cell]:
    """The shown cells that, hidden too, close the cheapest bounded cycle through `cell`; never a zero."""
    usable = (other for other in grid.cells() if other != cell and grid.value(other))
    arcs = [(arc, FREE if other in hidden else (grid.value(other) or 0, 1)) for other in usable
            for arc in grid.arcs(other, bounded=True)]  # fmt: skip
    paths = [path for tail, head, _ in grid.arcs(cell, bounded=True) if (path := _cheapest_path(arcs, head, tail))]
    return min(paths, key=lambda path: path[0])[1] - hidden  # the cell's own 4-cycle always exists: never empty


def _exposed(grid: _Grid, hidden: set[Cell]) -> Cell | None:
    """The first hidden cell (row by row) on no bounded cycle, if any."""
    return next((cell for cell in sorted(hidden) if not _on_cycle(grid, cell, hidden, bounded=True)), None)


def suppress(table: CountTable, min_cell: int = MIN_CELL) -> Suppressed:
    """Hide every cell (margins included) between 1 and `min_cell` - 1, then add complements until every hidden
    cell is protected (see the module's docstring for what that guarantees and what it does not)."""
    if min_cell < 1:
        raise ValueError(f"min_cell must be 1 or more, not {min_cell}")
    grid = _grid(table)
    kinds: dict[Cell, Kind] = {cell: "primary" for cell in grid.cells() if 0 < (grid.value(cell) or 0) < min_cell}
    while (exposed := _exposed(grid, set(kinds))) is not None:
        kinds.update(dict.fromkeys(_complements(grid, exposed, set(kinds)), "complementary"))
    log: list[Suppression] = [{**_position(grid, table, cell), "kind": kinds[cell]} for cell in sorted(kinds)]
    return {"table": _published(table, grid, set(kinds)), "log": log}


def _position(grid: _Grid, table: CountTable | PublishedTable, cell: Cell) -> Position:
    row = None if cell[0] == grid.last_row else table["rows"][cell[0]]
    column = None if cell[1] == grid.last_column else table["columns"][cell[1]]
    return {"table": table["name"], "row": row, "column": column}


def _published(table: CountTable, grid: _Grid, hidden: set[Cell]) -> PublishedTable:
    shown = [[None if (i, j) in hidden else value for j, value in enumerate(row)] for i, row in enumerate(grid.values)]
    body = shown[:-1]
    return {
        "name": table["name"],
        "rows": list(table["rows"]),
        "columns": list(table["columns"]),
        "cells": [row[:-1] for row in body],
        "row_totals": [row[-1] for row in body],
        "column_totals": shown[-1][:-1],
        "total": shown[-1][-1],
    }


def check(table: PublishedTable, min_cell: int = MIN_CELL) -> list[Problem]:
    """What is wrong with a published table: each shown cell between 1 and `min_cell` - 1 ("small") and each
    hidden cell on no cycle of hidden cells, so exactly determined by the published numbers ("recoverable")."""
    rows = [[*cells, total] for cells, total in zip(table["cells"], table["row_totals"], strict=True)]
    grid = _Grid([*rows, [*table["column_totals"], table["total"]]])
    hidden = [cell for cell in grid.cells() if grid.value(cell) is None]
    small = [cell for cell in grid.cells() if 0 < (grid.value(cell) or 0) < min_cell]
    recoverable = [cell for cell in hidden if not _on_cycle(grid, cell, hidden, bounded=False)]
    found: list[tuple[Cell, Literal["small", "recoverable"]]] = [(cell, "small") for cell in small]
    found += [(cell, "recoverable") for cell in recoverable]
    return [{**_position(grid, table, cell), "problem": problem} for cell, problem in sorted(found)]


# A rate is hidden with either of the counts it is made of: shown, it would give the hidden one away.
RATES = {"retention": ("retained", "people"), "attendance_rate": ("present", "recorded")}


def protected(columns: list[str], rows: list[tuple[Any, ...]], counts: tuple[str, ...], min_cell: int
              ) -> list[tuple[Any, ...]]:  # fmt: skip
    """The summary's rows (one per site, then the sites' total) as counts fit to publish: each count column is a
    table of the sites with its total (`disclosure.suppress`), a hidden cell shown as "*", and a rate hidden with
    the counts it is made of."""
    table = [list(row) for row in rows]
    for name in counts:
        at = columns.index(name)
        sites = [str(row[0]) for row in table[:-1]]
        done = suppress({"name": name, "rows": sites, "columns": [name],
                         "cells": [[int(row[at])] for row in table[:-1]]}, min_cell)["table"]  # fmt: skip
        for row, (cell,) in zip(table, [*done["cells"], [done["total"]]], strict=True):
            row[at] = "*" if cell is None else cell
    for rate, parts in RATES.items():
        if rate not in columns:
            continue
        at = columns.index(rate)
        for row in table:
            if any(row[columns.index(part)] == "*" for part in parts):
                row[at] = "*"
    return [tuple(row) for row in table]
