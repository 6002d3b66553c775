"""Outcomes rendered: the same facts as the JSON, as bars and Markdown for people and files."""

from typing import Any

from peertool.render.outcomes import bar, prep_markdown, ready_solo_lines, report_markdown


def test_bar_chart() -> None:
    assert bar(0.8) == "████████░░ 80%" and bar(None) == "no attendance taken" and bar(0) == "░" * 10 + " 0%"


def test_report_and_prep_markdown_draw_from_the_data() -> None:
    person = {"id": 4, "name": "Dev Harlan", "status": "active", "stage": "partnered", "next_review": "2026-06-09",
              "attendance": {"present": 1, "recorded": 2, "rate": 0.5}, "goals": {"set": 1, "achieved": 0},
              "outings": {"partner": 1, "solo": 0},
              "units": [{"month": "2026-03", "group": 6, "individual": 1.5, "total": 7.5}],
              "measures": [{"instrument": "who5", "unit": "percentage points", "change": 24, "meaningful": True,
                            "improved": True, "low": False, "range": [0, 100],
                            "first": {"id": 1, "date": "2026-01-06", "score": 9, "percent": 36},
                            "latest": {"id": 2, "date": "2026-04-07", "score": 15, "percent": 60},
                            "scores": [{"id": 1, "date": "2026-01-06", "score": 9, "percent": 36},
                                       {"id": 2, "date": "2026-04-07", "score": 15, "percent": 60}]}],
              "connections": {"active": 2, "mainstream": 1, "program": 1, "mainstream_share": 0.5,
                              "kinds": {"person": 1, "group": 1, "place": 0, "role": 0},
                              "by_month": [{"month_end": "2026-03-31", "active": 1},
                                           {"month_end": "2026-04-30", "active": 2}]},
              "attainment": {"rated": 1, "mean": 1, "at_or_above_expected": 1}}  # fmt: skip
    ready = [{"id": 6, "name": "Finn | Rowe", "solo_outings": 3}]
    report = {"group": "Riverside", "from": "2026-03-01", "to": "2026-03-31", "participants": [person],
              "months": [{"month": 3, "theme": "Social Interaction", "present": 1, "recorded": 2, "rate": 0.5}],
              "threads": [], "suggestions": {"ready_solo": ready},
              "recovery": {"measures": [{"instrument": "who5", "people": 1, "mean_change": 24,
                                         "unit": "percentage points", "improved": 1, "worsened": 0}],
                           "connections": {"active": 2, "mainstream": 1, "mainstream_share": 0.5,
                                           "people_with_any": 1},
                           "attainment": {"rated": 1, "mean": 1, "at_or_above_expected": 1}}}  # fmt: skip
    text = report_markdown(report)
    assert "| 4 | Dev Harlan | active | partnered | 1/2 (50%) | 0/1 | 1 | 0 | 2026-06-09 |" in text
    assert "- Finn | Rowe (id 6) has 3 solo outings: consider stage ready-solo." in text
    assert "- none recorded" in text
    assert "| 4 | Dev Harlan | 2026-03 | 6 | 1.5 | 7.5 |" in text
    assert "| 4 | Dev Harlan | who5 | +24 (gain) | ▄▅ | 36% 2026-01-06 | 60% 2026-04-07 |" in text
    assert "| 4 | Dev Harlan | 2 | 1 | 1 | 50% | 1 2 |" in text and "| 4 | Dev Harlan | 1 | +1 | 1 |" in text
    assert (
        "- who5: mean change +24 percentage points over 1 person (1 meaningful gain(s), 0 meaningful drop(s))." in text
    )
    assert ready_solo_lines([]) == []
    sheet_data: dict[str, Any]
    sheet_data = {"group": "Riverside", "date": "2026-03-17", "time": "18:00", "location": None, "coach": None,
                  "month": 3, "theme": "Social Interaction", "lessons": [], "threads": [], "follow_up": None,
                  "check_in": [], "reviews_due": [], "suggestions": {"ready_solo": []}, "pairs": [], "unpaired": [],
                  "sign_in": [{"id": 1, "name": "Ada | Quill"}], "group_id": 1, "notes_to_finish": 2,
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
