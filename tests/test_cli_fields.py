"""`cli.fields.takes`: the options a verb pair shares, declared once as a dataclass, stand where the command
names them and reach it as one instance."""

from dataclasses import dataclass
from typing import Annotated

import typer
from typer.testing import CliRunner

from peertool.cli.fields import takes, values_given

ShoutOpt = Annotated[bool, typer.Option("--shout", help="Loudly.")]


@dataclass(frozen=True)
class Shared:
    colour: Annotated[str | None, typer.Option(help="A colour.")] = None
    size: Annotated[int, typer.Option(help="A size.")] = 1


def _app() -> tuple[typer.Typer, list[object]]:
    app = typer.Typer()
    seen: list[object] = []

    @app.command("first")
    @takes(Shared)
    def first(name: str, given: Shared, shout: ShoutOpt = False) -> None:
        seen.append((name, given, shout))

    @app.command("second")
    @takes(Shared, colour=Annotated[str | None, typer.Option(help="Another colour.")])
    def second(given: Shared) -> None:
        seen.append(given)

    return app, seen


def test_the_shared_options_stand_in_place_and_arrive_as_one_instance() -> None:
    app, seen = _app()
    result = CliRunner().invoke(app, ["first", "Ada", "--size", "3", "--shout"])
    assert result.exit_code == 0, result.output
    assert seen == [("Ada", Shared(colour=None, size=3), True)]
    help_text = CliRunner().invoke(app, ["first", "--help"], terminal_width=100).output
    assert help_text.index("--colour") < help_text.index("--size") < help_text.index("--shout")


def test_a_verb_may_give_a_shared_option_its_own_help() -> None:
    app, seen = _app()
    assert CliRunner().invoke(app, ["second", "--colour", "red"]).exit_code == 0
    assert seen == [Shared(colour="red")]
    assert "Another colour." in CliRunner().invoke(app, ["second", "--help"], terminal_width=100).output
    assert "A colour." in CliRunner().invoke(app, ["first", "--help"], terminal_width=100).output


def test_values_given_leaves_out_what_was_not_typed_and_flags() -> None:
    @dataclass(frozen=True)
    class WithFlag(Shared):
        edit: bool = False

    assert values_given(WithFlag(size=2, edit=True)) == {"size": 2}
    assert values_given(Shared(colour="")) == {"colour": "", "size": 1}
