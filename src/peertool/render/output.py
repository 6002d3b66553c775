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
    return _UNSAFE.sub(_escape, text)


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
    text = json.dumps(data, indent=indent, ensure_ascii=False, default=str)
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


def render(data: Any, json_out: bool, show: Callable[[Any], None], done: str | None = None) -> None:
    """JSON for scripts, or `show` for people followed by a `done` message on stderr.

    A result's `warnings` always go to stderr, so a script sees them too; JSON keeps them as well.
    """
    if json_out:
        emit_json(data)
    else:
        show(data)
        if done:
            message(done)
    warn(data)


def warn(data: Any) -> None:
    """A result's `warnings` on stderr, one line each."""
    for warning in data.get("warnings", []) if isinstance(data, dict) else []:
        message(f"Warning: {warning}")


def message(text: str) -> None:
    """Progress, warnings and confirmations: stderr, so stdout stays data.

    stdout is flushed first so that, read together, the two stay in order.
    """
    sys.stdout.flush()
    print(visible(text), file=sys.stderr)


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


LONGEST_WORD = 30  # a longer unbroken token (a URL, say) is cut with an ellipsis rather than widening a column


def table(title: str | None, columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> None:
    """A table for people that fits the terminal: words and dates are never split.

    Each column is at least as wide as its longest word (or date), so only
    free text wraps, between words. When those widths do not fit, columns
    are left out from the right (the first two always stay) and a note says
    which; nothing is wider than the terminal.
    """
    from rich.table import Table

    columns = list(columns)
    cells = [[cell(value) for value in row] for row in rows]
    out = console()
    widest = [max([len(name)] + [len(row[i].plain) for row in cells]) for i, name in enumerate(columns)]
    # ids, dates, times and short codes stay on one line; longer text wraps between words
    needs = [w if w <= 12 else _min_width(name, [row[i] for row in cells]) for i, (name, w) in enumerate(
        zip(columns, widest, strict=True))]  # fmt: skip
    shown = _columns_that_fit(needs, out.width)
    grid = Table(title=cell(title) if title else None, title_justify="left")
    for i in shown:
        grid.add_column(columns[i], overflow="ellipsis", no_wrap=widest[i] <= 12, min_width=needs[i])
    for row in cells:
        grid.add_row(*(row[i] for i in shown))
    out.print(grid)
    left_out = [columns[i] for i in range(len(columns)) if i not in shown]
    if left_out:
        message(f"Not shown at this width: {', '.join(left_out)} (widen the terminal, or use --json).")


def _min_width(header: str, column: list["Text"]) -> int:
    """A column's narrowest width that splits no word: its longest word, header included (capped)."""
    words = [len(word) for text in column for word in text.plain.split()] + [len(w) for w in header.split()]
    return min(max(words, default=1), LONGEST_WORD)


def _columns_that_fit(needs: list[int], width: int) -> list[int]:
    """The columns (by index) whose narrowest widths fit in `width`, dropping from the right; two always stay."""
    shown = list(range(len(needs)))
    while len(shown) > 2 and sum(needs[i] + 3 for i in shown) + 1 > width:
        shown.pop()
    return shown


def fields(title: str, pairs: Iterable[tuple[str, Any]]) -> None:
    """One record as label/value lines."""
    from rich.table import Table

    grid = Table(title=cell(title), title_justify="left", show_header=False, box=None)
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, value in pairs:  # a label can hold stored text too (an attendee's name)
        grid.add_row(cell(label), cell(value))
    console().print(grid)


def sheet(data: Any, fmt: str, markdown: Callable[[Any], str], show: Callable[[Any], None]) -> None:
    """A sheet (prep, report) as json, markdown, or a table for people."""
    if fmt == "json":
        emit_json(data)
    elif fmt == "markdown":
        write_text(markdown(data))
    else:
        show(data)
    warn(data)
