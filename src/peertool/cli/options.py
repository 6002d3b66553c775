"""Options and arguments several commands share, declared once."""

from typing import Annotated

import typer

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
GroupArg = Annotated[str, typer.Argument(help="Group name or id.")]
