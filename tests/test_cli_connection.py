"""`peertool connection`: natural supports and community connections, added, listed and ended."""

from helpers import Cli


def test_connections_are_added_listed_and_ended(measured: Cli) -> None:
    listed = measured.json("connection", "list", "Ada Quill")
    assert [(c["text"], c["kind"], c["setting"], c["active"]) for c in listed] == [
        ("Tuesday garden club", "group", "mainstream", True),
        ("Peer drop-in centre", "place", "program", True),
    ]
    ended = measured.json("connection", "end", "2", "--date", "2026-03-20")
    assert (ended["ended_on"], ended["active"]) == ("2026-03-20", False)
    assert measured("connection", "end", "2").exit_code == 1
    assert measured("connection", "end", "1", "--date", "2026-01-01").exit_code == 1
    assert [c["id"] for c in measured.json("connection", "list", "--active")] == [1, 3]
    both = measured("connection", "add", "1", "Choir", "--kind", "group", "--mainstream", "--program")
    assert both.exit_code == 1 and "not both" in both.stderr
    assert measured("connection", "add", "1", "Choir", "--kind", "club").exit_code == 2


def test_a_connection_is_classified_mainstream_or_program(measured: Cli) -> None:
    measured.ok("connection", "add", "1", "Walking friend", "--kind", "person")
    assert measured.json("connection", "edit", "4", "--mainstream")["setting"] == "mainstream"
    assert "Connection 4 is program." in measured.ok("connection", "edit", "4", "--program").stderr
    assert measured.json("connection", "list", "Ada Quill")[-1]["setting"] == "program"
    both = measured("connection", "edit", "4", "--mainstream", "--program")
    assert both.exit_code == 1 and "not both" in both.stderr
    assert measured("connection", "edit", "4").exit_code == 2  # nothing to change
    assert measured("connection", "edit", "99", "--program").exit_code == 3
