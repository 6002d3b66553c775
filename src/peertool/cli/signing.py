"""CLI: `sign` and `amend` for a kind of record (contact notes, meetings), defined once for both."""

import importlib
from collections.abc import Callable
from typing import Annotated, Any

import typer

from peertool.cli.options import AmendReasonOpt, CosignOpt, JsonOpt, SignerOpt, stdin_or
from peertool.render.output import render


def add_signing(app: typer.Typer, *, kind: str, label: str, module: str, show: Callable[[Any], None]) -> None:
    """Register `KIND sign ID --as ... [--cosign]` and `KIND amend ID TEXT --reason ...` on `app`.

    `module` is the library module with `sign_KIND` and `amend_KIND`, imported only when a command runs.
    """
    IdArg = Annotated[str, typer.Argument(metavar="ID", help=f"The {label}'s id.")]

    def library(action: str) -> Callable[..., dict[str, Any]]:
        found: Callable[..., dict[str, Any]] = getattr(importlib.import_module(module), f"{action}_{kind}")
        return found

    def sign(
        ctx: typer.Context,
        record_id: IdArg,
        signer: SignerOpt = None,
        cosign: CosignOpt = False,
        json_out: JsonOpt = False,
    ) -> None:
        from peertool.people.staff import staff_defined

        db = ctx.obj.open()
        if signer is None and not staff_defined(db):  # as before staff: --as is how a signer is named
            raise typer.BadParameter('name who signs, e.g. --as "Dana Reyes, CPS".', param_hint="'--as'")
        record = library("sign")(db, record_id, signer, settings=ctx.obj.settings, cosign=cosign)
        render(record, json_out, show, f"{'Co-signed' if cosign else 'Signed'} {label} {record['id']}.")

    def amend(
        ctx: typer.Context,
        record_id: IdArg,
        text: Annotated[str, typer.Argument(help="The addendum; '-' reads stdin.")],
        reason: AmendReasonOpt,
        json_out: JsonOpt = False,
    ) -> None:
        record = library("amend")(ctx.obj.open(), record_id, stdin_or(text), reason=reason, settings=ctx.obj.settings)
        render(record, json_out, show, f"Amended {label} {record['id']}.")

    signing = (
        f"Sign a {label}, which locks it (or add a supervisor's second signature with --cosign). Once staff are "
        "defined you sign as yourself, the current staff member, and --as is refused."
    )
    app.command("sign", help=f'{signing}\n\nExample: peertool {kind} sign 4 --as "Dana Reyes, CPS"')(sign)
    amending = f"Add a dated addendum to a {label} (the way to correct a signed one); the {label} stays as it was."
    example = f'peertool {kind} amend 4 "They called back: it went well" --reason "Later information"'
    app.command("amend", help=f"{amending}\n\nExample: {example}")(amend)
