"""How a drop-in group's report and week print (`render.visits`)."""

from peertool.outcomes.visit_prep import VisitPrep
from peertool.outcomes.visits import VisitReport
from peertool.render.visits import prep_markdown, report_markdown

NO_ACTIVITIES = {"by_kind": {}, "total": 0, "people": 0, "mainstream": 0, "mainstream_share": None}


def test_the_report_prints_people_weekdays_and_months() -> None:
    report: VisitReport = {
        "group": "Main St", "group_id": 2, "program": "independence", "days": ["mon", "tue"],
        "from": "2026-03-02", "to": "2026-03-31", "visits": 3, "visitors": 2,
        "people": [{"id": 1, "name": "Ada | Quill", "visits": 2, "days": ["2026-03-02", "2026-03-09"]},
                   {"id": 2, "name": "Bram Oakes", "visits": 1, "days": ["2026-03-03"]}],
        "weekdays": {"mon": 2, "tue": 1}, "months": [{"month": "2026-03", "visits": 3, "visitors": 2}],
        "activities": NO_ACTIVITIES, "warnings": [],  # type: ignore[typeddict-item]
    }  # fmt: skip
    text = report_markdown(report)
    assert text.startswith("# Main St (independence, drop-in): visits 2026-03-02 to 2026-03-31: 3 by 2 people\n")
    assert "| 1 | Ada / Quill | 2 | 03-02, 03-09 |" in text and "| mon | 2 |" in text
    assert "| 2026-03 | 3 | 2 |" in text and "No activities recorded." in text


def test_the_week_prints_open_days_activities_and_who_to_call() -> None:
    sheet: VisitPrep = {
        "group": "Main St", "group_id": 2, "program": "independence", "from": "2026-03-30", "to": "2026-04-05",
        "time": None, "location": "Main St 12", "coach": None,
        "open_days": [{"date": "2026-04-03", "day": "fri", "skipped": True}], "activities": [],
        "unseen_weeks": 3, "unseen": [{"id": 4, "name": "Dev Harlan", "enrolled_on": "2026-03-02",
                                       "last_visit": "2026-03-06"}],
    }  # fmt: skip
    text = prep_markdown(sheet)
    assert "- fri 2026-04-03 (skip date: closed)" in text and "- none logged" in text
    assert "## Not seen for 3 weeks or more" in text and "- Dev Harlan (id 4): last visit 2026-03-06" in text
