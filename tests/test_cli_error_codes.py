"""Failures of the machine or of the input get the documented exit code and a fitting hint (issue 23, item 13)."""

import pytest

LATIN_1 = "Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\n".encode("latin-1")


@pytest.mark.parametrize(
    "args",
    [
        ["note", "add", "1", "-"],
        ["meeting", "record", "Riverside", "--date", "2026-02-10", "--notes", "-"],
        ["plan", "edit", "1", "--from", "-"],
    ],
)
def test_standard_input_that_is_not_utf8_is_refused(riverside, args):
    before = riverside.dump()
    result = riverside(*args, input=LATIN_1)
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert "UTF-8" in result.stderr and "internal error" not in result.stderr
    assert riverside.dump() == before


def test_standard_input_keeps_its_text_and_line_ends(riverside):
    riverside.ok("note", "add", "1", "-", input="Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\r\nAgain.\n".encode())
    assert riverside.json("note", "list", "1")[0]["text"] == "Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\nAgain."
