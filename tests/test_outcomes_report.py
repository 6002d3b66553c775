"""The outcomes report, through the library: every figure traces back to the records."""

from peertool.outcomes.outings import log_outing
from peertool.outcomes.report import build
from peertool.people.goals import update_goal
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting


def test_report_figures_trace_to_the_records(season, settings):
    record_meeting(season, 1, settings=settings, date="2026-03-03", threads=["isolation"], marks=Marks(absent=["4"]))
    record_meeting(
        season, 1, settings=settings, date="2026-03-10", threads=["isolation", "bus"], marks=Marks(absent=["4", "5"])
    )
    record_meeting(season, 1, settings=settings, date="2026-04-07", marks=Marks(present=["4"]))
    update_goal(season, 1, "achieved")
    log_outing(season, 1, with_=["1", "3"], date="2026-03-14", activity="Museum", settings=settings)
    report = build(season, "Riverside", settings=settings, start="2026-03-01", end="2026-03-31")
    people = {p["id"]: p for p in report["participants"]}
    assert people[4]["attendance"] == {"present": 0, "recorded": 2, "rate": 0.0}
    assert people[5]["attendance"] == {"present": 1, "recorded": 2, "rate": 0.5}
    assert people[1]["goals"] == {"set": 1, "achieved": 1} and people[1]["outings"] == {"partner": 1, "solo": 0}
    # March 3 falls in month 2 (Feb 6 - Mar 5), March 10 in month 3.
    assert [(m["month"], m["present"], m["recorded"]) for m in report["months"]] == [(2, 9, 10), (3, 8, 10)]
    assert report["threads"][0] == {"tag": "isolation", "count": 2, "last": "2026-03-10"}


def test_the_default_period_is_the_program_year(season, settings):
    report = build(season, 1, settings=settings)
    assert (report["from"], report["to"]) == ("2026-01-06", "2027-01-05")
    assert len(report["months"]) == 12 and all(m["rate"] is None for m in report["months"])
