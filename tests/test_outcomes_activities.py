"""What activities count for: the report's figures, the chart's entries, the de-identified counts, the budget."""

from peertool.db.connection import Database
from peertool.outcomes.activities import chart_entries, figures, people_counts
from peertool.outcomes.outings import budget
from peertool.settings import Settings

from helpers import log_activity


def _three(db: Database) -> None:
    log_activity(db, "Riverside", kind="spiritual", date="2026-03-01", title="Service", with_=["1", "2"],
                 mainstream=True, cost="6", paid_by="participants")  # fmt: skip
    log_activity(db, "Riverside", kind="educational", date="2026-03-05", title="Budgeting", with_=["2"], cost="4.50")
    log_activity(db, "Riverside", kind="educational", date="2026-04-02", title="Library", with_=["3"], mainstream=True)


def test_the_figures_count_kinds_people_and_mainstream_in_the_period(season: Database) -> None:
    _three(season)
    march = figures(season, 1, "2026-03-01", "2026-03-31")
    assert march == {
        "by_kind": {"recreational": 0, "spiritual": 1, "educational": 1, "skills": 0, "community": 0},
        "total": 2, "people": 2, "mainstream": 1, "mainstream_share": 0.5,
    }  # fmt: skip
    assert figures(season, 1, "2026-05-01", "2026-05-31")["mainstream_share"] is None


def test_the_chart_lists_what_the_person_came_to_and_nothing_of_who_else(season: Database) -> None:
    _three(season)
    assert chart_entries(season, 2, "2026-01-01", "2026-12-31") == [
        {"date": "2026-03-01", "kind": "spiritual", "title": "Service", "mainstream": True},
        {"date": "2026-03-05", "kind": "educational", "title": "Budgeting", "mainstream": False},
    ]
    assert chart_entries(season, 2, "2026-03-02", "2026-03-31") == chart_entries(season, 2, "2026-03-05", "2026-03-05")


def test_people_are_counted_per_activity(season: Database) -> None:
    _three(season)
    log_activity(season, "Riverside", kind="community", date="2026-04-03", title="Fair")
    assert people_counts(season) == {1: 2, 2: 1, 3: 1}


def test_budget_counts_what_the_fund_paid_for_activities(season: Database, settings: Settings) -> None:
    _three(season)
    total = budget(season, "Riverside", settings=settings)["total"]
    assert (total["spent"], total["activities"]) == ("4.50", "4.50")
