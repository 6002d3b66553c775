"""Parsers for the values users type, shared by the CLI, file imports and config.

Each takes the field name so that the error can say which field is wrong and
how to fix it, without echoing anything but the value the user supplied.
"""

import datetime as dt
import re
from typing import TypeVar

from peertool.errors import InvalidInput, shown
from peertool.vocab import YesNo, words

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A program year and its calendar must fit in the years Python's dates reach (1 to 9999).
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(9000, 12, 31)
# What a terminal acts on or reorders text by: C0 and C1 controls (0x9b is an 8-bit CSI), DEL, and the
# bidirectional marks, embeddings, overrides and isolates that can make text read in another order.
CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROLS}]")
# Beyond those, a name may hold no invisible character: Unicode's format characters (zero-width space, word
# joiner, soft hyphen, byte-order mark, tags...) and its line and paragraph separators, with which a name would
# print like another one or break a line. The joiners some scripts need stay allowed between two letters of
# theirs: ZWNJ in Persian names, ZWJ in Sinhala or Devanagari forms, the Mongolian vowel separator.
_INVISIBLE = ("Cf", "Zl", "Zp")
_JOINERS = "\u200c\u200d\u180e"
_Text = TypeVar("_Text", str, str | None)


def text(field: str, value: object, *, required: bool = False, max_len: int = 500) -> str | None:
    """Strip a free-text value; refuse an empty required one or an absurdly long one."""
    if value is None:
        cleaned = ""
    else:
        cleaned = str(value).strip()
    if "\x00" in cleaned:
        raise InvalidInput(f"{field}: contains a NUL character; remove it.")
    if len(cleaned) > max_len:
        raise InvalidInput(f"{field}: is {len(cleaned)} characters long; the limit is {max_len}.")
    if not cleaned:
        if required:
            raise InvalidInput(f"{field}: must not be empty.")
        return None
    return cleaned


def required_text(field: str, value: object, *, max_len: int = 500) -> str:
    """Like text(), for a value that must be given: never None."""
    cleaned = text(field, value, required=True, max_len=max_len)
    assert cleaned is not None  # text(required=True) raises instead
    return cleaned


def name(field: str, value: object, *, max_len: int = 200) -> str:
    """A name, which must be given: like required_text(), and with no control character (see no_controls)."""
    return no_controls(field, required_text(field, value, max_len=max_len))


def no_controls(field: str, cleaned: _Text) -> _Text:
    """Refuse a name holding a control or bidirectional character (tab and newline included), or an invisible one.

    Names print on one line in tables, messages and calendars, and are
    typed back as REFs; one that carries an escape sequence or an override
    could rewrite a screen or read backwards, and one with an invisible
    character could pass for another, so it is never stored. The message
    names the character's code point, not the value.
    """
    found = _CONTROL.search(cleaned or "")
    if found:
        raise InvalidInput(f"{field}: contains a control character (U+{ord(found.group()):04X}); remove it.")
    hidden = _invisible(cleaned or "")
    if hidden:
        raise InvalidInput(f"{field}: contains an invisible character (U+{ord(hidden):04X}); remove it.")
    return cleaned


def _invisible(name: str) -> str | None:
    """The first invisible character in `name` that is not a joiner between two letters of a script needing it."""
    if name.isascii():  # most names: nothing to look up
        return None
    import unicodedata

    def lettered(ch: str) -> bool:
        return not ch.isascii() and unicodedata.category(ch)[0] in "LM"

    for at, ch in enumerate(name):
        if unicodedata.category(ch) in _INVISIBLE:
            joins = ch in _JOINERS and 0 < at < len(name) - 1 and lettered(name[at - 1]) and lettered(name[at + 1])
            if not joins:
                return ch
    return None


_NEAR = {"today": 0, "yesterday": -1, "tomorrow": 1}
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NAMES = {name: n for names in (WEEKDAYS, _FULL_DAYS) for n, name in enumerate(names)}
DATE_FORMS = "YYYY-MM-DD, today, yesterday, tomorrow, last mon..sun or next mon..sun"


def relative_date(raw: str) -> dt.date | None:
    """A date as people say it, from the one clock: today, yesterday, tomorrow, last/next mon..sun.

    `last tue` is the most recent Tuesday before today and `next tue` the
    first one after it, so neither is ever today.
    """
    from peertool.clock import today

    words = raw.lower().split()
    if len(words) == 1 and words[0] in _NEAR:
        return today() + dt.timedelta(days=_NEAR[words[0]])
    if len(words) == 2 and words[0] in ("last", "next") and words[1] in _DAY_NAMES:
        target, now = _DAY_NAMES[words[1]], today()
        if words[0] == "last":
            return now - dt.timedelta(days=(now.weekday() - target) % 7 or 7)
        return now + dt.timedelta(days=(target - now.weekday()) % 7 or 7)
    return None


def date(field: str, value: object) -> str:
    """A date as typed (see DATE_FORMS) as an ISO date string, refusing impossible dates."""
    raw = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    said = relative_date(raw) if not _ISO_DATE.fullmatch(raw) else None
    if said is not None:
        raw = said.isoformat()
    if not _ISO_DATE.fullmatch(raw):
        raise InvalidInput(f"{field}: {shown(raw)} is not a date; use {DATE_FORMS}.")
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"{field}: {shown(raw)} is not a real date (no such day).") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(f"{field}: {raw} is outside the dates peertool keeps ({FIRST_DAY} to {LAST_DAY}).")
    return day.isoformat()


def optional_date(field: str, value: object) -> str | None:
    """Like date(), but an empty value means 'not given'."""
    if value is None or str(value).strip() == "":
        return None
    return date(field, value)


def not_after(start: str | None, end: str | None) -> None:
    """Refuse (exit 1) a period whose `--from` is after its `--to`; an end left open bounds nothing."""
    if start is not None and end is not None and start > end:
        raise InvalidInput(f"--from {start} is after --to {end}.")


def date_or_today(field: str, value: object) -> str:
    """A date the user gave, or today (from the one clock tests can set) when they gave none."""
    from peertool.clock import today_iso

    return optional_date(field, value) or today_iso()


def not_after_today(field: str, day: str, *, future: bool) -> str:
    """`day` (ISO) for a record of what happened, refused after today unless `future` says the user means it:
    a date to come is scheduling, not recording, and a record of it would be billed as if it had happened."""
    from peertool.clock import today_iso

    now = today_iso()
    if day > now and not future:
        raise InvalidInput(
            f"{field}: {day} is after today ({now}); records say what has happened.",
            hint="Check the date, or add --future to record it ahead all the same.",
        )
    return day


def choice(field: str, value: object, options: tuple[str, ...]) -> str:
    """Accept one of a fixed set of words, case-insensitively."""
    raw = str(value).strip().lower()
    if raw not in options:
        raise InvalidInput(f"{field}: {shown(str(value))} is not one of {', '.join(options)}.")
    return raw


def weekday(field: str, value: object) -> int:
    """Turn mon..sun (or a full day name), in any case, into 0..6, Monday first as in datetime.

    Anything else is refused, never cut to a day: `mon-fri` is not Monday.
    """
    raw = str(value).strip().lower()
    if raw not in _DAY_NAMES:
        raise InvalidInput(
            f"{field}: {shown(str(value))} is not a weekday.",
            hint=f"Use one day: {', '.join(WEEKDAYS)}, or its full name (monday).",
        )
    return _DAY_NAMES[raw]


def clock(field: str, value: object) -> str:
    """Parse HH:MM (24-hour) and return it zero-padded."""
    raw = str(value).strip()
    try:
        parsed = dt.datetime.strptime(raw, "%H:%M")
    except ValueError:
        raise InvalidInput(f"{field}: {shown(raw)} is not a time; use HH:MM, e.g. 18:30.") from None
    return parsed.strftime("%H:%M")


def _items(values: object) -> list[object]:
    """A list option's values: a string is split on ';' as in CSV files."""
    if values is None:
        return []
    if isinstance(values, str):
        return list(values.split(";"))
    if isinstance(values, list | tuple):
        return list(values)
    return [values]


def refs(values: list[str] | None) -> list[str]:
    """People named by an option that takes several: repeats and comma-separated values alike."""
    return [part.strip() for value in values or [] for part in str(value).split(",") if part.strip()]


def tags(field: str, values: object) -> list[str]:
    """Normalise interest-like tags: stripped, lower-case, unique, in given order."""
    out: list[str] = []
    for value in _items(values):
        tag = text(field, value, max_len=100)
        if tag and tag.lower() not in out:
            out.append(tag.lower())
    return out


def texts(field: str, values: object) -> list[str]:
    """A list of free texts (goals); a string is split on ';' as in CSV files."""
    return [t for t in (text(field, v) for v in _items(values)) if t]


def money(field: str, value: object) -> int:
    """A non-negative amount of money with at most 2 decimals, as exact cents."""
    from decimal import Decimal, InvalidOperation

    raw = str(value).strip().lstrip("$")
    amount: Decimal | None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(f"{field}: {shown(str(value))} is not an amount of money; use e.g. 12 or 12.50.")
    if amount > Decimal("1000000"):
        raise InvalidInput(f"{field}: {shown(str(value))} is more than 1,000,000.")
    return int(amount * 100)


def cents_text(cents: int) -> str:
    """Exact cents as a plain amount: 1250 -> '12.50'."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def yes_no(field: str, value: object) -> bool:
    """yes or no, as a bool."""
    return choice(field, value, words(YesNo)) == YesNo.yes
