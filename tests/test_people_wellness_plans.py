"""A participant's own wellness and crisis plan: kept in versions (the newest is the plan), shown only by name."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput, NotFound
from peertool.people.wellness_plans import TEMPLATE, draft, get_plan, history, save_plan

PLAN = "## Wellness toolbox\n\nA walk by the river\n\n## Triggers\n\nCrowded buses\n"


def test_every_change_is_a_new_version_and_the_same_text_adds_none(season: Database) -> None:
    first = save_plan(season, "Ada Quill", PLAN)
    assert (first["version"], first["changed"], first["participant"]) == (1, True, {"id": 1, "name": "Ada Quill"})
    same = save_plan(season, 1, PLAN + "\n\n")  # the same plan once its trailing blank lines go
    assert (same["version"], same["changed"], same["id"]) == (1, False, first["id"])
    second = save_plan(season, 1, PLAN + "Loud music\n")
    assert (second["version"], second["changed"]) == (2, True)
    assert get_plan(season, 1)["text"].endswith("Loud music")
    assert get_plan(season, 1, version=1)["text"] == get_plan(season, 1, version=1)["text"].strip()
    assert "Loud" not in get_plan(season, 1, version=1)["text"]


def test_a_plan_with_nothing_under_its_headings_is_refused(season: Database) -> None:
    for empty in (TEMPLATE, "   ", "## Crisis plan\n\n   \n"):
        with pytest.raises(InvalidInput):
            save_plan(season, 1, empty)
    assert history(season, 1) == []


def test_the_history_gives_versions_newest_first_never_their_text(season: Database) -> None:
    save_plan(season, 1, PLAN)
    save_plan(season, 1, PLAN + "More\n")
    found = history(season, 1)
    assert [v["version"] for v in found] == [2, 1]
    assert found[1]["characters"] == len(PLAN.strip())
    assert all("text" not in v for v in found)


def test_an_edit_starts_from_the_plan_or_the_template_and_a_missing_plan_says_how_to_write_one(
    season: Database,
) -> None:
    person, text = draft(season, 2)
    assert (person["name"], text) == ("Bram Oakes", TEMPLATE)
    with pytest.raises(NotFound, match="has no wellness plan yet") as caught:
        get_plan(season, 2)
    assert caught.value.hint == "Write one with `peertool plan edit 2`."
    save_plan(season, 2, PLAN)
    assert draft(season, 2)[1] == PLAN.strip() + "\n"
    with pytest.raises(NotFound, match="has no version 3"):
        get_plan(season, 2, version=3)
