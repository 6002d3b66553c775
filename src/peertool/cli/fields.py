"""The options a verb pair shares (`meeting record`/`edit`, `note add`/`edit`, `enroll`/`participant edit`),
declared once as a frozen dataclass, as sqlite-utils declares `insert`'s and `upsert`'s options once.

`takes(Fields)` puts the dataclass's fields, as the command's options, where the parameter annotated with it
stands (so `--help` lists them in place), and hands the command one `Fields` of what was typed. Where one verb
means something else by a field (`participant edit --interest` replaces, `enroll --interest` adds), it names
that field's own annotation: `takes(Fields, interest=Annotated[...])`.
"""

import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, get_type_hints

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def takes(fields: type[Any], **own: object) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator (under `app.command`): the command's parameter annotated `fields` becomes its options (with
    the annotations in `own` instead of the shared ones)."""
    shared = {field.name: field for field in dataclasses.fields(fields)}
    annotations = get_type_hints(fields, include_extras=True) | own

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        slot = next(name for name, param in signature.parameters.items() if param.annotation is fields)
        params: list[inspect.Parameter] = []
        for name, param in signature.parameters.items():
            params += [param] if name != slot else [
                inspect.Parameter(field.name, param.kind, default=field.default, annotation=annotations[field.name])
                for field in shared.values()
            ]  # fmt: skip

        @functools.wraps(command)
        def run(**given: Any) -> None:
            command(**{name: value for name, value in given.items() if name not in shared},
                    **{slot: fields(**{name: given[name] for name in shared})})  # fmt: skip

        run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        run.__annotations__ = {param.name: param.annotation for param in params} | {"return": None}
        return run

    return decorate


def values_given(options: "DataclassInstance") -> dict[str, Any]:
    """The options of a `takes` dataclass the user gave, by field name in --help's order (Typer passes None for
    the rest); a flag (a bool) is left out, as it says how to work rather than what to save."""
    values = {field.name: getattr(options, field.name) for field in dataclasses.fields(options)}
    return {name: value for name, value in values.items() if value is not None and not isinstance(value, bool)}
