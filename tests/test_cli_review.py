"""`peertool review`: continued-stay reviews, when the next is due, and the discharge suggestion."""

from pathlib import Path

from helpers import Cli


def test_reviews_and_discharge_suggestion(riverside: Cli, env: Path) -> None:
    """Both "no": discharge A (no longer wishes), so no further review is booked (it was, 90 days on, before)."""
    review = riverside.json("review", "2", "--progressing", "no", "--wants-to-continue", "no", "--date", "2026-04-01")
    assert review["next_due"] is None and review["suggestion"].startswith("services should end")
    fine = riverside.json("review", "3", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-04-01")
    assert fine["suggestion"] is None and fine["next_due"] == "2026-06-30"
    (env / "peertool.yaml").write_text("review_interval_days: 30\n")
    assert (
        riverside.json("review", "3", "--progressing", "no", "--wants-to-continue", "yes", "--date", "2026-04-02")[
            "next_due"
        ]
        == "2026-05-02"
    )
    assert riverside("review", "3", "--progressing", "maybe", "--wants-to-continue", "no").exit_code == 2


def test_someone_who_no_longer_wishes_to_continue_is_told_plainly_services_should_end(riverside: Cli) -> None:
    said = riverside.ok("review", "Ada Quill", "--progressing", "yes", "--wants-to-continue", "no", "--more-to-try",
                        "no", "--date", "2026-04-01")  # fmt: skip
    assert "services should end" in said.stderr.casefold() and "no further review is booked" in said.stderr
    assert "peertool discharge 1 --reason-code no-longer-wishes" in said.stderr
    (listed,) = riverside.json("review", "list", "1")
    assert listed["discharge_criteria"] == ["A"] and listed["reason_code"] == "no-longer-wishes"
    assert listed["next_due"] is None and listed["continued_stay"] == {"A": True, "B": False, "C": False}
    riverside.ok("discharge", "1", "--reason-code", "no-longer-wishes", "--date", "2026-04-01")
    assert riverside.json("participant", "show", "1")["discharges"][-1]["reason_code"] == "no-longer-wishes"


def test_goals_met_by_the_coach_suggests_discharge_b_and_keeps_the_next_review(riverside: Cli) -> None:
    review = riverside.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--goals-met", "yes",
                            "--more-to-try", "yes", "--date", "2026-04-01")  # fmt: skip
    assert review["discharge_criteria"] == ["B"] and review["reason_code"] == "goals-met"
    assert review["next_due"] == "2026-06-30" and review["goals_met"] is True and review["more_to_try"] is True
    said = riverside.ok("review", "2", "--progressing", "yes", "--wants-to-continue", "yes", "--goals-met", "yes",
                        "--date", "2026-04-01")  # fmt: skip
    assert "discharge criterion B" in said.stderr and "--reason-code goals-met" in said.stderr


def test_next_review_gives_this_reviews_next_due(riverside: Cli) -> None:
    review = riverside.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--next-review",
                            "2026-05-15", "--date", "2026-04-01")  # fmt: skip
    assert review["next_due"] == "2026-05-15"
    assert riverside("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--next-review", "soon",
                     "--date", "2026-04-02").exit_code == 1  # fmt: skip


def test_review_interval_none_books_no_review(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("review_interval_days: none\n")
    review = riverside.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-04-01")
    assert review["next_due"] is None
    assert "no further review is booked" in riverside.ok("review", "2", "--progressing", "yes", "--wants-to-continue",
                                                         "yes", "--date", "2026-04-01").stderr  # fmt: skip
    (env / "peertool.yaml").write_text("review_interval_days: never\n")
    assert riverside("review", "list").exit_code == 5


def test_the_same_review_twice_on_one_date_is_a_conflict(riverside: Cli) -> None:
    review = (
        "review",
        "record",
        "Ada Quill",
        "--progressing",
        "yes",
        "--wants-to-continue",
        "yes",
        "--date",
        "2026-03-01",
    )
    riverside.ok(*review)
    before = riverside.dump()
    again = riverside(*review)
    assert again.exit_code == 4 and "2026-03-01" in again.stderr and "review list" in again.stderr
    assert riverside.dump() == before


def test_review_list(riverside: Cli) -> None:
    cli = riverside
    first = cli.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-03-01")
    cli.ok("review", "2", "--progressing", "no", "--wants-to-continue", "no", "--date", "2026-03-02")
    assert [r["id"] for r in cli.json("review", "list", "1")] == [first["id"]]
    assert len(cli.json("review", "list")) == 2


def test_a_review_is_signed_as_a_staff_member_and_amended(staffed: Cli) -> None:
    review = staffed.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-03-03")
    assert staffed("review", "sign", review["id"], "--as", "Rae Lin, CPS").exit_code == 1  # staff: sign as yourself
    signed = staffed.json("review", "sign", review["id"])
    assert (signed["kind"], signed["signatures"][0]["signer"], signed["intact"]) == ("review", "Rae Lin, CPS", True)
    amended = staffed.ok("review", "amend", review["id"], "Called back", "--reason", "Later information")
    assert "Amended review 1." in amended.stderr
    assert staffed("review", "sign", "99").exit_code == 3
