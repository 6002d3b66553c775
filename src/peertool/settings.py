"""The program file: YAML settings with documented defaults and their sources.

Only the first file found is read (`--config` > `PEERTOOL_CONFIG` >
`./peertool.yaml` > the per-user config dir), so the effective settings are
always one file over the built-in defaults, and `config show` can say where
each value came from. Every key, declared once in `settings_spec`, is checked
here, once, so that commands can trust the values they get.
"""

import os
import sys
from pathlib import Path
from typing import Any

from peertool import config_checks as check
from peertool.errors import ConfigError, shown
from peertool.settings_spec import PROGRAM_THEMES as PROGRAM_THEMES
from peertool.settings_spec import SPEC, Declared

CONFIG_ENV = "PEERTOOL_CONFIG"
LOCAL_FILE = "peertool.yaml"
APP_NAME = "peertool"
LARGEST_GROUP = check.LARGEST_GROUP

LOCALTIME = "/etc/localtime"


def local_timezone() -> str | None:
    """The machine's time zone as an IANA name, when it can be told ($TZ or /etc/localtime); else None.

    A name read from the /etc/localtime link names a file the time zone database
    holds, so it is not loaded again: importing zoneinfo would cost every command
    two milliseconds of start-up. Only $TZ, which anyone can set, is checked.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return check.timezone(name)
        except ValueError:
            return None
    if not os.path.islink(LOCALTIME):
        return None
    target = os.path.realpath(LOCALTIME)
    name = target.partition("/zoneinfo/")[2]
    return name if name and os.path.isfile(target) else None


# Keys that choose where records go or run a program: honoured only from the user's own config (--config,
# PEERTOOL_CONFIG, the per-user folder), never from a peertool.yaml that happens to be in the current folder.
OWN_CONFIG_ONLY = ("database", "encryption.key_command")
REFUSED = "refused: "  # how the source of such a key reads in `config show`

# Keys naming a file whose contents peertool obeys: that file must be the user's own, like the config.
NAMED_FILES = ("instruments_file", "lessons_file", "pseudonym_key_file", "definition_file")


class Settings(Declared):
    """The settings in force, typed: one attribute per key of the program file, each declared in `Declared`.

    `values` and `sources` keep every dotted key with where it came from,
    for `config show`. A plain class rather than a dataclass: dataclasses
    compile code when imported, which every command would pay for.
    """

    def __init__(self, values: dict[str, Any], sources: dict[str, str], path: Path | None):
        self.values = values
        self.sources = sources
        self.path = path
        self.refused = [key for key, source in sources.items() if source.startswith(REFUSED)]

    @property
    def weights(self) -> dict[str, float]:
        """The pairing score's weights (`pairing.weights.*`), by name."""
        prefix = "pairing.weights."
        return {key[len(prefix) :]: value for key, value in self.values.items() if key.startswith(prefix)}

    def units(self, minutes: int | None) -> int | float | None:
        """The service units `minutes` make under the program's `billing` settings."""
        from peertool.units import units

        return units(minutes, self.unit_minutes, self.rounding)

    def file_named(self, key: str) -> Path | None:
        """The file a key of NAMED_FILES names, or None. A relative `instruments_file` or `definition_file` is
        read from the config file's folder; the others, as they always were, from the current folder."""
        name = self.values[key]
        if name is None:
            return None
        path = Path(name)
        if key in ("instruments_file", "definition_file") and not path.is_absolute() and self.path is not None:
            return self.path.parent / path
        return path

    def refuse_local_keys(self) -> None:
        """Refuse to run with a key the config in the current folder may not set (see load_settings)."""
        if self.refused:
            raise ConfigError(
                f"config file {self.path}: key {shown(self.refused[0])} is honoured only from your own config, "
                f"never from a {LOCAL_FILE} found in the current folder; nothing was run.",
                hint=f"If this file is yours, pass it with --config {self.path} or {CONFIG_ENV}; else move the key "
                "to your per-user config (`peertool config init` makes one), or remove it.",
            )

    @property
    def timezone(self) -> str | None:
        """The `timezone` setting, else the machine's zone (looked up only when a calendar needs it)."""
        return self._timezone or local_timezone()


def user_dir() -> Path:
    """The per-user folder for the config and default database, where click's get_app_dir puts it.

    Written here so the library needs no CLI framework: $XDG_CONFIG_HOME (or
    ~/.config) on Linux, Application Support on macOS, %APPDATA% on Windows.
    """
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or os.path.expanduser("~")) / APP_NAME
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Application Support")) / APP_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")) / APP_NAME


def find_config_file(explicit: str | None) -> tuple[Path | None, bool]:
    """The one config file in force (None when only defaults apply), and whether it was found in the current
    folder rather than named by the user (`--config`, PEERTOOL_CONFIG) or kept in the per-user folder."""
    if explicit:
        return Path(explicit), False
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env), False
    local = Path(LOCAL_FILE)
    if local.is_file():
        return local, True
    user = user_dir() / "config.yaml"
    return (user if user.is_file() else None), False


def load_settings(explicit: str | None = None) -> Settings:
    """Read and check the config file in force, over the built-in defaults.

    The file, and each file it names, must be the user's own (`trust`). A key
    of OWN_CONFIG_ONLY in a file found in the current folder is not taken: it
    keeps its default, its source says it was refused, and the settings'
    `refused` lists it, so `config show` can say so and every other command
    refuses to run (`refuse_local_keys`).
    """
    path, local = find_config_file(explicit)
    values = {key: item.default for key, item in SPEC.items()}
    sources = {key: "default" for key in SPEC}
    if path is not None:
        from peertool.trust import refuse_untrusted  # only a file can be untrusted, or name other files

        refuse_untrusted(path, "config file")
        for key, raw in _read_file(path).items():
            if local and key in OWN_CONFIG_ONLY:
                sources[key] = f"{REFUSED}{path} (honoured only from your own config)"
                continue
            values[key] = _check(path, key, raw)
            sources[key] = str(path)
    _check_group_size(path, values)
    settings = Settings(values, sources, path)
    for key in NAMED_FILES if path is not None else ():
        named = settings.file_named(key)
        if named is not None:
            refuse_untrusted(named, key)
    return settings


def _read_file(path: Path) -> dict[str, Any]:
    from peertool.files import read_text
    from peertool.yamlfile import YamlError, load

    text = read_text(path, "config file", missing=ConfigError, unreadable=ConfigError)
    try:
        data = load(text)
    except YamlError as exc:
        where = f" at line {exc.line}" if exc.line else ""
        raise ConfigError(f"config file {path}: {exc.reason}{where}.") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: the top level must be a mapping of keys.")
    return _flatten(path, data)


def _flatten(path: Path, data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Turn nested mappings into dotted keys, refusing keys we do not know."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if dotted in SPEC:
            flat[dotted] = value
        elif isinstance(value, dict) and any(k.startswith(dotted + ".") for k in SPEC):
            flat.update(_flatten(path, value, dotted + "."))
        else:
            known = ", ".join(sorted(SPEC))
            raise ConfigError(f"config file {path}: unknown key {shown(dotted)}.", hint=f"Known keys: {known}.")
    return flat


def _check(path: Path, key: str, raw: Any) -> Any:
    try:
        return SPEC[key].check(raw)
    except ValueError as exc:
        named = f"{key}.{exc.at}" if isinstance(exc, check.ValueAt) else key
        raise ConfigError(f"config file {path}: key {shown(named)} {exc}.") from None


def _check_group_size(path: Path | None, values: dict[str, Any]) -> None:
    low, high = values["group_size.min"], values["group_size.max"]
    if low > high:
        raise ConfigError(f"config file {path}: key 'group_size.min' ({low}) is above group_size.max ({high}).")
    if high > LARGEST_GROUP:
        raise ConfigError(
            f"config file {path}: key 'group_size.max' ({high}) is above {LARGEST_GROUP}, the most the exact "
            "pairing (an odd group's trio included) answers for within 100 ms.",
            hint="Split a larger program into groups of 16 or fewer.",
        )
    if high < 2:
        raise ConfigError(f"config file {path}: key 'group_size.max' must be at least 2 so people can pair.")


def write_starter() -> Path:
    """Write the commented starter config to the per-user folder (0600), never over an existing file."""
    from peertool.config_file import starter
    from peertool.errors import Conflict
    from peertool.files import existing_kind, make_private_folders, write_private

    path = user_dir() / "config.yaml"
    if existing_kind(path) is not None:
        raise Conflict(f"{short_path(str(path))} already exists.", hint="Edit it, or move it away first.")
    make_private_folders(path.parent)
    write_private(path, starter().encode())
    return path


def short_path(text: str) -> str:
    """A path as a person reads it: the home folder as ~."""
    home = os.path.expanduser("~")
    return "~" + text[len(home) :] if home not in ("", "/") and text.startswith(home + os.sep) else text
