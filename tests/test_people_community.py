"""Community education: contacts with providers or natural supports, with no enrolled person; counted, never
billed to anyone."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput, NotFound
from peertool.people.community import add_community, list_community
from peertool.settings import Settings

from helpers import Today


def test_a_community_contact_is_community_education_and_billed_to_no_one(
    season: Database, settings: Settings, today: Today
) -> None:
    today(dt.date(2026, 3, 11))
    made = add_community(season, minutes=40, settings=settings, text="Talked with the clinic's front desk staff")
    assert (made["date"], made["mode"], made["audience"], made["group"]) == ("2026-03-11", "in-person", "providers",
                                                                            None)  # fmt: skip
    assert (made["minutes"], made["units"], made["billed"], made["interventions"]) == (
        40, 3, False, ["community-education"])  # fmt: skip
    other = add_community(season, minutes=20, settings=settings, mode="PHONE", audience="natural-supports",
                          group="Riverside", date="2026-03-02", location="By phone")  # fmt: skip
    assert (other["mode"], other["group"], other["location"]) == ("phone", {"id": 1, "name": "Riverside"}, "By phone")
    assert [c["id"] for c in list_community(season, settings)] == [other["id"], made["id"]]
    assert [c["id"] for c in list_community(season, settings, start="2026-03-05")] == [made["id"]]
    assert season.execute("SELECT count(*) FROM contact_notes").fetchone()[0] == 0


@pytest.mark.parametrize(
    "given",
    [{"minutes": 0}, {"minutes": 20, "audience": "family"}, {"minutes": 20, "mode": "letter"},
     {"minutes": 20, "date": "2099-01-01"}, {"minutes": 20, "text": "x" * 10_001}],
)  # fmt: skip
def test_a_bad_community_contact_is_refused(season: Database, settings: Settings, given: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        add_community(season, settings=settings, **given)  # type: ignore[arg-type]
    assert list_community(season, settings) == []


def test_an_unknown_group_is_not_found(season: Database, settings: Settings) -> None:
    with pytest.raises(NotFound):
        add_community(season, minutes=20, group="Nowhere", settings=settings)
