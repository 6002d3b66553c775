"""How outcomes print at a terminal or in a pipe: outings, the activity fund, the report's tables, and the prep
sheet drawn from its Markdown, with stored text escaped and no stored link made live."""

import pytest

from peertool.outcomes.activities import ActivityFigures
from peertool.outcomes.contact_counts import ContactCounts
from peertool.outcomes.report import Report, ReportPerson
from peertool.outcomes.shapes import Budget, BudgetRow, LessonBrief, Missed, Prep, Share, Suggestion
from peertool.pairing.shapes import Team
from peertool.people.connections import MonthEnd
from peertool.people.shapes import EventBrief, Named
from peertool.render.outcomes import (
    bar,
    budget,
    outings,
    prep_markdown,
    prep_table,
    ready_solo_lines,
    report_markdown,
    report_table,
)

# Two coded contacts (one by phone) and community education, as `report` counts them.
CONTACTS: ContactCounts = {
    "total": 2, "uncoded": 0,
    "by_intervention": [{"code": "self-help", "contacts": 1, "minutes": 20, "units": 1},
                        {"code": "symptoms", "contacts": 1, "minutes": 15, "units": 1}],
    "by_mode": [{"mode": "in-person", "contacts": 1, "minutes": 20, "units": 1},
                {"mode": "phone", "contacts": 1, "minutes": 15, "units": 1},
                {"mode": "video", "contacts": 0, "minutes": 0, "units": 0}],
    "face_to_face": {"in_person": 1, "contacts": 2, "share": 0.5, "expected": 0.5, "below": False},
    "community": {"contacts": 1, "minutes": 40, "units": 3, "billed": False},
}  # fmt: skip
MONTH: MonthEnd = {"month_end": "2026-03-31", "active": 2, "mainstream": 1, "program": 1, "unclassified": 0,
                   "mainstream_share": 0.5}  # fmt: skip
NO_ACTIVITIES: ActivityFigures = {
    "by_kind": dict.fromkeys(("recreational", "spiritual", "educational", "skills", "community"), 0),
    "total": 0, "people": 0, "mainstream": 0, "mainstream_share": None,
}  # fmt: skip
NO_CONTACTS: ContactCounts = {
    "total": 0, "uncoded": 0, "by_intervention": [], "by_mode": [],
    "face_to_face": {"in_person": 0, "contacts": 0, "share": None, "expected": 0.5, "below": False},
    "community": {"contacts": 0, "minutes": 0, "units": 0, "billed": False},
}  # fmt: skip


def test_bar_chart() -> None:
    assert bar(0.8) == "████████░░ 80%" and bar(None) == "no attendance taken" and bar(0) == "░" * 10 + " 0%"


def test_report_and_prep_markdown_draw_from_the_data() -> None:
    person: ReportPerson
    person = {"id": 4, "name": "Dev Harlan", "status": "active", "stage": "partnered", "next_review": "2026-06-09",
              "attendance": {"present": 1, "recorded": 2, "rate": 0.5}, "goals": {"set": 1, "achieved": 0},
              "outings": {"partner": 1, "solo": 0},
              "units": [{"month": "2026-03", "group": 6, "individual": 1.5, "total": 7.5}], "units_by_code": [],
              "measures": [{"instrument": "who5", "unit": "percentage points", "change": 24, "meaningful": True,
                            "improved": True, "low": False, "range": [0, 100],
                            "first": {"id": 1, "date": "2026-01-06", "score": 9, "percent": 36},
                            "latest": {"id": 2, "date": "2026-04-07", "score": 15, "percent": 60},
                            "scores": [{"id": 1, "date": "2026-01-06", "score": 9, "percent": 36},
                                       {"id": 2, "date": "2026-04-07", "score": 15, "percent": 60}]}],
              "connections": {"active": 2, "mainstream": 1, "program": 1, "unclassified": 0,
                              "mainstream_share": 0.5, "kinds": {"person": 1, "group": 1, "place": 0, "role": 0},
                              "by_month": [MONTH]},
              "attainment": {"rated": 1, "mean": 1, "at_or_above_expected": 1}}  # fmt: skip
    ready: list[Suggestion] = [{"id": 6, "name": "Finn | Rowe", "solo_outings": 3}]
    report: Report
    report = {"group": "Riverside", "group_id": 1, "from": "2026-03-01", "to": "2026-03-31", "participants": [person],
              "months": [{"month": 3, "theme": "Social Interaction", "present": 1, "recorded": 2, "rate": 0.5}],
              "threads": [], "suggestions": {"ready_solo": ready}, "warnings": [], "contacts": CONTACTS,
              "activities": NO_ACTIVITIES,
              "reliance": [{"id": 4, "name": "Dev Harlan", "months": [{"month": "2026-03", "contact_minutes": 45,
                            "outings": {"partner": 1, "solo": 0, "group": 0, "with_coach": 2}, "connections": MONTH}]}],
              "recovery": {"measures": [{"instrument": "who5", "people": 1, "mean_change": 24,
                                         "unit": "percentage points", "improved": 1, "worsened": 0}],
                           "connections": {"active": 2, "mainstream": 1, "program": 1, "unclassified": 0,
                                           "mainstream_share": 0.5, "people_with_any": 1, "by_month": [MONTH]},
                           "attainment": {"rated": 1, "mean": 1, "at_or_above_expected": 1}}}  # fmt: skip
    text = report_markdown(report)
    assert "| 4 | Dev Harlan | active | partnered | 1/2 (50%) | 0/1 | 1 | 0 | 2026-06-09 |" in text
    assert "- Finn | Rowe (id 6) has 3 solo outings: consider stage ready-solo." in text
    assert "- none recorded" in text
    assert "| 4 | Dev Harlan | 2026-03 | 6 | 1.5 | 7.5 |" in text
    assert "| 4 | Dev Harlan | who5 | +24 (gain) | ▄▅ | 36% 2026-01-06 | 60% 2026-04-07 |" in text
    assert "| 4 | Dev Harlan | 2 | 1 | 1 | 0 | 50% | 2 |" in text and "| 2026-03-31 | 2 | 1 | 1 | 0 | 50% |" in text
    assert "(mainstream share of those classified: 50%)" in text
    assert "| 4 | Dev Harlan | 2 | 1 | 0 | 0 |" in text and "| 4 | Dev Harlan | 45 | 1 | 1 | 0 |" in text
    assert "| 4 | Dev Harlan | 1 | +1 | 1 |" in text
    assert (
        "- who5: mean change +24 percentage points over 1 person (1 meaningful gain(s), 0 meaningful drop(s))." in text
    )
    assert "| self-help | 1 | 20 | 1 |" in text and "| phone | 1 | 15 | 1 |" in text
    assert "| in person: 0.5 (expected 0.5) | 1 |  |  |" in text
    assert "| community education (not billed) | 1 | 40 | 3 |" in text
    assert ready_solo_lines([]) == []
    sheet_data: Prep
    sheet_data = {"group": "Riverside", "date": "2026-03-17", "time": "18:00", "location": None, "coach": None,
                  "month": 3, "theme": "Social Interaction", "lessons": [], "threads": [], "follow_up": None,
                  "check_in": [], "events": [], "reviews_due": [], "suggestions": {"ready_solo": []}, "pairs": [],
                  "unpaired": [], "sign_in": [{"id": 1, "name": "Ada | Quill"}], "group_id": 1, "notes_to_finish": 2,
                  "measures_due": [{"id": 1, "name": "Ada | Quill", "instrument": "who5", "due": "2026-04-05",
                                    "last": "2026-01-05"}]}  # fmt: skip
    printed = prep_markdown(sheet_data)
    assert printed.startswith("# Riverside: meeting of 2026-03-17 18:00") and "| Ada / Quill | |" in printed
    assert "2 item(s) in `peertool note lint --group 1`." in printed
    assert "- Ada | Quill (id 1): who5, due 2026-04-05 (last 2026-01-05)" in printed
    assert "All in order." in prep_markdown({**sheet_data, "notes_to_finish": 0})


def test_bar_chart_of_a_rate_and_of_no_attendance() -> None:
    assert bar(0.8) == "████████░░ 80%"
    assert bar(None) == "no attendance taken"


CLEAR = "\x1b[2J"
SHOWN = "\\x1b[2J"


def test_the_bar_rounds_to_whole_blocks_and_percents() -> None:
    assert bar(0.25) == "██░░░░░░░░ 25%"  # 2.5 blocks round to even
    assert bar(0.666, width=3) == "██░ 67%"
    assert bar(1.0) == "█" * 10 + " 100%"


def test_outings_list_who_went_and_their_shares(capsys: pytest.CaptureFixture[str]) -> None:
    people: list[Share] = [{"id": 1, "name": "Ada Quill", "share": "12.00"},
                           {"id": 2, "name": "Bram Oakes", "share": "12.00"}]  # fmt: skip
    outings([{"id": 2, "group": "Riverside", "group_id": 1, "date": "2026-03-14", "kind": "partner",
              "activity": "Museum" + CLEAR, "cost": "24.00", "note": None, "people": people, "with_coach": False,
              "discount": "0.00", "paid_by": "fund", "staff": None}])  # fmt: skip
    assert capsys.readouterr().out.splitlines()[1] == (
        f"2\t2026-03-14\tpartner\tAda Quill, Bram Oakes\tMuseum{SHOWN}\t24.00\t12.00, 12.00"
    )


def _fund(fund: str | None) -> Budget:
    people: list[BudgetRow]
    people = [{"id": 1, "name": "Ada Quill", "spent": "330.00", "remaining": "-30.00", "over": True},
              {"id": 2, "name": "Bram Oakes", "spent": "0.00", "remaining": None, "over": False}]  # fmt: skip
    return {"group": "Riverside", "group_id": 1, "fund_per_participant": fund,
            "total": {"spent": "330.00", "fund": None, "remaining": None},
            "participants": people}  # fmt: skip


def test_the_fund_marks_who_is_over_and_says_when_no_fund_is_set(capsys: pytest.CaptureFixture[str]) -> None:
    budget(_fund("300.00"))
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "id\tname\tspent\tremaining",
        "1\tAda Quill\t330.00\t-30.00 (over)",
        "2\tBram Oakes\t0.00\t",
        "\tgroup\t330.00\t",
    ]
    assert captured.err == ""
    budget(_fund(None))
    assert capsys.readouterr().err == "No activity_fund is set in the config: showing spending only.\n"


def test_the_report_tables_go_to_stdout_and_its_suggestions_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    person: ReportPerson
    person = {"id": 4, "name": "Dev" + CLEAR, "status": "active", "stage": "partnered", "next_review": None,
              "attendance": {"present": 0, "recorded": 0, "rate": None}, "goals": {"set": 1, "achieved": 0},
              "outings": {"partner": 1, "solo": 3}, "units": [], "units_by_code": [], "measures": [],
              "connections": None, "attainment": {"rated": 0, "mean": None, "at_or_above_expected": 0}}  # fmt: skip
    report: Report
    report = {"group": "Riverside", "group_id": 1, "from": "2026-03-01", "to": "2026-03-31", "participants": [person],
              "months": [{"month": 3, "theme": "Social Interaction", "present": 0, "recorded": 0, "rate": None}],
              "threads": [{"tag": "housing", "count": 2, "last": "2026-03-24"}], "warnings": [],
              "contacts": NO_CONTACTS, "activities": NO_ACTIVITIES, "reliance": [],
              "suggestions": {"ready_solo": [{"id": 4, "name": "Dev Harlan", "solo_outings": 3}]},
              "recovery": {"measures": [], "attainment": {"rated": 0, "mean": None, "at_or_above_expected": 0},
                           "connections": {"active": 0, "mainstream": 0, "program": 0, "unclassified": 0,
                                           "mainstream_share": None, "people_with_any": 0,
                                           "by_month": []}}}  # fmt: skip
    report_table(report)
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert f"4\tDev{SHOWN}\tactive\tpartnered\t0/0\t0/1\t1\t3\t" in lines  # nothing recorded: no percentage
    assert "3\tSocial Interaction\tno attendance taken" in lines and "housing\t2\t2026-03-24" in lines
    assert "No one has two measures in this period yet." in lines
    assert captured.err == "Dev Harlan (id 4) has 3 solo outings: consider stage ready-solo.\n"


def _sheet() -> Prep:
    """A prep sheet with nothing to suggest; each test adds what it prints."""
    return {
        "group": "Riverside", "date": "2026-03-17", "time": None, "location": None, "coach": "Dana Reyes",
        "month": 3, "theme": "Social Interaction", "lessons": [], "threads": [], "follow_up": None,
        "check_in": [], "events": [], "reviews_due": [], "suggestions": {"ready_solo": []}, "pairs": [],
        "unpaired": [], "sign_in": [], "group_id": 1, "notes_to_finish": 0, "measures_due": [],
    }  # fmt: skip


def test_the_prep_sheet_suggests_lessons_and_partners(capsys: pytest.CaptureFixture[str]) -> None:
    plan: LessonBrief = {"title": "Small talk", "fit": 1.0, "matches": ["isolation"], "skill": "Starting a chat",
                         "outline": ["Warm up"], "prompts": ["Who do you talk to?"],
                         "practice": "Greet a neighbour"}  # fmt: skip
    pairs: list[Team] = [
        {"kind": "pair", "members": [{"id": 1, "name": "Ada Quill"}, {"id": 2, "name": "Bram Oakes"}], "reasons": []},
        {"kind": "coach", "members": [{"id": 3, "name": "Cleo Marsh"}], "reasons": []},
    ]
    dev: Named = {"id": 4, "name": "Dev Harlan"}
    text = prep_markdown({**_sheet(), "lessons": [plan], "pairs": pairs, "unpaired": [dev]})
    assert text.startswith("# Riverside: meeting of 2026-03-17\n")
    assert "### 1. Small talk (answers: isolation)\n\n*Skill:* Starting a chat\n\n1. Warm up\n" in text
    assert "- Ada Quill & Bram Oakes\n- Cleo Marsh & the coach\n- No partner: Dev Harlan\n" in text
    assert "Every plan for this theme has been used" in prep_markdown(_sheet())
    assert "- not paired yet" in prep_markdown(_sheet())


def test_the_prep_sheet_lists_recent_events_by_kind_and_date_and_marks_a_stay_still_open() -> None:
    stay: EventBrief = {"id": 1, "name": "Ada Quill", "kind": "hospitalization", "date": "2026-01-20", "open": True}
    referral: EventBrief = {"id": 2, "name": "Bram Oakes", "kind": "referral", "date": "2026-03-02", "open": None}
    text = prep_markdown({**_sheet(), "events": [stay, referral]})
    assert "- Ada Quill (id 1): hospitalization 2026-01-20 (open)\n- Bram Oakes (id 2): referral 2026-03-02\n" in text
    assert "## Recent events (the last 30 days, and stays still open)\n\n- none\n" in prep_markdown(_sheet())


def test_the_prep_sheet_at_a_terminal_escapes_controls_and_shows_link_addresses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    esme: Missed = {"id": 5, "name": "[Esme](http://example.org/x)" + CLEAR, "missed": ["2026-03-03", "2026-03-10"]}
    prep_table({**_sheet(), "check_in": [esme]})
    out = capsys.readouterr().out
    assert "\x1b" not in out and SHOWN in out
    assert "http://example.org/x" in out  # the address is shown as text, never a hidden link
