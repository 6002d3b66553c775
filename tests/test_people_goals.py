"""Goals and their stories, through the library."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput, NotFound
from peertool.people.goals import add_goal, edit_goal, get_goal, list_goals, update_goal
from peertool.people.participants import show

from helpers import Today


def test_a_goal_keeps_its_story(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 1))
    goal = add_goal(season, "Ada Quill", "  Ride the bus alone ", domain="transportation")
    assert (goal["text"], goal["created_on"], goal["status"]) == ("Ride the bus alone", "2026-03-01", "active")
    update_goal(season, goal["id"], "paused", note="winter")
    today(dt.date(2026, 4, 2))  # an update is recorded on or after its date, never ahead
    done = update_goal(season, str(goal["id"]), "ACHIEVED", on="2026-04-02")
    assert done["updates"] == [
        {"date": "2026-03-01", "status": "paused", "attainment": None, "note": "winter"},
        {"date": "2026-04-02", "status": "achieved", "attainment": None, "note": None},
    ]
    assert [g["id"] for g in list_goals(season, "Ada Quill", status="achieved")] == [goal["id"]]
    assert len(list_goals(season)) == 11  # the roster's ten, plus this one


def test_bad_goals_are_refused(season: Database) -> None:
    with pytest.raises(InvalidInput):
        add_goal(season, 1, "   ")
    with pytest.raises(InvalidInput):
        update_goal(season, 1, "finished")
    with pytest.raises(NotFound):
        get_goal(season, "٣")


def test_a_goal_names_the_clinical_plans_own_goal_and_an_empty_one_clears_it(season: Database) -> None:
    goal = add_goal(season, 1, "Sleep through the night", treatment_goal=" Plan goal 2: improve sleep ")
    assert goal["treatment_goal"] == "Plan goal 2: improve sleep"
    assert add_goal(season, 1, "Cook on Sundays")["treatment_goal"] is None
    assert show(season, 1)["goals"][-2]["treatment_goal"] == "Plan goal 2: improve sleep"
    assert edit_goal(season, goal["id"], treatment_goal="TX-4")["treatment_goal"] == "TX-4"
    cleared = edit_goal(season, goal["id"], treatment_goal="")
    assert (cleared["treatment_goal"], cleared["text"]) == (None, "Sleep through the night")
    with pytest.raises(InvalidInput, match="treatment_goal"):
        add_goal(season, 1, "Walk", treatment_goal="x" * 501)
    with pytest.raises(InvalidInput, match="--treatment-goal"):
        edit_goal(season, goal["id"])
