"""The service definition a program screens people against: its codes and their wording, in versions.

Built in is the state definition peertool was written for (`DEFAULT`,
version `builtin-1`, quoted exactly): service criteria A-G (at least one
admits), exclusion criteria A-B (any one excludes), continued-stay criteria
A-C and discharge criteria A-B. Another state's definition replaces it
through the `definition_file` setting, a YAML file with a `version` and the
same four sections. The codes of service and exclusion criteria are the
file's own; continued stay must be A, B and C and discharge A and B, since
reviews act on what each means (their wording may change). A record keeps
the version it was made under: the database stores each version's content
once, and refuses the same version with other wording.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, TypedDict

from peertool.errors import ConfigError, shown

if TYPE_CHECKING:
    from pathlib import Path

    from peertool.settings import Settings


class Definition(TypedDict):
    version: str
    service_criteria: dict[str, str]
    exclusions: dict[str, str]
    continued_stay: dict[str, str]
    discharge: dict[str, str]


DEFAULT: Definition = {
    "version": "builtin-1",
    "service_criteria": {
        "A": "Is receiving or has recently received crisis intervention services",
        "B": "Is experiencing functional problems in his/her home, community, church, school, job or volunteer "
        "activity",
        "C": "Is in recovery from mental illness or co-occurring disorders (mental illness and substance abuse) and "
        "is in need of mutual support from a peer in order to maintain recovery.",
        "D": "Is experiencing money management problems",
        "E": "Needs to develop self advocacy skills in order to decrease dependency on the formal mental health system",
        "F": "Would benefit from peer modeling in order to take increased responsibility for his/her own recovery",
        "G": "Needs peer supports in order to maintain self-sufficiency.",
    },
    "exclusions": {
        "A": "The individual is a risk to self or others, or sufficient impairment exists that a more intensive "
        "level of service is required.",
        "B": "The individual requires a level of structure and supervision beyond the scope of the program.",
    },
    "continued_stay": {
        "A": "Demonstrates a capacity to progress at his/her level of functioning.",
        "B": "Client wishes to continue participation with peer support services.",
        "C": "Additional Peer Support services have not been tried and are appropriate for the client's needs.",
    },
    "discharge": {
        "A": "No longer wishes to receive peer support services",
        "B": "Goals of the client's service plan and program have been substantially met.",
    },
}
SECTIONS = ("service_criteria", "exclusions", "continued_stay", "discharge")
# The sections whose codes the program acts on: a file may reword them, never renumber them.
FIXED = {"continued_stay": ("A", "B", "C"), "discharge": ("A", "B")}
_REWORDABLE = {"continued_stay": DEFAULT["continued_stay"], "discharge": DEFAULT["discharge"]}  # a file may omit
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,29}")
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_TEXT = 2000


def load(settings: Settings) -> Definition:
    """The definition in force: the `definition_file`'s, checked (a fault is exit 5 naming it), else DEFAULT."""
    path = settings.file_named("definition_file")
    if path is None:
        return DEFAULT
    return _read(path, settings.file_bytes)


def _read(path: Path, max_bytes: int) -> Definition:
    from peertool.yamlfile import load_named_file

    return check(load_named_file(path, "definition_file", max_bytes), f"definition_file {shown(path, 200)}")


def check(raw: object, source: str) -> Definition:
    """A definition read from a file, checked: ConfigError names the first key that is wrong."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{source} must be a mapping with `version` and {', '.join(SECTIONS)}.")
    unknown = sorted(str(key) for key in set(raw) - {"version", *SECTIONS})
    if unknown:
        raise ConfigError(f"{source}: unknown key {shown(unknown[0])}.", hint=f"Keys: version, {', '.join(SECTIONS)}.")
    version = raw.get("version")
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise ConfigError(f"{source}: `version` must be a name of 1 to 64 letters, digits, '.', '_' or '-'.")
    return {
        "version": version,
        "service_criteria": _section(raw, "service_criteria", source),
        "exclusions": _section(raw, "exclusions", source),
        "continued_stay": _section(raw, "continued_stay", source),
        "discharge": _section(raw, "discharge", source),
    }


def _section(raw: dict[object, object], name: str, source: str) -> dict[str, str]:
    """One section: code -> wording; codes unique whatever their case, wording 1 to MAX_TEXT characters."""
    entries = raw.get(name, _REWORDABLE.get(name))
    if not isinstance(entries, dict) or not entries:
        raise ConfigError(f"{source}: `{name}` must map each code to its wording.")
    out: dict[str, str] = {}
    for code, text in entries.items():
        if not isinstance(code, str) or not _CODE.fullmatch(code) or code.casefold() in map(str.casefold, out):
            raise ConfigError(f"{source}: `{name}` has the code {shown(code)}; codes are unique, 1 to 30 letters, "
                              "digits or '-'.")  # fmt: skip
        if not isinstance(text, str) or not 1 <= len(text.strip()) <= MAX_TEXT:
            raise ConfigError(f"{source}: `{name}` {code} needs its wording (1 to {MAX_TEXT} characters).")
        out[code] = text.strip()
    if name in FIXED and tuple(sorted(out)) != FIXED[name]:
        raise ConfigError(f"{source}: `{name}` must have the codes {', '.join(FIXED[name])} (reworded as needed).")
    return out


def canonical(definition: Definition) -> str:
    """The definition as one JSON text, keys sorted: what the database stores for its version."""
    return json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(definition: Definition) -> str:
    """The sha256 of the canonical text: the same version with other wording has another."""
    return hashlib.sha256(canonical(definition).encode()).hexdigest()


def from_stored(content: str) -> Definition:
    """A definition as the database stored it (its own canonical text, checked when first stored)."""
    loaded: Definition = json.loads(content)
    return loaded


def code_in(section: dict[str, str], typed: str) -> str | None:
    """The code as defined that `typed` names, in any case (`b` is `B`), or None."""
    folded = typed.strip().casefold()
    return next((code for code in section if code.casefold() == folded), None)
