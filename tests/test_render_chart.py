"""A person's chart as Markdown, in the order a reviewer reads it: stored text kept as entered (a quote for
its later lines), table cells flattened so the tables stay whole, controls escaped when it is printed."""

from typing import Any

import pytest

from peertool.render.chart import chart_markdown
from peertool.render.output import write_text

UNSIGNED: dict[str, Any] = {"signed": False, "signatures": [], "intact": None, "addenda": []}


def _meeting(**changes: Any) -> dict[str, Any]:
    meeting: dict[str, Any] = {
        "id": 12, "group": "Riverside", "date": "2026-03-03", "start": "18:00", "end": "19:30", "duration": 90,
        "month": 3, "theme": "Social Interaction", "lesson": None, "mode": "in-person", "homework": None,
        "status": "present", "minutes": 90, "units": 6, "attendance": {"present": 9, "marked": 10},
        "own_note": None, "group_notes": "Shared notes", "service": {"code": "H0038", "modifier": "HQ"}, **UNSIGNED,
    }  # fmt: skip
    return {**meeting, **changes}


def _chart(**changes: Any) -> dict[str, Any]:
    chart: dict[str, Any] = {
        "participant": {"id": 1, "name": "Ada Quill", "external_id": "RV|001", "enrolled_on": "2026-01-05",
                        "referral": None, "status": "active", "stage": "partnered",
                        "discharges": [{"date": "2026-02-01", "reason": "Moved", "readmitted_on": "2026-02-20"}]},
        "from": "2026-03-01", "to": "2026-03-31", "service": {"code": "H0038", "group_modifier": "HQ"},
        "screenings": [], "goals": [], "meetings": [], "contacts": [], "reviews": [], "events": [], "units": [],
        "group_notes_included": False,
    }  # fmt: skip
    return {**chart, **changes}


def test_the_header_and_enrollment_say_who_and_when_and_empty_sections_say_none() -> None:
    text = chart_markdown(_chart())
    assert text.startswith("# Chart: Ada Quill (id 1)\n\nPeriod: 2026-03-01 to 2026-03-31\n\n## Enrollment\n")
    assert "- Referral: not recorded\n" in text and "- Record number: RV/001\n" in text
    assert "- Discharged 2026-02-01: Moved; readmitted 2026-02-20\n" in text
    assert "## Goals\n\n- none\n" in text and "## Group meetings\n\n- none in this period\n" in text
    assert "## Reviews\n\n- none\n" in text
    assert "## Intake screenings\n\n- not screened\n" in text
    assert "## Events\n\n- none in this period\n" in text
    assert text.endswith("| month | group | individual | total |\n|---|---|---|---|\n")


def test_a_meeting_gives_their_attendance_and_own_note_and_the_group_notes_only_when_included() -> None:
    own = {"response": "Spoke about\nher week", "goal": {"id": 3, "text": "Ride the bus"}, "homework": "tried",
           "text": None}  # fmt: skip
    text = chart_markdown(_chart(meetings=[_meeting(own_note=own), _meeting(id=13, date="2026-03-10")]))
    assert "### 2026-03-03, 18:00-19:30: Riverside (meeting 12)\n" in text
    assert "- Month 3: Social Interaction; lesson: not recorded; in-person\n" in text
    assert "- Attendance: present, 90 of 90 min, 6 units (H0038-HQ); 9 of 10 members present\n" in text
    assert "- Signature: unsigned\n" in text
    assert "**Response:** Spoke about\n> her week\n" in text and "**Goal addressed:** 3: Ride the bus\n" in text
    assert "**Note:**" not in text  # an empty field is left out
    assert text.count("*No note of their own for this meeting.*") == 1  # meeting 13: present, no note
    assert "Shared notes" not in text
    shared = chart_markdown(_chart(meetings=[_meeting()], group_notes_included=True))
    assert "**Group notes (shared):** Shared notes\n" in shared


def test_contacts_reviews_and_units_in_full() -> None:
    note = {"id": 7, "date": "2026-03-04", "start": None, "end": None, "minutes": None, "units": None,
            "service": {"code": "H0038"}, "mode": "phone", "location": None, "goal": None, "text": "Called",
            "interventions": ["symptoms"], "details": None, "response": None, "plan": "Meet Tuesday", **UNSIGNED,
            "addenda": [{"at": "2026-03-05T09:00:00Z", "reason": "left out", "text": "Also  texted"}]}  # fmt: skip
    review = {"date": "2026-03-20", "progressing": True, "wants_to_continue": False, "more_to_try": False,
              "next_due": None, "discharge_criteria": ["A"], "note": "Doing  well"}  # fmt: skip
    units = [{"month": "2026-03", "group": 6, "individual": 1.5, "total": 7.5}]
    text = chart_markdown(_chart(contacts=[note], reviews=[review], units=units))
    assert "### 2026-03-04: contact note 7\n\n- phone, units not known\n" in text
    assert "**Note:** Called\n" in text and "**Plan:** Meet Tuesday\n" in text
    assert "**Interventions:** symptoms\n" in text
    assert "- *Addendum 2026-03-05T09:00:00Z* (left out): Also texted\n" in text
    assert (
        "- 2026-03-20: progressing yes, wants to continue no, more to try no; discharge criterion A; "
        "next due none. Doing well\n"
    ) in text
    assert "| 2026-03 | 6 | 1.5 | 7.5 |\n" in text


def test_stored_controls_are_escaped_when_the_chart_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    chart = _chart(participant={**_chart()["participant"], "name": "Ada\x1b]8;;http://x\x07 Quill"})
    assert "\x1b" in chart_markdown(chart)  # the Markdown keeps the text as stored ...
    write_text(chart_markdown(chart))  # as `participant chart` writes it
    out = capsys.readouterr().out
    assert out.startswith("# Chart: Ada\\x1b]8;;http://x\\x07 Quill (id 1)\n") and "\x1b" not in out  # ... not shown


def test_events_say_whether_a_stay_is_open_or_closed_and_a_goal_its_treatment_goal() -> None:
    stay = {
        "id": 1,
        "kind": "hospitalization",
        "date": "2026-01-12",
        "to": "County hospital",
        "note": None,
        "recorded_by": "coach",
        "open": False,
        "closed_on": "2026-01-20",
        "closes": None,
    }
    back = {
        **stay,
        "id": 2,
        "kind": "return",
        "date": "2026-01-20",
        "to": None,
        "note": "Home | well",
        "open": None,
        "closed_on": None,
        "closes": 1,
    }
    goal = {
        "id": 3,
        "text": "Sleep better",
        "domain": None,
        "treatment_goal": "Plan goal 2",
        "status": "active",
        "created_on": "2026-01-05",
        "updates": [],
    }
    text = chart_markdown(_chart(events=[stay, back, {**stay, "id": 4, "open": True, "closed_on": None}], goals=[goal]))
    assert "## Events\n\n- 2026-01-12: hospitalization, to County hospital (closed: returned 2026-01-20) " in text
    assert "- 2026-01-20: return. Home / well (recorded by coach)\n" in text
    assert "hospitalization, to County hospital (open) (recorded by coach)\n" in text
    assert "  - Treatment goal: Plan goal 2\n" in text


def test_a_chart_lists_the_activities_the_person_came_to_and_none_says_nothing() -> None:
    from peertool.render.chart import _activities

    assert _activities([]) == []
    came: list[dict[str, Any]] = [
        {"date": "2026-03-01", "kind": "spiritual", "title": "Service | vespers", "mainstream": True}
    ]
    assert _activities(came) == ["## Activities", "", "- 2026-03-01: spiritual, Service / vespers (mainstream)", ""]
