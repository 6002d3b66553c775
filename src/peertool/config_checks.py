"""Checkers for the values of the program file's keys: each returns the value to use or raises ValueError.

The message of a ValueError finishes the sentence "key 'x' ..." in the
config error `settings` reports.
"""

import datetime as dt
import os
from typing import Any

from peertool.errors import shown
from peertool.vocab import COUNT_BY, GENDER_POLICIES, ODD_WAYS, ROUNDINGS, SIGNED_KINDS

# The default of the `limits.file_bytes` setting, and of every file read (`files.read_text`): far above any real
# config, lesson library, plan or notes file, far below what would fill memory. Here, where the settings and the file
# reader can both take it without the reader's imports slowing every command's start.
FILE_BYTES = 16 * 1024 * 1024
# The largest group the exact pairing answers for within 100 ms, an odd one's trio included (15 people:
# about 40 ms; 17: about 140 ms). Measured by benchmarks/pairing.py.
LARGEST_GROUP = 16


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number of 1 or more")
    return value


def positive_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError("must be a number above 0")
    return value


def non_negative_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError("must be a number of 0 or more")
    return float(value) if isinstance(value, float) else value


def optional_path(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a file path")
    return os.path.expanduser(value)


def themes(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ValueError("must be a list of one or more theme names")
    if not all(isinstance(t, str) and t.strip() for t in value):
        raise ValueError("every theme must be a non-empty text")
    return [t.strip() for t in value]


def dates(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError("must be a list of dates (YYYY-MM-DD)")
    out = []
    for item in value:
        try:
            out.append(dt.date.fromisoformat(str(item)).isoformat())
        except ValueError:
            raise ValueError(f"{shown(item)} is not a date (YYYY-MM-DD)") from None
    return sorted(set(out))


def site_id(value: Any) -> str | None:
    import re

    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", value):
        raise ValueError("must be a short code of letters, digits, '.', '_' or '-', e.g. east-1")
    return value


def words(value: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("must be a list of one or more words")
    return [v.strip().lower() for v in value]


def codes(value: Any) -> list[str]:
    """A vocabulary of codes: one or more, each lowercase letters, digits and hyphens (up to 30), none twice."""
    import re

    found = words(value)
    if not all(re.fullmatch(r"[a-z0-9][a-z0-9-]{0,29}", code) for code in found) or len(set(found)) < len(found):
        raise ValueError("must be a list of different codes of letters, digits and hyphens, e.g. self-help")
    return found


def share(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError("must be a number from 0 to 1, e.g. 0.5")
    return float(value)


def odd(value: Any) -> str:
    if value not in ODD_WAYS:
        raise ValueError("must be refuse, trio or coach")
    return str(value)


def timezone(value: Any) -> str | None:
    if value is None:
        return None
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(str(value))
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValueError("must be a time zone name such as America/Chicago") from None
    return str(value)


def rounding(value: Any) -> str:
    return _one_of(value, ROUNDINGS)


def count_by(value: Any) -> str:
    return _one_of(value, COUNT_BY)


def _one_of(value: Any, words: tuple[str, ...]) -> str:
    if value not in words:
        raise ValueError(f"must be one of {', '.join(words)}")
    return str(value)


def code(value: Any) -> str:
    import re

    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9]{1,10}", value):
        raise ValueError("must be a billing code of letters and digits, e.g. H0038 or HQ")
    return value.upper()


def optional_positive_int(value: Any) -> int | None:
    return None if value is None else positive_int(value)


def days_or_none(value: Any) -> int | None:
    """A number of days, or `none` for never (`review_interval_days: none`: a long-term support model, where the
    service definition's reviews do not apply)."""
    if value == "none":
        return None
    try:
        return positive_int(value)
    except ValueError:
        raise ValueError("must be a whole number of days of 1 or more, or none") from None


def gender_policy(value: Any) -> str:
    if not isinstance(value, str) or value not in GENDER_POLICIES:
        raise ValueError("must be avoid-mixed or any")
    return value


def optional_money(value: Any) -> str | None:
    from peertool import validate
    from peertool.errors import InvalidInput

    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise InvalidInput("not money")
        return validate.cents_text(validate.money("activity_fund", value))
    except InvalidInput:
        raise ValueError("must be a non-negative amount with at most 2 decimals, e.g. 300 or 250.50") from None


def measures(value: Any) -> list[dict[str, Any]]:
    """The `measures` schedule: which instruments are due at enrollment and every N months after."""
    if not isinstance(value, list):
        raise ValueError("must be a list of {instrument: ID, every_months: N} entries (or [] for none)")
    schedule = []
    for number, entry in enumerate(value, start=1):
        if not isinstance(entry, dict) or not set(entry) <= {"instrument", "every_months"}:
            raise ValueError(f"entry {number} must be a mapping with instrument and every_months only")
        name = entry.get("instrument")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"entry {number} needs an instrument id, e.g. who5")
        every = entry.get("every_months")
        if every is not None:
            try:
                every = positive_int(every)
            except ValueError:
                raise ValueError(f"entry {number}: every_months must be a whole number of 1 or more") from None
        schedule.append({"instrument": name.strip(), "every_months": every})
    return schedule


def optional_command(value: Any) -> str | None:
    """A command line (run without a shell); its words are never shown back, as they might hold a secret."""
    import shlex

    if value is None:
        return None
    try:
        words = shlex.split(value) if isinstance(value, str) else []
    except ValueError:
        words = []
    if not words:
        raise ValueError("must be a command line, e.g. pass show peertool")
    return str(value)


_PROGRAM_KEYS = ("kind", "themes", "group_size", "pairs", "days", "service_code")
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekdays(value: Any) -> list[str]:
    """Open days, Monday first, none twice: a list of day names, or a text of days and ranges (`mon-fri`,
    `mon,wed,fri`, `mon-wed,fri`). A range runs forward only: `fri-mon` is refused, not wrapped."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ValueError("must be days such as mon-fri or mon,wed,fri")
    found: set[int] = set()
    for item in items:
        ends = [part.strip().lower() for part in str(item).split("-")]
        if len(ends) > 2 or not all(end in WEEK for end in ends) or WEEK.index(ends[0]) > WEEK.index(ends[-1]):
            raise ValueError(f"has {shown(str(item))}, which is not a day (mon..sun) or a range such as mon-fri")
        found.update(range(WEEK.index(ends[0]), WEEK.index(ends[-1]) + 1))
    return [WEEK[n] for n in sorted(found)]


def programs(value: Any) -> dict[str, dict[str, Any]]:
    """The `programs` mapping: name -> the fields it sets, each checked; `iml` may only override its fields."""
    import re

    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("must be a mapping of program names to their settings")
    out = {}
    for name, fields in value.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9-]{0,29}", name):
            raise ValueError(f"has {shown(str(name))}, not a program name (lowercase letters, digits, hyphens)")
        try:
            out[name] = _program(name, fields)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    return out


def _program(name: str, fields: Any) -> dict[str, Any]:
    from peertool.vocab import PROGRAM_KINDS

    if not isinstance(fields, dict):
        raise ValueError("must be a mapping such as {kind: drop-in, days: mon-fri}")
    unknown = sorted(str(key) for key in fields if key not in _PROGRAM_KEYS)
    if unknown:
        raise ValueError(f"unknown key {shown(unknown[0])} (known: {', '.join(_PROGRAM_KEYS)})")
    kind = fields.get("kind", "group-year" if name == "iml" else None)
    if kind not in PROGRAM_KINDS or (name == "iml" and kind != "group-year"):
        allowed = "group-year" if name == "iml" else " or ".join(PROGRAM_KINDS)
        raise ValueError(f"kind must be {allowed}")
    out: dict[str, Any] = {"kind": kind}
    checks = {"themes": themes, "days": weekdays, "service_code": code, "group_size": _size_rule, "pairs": _flag}
    for key, checker in checks.items():
        if key in fields:
            try:
                out[key] = checker(fields[key])
            except ValueError as exc:
                raise ValueError(f"{key} {exc}") from None
    if kind == "drop-in" and "days" not in out:
        raise ValueError("a drop-in needs its open days, e.g. days: mon-fri")
    if kind == "drop-in" and ("group_size" in out or out.get("pairs")):
        raise ValueError("a drop-in has no members to size or pair: remove group_size and pairs")
    if kind == "group-year" and "days" in out:
        raise ValueError("a group-year meets on its group's weekday: remove days (or make it kind: drop-in)")
    return out


def _size_rule(value: Any) -> dict[str, int]:
    if not isinstance(value, dict) or set(value) - {"min", "max"} or not value:
        raise ValueError("must be a mapping with min and max")
    low, high = positive_int(value.get("min", 1)), positive_int(value.get("max", LARGEST_GROUP))
    if low > high or not 2 <= high <= LARGEST_GROUP:
        raise ValueError(f"must have min no more than max, and max from 2 to {LARGEST_GROUP}")
    return {"min": low, "max": high}


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


class ValueAt(ValueError):
    """A bad value under one key of a mapping setting: `at` is that key, so the config error names the setting
    down to it (`supervision.cosign.note`, not `supervision.cosign`)."""

    def __init__(self, at: str, message: str):
        super().__init__(message)
        self.at = at


def cosign(value: Any) -> dict[str, int]:
    """`supervision.cosign`: which signed records a supervisor co-signs, as the percent of each kind drawn (100:
    all, 0: none). One policy (`all`, `none`, `sample 25`) for every kind, or a mapping kind -> policy; a kind
    left out is none."""
    if isinstance(value, dict):
        unknown = sorted(str(kind) for kind in value if kind not in SIGNED_KINDS)
        if unknown:
            raise ValueError(f"names {shown(unknown[0])}, not a kind of record signed: {', '.join(SIGNED_KINDS)}")
        percents = {}
        for kind in (kind for kind in SIGNED_KINDS if kind in value):
            try:
                percents[kind] = _cosign_percent(value[kind])
            except ValueError as exc:
                raise ValueAt(kind, str(exc)) from None
        return percents
    return dict.fromkeys(SIGNED_KINDS, _cosign_percent(value))


def _cosign_percent(value: Any) -> int:
    """all -> 100, none -> 0, `sample N` (N from 1 to 99, in the digits 0 to 9: `int` would also take
    Arabic-Indic or other scripts' digits, which an auditor reading the file may not) -> N."""
    words = value.split() if isinstance(value, str) and value.isascii() else []
    if words == ["all"] or words == ["none"]:
        return 100 if words == ["all"] else 0
    if len(words) == 2 and words[0] == "sample" and words[1].isdigit() and 1 <= int(words[1]) <= 99:
        return int(words[1])
    raise ValueError(f"is {shown(value)}; it must be all, none or sample PERCENT (a whole number from 1 to 99 "
                     "in the digits 0 to 9), alone or for each kind of record")  # fmt: skip
