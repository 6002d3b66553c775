"""How peer partners print: a numbered table of pairs (with the coach in a pair of one), who has no partner,
every saved pairing, and a broken pair or trio with the command that pairs them again."""

from typing import Any

import pytest

from peertool.render.pairing import broken, current, history, pairs

ADA, BRAM, CLEO = ({"id": 1, "name": "Ada Quill"}, {"id": 2, "name": "Bram Oakes"}, {"id": 3, "name": "Cleo Marsh"})


def _result(**changes: Any) -> dict[str, Any]:
    teams = [{"members": [ADA, BRAM], "reasons": ["shared interest: cooking"]},
             {"kind": "coach", "members": [CLEO], "reasons": ["odd group: paired with the coach"]}]  # fmt: skip
    return {"group": "Riverside", "date": "2026-03-03", "pairs": teams, "unpaired": [], **changes}


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
    current(_result(date=None, pairs=[], unpaired=[{"id": 4, "name": "Dev\x1b[2J Harlan"}]))
    captured = capsys.readouterr()
    assert captured.out == "#\tpartner\tpartner\twhy\n"
    assert captured.err == "No partner: Dev\\x1b[2J Harlan (4)\n"


def test_the_history_prints_each_saved_pairing(capsys: pytest.CaptureFixture[str]) -> None:
    saved = [{"id": 2, "date": "2026-03-03", "pairs": [{"members": [ADA, CLEO], "reasons": []}]},
             {"id": 1, "date": "2026-02-03", "pairs": [{"members": [ADA, BRAM], "reasons": []}]}]  # fmt: skip
    history({"group": "Riverside", "pairings": saved})
    assert capsys.readouterr().out.splitlines() == [
        "#\tpartner\tpartner", "1\tAda Quill (1)\tCleo Marsh (3)",
        "#\tpartner\tpartner", "1\tAda Quill (1)\tBram Oakes (2)",
    ]  # fmt: skip


def test_a_broken_pair_or_trio_names_the_command_that_pairs_them_again(capsys: pytest.CaptureFixture[str]) -> None:
    broken({"group": "River side", "members": [ADA, BRAM]})
    assert capsys.readouterr().err == (
        "Recorded: Ada Quill and Bram Oakes are no longer partners. Re-pair them with: "
        "peertool pair 'River side' --keep-current\n"
    )
    broken({"group": "Riverside", "members": [ADA, BRAM, CLEO]})
    assert capsys.readouterr().err == (
        "Recorded: Ada Quill and Bram Oakes, and Ada Quill and Cleo Marsh, are no longer partners; their trio is "
        "dissolved. Re-pair the three with: peertool pair 'Riverside' --keep-current --odd trio\n"
    )
