"""The program file as text, written from the declarations in `settings_spec` and nowhere else.

`starter()` is what `peertool config init` writes. `example()` is
examples/peertool.yaml and `table()` the README's table of settings, both
kept in step by cog (`cog --check README.md docs/*.md examples/peertool.yaml`).
"""

import json
import re
from typing import Any

from peertool.settings_spec import SPEC, Setting

STARTER_HEADER = """\
# peertool's settings. Every key is optional: left out, the built-in default applies.
# `peertool config show` lists the values in force and where each came from."""

EXAMPLE_HEADER = """\
# An example program file for peertool. Every key is optional: left out, the
# built-in default applies (`peertool config show` lists them with sources).
# Written from src/peertool/settings_spec.py by cog: edit the declarations there."""

# What the example sets beyond the starter's keys: fictional values that the tests and the README's walk-through use.
EXAMPLE_VALUES: dict[str, Any] = {
    "skip_dates": ["2026-05-26", "2026-11-24", "2026-12-29"],
    "programs": {"iml": {"kind": "group-year"}, "independence": {"kind": "drop-in", "days": "mon-fri"}},
    "pairing.weights.mixed_gender": 1000,
    "pairing.weights.solo_mismatch": 100,
    "pairing.weights.repeat": 10,
    "pairing.weights.shared_interest": 1,
    "activity_fund": "300.00",
    "billing.unit_minutes": 15,
    "billing.rounding": "eight-minute",
    "billing.service_code": "H0038",
    "billing.group_modifier": "HQ",
    "notes.sign_within_days": 3,
    "instruments_file": "instruments.yaml",
    "measures": [{"instrument": "who5", "every_months": 3}, {"instrument": "belong3", "every_months": 6}],
}

COMMENT_COLUMN = 32  # where a key's help starts, as a YAML comment
FLOW_WIDTH = 100  # a list that fits in this many characters is written on one line
_PLAIN = re.compile(r"[A-Za-z0-9~/][A-Za-z0-9 ._/~-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def starter(header: str = STARTER_HEADER, values: dict[str, Any] | None = None) -> str:
    """A commented program file: every key, with its help. The keys in `values` (by default, each key declared
    `starter`, at its default) are set; every other key is shown commented out, with its sample value."""
    chosen = values if values is not None else {key: item.default for key, item in SPEC.items() if item.starter}
    lines = [header, ""]
    previous: list[str] = []
    for key, item in SPEC.items():
        parts = key.split(".")
        if item.heading:
            lines += ["", f"# {item.heading}"]
        elif previous and parts[0] != previous[0] and (len(parts) > 1 or len(previous) > 1):
            lines.append("")
        for depth in range(len(parts) - 1):
            if parts[: depth + 1] != previous[: depth + 1]:
                prefix = ".".join(parts[: depth + 1]) + "."
                shown = any(name.startswith(prefix) for name in chosen)
                lines.append(("" if shown else "# ") + "  " * depth + parts[depth] + ":")
        lines += _entry(item, parts[-1], "  " * (len(parts) - 1), chosen)
        previous = parts
    return "\n".join(lines) + "\n"


def example() -> str:
    """examples/peertool.yaml: the starter's keys and the example's values set, every other key commented out."""
    values = {key: item.default for key, item in SPEC.items() if item.starter} | EXAMPLE_VALUES
    return starter(EXAMPLE_HEADER, values)


def _entry(item: Setting[Any], name: str, indent: str, chosen: dict[str, Any]) -> list[str]:
    """The lines of one key: set to its chosen value, or commented out with its sample."""
    value = chosen.get(item.key, item.sample)
    mark = "" if item.key in chosen else "# "
    head = f"{mark}{indent}{name}:"
    body: list[str] = []
    if isinstance(value, list) and value and not _fits(head, value):
        for entry in value:
            pairs = list(entry.items()) if isinstance(entry, dict) else [(None, entry)]
            for number, (field, scalar) in enumerate(pairs):
                lead = "- " if number == 0 else "  "
                text = _scalar(scalar) if field is None else f"{field}: {_scalar(scalar)}"
                body.append(f"{mark}{indent}  {lead}{text}")
    elif isinstance(value, dict) and value and all(isinstance(entry, dict) for entry in value.values()):
        body = [f"{mark}{indent}  {field}: {_value(entry)}" for field, entry in value.items()]  # one line each
    else:
        head += " " + _value(value)
    return [f"{head.ljust(COMMENT_COLUMN - 1)} # {item.help}", *body]


def _fits(head: str, value: list[Any]) -> bool:
    return all(not isinstance(entry, dict) for entry in value) and len(head) + len(_value(value)) < FLOW_WIDTH


def _value(value: Any) -> str:
    """A value on one line, in YAML's flow style."""
    if isinstance(value, list):
        return "[" + ", ".join(_value(entry) for entry in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{field}: {_value(entry)}" for field, entry in value.items()) + "}"
    return _scalar(value)


def _scalar(value: Any) -> str:
    """A value as YAML reads it back: plain when safe, else double-quoted (JSON's quoting is YAML's)."""
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return text if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS else json.dumps(text)


def table() -> str:
    """The README's table of settings: each key, its default, and what it sets."""
    rows = ["| key | default | what it sets |", "|---|---|---|"]
    for key, item in SPEC.items():
        help_text = item.help.replace("|", "\\|")
        rows.append(f"| `{key}` | {_default(item.default)} | {help_text} |")
    return "\n".join(rows) + "\n"


def _default(value: Any) -> str:
    if value is None:
        return "none"
    text = _value(value)
    return f"{len(value)} values (`config show` lists them)" if len(text) > 40 else f"`{text}`"
