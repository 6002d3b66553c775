"""Intake screening: criteria met, every exclusion answered, who screened; the history kept; the admission gate."""

from typing import Any

import pytest

from peertool import definition
from peertool.db.connection import Database
from peertool.errors import ConfigError, InvalidInput
from peertool.people import intake
from peertool.people.participants import enroll

DEF = definition.DEFAULT


@pytest.fixture
def ada(db: Database) -> int:
    return int(enroll(db, {"name": "Ada Quill", "enrolled_on": "2026-01-05"}, max_group_size=12)["id"])


def screen(db: Database, ref: object, **given: Any) -> intake.Screened:
    fields: dict[str, Any] = {"meets": ["B,C"], "exclusions": {"A": "no", "B": "no"}, "on": "2026-01-05"}
    return intake.screen(db, ref, definition=DEF, **{**fields, **given})


def test_criteria_met_and_exclusions_no_admit(db: Database, ada: int) -> None:
    done = screen(db, ada, service_kinds=["clinical", "case-management"], services_text="sees Dr. Lee monthly")
    assert done["outcome"] == "eligible" and done["admitted"]
    assert [c["code"] for c in done["criteria_met"]] == ["B", "C"]
    assert done["criteria_met"][0]["text"].startswith("Is experiencing functional problems")
    assert [(e["code"], e["answer"]) for e in done["exclusions"]] == [("A", "no"), ("B", "no")]
    assert done["services"] == {"kinds": ["clinical", "case-management"], "text": "sees Dr. Lee monthly"}
    assert done["screened_by"] and done["definition_version"] == "builtin-1" and done["team_contact"] is None


def test_codes_are_typed_in_any_case_and_stored_as_defined(db: Database, ada: int) -> None:
    done = screen(db, ada, meets=["c", "b"], exclusions={"a": "no", "b": "NO"})
    assert [c["code"] for c in done["criteria_met"]] == ["B", "C"]


def test_an_exclusion_answered_yes_is_saved_and_not_admitted(db: Database, ada: int) -> None:
    done = screen(db, ada, exclusions={"A": "yes", "B": "no"})
    assert done["outcome"] == "excluded" and not done["admitted"]
    assert intake.history(db, ada)[0]["id"] == done["id"]


def test_no_criterion_met_is_not_eligible(db: Database, ada: int) -> None:
    assert screen(db, ada, meets=["none"])["outcome"] == "not-eligible"


@pytest.mark.parametrize(
    "given",
    [
        {"meets": ["H"]},  # not a criterion
        {"meets": []},
        {"meets": ["none", "B"]},
        {"exclusions": {"A": "no"}},  # B not answered
        {"exclusions": {"A": "no", "B": "no", "Z": "no"}},
        {"exclusions": {"A": "maybe", "B": "no"}},
        {"service_kinds": ["none", "clinical"]},
        {"service_kinds": ["dental"]},
        {"team_contact": "Dr. Lee, 555-0100"},  # no consent
        {"team_contact": "Dr. Lee, 555-0100", "team_consent": "no"},
        {"on": "2999-01-01"},
    ],
)
def test_a_wrong_screening_is_refused_and_saves_nothing(db: Database, ada: int, given: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput):
        screen(db, ada, **given)
    assert intake.history(db, ada) == []


def test_the_team_contact_is_kept_when_the_person_agrees(db: Database, ada: int) -> None:
    done = screen(db, ada, team_contact="Dr. Lee, 555-0100", team_consent="yes")
    assert done["team_contact"] == {"consent": True, "text": "Dr. Lee, 555-0100"}


def test_rescreening_keeps_the_history_and_the_latest_counts(db: Database, ada: int) -> None:
    first = screen(db, ada, exclusions={"A": "yes", "B": "no"}, on="2026-01-05")
    second = screen(db, ada, on="2026-02-01")
    assert [s["id"] for s in intake.history(db, "Ada Quill")] == [first["id"], second["id"]]
    latest = intake.latest(db, ada)
    assert latest is not None and latest["id"] == second["id"]
    on_the_fifth = intake.latest(db, ada, "2026-01-20")
    assert on_the_fifth is not None and on_the_fifth["id"] == first["id"]
    assert intake.latest(db, ada, "2026-01-01") is None


def test_the_gate_refuses_only_someone_whose_latest_screening_did_not_pass(db: Database, ada: int) -> None:
    intake.refuse_unless_admitted(db, ada, "2026-01-10", "join a group")  # not screened: not blocked
    screen(db, ada, exclusions={"A": "yes", "B": "no"}, on="2026-01-05")
    with pytest.raises(InvalidInput, match="exclusion A applies"):
        intake.refuse_unless_admitted(db, ada, "2026-01-10", "join a group")
    screen(db, ada, on="2026-02-01")
    intake.refuse_unless_admitted(db, ada, "2026-02-02", "join a group")


def test_a_record_keeps_the_version_it_was_screened_under(db: Database, ada: int) -> None:
    first = screen(db, ada)
    other = definition.check({"version": "state-2", "service_criteria": {"Q": "Wants a peer"},
                              "exclusions": {"R": "Is at risk"}}, "test")  # fmt: skip
    intake.screen(db, ada, definition=other, meets=["Q"], exclusions={"R": "no"}, on="2026-02-01")
    old, new = intake.history(db, ada)
    assert old == {k: v for k, v in first.items() if k != "warnings"}
    assert new["definition_version"] == "state-2" and new["criteria_met"] == [{"code": "Q", "text": "Wants a peer"}]


def test_the_same_version_with_other_wording_is_refused(db: Database, ada: int) -> None:
    screen(db, ada)
    reworded: definition.Definition = {**DEF, "exclusions": {"A": "Other words", "B": "More"}}
    with pytest.raises(ConfigError):
        intake.screen(db, ada, definition=reworded, meets=["B"], exclusions={"A": "no", "B": "no"})
    assert len(intake.history(db, ada)) == 1


def test_summary_and_unscreened(db: Database, ada: int) -> None:
    assert intake.unscreened(db) == [(ada, "Ada Quill", "2026-01-05")]
    done = screen(db, ada, exclusions={"A": "yes", "B": "no"})
    summary = intake.summary(done)
    assert summary is not None and summary["exclusions_yes"] == ["A"] and summary["criteria_met"] == ["B", "C"]
    assert intake.summary(None) is None and intake.unscreened(db) == []
