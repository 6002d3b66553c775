"""YAML reading shared by the config and roster files.

A SafeLoader that leaves dates as text: PyYAML would otherwise turn
`2026-02-30` into an exception with no key attached, while our own date
parser can say which field holds the impossible date.

Anchors and aliases are refused before anything is built: a few hundred
bytes of nested aliases expand to gigabytes (a "billion laughs"), and
neither a config nor a roster ever needs them.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# libyaml's C parser when PyYAML was built with it (several times faster), else the pure-Python one.
if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader
else:
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeys:
    """A loader's constructor that refuses a mapping holding the same key twice.

    YAML says a mapping's keys are unique, but PyYAML keeps the last one
    silently: `cosign: {note: sample 25, note: none}` would quietly mean
    none, and a repeated `group_size:` would drop the first. Keys compare as
    built (`1` and `0x1` are one number), so the check runs on the composed
    document, before anything is constructed from it.
    """

    def construct_document(self, node: Any) -> Any:
        _refuse_repeated_keys(self, node, "")
        return super().construct_document(node)  # type: ignore[misc]


def _refuse_repeated_keys(loader: Any, node: Any, path: str) -> None:
    """Walk the nodes under `node`; YamlError naming the first key given twice in one mapping (its dotted path
    from the top) and the line of its second appearance."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_repeated_keys(loader, item, path)
    elif isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                raise repeated(f"{path}{key}", key_node.start_mark.line + 1)
            seen.add(key)
            _refuse_repeated_keys(loader, value_node, f"{path}{key}.")


def repeated(dotted: str, line: int) -> "YamlError":
    from peertool.errors import shown

    return YamlError(line, f"key {shown(dotted)} is given twice")


class _TextDateLoader(_UniqueKeys, _SafeBase):
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


# Every scalar as the text typed: a roster's `external_id: 0017` stays "0017", not the octal 15, and
# `gender: no` stays "no", not False.
if TYPE_CHECKING:
    _TextBaseLoader = yaml.BaseLoader
else:
    _TextBaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _TextBase(_UniqueKeys, _TextBaseLoader):
    pass


class YamlError(ValueError):
    """The text is not YAML we accept; `line` is 1-based where known, `reason` says why."""

    def __init__(self, line: int | None, reason: str = "not a valid YAML file"):
        super().__init__(reason)
        self.line = line
        self.reason = reason


ALIASES_REFUSED = "anchors and aliases (& and *) are not allowed; write each value out"


def load(text: str, *, as_text: bool = False) -> Any:
    """Parse YAML safely, dates kept as text, refusing anchors and aliases; with `as_text`, every scalar a string."""
    loader = _TextBase if as_text else _TextDateLoader
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise YamlError(event.start_mark.line + 1 if event.start_mark else None, ALIASES_REFUSED)
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass, or the BaseLoader
    except (yaml.YAMLError, ValueError) as exc:
        if isinstance(exc, YamlError):
            raise
        mark = getattr(exc, "problem_mark", None)
        raise YamlError(mark.line + 1 if mark else None) from None


class NotAList(YamlError):
    """The YAML holds something other than one list."""


def list_entries(stream: IO[str]) -> Iterator[Any]:
    """The entries of a YAML list, built one at a time from the parser's events, every scalar the text typed.

    A roster of a million entries is never held whole (`load` builds the
    whole document). Anchors and aliases are refused as `load` refuses them;
    an empty file is an empty list.
    """
    loader = _TextBase(stream)
    try:
        _expect(loader, yaml.StreamStartEvent)
        if isinstance(_event(loader), yaml.DocumentStartEvent):
            top = _event(loader)
            if isinstance(top, yaml.SequenceStartEvent):
                while not isinstance(event := _event(loader), yaml.SequenceEndEvent):
                    yield _built(loader, event)
            elif not (isinstance(top, yaml.ScalarEvent) and top.value == ""):
                raise NotAList(_line(top), "not a list")
            _expect(loader, yaml.DocumentEndEvent)
            _expect(loader, yaml.StreamEndEvent)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlError(mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()


def _event(loader: Any) -> Any:
    """The parser's next event; an anchor or an alias is refused."""
    event = loader.get_event()
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        raise YamlError(_line(event), ALIASES_REFUSED)
    return event


def _expect(loader: Any, kind: type) -> None:
    event = _event(loader)
    if not isinstance(event, kind):
        raise YamlError(_line(event), "expected a single YAML document holding a list")


def _line(event: Any) -> int | None:
    return event.start_mark.line + 1 if event is not None and event.start_mark else None


def _built(loader: Any, event: Any) -> Any:
    """The value whose first event is `event`: a scalar's text, a list, or a mapping (a key given twice refused,
    as `load` refuses it)."""
    if isinstance(event, yaml.SequenceStartEvent):
        items = []
        while not isinstance(item := _event(loader), yaml.SequenceEndEvent):
            items.append(_built(loader, item))
        return items
    if isinstance(event, yaml.MappingStartEvent):
        mapping: dict[Any, Any] = {}
        while not isinstance(key := _event(loader), yaml.MappingEndEvent):
            if not isinstance(key, yaml.ScalarEvent):
                raise YamlError(_line(key), "a key must be plain text")
            if key.value in mapping:
                raise repeated(key.value, _line(key) or 0)
            mapping[key.value] = _built(loader, _event(loader))
        return mapping
    return event.value


def load_named_file(path: Path, key: str, max_bytes: int) -> Any:
    """The YAML file a config key names (`instruments_file`, `definition_file`), parsed: ConfigError naming the
    key and the file when it is missing, unreadable or not YAML, since the file is part of the configuration."""
    from peertool.errors import ConfigError, shown
    from peertool.files import read_text

    text = read_text(path, key, missing=ConfigError, unreadable=ConfigError, max_bytes=max_bytes)
    try:
        return load(text)
    except YamlError as exc:
        raise ConfigError(f"{key} {shown(path, 200)}: {exc.reason}.") from None
