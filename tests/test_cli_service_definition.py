"""Issue 26's walk through the service definition, as a coach would take it: screened, admitted, served with
coded contacts, hospitalized and back, reviewed, discharged at their wish; someone excluded is refused; the chart,
the report and the de-identified export show all of it, and the export no free text."""

import datetime as dt
import json

from helpers import Cli, Today

# The names, and text that never leaves (where she was admitted, her other services); then the contact notes'
# own words, which leave only with --include-notes (scrubbed of names).
FREE_TEXT = ("Rae", "Lin", "County hospital", "Weekly therapy", "bus route", "Check-in", "Felt calmer")


def _served(cli: Cli) -> None:
    """Rae Lin: screened (B and C, no exclusion), in Elm, two coded contacts (one by phone), a stay in hospital."""
    cli.ok("group", "create", "Elm", "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00")
    cli.ok("enroll", "Rae Lin", "--enrolled-on", "2026-01-05")
    intake = ["intake", "Rae Lin", "--meets", "B,C", "--exclusion", "A=no", "--exclusion", "B=no"]
    screened = cli.json(*intake, "--service-kind", "clinical", "--services", "Weekly therapy", "--date", "2026-01-05")
    assert (screened["outcome"], screened["admitted"]) == ("eligible", True)
    assert screened["definition_version"] == "builtin-1"
    cli.ok("group", "add", "Elm", "Rae Lin", "--date", "2026-01-05")
    cli.ok("note", "add", "Rae Lin", "Practised the bus route", "--intervention", "self-help", "--minutes", "20",
           "--date", "2026-01-07", "--response", "Felt calmer")  # fmt: skip
    cli.ok("note", "add", "Rae Lin", "Check-in", "--intervention", "pre-crisis,symptoms", "--mode", "phone",
           "--minutes", "15", "--date", "2026-01-08")  # fmt: skip
    cli.ok("event", "add", "Rae Lin", "--kind", "hospitalization", "--date", "2026-01-12", "--to", "County hospital")
    cli.ok("event", "add", "Rae Lin", "--kind", "return", "--date", "2026-01-20")


def test_a_person_served_by_the_definition_from_screening_to_discharge(cli: Cli, today: Today) -> None:
    today(dt.date(2026, 2, 2))
    _served(cli)
    refused = cli("note", "add", "Rae Lin", "x", "--intervention", "selfhelp")
    assert refused.exit_code == 1 and "self-help, community-education" in refused.stderr

    review = cli("review", "Rae Lin", "--progressing", "yes", "--wants-to-continue", "no", "--more-to-try", "no",
                 "--date", "2026-01-21")  # fmt: skip
    assert review.exit_code == 0 and "Services should end" in review.stderr
    assert "--reason-code no-longer-wishes" in review.stderr
    [reviewed] = cli.json("review", "list", "Rae Lin")
    assert (reviewed["discharge_criteria"], reviewed["next_due"]) == (["A"], None)
    report = cli.json("report", "Elm", "--from", "2026-01-01", "--to", "2026-01-31")["contacts"]
    assert [(row["code"], row["contacts"]) for row in report["by_intervention"]] == [
        ("self-help", 1), ("pre-crisis", 1), ("symptoms", 1)]  # fmt: skip
    assert report["face_to_face"]["share"] == 0.5
    discharged = cli.json("discharge", "Rae Lin", "--reason-code", "no-longer-wishes", "--date", "2026-01-22")
    assert discharged["discharges"][-1]["reason_code"] == "no-longer-wishes"

    chart = cli.json("participant", "chart", "Rae Lin")
    assert [s["outcome"] for s in chart["screenings"]] == ["eligible"]
    assert [(c["mode"], c["interventions"]) for c in chart["contacts"]] == [
        ("in-person", ["self-help"]), ("phone", ["pre-crisis", "symptoms"])]  # fmt: skip
    assert [(e["kind"], e["open"]) for e in chart["events"]] == [("hospitalization", False), ("return", None)]
    assert chart["reviews"][0]["discharge_criteria"] == ["A"]


def test_a_person_screened_with_exclusion_a_is_refused_admission(cli: Cli, today: Today) -> None:
    today(dt.date(2026, 2, 2))
    _served(cli)
    cli.ok("enroll", "Sam Orr", "--enrolled-on", "2026-01-05")
    screened = cli("intake", "Sam Orr", "--meets", "C", "--exclusion", "A=yes", "--exclusion", "B=no", "--json")
    assert screened.exit_code == 1 and "exclusion A" in screened.stderr and "--kind referral" in screened.stderr
    assert json.loads(screened.stdout)["outcome"] == "excluded"  # saved: the screening is the record
    assert [s["outcome"] for s in cli.json("intake", "list", "Sam Orr")] == ["excluded"]
    joined = cli("group", "add", "Elm", "Sam Orr")
    assert joined.exit_code == 1 and "not admitted" in joined.stderr
    assert [m["name"] for m in cli.json("group", "show", "Elm")["members"]] == ["Rae Lin"]


def test_the_deidentified_export_carries_codes_and_never_free_text(cli: Cli, today: Today) -> None:
    today(dt.date(2026, 2, 2))
    _served(cli)
    for notes in ([], ["--include-notes"]):
        exported = cli.ok("export", "--deidentify", "--json", *notes).stdout
        tables = json.loads(exported)["tables"]
        assert sorted(row["code"] for row in tables["contact_interventions"]) == ["pre-crisis", "self-help", "symptoms"]
        assert sorted(row["mode"] for row in tables["contact_notes"]) == ["in-person", "phone"]
        assert [row["kind"] for row in tables["events"]] == ["hospitalization", "return"]
        assert {(row["kind"], row["code"], row["answer"]) for row in tables["screening_answers"]} >= {
            ("criterion", "B", 1), ("criterion", "C", 1), ("exclusion", "A", 0)}  # fmt: skip
        leaked = [word for word in FREE_TEXT if word in exported]
        assert leaked == ([] if not notes else ["bus route", "Check-in", "Felt calmer"]), leaked
