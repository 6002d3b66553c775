"""Outcome instruments: the built-in WHO-5 and a program's own scales, and how answers become a score.

WHO-5 (the WHO-5 Well-Being Index, free to use) is built in: five items
answered 0 to 5, summed to a raw score of 0 to 25, which times 4 is a
percentage. A change of 10 percentage points or more is meaningful, and a raw
score below 13 suggests poor well-being.

A program adds its own instruments in the YAML file its `instruments_file`
setting names (licensed scales are never shipped; a program that holds the
licence adds them there). Scoring is a pure function of the answers and the
instrument, so every score can be checked by hand from the answers stored
beside it.
"""

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from peertool.errors import ConfigError, InvalidInput, NotFound, shown

if TYPE_CHECKING:
    from peertool.settings import Settings


class Instrument(TypedDict):
    """One questionnaire's definition: WHO-5 built in, others from `instruments_file`."""

    id: str
    name: str
    items: int
    min: int
    max: int
    score: str  # "sum" or "mean"
    reverse: list[int]
    subscales: dict[str, list[int]]
    percent: bool
    meaningful_change: float | None
    low_below: float | None
    lower_is_better: bool


WHO5: Instrument = {
    "id": "who5",
    "name": "WHO-5 Well-Being Index",
    "items": 5,
    "min": 0,
    "max": 5,
    "score": "sum",
    "reverse": [],
    "subscales": {},
    "percent": True,  # change is measured in percentage points
    "meaningful_change": 10,
    "low_below": 13,  # raw score
    "lower_is_better": False,
}

KEYS = set(WHO5)
MOST_ITEMS = 200


@functools.lru_cache(maxsize=256)  # a handful of ids, asked for per person and per row
def key(name: str) -> str:
    """How an instrument id is compared: any case, with hyphens, underscores and spaces ignored (WHO-5 = who5)."""
    return re.sub(r"[\s_-]", "", name).casefold()


def load(settings: "Settings") -> dict[str, Instrument]:
    """Every instrument in force, by key: WHO-5 and the `instruments_file`'s, with the `measures` schedule checked
    against them (a schedule naming an instrument no file defines is a config error, exit 5)."""
    found = {key(WHO5["id"]): WHO5}
    path = settings.file_named("instruments_file")
    if path is not None:
        for instrument in _read(path, settings.file_bytes):
            if key(instrument["id"]) in found:
                raise ConfigError(
                    f"instruments_file {shown(settings.instruments_file, 200)}: the id {shown(instrument['id'])} "
                    "is used twice (who5 is built in)."
                )
            found[key(instrument["id"])] = instrument
    for entry in settings.measures:
        if key(entry["instrument"]) not in found:
            raise ConfigError(
                f"config: key 'measures' names the instrument {shown(entry['instrument'])}, which is not defined.",
                hint=f"Instruments: {', '.join(i['id'] for i in found.values())}; add others in instruments_file.",
            )
    return found


def find(instruments: dict[str, Instrument], name: str) -> Instrument:
    """The instrument a user named; NotFound lists the ones there are."""
    found = instruments.get(key(name))
    if found is None:
        raise NotFound(
            f"no instrument {shown(name)}.",
            hint=f"Instruments: {', '.join(i['id'] for i in instruments.values())} (add others in instruments_file).",
        )
    return found


def _read(path: Path, max_bytes: int) -> list[Instrument]:
    from peertool.yamlfile import load_named_file

    source = f"instruments_file {shown(path, 200)}"
    data = load_named_file(path, "instruments_file", max_bytes)
    entries = data.get("instruments") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{source} must hold a list under `instruments:`.")
    return [checked(entry, f"{source}: instrument {number}") for number, entry in enumerate(entries, start=1)]


def checked(entry: object, source: str) -> Instrument:
    """One instrument definition, checked; ConfigError names what is wrong with it."""
    if not isinstance(entry, dict):
        raise ConfigError(f"{source} is not a mapping.")
    unknown = sorted(str(k) for k in set(entry) - KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown key {shown(unknown[0])}.", hint=f"Known keys: {', '.join(sorted(KEYS))}.")
    try:
        return _fields(entry)
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}.") from None


def _fields(entry: dict[Any, Any]) -> Instrument:
    ident, name = entry.get("id"), entry.get("name")
    if not isinstance(ident, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,31}", ident):
        raise ValueError("id must be a short code of letters, digits, '-' or '_', starting with a letter")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name must be a text")
    items, low, high = (_whole(entry.get(k), k) for k in ("items", "min", "max"))
    if not 1 <= items <= MOST_ITEMS or low >= high:
        raise ValueError(f"items must be 1 to {MOST_ITEMS}, and min below max")
    method = entry.get("score", "sum")
    if method not in ("sum", "mean"):
        raise ValueError("score must be sum or mean")
    percent, lower = entry.get("percent", False), entry.get("lower_is_better", False)
    if not isinstance(percent, bool) or not isinstance(lower, bool):
        raise ValueError("percent and lower_is_better must be true or false")
    return {
        "id": ident,
        "name": name.strip(),
        "items": items,
        "min": low,
        "max": high,
        "score": method,
        "reverse": _item_list(entry.get("reverse", []), items, "reverse"),
        "subscales": _subscales(entry.get("subscales", {}), items),
        "percent": percent,
        "meaningful_change": _optional_number(entry.get("meaningful_change"), "meaningful_change"),
        "low_below": _optional_number(entry.get("low_below"), "low_below"),
        "lower_is_better": lower,
    }


def _whole(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number")
    return value


def _optional_number(value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"{name} must be a number above 0")
    return value


def _item_list(value: Any, items: int, name: str) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(_whole_in(v, 1, items) for v in value):
        raise ValueError(f"{name} must be a list of item numbers from 1 to {items}")
    return sorted(set(value))


def _whole_in(value: Any, low: int, high: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and low <= value <= high


def _subscales(value: Any, items: int) -> dict[str, list[int]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("subscales must be a mapping of name to a list of item numbers")
    found = {}
    for name, numbers in value.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError("every subscale needs a name")
        found[name.strip()] = _item_list(numbers, items, f"subscale {shown(name)}")
        if not found[name.strip()]:
            raise ValueError(f"subscale {shown(name)} lists no items")
    return found


def parse_answers(instrument: Instrument, answers: object) -> list[int]:
    """Answers as typed ("3,4,2,5,1" or a list), checked against the instrument's item count and range."""
    if isinstance(answers, str):
        raw: list[object] = [a.strip() for a in answers.split(",")] if answers.strip() else []
    else:
        raw = list(answers) if isinstance(answers, list | tuple) else []
    low, high, items = instrument["min"], instrument["max"], instrument["items"]
    if len(raw) != items:
        raise InvalidInput(
            f"answers: {instrument['id']} has {items} items; {len(raw)} answer(s) were given.",
            hint=f"Give {items} whole numbers from {low} to {high}, separated by commas.",
        )
    values = []
    for number, answer in enumerate(raw, start=1):
        text = str(answer).strip()
        if not re.fullmatch(r"[+-]?[0-9]{1,6}", text) or not low <= int(text) <= high:
            raise InvalidInput(
                f"answers: item {number} is {shown(text)}; each answer is a whole number {low} to {high}."
            )
        values.append(int(text))
    return values


class Score(TypedDict):
    score: float
    percent: float | None
    subscales: dict[str, float]


def score(instrument: Instrument, answers: list[int]) -> Score:
    """The score of checked answers: total (sum or mean, reversed items turned round), percent, subscales."""
    low, high = instrument["min"], instrument["max"]
    scored = [high + low - a if n in instrument["reverse"] else a for n, a in enumerate(answers, start=1)]
    total = _combine(instrument["score"], scored)
    return {
        "score": total,
        "percent": percent(instrument, total),
        "subscales": {
            name: _combine(instrument["score"], [scored[n - 1] for n in numbers])
            for name, numbers in instrument["subscales"].items()
        },
    }


def _combine(method: str, values: list[int]) -> float:
    total = sum(values)
    return round(total / len(values), 2) if method == "mean" else total


def score_range(instrument: Instrument) -> tuple[int, int]:
    """The lowest and highest score the instrument can give (WHO-5: 0 to 25)."""
    count = 1 if instrument["score"] == "mean" else instrument["items"]
    return instrument["min"] * count, instrument["max"] * count


def percent(instrument: Instrument | None, total: float) -> float | None:
    """The score as a percentage of its range (WHO-5: raw x 4), for instruments that report one."""
    if instrument is None or not instrument["percent"]:
        return None
    low, high = score_range(instrument)
    return number(round((total - low) / (high - low) * 100, 1))


def number(value: float) -> float:
    """A score as it reads best: 24 rather than 24.0."""
    return int(value) if float(value).is_integer() else value


def low(instrument: Instrument | None, total: float) -> bool | None:
    """Whether a score is under the instrument's `low_below` line (WHO-5: raw below 13, poor well-being)."""
    line = None if instrument is None else instrument["low_below"]
    return None if line is None else total < line
