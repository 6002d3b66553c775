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
from typing import Any, get_type_hints


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
