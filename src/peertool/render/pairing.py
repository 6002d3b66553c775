"""How peer partners look at a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peertool.errors import shown
from peertool.render.output import message, table

if TYPE_CHECKING:
    from peertool.pairing.shapes import History, Pairing, Pairs, SavedPairing, Unpairing


def pairs(result: Pairing | Pairs | SavedPairing, *, title: str, explain: bool) -> None:
    """A numbered table of pairs; with `explain`, the reasons for each."""
    rows = []
    for number, team in enumerate(result["pairs"], start=1):
        names = [f"{m['name']} ({m['id']})" for m in team["members"]]
        if team.get("kind") == "coach":
            names.append("the coach")
        row = [number, names[0], " & ".join(names[1:])]
        rows.append(row + (["; ".join(team["reasons"])] if explain else []))
    table(title, ["#", "partner", "partner"] + (["why"] if explain else []), rows)


def current(result: Pairs) -> None:
    """`pairs GROUP`: the current pairs with their reasons, then who has no partner (`render` adds the warnings)."""
    pairs(result, title=f"Peer partners: {result['group']} (paired {result['date'] or 'never'})", explain=True)
    if result["unpaired"]:
        message("No partner: " + ", ".join(f"{p['name']} ({p['id']})" for p in result["unpaired"]))


def history(result: History) -> None:
    """`pairs GROUP --history`: every saved pairing, newest first."""
    for saved in result["pairings"]:
        pairs(saved, title=f"{result['group']}: pairing {saved['id']} of {saved['date']}", explain=False)


def broken(result: Unpairing) -> None:
    """`unpair`: who is no longer partnered with whom, and the command that pairs them again.

    The person named comes first in `members`; a trio loses two pairs and is dissolved.
    """
    first, *others = result["members"]
    command = f"peertool pair {shown(result['group'])} --keep-current"
    if len(others) == 1:
        message(
            f"Recorded: {first['name']} and {others[0]['name']} are no longer partners. Re-pair them with: {command}"
        )
        return
    broken_pairs = ", and ".join(f"{first['name']} and {other['name']}" for other in others)
    message(
        f"Recorded: {broken_pairs}, are no longer partners; their trio is dissolved. "
        f"Re-pair the three with: {command} --odd trio"
    )
