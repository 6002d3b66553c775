"""YAML reading shared by the config and roster files.

A SafeLoader that leaves dates as text: PyYAML would otherwise turn
`2026-02-30` into an exception with no key attached, while our own date
parser can say which field holds the impossible date.
"""

from typing import TYPE_CHECKING, Any

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# libyaml's C parser when PyYAML was built with it (several times faster), else the pure-Python one.
if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader
else:
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDateLoader(_SafeBase):
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class YamlError(ValueError):
    """The text is not YAML; `line` is 1-based where known."""

    def __init__(self, line: int | None):
        super().__init__("not valid YAML")
        self.line = line


def load(text: str) -> Any:
    """Parse YAML safely, dates kept as text."""
    try:
        return yaml.load(text, Loader=_TextDateLoader)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlError(mark.line + 1 if mark else None) from None
