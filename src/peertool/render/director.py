"""How the director's view (`report --all`) prints: one row per group and the total, at a terminal or as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool.render.output import table
from peertool.render.visits import markdown_row

if TYPE_CHECKING:
    from peertool.outcomes.director import Director, Figures

COLUMNS = ["group", "program", "attended", "retained", "goals met/set", "change", "units", "co-signed"]
# The Markdown page has room for the units of each line.
MARKDOWN_COLUMNS = [*COLUMNS[:-2], "group units", "individual units", "units", "co-signed"]


def _title(report: Director) -> str:
    count = len(report["groups"])
    return (
        f"All groups, {report['from']} to {report['to']}: {count} group{'s' if count != 1 else ''}, "
        f"{report['people']} people"
    )


def _attended(figures: Figures) -> str:
    """Present of recorded at an IML group's meetings; a drop-in's visits and visitors."""
    visits = f"{figures['visits']} visits by {figures['visitors']}"
    marks = figures["attendance"]
    if marks is None:
        return visits
    shown = f"{marks['present']}/{marks['recorded']}" + (f" ({marks['rate']:.0%})" if marks["rate"] is not None else "")
    return shown + (f", {visits}" if figures["visits"] else "")


def _retained(figures: Figures) -> str:
    kept = figures["retention"]
    return f"{kept['retained']}/{kept['people']}" + (f" ({kept['rate']:.0%})" if kept["rate"] is not None else "")


def _change(figures: Figures) -> str:
    """Each instrument's mean change, and over how many people (`who5 +12 (2)`)."""
    return ", ".join(f"{m['instrument']} {m['mean_change']:+g} ({m['people']})" for m in figures["measures"]) or "-"


def _cosigned(figures: Figures) -> str:
    rate = figures["cosign_rate"]
    return "-" if rate is None else f"{rate:.0%}"


def _cells(name: str, program: str, figures: Figures, *, lines: bool) -> list[Any]:
    units = figures["units"]
    split = [f"{units['group']:g}", f"{units['individual']:g}"] if lines else []
    return [name, program, _attended(figures), _retained(figures),
            f"{figures['goals']['achieved']}/{figures['goals']['set']}", _change(figures),
            *split, f"{units['total']:g}", _cosigned(figures)]  # fmt: skip


def _rows(report: Director, *, lines: bool = False) -> list[list[Any]]:
    """A row per group (a drop-in's program marked so), then the total."""
    rows = [
        _cells(g["group"], g["program"] + (" (drop-in)" if g["drop_in"] else ""), g, lines=lines)
        for g in report["groups"]
    ]
    return [*rows, _cells("total", "", report, lines=lines)]


def report_table(report: Director) -> None:
    table(_title(report), COLUMNS, _rows(report), drop_first=["co-signed", "change"])


def report_markdown(report: Director) -> str:
    """The director's view as printable Markdown: a row per group and the total, and what each figure counts."""
    lines = [f"# {_title(report)}", "", markdown_row(MARKDOWN_COLUMNS), "|" + "---|" * len(MARKDOWN_COLUMNS)]
    lines += [markdown_row(cells) for cells in _rows(report, lines=True)]
    lines += [
        "",
        "Attended: present of recorded at IML meetings; a drop-in's visits by its visitors. Retained: of those in "
        "the group in the period, still in it and not discharged at its end. Change: each instrument's mean change "
        "(people measured twice). The total counts each person once.",
    ]
    return "\n".join(lines) + "\n"
