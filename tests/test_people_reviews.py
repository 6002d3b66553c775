"""Continued-stay reviews by the service definition's criteria, and review cadence, through the library."""

import datetime as dt
import itertools

import pytest

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.people.participants import get
from peertool.people.reviews import (
    GOALS_MET,
    SERVICES_SHOULD_END,
    discharge_criteria,
    goals_substantially_met,
    next_reviews,
    record_review,
)

from helpers import Today

ANSWERS = ("yes", "no", None)


def _achieve_goals(db: Database, pid: int) -> None:
    with write(db):
        db.execute("UPDATE goals SET status = 'achieved' WHERE participant_id = ?", [pid])


def test_someone_who_no_longer_wishes_to_continue_gets_discharge_a_and_no_next_review(
    season: Database, today: Today
) -> None:
    """The bug: progressing, but "no" to continuing, was booked another review in three months."""
    today(dt.date(2026, 3, 11))
    review = record_review(season, "Dev Harlan", progressing="yes", wants_to_continue="no", interval_days=90)
    assert review["discharge_criteria"] == ["A"] and review["reason_code"] == "no-longer-wishes"
    assert review["suggestion"] == SERVICES_SHOULD_END and "services should end" in SERVICES_SHOULD_END
    assert review["next_due"] is None
    assert next_reviews(season, [get(season, 4)], 90) == {4: None}


def test_every_combination_of_answers_gives_the_suggestion_the_criteria_name(season: Database, today: Today) -> None:
    """Discharge A holds on "does not wish to continue", whatever the rest; B on goals substantially met (the
    coach's answer, or, unanswered, every goal achieved); progress and continued-stay C suggest nothing."""
    today(dt.date(2026, 12, 31))
    _achieve_goals(season, 1)  # Ada: her one goal achieved; Bram: his goal still active
    days = itertools.count()
    for pid, all_achieved in ((1, True), (2, False)):
        for progressing, wants, more, met in itertools.product(("yes", "no"), ("yes", "no"), ANSWERS, ANSWERS):
            on = (dt.date(2026, 2, 1) + dt.timedelta(days=next(days))).isoformat()
            review = record_review(season, pid, progressing=progressing, wants_to_continue=wants, more_to_try=more,
                                   goals_met=met, interval_days=30, on=on)  # fmt: skip
            a, b = wants == "no", met == "yes" or (met is None and all_achieved)
            case = (pid, progressing, wants, more, met)
            assert review["discharge_criteria"] == ["A"] * a + ["B"] * b, case
            assert review["suggestion"] == (SERVICES_SHOULD_END if a else GOALS_MET if b else None), case
            assert review["reason_code"] == ("no-longer-wishes" if a else "goals-met" if b else None), case
            assert review["continued_stay"] == {"A": progressing == "yes", "B": not a, "C": more and more == "yes"}
            assert (review["next_due"] is None) == a, case


def test_the_criteria_functions() -> None:
    assert discharge_criteria(wants_to_continue=False, goals_met=True) == ["A", "B"]
    assert discharge_criteria(wants_to_continue=True, goals_met=None) == []
    assert goals_substantially_met(["achieved", "dropped", "paused"])
    assert not goals_substantially_met(["achieved", "active"]) and not goals_substantially_met([])


def test_review_sets_the_next_due_date_by_the_interval(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 11))
    kept = record_review(season, "Dev Harlan", progressing="no", wants_to_continue="yes", interval_days=90)
    assert (kept["date"], kept["next_due"], kept["suggestion"]) == ("2026-03-11", "2026-06-09", None)
    planned = record_review(season, 4, progressing="yes", wants_to_continue="yes", interval_days=90,
                            on="2026-03-10", next_review="2026-04-20")  # fmt: skip
    assert planned["next_due"] == "2026-04-20"


def test_next_review_is_from_the_latest_review_or_from_enrollment(season: Database) -> None:
    record_review(season, 4, progressing="yes", wants_to_continue="yes", interval_days=90, on="2026-03-11")
    people = [get(season, 1), get(season, 4)]
    assert next_reviews(season, people, 90) == {1: "2026-04-05", 4: "2026-06-09"}
    assert next_reviews(season, [], 90) == {}


def test_cadence_per_person_overrides_the_program_and_none_takes_them_off(season: Database) -> None:
    with write(season):
        season.execute("UPDATE participants SET review_every_days = 30 WHERE id = 1")
        season.execute("UPDATE participants SET reviews_off = 1 WHERE id = 2")
        season.execute("UPDATE participants SET next_review_on = '2026-02-20' WHERE id = 3")
    people = [get(season, pid) for pid in (1, 2, 3, 4)]
    assert next_reviews(season, people, 90) == {1: "2026-02-04", 2: None, 3: "2026-02-20", 4: "2026-04-06"}
    assert next_reviews(season, people, None) == {1: "2026-02-04", 2: None, 3: "2026-02-20", 4: None}
    review = record_review(season, 1, progressing="yes", wants_to_continue="yes", interval_days=90, on="2026-02-01")
    assert review["next_due"] == "2026-03-03"  # their own 30 days, not the program's 90
    off = record_review(season, 2, progressing="yes", wants_to_continue="yes", interval_days=90, on="2026-02-01")
    assert off["next_due"] is None
    assert next_reviews(season, people, 90)[3] == "2026-02-20"  # the service plan's date, no review yet


def test_a_readmitted_person_is_due_a_review_again_by_their_cadence_from_the_readmission(
    season: Database, today: Today
) -> None:
    """Their "no" to continuing belonged to the stay that ended: a readmission starts a new one (review finding)."""
    from peertool.people.discharges import discharge, readmit

    today(dt.date(2026, 6, 1))
    record_review(season, 4, progressing="yes", wants_to_continue="no", interval_days=90, on="2026-03-11")
    discharge(season, 4, "No longer wishes to take part", on="2026-03-12", code="no-longer-wishes")
    assert next_reviews(season, [get(season, 4)], 90) == {4: None}
    readmit(season, 4, on="2026-05-01")
    assert next_reviews(season, [get(season, 4)], 90) == {4: "2026-07-30"}  # 90 days from the readmission


def test_reviews_switched_back_on_fall_due_from_the_last_review(season: Database) -> None:
    """A review recorded while reviews were off for the person booked none; their new cadence books one."""
    with write(season):
        season.execute("UPDATE participants SET reviews_off = 1 WHERE id = 2")
    record_review(season, 2, progressing="yes", wants_to_continue="yes", interval_days=90, on="2026-02-01")
    assert next_reviews(season, [get(season, 2)], 90) == {2: None}
    with write(season):
        season.execute("UPDATE participants SET reviews_off = NULL, review_every_days = 30 WHERE id = 2")
    assert next_reviews(season, [get(season, 2)], 90) == {2: "2026-03-03"}


def test_a_next_review_on_or_before_the_review_is_refused(season: Database) -> None:
    before = season.execute("SELECT count(*) FROM reviews").fetchone()[0]
    for day in ("2020-01-01", "2026-03-11"):
        with pytest.raises(InvalidInput, match="next_review: .* must be after the review"):
            record_review(season, 4, progressing="yes", wants_to_continue="yes", interval_days=90,
                          on="2026-03-11", next_review=day)  # fmt: skip
    assert season.execute("SELECT count(*) FROM reviews").fetchone()[0] == before
