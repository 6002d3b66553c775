"""Small-cell suppression, attacked as a reader would: solve each hidden cell from the published numbers.

The attack shares no code with the module: it writes the published sums as linear equations over the hidden cells
and row-reduces them over fractions (a hidden cell is recovered when its unit vector is in the equations' row
space), and it looks for a second whole-number table that fits every published number with every hidden cell at
1 or more (a reader knows zeros are always shown), checking that table's sums from scratch.
"""

from collections import deque
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peertool.safety.disclosure import CountTable, PublishedTable, check, protected, suppress

Cell = tuple[int, int]
Grid = list[list[int | None]]


def table(cells: list[list[int]], name: str = "served") -> CountTable:
    rows = [f"r{i}" for i in range(len(cells))]
    columns = [f"c{j}" for j in range(len(cells[0]) if cells else 0)]
    return {"name": name, "rows": rows, "columns": columns, "cells": cells}


def with_margins(cells: list[list[int]], width: int) -> list[list[int]]:
    """The truth as a reader sees its shape: each row's total at its end, then the column totals and the total."""
    rows = [[*row, sum(row)] for row in cells]
    return [*rows, [sum(row[j] for row in rows) for j in range(width + 1)]]


def published_grid(published: PublishedTable) -> Grid:
    rows = [[*cells, total] for cells, total in zip(published["cells"], published["row_totals"], strict=True)]
    return [*rows, [*published["column_totals"], published["total"]]]


def primary_only(truth: CountTable, min_cell: int = 11) -> PublishedTable:
    """The naive publication: the small cells hidden, nothing else."""
    grid = with_margins(truth["cells"], len(truth["columns"]))
    shown: Grid = [[None if 0 < value < min_cell else value for value in row] for row in grid]
    return {
        "name": truth["name"], "rows": truth["rows"], "columns": truth["columns"],
        "cells": [row[:-1] for row in shown[:-1]], "row_totals": [row[-1] for row in shown[:-1]],
        "column_totals": shown[-1][:-1], "total": shown[-1][-1],
    }  # fmt: skip


def sums(height: int, width: int) -> list[list[tuple[Cell, int]]]:
    """Every published sum as an equation `terms = 0`: each row's cells minus its total, each column's likewise."""
    across = [[((i, j), 1) for j in range(width)] + [((i, width), -1)] for i in range(height + 1)]
    down = [[((i, j), 1) for i in range(height)] + [((height, j), -1)] for j in range(width + 1)]
    return across + down


def recovered(grid: Grid) -> dict[Cell, Fraction]:
    """Each hidden cell the published sums determine, with its value: reduced row echelon form over fractions;
    a unit vector is in the row space exactly when a reduced row is that unit vector."""
    height, width = len(grid) - 1, len(grid[0]) - 1
    hidden = [(i, j) for i in range(height + 1) for j in range(width + 1) if grid[i][j] is None]
    index = {cell: k for k, cell in enumerate(hidden)}
    matrix: list[list[Fraction]] = []
    for equation in sums(height, width):
        row = [Fraction(0)] * (len(hidden) + 1)
        for (i, j), coefficient in equation:
            value = grid[i][j]
            if value is None:
                row[index[(i, j)]] += coefficient
            else:
                row[-1] -= coefficient * value
        matrix.append(row)
    pivots = reduce(matrix, len(hidden))
    return {
        hidden[k]: matrix[r][-1]
        for r, k in enumerate(pivots)
        if not any(matrix[r][c] for c in range(len(hidden)) if c != k)
    }


def reduce(matrix: list[list[Fraction]], variables: int) -> list[int]:
    """Gauss-Jordan elimination in place; the pivot column of each of the first rows."""
    pivots: list[int] = []
    for column in range(variables):
        found = next((r for r in range(len(pivots), len(matrix)) if matrix[r][column]), None)
        if found is None:
            continue
        top = len(pivots)
        matrix[top], matrix[found] = matrix[found], matrix[top]
        matrix[top] = [value / matrix[top][column] for value in matrix[top]]
        for r in range(len(matrix)):
            if r != top and matrix[r][column]:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[top], strict=True)]
        pivots.append(column)
    return pivots


def another_table(truth: list[list[int]], grid: Grid, target: Cell) -> list[list[int]] | None:
    """A whole-number table that fits every published number, with every hidden cell at 1 or more, and differs
    from the truth at `target`; checked from scratch, so a wrong search can only miss one, never invent one."""
    for change in (1, -1):
        steps = cycle(truth, grid, target, change)
        if steps is not None:
            other = [list(row) for row in truth]
            for (i, j), step in steps.items():
                other[i][j] += step
            assert fits(other, grid)
            return other
    return None


def fits(other: list[list[int]], grid: Grid) -> bool:
    inner = [row[:-1] for row in other[:-1]]
    shown = all(value is None or value == other[i][j] for i, row in enumerate(grid) for j, value in enumerate(row))
    hidden = all(other[i][j] >= 1 for i, row in enumerate(grid) for j, value in enumerate(row) if value is None)
    return shown and hidden and with_margins(inner, len(grid[0]) - 1) == other


Step = tuple[str, int, int]  # at a row or a column, what the next cell's change must add to its sum


def cycle(truth: list[list[int]], grid: Grid, target: Cell, change: int) -> dict[Cell, int] | None:
    """Changes of one to hidden cells, `change` to the target, that keep every published sum: each cell's change
    is cancelled in its column's sum by the next cell, that one's in its row's sum by the next, and so on back to
    the target's row (a total is in its row's or column's sum with -1). Breadth-first, never below 1."""
    height, width = len(grid) - 1, len(grid[0]) - 1
    hidden = [(i, j) for i in range(height + 1) for j in range(width + 1) if grid[i][j] is None and (i, j) != target]

    def coefficient(cell: Cell, line: str) -> int:
        return -1 if (cell[1] == width if line == "row" else cell[0] == height) else 1

    start: Step = ("column", target[1], -coefficient(target, "column") * change)
    goal: Step = ("row", target[0], coefficient(target, "row") * change)
    came_by: dict[Step, tuple[Step, Cell, int] | None] = {start: None}
    queue = deque([start])
    while queue:
        line, index, need = at = queue.popleft()
        if at == goal:
            return {target: change} | steps_back(came_by, goal)
        for cell in hidden:
            if cell[0 if line == "row" else 1] != index:
                continue
            step = need * coefficient(cell, line)
            after = "column" if line == "row" else "row"
            following: Step = (after, cell[1] if line == "row" else cell[0], -coefficient(cell, after) * step)
            if truth[cell[0]][cell[1]] + step >= 1 and following not in came_by:
                came_by[following] = (at, cell, step)
                queue.append(following)
    return None


def steps_back(came_by: dict[Step, tuple[Step, Cell, int] | None], at: Step) -> dict[Cell, int]:
    steps: dict[Cell, int] = {}
    while (previous := came_by[at]) is not None:
        at, cell, step = previous
        steps[cell] = step
    return steps


def attack(truth: CountTable, published: PublishedTable) -> dict[Cell, str]:
    """What a reader learns of each hidden cell: "solved" from the sums, "pinned" when no other table fits."""
    grid = published_grid(published)
    full = with_margins(truth["cells"], len(truth["columns"]))
    solved = recovered(grid)
    assert all(full[i][j] == value for (i, j), value in solved.items())  # the attack is right when it succeeds
    hidden = [(i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if value is None]
    pinned = {cell: "pinned" for cell in hidden if cell not in solved and another_table(full, grid, cell) is None}
    return {cell: "solved" for cell in solved} | pinned


def shown_small(published: PublishedTable, min_cell: int) -> list[int]:
    return [value for row in published_grid(published) for value in row if value is not None and 0 < value < min_cell]


def test_a_table_without_small_cells_is_published_whole() -> None:
    result = suppress(table([[11, 20], [30, 0]]))
    assert result["log"] == []
    assert result["table"] == {
        "name": "served", "rows": ["r0", "r1"], "columns": ["c0", "c1"], "cells": [[11, 20], [30, 0]],
        "row_totals": [31, 30], "column_totals": [41, 20], "total": 61,
    }  # fmt: skip


def test_a_small_cell_hides_a_second_cell_in_its_row_and_in_its_column() -> None:
    truth = table([[3, 20, 30], [15, 25, 40], [22, 18, 50]])
    published = suppress(truth)["table"]
    assert published["cells"] == [[None, None, 30], [None, None, 40], [22, 18, 50]]
    assert published["row_totals"] == [53, 80, 90] and published["column_totals"] == [40, 63, 120]
    assert attack(truth, published) == {} and check(published) == []


def test_zeros_are_shown_and_never_hidden() -> None:
    truth = table([[0, 3, 20], [0, 25, 30], [0, 14, 12]])
    result = suppress(truth)
    assert [row[0] for row in result["table"]["cells"]] == [0, 0, 0] and result["table"]["column_totals"][0] == 0
    full = with_margins(truth["cells"], 3)
    assert all(value is not None or full[i][j] > 0 for i, row in enumerate(published_grid(result["table"]))
               for j, value in enumerate(row))  # fmt: skip
    assert attack(truth, result["table"]) == {}


def test_a_small_margin_is_hidden_and_protected() -> None:
    truth = table([[2, 3], [30, 40], [25, 35]])  # the first row's total, 5, is small too
    result = suppress(truth)
    assert {"table": "served", "row": "r0", "column": None, "kind": "primary"} in result["log"]
    assert result["table"]["row_totals"][0] is None and shown_small(result["table"], 11) == []
    assert attack(truth, result["table"]) == {} and check(result["table"]) == []


def test_a_block_of_ones_is_not_pinned_by_what_a_reader_knows_of_hidden_cells() -> None:
    """Hiding only the four ones leaves no cell solvable, yet a reader who knows hidden cells are not zero knows
    each row's two hidden cells add up to 2, so both are 1: the complements must let each move."""
    truth = table([[1, 1, 20], [1, 1, 20], [30, 30, 30]])
    naive = primary_only(truth)
    assert recovered(published_grid(naive)) == {} and check(naive) == []
    assert set(attack(truth, naive).values()) == {"pinned"}
    assert attack(truth, suppress(truth)["table"]) == {}


def test_the_log_says_where_and_why_never_the_value() -> None:
    log = suppress(table([[3, 20, 30], [15, 25, 40], [22, 18, 50]]))["log"]
    assert log == [
        {"table": "served", "row": "r0", "column": "c0", "kind": "primary"},
        {"table": "served", "row": "r0", "column": "c1", "kind": "complementary"},
        {"table": "served", "row": "r1", "column": "c0", "kind": "complementary"},
        {"table": "served", "row": "r1", "column": "c1", "kind": "complementary"},
    ]


def test_the_attack_solves_a_cell_hidden_alone_and_check_finds_it() -> None:
    truth = table([[3, 20, 30], [15, 25, 40], [22, 18, 50]])
    naive = primary_only(truth)
    assert recovered(published_grid(naive)) == {(0, 0): 3}
    assert another_table(with_margins(truth["cells"], 3), published_grid(naive), (0, 0)) is None
    assert check(naive) == [{"table": "served", "row": "r0", "column": "c0", "problem": "recoverable"}]


def test_check_finds_a_small_shown_cell() -> None:
    published = suppress(table([[5, 20], [30, 40]]))["table"]
    published["cells"][0][0] = 5
    assert {"table": "served", "row": "r0", "column": "c0", "problem": "small"} in check(published)


@pytest.mark.parametrize(
    "cells, min_cell",
    [([[1, 2], [3]], 11), ([[1, -2]], 11), ([[1, True]], 11), ([[1.0]], 11), ([[4]], 0)],
)
def test_what_is_not_a_table_of_counts_is_refused(cells: list[list[int]], min_cell: int) -> None:
    with pytest.raises(ValueError):
        suppress({"name": "bad", "rows": [f"r{i}" for i in range(len(cells))], "columns": ["a", "b"][: len(cells[0])],
                  "cells": cells}, min_cell)  # fmt: skip


counts = st.one_of(st.just(0), st.integers(1, 12), st.integers(11, 60))


@st.composite
def tables(draw: st.DrawFn) -> CountTable:
    height, width = draw(st.integers(0, 6)), draw(st.integers(0, 8))
    return table([draw(st.lists(counts, min_size=width, max_size=width)) for _ in range(height)])


@settings(max_examples=60, deadline=None)
@given(tables(), st.sampled_from([11, 11, 5, 2, 1]))
def test_no_published_cell_is_small_solvable_or_pinned(truth: CountTable, min_cell: int) -> None:
    result = suppress(truth, min_cell)
    published = result["table"]
    assert shown_small(published, min_cell) == []
    assert attack(truth, published) == {}
    assert check(published, min_cell) == []
    full = with_margins(truth["cells"], len(truth["columns"]))
    grid = published_grid(published)
    assert all(value is None or value == full[i][j] for i, row in enumerate(grid) for j, value in enumerate(row))
    assert len(result["log"]) == sum(value is None for row in grid for value in row)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.integers(2, 8), st.data())
def test_the_attack_defeats_primary_only_suppression(height: int, width: int, data: st.DataObject) -> None:
    """The attack is no straw man: with one small cell among large ones, hiding only it gives it away."""
    cells = [data.draw(st.lists(st.integers(11, 60), min_size=width, max_size=width)) for _ in range(height)]
    i, j, small = (
        data.draw(st.integers(0, height - 1)),
        data.draw(st.integers(0, width - 1)),
        data.draw(st.integers(1, 10)),
    )
    cells[i][j] = small
    truth = table(cells)
    assert attack(truth, primary_only(truth)) == {(i, j): "solved"}
    assert not attack(truth, suppress(truth)["table"])


def test_the_summary_published_as_counts_hides_small_sites_and_their_rates() -> None:
    columns = ["site_id", "people", "retained", "retention"]
    rows = [("east-1", 5, 5, 1.0), ("north-3", 30, 20, 0.667), ("west-2", 40, 30, 0.75), ("all sites", 75, 55, 0.733)]
    published = protected(columns, rows, ("people", "retained"), 11)
    assert published[0] == ("east-1", "*", "*", "*")
    assert [row[1] for row in published].count("*") == 2  # a second site hidden, so east-1's 5 cannot be solved
    assert published[-1] == ("all sites", 75, 55, 0.733)
