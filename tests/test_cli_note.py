"""`note add` and `note edit`: one declaration of the argument and options they share, one reading of them."""

import dataclasses
import json

from peertool.cli.people.contacts import NoteOptions

from helpers import Cli


def test_add_and_edit_list_the_shared_options_in_one_order(riverside: Cli) -> None:
    shared = ["--" + field.name.replace("_", "-") for field in dataclasses.fields(NoteOptions) if field.name != "text"]
    for verb in ("add", "edit"):
        lines = riverside.ok("note", verb, "--help").stdout.splitlines()
        listed = [line.split()[0] for line in lines if line.strip().startswith("--")]
        start = listed.index(shared[0])
        assert listed[start : start + len(shared)] == shared


def test_add_and_edit_read_text_from_stdin_and_delete_prints_only_its_confirmation(riverside: Cli) -> None:
    added = json.loads(riverside.ok("note", "add", "1", "-", "--mode", "phone", "--json", input="Called.\n").stdout)
    edited = riverside.ok("note", "edit", str(added["id"]), "-", "--json", input="Called back.\n").stdout
    assert (added["text"], json.loads(edited)["text"]) == ("Called.", "Called back.")
    erased = riverside.ok("note", "delete", str(added["id"]), "--yes")
    assert erased.stdout == ""
    assert f"Erased contact note {added['id']}." in erased.stderr
