"""`peertool threads`: the threads a group keeps bringing up."""

from helpers import Cli, record


def test_threads_command(riverside: Cli) -> None:
    record(riverside, "--date", "2026-02-10", "--thread", "money")
    record(riverside, "--date", "2026-02-17", "--thread", "sleep", "--thread", "money")
    assert [t["tag"] for t in riverside.json("threads", "Riverside")] == ["money", "sleep"]
    assert [t["tag"] for t in riverside.json("threads", "Riverside", "--since", "2026-02-15")] == ["money", "sleep"]
    assert riverside.json("threads", "Riverside", "--since", "2026-02-15")[0]["count"] == 1
