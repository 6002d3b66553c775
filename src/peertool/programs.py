"""Programs as data: what each program a group belongs to meets as, its themes, size rule, pairing and code.

`iml` is built in and reads the settings every IML group always read
(`themes`, `group_size.*`, `billing.service_code`), so a config that
declares no program changes nothing; a `programs.iml` entry may override
its fields. Other programs come from the `programs` setting. A group's
`program` column names its program; NULL (every group made before
programs existed) reads as `iml`. A drop-in program has open days instead
of members: it does not pair, has no size rule (`size_min` 0, `size_max`
None: no cap) and, unless the config gives some, no themes.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peertool.errors import ConfigError, InvalidInput, shown
from peertool.vocab import ProgramKind

if TYPE_CHECKING:
    from collections.abc import Mapping

    from peertool.settings import Settings

IML = "iml"


@dataclass(frozen=True)
class Program:
    """One program, with every field filled in (a drop-in's `size_max` is None: no cap). A group-year program
    the config declares takes `themes`, `group_size.*` and `billing.service_code` for the fields it leaves out,
    as `iml` does."""

    name: str
    kind: ProgramKind
    themes: tuple[str, ...]
    size_min: int
    size_max: int | None
    pairs: bool
    days: tuple[str, ...]
    service_code: str

    @property
    def drop_in(self) -> bool:
        return self.kind is ProgramKind.drop_in


def _build(name: str, fields: dict[str, Any], settings: "Settings") -> Program:
    kind = ProgramKind(fields["kind"])
    size = fields.get("group_size") or (
        {"min": settings.group_size_min, "max": settings.group_size_max} if kind is ProgramKind.group_year else None
    )
    return Program(
        name=name,
        kind=kind,
        themes=tuple(fields.get("themes") or (settings.themes if kind is ProgramKind.group_year else ())),
        size_min=size["min"] if size else 0,
        size_max=size["max"] if size else None,
        pairs=fields.get("pairs", kind is ProgramKind.group_year),
        days=tuple(fields.get("days", ())),
        service_code=fields.get("service_code", settings.service_code),
    )


def parse_days(field: str, value: str) -> list[str]:
    """Open days as typed (`mon-fri`, `mon,wed,fri`, `mon-wed,fri`), Monday first; nonsense is refused."""
    from peertool.config_checks import weekdays

    try:
        return weekdays(value)
    except ValueError as exc:
        raise InvalidInput(f"{field}: {exc}.", hint="Write days as mon-fri or mon,wed,fri (mon .. sun).") from None


def all_programs(settings: "Settings") -> dict[str, Program]:
    """Every program in force, `iml` first, then the config's in the order declared."""
    declared = {IML: {"kind": ProgramKind.group_year.value}, **settings.programs}
    return {name: _build(name, fields, settings) for name, fields in declared.items()}


def program_named(settings: "Settings", name: str) -> Program:
    """The program called `name`; an unknown name is refused, listing the known ones."""
    known = all_programs(settings)
    key = str(name).strip().lower()
    if key not in known:
        raise InvalidInput(f"program: {shown(str(name))} is not a program.", hint=f"Known: {', '.join(known)}.")
    return known[key]


def is_drop_in(group: "Mapping[str, object]") -> bool:
    """Whether a group's row is a drop-in's: it has open days (`days`, set when it was made from its program's
    kind). The one test of it; `group_program` refuses a config whose program kind says otherwise."""
    return bool(group.get("days"))


def group_program(settings: "Settings", group: dict[str, Any]) -> Program:
    """The program of a group's row (`program` NULL or absent: `iml`). A program the config no longer declares,
    or whose kind no longer matches the group's (`is_drop_in`), is a config error: the group's rules cannot be
    told. Every rule that reads a group's program comes through here, so none half-treats such a group."""
    name = group.get("program") or IML
    known = all_programs(settings)
    if name not in known:
        raise ConfigError(
            f"group {group['id']} belongs to program {shown(name)}, which the config does not declare.",
            hint=f"Declare it under programs: in the config (known: {', '.join(known)}).",
        )
    program = known[name]
    if program.drop_in != is_drop_in(group):  # half a drop-in, half a year: no rule of either would be true
        was, now = (ProgramKind.drop_in, ProgramKind.group_year) if is_drop_in(group) else (
            ProgramKind.group_year, ProgramKind.drop_in)  # fmt: skip
        raise ConfigError(
            f"group {group['id']} is a {was.value} group, but the config makes its program {shown(name)} a "
            f"{now.value}.",
            hint=f"Set program {name}'s kind back to {was.value} in the config; a group keeps the kind it was made "
            "with, so make a new group under a program of the other kind.",
        )
    return program


def program_months(settings: "Settings") -> dict[str, int | None]:
    """How long each program's year runs, in months (its themes), by name; None for a drop-in, which has no
    year's end."""
    return {name: None if p.drop_in else len(p.themes) for name, p in all_programs(settings).items()}
