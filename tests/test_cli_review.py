"""`peertool review`: continued-stay reviews, when the next is due, and the discharge suggestion."""

from pathlib import Path

from helpers import Cli


def test_reviews_and_discharge_suggestion(riverside: Cli, env: Path) -> None:
    review = riverside.json("review", "2", "--progressing", "no", "--wants-to-continue", "no", "--date", "2026-04-01")
    assert review["next_due"] == "2026-06-30" and review["suggestion"].startswith("discharge")
    fine = riverside.json("review", "3", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-04-01")
    assert fine["suggestion"] is None
    (env / "peertool.yaml").write_text("review_interval_days: 30\n")
    assert (
        riverside.json("review", "3", "--progressing", "yes", "--wants-to-continue", "no", "--date", "2026-04-02")[
            "next_due"
        ]
        == "2026-05-02"
    )
    assert riverside("review", "3", "--progressing", "maybe", "--wants-to-continue", "no").exit_code == 2


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
