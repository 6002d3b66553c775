"""CLI: peertool participant."""

from helpers import Cli

# Teams kept as asked, three left out: Esme, Finn and Gale (5, 6, 7) make the trio.
TRIO_OF_567 = ["--odd", "trio", "--keep", "1,2", "--keep", "3,4", "--exclude", "8", "--exclude", "9",
               "--exclude", "10"]  # fmt: skip


def test_delete_erases_the_third_member_of_a_trio_with_their_team(riverside: Cli) -> None:
    """Found by tests/test_db_schema.py: erasure missed `third_id` (0010), so the person's link stayed and the
    erase failed as an internal error (exit 70)."""
    riverside.ok("pair", "Riverside", *TRIO_OF_567)
    riverside.ok("participant", "delete", "7", "--yes")
    assert riverside("participant", "show", "7").exit_code == 3
    teams = riverside.json("pairs", "Riverside")
    assert all(7 not in {m["id"] for m in team["members"]} for team in teams["pairs"])
