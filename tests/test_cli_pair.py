import json
from pathlib import Path
from typing import Any

from helpers import Cli, drop_in


def pair_sets(result: dict[str, Any]) -> set[frozenset[int]]:
    return {frozenset(m["id"] for m in p["members"]) for p in result["pairs"]}


def count_pairings(cli: Cli) -> int:
    return len(cli.json("pairs", "Riverside", "--history")["pairings"])


def test_pair_saves_and_json_has_the_contract_shape(riverside: Cli) -> None:
    result = riverside.json("pair", "Riverside")
    assert set(result) >= {"group", "pairs", "warnings"}
    assert len(result["pairs"]) == 5
    assert all(
        set(p) == {"kind", "members", "reasons"} and p["kind"] == "pair" and len(p["members"]) == 2
        for p in result["pairs"]
    )
    assert {m["id"] for p in result["pairs"] for m in p["members"]} == set(range(1, 11))
    assert pair_sets(riverside.json("pairs", "Riverside")) == pair_sets(result)


def test_dry_run_saves_nothing_and_same_seed_same_pairs(riverside: Cli) -> None:
    first = riverside.json("pair", "Riverside", "--dry-run", "--seed", "7")
    second = riverside.json("pair", "Riverside", "--dry-run", "--seed", "7")
    assert pair_sets(first) == pair_sets(second)
    assert count_pairings(riverside) == 0


def test_odd_count_is_refused_with_ways_out(riverside: Cli) -> None:
    before = riverside.dump()
    result = riverside("pair", "Riverside", "--exclude", "Ada Quill")
    assert result.exit_code == 1
    assert "9 people" in result.stderr and "--exclude" in result.stderr
    assert riverside.dump() == before


def test_too_small_a_group_is_refused(riverside: Cli) -> None:
    args = ["pair", "Riverside"] + [a for ref in range(1, 7) for a in ("--exclude", str(ref))]
    result = riverside(*args)
    assert result.exit_code == 1 and "4 people" in result.stderr


def test_impossible_constraints_name_who_and_why(riverside: Cli) -> None:
    before = riverside.dump()
    avoid = [a for other in range(2, 11) for a in ("--avoid", f"1,{other}")]
    result = riverside("pair", "Riverside", *avoid)
    assert result.exit_code == 1
    assert "id 1: --avoid with id 2" in result.stderr
    assert riverside.dump() == before


def test_contradictory_constraints_are_refused(riverside: Cli) -> None:
    assert riverside("pair", "Riverside", "--keep", "1,2", "--avoid", "2,1").exit_code == 1
    assert riverside("pair", "Riverside", "--keep", "1,2", "--keep", "1,3").exit_code == 1
    assert riverside("pair", "Riverside", "--keep", "1").exit_code == 1
    assert riverside("pair", "Riverside", "--exclude", "99").exit_code == 3


def test_keep_and_avoid_are_honoured(riverside: Cli) -> None:
    result = riverside.json("pair", "Riverside", "--keep", "Ada Quill,Bram Oakes", "--avoid", "3,5", "--explain")
    sets = pair_sets(result)
    assert frozenset((1, 2)) in sets and frozenset((3, 5)) not in sets
    kept = next(p for p in result["pairs"] if {m["id"] for m in p["members"]} == {1, 2})
    assert "kept together as asked (--keep)" in kept["reasons"]


def test_unpair_then_pair_never_rejoins_them_unless_kept(riverside: Cli) -> None:
    first = riverside.json("pair", "Riverside")
    team = next(iter(pair_sets(first)))
    a, b = sorted(team)
    riverside.ok("unpair", "Riverside", str(a), "--reason", "schedules never match")
    current = riverside.json("pairs", "Riverside")
    assert {p["id"] for p in current["unpaired"]} == {a, b}
    again = riverside.json("pair", "Riverside", "--keep-current")
    assert team not in pair_sets(again)
    # The two need new partners, so exactly one working pair must give way: no more.
    assert len(pair_sets(first) - {team} - pair_sets(again)) == 1
    for seed in range(5):
        assert team not in pair_sets(riverside.json("pair", "Riverside", "--dry-run", "--seed", str(seed)))
    kept = riverside.json("pair", "Riverside", "--dry-run", "--keep", f"{a},{b}")
    assert team in pair_sets(kept)


def test_unpair_without_a_partner_is_refused(riverside: Cli) -> None:
    assert riverside("unpair", "Riverside", "1", "--reason", "x").exit_code == 1


def test_history_lists_every_saved_pairing(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    riverside.ok("pair", "Riverside", "--seed", "3")
    history = riverside.json("pairs", "Riverside", "--history")
    assert [p["id"] for p in history["pairings"]] == [2, 1]
    assert all(len(p["pairs"]) == 5 for p in history["pairings"])


def test_repairing_avoids_repeats_and_explains(riverside: Cli) -> None:
    first = pair_sets(riverside.json("pair", "Riverside"))
    second = riverside.json("pair", "Riverside", "--explain")
    assert not first & pair_sets(second)
    assert all("never paired before" in p["reasons"] for p in second["pairs"])


def test_mixed_pair_warning_goes_to_stderr_and_json(cli: Cli) -> None:
    cli.ok("group", "create", "Small", "--start", "2026-01-05", "--weekday", "mon")
    for n, gender in enumerate(["male", "male", "male", "female", "female", "female"]):
        cli.ok("enroll", f"Person {n}", "--gender", gender, "--group", "Small")
    result = cli.ok("pair", "Small", "--json")
    data = json.loads(result.stdout)
    assert any("male/female" in w for w in data["warnings"])
    assert "Warning:" in result.stderr


def test_pairs_before_any_pairing(riverside: Cli) -> None:
    result = riverside.json("pairs", "Riverside")
    assert result["pairs"] == [] and len(result["unpaired"]) == 10


def test_keep_current_with_nothing_to_change_never_claims_it_saved(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    result = riverside("pair", "Riverside", "--keep-current")
    assert result.exit_code == 0 and "nothing was saved" in result.stderr and "Saved as" not in result.stderr
    assert json.loads(riverside.ok("pair", "Riverside", "--keep-current", "--json").stdout)["saved"] is False
    assert count_pairings(riverside) == 1


def test_keep_current_excluding_the_unpaired_saves_no_identical_pairing(riverside: Cli) -> None:
    absent = ["--exclude", "9", "--exclude", "10"]
    first = riverside.json("pair", "Riverside", *absent)
    for _ in range(2):
        again = riverside("pair", "Riverside", "--keep-current", *absent)
        assert again.exit_code == 0 and "nothing was saved" in again.stderr and "Saved as" not in again.stderr
    assert count_pairings(riverside) == 1
    assert pair_sets(riverside.json("pairs", "Riverside")) == pair_sets(first)
    changed = riverside.json("pair", "Riverside", "--keep-current", "--exclude", "1", "--exclude", "10")
    assert changed["saved"] is True and count_pairings(riverside) == 2


TRIO_OF_567 = ["--odd", "trio", "--keep", "1,2", "--keep", "3,4", "--exclude", "8", "--exclude", "9",
               "--exclude", "10"]  # fmt: skip


def test_unpair_a_trio_member_says_whom_they_leave_and_saves_once(riverside: Cli) -> None:
    made = riverside.json("pair", "Riverside", *TRIO_OF_567)
    assert frozenset((5, 6, 7)) in pair_sets(made)
    result = riverside("unpair", "Riverside", "5", "--reason", "x")
    assert result.exit_code == 0, result.stderr
    names = {m["id"]: m["name"] for p in made["pairs"] for m in p["members"]}
    assert all(names[i] in result.stderr for i in (5, 6, 7)) and "--odd trio" in result.stderr
    current = riverside.json("pairs", "Riverside")
    assert {5, 6, 7} <= {p["id"] for p in current["unpaired"]}
    assert riverside("unpair", "Riverside", "6", "--reason", "x").exit_code == 1


def test_unpair_a_trio_member_in_json_names_them_first(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside", *TRIO_OF_567)
    result = riverside.json("unpair", "Riverside", "6", "--reason", "x")
    assert [m["id"] for m in result["members"]] == [6, 5, 7] and len(result["ids"]) == 2


def test_unpair_a_pair_names_both(riverside: Cli) -> None:
    made = riverside.json("pair", "Riverside")
    a, b = made["pairs"][0]["members"]
    result = riverside("unpair", "Riverside", str(b["id"]), "--reason", "x")
    assert result.exit_code == 0
    assert f"{b['name']} and {a['name']} are no longer partners" in result.stderr
    assert "--keep-current" in result.stderr and "--odd" not in result.stderr


def no_trio_possible() -> list[str]:
    """Seven people (8 to 10 excluded) where 1-4 may not partner each other, nor 5-7: no three can be partners."""
    avoid = [f"{a},{b}" for block in ((1, 2, 3, 4), (5, 6, 7)) for x, a in enumerate(block) for b in block[x + 1 :]]
    return ["--exclude", "8", "--exclude", "9", "--exclude", "10"] + [x for pair in avoid for x in ("--avoid", pair)]


def test_a_failed_trio_is_named_as_the_problem_with_everyone_who_could_be_left_over(riverside: Cli) -> None:
    before = riverside.dump()
    result = riverside("pair", "Riverside", "--odd", "trio", *no_trio_possible())
    assert result.exit_code == 1
    assert "trio" in result.stderr and "any of ids 1, 2, 3, 4, over" in result.stderr and "--odd coach" in result.stderr
    names = [p["name"] for p in riverside.json("group", "show", "Riverside")["members"]]
    assert not any(name in result.stderr for name in names)
    assert riverside.dump() == before
    coached = riverside.json("pair", "Riverside", "--odd", "coach", *no_trio_possible())
    assert [m["id"] for p in coached["pairs"] if p["kind"] == "coach" for m in p["members"]][0] in {1, 2, 3, 4}


def test_keep_current_honours_a_new_avoid_on_a_working_pair(riverside: Cli) -> None:
    first = riverside.json("pair", "Riverside")
    a, b = sorted(next(iter(pair_sets(first))))
    again = riverside.json("pair", "Riverside", "--keep-current", "--avoid", f"{a},{b}")
    assert again["saved"] is True and frozenset((a, b)) not in pair_sets(again)


def test_losing_a_partner_is_warned_and_pairs_suggests_only_what_works(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    pairs = riverside.json("pairs", "Riverside")
    partner = pairs["pairs"][0]["members"][1]
    left = pairs["pairs"][0]["members"][0]
    result = riverside("discharge", str(left["id"]), "--reason", "moved away")
    assert result.exit_code == 0 and partner["name"] in result.stderr and "odd" in result.stderr
    shown = riverside.json("pairs", "Riverside")
    assert not any("--keep-current" in w for w in shown["warnings"])
    assert any("--odd" in w for w in shown["warnings"])


def test_keep_current_with_every_pair_intact_saves_nothing(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    result = riverside("pair", "Riverside", "--keep-current")
    assert result.exit_code == 0 and "nothing" in result.stderr.lower()
    assert len(riverside.json("pairs", "Riverside", "--history")["pairings"]) == 1


def test_an_odd_group_pairs_with_one_trio_or_the_coach(riverside: Cli, env: Path) -> None:
    riverside.ok("discharge", "Ivo Serra", "--reason", "moved away")
    refused = riverside("pair", "Riverside")
    assert refused.exit_code == 1 and "--odd" in refused.stderr
    trio = riverside.json("pair", "Riverside", "--odd", "trio")
    assert sorted(len(t["members"]) for t in trio["pairs"]) == [2, 2, 2, 3]
    assert [t["kind"] for t in trio["pairs"]].count("trio") == 1
    shown = riverside.json("pairs", "Riverside")
    assert shown["unpaired"] == [] and [t["kind"] for t in shown["pairs"]].count("trio") == 1
    coach = riverside.json("pair", "Riverside", "--odd", "coach")
    assert [t["kind"] for t in coach["pairs"]].count("coach") == 1
    assert "the coach" in riverside.ok("pairs", "Riverside").stdout
    (env / "peertool.yaml").write_text("pairing:\n  odd: trio\n")
    assert [t["kind"] for t in riverside.json("pair", "Riverside")["pairs"]].count("trio") == 1
    assert riverside.ok("prep", "Riverside", "--date", "2026-03-01", "--format", "markdown").stdout


def test_pairs_of_a_group_never_paired_says_so_once(riverside: Cli) -> None:
    result = riverside.ok("pairs", "Riverside")
    assert (result.stdout + result.stderr).count("has not been paired yet") == 1, (result.stdout, result.stderr)


def test_pairs_of_a_group_whose_program_does_not_pair_says_so(riverside: Cli, env: Path) -> None:
    drop_in(riverside, env, visits=False)
    result = riverside.ok("pairs", "Main St")
    assert "program 'independence' does not pair" in result.stderr and "peertool pair" not in result.stderr
