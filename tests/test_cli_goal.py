"""`peertool goal`: goals keep their story and their attainment, and an update is never dated before the goal."""

from helpers import Cli, Today


def test_a_goal_update_is_not_dated_before_the_goal_or_the_enrollment(riverside: Cli, today: Today) -> None:
    import datetime as dt

    today(dt.date(2026, 2, 1))
    riverside.ok("goal", "add", "Ada Quill", "Get a library card")  # goal 11, created 2026-02-01
    before = riverside.dump()
    early = riverside("goal", "update", "11", "--status", "paused", "--date", "2026-01-20")
    assert early.exit_code == 1 and "2026-02-01" in early.stderr
    first = riverside("goal", "update", "1", "--status", "paused", "--date", "2026-01-04")  # enrolled 2026-01-05
    assert first.exit_code == 1 and "2026-01-05" in first.stderr
    assert riverside.dump() == before
    riverside.ok("goal", "update", "1", "--status", "paused", "--date", "2026-01-05")


def test_a_goal_can_be_dated_when_it_was_set_but_not_before_the_enrollment(riverside: Cli) -> None:
    goal = riverside.json("goal", "add", "Ada Quill", "Get a library card", "--date", "2026-01-20")
    assert goal["created_on"] == "2026-01-20"
    riverside.ok("goal", "update", str(goal["id"]), "--status", "paused", "--date", "2026-01-20")
    before = riverside.dump()
    early = riverside("goal", "add", "Ada Quill", "Read a book", "--date", "2026-01-04")
    assert early.exit_code == 1 and "2026-01-05" in early.stderr
    assert riverside.dump() == before


def test_goals_keep_their_story(riverside: Cli) -> None:
    goal = riverside.json(
        "goal", "add", "Ada Quill", "Get a library card", "--domain", "community", "--date", "2026-01-20"
    )
    assert goal["id"] == 11 and goal["status"] == "active" and goal["updates"] == []
    riverside.ok("goal", "update", "11", "--status", "paused", "--note", "Moving house", "--date", "2026-02-01")
    done = riverside.json("goal", "update", "11", "--status", "achieved", "--date", "2026-03-01")
    assert [(u["date"], u["status"]) for u in done["updates"]] == [("2026-02-01", "paused"), ("2026-03-01", "achieved")]
    assert [g["id"] for g in riverside.json("goal", "list", "1")] == [1, 11]
    assert [g["id"] for g in riverside.json("goal", "list", "--status", "achieved")] == [11]
    assert riverside("goal", "update", "11", "--status", "finished").exit_code == 2
    assert riverside("goal", "update", "99", "--status", "achieved").exit_code == 3
    assert riverside("goal", "add", "1", " ").exit_code == 1


def test_goal_attainment_is_recorded_beside_the_status_and_summarised(riverside: Cli, today: Today) -> None:
    import datetime as dt

    today(dt.date(2026, 6, 1))  # the undated updates fall within Riverside's year, which the report covers
    goal = riverside.json("goal", "update", "1", "--attainment", "-1", "--date", "2026-02-01")
    assert (goal["status"], goal["attainment"], goal["updates"][-1]["attainment"]) == ("active", -1, -1)
    goal = riverside.json("goal", "update", "1", "--status", "achieved", "--attainment", "2")
    assert (goal["status"], goal["attainment"]) == ("achieved", 2)
    riverside.ok("goal", "update", "2", "--attainment", "0")
    assert riverside.json("goal", "update", "2", "--status", "paused")["attainment"] == 0  # kept
    assert riverside("goal", "update", "1", "--attainment", "3").exit_code == 2
    nothing = riverside("goal", "update", "1")
    assert nothing.exit_code == 1 and "--attainment" in nothing.stderr
    report = riverside.json("report", "Riverside")
    assert report["participants"][0]["attainment"] == {"rated": 1, "mean": 2, "at_or_above_expected": 1}
    assert report["recovery"]["attainment"] == {"rated": 2, "mean": 1, "at_or_above_expected": 2}


def test_a_goal_linked_to_the_treatment_plan_shows_the_link(riverside: Cli) -> None:
    goal = riverside.json("goal", "add", "1", "Sleep better", "--treatment-goal", "Improve sleep hygiene")
    assert goal["treatment_goal"] == "Improve sleep hygiene"
    assert "Improve sleep hygiene" in riverside.ok("goal", "list", "1").stdout
    assert "Improve sleep hygiene" in riverside.ok("participant", "show", "1").stdout
    edited = riverside.json("goal", "edit", str(goal["id"]), "--treatment-goal", "TX-7")
    assert (edited["treatment_goal"], edited["text"]) == ("TX-7", "Sleep better")
    assert riverside.json("goal", "edit", str(goal["id"]), "--treatment-goal", "")["treatment_goal"] is None
