"""Continued-stay reviews, through the library."""

import datetime as dt

from peertool.db.connection import Database
from peertool.people.participants import get
from peertool.people.reviews import DISCHARGE_SUGGESTION, next_reviews, record_review

from helpers import Today


def test_review_sets_the_next_due_date_and_suggests_discharge_only_on_two_noes(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 11))
    kept = record_review(season, "Dev Harlan", progressing="yes", wants_to_continue="no", interval_days=90)
    assert (kept["date"], kept["next_due"], kept["suggestion"]) == ("2026-03-11", "2026-06-09", None)
    today(dt.date(2026, 4, 1))  # a review is recorded on or after its date, never ahead
    done = record_review(season, 4, progressing="no", wants_to_continue="no", interval_days=30, on="2026-04-01")
    assert (done["next_due"], done["suggestion"]) == ("2026-05-01", DISCHARGE_SUGGESTION)


def test_next_review_is_from_the_latest_review_or_from_enrollment(season: Database) -> None:
    record_review(season, 4, progressing="yes", wants_to_continue="yes", interval_days=90, on="2026-03-11")
    people = [get(season, 1), get(season, 4)]
    assert next_reviews(season, people, 90) == {1: "2026-04-05", 4: "2026-06-09"}
    assert next_reviews(season, [], 90) == {}
