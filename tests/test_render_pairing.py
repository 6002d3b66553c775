"""How peer partners print: a numbered table of pairs (with the coach in a pair of one), who has no partner,
every saved pairing, and a broken pair or trio with the command that pairs them again."""

import pytest

from peertool.pairing.shapes import Pairs, SavedPairing, Team
from peertool.people.shapes import Named
from peertool.render.pairing import broken, current, history, pairs

ADA: Named = {"id": 1, "name": "Ada Quill"}
BRAM: Named = {"id": 2, "name": "Bram Oakes"}
CLEO: Named = {"id": 3, "name": "Cleo Marsh"}


def _result() -> Pairs:
    teams: list[Team] = [
        {"kind": "pair", "members": [ADA, BRAM], "reasons": ["shared interest: cooking"]},
        {"kind": "coach", "members": [CLEO], "reasons": ["odd group: paired with the coach"]},
    ]
    return {"group": "Riverside", "group_id": 1, "date": "2026-03-03", "pairs": teams, "unpaired": [], "warnings": []}


def test_pairs_are_numbered_and_the_coach_is_named_in_a_pair_of_one(capsys: pytest.CaptureFixture[str]) -> None:
    pairs(_result(), title="Peer partners", explain=False)
    assert capsys.readouterr().out.splitlines() == [
        "#\tpartner\tpartner",
        "1\tAda Quill (1)\tBram Oakes (2)",
        "2\tCleo Marsh (3)\tthe coach",
    ]
    pairs(_result(), title="Peer partners", explain=True)
    assert capsys.readouterr().out.splitlines()[1] == "1\tAda Quill (1)\tBram Oakes (2)\tshared interest: cooking"


def test_the_current_pairs_say_who_has_no_partner_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    current({**_result(), "date": None, "pairs": [], "unpaired": [{"id": 4, "name": "Dev\x1b[2J Harlan"}]})
    captured = capsys.readouterr()
    assert captured.out == "#\tpartner\tpartner\twhy\n"
    assert captured.err == "No partner: Dev\\x1b[2J Harlan (4)\n"


def test_the_history_prints_each_saved_pairing(capsys: pytest.CaptureFixture[str]) -> None:
    saved: list[SavedPairing] = [
        {"id": 2, "date": "2026-03-03", "pairs": [{"kind": "pair", "members": [ADA, CLEO], "reasons": []}]},
        {"id": 1, "date": "2026-02-03", "pairs": [{"kind": "pair", "members": [ADA, BRAM], "reasons": []}]},
    ]
    history({"group": "Riverside", "group_id": 1, "pairings": saved})
    assert capsys.readouterr().out.splitlines() == [
        "#\tpartner\tpartner", "1\tAda Quill (1)\tCleo Marsh (3)",
        "#\tpartner\tpartner", "1\tAda Quill (1)\tBram Oakes (2)",
    ]  # fmt: skip


def test_a_broken_pair_or_trio_names_the_command_that_pairs_them_again(capsys: pytest.CaptureFixture[str]) -> None:
    broken({"id": 7, "ids": [7], "group": "River side", "group_id": 1, "members": [ADA, BRAM], "reason": "moved away"})
    assert capsys.readouterr().err == (
        "Recorded: Ada Quill and Bram Oakes are no longer partners. Re-pair them with: "
        "peertool pair 'River side' --keep-current\n"
    )
    trio = [ADA, BRAM, CLEO]
    broken({"id": 8, "ids": [8, 9], "group": "Riverside", "group_id": 1, "members": trio, "reason": "moved away"})
    assert capsys.readouterr().err == (
        "Recorded: Ada Quill and Bram Oakes, and Ada Quill and Cleo Marsh, are no longer partners; their trio is "
        "dissolved. Re-pair the three with: peertool pair 'Riverside' --keep-current --odd trio\n"
    )
