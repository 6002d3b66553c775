"""The basics of output: JSON for scripts on stdout, rich tables for people, messages on stderr.

JSON never goes through rich, which would wrap long lines.
"""

import errno
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from peertool.validate import CONTROLS

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


# Every control and bidirectional character but tab and newline, which lay text out.
_UNSAFE = re.compile(f"(?![\t\n])[{CONTROLS}]")
_ASCII_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # the same, of ASCII text: one class, no look-ahead
# What json.dumps writes raw (it escapes C0 itself): DEL, C1 controls and the bidirectional ones.
_JSON_UNSAFE = re.compile(f"(?![\x00-\x1f])[{CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text safe for a terminal: control and bidirectional characters shown escaped (`\\x1b`, `\\u202e`).

    Stored names and notes can hold escape sequences that clear a screen,
    write to the clipboard (OSC 52) or make a link (OSC 8), and overrides
    that make text read backwards. Every human output path (tables, fields,
    Markdown, messages, errors) goes through here; JSON has json_dumps.
    """
    return (_ASCII_UNSAFE if text.isascii() else _UNSAFE).sub(_escape, text)


def write_text(text: str) -> None:
    """Text for a person or a pipe on stdout, control characters escaped."""
    sys.stdout.write(visible(text))


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_AFTER_BREAK = re.compile(r"(?<=[\r\n])[^\r\n]+")


def spreadsheet_cell(value: Any) -> str:
    """A CSV cell a spreadsheet cannot run: text starting with = + - @ tab or CR gets a leading quote (OWASP).

    So does each line after a line break: a reader that splits the cell
    there must not find a formula either. Plain numbers, negative ones
    included, stay numbers.
    """
    text = _AFTER_BREAK.sub(lambda line: _inert(line.group()), "" if value is None else str(value))
    return _inert(text)


def _inert(text: str) -> str:
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_line(values: Iterable[Any]) -> str:
    """One CSV line, each cell made safe for a spreadsheet and quoted when it holds a line break, `,` or `"`.

    Python's csv writer quotes only the characters of its line terminator
    ("\n" here), so a bare CR went unquoted and a reader saw a new row.
    """
    cells = [spreadsheet_cell(value) for value in values]
    if cells == [""]:
        return '""\n'  # an empty line would read as no row at all
    return ",".join(_quoted(cell) for cell in cells) + "\n"


def _quoted(cell: str) -> str:
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_text(columns: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """CSV with a header, every cell made safe for a spreadsheet."""
    return csv_line(columns) + "".join(csv_line(row) for row in rows)


def json_dumps(data: Any, indent: int | None = None) -> str:
    """json.dumps text that keeps stored text exact, with every control and bidirectional character escaped.

    Other text stays as typed (not ASCII-escaped); DEL, C1 controls and bidi
    overrides, which json.dumps would write raw, become `\\u` escapes, so a
    reader decodes the exact stored text and a terminal showing the JSON
    acts on none of them. They can only occur inside strings, where an
    escape is always valid.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False, default=str, check_circular=False)  # built as trees
    if text.isascii() and "\x7f" not in text:  # of the unsafe, only DEL is ASCII: two C-speed scans, no regex
        return text
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def json_text(data: Any) -> str:
    """Compact JSON text with a final newline, for files."""
    return json_dumps(data) + "\n"


def emit_json(data: Any) -> None:
    """Plain json.dumps text, with stable keys and ISO dates, on stdout.

    Indented for a person at a terminal; compact in pipes and files, where
    Python's C encoder (used only without indent) makes large lists fast.
    """
    indent = 2 if sys.stdout.isatty() else None
    for chunk in _with_ranges(data, indent) if isinstance(data, dict) else [json_dumps(data, indent)]:
        sys.stdout.write(chunk)
    sys.stdout.write("\n")


RANGE_CHUNK = 10_000


def _with_ranges(data: dict[str, Any], indent: int | None) -> Iterator[str]:
    """A dict's JSON, a range among its values written as the list it stands for, a chunk at a time.

    A million-row import's ids are a range: listed whole, they would cost
    more memory than the import. Each range is first written as two marker
    strings, whose surroundings give the exact text json.dumps puts between
    items; its numbers are then written in chunks in their place.
    """
    ranges = {key: value for key, value in data.items() if isinstance(value, range)}
    marks = {key: [f"\0{key}\0{end}" for end in "ab"] if value else [] for key, value in ranges.items()}
    text = json_dumps({**data, **marks}, indent)
    for key, numbers in ranges.items():
        if not numbers:
            continue
        first, second = (json_dumps(mark) for mark in marks[key])
        head, rest = text.split(first, 1)
        between, text = rest.split(second, 1)
        yield head
        for start in range(0, len(numbers), RANGE_CHUNK):
            yield (between if start else "") + between.join(map(str, numbers[start : start + RANGE_CHUNK]))
    yield text


def render(data: Any, json_out: bool, show: Callable[[Any], None] | None = None, done: str | None = None) -> None:
    """JSON for scripts, or `show` for people (None: nothing but `done`) followed by a `done` message on stderr.

    A result's `warnings` always go to stderr, so a script sees them too; JSON keeps them as well.
    """
    if json_out:
        emit_json(data)
    else:
        if show is not None:
            show(data)
        if done:
            message(done)
    warn(data)


def warn(data: Any) -> None:
    """A result's `warnings` on stderr, one line each."""
    for warning in data.get("warnings", []) if isinstance(data, dict) else []:
        message(f"Warning: {warning}")


def message(text: str) -> None:
    """Progress, warnings and confirmations: stderr, so stdout stays data; one that cannot be written is exit 74."""
    to_stderr(text, strict=True)


def to_stderr(*lines: str, strict: bool = False) -> None:
    """The one writer of stderr: every line peertool writes there, escaped, after stdout is flushed.

    Flushing stdout first keeps the two in order when they are read together.
    A command's own messages are `strict`: a stream that cannot be written
    fails the command like any output. An error's report is best effort: a
    stream that is closed or gone is no reason for a traceback. A process
    started without a stderr writes none.
    """
    text = "".join(f"{visible(line)}\n" for line in lines)
    for stream, written in ((sys.stdout, ""), (sys.stderr, text)):
        try:
            if stream is not None:
                if written:
                    stream.write(written)
                stream.flush()
        except (OSError, ValueError):  # a reader that has gone, a descriptor that is closed
            if strict:
                raise


def console() -> "Console":
    """A rich console on stdout; rich drops colour itself off a terminal or under NO_COLOR.

    A reader that stops early (`| head`) is reported like any other output
    failure (exit 74), rather than by rich's own exit 1.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "the reading program stopped")

    return _Console(highlight=False)


def cell(value: Any) -> "Text":
    """Stored text as literal text: a name with [brackets] is not rich markup."""
    from rich.text import Text

    if isinstance(value, Text):
        return value
    return Text(visible(_plain(value)))


def _plain(value: Any) -> str:
    """A value as YAML would write it inline: a list as `a, b`, a mapping as `{key: value}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return "" if value is None else str(value)


LONGEST_WORD = 30  # a longer word in free text (a URL, say) is cut with an ellipsis rather than widening a column


def stdout_is_terminal() -> bool:
    """Whether a person reads stdout: only then are tables drawn as boxes fitted to the width."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one
        return False


def whole(value: Any) -> "Text":
    """A cell that is never wrapped (a row of numbers that reads only as one line): its column is left out instead."""
    text = cell(value)
    text.no_wrap = True
    return text


def table(
    title: str | None, columns: Iterable[str], rows: Iterable[Iterable[Any]], drop_first: Iterable[str] = ()
) -> None:
    """A table: every column as TSV with a header in a pipe or file; at a terminal, a box that fits its width.

    A script or a file gets everything, one row per line (tabs and line
    breaks inside cells escaped), as `gh` does; a person gets a box in
    which words, ids, dates and hashes are never split: only free text
    wraps, between words. Columns that do not fit are left out, those in
    `drop_first` first, then from the right (the first two always stay),
    and a note on stderr says which.
    """
    columns = list(columns)
    if stdout_is_terminal():
        cells = [[cell(value) for value in row] for row in rows]
        _box(title, columns, cells, [columns.index(name) for name in drop_first])
    else:  # no rich Text per cell: write_text escapes what `cell` would have, for the whole text at once
        write_text("".join(_tsv_line(row) for row in [columns, *([_text(value) for value in row] for row in rows)]))


def _text(value: Any) -> str:
    """A cell's plain text: a rich Text's own, else the value as `cell` writes it (before escaping)."""
    if type(value) is str:
        return value
    plain = getattr(value, "plain", None)  # a rich Text, without importing rich to ask
    return plain if isinstance(plain, str) else _plain(value)


_TSV_ESCAPES = {"\t": "\\t", "\n": "\\n"}  # visible() has escaped every other control


def _tsv_line(values: list[str]) -> str:
    """One TSV row: tabs and line breaks inside a cell escaped, so a row is one line and a cell one field."""
    return (
        "\t".join(
            value
            if "\t" not in value and "\n" not in value
            else re.sub("[\t\n]", lambda m: _TSV_ESCAPES[m.group()], value)
            for value in values
        )
        + "\n"
    )


def _box(title: str | None, columns: list[str], cells: list[list["Text"]], drop_first: list[int]) -> None:
    """The table for a person, each column's width chosen here so rich has nothing left to squeeze or cut."""
    from rich.table import Table

    out = console()
    widest = [max([_cell_len(name)] + [row[i].cell_len for row in cells]) for i, name in enumerate(columns)]
    needs = [_min_width(name, [row[i] for row in cells], widest[i]) for i, name in enumerate(columns)]
    shown = _columns_that_fit(needs, out.width, drop_first)
    widths = _widths([widest[i] for i in shown], [needs[i] for i in shown], out.width)
    grid = Table(title=cell(title) if title else None, title_justify="left")
    for i, width in zip(shown, widths, strict=True):
        grid.add_column(columns[i], overflow="ellipsis", no_wrap=width >= widest[i], width=width)
    for row in cells:
        grid.add_row(*(row[i] for i in shown))
    out.print(grid)
    left_out = [columns[i] for i in range(len(columns)) if i not in shown]
    if left_out:
        message(f"Not shown at this width: {', '.join(left_out)} (widen the terminal, or use --json).")


def _cell_len(text: str) -> int:
    """Columns a text takes on a terminal (a wide character takes two)."""
    from rich.cells import cell_len as length

    return length(text)


def _min_width(header: str, column: list["Text"], widest: int) -> int:
    """A column's narrowest width that splits no word, header included.

    Ids, dates, times, hashes and short codes are one word, kept whole; a
    column of free text wraps between words, its longest word capped at
    LONGEST_WORD; a column with a cell that must not wrap needs its widest.
    """
    if widest <= 12 or any(text.no_wrap for text in column):
        return widest
    words = [_cell_len(word) for text in column for word in text.plain.split()] + [_cell_len(w) for w in header.split()]
    longest = max(words, default=1)
    free_text = any(len(text.plain.split()) > 1 for text in column)
    return min(longest, LONGEST_WORD) if free_text else longest


def _columns_that_fit(needs: list[int], width: int, drop_first: list[int]) -> list[int]:
    """The columns (by index) whose narrowest widths fit in `width`: `drop_first` go first, then from the right.

    The first two always stay.
    """
    order = [i for i in drop_first if i > 1] + [i for i in reversed(range(2, len(needs))) if i not in drop_first]
    shown = list(range(len(needs)))
    while order and _framed(needs[i] for i in shown) > width:
        shown.remove(order.pop(0))
    return shown


def _framed(widths: Iterable[int]) -> int:
    """A box table's width: each column has a border and a space either side, and the last border closes it."""
    widths = list(widths)
    return sum(widths) + 3 * len(widths) + 1


def _widths(widest: list[int], needs: list[int], width: int) -> list[int]:
    """Each column's width: its widest cell if all fit, else the room left shared out a character at a time.

    The narrowest widths come first (they fit, or only the two first
    columns are left and the terminal is narrower than they are); the rest
    goes one character at a time to the column with most text left to wrap.
    """
    widths = list(needs)
    room = width - _framed(widths)
    while room > 0:
        short = [i for i in range(len(widths)) if widths[i] < widest[i]]
        if not short:
            break
        widths[max(short, key=lambda i: widest[i] - widths[i])] += 1
        room -= 1
    return widths


def fields(title: str, pairs: Iterable[tuple[str, Any]]) -> None:
    """One record as label/value lines."""
    from rich.table import Table

    grid = Table(title=cell(title), title_justify="left", show_header=False, box=None)
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, value in pairs:  # a label can hold stored text too (an attendee's name)
        grid.add_row(cell(label), cell(value))
    console().print(grid)


def sheet(data: Any, fmt: str, markdown: Callable[[Any], str], show: Callable[[Any], None] | None = None) -> None:
    """A sheet (prep, report) as json, markdown, or a table for people (None: a sheet with no table)."""
    if fmt == "json":
        emit_json(data)
    elif fmt == "markdown":
        write_text(markdown(data))
    elif show is not None:
        show(data)
    warn(data)
