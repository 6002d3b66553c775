"""`peertool contact`: community education with providers or natural supports, with no enrolled person."""

from helpers import Cli


def test_a_community_contact_is_recorded_and_listed(riverside: Cli) -> None:
    made = riverside.json("contact", "add", "--community", "--minutes", "45", "--mode", "phone", "--date",
                          "2026-02-03", "--audience", "natural-supports", "--text", "Family night talk",
                          "--group", "Riverside")  # fmt: skip
    assert (made["minutes"], made["units"], made["billed"], made["audience"]) == (45, 3, False, "natural-supports")
    assert (made["group"], made["interventions"]) == ({"id": 1, "name": "Riverside"}, ["community-education"])
    said = riverside.ok("contact", "add", "--community", "--minutes", "30", "--date", "2026-02-04")
    assert "community education" in said.stderr and "not billed" in said.stderr
    listed = riverside.json("contact", "list")
    assert [(c["date"], c["mode"]) for c in listed] == [("2026-02-03", "phone"), ("2026-02-04", "in-person")]
    assert "Family night talk" in riverside.ok("contact", "list").stdout
    assert riverside.json("note", "list", "1") == []


def test_a_contact_with_a_person_is_a_note_and_a_bad_one_saves_nothing(riverside: Cli) -> None:
    before = riverside.dump()
    person = riverside("contact", "add", "--minutes", "30")
    assert person.exit_code == 2 and "note add" in person.stderr
    assert riverside("contact", "add", "--community", "--minutes", "0").exit_code == 1
    assert riverside("contact", "add", "--community", "--minutes", "20", "--audience", "family").exit_code == 2
    assert riverside("contact", "add", "--community", "--minutes", "20", "--group", "Nowhere").exit_code == 3
    assert riverside.dump() == before
